"""Reading the index: the briefing, the article list and its search, the panels, profiles and the "why" of a relation.

``Reading`` is what the reader and the exports ask of an index, over any ``db`` connection. The
search's matches and a scope's entity counts are kept (per thread) until the index changes, so a
list's count and every page reuse one query.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from brief.pipeline.index import reader
from brief.pipeline.index.query import Query, QueryError, Scope, parse

if TYPE_CHECKING:
    from brief.models import Article, Briefing
    from brief.pipeline.index.profile import Across, Profile
    from brief.pipeline.index.relation_why import RelationWhy
    from brief.pipeline.relations.explain import Relation

PANEL_KINDS = ("person", "organization")
"""The entity types with a panel of their own: their counts in a scope are read together."""


class Reading:
    """The read API of an index: a subclass gives ``db`` (this thread's connection) and ``skipped``."""

    skipped: list[tuple[str, str]]

    def __init__(self) -> None:
        self._kept = threading.local()  # this thread's search matches and scoped entities, with what they were for

    @property
    def db(self) -> sqlite3.Connection:
        raise NotImplementedError

    def briefing(self, scope: Scope | None = None) -> Briefing:
        """The whole briefing, or the articles of ``scope`` only (the list's search, one article)."""
        if scope is None or scope.everything:
            return reader.briefing(self.db, self.skipped)
        sub, params = self._ids(scope).articles()  # type: ignore[union-attr]
        ids = [r[0] for r in self.db.execute(f"{sub} ORDER BY 1", params)]
        return reader.briefing(self.db, self.skipped, ids)

    def query(self, text: str) -> Query:
        """The parsed query (raises ``QueryError`` with a message for the user)."""
        return parse(text)

    def _matches(self, query: Query) -> list[int]:
        """The ids matching a query, kept until the index changes: the count and every page reuse them."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        key = (self.db, query.text, version)  # the connection: a thread's own, or the index moved to memory
        cached = getattr(self._kept, "matches", None)
        if cached is None or cached[0] != key:
            try:
                ids = reader.matching_ids(self.db, query)
            except sqlite3.OperationalError as err:  # a limit of SQLite's that parse() did not foresee
                if not re.search(r"too (?:large|complex|many|deep)|stack overflow", str(err)):
                    raise
                raise QueryError(f"the query is too large to run ({err})") from None
            cached = self._kept.matches = (key, ids)
        return cached[1]

    def count(self, query: Query | None = None) -> int:
        if query is None or query.empty:
            return reader.count_articles(self.db)
        return len(self._matches(query))

    def rows(self, query: Query | None = None, offset: int = 0, limit: int = 100) -> list[reader.ArticleRow]:
        if query is None or query.empty:
            return reader.article_rows(self.db, offset, limit)
        return reader.rows_by_ids(self.db, self._matches(query)[offset:offset + limit])

    def article(self, article_id: int) -> Article | None:
        """One article to read."""
        found = reader.article_texts(self.db, [article_id])
        return found[0] if found else None

    def _ids(self, scope: Scope | None) -> Scope | None:
        """``scope`` with the ids of its search's matches, as the list read them (kept until the index changes)."""
        if scope is None or scope.query is None or scope.ids is not None:
            return scope
        return dataclasses.replace(scope, ids=tuple(self._matches(scope.query)))

    def entity_count(self, kind: str, scope: Scope | None = None) -> int:
        if scope is None or scope.everything:
            return reader.count_entities(self.db, kind)
        return len(self._scoped_entities(kind, scope))

    def entity_rows(self, kind: str, offset: int = 0, limit: int = 100,
                    scope: Scope | None = None) -> list[reader.EntityRow]:
        if scope is None or scope.everything:
            return reader.entity_rows(self.db, kind, offset, limit)
        return reader.with_roles(self.db, self._scoped_entities(kind, scope)[offset:offset + limit])

    def _scoped_entities(self, kind: str, scope: Scope) -> list[tuple[int, str, str, str, int, int]]:
        """The entities of ``kind`` counted in ``scope``, kept until the index changes: every panel's count and page
        reuse one grouped query."""
        if kind not in PANEL_KINDS:
            return reader.scoped_entities(self.db, self._ids(scope), (kind,)).get(kind, [])  # type: ignore[arg-type]
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        key = (self.db, scope.key, version)  # the connection: a thread's own, or the index moved to memory
        cached = getattr(self._kept, "scoped", None)
        if cached is None or cached[0] != key:
            found = reader.scoped_entities(self.db, self._ids(scope), PANEL_KINDS)  # type: ignore[arg-type]
            cached = self._kept.scoped = (key, found)
        return cached[1].get(kind, [])

    def figure_count(self, scope: Scope | None = None) -> int:
        return reader.count_figures(self.db, self._ids(scope))

    def figure_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[reader.FigureRow]:
        return reader.figure_rows(self.db, offset, limit, self._ids(scope))

    def quote_count(self, scope: Scope | None = None) -> int:
        return reader.count_quotes(self.db, self._ids(scope))

    def quote_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[reader.QuoteRow]:
        """A page of the quotes in ``scope`` (all articles by default): a quotes panel reads them so."""
        return reader.quote_rows(self.db, offset, limit, self._ids(scope))

    def deal_count(self, scope: Scope | None = None) -> int:
        return reader.count_deals(self.db, self._ids(scope))

    def deal_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[reader.DealRow]:
        return reader.deal_rows(self.db, offset, limit, self._ids(scope))

    def copies(self, article_id: int) -> list[reader.ArticleRow]:
        return reader.copies(self.db, article_id)

    def entity_names(self, slugs: Sequence[str]) -> dict[str, tuple[str, str]]:
        return reader.entity_names(self.db, slugs)

    def article_id(self, slug: str) -> int | None:
        return reader.article_id(self.db, slug)

    def search(self, text: str) -> list[reader.ArticleRow]:
        query = parse(text)
        return self.rows(query, 0, self.count(query))

    # the profile screen and the view across sources (brief.pipeline.index.profile)

    def profile(self, slug: str) -> Profile | None:
        from brief.pipeline.index import profile as profiles

        return profiles.profile(self.db, slug)

    def across(self, figure_id: int) -> Across | None:
        from brief.pipeline.index import profile as profiles

        return profiles.across(self.db, figure_id)

    def figure_id_at(self, article_id: int, field: str, start: int) -> int | None:
        from brief.pipeline.index import profile as profiles

        return profiles.figure_id_at(self.db, article_id, field, start)

    def deal_across(self, deal_id: int) -> Across | None:
        from brief.pipeline.index import profile as profiles

        return profiles.deal_across(self.db, deal_id)

    def relation_why(self, relation: Relation, rowid: int) -> RelationWhy | None:
        """Why the index holds this affiliation, deal or quote: its rule entry and the words it read."""
        from brief.pipeline.index.relation_why import relation_why

        return relation_why(self.db, relation, rowid)
