"""Configuration: one typed object from ``config.toml`` in the user config folder and ``BRIEF_*``.

The same file lets a person correct the index: extra entities with their aliases (found
wherever the text names them, and always resolved to that entity: the articles are analysed
again when these change), and fixes applied to the index as it is, without analysing anything
again: names that are not entities, a type changed, two entities merged, a name split off an
entity it was wrongly joined to. The reader's "why" dialog (key ``w``) writes the fixes. Example::

    cache_dir = "/data/brief-cache"

    ignore = ["Breaking News", "Live Updates"]

    [[entities]]
    name = "Acme Corporation"
    type = "organization"
    aliases = ["Acme", "ACME Corp"]

    [[retype]]
    name = "Harbour Wire"
    type = "organization"

    [[merge]]
    name = "Acme Labs"
    into = "Acme Corporation"

    [[split]]
    name = "AC"
    from = "Acme Corporation"

brief writes to this file only to add a fix (``brief.pipeline.corrections.write_fix``): under a lock
that brief processes share, written as the file already writes that table, and only when the
result reads back as the file plus the fix; a file it cannot read, or a read-only one, is left as
it is. Before the index is brought to the fixes, the file is read again (``with_current_fixes``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import platformdirs

from brief.labels import LABELS
from brief.pipeline.text import one_line

if TYPE_CHECKING:
    from typing import Unpack

ENVIRONMENT = ("cache_dir", "extractor", "spacy_model", "user", "index_url")
"""The settings that ``BRIEF_<NAME>`` environment variables override."""
EXTRACTORS = ("builtin", "spacy")
TYPES = ("person", "organization")
FIX_TABLES = {"retype": ("type", "type"), "merge": ("merge", "into"), "split": ("split", "from")}
"""TOML table -> (the fix's action, the key that holds its value)."""


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
    index_url: str | None
    extractor: str | None
    refresh: bool | None
    corpus: str | None


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
class Fix:
    """A correction applied to the index itself: ``action`` on the entity (or the name) ``name``.

    - "ignore": the name is not an entity (the ``ignore`` list);
    - "type": the entity is of type ``value`` (a ``[[retype]]`` table);
    - "merge": the entity is the one named ``value`` (``[[merge]]``, ``into``);
    - "split": mentions written ``name`` are not the entity named ``value`` (``[[split]]``, ``from``).
    """

    action: str
    name: str
    value: str = ""

    def table(self) -> tuple[str, dict[str, str]]:
        """The TOML table this fix is written as, and its keys."""
        table = next(t for t, (action, _key) in FIX_TABLES.items() if action == self.action)
        return table, {"name": self.name, FIX_TABLES[table][1]: self.value}


@dataclass(frozen=True)
class Settings:
    """brief's settings, from config.toml, with ``BRIEF_*`` environment variables on top.

    A frozen dataclass checked by hand (``from_data``, once, where the file and the environment are
    read) rather than a pydantic model: the reader reads it on its way to the first screen, the
    checks are few, and importing pydantic and building the models cost ~135 ms there, half of
    brief's whole start (bench/bench_startup.py). It goes to worker processes as it is (pickled).
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
    """Names that are not entities: never listed, whatever the extractor says."""
    fixes: tuple[Fix, ...] = ()
    """Types changed, entities merged and names split off (retypes, then merges, then splits, each in file order)."""
    user: str = ""
    """Who the fixes made here are recorded as in a corpus's index (default: the login name)."""
    use_cache: bool = True
    """Whether the index is kept on disk (``--no-cache`` turns it off for one run)."""
    refresh: bool = False
    """Whether links and feeds are fetched again rather than read from the cache (``--refresh``)."""
    index_url: str | None = None
    """A shared index on PostgreSQL (``postgresql://...``, ``--index``) instead of the SQLite file in the cache."""
    corpus: str | None = None
    """The named corpus to open (``--corpus NAME``, ``brief.pipeline.corpora``): its paths and its own index."""
    read_from: Path | None = field(default=None, compare=False, repr=False)
    """The config file these settings were read from (None: built in code): its fixes are read again
    before the index is brought to them (``with_current_fixes``), so another process's fixes stay."""

    def overridden(self, **overrides: Unpack[Overrides]) -> Settings:
        """These settings with what the command line gave (None: not given) put on top.

        The values come typed from argparse (or a test); only the extractor's name is checked, as
        the file's is. Nothing is validated again: the rest was checked when it was read.
        """
        given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        if "extractor" in given and given["extractor"] not in EXTRACTORS:
            raise ValueError(f"extractor: expected one of {', '.join(EXTRACTORS)}, got {_shown(given['extractor'])}")
        if "cache_dir" in given:
            given["cache_dir"] = Path(given["cache_dir"]).expanduser()
        if "index_url" in given:
            given["index_url"] = _index_url(given["index_url"])
        return replace(self, **given)

    def who(self) -> str:
        """The name a fix made here is recorded under: ``user`` (``BRIEF_USER``), else the login name."""
        if self.user:
            return self.user
        import getpass

        try:
            return getpass.getuser()
        except (KeyError, OSError):  # no login name (a container's unnamed uid)
            return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"

    def corrections_key(self) -> str:
        """Changes whenever the declared entities change, so cached analyses are redone (the fixes
        are applied to the index as it is: ``index_fixes``)."""
        data = json.dumps([asdict(e) for e in self.entities], sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:12] if self.entities else ""

    @property
    def index_fixes(self) -> tuple[Fix, ...]:
        """Every fix the index applies to itself: the names ignored, then the file's fixes."""
        return tuple(Fix("ignore", name) for name in self.ignore) + self.fixes

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Settings:
        """Checked settings from parsed TOML (and ``BRIEF_*``); raises ``ValueError`` saying what is wrong."""
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
        fixes = []
        for table, (action, key) in FIX_TABLES.items():
            given = data.get(table, [])
            if not isinstance(given, list | tuple):
                raise ValueError(f"{table}: expected a list of [[{table}]] tables, got {_shown(given)}")
            for i, e in enumerate(given):
                if not isinstance(e, dict):
                    raise ValueError(f"{table}[{i}]: expected a table with name and {key}")
                value = text(f"{table}[{i}].{key}", e.get(key))
                if action == "type":
                    value = value.lower()  # "Person" is "person"
                if action == "type" and value not in LABELS:
                    raise ValueError(f"{table}[{i}].type: expected one of {', '.join(LABELS)}, got {value!r}")
                fixes.append(Fix(action, text(f"{table}[{i}].name", e.get("name")), value))
        cache = data.get("cache_dir")
        try:
            folder = Path(text("cache_dir", cache)).expanduser() if cache is not None else None
        except RuntimeError as err:  # '~nobody/...'
            raise ValueError(f"cache_dir: {err}") from None
        url = data.get("index_url")
        return cls(cache_dir=folder, extractor=extractor, index_url=_index_url(text("index_url", url)) if url else None,
                   spacy_model=text("spacy_model", data.get("spacy_model", "en_core_web_sm")),
                   entities=tuple(entities), ignore=texts("ignore", data.get("ignore", [])), fixes=tuple(fixes),
                   user=one_line(text("user", data["user"])) if "user" in data else "",
                   use_cache=flag("use_cache", data.get("use_cache", True)),
                   refresh=flag("refresh", data.get("refresh", False)))


def _index_url(url: str) -> str:
    """A shared index's address: PostgreSQL's (``postgresql://user@host/db``), the only server brief speaks to."""
    if not url.startswith(("postgresql://", "postgres://")):
        raise ValueError(f"index_url: expected a postgresql:// URL, got {_shown(url)}")
    return url


def read_file(path: Path) -> dict[str, Any] | None:
    """The config file's TOML data (None: there is no file); ``ConfigError`` when it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise ConfigError(f"{path}: {err.strerror or err}") from err
    return parsed(path, raw)


_last_parsed: tuple[bytes, dict[str, Any]] | None = None
"""The last bytes parsed and their data: the file is read again before fixes are applied (at the first
update, after each fix written) and mostly says what it said; the same bytes are parsed once."""


def parsed(path: Path, raw: bytes) -> dict[str, Any]:
    """The TOML data of the bytes of config file ``path`` (a copy: callers add to it); ``ConfigError``
    when they are not UTF-8 or not TOML."""
    global _last_parsed
    import copy
    import tomllib  # only with a config file: most starts have none

    if _last_parsed is None or _last_parsed[0] != raw:
        try:
            _last_parsed = (raw, tomllib.loads(raw.decode("utf-8")))
        except UnicodeDecodeError as err:
            raise ConfigError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{path}: {err}") from err
    return copy.deepcopy(_last_parsed[1])


def checked(path: Path, data: dict[str, Any]) -> Settings:
    """Settings from the file's data (and nothing else); ``ConfigError`` naming the file when a value is wrong."""
    try:
        return Settings.from_data(data)
    except ValueError as err:
        raise ConfigError(f"{path}: {err}") from err


def load_settings(**overrides: Unpack[Overrides]) -> Settings:
    """The settings: the config file, then ``BRIEF_*`` environment variables, then ``overrides``.

    The one place where the three meet, and the one check of what the file and the environment
    say; everything downstream is handed the result.
    """
    path = config_file()
    data = read_file(path) or {}
    for name in ENVIRONMENT:
        value = os.environ.get(f"BRIEF_{name.upper()}")
        if value:
            data[name] = value
    settings = replace(checked(path, data), read_from=path)
    try:
        return settings.overridden(**overrides)
    except ValueError as err:
        raise ConfigError(str(err)) from err


def resolve(settings: Settings | None, **overrides: Unpack[Overrides]) -> Settings:
    """``settings`` (loaded when None) with ``overrides`` on top: what Library and the app are built with."""
    return settings.overridden(**overrides) if settings is not None else load_settings(**overrides)


def with_current_fixes(settings: Settings) -> Settings:
    """``settings`` with the names ignored and the fixes its config file holds now, which may be more
    than when it was read: another brief process (another reader's ``w``) may have added some, or
    the user taken some out by hand. Unchanged when the settings were not read from a file, or the
    file cannot be read now (a fix is never dropped because of a half-edited file)."""
    if settings.read_from is None:
        return settings
    try:
        data = read_file(settings.read_from) or {}
        now = Settings.from_data({key: data[key] for key in ("ignore", *FIX_TABLES) if key in data})
    except ValueError:
        return settings
    if (now.ignore, now.fixes) == (settings.ignore, settings.fixes):
        return settings
    return replace(settings, ignore=now.ignore, fixes=now.fixes)


@contextmanager
def config_lock(path: Path | None, create: bool = True) -> Iterator[None]:
    """Hold the config file (an exclusive ``flock`` on a sidecar next to the file a link names) while
    it is read, changed and replaced, or while the index is brought to its fixes: brief processes
    take turns, so none writes over or undoes another's fix. Where no lock file can be made (a
    read-only folder, no ``fcntl``), nothing is held: nothing can be written there either. Without
    ``create``, a lock file that no fix has made yet is not made (reading makes no file)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        fcntl = None  # type: ignore[assignment]
    fd = None
    if path is not None and fcntl is not None:
        target = Path(os.path.realpath(path))
        try:
            if create:
                target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(target.with_name(f".{target.name}.lock"),
                         os.O_RDONLY | os.O_CLOEXEC | (os.O_CREAT if create else 0), 0o600)
        except OSError:
            fd = None
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # and the lock with it
