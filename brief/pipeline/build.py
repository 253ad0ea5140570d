"""Build a Briefing from paths: bring the corpus's index up to date and read it whole.

The work is the library's (``brief.pipeline.index``); this is the one-call form the CLI's
export and small corpora use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from brief.models import Briefing
from brief.pipeline.analysis import analyse
from brief.pipeline.index.library import Library, Progress

if TYPE_CHECKING:
    from typing import Unpack

    from brief.config import Overrides, Settings

__all__ = ["analyse", "load_briefing", "open_briefing"]


@contextmanager
def open_briefing(
    paths: Sequence[Path | str] | None = None,
    *,
    progress: Progress | None = None,
    settings: Settings | None = None,
    query: str | None = None,
    **overrides: Unpack[Overrides],
) -> Iterator[tuple[Briefing, Library]]:
    """The briefing for the articles under ``paths`` (the bundled seeds when none are given), with the
    library it was read from, open until the block ends (the HTML export reads its profiles there).

    ``settings`` and ``overrides`` as ``Library`` takes them; with ``query``, only the articles that match it
    (raises ``QueryError`` when it cannot be read). Raises ``ConfigError`` for an
    unusable config file and ``SpacyUnavailable`` when the spaCy extractor is asked for but not installed.
    """
    from brief.pipeline.index.query import search_scope

    library = Library(paths, settings=settings, **overrides)
    try:
        scope = search_scope(library.query(query)) if query else None  # a query brief cannot read: said before the work
        library.update(progress, refresh=library.settings.refresh)
        yield library.briefing(scope), library
    finally:
        library.close()


def load_briefing(
    paths: Sequence[Path | str] | None = None,
    *,
    progress: Progress | None = None,
    settings: Settings | None = None,
    query: str | None = None,
    **overrides: Unpack[Overrides],
) -> Briefing:
    """The briefing of ``open_briefing``, the library closed."""
    with open_briefing(paths, progress=progress, settings=settings, query=query, **overrides) as (briefing, _):
        return briefing
