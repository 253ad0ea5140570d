"""The one place that finds brief's bundled files and its cache (wheel and checkout alike)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _bundled(name: str) -> Path:
    """``brief/_data/<name>`` in an installed wheel, ``<repo>/<name>`` in a source checkout."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _CHECKOUT / name


def styles_dir() -> Path:
    return _bundled("styles")


def seeds_dir() -> Path:
    return _bundled("seeds")


def cache_dir(chosen: str | os.PathLike[str] | None = None) -> Path:
    """Where the index lives: the folder the settings chose, else the user cache folder.

    ``--cache-dir``, ``cache_dir`` in config.toml and ``$BRIEF_CACHE_DIR`` are weighed once, in
    ``brief.config.load_settings``; this only supplies the default. platformdirs honours
    ``XDG_CACHE_HOME``, which the tests point at a temporary folder.
    """
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("brief", appauthor=False))
