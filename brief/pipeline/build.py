"""Build a Briefing from paths: bring the corpus's index up to date and read it whole.

The work is the library's (``brief.pipeline.index``); this is the one-call form the CLI's
export and small corpora use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from brief.models import Briefing
from brief.pipeline.analysis import analyse
from brief.pipeline.index.library import Library, Progress

__all__ = ["analyse", "load_briefing"]


def load_briefing(
    paths: Sequence[Path | str] | None = None,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
    extractor: str | None = None,
    refresh: bool = False,
) -> Briefing:
    """The briefing for the articles under ``paths`` (the bundled seeds when none are given).

    Raises ``ConfigError`` for an unusable config file and ``SpacyUnavailable`` when the spaCy
    extractor is asked for but not installed.
    """
    library = Library(paths, cache_dir=cache_dir, use_cache=use_cache, extractor=extractor)
    try:
        library.update(progress, refresh=refresh)
        return library.briefing()
    finally:
        library.close()
