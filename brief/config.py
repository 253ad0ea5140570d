"""Configuration: one typed object from ``config.toml`` in the user config folder and ``BRIEF_*``.

The same file lets a person correct the index: extra entities with their aliases (found
wherever the text names them, and always resolved to that entity) and names that must never
be tagged. Example::

    cache_dir = "/data/brief-cache"

    ignore = ["Breaking News", "Live Updates"]

    [[entities]]
    name = "Acme Corporation"
    type = "organization"
    aliases = ["Acme", "ACME Corp"]
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import platformdirs

from brief.pipeline.text import one_line

if TYPE_CHECKING:
    from typing import Unpack

ENVIRONMENT = ("cache_dir", "extractor", "spacy_model")
"""The settings that ``BRIEF_<NAME>`` environment variables override."""
EXTRACTORS = ("builtin", "spacy")
TYPES = ("person", "organization")


def config_file() -> Path:
    """``$BRIEF_CONFIG`` or ``<user config dir>/brief/config.toml`` (honours ``XDG_CONFIG_HOME``)."""
    chosen = os.environ.get("BRIEF_CONFIG")
    return Path(chosen) if chosen else Path(platformdirs.user_config_dir("brief", appauthor=False)) / "config.toml"


def _shown(value: Any) -> str:
    """A wrong value as an error message quotes it: on one line, and not the whole of a long list."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the reason."""


class Overrides(TypedDict, total=False):
    """What the command line (or a test) sets for one run, over the file and the environment.

    None means "not given": the file's or the environment's value stays.
    """

    cache_dir: Path | None
    use_cache: bool | None
    extractor: str | None
    refresh: bool | None


@dataclass(frozen=True)
class UserEntity:
    """An entity the user declares: tagged wherever one of its names appears."""

    name: str
    type: str = "organization"  # or "person"
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class Settings:
    """brief's settings, from config.toml, with ``BRIEF_*`` environment variables on top.

    A frozen dataclass checked by hand rather than a pydantic model: the reader reads it on its
    way to the first screen, and the checks are few (pydantic costs ~100 ms to import).
    """

    cache_dir: Path | None = None
    """Where the index cache lives (default: the user cache folder)."""
    extractor: str = "builtin"
    """Which entity extractor to use: brief's own, or "spacy" when installed (``brief[spacy]``)."""
    spacy_model: str = "en_core_web_sm"
    """The spaCy pipeline to load for ``extractor = "spacy"``."""
    entities: tuple[UserEntity, ...] = ()
    """Extra entities and aliases that correct the extractor."""
    ignore: tuple[str, ...] = field(default=())
    """Names never tagged as a person or organization."""
    use_cache: bool = True
    """Whether the index is kept on disk (``--no-cache`` turns it off for one run)."""
    refresh: bool = False
    """Whether links and feeds are fetched again rather than read from the cache (``--refresh``)."""

    def overridden(self, **overrides: Unpack[Overrides]) -> Settings:
        """These settings with what the command line gave (None: not given) put on top, checked."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        data = json.loads(self.to_json()) | given
        if given.get("cache_dir") is not None:
            data["cache_dir"] = str(given["cache_dir"])
        return Settings.from_data(data)

    def corrections_key(self) -> str:
        """Changes whenever the corrections change, so cached analyses are redone."""
        data = json.dumps([[asdict(e) for e in self.entities], sorted(self.ignore)], sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:12] if self.entities or self.ignore else ""

    def to_json(self) -> str:
        data = asdict(self)
        data["cache_dir"] = str(self.cache_dir) if self.cache_dir else None
        return json.dumps(data)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Settings:
        """Checked settings from parsed TOML (or ``to_json``); raises ``ValueError`` saying what is wrong."""
        def text(key: str, value: Any) -> str:
            if not isinstance(value, str) or not value:
                raise ValueError(f"{key}: expected a non-empty string, got {_shown(value)}")
            return value

        def name(key: str, value: Any) -> str:
            """A name to find in articles, cleaned as their text is (escape codes in config.toml go too)."""
            cleaned = one_line(text(key, value))
            if not cleaned:
                raise ValueError(f"{key}: expected a name, got {_shown(value)}")
            return cleaned

        def texts(key: str, value: Any) -> tuple[str, ...]:
            if not isinstance(value, list | tuple):
                raise ValueError(f"{key}: expected a list of strings, got {_shown(value)}")
            return tuple(name(f"{key}[{i}]", v) for i, v in enumerate(value))

        def flag(key: str, value: Any) -> bool:
            if not isinstance(value, bool):
                raise ValueError(f"{key}: expected true or false, got {_shown(value)}")
            return value

        extractor = text("extractor", data.get("extractor", "builtin"))
        if extractor not in EXTRACTORS:
            raise ValueError(f"extractor: expected one of {', '.join(EXTRACTORS)}, got {_shown(extractor)}")
        declared = data.get("entities", [])
        if not isinstance(declared, list | tuple):
            raise ValueError(f"entities: expected a list of [[entities]] tables, got {_shown(declared)}")
        entities = []
        for i, e in enumerate(declared):
            if not isinstance(e, dict):
                raise ValueError(f"entities[{i}]: expected a table with name, type and aliases")
            kind = text(f"entities[{i}].type", e.get("type", "organization"))
            if kind not in TYPES:
                raise ValueError(f"entities[{i}].type: expected person or organization, got {_shown(kind)}")
            entities.append(UserEntity(name(f"entities[{i}].name", e.get("name")), kind,
                                       texts(f"entities[{i}].aliases", e.get("aliases", []))))
        cache = data.get("cache_dir")
        try:
            folder = Path(text("cache_dir", cache)).expanduser() if cache is not None else None
        except RuntimeError as err:  # '~nobody/...'
            raise ValueError(f"cache_dir: {err}") from None
        return cls(cache_dir=folder, extractor=extractor,
                   spacy_model=text("spacy_model", data.get("spacy_model", "en_core_web_sm")),
                   entities=tuple(entities), ignore=texts("ignore", data.get("ignore", [])),
                   use_cache=flag("use_cache", data.get("use_cache", True)),
                   refresh=flag("refresh", data.get("refresh", False)))


def load_settings(**overrides: Unpack[Overrides]) -> Settings:
    """The settings: the config file, then ``BRIEF_*`` environment variables, then ``overrides``.

    The one place where the three meet; everything downstream is handed the result.
    """
    path = config_file()
    data: dict[str, Any] = {}
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raw = None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: {err}") from err
    if raw is not None:
        import tomllib  # only with a config file: most starts have none

        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{path}: {err}") from err
    for name in ENVIRONMENT:
        value = os.environ.get(f"BRIEF_{name.upper()}")
        if value:
            data[name] = value
    try:
        settings = Settings.from_data(data)
    except ValueError as err:
        raise ConfigError(f"{path}: {err}") from err
    return settings.overridden(**overrides)


def resolve(settings: Settings | None, **overrides: Unpack[Overrides]) -> Settings:
    """``settings`` (loaded when None) with ``overrides`` on top: what Library and the app are built with."""
    return settings.overridden(**overrides) if settings is not None else load_settings(**overrides)
