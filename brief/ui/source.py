"""The one data source the UI reads: the corpus's index (``Library``).

The app asks for what it shows -- a count, a page of rows, one article -- so 100,000 articles
cost what 10 do. ``Library`` satisfies ``Source`` as it is; the tests open one on invented articles in a
temp folder, as users do on theirs.

Nothing here imports the pipeline at module level: the first screen must not wait for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from brief.config import Fix, Settings
    from brief.models import Article, Briefing
    from brief.pipeline.index.fixes import Why
    from brief.pipeline.index.query import Query, Scope
    from brief.pipeline.index.reader import ArticleRow, DealRow, EntityRow, FigureRow, QuoteRow
    from brief.pipeline.index.review import Unsure

Progress = Callable[[int, int, str], None]


class Source(Protocol):
    """What the UI needs of an index (``brief.pipeline.index.library.Library`` has all of it)."""

    skipped: list[tuple[str, str]]

    def update(self, progress: Progress | None = None, workers: int | None = None, refresh: bool = False) -> Any: ...
    def query(self, text: str) -> Query: ...
    def count(self, query: Query | None = None) -> int: ...
    def rows(self, query: Query | None = None, offset: int = 0, limit: int = 100) -> list[ArticleRow]: ...
    def article(self, article_id: int) -> Article | None: ...
    def copies(self, article_id: int) -> list[ArticleRow]: ...
    def article_id(self, slug: str) -> int | None: ...
    def entity_count(self, kind: str, scope: Scope | None = None) -> int: ...
    def entity_names(self, slugs: Sequence[str]) -> dict[str, tuple[str, str]]: ...
    def entity_rows(self, kind: str, offset: int = 0, limit: int = 100,
                    scope: Scope | None = None) -> list[EntityRow]: ...
    def figure_count(self, scope: Scope | None = None) -> int: ...
    def figure_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[FigureRow]: ...
    def quote_count(self, scope: Scope | None = None) -> int: ...
    def quote_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[QuoteRow]: ...
    def deal_count(self, scope: Scope | None = None) -> int: ...
    def deal_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[DealRow]: ...
    def briefing(self, scope: Scope | None = None) -> Briefing: ...
    def why(self, slug: str, at: tuple[int, str, int] | None = None) -> Why | None: ...
    def correct(self, *new: Fix, everywhere: bool = False) -> None: ...
    def undo_fix(self, number: str | None = None) -> list[Fix]: ...
    def unsure(self, limit: int = 500) -> list[Unsure]: ...
    def entity_names_like(self, prefix: str, limit: int = 8) -> list[str]: ...


def open_library(paths: Sequence[Path | str] | None, settings: Settings | None) -> Source:
    """The index of ``paths`` (the bundled seeds when None), opened: the pipeline's index code is imported.

    ``settings`` as the command line built them; None loads them (a broken config file raises here).
    """
    from brief.pipeline.index.library import Library

    return Library(list(paths) if paths else None, settings=settings)


def entity_names(source: Source, slugs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """slug -> (type, name) of the entities an article mentions: the reader colours them by type."""
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    return source.entity_names(wanted)


def words_pattern(term: str) -> re.Pattern[str] | None:
    """A term as the full-text index matches it: whole words, any case, any punctuation between them."""
    words = re.findall(r"\w+", term)
    if not words:
        return None
    return re.compile(r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
