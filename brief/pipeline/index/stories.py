"""Every story of an index grouped again by the writer's rule, once, for an index an older brief wrote.

A story is every article linked to another of it by a near copy (a band of their sketches shared, and an overlap of
``dedup.SAME_STORY`` or more) or by the same URL, shown as its first article by path (``Writer._join``, schema 9).
An older brief joined a new article to the first story it overlapped, leaving the stories it bridged apart: such an
index kept its groups (and its entities' counts of stories) until those articles changed. Schema 9's migration marks
an index for this (``MARK`` in ``meta``), and the next update regroups it in one write transaction, before its files
(``Update.run``): the stories then are what a fresh index of the same articles has. The update says it as it goes
(``REGROUPING``) and a quit stops it (rolled back, the mark kept); another brief that finds it running waits for it
(``WAITING``), rather than failing once its wait for the lock runs out.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator

from brief.pipeline.index import dedup
from brief.pipeline.index.schema import STORIES

MARK = "regroup"
"""``meta``'s key of an index whose stories are to be grouped again (set by the migration to schema 9)."""

REGROUPING = "regrouping stories"
"""What an update says it does as it regroups them (the name of its progress; a step a range of band values)."""

WAITING = "waiting for another brief to regroup the stories"
"""What it says as it waits for another client's regroup (its progress's name, with no count)."""

ROWS_A_TICK = 20_000
"""Rows (or band values) read between two calls of the regroup's ``tick`` (which may stop it) in a step of many."""

Tick = Callable[[int, int], None]
"""Called between the regroup's steps with the steps done and their number; raising stops it (a quit)."""

AT_ONCE = 500
"""Ids in one ``IN`` list."""

BANDS_AT_ONCE = 200_000
"""Bands (of all articles) whose range of values is read in one statement, about: the articles of the values that more
than one has, and their sketches, held at once."""


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for at in range(0, len(ids), AT_ONCE):
        yield ids[at:at + AT_ONCE]


class _Stories:
    """Union-find over the linked articles (an article not in ``up`` is a story of its own)."""

    def __init__(self) -> None:
        self.up: dict[int, int] = {}

    def root(self, a: int) -> int:
        up = self.up
        while (parent := up.get(a, a)) != a:
            up[a] = a = up.get(parent, parent)
        return a

    def link(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.up[max(ra, rb)] = min(ra, rb)  # (any root: the one shown is chosen by path at the end)
            self.up.setdefault(min(ra, rb), min(ra, rb))


def _steps(db: sqlite3.Connection) -> tuple[int, int, int]:
    """The first band value, the width of a step's range of values, and the number of steps (ranges, then the same
    URLs, then the writing)."""
    low, high, count = db.execute("SELECT min(value), max(value), count(*) FROM bands").fetchone()
    if not count:
        return 0, 1, 2
    width = (int(high) - int(low)) // (int(count) // BANDS_AT_ONCE + 1) + 1
    return int(low), width, (int(high) - int(low)) // width + 1 + 2


def _near_copies(db: sqlite3.Connection, stories: _Stories, tick: Tick, low: int, width: int, steps: int) -> None:
    """Link every two articles that share a band and overlap as near copies do (as ``Writer._copies_of`` finds them):
    the articles of each band's value that more than one has, with their sketches, a range of values at a time (one
    statement a range of articles, each joined with the whole table, took 70 s at 1,000,000 articles)."""
    for step in range(steps - 2):
        tick(step, steps)
        start = low + step * width
        rows = db.execute("SELECT b.value, b.article_id, a.sketch FROM bands b JOIN articles a ON a.id = b.article_id"
                          " WHERE b.value >= ?1 AND b.value < ?2 AND b.value IN (SELECT value FROM bands"
                          " WHERE value >= ?1 AND value < ?2 GROUP BY value HAVING count(*) > 1)"
                          " ORDER BY b.value, b.article_id", (start, start + width))
        for n, (_value, group) in enumerate(itertools.groupby(rows, key=lambda row: row[0]), 1):
            if n % ROWS_A_TICK == 0:
                tick(step, steps)
            members = [(article, sketch) for _, article, sketch in group if sketch is not None]
            for at, (a, one) in enumerate(members):
                for b, other in members[:at]:
                    if stories.root(a) != stories.root(b) and dedup.similarity(one, other) >= dedup.SAME_STORY:
                        stories.link(a, b)


def _same_urls(db: sqlite3.Connection, stories: _Stories, tick: Callable[[], None]) -> None:
    last: tuple[str, int] | None = None
    rows = db.execute("SELECT url, id FROM articles WHERE url IS NOT NULL AND url != '' ORDER BY url, id")
    for n, (url, article) in enumerate(rows, 1):
        if n % ROWS_A_TICK == 0:
            tick()
        if last is not None and last[0] == url:
            stories.link(last[1], article)
        last = (url, article)


def _nothing(done: int, total: int) -> None:
    pass


def regroup(db: sqlite3.Connection, tick: Tick = _nothing) -> list[int]:
    """Group every story again, in the caller's write transaction; the articles whose story changed. ``tick`` is
    called between steps (a range of band values, ``ROWS_A_TICK`` rows, a chunk of ids): raising, it stops the
    regroup, which the caller rolls back (the mark kept: the next update regroups them)."""
    stories = _Stories()
    low, width, steps = _steps(db)
    _near_copies(db, stories, tick, low, width, steps)
    _same_urls(db, stories, lambda: tick(steps - 2, steps))
    tick(steps - 1, steps)
    linked = sorted(stories.up)
    members: dict[int, list[int]] = {}
    for article in linked:
        members.setdefault(stories.root(article), []).append(article)
    place: dict[int, tuple[str, str]] = {}  # (both stores sort text by code point, as Python does)
    for some in _chunks(linked):
        tick(steps - 1, steps)
        place.update((a, (path, slug)) for a, path, slug in db.execute(
            f"SELECT id, path, slug FROM articles WHERE id IN ({','.join('?' * len(some))})", some))
    shown: dict[int, int | None] = {}  # linked article -> the article its story is shown as (None: itself)
    for group in members.values():
        first = min(group, key=place.__getitem__)
        shown.update({a: None if a == first else first for a in group})
    was = dict(db.execute("SELECT id, dup_of FROM articles WHERE dup_of IS NOT NULL").fetchall())
    for some in _chunks(sorted(set(shown) - set(was))):
        tick(steps - 1, steps)
        was.update(db.execute(f"SELECT id, dup_of FROM articles WHERE id IN ({','.join('?' * len(some))})",
                              some).fetchall())
    changed = sorted(a for a in set(was) | set(shown) if was.get(a) != shown.get(a))
    db.executemany("UPDATE articles SET dup_of = ? WHERE id = ?", [(shown.get(a), a) for a in changed])
    for some in _chunks(changed):  # the entities they name count their stories again
        tick(steps - 1, steps)
        db.execute(f"UPDATE entities SET article_count = {STORIES.format(entity='entities.id')} WHERE id IN"
                   f" (SELECT DISTINCT entity_id FROM mentions WHERE article_id IN ({','.join('?' * len(some))}))",
                   some)
    return changed


def marked(db: sqlite3.Connection) -> bool:
    """Whether the index's migration marked its stories to be grouped again."""
    return db.execute("SELECT 1 FROM meta WHERE key = ?", (MARK,)).fetchone() is not None


def settle(db: sqlite3.Connection, tick: Tick = _nothing) -> int:
    """In the caller's write transaction: regroup the index's stories if they are still marked (not by another
    client since), and take the mark away; the number of articles whose story changed."""
    if not marked(db):
        return 0
    changed = regroup(db, tick)
    db.execute("DELETE FROM meta WHERE key = ?", (MARK,))
    return len(changed)
