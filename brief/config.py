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
import tomllib
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

ENVIRONMENT = ("cache_dir", "extractor", "spacy_model")
"""The settings that ``BRIEF_<NAME>`` environment variables override."""


def config_file() -> Path:
    """``$BRIEF_CONFIG`` or ``<user config dir>/brief/config.toml`` (honours ``XDG_CONFIG_HOME``)."""
    chosen = os.environ.get("BRIEF_CONFIG")
    return Path(chosen) if chosen else Path(platformdirs.user_config_dir("brief", appauthor=False)) / "config.toml"


class UserEntity(BaseModel):
    """An entity the user declares: tagged wherever one of its names appears."""

    name: str
    type: Literal["person", "organization"] = "organization"
    aliases: list[str] = Field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Settings(BaseModel):
    """brief's settings, from config.toml, with ``BRIEF_*`` environment variables on top.

    (A plain model read with tomllib rather than pydantic-settings: the same typed object for a
    quarter of the import time, which every start of the reader pays.)
    """

    model_config = ConfigDict(extra="ignore")

    cache_dir: Path | None = None
    """Where the index cache lives (default: the user cache folder)."""

    extractor: Literal["builtin", "spacy"] = "builtin"
    """Which entity extractor to use: brief's own, or spaCy when installed (``brief[spacy]``)."""

    spacy_model: str = "en_core_web_sm"
    """The spaCy pipeline to load for ``extractor = "spacy"``."""

    entities: list[UserEntity] = Field(default_factory=list)
    """Extra entities and aliases that correct the extractor."""

    ignore: list[str] = Field(default_factory=list)
    """Names never tagged as a person or organization."""

    def corrections_key(self) -> str:
        """Changes whenever the corrections change, so cached analyses are redone."""
        data = json.dumps([[e.model_dump() for e in self.entities], sorted(self.ignore)], sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:12] if self.entities or self.ignore else ""


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the reason."""


def load_settings() -> Settings:
    """The settings from the config file and the environment."""
    path = config_file()
    data: dict[str, object] = {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: {err}") from err
    for name in ENVIRONMENT:
        value = os.environ.get(f"BRIEF_{name.upper()}")
        if value:
            data[name] = value
    try:
        return Settings.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from err
