"""Mentions per day: how often the articles of each day name a person or company (the sparklines of the
People and Companies panels and of the profile).

Read for the entities asked (the rows a panel shows, one profile), never for the whole index. The days are
those of the scope's dated articles, one count per day from the first to the last, the same days for every
entity asked, so that the sparklines of one panel share their axis. A day is the one the article was written on
(the first ten characters of its ISO date, ``brief.pipeline.dates``); undated articles and bylines do not count.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from brief.pipeline.index.query import Scope
from brief.pipeline.index.reader import _in

MAX_DAYS = 366
"""Days counted at the most: the last ones of the scope (a corpus of years would give rows of thousands)."""


def day_span(db: sqlite3.Connection, scope: Scope | None = None, max_days: int = MAX_DAYS) -> tuple[date, int] | None:
    """The first day counted and the number of days, for the dated articles of ``scope``; None without any."""
    cond, params = _in(scope, "id")
    first, last = db.execute(f"SELECT min(published), max(published) FROM articles WHERE published IS NOT NULL"
                             f" AND {cond}", params).fetchone()
    try:
        start, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    except (TypeError, ValueError):  # no dated article (or an index written before dates were ISO)
        return None
    days = (end - start).days + 1
    if days > max_days:
        start, days = end - timedelta(days=max_days - 1), max_days
    return start, days


def mentions_per_day(db: sqlite3.Connection, entity_ids: Sequence[int], scope: Scope | None = None,
                     max_days: int = MAX_DAYS, *, span: tuple[date, int] | None | Literal[False] = False,
                     ) -> dict[int, tuple[int, ...]]:
    """entity id -> its mentions on each day of ``scope``'s span (``day_span``, or ``span`` when the caller has
    it), oldest day first; every entity asked has a series, of the same length (empty when no article of the
    scope is dated)."""
    ids = list(dict.fromkeys(entity_ids))
    if span is False:
        span = day_span(db, scope, max_days) if ids else None
    if span is None:
        return {entity: () for entity in ids}
    start, days = span
    series = {entity: [0] * days for entity in ids}
    cond, params = _in(scope, "m.article_id")
    rows = db.execute(
        "SELECT m.entity_id, substr(a.published, 1, 10) AS day, count(*) FROM mentions m"
        " JOIN articles a ON a.id = m.article_id"
        f" WHERE m.entity_id IN ({','.join('?' * len(ids))}) AND m.field != 'author' AND a.published >= ?"
        f" AND {cond} GROUP BY m.entity_id, day", [*ids, start.isoformat(), *params])
    for entity, day, count in rows:
        try:
            at = (date.fromisoformat(day) - start).days
        except ValueError:
            continue
        if 0 <= at < days:
            series[entity][at] += count
    return {entity: tuple(counts) for entity, counts in series.items()}
