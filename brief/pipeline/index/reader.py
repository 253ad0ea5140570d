"""Reading the index back as the briefing's models: one article, lists of rows, or everything.

The TUI asks for what it shows (a page of article rows, one article's text when it is read);
export asks for the whole ``Briefing``. Both read the same tables.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from brief.models import (
    Affiliation,
    Article,
    Briefing,
    Deal,
    Entity,
    Figure,
    FigureRef,
    Heading,
    Mention,
    Occurrence,
    Quote,
)
from brief.pipeline.index.query import NEW_SINCE, NOT_WORDS, WORDS, Query, Scope
from brief.pipeline.text import describe, fold

if TYPE_CHECKING:
    from brief.pipeline import ingest
    from brief.pipeline.subjects import FigureSubject

_ARTICLE_COLUMNS = ("a.id, a.slug, a.path, a.title, a.title_derived, a.source, a.author, a.published, a.url, "
                    "a.published_text, a.standfirst, a.body, a.headings, a.hash,"
                    " (SELECT slug FROM articles d WHERE d.id = a.dup_of) AS duplicate_of, a.summary_only")


ARTICLE_ORDER = "a.path, a.slug"
"""The order of articles in a whole briefing (the exports): by what the files are, never by id. Ids and the order of
arrival depend on which writer came first (several write one shared index at once); the export must not."""


def by_name(db: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> Iterator[dict[str, Any]]:
    """The rows of a query as {column name: value}: the models are built by field name from them, so
    a column or a field that moves raises at once instead of shifting every value after it."""
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _figure(r: dict[str, Any], occurrences: Sequence[Occurrence] = ()) -> Figure:
    return Figure(text=r["text"], start=r["start"], end=r["end"], field=r["field"], kind=r["kind"], value=r["value"],
                  value_max=r["value_max"], currency=r["currency"], unit=r["unit"], approximate=bool(r["approximate"]),
                  about=r["about"], occurrences=occurrences)


class ArticleRow(NamedTuple):
    """What the article list shows of an article, without its text."""

    id: int
    slug: str
    title: str
    source: str | None
    published: str | None  # ISO 8601; ``brief.pipeline.dates.shown_date`` writes it for people
    people: int
    organizations: int
    figures: int
    copies: int  # other articles that are the same story
    published_text: str | None = None  # the date as written, shown when it is no date


_ROW = ("SELECT a.id, a.slug, a.title, a.source, a.published, a.published_text, a.n_people AS people,"
        " a.n_orgs AS organizations, a.n_figures AS figures,"
        " (SELECT count(*) FROM articles d WHERE d.dup_of = a.id) AS copies FROM articles a")
"""The columns of an ``ArticleRow``; the number of copies counted through the ``articles_dup`` index."""


def count_articles(db: sqlite3.Connection) -> int:
    """Stories in the index (an article that repeats another is not counted again)."""
    return int(db.execute("SELECT count(*) FROM articles WHERE dup_of IS NULL").fetchone()[0])


def article_rows(db: sqlite3.Connection, offset: int = 0, limit: int = 100) -> list[ArticleRow]:
    """A page of the article list: newest first (undated last), one row per story.

    Read in the order of the ``articles_list`` index: without it, SQLite sorts every article for
    each page (20 ms at 10,000 articles, 0.4 ms with it).
    """
    rows = by_name(db, f"{_ROW} INDEXED BY articles_list WHERE a.dup_of IS NULL"
                   " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?", (limit, offset))
    return [ArticleRow(**r) for r in rows]


class EntityRow(NamedTuple):
    """What a People or Companies panel shows of an entity."""

    id: int
    slug: str
    type: str
    name: str
    role: str  # the role most often stated, or ""
    mentions: int
    articles: int
    per_day: tuple[int, ...] = ()
    """Mentions on each day of the panel's scope, oldest first (``timeline.mentions_per_day``): read only for the
    rows a panel shows (``Library.with_days``), empty elsewhere."""


class FigureRow(NamedTuple):
    """A row of the Figures panel: a figure (without its other places) and the article it is in."""

    id: int
    article_id: int
    article_title: str
    figure: Figure


class QuoteRow(NamedTuple):
    """A row of a quotes list: who said it (a name, or "" when the text names no one), the quote, its article."""

    id: int
    article_id: int
    article_title: str
    speaker: str
    quote: Quote


def _in(scope: Scope | None, column: str) -> tuple[str, list[object]]:
    """A condition keeping the rows of the articles in ``scope`` (``column`` holds the article id)."""
    if scope is None or scope.everything:
        return "1", []
    sub, params = scope.articles()
    return f"{column} IN ({sub})", params


def count_quotes(db: sqlite3.Connection, scope: Scope | None = None) -> int:
    cond, params = _in(scope, "article_id")
    return int(db.execute(f"SELECT count(*) FROM quotes WHERE {cond}", params).fetchone()[0])


def quote_rows(db: sqlite3.Connection, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[QuoteRow]:
    """A page of the quotes in ``scope``, newest article first (undated last), in the order of each article's text."""
    cond, params = _in(scope, "q.article_id")
    rows = by_name(
        db, "SELECT q.rowid AS id, q.article_id, a.title AS article_title, coalesce(e.name, '') AS speaker, q.text,"
        " q.start, q.end, e.slug AS speaker_id, q.speaker_text FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" LEFT JOIN entities e ON e.id = q.speaker_id WHERE {cond}"
        " ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        [*params, limit, offset])
    return [QuoteRow(id=r["id"], article_id=r["article_id"], article_title=r["article_title"], speaker=r["speaker"],
                     quote=Quote(text=r["text"], start=r["start"], end=r["end"], speaker=r["speaker_id"],
                                 speaker_text=r["speaker_text"])) for r in rows]


class DealRow(NamedTuple):
    """A row of the Deals panel: who, what kind, to whom, for how much, in which article and where."""

    id: int
    article_id: int
    article_title: str
    kind: str
    buyer: str
    target: str
    amount: str
    stake: str
    start: int
    end: int


def count_deals(db: sqlite3.Connection, scope: Scope | None = None) -> int:
    cond, params = _in(scope, "article_id")
    return int(db.execute(f"SELECT count(*) FROM deals WHERE {cond}", params).fetchone()[0])


def deal_rows(db: sqlite3.Connection, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[DealRow]:
    """A page of the deals in ``scope``, newest article first, in the order of each article's text."""
    cond, params = _in(scope, "d.article_id")
    rows = by_name(
        db, "SELECT d.rowid AS id, d.article_id, a.title AS article_title, d.kind, coalesce(b.name, '') AS buyer,"
        " coalesce(t.name, '') AS target, coalesce(d.amount, '') AS amount, coalesce(d.stake, '') AS stake,"
        " d.start, d.end FROM deals d JOIN articles a ON a.id = d.article_id"
        " LEFT JOIN entities b ON b.id = d.buyer_id LEFT JOIN entities t ON t.id = d.target_id"
        f" WHERE {cond} ORDER BY a.published IS NULL, a.published DESC, d.article_id, d.start, d.rowid"
        " LIMIT ? OFFSET ?", [*params, limit, offset])
    return [DealRow(**r) for r in rows]


def matching_ids(db: sqlite3.Connection, query: Query) -> list[int]:
    """Every article that matches, in list order (ids only: cheap to keep for paging)."""
    return [r[0] for r in _probing(db, query, "a.id", " ORDER BY a.published IS NULL, a.published DESC, a.id")]


def narrow(query: Query) -> bool:
    """Whether ``query`` asks of the articles their ids only (every filter but source: and author:)."""
    return set(re.findall(r"\ba\.(\w+)", query.sql()[0])) <= {"id"}


def _matching(db: sqlite3.Connection, query: Query, probe: list[tuple[str, list[object]]] | None = None,
              ) -> tuple[str, list[object]]:
    """``FROM ... WHERE ...`` of the stories that match, and its parameters. On PostgreSQL, a query on ids alone
    reads the narrow ``article_words`` (id, date, copy, words: ``store.WORDS_DDL``), not the wide articles, its words
    and the words left out in one match (``_words_at_once``); with ``probe`` (a statement that reads every match: the
    count, all the ids), its filters' ids are looked up (``_probed``: their array's ``WITH`` clause is put in
    ``probe``, empty when there is none)."""
    from brief.pipeline.index.store import POSTGRESQL, dialect

    where, params = query.sql()
    table = "articles"
    if dialect(db) == POSTGRESQL:
        terms = _terms(query)
        if narrow(query):
            table = "article_words"
            terms = _words_at_once(terms)
        if probe is not None:
            terms = _probed(db, terms, probe)
        where = " AND ".join(cond for cond, _ in terms) or "1"
        where, params = _valued(db, where, [value for _, taken in terms for value in taken])
    # "+": dup_of IS NULL holds for most articles, so its index would only slow the filter down
    return f"FROM {table} a WHERE +a.dup_of IS NULL AND {where}", params


Terms = list[tuple[str, list[object]]]
"""A query's conditions (``Query.where``), each with its own parameters."""


def _terms(query: Query) -> Terms:
    """``query.where``, each condition with its parameters (those of a condition are its ``?``)."""
    out: Terms = []
    at = 0
    for cond in query.where:
        out.append((cond, list(query.params[at:at + cond.count("?")])))
        at += cond.count("?")
    return out if at == len(query.params) else [(" AND ".join(query.where) or "1", list(query.params))]


def _words_at_once(terms: Terms) -> Terms:
    """The words and the words left out (``bank -market``) as one match on PostgreSQL's narrow ``article_words``,
    read from the GIN index alone: as two, each story of the words had its words read (out of line) to leave out
    the others, 32,000 for "bank -market" (290-400 ms at 1,000,000 articles; 100-140 ms so). When the words give
    no word to match (``"..." -market``) nothing matches, as before: "and not market" alone would match the rest."""
    words = next((t for t in terms if t[0] == WORDS), None)
    left_out = next((t for t in terms if t[0] == NOT_WORDS), None)
    if words is None or left_out is None:
        return terms
    both = ("(a.fts @@ (brief_tsquery(?) && !! brief_tsquery(?)) AND numnode(brief_tsquery(?)) > 0)",
            [*words[1], *left_out[1], *words[1]])
    return [both if t is words else t for t in terms if t is not left_out]


def _valued(db: sqlite3.Connection, where: str, params: list[object]) -> tuple[str, list[object]]:
    """``where`` with the time ``new:`` counts from, and the entity of each ``entity:``, read first and given as
    values (PostgreSQL)."""
    if NEW_SINCE in where:  # the time as a value: PostgreSQL's planner guessed a third of all rows new (1.3 s)
        since = db.execute(NEW_SINCE).fetchone()[0]
        where = where.replace(f"({NEW_SINCE})", "NULL" if since is None else repr(float(since)))
    return constant_entity(db, where, params)


def constant_entity(db: sqlite3.Connection, where: str, params: list[object]) -> tuple[str, list[object]]:
    """``where`` with the entity of each ``entity:`` read first and given as a value (PostgreSQL), so that the
    planner knows how often it is mentioned: as a subquery it guessed 194 articles for a place in 49,600, and
    walked the list's order for its first page looking up 53,700 ids one by one (0.5 s; with the id, 5 ms). The
    value is what the subquery reads: the results do not change."""
    from brief.pipeline.index.schema import entity_of_slug

    slug = entity_of_slug("x")[0]  # the SQL, the same for every slug (``query._entity``)
    while (at := where.find(f"entity_id = {slug}")) >= 0:
        start = at + len("entity_id = ")
        before, taken = where[:start].count("?"), slug.count("?")
        row = db.execute(f"SELECT {slug}", params[before:before + taken]).fetchone()
        where = f"{where[:start]}?{where[start + len(slug):]}"
        params = [*params[:before], row[0] if row else None, *params[before + taken:]]
    return where, params


PROBED_MOST = 4_000_000
"""The ids ``_probed`` puts in one array at most (32 MB of the server's memory): a filter that keeps most articles
gives as many ids, or more (a name's once per mention: person:a 2,160,000 at 1,000,000 articles, still quicker so
than joined, 3.6 against 5.0 s). Past it (a larger index) its stories are joined with the filter, as a page's
statement does (``_probing``)."""

PROBE = "probe"
"""The ``WITH`` query that holds the array (``_probed``), and its column ``ids``."""


def _probed(db: sqlite3.Connection, terms: Terms, probe: list[tuple[str, list[object]]]) -> Terms:
    """``terms`` with the filters that keep articles by id (``a.id IN (SELECT ...)``: names, figures, deals, new:yes;
    not words, not a filter left out) as one ``a.id = ANY(...)`` of the ids they all give (PostgreSQL), held in the
    array of a ``WITH`` query (put in ``probe``: up to one id more than ``PROBED_MOST``): the planner then looks each
    of those ids up in the stories' index. As ``IN``, it guessed how many there were from
    the filter (a name's entities, 140,000 articles for 16,000) and read all 934,000 stories' ids to join them with:
    money>1e9 counted in 380 ms, 140 so; percent>10 450 -> 145 ms; source:reuters percent>50 2.4 s -> 0.3 s.
    Not for a statement that stops at a page: walking the list, it would test each story against the whole array.
    One array for all the filters: two on the one column, the index would be walked for every pair of their ids."""
    def by_id(cond: str) -> bool:
        return cond.startswith("a.id IN (") and "articles_fts" not in cond

    subs = [(f"({_looked_up(cond[len('a.id IN ('):-1])})", taken) for cond, taken in terms if by_id(cond)]
    if not subs:
        return terms
    inner = " INTERSECT ".join(sub for sub, _ in subs) if len(subs) > 1 else subs[0][0][1:-1]
    probe.append(_valued(db, f"WITH {PROBE} AS MATERIALIZED (SELECT ARRAY(SELECT * FROM ({inner}) AS i LIMIT"
                             f" {PROBED_MOST + 1}) AS ids) ", [value for _, taken in subs for value in taken]))
    kept = [t for t in terms if not by_id(t[0])]
    return [*kept, (f"a.id = ANY((SELECT ids FROM {PROBE})::bigint[])", [])]


def _probing(db: sqlite3.Connection, query: Query, columns: str, tail: str = "", counted: bool = False,
             ) -> list[tuple[Any, ...]]:
    """The rows of ``SELECT columns FROM (the matches) tail`` (``counted``: a count), the matches' filters probed
    (``_probed``); joined when they give more ids than ``PROBED_MOST`` (the statement then finds none at once, and
    is run again so)."""
    probe: list[tuple[str, list[object]]] = []
    found, params = _matching(db, query, probe)
    if not probe:
        return _search(db, f"SELECT {columns} {found}{tail}", params)
    (held, values), = probe
    fits = f"(SELECT cardinality(ids) FROM {PROBE}) <= {PROBED_MOST}"
    rows = _search(db, f"{held}SELECT {columns}, {fits} {found} AND {fits}{tail}", [*values, *params])
    if (rows[0][-1] if counted else rows) or (not counted and _search(db, f"{held}SELECT {fits}", values)[0][0]):
        return [row[:-1] for row in rows]
    found, params = _matching(db, query)
    return _search(db, f"SELECT {columns} {found}{tail}", params)


def _looked_up(sub: str) -> str:
    """``sub`` with each ``column IN (SELECT ...)`` in it as ``column = ANY(ARRAY(SELECT ...))``: the entities of a
    name (person:, org:, said:, with:) looked up in the mentions' (quotes', deals') index by id. As ``IN``, the
    planner multiplied the entities it guessed by the mentions of an average entity (a few are named everywhere),
    and read all 8,100,000 mentions for org:"RT" (16,000 entities, 204,000 of their mentions: 3-5 s -> 0.5 s)."""
    out, at = "", 0
    while (found := re.search(r"(\w+) IN (\(SELECT )", sub[at:])) is not None:
        opened = at + found.start(2)
        end = _closing(sub, opened)
        out += f"{sub[at:at + found.start()]}{found[1]} = ANY(ARRAY{sub[opened:end + 1]})"
        at = end + 1
    return out + sub[at:]


def _closing(text: str, opened: int) -> int:
    """Where the parenthesis opened at ``opened`` closes (the end of ``text`` when it does not)."""
    depth = 0
    for at in range(opened, len(text)):
        depth += {"(": 1, ")": -1}.get(text[at], 0)
        if depth == 0:
            return at
    return len(text) - 1


def _search(db: sqlite3.Connection, sql: str, params: list[object]) -> list[tuple[Any, ...]]:
    """The rows of a search's statement. On PostgreSQL, planned for its values each time, never prepared: psycopg
    prepares a statement run five times (every person: or org: shares one), and the server then planned it once
    for any name; org:"Statements & Releases" (300 matches) took 300-400 ms so, 12 ms planned for its name."""
    from brief.pipeline.index.store import POSTGRESQL, dialect

    if dialect(db) != POSTGRESQL:
        return db.execute(sql, params).fetchall()
    conn = db.conn  # type: ignore[attr-defined]
    threshold, conn.prepare_threshold = conn.prepare_threshold, None
    try:
        return db.execute(sql, params).fetchall()  # type: ignore[no-any-return]
    finally:
        conn.prepare_threshold = threshold


def count_matching(db: sqlite3.Connection, query: Query) -> int:
    """How many stories match (PostgreSQL: counted where they are, none of their ids read out)."""
    from brief.pipeline.index.store import POSTGRESQL, dialect

    if dialect(db) == POSTGRESQL and (kept := _kept_in(query)) is not None:
        # the stories less those the filter leaves out: the few read, not the 934,000 others tested one by one
        # (unread:yes 200 -> 50 ms at 1,000,000 articles). The same number: an article id, and every id a filter
        # gives, is never NULL, so each story is in the filter's ids or not.
        table = "article_words" if narrow(query) else "articles"
        every = int(_search(db, f"SELECT count(*) FROM {table} a WHERE +a.dup_of IS NULL", [])[0][0])
        return every - count_matching(db, kept)
    return int(_probing(db, query, "count(*)", counted=True)[0][0])


def _kept_in(query: Query) -> Query | None:
    """The query of what a query of one filter left out keeps (``-person:Park``, ``unread:yes``, ``new:no``,
    ``-market``): the articles it would not match; None for any other query."""
    if len(query.where) != 1:
        return None
    cond = query.where[0]
    if cond.startswith("NOT (a.id IN (") and cond.endswith("))") and _balanced(cond[len("NOT (a.id IN "):-1]):
        kept = cond[len("NOT ("):-1]
    elif cond.startswith("a.id NOT IN (") and _balanced(cond[len("a.id NOT IN "):]):
        kept = "a.id IN " + cond[len("a.id NOT IN "):]
    else:
        return None
    return Query(query.text, where=[kept], params=list(query.params))


def _balanced(text: str) -> bool:
    """Whether ``text`` is one parenthesised whole: "(a) AND (b)" is not."""
    return text.startswith("(") and text.endswith(")") and _closing(text, 0) == len(text) - 1


def matching_page(db: sqlite3.Connection, query: Query, offset: int, limit: int) -> list[int]:
    """A page of ``matching_ids``: the list's order walked (PostgreSQL: by the date index) up to the page only."""
    found, params = _matching(db, query)
    return [r[0] for r in _search(db, f"SELECT a.id {found} ORDER BY a.published IS NULL, a.published DESC, a.id"
                                  " LIMIT ? OFFSET ?", [*params, limit, offset])]


def rows_by_ids(db: sqlite3.Connection, ids: list[int]) -> list[ArticleRow]:
    """The list rows of these articles, in the order given."""
    if not ids:
        return []
    found = {r["id"]: ArticleRow(**r) for r in by_name(db, f"{_ROW} WHERE a.id IN ({','.join('?' * len(ids))})", ids)}
    return [found[i] for i in ids if i in found]


def count_entities(db: sqlite3.Connection, kind: str) -> int:
    return int(db.execute("SELECT count(*) FROM entities WHERE type = ?", (kind,)).fetchone()[0])


def entity_rows(db: sqlite3.Connection, kind: str, offset: int = 0, limit: int = 100) -> list[EntityRow]:
    """A page of a panel: the entities of one type, most mentioned first."""
    rows = db.execute("SELECT id, slug, type, name, mention_count, article_count FROM entities WHERE type = ?"
                      " ORDER BY mention_count DESC, name COLLATE NOCASE, slug LIMIT ? OFFSET ?", (kind, limit, offset))
    return with_roles(db, rows.fetchall())


def with_roles(db: sqlite3.Connection, page: Sequence[tuple[int, str, str, str, int, int]]) -> list[EntityRow]:
    """(id, slug, type, name, mentions, articles) rows as panel rows, each with the role most often stated."""
    stated = _roles_of(db, [r[0] for r in page])
    return [EntityRow(id=entity, slug=slug, type=kind, name=name, role=(stated.get(entity) or [""])[0],
                      mentions=mentions, articles=articles) for entity, slug, kind, name, mentions, articles in page]


Counted = tuple[int, str, str, str, int, int]
"""An entity counted in a scope: (id, slug, type, name, mentions, articles)."""


def scoped_entities(db: sqlite3.Connection, scope: Scope,
                    kinds: Sequence[str] = ("person", "organization")) -> dict[str, list[Counted]]:
    """Every entity of ``kinds`` named in ``scope``'s articles, counted there, by type, most mentioned first:
    (id, slug, type, name, mentions, articles), read in one grouped pass over the articles' mentions."""
    cond, params = _in(scope, "m.article_id")
    cond += f" AND +e.type IN ({','.join('?' * len(kinds))})"  # "+": filtered as read, not by the type index
    params += list(kinds)
    out: dict[str, list[Counted]] = defaultdict(list)
    # CROSS JOIN: from the scope's mentions to their entities (SQLite would otherwise walk every entity of the type)
    for row in db.execute(
            "SELECT e.id, e.slug, e.type, e.name, sum(m.field != 'author') AS n, count(DISTINCT m.article_id)"
            f" FROM mentions m CROSS JOIN entities e ON e.id = m.entity_id WHERE {cond}"
            " GROUP BY e.id ORDER BY n DESC, e.name COLLATE NOCASE, e.slug", params):
        out[row[2]].append(row)
    return out


def count_figures(db: sqlite3.Connection, scope: Scope | None = None) -> int:
    cond, params = _in(scope, "article_id")
    return int(db.execute(f"SELECT count(*) FROM figures WHERE {cond}", params).fetchone()[0])


def figure_rows(db: sqlite3.Connection, offset: int = 0, limit: int = 100,
                scope: Scope | None = None) -> list[FigureRow]:
    """A page of the Figures panel, in article order."""
    cond, params = _in(scope, "f.article_id")
    rows = by_name(
        db, "SELECT f.id, f.article_id, a.title AS article_title, f.text, f.start, f.end, f.field, f.kind, f.value,"
        " f.value_max, f.currency, f.unit, f.approximate, f.about FROM figures f JOIN articles a ON a.id = f.article_id"
        f" WHERE {cond} ORDER BY f.article_id, f.id LIMIT ? OFFSET ?", [*params, limit, offset])
    return [FigureRow(id=r["id"], article_id=r["article_id"], article_title=r["article_title"], figure=_figure(r))
            for r in rows]


def copies(db: sqlite3.Connection, article_id: int) -> list[ArticleRow]:
    """The other articles that are the same story as this one (its repeats, or what it repeats)."""
    root = db.execute("SELECT coalesce(dup_of, id) FROM articles WHERE id = ?", (article_id,)).fetchone()
    if root is None:
        return []
    rows = by_name(db, "SELECT id, slug, title, source, published, published_text, n_people AS people,"
                   " n_orgs AS organizations, n_figures AS figures, 0 AS copies FROM articles a"
                   " WHERE (id = ? OR dup_of = ?) AND id != ?"
                   f" ORDER BY {ARTICLE_ORDER}", (root[0], root[0], article_id))
    return [ArticleRow(**r) for r in rows]


def article_id(db: sqlite3.Connection, slug: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE slug = ?", (slug,)).fetchone()
    return int(row[0]) if row else None


def entity_names(db: sqlite3.Connection, slugs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """slug -> (type, name) of the entities asked for (the reader colours mentions by type)."""
    wanted = list(slugs)
    rows = db.execute(f"SELECT slug, type, name FROM entities WHERE slug IN ({','.join('?' * len(wanted))})",
                      wanted) if wanted else []
    return {slug: (kind, name) for slug, kind, name in rows}


def article_texts(db: sqlite3.Connection, ids: Iterable[int] | None = None) -> list[Article]:
    """Whole articles (text, mentions, figures, relations), all of them or the ``ids`` asked for, in index order."""
    wanted = None if ids is None else list(ids)
    cond = "1" if wanted is None else f"a.id IN ({','.join('?' * len(wanted))})"
    out = {r["id"]: r for r in by_name(
        db, f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE {cond} ORDER BY {ARTICLE_ORDER}", wanted or [])}
    if not out:
        return []
    cond_m = "1" if wanted is None else f"m.article_id IN ({','.join('?' * len(wanted))})"
    mentions: dict[int, list[Mention]] = defaultdict(list)
    related: dict[int, dict[str, None]] = defaultdict(dict)
    for aid, slug, field, start, end, text in db.execute(
            f"SELECT m.article_id, e.slug, m.field, m.start, m.end, m.text FROM mentions m JOIN entities e"
            f" ON e.id = m.entity_id WHERE {cond_m} ORDER BY m.article_id,"
            " CASE m.field WHEN 'title' THEN 0 WHEN 'standfirst' THEN 1 ELSE 2 END, m.start, m.rowid", wanted or []):
        related[aid][slug] = None
        if field != "author":
            mentions[aid].append(Mention(entity=slug, text=text, start=start, end=end, field=field))
    figures: dict[int, list[Figure]] = defaultdict(list)
    for f in by_name(db, "SELECT article_id, kind, value, value_max, currency, unit, approximate, text, field,"
                     f" start, end, about, occurrences FROM figures m WHERE {cond_m} ORDER BY article_id, id",
                     wanted or []):
        a = out[f["article_id"]]
        places = tuple(Occurrence(text=a[where][s:e], start=s, end=e, field=where)
                       for where, s, e in json.loads(f["occurrences"]))
        figures[f["article_id"]].append(_figure(f, places))
    quotes, affiliations, deals = _relations(db, cond_m, wanted or [])
    return [
        Article(
            id=r["slug"], path=r["path"], title=r["title"], title_derived=bool(r["title_derived"]), source=r["source"],
            author=r["author"], published=r["published"], published_text=r["published_text"], url=r["url"],
            summary_only=bool(r["summary_only"]),
            duplicate_of=r["duplicate_of"], standfirst=r["standfirst"], body=r["body"],
            headings=tuple(Heading(text=r["body"][s:e], start=s, end=e) for s, e in json.loads(r["headings"])),
            mentions=tuple(mentions[aid]), figures=tuple(figures[aid]), entities=tuple(related[aid]),
            quotes=tuple(quotes[aid]), affiliations=tuple(affiliations[aid]), deals=tuple(deals[aid]),
            content_hash=r["hash"],
        )
        for aid, r in out.items()
    ]


_SLUG = "(SELECT slug FROM entities WHERE id = {})"


def _relations(db: sqlite3.Connection, cond: str, params: list[int]) -> tuple[
        dict[int, list[Quote]], dict[int, list[Affiliation]], dict[int, list[Deal]]]:
    """The quotes, affiliations and deals of the articles that match ``cond`` (on ``m.article_id``)."""
    quotes: dict[int, list[Quote]] = defaultdict(list)
    for r in by_name(db, f"SELECT article_id, text, start, end, {_SLUG.format('speaker_id')} AS speaker, speaker_text,"
                     f" rule FROM quotes m WHERE {cond} ORDER BY article_id, start", params):
        quotes[r.pop("article_id")].append(Quote(**r))
    affiliations: dict[int, list[Affiliation]] = defaultdict(list)
    for r in by_name(db, f"SELECT article_id, {_SLUG.format('person_id')} AS person, {_SLUG.format('org_id')}"
                     f" AS organization, role, start, end, rule FROM affiliations m WHERE {cond}"
                     " ORDER BY article_id, start, rowid", params):
        affiliations[r.pop("article_id")].append(Affiliation(**r))
    deals: dict[int, list[Deal]] = defaultdict(list)
    for r in by_name(db, f"SELECT article_id, kind, {_SLUG.format('buyer_id')} AS buyer, {_SLUG.format('target_id')}"
                     " AS target, amount, stake, start, end, amount_value, stake_value, rule FROM deals m"
                     f" WHERE {cond} ORDER BY article_id, start, rowid", params):
        deals[r.pop("article_id")].append(Deal(**r))
    return quotes, affiliations, deals


def articles(db: sqlite3.Connection, ids: Iterable[int] | None = None) -> list[Article]:
    """``article_texts``: the briefing's articles (export reads them all, the reader one at a time)."""
    return article_texts(db, ids)


def roles(db: sqlite3.Connection, limit: int = 3) -> dict[int, list[str]]:
    """The roles the texts state for each person (their affiliations), most often stated first."""
    return _roles_of(db, None, limit)


def _roles_of(db: sqlite3.Connection, entities: list[int] | None, limit: int = 3) -> dict[int, list[str]]:
    cond = "1" if entities is None else f"r.person_id IN ({','.join('?' * len(entities))})"
    out: dict[int, list[str]] = defaultdict(list)
    for entity, title, org, _n in db.execute(
            "SELECT r.person_id, r.role, o.name, count(*) AS n FROM affiliations r LEFT JOIN entities o"
            f" ON o.id = r.org_id JOIN articles a ON a.id = r.article_id WHERE {cond} GROUP BY r.person_id, r.role,"
            " o.name ORDER BY r.person_id, n DESC, r.role IS NULL, min(a.path), min(a.slug), min(r.start),"
            " r.role, o.name",
            entities or []):
        role = describe(title or "", org)
        kept = out[entity]
        if role and len(kept) < limit and not any(fold(role) in fold(k) for k in kept):
            out[entity] = [k for k in kept if fold(k) not in fold(role)] + [role]
    return out


def entities(db: sqlite3.Connection, ids: Sequence[int] | None = None) -> list[Entity]:
    """Every entity with its aliases, roles and articles, most mentioned first; with ``ids``, the entities those
    articles name, their mentions and articles counted there."""
    names = defaultdict(list)
    for eid, alias in db.execute("SELECT entity_id, alias FROM aliases ORDER BY entity_id, count DESC, alias"):
        names[eid].append(alias)
    inside = "1" if ids is None else "m.article_id IN (SELECT value FROM json_each(?))"
    wanted = [] if ids is None else [json.dumps(list(ids))]
    in_articles = defaultdict(list)
    for eid, slug in db.execute("SELECT m.entity_id, a.slug FROM mentions m JOIN articles a ON a.id = m.article_id"
                                f" WHERE {inside} GROUP BY m.entity_id, a.id ORDER BY m.entity_id, {ARTICLE_ORDER}",
                                wanted):
        in_articles[eid].append(slug)
    stated = roles(db)
    rows = db.execute("SELECT id, slug, type, name, mention_count FROM entities "
                      "ORDER BY mention_count DESC, name COLLATE NOCASE, slug") if ids is None else db.execute(
        "SELECT e.id, e.slug, e.type, e.name, sum(m.field != 'author') AS n FROM mentions m CROSS JOIN entities e"
        f" ON e.id = m.entity_id WHERE {inside} GROUP BY e.id ORDER BY n DESC, e.name COLLATE NOCASE, e.slug", wanted)
    return [Entity(id=slug, type=kind, name=name, aliases=tuple(a for a in names[eid] if a != name),
                   roles=tuple(stated.get(eid, ())), articles=tuple(in_articles[eid]), mention_count=n)
            for eid, slug, kind, name, n in rows]


def figure_subjects(db: sqlite3.Connection, ids: Sequence[int] | None = None) -> list[FigureSubject]:
    """Every figure of an article that copies no other (of the articles ``ids``, when given), with its sentence's
    entities (and where each is named) and key words, read as ``brief.pipeline.subjects.subject`` reads them:
    what it measures, and its parties."""
    from brief.pipeline.subjects import subject

    named: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for fid, slug, at in db.execute(
            "SELECT f.id, e.slug, m.start - f.sent_start FROM figures f JOIN mentions m ON m.article_id = f.article_id"
            " AND m.field = f.field AND m.start >= f.sent_start AND m.start < f.sent_end"
            " JOIN entities e ON e.id = m.entity_id"):
        named[fid].append((slug, at))
    return [
        subject(slug, kind, currency, unit, FigureRef(article=slug, text=text, value=value, value_max=vmax,
                                                      about=about),
                sentence, start, end, (0, len(sentence)), named[fid], frozenset(json.loads(words)))
        for fid, slug, kind, currency, unit, text, value, vmax, about, words, start, end, sentence in db.execute(
            "SELECT f.id, a.slug, f.kind, f.currency, f.unit, f.text, f.value, f.value_max, f.about, f.words,"
            " f.start - f.sent_start, f.end - f.sent_start, substr(CASE f.field WHEN 'title' THEN a.title"
            " WHEN 'standfirst' THEN a.standfirst ELSE a.body END, f.sent_start + 1, f.sent_end - f.sent_start)"
            " FROM figures f JOIN articles a ON a.id = f.article_id WHERE a.dup_of IS NULL"
            f" AND {'1' if ids is None else 'f.article_id IN (SELECT value FROM json_each(?))'}"
            f" ORDER BY {ARTICLE_ORDER}, f.id",
            [] if ids is None else [json.dumps(list(ids))])
    ]


def new_since(db: sqlite3.Connection) -> float | None:
    found = db.execute(NEW_SINCE).fetchone()[0]
    return None if found is None else float(found)


def briefing(db: sqlite3.Connection, skipped: list[tuple[str, str]] | None = None,
             ids: Sequence[int] | None = None) -> Briefing:
    """Everything in the index as one Briefing (export, and small corpora in the reader), or the articles ``ids``
    only (the entities they name, counted in them; the figures they disagree on)."""
    from brief.pipeline.subjects import disagreements

    return Briefing(articles=articles(db, ids), entities=entities(db, ids),
                    disagreements=disagreements(figure_subjects(db, ids)), skipped=list(skipped or []))


def stored_parsed(db: sqlite3.Connection, ids: list[int]) -> list[tuple[int, ingest.Parsed]]:
    """The structure of these articles as the index keeps it: what analysing them again starts from."""
    from brief.pipeline.ingest import Parsed

    rows = by_name(db, "SELECT id, title, body, title_derived, standfirst, author, source, published,"
                   " published_text, headings"
                   f" FROM articles WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", ids)
    return [(r["id"], Parsed(title=r["title"], body=r["body"], title_derived=bool(r["title_derived"]),
                             standfirst=r["standfirst"], author=r["author"], source=r["source"],
                             published=r["published"], published_text=r["published_text"],
                             headings=[(s, e) for s, e in json.loads(r["headings"])]))
            for r in rows]
