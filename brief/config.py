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
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


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


class Settings(BaseSettings):
    """brief's settings; every field can be set in config.toml or as ``BRIEF_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="BRIEF_", extra="ignore")

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

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file())

    def corrections_key(self) -> str:
        """Changes whenever the corrections change, so cached analyses are redone."""
        data = json.dumps([[e.model_dump() for e in self.entities], sorted(self.ignore)], sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:12] if self.entities or self.ignore else ""


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the reason."""


def load_settings() -> Settings:
    """The settings from the environment and the config file."""
    try:
        return Settings()
    except Exception as err:  # tomllib and pydantic errors alike: one clear line for the user
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ConfigError(f"{config_file()}: {reason}") from err
