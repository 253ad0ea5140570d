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


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where the index lives: ``--cache-dir``, else ``$BRIEF_CACHE_DIR``, else the user cache dir.

    platformdirs honours ``XDG_CACHE_HOME``, which the tests point at a temporary folder.
    """
    chosen = override or os.environ.get("BRIEF_CACHE_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_cache_dir("brief", appauthor=False))
