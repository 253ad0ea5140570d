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
from typing import TYPE_CHECKING

from brief.pipeline.index.schema import entity_of_slug
from brief.pipeline.index.store import POSTGRESQL, dialect
from brief.pipeline.text import describe

if TYPE_CHECKING:
    from brief.pipeline.subjects import FigureSubject

ARTICLES_SHOWN = 30
"""Articles listed in a profile, newest first; the filter (``f``) lists them all. Each row listed costs
the screen as much as its query: with 200, a profile of a frequent name took 300 ms to show."""
FIGURES_SHOWN = 30
RELATED_SHOWN = 12
CANDIDATES = 300
"""Figures compared with one for its view across sources, at most."""
ROLES_SHOWN = 12
QUOTES_SHOWN = 30
DEALS_SHOWN = 20


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
    note: str = ""  # a second thing to say, highlighted: a normalised value, a count of sources
    detail: str = ""  # and a third, plain: what a figure is about
    entity: str | None = None  # the slug of another entity the row names (co-occurrence)
    figure_id: int | None = None  # the figure the row is, for its view across sources
    deal_id: int | None = None  # the deal the row is (its rowid), for its view across sources
    affiliation_id: int | None = None  # the affiliation the row is (its rowid), for why brief states it
    quote_id: int | None = None  # the quote the row is (its rowid), for why brief gives it to its speaker


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
    quotes: tuple[Item, ...]
    deals: tuple[Item, ...]
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
    entity, params = entity_of_slug(slug)  # (an id from before a retype too)
    row = db.execute(f"SELECT id, slug, type, name, mention_count, article_count FROM entities WHERE id = {entity}",
                     params).fetchone()
    if row is None:
        return None
    entity, slug, kind, name = row[0], row[1], row[2], row[3]
    aliases = tuple(alias for (alias,) in db.execute(
        "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY count DESC, alias", (entity,)) if alias != name)
    articles = _articles(db, entity, kind)
    return Profile(entity, slug, kind, name, aliases, row[4], row[5], _roles(db, entity, kind),
                   _quotes(db, entity), _deals(db, entity), _figures(db, entity), articles, _related(db, entity))


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
    """Each role the texts give a person (their affiliations), with the newest article that says so.

    The evidence is the person's name in the sentence that states it; a company's row names the
    person who holds the role there.
    """
    column = "person_id" if kind == "person" else "org_id"
    rows = db.execute(
        "SELECT f.role, p.name, o.name, f.article_id, f.start, f.end, a.title, a.published, f.rowid FROM affiliations f"
        " JOIN entities p ON p.id = f.person_id LEFT JOIN entities o ON o.id = f.org_id"
        f" JOIN articles a ON a.id = f.article_id WHERE f.{column} = ? AND a.dup_of IS NULL"
        " ORDER BY a.published IS NULL, a.published DESC, f.article_id, f.start", (entity,)).fetchall()
    grouped: dict[str, list[tuple]] = {}  # type: ignore[type-arg]  # the same role, as each article states it
    for role, person, org, *rest in rows:
        text = describe(role or "", org) if kind == "person" else f"{person}, {role}" if role else person
        grouped.setdefault(text, []).append(tuple(rest))
    out = []
    for text, found in sorted(grouped.items(), key=lambda g: -len(g[1]))[:ROLES_SHOWN]:
        article, start, end, title, published, rowid = found[0]
        sources = len({f[0] for f in found})
        out.append(Item(text, _in_sentence(db, entity, kind, article, start, end), " ".join(title.split()),
                        published, note=f"{sources} sources" if sources > 1 else "", affiliation_id=rowid))
    return tuple(out)


def _in_sentence(db: sqlite3.Connection, entity: int, kind: str | None, article: int, start: int,
                 end: int) -> Evidence:
    """The entity's mention in body[start:end] (its evidence sentence), else its first in the article."""
    row = db.execute("SELECT min(start) FROM mentions WHERE entity_id = ? AND article_id = ? AND field = 'body'"
                     " AND start >= ? AND start < ?", (entity, article, start, end)).fetchone()
    if row[0] is not None:
        return Evidence(article, "body", row[0], kind)
    field, at = _first_mentions(db, entity, [article]).get(article, ("body", start))
    return Evidence(article, field, at, kind)


def _quotes(db: sqlite3.Connection, entity: int) -> tuple[Item, ...]:
    """What the entity is quoted as saying, newest article first; each opens the article at the quote."""
    rows = db.execute(
        "SELECT q.article_id, q.start, q.text, a.title, a.published, q.rowid FROM quotes q JOIN articles a"
        " ON a.id = q.article_id WHERE q.speaker_id = ? AND a.dup_of IS NULL"
        " ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.start LIMIT ?",
        (entity, QUOTES_SHOWN)).fetchall()
    return tuple(Item(f"“{' '.join(text.split())}”", Evidence(article, "body", start, "quote"),
                      " ".join(title.split()), published, quote_id=rowid)
                 for article, start, text, title, published, rowid in rows)


DEAL_COLUMNS = ("d.rowid, d.kind, b.name, t.name, d.amount, d.stake, d.article_id, d.start, d.end, a.title,"
                " a.published, d.buyer_id, d.target_id")
DEAL_FROM = (" FROM deals d LEFT JOIN entities b ON b.id = d.buyer_id LEFT JOIN entities t ON t.id = d.target_id"
             " JOIN articles a ON a.id = d.article_id")


def deal_text(kind: str, buyer: str | None, target: str | None) -> str:
    """'Harbor Bank: investment in Fennel Labs', as far as the text says who and what."""
    what = kind if target is None else f"{kind} in {target}" if kind in ("investment", "stake", "funding") \
        else f"{kind} of {target}" if kind == "acquisition" else f"{kind} with {target}"
    return f"{buyer}: {what}" if buyer else what


def _deal_item(db: sqlite3.Connection, row: tuple) -> Item:  # type: ignore[type-arg]
    """A deal as a row: who, what, to whom; its amount and stake; opened at its amount (else its sentence)."""
    deal, kind, buyer, target, amount, stake, article, start, end, title, published, buyer_id, target_id = row
    figure = db.execute("SELECT id, field, start FROM figures WHERE article_id = ? AND field = 'body' AND start >= ?"
                        " AND start < ? AND text = ? ORDER BY start LIMIT 1",
                        (article, start, end, amount or stake or "")).fetchone()
    if figure is not None:
        evidence = Evidence(article, figure[1], figure[2], "figure")
    else:
        named = buyer_id if buyer_id is not None else target_id
        evidence = _in_sentence(db, named, None, article, start, end) if named is not None else \
            Evidence(article, "body", start)
    note = " · ".join(part for part in (amount, f"{stake} stake" if stake else None) if part)
    return Item(deal_text(kind, buyer, target), evidence, " ".join(title.split()), published, note=note,
                figure_id=None if figure is None else figure[0], deal_id=deal)


def _deals(db: sqlite3.Connection, entity: int) -> tuple[Item, ...]:
    """The deals the entity takes part in (as buyer or target), newest article first."""
    rows = db.execute(
        f"SELECT {DEAL_COLUMNS}{DEAL_FROM} WHERE d.rowid IN (SELECT rowid FROM deals WHERE buyer_id = ?"
        " UNION SELECT rowid FROM deals WHERE target_id = ?) AND a.dup_of IS NULL"
        " ORDER BY a.published IS NULL, a.published DESC, d.article_id, d.start LIMIT ?",
        (entity, entity, DEALS_SHOWN)).fetchall()
    return tuple(_deal_item(db, r) for r in rows)


SAME_DEAL = {"funding": "investment", "stake": "investment"}
"""Kinds one deal is reported as: money put in is an investment, a funding round or a stake, as the source words it."""


def deal_across(db: sqlite3.Connection, deal: int) -> Across | None:
    """The deal ``deal`` as other articles report it: a deal of its kind between the same two sides.

    The sources disagree when their amounts or stakes differ.
    """
    row = db.execute(f"SELECT {DEAL_COLUMNS}{DEAL_FROM} WHERE d.rowid = ?", (deal,)).fetchone()
    if row is None:
        return None
    kind, buyer_id, target_id, article = row[1], row[11], row[12], row[6]
    kinds = [k for k in {kind, *SAME_DEAL, *SAME_DEAL.values()} if SAME_DEAL.get(k, k) == SAME_DEAL.get(kind, kind)]
    others = db.execute(
        f"SELECT {DEAL_COLUMNS}{DEAL_FROM} WHERE d.kind IN ({','.join('?' * len(kinds))}) AND d.buyer_id IS ?"
        " AND d.target_id IS ? AND d.article_id != ? AND a.dup_of IS NULL"
        " ORDER BY a.published IS NULL, a.published DESC, d.article_id",
        (*kinds, buyer_id, target_id, article)).fetchall() if buyer_id is not None and target_id is not None else []
    return Across(_deal_item(db, row), deal_text(kind, row[2], row[3]), tuple(_deal_item(db, r) for r in others),
                  _deals_differ(db, [row[0], *(r[0] for r in others)]))


def _deals_differ(db: sqlite3.Connection, deals: list[int]) -> bool:
    """Whether these deals' amounts (one measure in one currency: no per-share price, conversion or valuation),
    or their stakes, differ between articles once rounding and "nearly" are allowed for."""
    from collections import defaultdict

    from brief.pipeline.subjects import deal_amount, differ

    rows = db.execute(
        "SELECT d.article_id, d.kind, d.amount, d.amount_value, d.stake, d.stake_value, d.start, d.end,"
        " substr(a.body, d.start + 1, d.end - d.start) FROM deals d JOIN articles a ON a.id = d.article_id"
        f" WHERE d.rowid IN ({','.join('?' * len(deals))})", deals).fetchall()
    told: dict[tuple[str | None, str], dict[int, set[tuple[str, float | None]]]] = defaultdict(lambda: defaultdict(set))
    for article, _kind, amount, amount_value, stake, stake_value, _start, _end, sentence in rows:
        currency = db.execute("SELECT currency FROM figures WHERE article_id = ? AND kind = 'money' AND text = ?",
                              (article, amount or "")).fetchone()
        fact = deal_amount(sentence, amount, (0, len(sentence)), currency and currency[0])
        if fact is not None:
            told[fact][article].add((amount, amount_value))
        if stake:
            told[(None, "stake")][article].add((stake, stake_value))
    return any(len(by) > 1 and all(len(v) == 1 for v in by.values())
               and differ([next(iter(v)) for v in by.values()], "percent" if key[1] == "stake" else "money")
               for key, by in told.items())


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
    return Item(" ".join(text.split()), Evidence(article, field, start, "figure"), " ".join(title.split()),
                published, note=shown if shown != text else "", detail=" ".join(about.split()), figure_id=fid)


def _figures(db: sqlite3.Connection, entity: int) -> tuple[Item, ...]:
    """The figures stated in a sentence that names the entity, newest article first."""
    rows = db.execute(
        f"SELECT {FIGURE_COLUMNS} FROM mentions m JOIN figures f ON f.article_id = m.article_id"
        " AND f.field = m.field AND m.start >= f.sent_start AND m.start < f.sent_end"
        " JOIN articles a ON a.id = f.article_id WHERE m.entity_id = ? AND a.dup_of IS NULL GROUP BY f.id, a.id"
        " ORDER BY a.published IS NULL, a.published DESC, f.article_id, f.start LIMIT ?",
        (entity, FIGURES_SHOWN)).fetchall()
    return tuple(figure_item(r) for r in rows)


def _related(db: sqlite3.Connection, entity: int) -> tuple[Item, ...]:
    """The entities named in the most articles with this one; each row opens the newest article naming both."""
    # From this entity's articles to their mentions (CROSS JOIN keeps that order: left to itself, SQLite
    # walked every entity of the type instead, 2-5 s for a frequent one on 10,000 articles).
    # Each group's entity read by its id, few groups or many: PostgreSQL guessed thousands of groups for a name in
    # three articles and read all 445,000 entities instead (90 ms at 1,000,000 articles; OFFSET 0 keeps its
    # subquery from being joined otherwise). SQLite's CROSS JOIN keeps that order already.
    by_id = "CROSS JOIN entities e ON e.id = g.entity_id" if dialect(db) != POSTGRESQL else (
        "JOIN LATERAL (SELECT id, slug, type, name FROM entities WHERE id = g.entity_id OFFSET 0) e ON true")
    rows = db.execute(
        "SELECT e.id, e.slug, e.type, e.name, g.n FROM"
        " (SELECT o.entity_id, count(DISTINCT o.article_id) AS n"
        "  FROM (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?) mine"
        "  CROSS JOIN mentions o ON o.article_id = mine.article_id"
        "  WHERE o.entity_id != ? AND o.field != 'author' GROUP BY o.entity_id) g"
        f" {by_id} WHERE e.type IN ('person', 'organization')"
        " ORDER BY g.n DESC, e.name COLLATE NOCASE, e.slug LIMIT ?", (entity, entity, RELATED_SHOWN)).fetchall()
    out = []
    for other, slug, kind, name, n in rows:
        # the articles naming both first (two lists of ids from one index), then theirs the newest: PostgreSQL read
        # every article of a frequent name before (330 ms each at 1,000,000 articles, 15 ms so)
        article, title, published = db.execute(
            "SELECT a.id, a.title, a.published FROM articles a WHERE a.id IN"
            " (SELECT m.article_id FROM mentions m CROSS JOIN mentions o ON o.article_id = m.article_id"
            "  WHERE m.entity_id = ? AND o.entity_id = ? AND o.field != 'author')"
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
    """A figure or a deal (``item``) and how other articles report the same (empty: no other source does)."""

    item: Item
    about: str
    others: tuple[Item, ...]
    disagree: bool  # the values differ


def across(db: sqlite3.Connection, figure: int) -> Across | None:
    """The figure ``figure`` as other articles report it, grouped as the briefing's "Across sources" is.

    Only figures of the same kind whose sentence shares an entity with this one's, and whose value
    is within the ratio the grouping allows, can be on its subject: at most ``CANDIDATES`` of them are
    read (by index) and grouped with ``brief.pipeline.subjects.disagreements``, which says whether the
    values really differ.
    """
    from brief.pipeline.subjects import MAX_RATIO, disagreements

    row = db.execute(f"SELECT {_ACROSS_COLUMNS} FROM figures f JOIN articles a ON a.id = f.article_id"
                     " WHERE f.id = ?", (figure,)).fetchone()
    if row is None:
        return None
    kind, value, currency = row[2], row[3], row[5]
    entities = [e for (e,) in db.execute(
        "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND field = ? AND start >= ? AND start < ?",
        (row[1], row[9], row[14], row[15]))]
    candidates = [row]
    if entities and value > 0:
        candidates += db.execute(
            f"SELECT DISTINCT {_ACROSS_COLUMNS} FROM mentions m"
            " JOIN figures f ON f.article_id = m.article_id AND f.field = m.field AND m.start >= f.sent_start"
            " AND m.start < f.sent_end JOIN articles a ON a.id = f.article_id"
            f" WHERE m.entity_id IN ({','.join('?' * len(entities))}) AND f.kind = ? AND f.currency IS ?"
            " AND f.value BETWEEN ? AND ? AND f.article_id != ? AND a.dup_of IS NULL"
            " LIMIT ?", [*entities, kind, currency, value / MAX_RATIO ** 2, value * MAX_RATIO ** 2, row[1],
                         CANDIDATES]).fetchall()
    subjects = _subjects(db, candidates)
    by_ref = {(str(r[1]), r[8], r[3]): r for r in candidates}
    own = (str(row[1]), row[8], row[3])
    for group in disagreements(subjects):
        keys = [(ref.article, ref.text, ref.value) for ref in group.figures]
        if own in keys:
            others = tuple(figure_item(by_ref[k][:14]) for k in keys if k != own)
            return Across(figure_item(row[:14]), group.about, others, True)
    return Across(figure_item(row[:14]), row[11], (), False)


_ACROSS_COLUMNS = (f"{FIGURE_COLUMNS}, f.sent_start, f.sent_end, f.words, f.end,"
                   " substr(CASE f.field WHEN 'title' THEN a.title WHEN 'standfirst' THEN a.standfirst ELSE a.body END,"
                   " f.sent_start + 1, f.sent_end - f.sent_start)")
"""A figure's row, its sentence's bounds and key words, its end and its sentence's text."""


def _subjects(db: sqlite3.Connection, rows: list[tuple]) -> list[FigureSubject]:  # type: ignore[type-arg]
    """Each figure as ``brief.pipeline.subjects.subject`` reads it, from its sentence and the entities named
    there (ids as strings: ``FigureSubject`` compares them)."""
    from brief.models import FigureRef
    from brief.pipeline.subjects import subject

    out = []
    for r in rows:
        named = [(str(e), at - r[14]) for e, at in db.execute(
            "SELECT entity_id, start FROM mentions WHERE article_id = ? AND field = ? AND start >= ? AND start < ?",
            (r[1], r[9], r[14], r[15]))]
        sentence = r[18]
        out.append(subject(str(r[1]), r[2], r[5], r[6], FigureRef(article=str(r[1]), text=r[8], value=r[3],
                                                                   value_max=r[4], about=r[11]),
                           sentence, r[10] - r[14], r[17] - r[14], (0, len(sentence)), named,
                           frozenset(json.loads(r[16]))))
    return out
