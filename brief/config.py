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
from typing import Any

import platformdirs

ENVIRONMENT = ("cache_dir", "extractor", "spacy_model")
"""The settings that ``BRIEF_<NAME>`` environment variables override."""
EXTRACTORS = ("builtin", "spacy")
TYPES = ("person", "organization")


def config_file() -> Path:
    """``$BRIEF_CONFIG`` or ``<user config dir>/brief/config.toml`` (honours ``XDG_CONFIG_HOME``)."""
    chosen = os.environ.get("BRIEF_CONFIG")
    return Path(chosen) if chosen else Path(platformdirs.user_config_dir("brief", appauthor=False)) / "config.toml"


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the reason."""


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
                raise ValueError(f"{key}: expected a non-empty string, got {value!r}")
            return value

        def texts(key: str, value: Any) -> tuple[str, ...]:
            if not isinstance(value, list | tuple):
                raise ValueError(f"{key}: expected a list of strings, got {value!r}")
            return tuple(text(f"{key}[{i}]", v) for i, v in enumerate(value))

        extractor = text("extractor", data.get("extractor", "builtin"))
        if extractor not in EXTRACTORS:
            raise ValueError(f"extractor: expected one of {', '.join(EXTRACTORS)}, got {extractor!r}")
        entities = []
        for i, e in enumerate(data.get("entities", [])):
            if not isinstance(e, dict):
                raise ValueError(f"entities[{i}]: expected a table with name, type and aliases")
            kind = text(f"entities[{i}].type", e.get("type", "organization"))
            if kind not in TYPES:
                raise ValueError(f"entities[{i}].type: expected person or organization, got {kind!r}")
            entities.append(UserEntity(text(f"entities[{i}].name", e.get("name")), kind,
                                       texts(f"entities[{i}].aliases", e.get("aliases", []))))
        cache = data.get("cache_dir")
        return cls(cache_dir=Path(text("cache_dir", cache)).expanduser() if cache else None, extractor=extractor,
                   spacy_model=text("spacy_model", data.get("spacy_model", "en_core_web_sm")),
                   entities=tuple(entities), ignore=texts("ignore", data.get("ignore", [])))


def load_settings() -> Settings:
    """The settings from the config file and the environment."""
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
        return Settings.from_data(data)
    except ValueError as err:
        raise ConfigError(f"{path}: {err}") from err
