"""An entity's profile, and one figure across sources, read from the index for the reader's screens.

The profile screen shows all the index knows of one person or company: its names, the roles the
texts give it, the figures stated in its sentences, the articles that name it and the entities
named with it. Every item keeps its evidence (article, field, offset), so the reader can open
the article there. Each part is one indexed query, and the long lists are capped: a profile
opens in a few milliseconds on 10,000 articles (``bench/bench_tui.py``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from brief.pipeline.text import describe

ARTICLES_SHOWN = 200
"""Articles listed in a profile, newest first; the filter (``f``) lists them all."""
FIGURES_SHOWN = 100
RELATED_SHOWN = 12
CANDIDATES = 300
"""Figures compared with one for its view across sources, at most."""
ROLES_SHOWN = 20


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an item was read: the reader opens ``article_id`` with the highlight at (``field``, ``start``)."""

    article_id: int
    field: str
    start: int
    kind: str | None = None  # the highlight to make current there: "person", "organization", "figure"


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a profile section: what it says, where it was read, and in which article."""

    text: str
    evidence: Evidence | None
    article_title: str = ""  # an article's own row gives its source here
    published: str | None = None
    note: str = ""  # a second thing to say: a normalised value, a count of sources
    entity: str | None = None  # the slug of another entity the row names (co-occurrence)
    figure_id: int | None = None  # the figure the row is, for its view across sources


@dataclass(frozen=True, slots=True)
class Profile:
    """What the index holds about one entity."""

    id: int
    slug: str
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: int
    article_count: int
    roles: tuple[Item, ...]
    figures: tuple[Item, ...]
    articles: tuple[Item, ...]
    related: tuple[Item, ...]


def _first_mentions(db: sqlite3.Connection, entity: int, articles: list[int]) -> dict[int, tuple[str, int]]:
    """Where each article first names the entity: the title, the standfirst, then the body."""
    if not articles:
        return {}
    rows = db.execute(
        "SELECT article_id, field, min(start) FROM mentions WHERE entity_id = ? AND field != 'author'"
        f" AND article_id IN ({','.join('?' * len(articles))}) GROUP BY article_id, field", [entity, *articles])
    order = {"body": 0, "standfirst": 1, "title": 2}  # the body shows the entity in context
    found: dict[int, tuple[str, int]] = {}
    for article, field, start in rows:
        if article not in found or order[field] < order[found[article][0]]:
            found[article] = (field, start)
    return found


def profile(db: sqlite3.Connection, slug: str) -> Profile | None:
    """The profile of the entity ``slug``, or None if the index does not know it."""
    row = db.execute("SELECT id, slug, type, name, mention_count, article_count FROM entities WHERE slug = ?",
                     (slug,)).fetchone()
    if row is None:
        return None
    entity, slug, kind, name = row[0], row[1], row[2], row[3]
    aliases = tuple(alias for (alias,) in db.execute(
        "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY count DESC, alias", (entity,)) if alias != name)
    articles = _articles(db, entity, kind)
    return Profile(entity, slug, kind, name, aliases, row[4], row[5], _roles(db, entity, kind),
                   _figures(db, entity), articles, _related(db, entity))


def _articles(db: sqlite3.Connection, entity: int, kind: str) -> tuple[Item, ...]:
    """The stories that name the entity, newest first (undated last), each opened at its first mention."""
    rows = db.execute(
        "SELECT a.id, a.title, a.published, a.source FROM articles a WHERE a.dup_of IS NULL AND a.id IN"
        " (SELECT article_id FROM mentions WHERE entity_id = ?)"
        " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?", (entity, ARTICLES_SHOWN)).fetchall()
    first = _first_mentions(db, entity, [r[0] for r in rows])
    out = []
    for article, title, published, source in rows:
        field, start = first.get(article, ("body", 0))
        out.append(Item(" ".join(title.split()), Evidence(article, field, start, kind), source or "", published))
    return tuple(out)


def _roles(db: sqlite3.Connection, entity: int, kind: str) -> tuple[Item, ...]:
    """Each role (affiliation) the texts give the entity, with the first article that gives it and how many do.

    The evidence is the sentence that states it, in that article's body.
    """
    rows = db.execute(
        "SELECT r.role, o.name, r.org_id, min(r.article_id), count(DISTINCT r.article_id) AS n FROM affiliations r"
        " LEFT JOIN entities o ON o.id = r.org_id WHERE r.person_id = ?"
        " GROUP BY r.role, r.org_id ORDER BY n DESC, r.role LIMIT ?", (entity, ROLES_SHOWN)).fetchall()
    if not rows:
        return ()
    titles = _titles(db, [r[3] for r in rows])
    out = []
    for role, org, org_id, article, n in rows:
        text = describe(role or "", org)
        if not text:
            continue
        start = db.execute("SELECT min(start) FROM affiliations WHERE person_id = ? AND article_id = ?"
                           " AND role IS ? AND org_id IS ?", (entity, article, role, org_id)).fetchone()[0]
        title, published = titles.get(article, ("", None))
        out.append(Item(text, Evidence(article, "body", start or 0, kind), title, published,
                        note=f"{n} sources" if n > 1 else ""))
    return tuple(out)


def _titles(db: sqlite3.Connection, articles: list[int]) -> dict[int, tuple[str, str | None]]:
    wanted = sorted(set(articles))
    if not wanted:
        return {}
    return {r[0]: (" ".join(r[1].split()), r[2]) for r in db.execute(
        f"SELECT id, title, published FROM articles WHERE id IN ({','.join('?' * len(wanted))})", wanted)}


FIGURE_COLUMNS = ("f.id, f.article_id, f.kind, f.value, f.value_max, f.currency, f.unit, f.approximate, f.text,"
                  " f.field, f.start, f.about, a.title, a.published")


@dataclass(frozen=True, slots=True)
class FigureFacts:
    """A figure's value as ``brief.pipeline.export.figure_value`` reads it."""

    kind: str
    value: float
    value_max: float | None
    currency: str | None
    unit: str | None
    approximate: bool


def figure_item(row: tuple) -> Item:  # type: ignore[type-arg]
    """An ``Item`` from a row of ``FIGURE_COLUMNS``: the figure as written, what it is about, its value."""
    from brief.pipeline.export import figure_value

    fid, article, kind, value, vmax, currency, unit, approx, text, field, start, about, title, published = row
    shown = figure_value(FigureFacts(kind, value, vmax, currency, unit, bool(approx)))  # type: ignore[arg-type]
    label = f"{text} · {about}" if about else text
    return Item(" ".join(label.split()), Evidence(article, field, start, "figure"), " ".join(title.split()),
                published, note=shown if shown != text else "", figure_id=fid)


def _figures(db: sqlite3.Connection, entity: int) -> tuple[Item, ...]:
    """The figures stated in a sentence that names the entity, newest article first."""
    rows = db.execute(
        f"SELECT DISTINCT {FIGURE_COLUMNS} FROM mentions m JOIN figures f ON f.article_id = m.article_id"
        " AND f.field = m.field AND m.start >= f.sent_start AND m.start < f.sent_end"
        " JOIN articles a ON a.id = f.article_id WHERE m.entity_id = ? AND a.dup_of IS NULL"
        " ORDER BY a.published IS NULL, a.published DESC, f.article_id, f.start LIMIT ?",
        (entity, FIGURES_SHOWN)).fetchall()
    return tuple(figure_item(r) for r in rows)


def _related(db: sqlite3.Connection, entity: int) -> tuple[Item, ...]:
    """The entities named in the most articles with this one; each row opens the newest article naming both."""
    # From this entity's articles to their mentions (CROSS JOIN keeps that order: left to itself, SQLite
    # walked every entity of the type instead, 2-5 s for a frequent one on 10,000 articles).
    rows = db.execute(
        "SELECT e.id, e.slug, e.type, e.name, g.n FROM"
        " (SELECT o.entity_id, count(DISTINCT o.article_id) AS n"
        "  FROM (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?) mine"
        "  CROSS JOIN mentions o ON o.article_id = mine.article_id"
        "  WHERE o.entity_id != ? AND o.field != 'author' GROUP BY o.entity_id) g"
        " CROSS JOIN entities e ON e.id = g.entity_id WHERE e.type IN ('person', 'organization')"
        " ORDER BY g.n DESC, e.name COLLATE NOCASE LIMIT ?", (entity, entity, RELATED_SHOWN)).fetchall()
    out = []
    for other, slug, kind, name, n in rows:
        article, title, published = db.execute(
            "SELECT a.id, a.title, a.published FROM articles a WHERE a.id IN"
            " (SELECT article_id FROM mentions WHERE entity_id = ?) AND a.id IN"
            " (SELECT article_id FROM mentions WHERE entity_id = ? AND field != 'author')"
            " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT 1", (entity, other)).fetchone()
        where = _first_mentions(db, other, [article]).get(article, ("body", 0))
        out.append(Item(name, Evidence(article, where[0], where[1], kind), " ".join(title.split()), published,
                        note=f"{n} article{'s' if n != 1 else ''} together", entity=slug))
    return tuple(out)


def figure_id_at(db: sqlite3.Connection, article: int, field: str, start: int) -> int | None:
    """The figure whose first occurrence is at (``field``, ``start``) of an article."""
    row = db.execute("SELECT id FROM figures WHERE article_id = ? AND field = ? AND start = ?",
                     (article, field, start)).fetchone()
    return None if row is None else int(row[0])


@dataclass(frozen=True, slots=True)
class Across:
    """One figure and the figures other articles report on the same subject (empty: no other source does)."""

    figure: Item
    about: str
    others: tuple[Item, ...]
    disagree: bool  # the values differ


def across(db: sqlite3.Connection, figure: int) -> Across | None:
    """The figure ``figure`` as other articles report it, grouped as the briefing's "Across sources" is.

    Only figures of the same kind whose sentence shares an entity with this one's, and whose value
    is within the ratio the grouping allows, can be on its subject: they are read (a few rows, by
    index) and grouped with ``brief.pipeline.subjects.disagreements``.
    """
    from brief.models import FigureRef
    from brief.pipeline.subjects import MAX_RATIO, FigureSubject, disagreements

    row = db.execute(f"SELECT {FIGURE_COLUMNS}, f.sent_start, f.sent_end, f.words FROM figures f"
                     " JOIN articles a ON a.id = f.article_id WHERE f.id = ?", (figure,)).fetchone()
    if row is None:
        return None
    kind, value, currency = row[2], row[3], row[5]
    entities = [e for (e,) in db.execute(
        "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND field = ? AND start >= ? AND start < ?",
        (row[1], row[9], row[14], row[15]))]
    candidates = [row]
    if entities and value > 0:
        candidates += db.execute(
            f"SELECT DISTINCT {FIGURE_COLUMNS}, f.sent_start, f.sent_end, f.words FROM mentions m"
            " JOIN figures f ON f.article_id = m.article_id AND f.field = m.field AND m.start >= f.sent_start"
            " AND m.start < f.sent_end JOIN articles a ON a.id = f.article_id"
            f" WHERE m.entity_id IN ({','.join('?' * len(entities))}) AND f.kind = ? AND f.currency IS ?"
            " AND f.value BETWEEN ? AND ? AND f.article_id != ? AND a.dup_of IS NULL"
            " LIMIT ?", [*entities, kind, currency, value / MAX_RATIO ** 2, value * MAX_RATIO ** 2, row[1],
                         CANDIDATES]).fetchall()
    slugs = _sentence_entities(db, candidates)
    subjects = [FigureSubject(str(r[1]), r[2], r[5], FigureRef(article=str(r[1]), text=r[8], value=r[3],
                                                               value_max=r[4], about=r[11]),
                              frozenset(slugs.get(r[0], ())), frozenset(json.loads(r[16])))
                for r in candidates]
    by_ref = {(str(r[1]), r[8], r[3]): r for r in candidates}
    own = (str(row[1]), row[8], row[3])
    for group in disagreements(subjects):
        keys = [(ref.article, ref.text, ref.value) for ref in group.figures]
        if own in keys:
            others = tuple(figure_item(by_ref[k][:14]) for k in keys if k != own)
            return Across(figure_item(row[:14]), group.about, others, True)
    return Across(figure_item(row[:14]), row[11], (), False)


def _sentence_entities(db: sqlite3.Connection, rows: list[tuple]) -> dict[int, set[str]]:  # type: ignore[type-arg]
    """The entities named in each figure's sentence (ids as strings: ``FigureSubject`` compares them)."""
    out: dict[int, set[str]] = {}
    for r in rows:
        out[r[0]] = {str(e) for (e,) in db.execute(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND field = ? AND start >= ?"
            " AND start < ?", (r[1], r[9], r[14], r[15]))}
    return out
