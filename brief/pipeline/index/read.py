"""Reading the index: the briefing, the article list and its search, the panels and their sparklines, profiles,
the "why" of a type or a relation, the names to review, and what is new and unread.

``Reading`` is what the reader and the exports ask of an index, over any ``db`` connection. The
search's matches and a scope's entity counts are kept (per thread) until the index changes, so a
list's count and every page reuse one query. Its only writes are the reader's own marks (the
corpus opened, articles read: the ``reading`` table), never what the articles say.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from brief.pipeline.index import reader
from brief.pipeline.index.query import NEW, Query, QueryError, Scope, parse
from brief.pipeline.index.store import POSTGRESQL, dialect

if TYPE_CHECKING:
    from datetime import date

    from brief.config import Fix
    from brief.models import Article, Briefing
    from brief.pipeline.index.fixes import Why
    from brief.pipeline.index.profile import Across, Profile
    from brief.pipeline.index.relation_why import RelationWhy
    from brief.pipeline.index.review import Unsure
    from brief.pipeline.relations.explain import Relation

_T = TypeVar("_T")

PANEL_KINDS = ("person", "organization")
"""The entity types with a panel of their own: their counts in a scope are read together."""


WALKED = 10_000
"""On PostgreSQL, a search with more matches than this reads its first page by walking the list's order (the date
index) until the page is full; one with fewer reads its ids (kept for the next pages) and sorts them. Walking finds
a page in about page x stories / matches rows (1,000,000 / 10,000 x 100 = 10,000 at most), sorting reads every
match: the two cost the same about here. (The planner cannot choose well alone: it guesses how many articles name
the entities of a name, and walked 300,000 rows for 300 matches.)"""


class Reading:
    """The read API of an index: a subclass gives ``db`` (this thread's connection), ``skipped`` and
    ``index_fixes`` (the fixes the index applies: the "why" of a type and the review name them)."""

    skipped: list[tuple[str, str]]

    def __init__(self) -> None:
        self._kept = threading.local()  # this thread's search matches and scoped entities, with what they were for

    @property
    def db(self) -> sqlite3.Connection:
        raise NotImplementedError

    def index_fixes(self) -> tuple[Fix, ...]:
        raise NotImplementedError

    # --- new and unread (the reading table, schema 6) -------------------------------------------

    def mark_opened(self) -> None:
        """The reader has opened the corpus (its first update done): from now on, "new" is what arrived since the
        time before (``new_since``)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'opened_at'").fetchone()
        if row:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('since', ?)", row)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('opened_at', ?)", (repr(time.time()),))
        db.execute("COMMIT")

    def new_since(self) -> float | None:
        """When the reader opened the corpus before this time (Unix time): what the index gained since is new.
        Opened once only: what came after that opening's first update; never opened: None, nothing is new."""
        return reader.new_since(self.db)

    def new_ids(self) -> set[int]:
        """The stories new since the corpus was last opened and not read yet: the list marks them."""
        # From the few reading rows added since (their index; the time read first and given as a value) to their
        # articles, unread when their own row says so (NEW and UNREAD as one hash's row reads them): PostgreSQL read
        # every article otherwise (1.5 s at 1,000,000 articles, 0.37 s so).
        since = self.new_since()
        if since is None:
            return set()
        return {r[0] for r in self.db.execute(
            "SELECT a.id FROM reading r CROSS JOIN articles a ON a.hash = r.hash WHERE r.added_at > ?"
            " AND r.read_at IS NULL AND a.dup_of IS NULL", (since,))}

    def unread_count(self) -> int:
        """The stories (copies aside) not opened in the reader yet: the header counts them."""
        # all stories less those read: the read are few (a partial index holds them), and CROSS JOIN starts from
        # them (SQLite's planner otherwise went through the 10,000 stories: 14 ms, where this takes under 1 ms)
        return self.db.execute(
            "SELECT (SELECT count(*) FROM articles WHERE dup_of IS NULL) - (SELECT count(*) FROM reading r"
            " CROSS JOIN articles a ON a.hash = r.hash WHERE r.read_at IS NOT NULL AND a.dup_of IS NULL)").fetchone()[0]

    def mark_read(self, article_ids: Sequence[int]) -> None:
        """These articles (and their copies, shown as one story) were opened: read, now and after a restart."""
        ids = json.dumps(list(article_ids))
        db = self.db
        db.execute("BEGIN IMMEDIATE")  # a write transaction: other readers see the index changed (their searches)
        try:
            db.execute("UPDATE reading SET read_at = ? WHERE read_at IS NULL AND hash IN (SELECT hash FROM articles"
                       " WHERE id IN (SELECT value FROM json_each(?)) OR dup_of IN (SELECT value FROM json_each(?)))",
                       (time.time(), ids, ids))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # --- reading ------------------------------------------------------------------------------

    def briefing(self, scope: Scope | None = None) -> Briefing:
        """The whole briefing, or the articles of ``scope`` only (the list's search, one article); with the ids of
        those new since the corpus was last opened (the Markdown's "New since" section)."""
        if scope is None or scope.everything:
            found = reader.briefing(self.db, self.skipped)
        else:
            sub, params = self._ids(scope).articles()  # type: ignore[union-attr]
            ids = [r[0] for r in self.db.execute(f"{sub} ORDER BY 1", params)]
            found = reader.briefing(self.db, self.skipped, ids)
        found.new_since = self.new_since()
        if found.new_since is not None:
            new = {r[0] for r in self.db.execute(f"SELECT a.slug FROM articles a WHERE {NEW}")}
            found.new = [a.id for a in found.articles if a.id in new]
        return found

    def query(self, text: str) -> Query:
        """The parsed query (raises ``QueryError`` with a message for the user)."""
        return parse(text)

    def _stamp(self, key: object) -> tuple[object, ...]:
        """What a kept result is valid for: the connection (a thread's own, or the index moved to memory), ``key``,
        and the index as it is now (data_version moves with other connections' commits, total_changes with this
        one's: a fix written here)."""
        return self.db, key, (self.db.execute("PRAGMA data_version").fetchone()[0], self.db.total_changes)

    def _until_changed(self, name: str, key: object, compute: Callable[[], _T]) -> _T:
        """``compute()``, kept (per thread, under ``name``) until the index changes or ``key`` does."""
        full = self._stamp(key)
        cached = getattr(self._kept, name, None)
        if cached is None or cached[0] != full:
            cached = (full, compute())
            setattr(self._kept, name, cached)
        return cached[1]  # type: ignore[no-any-return]

    def _checked(self, read: Callable[..., _T], query: Query, *args: object) -> _T:
        """``read(db, query, *args)``, a limit of SQLite's that parse() did not foresee said as a ``QueryError``."""
        try:
            return read(self.db, query, *args)
        except sqlite3.OperationalError as err:
            if not re.search(r"too (?:large|complex|many|deep)|stack overflow", str(err)):
                raise
            raise QueryError(f"the query is too large to run ({err})") from None

    def _matches(self, query: Query) -> list[int]:
        """The ids matching a query, kept until the index changes: the count and every page reuse them."""
        return self._until_changed("matches", query.text, lambda: self._checked(reader.matching_ids, query))

    def _kept_matches(self, query: Query) -> list[int] | None:
        """The ids of ``query`` when already read, None on PostgreSQL until a page past the first asks for them:
        there the count and the first page are read as such (a broad match's every id cost 0.5-4 s at 1,000,000
        articles); SQLite reads them at once, its search costing less than the two statements, and so does a search
        of the wide articles' columns (source:, author:: ``reader.narrow``), read whole by either statement."""
        if dialect(self.db) != POSTGRESQL or not reader.narrow(query):
            return self._matches(query)
        cached = getattr(self._kept, "matches", None)  # read for the index as it is now: a count reads them no more
        return cached[1] if cached is not None and cached[0] == self._stamp(query.text) else None

    def count(self, query: Query | None = None) -> int:
        if query is None or query.empty:
            return reader.count_articles(self.db)
        if (ids := self._kept_matches(query)) is not None:
            return len(ids)
        return self._until_changed("count", query.text, lambda: self._checked(reader.count_matching, query))

    def rows(self, query: Query | None = None, offset: int = 0, limit: int = 100) -> list[reader.ArticleRow]:
        if query is None or query.empty:
            return reader.article_rows(self.db, offset, limit)
        if offset == 0 and self._kept_matches(query) is None and self.count(query) > WALKED:
            return reader.rows_by_ids(self.db, self._checked(reader.matching_page, query, 0, limit))
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
        found = self._until_changed("scoped", scope.key, lambda: reader.scoped_entities(
            self.db, self._ids(scope), PANEL_KINDS))  # type: ignore[arg-type]
        return found.get(kind, [])

    def mentions_per_day(self, entity_ids: Sequence[int], scope: Scope | None = None) -> dict[int, tuple[int, ...]]:
        """Each entity's mentions per day over ``scope``'s dated days (``brief.pipeline.index.timeline``)."""
        from brief.pipeline.index.timeline import mentions_per_day

        return mentions_per_day(self.db, entity_ids, self._ids(scope), span=self.day_span(scope))

    def day_span(self, scope: Scope | None = None) -> tuple[date, int] | None:
        """The first day and the number of days ``mentions_per_day`` counts for ``scope``."""
        from brief.pipeline.index.timeline import day_span

        return self._until_changed("span", None if scope is None else scope.key,
                                   lambda: day_span(self.db, self._ids(scope)))

    def with_days(self, rows: Sequence[reader.EntityRow], scope: Scope | None = None) -> list[reader.EntityRow]:
        """Panel rows with their mentions per day (a sparkline each), read for these rows only."""
        days = self.mentions_per_day([row.id for row in rows], scope)
        return [row._replace(per_day=days.get(row.id, ())) for row in rows]

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

    # the "why" of a type, the names to review (brief.pipeline.index.fixes, brief.pipeline.index.review)

    def why(self, slug: str, at: tuple[int, str, int] | None = None) -> Why | None:
        """Why brief typed the entity as it did (``at``: one of its mentions, as article id, field, start)."""
        from brief.pipeline.index import fixes

        return fixes.why(self.db, slug, self.index_fixes(), at)

    def unsure(self, limit: int = 500) -> list[Unsure]:
        """The entities to review (``brief.pipeline.index.review``): types disputed, evidence weak."""
        from brief.pipeline.index.review import unsure

        return unsure(self.db, self.index_fixes(), limit)

    def entity_names_like(self, prefix: str, limit: int = 8) -> list[str]:
        from brief.pipeline.index import fixes

        return fixes.entity_names(self.db, prefix, limit)
