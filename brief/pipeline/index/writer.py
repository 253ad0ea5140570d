"""Writing the index: add an analysed article, resolve its entities against the index, remove one.

Resolution is incremental. Within the article the rules of ``brief.pipeline.resolve`` group its
mentions ("Park" with "Nina Park"); each group then finds its entity in the index through
name keys:

    p:<first> <surname>  a person's full name         ps:<surname>  surnames of full names
    p1:<word>            a person known by one word    pt:<w1> <w2>  the last two words of a longer name
    o:<core>             an organization's core name   d:<name>      an entity the user declared
    x:<label>:<name>     a place, product, event, ...  n:<name>      any entity, whatever its type

A one-word person joins the one full name with that surname; when a later article makes that
match unique, the two entities merge. An acronym alone is only ever the acronym: the expansion
of another story says nothing of this one. Names the extractor typed differently in different
articles ("n:") are one entity, whose type is the one with the most evidence (the summed weight
of its mentions as ``extract.evidence.weight`` weighs them, kept in ``entity_votes``); a declared
entity keeps its declared type.
Counts, aliases, votes and display names of the entities an article touched are kept up to date
as articles come and go and settled in ``finish``, so removing an article needs no bookkeeping of
its own. The article's quotes, affiliations and deals are stored with the entity ids its body
mentions resolved to (and a deal's amount and stake as its figures' text and value); a merge moves
every column that names an entity (``ENTITY_COLUMNS``).
"""

from __future__ import annotations

import bisect
import json
import re
import sqlite3
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from brief.pipeline.analysis import Analysis, raw_mentions
from brief.pipeline.extract.evidence import apart
from brief.pipeline.extract.evidence import weight as evidence_weight
from brief.pipeline.extract.rules import TEXT_EVIDENCE
from brief.pipeline.index import dedup, fixes
from brief.pipeline.index.fixes import bare
from brief.pipeline.index.schema import PREFIX, STORIES, slug_rest
from brief.pipeline.index.store import POSTGRESQL, dialect
from brief.pipeline.resolve import (
    RawMention,
    _name,
    _resolve_orgs,
    _resolve_people,
    canonical_name,
    is_acronym,
    org_core,
    person_key,
    person_tokens,
)
from brief.pipeline.text import fold

RELATIONS = ("quotes", "affiliations", "deals")
ENTITY_COLUMNS = (("mentions", "entity_id"), ("affiliations", "person_id"), ("affiliations", "org_id"),
                  ("quotes", "speaker_id"), ("deals", "buyer_id"), ("deals", "target_id"))
"""Every column that holds an entity id: a merge moves them all. The first two need their entity, the rest
may lose it (NULL) when it leaves the index."""
RELATION_ROLES = (("quotes", "speaker_id", None), ("affiliations", "person_id", "person"),
                  ("affiliations", "org_id", "organization"), ("deals", "buyer_id", None), ("deals", "target_id", None))
"""The columns of what an article says that name an entity, and the type the role asks of it (None: any): what goes
with a mention that a split moves (``Writer._follow``)."""

if TYPE_CHECKING:
    from brief.config import Fix

LOOKUPS = 500
"""Keys and slugs a writer asks of the index one at a time before it reads them all at once: an update of a few
files (a re-open after one change) asks a few, where reading every key and slug of 100,000 articles took 0.3 s."""

IN_LIST = 500
"""Ids in one ``IN (...)`` list at most (SQLite's bound parameters are limited)."""

ADD_ALIASES = "INSERT INTO aliases VALUES (?, ?, ?) ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + ?"
ADD_COUNTS = "UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + ? WHERE id = ?"
"""The additions to entities' ways of writing and counts that ``_count`` defers (kept deferred through a merge)."""
ADD_VOTES = "INSERT INTO entity_votes VALUES (?, ?, ?) ON CONFLICT (entity_id, label) DO UPDATE SET weight = weight + ?"
ADD_KEY = "INSERT OR IGNORE INTO entity_keys VALUES (?, ?)"
ADD_ENTITY = "INSERT INTO entities (id, slug, type, name, declared) VALUES (?, ?, ?, ?, ?)"
ADD_MENTIONS = "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
ADD_FIGURES = ("INSERT INTO figures (article_id, kind, value, value_max, currency, unit, approximate, text, field,"
               " start, end, about, occurrences, sent_start, sent_end, words)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
ADD_QUOTES = "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)"
ADD_AFFILIATIONS = "INSERT INTO affiliations VALUES (?, ?, ?, ?, ?, ?, ?)"
ADD_DEALS = "INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
SET_FIGURES = "UPDATE articles SET n_figures = ? WHERE id = ?"
TOUCHED = "INSERT INTO touched SELECT value FROM json_each(?)"  # the ids as one parameter (a statement of one text)
ADD_BANDS = "INSERT INTO bands VALUES (?, ?)"
NAMED_AT = {ADD_ALIASES: (0,), ADD_COUNTS: (2,), ADD_VOTES: (0,), ADD_KEY: (1,), ADD_ENTITY: (0,), ADD_MENTIONS: (1,),
            ADD_QUOTES: (4,), ADD_AFFILIATIONS: (1, 2), ADD_DEALS: (2, 3), ADD_FIGURES: (), SET_FIGURES: (),
            ADD_BANDS: ()}
"""Where each deferred statement's rows hold an entity id: a merge writes first the rows that name its two entities,
and the others go on gathering (``Writer._flush_naming``); a statement not here is written before any merge."""

MERGE = """WITH moved AS (UPDATE mentions SET entity_id = %(into)s WHERE entity_id = %(gone)s RETURNING article_id),
    ties AS (UPDATE affiliations SET person_id = CASE WHEN person_id = %(gone)s THEN %(into)s ELSE person_id END,
        org_id = CASE WHEN org_id = %(gone)s THEN %(into)s ELSE org_id END
        WHERE person_id = %(gone)s OR org_id = %(gone)s),
    said AS (UPDATE quotes SET speaker_id = %(into)s WHERE speaker_id = %(gone)s),
    dealt AS (UPDATE deals SET buyer_id = CASE WHEN buyer_id = %(gone)s THEN %(into)s ELSE buyer_id END,
        target_id = CASE WHEN target_id = %(gone)s THEN %(into)s ELSE target_id END
        WHERE buyer_id = %(gone)s OR target_id = %(gone)s),
    keys AS (INSERT INTO entity_keys (key, entity_id) SELECT key, %(into)s FROM entity_keys WHERE entity_id = %(gone)s
        ON CONFLICT DO NOTHING),
    keys_gone AS (DELETE FROM entity_keys WHERE entity_id = %(gone)s),
    forms AS (INSERT INTO aliases (entity_id, alias, count) SELECT %(into)s, alias, count FROM aliases
        WHERE entity_id = %(gone)s ON CONFLICT (entity_id, alias) DO UPDATE SET count = aliases.count + excluded.count),
    forms_gone AS (DELETE FROM aliases WHERE entity_id = %(gone)s),
    votes AS (INSERT INTO entity_votes (entity_id, label, weight) SELECT %(into)s, label, weight FROM entity_votes
        WHERE entity_id = %(gone)s ON CONFLICT (entity_id, label)
        DO UPDATE SET weight = entity_votes.weight + excluded.weight),
    votes_gone AS (DELETE FROM entity_votes WHERE entity_id = %(gone)s),
    counted AS (UPDATE entities SET mention_count = entities.mention_count
        + coalesce((SELECT mention_count FROM entities WHERE id = %(gone)s), 0), article_count = """ + STORIES.format(
    entity="ANY(ARRAY[%(gone)s, %(into)s]::bigint[])") + """ WHERE id = %(into)s),
    dropped AS (DELETE FROM entities WHERE id = %(gone)s)
INSERT INTO moved_articles SELECT DISTINCT article_id FROM moved"""
"""``Writer._merge``'s statements on PostgreSQL, in one (one statement a merge, not fourteen): every part reads the
index as it was before the merge (one snapshot), so the stories are counted over both entities' mentions; the articles
whose mentions it moved are listed on the server (``store.MOVED_TABLE``), not read back (a round trip a merge). The
source's row may not be written yet (created by this batch: then never, its count 0: ``ADD_COUNTS`` are written with
the rows they add to)."""

MERGE_MADE = MERGE.replace("""counted AS (UPDATE entities SET mention_count = entities.mention_count
        + """, """counted AS (INSERT INTO entities (id, slug, type, name, declared, mention_count, article_count)
        VALUES (%(into)s, %(slug)s, %(type)s, %(name)s, %(declared)s, """).replace(
    "), article_count = (SELECT count(", "), (SELECT count(").replace(" WHERE id = %(into)s),\n", ")),\n")
"""``MERGE`` into an entity created by this batch whose row is not written yet: the row written with its counts (its
count 0 until then), not written first by a statement of its own before the merge (most merges' flush)."""

MOVE = """WITH moved AS (UPDATE mentions SET entity_id = %(into)s WHERE entity_id = %(gone)s
        AND article_id = ANY(%(ids)s::bigint[])),
    ties AS (UPDATE affiliations SET person_id = CASE WHEN person_id = %(gone)s THEN %(into)s ELSE person_id END,
        org_id = CASE WHEN org_id = %(gone)s THEN %(into)s ELSE org_id END
        WHERE (person_id = %(gone)s OR org_id = %(gone)s) AND article_id = ANY(%(ids)s::bigint[])),
    said AS (UPDATE quotes SET speaker_id = %(into)s WHERE speaker_id = %(gone)s
        AND article_id = ANY(%(ids)s::bigint[]))
UPDATE deals SET buyer_id = CASE WHEN buyer_id = %(gone)s THEN %(into)s ELSE buyer_id END,
    target_id = CASE WHEN target_id = %(gone)s THEN %(into)s ELSE target_id END
    WHERE (buyer_id = %(gone)s OR target_id = %(gone)s) AND article_id = ANY(%(ids)s::bigint[])"""
"""``Writer._move``'s statements on PostgreSQL, in one (``ENTITY_COLUMNS`` of the articles ``ids``; a row that names
the entity twice, as a tie's person and firm, changed once, both its columns)."""

MENTION_COLUMNS = "article_id, entity_id, field, start, end, text, label, score, source"
"""A mention's columns, as ``_count`` reads them (named: a store may keep more, PostgreSQL a rowid)."""


NAMING_KEYS = ("p", "p1", "o", "x", "t", "d", "n")
"""The kinds of key whose name an entity's id is made of (``_key_name``)."""
_NUMBERED = re.compile(r"-[0-9]+$")

TYPE_KEYS = {"person": ("p", "p1"), "organization": ("o",)}
"""The kinds of key that name an entity of a type (the others' are ``x:<type>:``), first: what its id is made of."""

LONE_KEYS = ("p1", "n", "t", "o", "x")
"""The kinds of key a lone surname's entity may hold (its own, and those of the entities of other types by that name it
took in): what goes back to it when a second full name with that surname arrives (``Writer._surname_alone``)."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


@lru_cache(maxsize=256)
def _written(sql: str) -> str:
    """The table a deferred statement writes (``INSERT [OR ...] INTO t``, ``UPDATE t``)."""
    found = re.match(r"(?:INSERT(?: OR \w+)? INTO|UPDATE) (\w+)", sql)
    return found[1] if found else ""


MOVED_ROWS = tuple(sql for sql in NAMED_AT if _written(sql) in {table for table, _column in ENTITY_COLUMNS})
"""The deferred statements whose rows ``Writer._move`` moves (their tables' ``ENTITY_COLUMNS``)."""


def _naming(rows: list[tuple[Any, ...]], at: Iterable[int], entities: set[int]) -> bool:
    """Does any of ``rows`` hold one of ``entities`` at one of the places ``at``? (Asked of every deferred row before
    each merge: a column at a time, at C speed.)"""
    return any(not entities.isdisjoint(map(itemgetter(i), rows)) for i in at)


def _key_name(key: str) -> str:
    """The name in an entity's key (``p:nina park``, ``x:place:velmora``): what its slug is made of.

    Not the first mention's text: which article comes first depends on the order of arrival (several writers on
    one index), and the slug must be the same whatever the order ("Acme Corp." or "Acme" first: ``org-acme``)."""
    kind, _, rest = key.partition(":")
    return rest.partition(":")[2] if kind in ("x", "t") else rest


def _org_core(text: str) -> str:
    """The name an organization written ``text`` is keyed by (``o:``): its core, or an acronym's letters."""
    return fold(text).replace(".", "").replace("&", "") if is_acronym(text) else org_core(text)


def _lone_key(text: str, label: str) -> str:
    """The key of its type a mention written ``text`` and typed ``label`` gives its entity where it is all the group
    (``Writer._person``'s ``p1:`` of a surname alone, ``_organization``'s and ``_other``'s): '' for a full name."""
    if label == "person":
        first, surname = person_key(text)
        return "" if first else f"p1:{surname}"
    if label == "organization":
        return f"o:{_org_core(text)}"
    return f"x:{label}:{bare(text)}"  # (a place, product, event...: as written, "'s" aside)


class Writer:
    """Adds and removes articles in one open index; call ``finish`` to settle the entities touched."""

    def __init__(self, db: sqlite3.Connection, declared: Callable[[str], str | None] = lambda text: None,
                 fixes: Sequence[Fix] | Callable[[], Sequence[Fix]] = ()) -> None:
        """``fixes``: the user's, or how to read them (read again as a batch begins after another process wrote:
        a fix made for the corpus meanwhile applies to the articles this writer adds next)."""
        self.db = db
        self.declared = declared
        self._fixes_now = fixes if callable(fixes) else None
        self._use(fixes() if callable(fixes) else fixes)
        self.touched: set[int] = set()
        self.merged: dict[int, int] = {}  # retired entity id -> the one it became
        self.articles: set[int] = set()  # articles added since ``finish``: their counts are settled there
        self._guessed: set[int] = set()  # those of them whose row's counts may be wrong (``_people_and_orgs``)
        self._keys: dict[str, list[int]] | None = None  # the entity_keys table, read once (after LOOKUPS)
        self._slugs: set[str] | None = None  # every slug taken, read once (after LOOKUPS)
        self._asked = 0  # keys and slugs asked of the index one at a time so far
        self._version: int | None = None  # the database's data_version the two were read at
        self._top: int | None = None  # the largest entity id, read once a transaction (a round trip)
        self._kinds: dict[int, tuple[str, str, str]] = {}  # entity -> (type, declared, slug), kept up to date
        self._pending: dict[str, list[tuple[Any, ...]]] = {}  # rows written together by ``flush``
        self._sketches: dict[int, bytes | None] = {}  # articles' sketches read or written (an id's is its text's)
        self._adding: defaultdict[int, float] = defaultdict(float)  # entity -> weight of the article being added
        self._clashes: set[str] = set()  # slugs of this transaction that others share or freed: ``_number``
        self._rekeyed: set[int] = set()  # entities whose naming keys ``_part`` moved: named again (``_reslug``)
        self._changes = 0  # merges and splits so far: what was read of entities before one may have changed
        self._moved: set[int] = set()  # articles whose mentions a merge or a split moved: counted again (``_recount``)
        self._forgot = False  # what articles said was taken out since ``finish``: surnames settled again there
        self._untexted: set[str] = set()  # the names whose last text-typed mention of a type went (``_texts_again``)
        self._bands: dict[int, set[int]] = {}  # near-copy band value -> its articles, for the values read (``expect``)
        self._adding_slug: str | None = None  # the id of the article being resolved, whose row is not written yet

    def _use(self, fixes: Sequence[Fix]) -> None:
        self.fixes = tuple(fixes)  # the user's fixes, applied to what each batch touches (see ``fixes``)
        self.ignored = {bare(f.name) for f in self.fixes if f.action == "ignore"}

    def begin(self) -> None:
        """Start a write transaction, after any other brief process's (they take turns).

        What this writer remembers of the index is dropped if another connection has committed
        since: resolving against a stale copy created entities twice ("UNIQUE constraint failed").
        """
        self.db.execute("BEGIN IMMEDIATE")
        if dialect(self.db) == POSTGRESQL:  # as durable as SQLite's WAL at synchronous=NORMAL: a crash of the server
            # loses the last batches (what the files give again), never the index; the fixes, no cache, are not written
            # here and commit as the server's setting says
            self.db.execute("SET LOCAL synchronous_commit = off")
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._keys = self._slugs = None
            self._sketches.clear()
            self._version = version
            self._kinds.clear()  # (another client may have retyped or renamed them)
            if self._fixes_now is not None:
                self._use(self._fixes_now())
        self.merged.clear()  # ids retired in earlier transactions may be anyone's now
        self._top = None
        self._pending.clear()
        self._clashes.clear()
        self._rekeyed.clear()
        self._moved.clear()
        self._bands.clear()

    def expect(self, sketches: Iterable[bytes | None]) -> None:
        """The articles of the batch about to be added (their sketches): the index's articles that share a band with
        any of them are read at once, for ``_copies_of`` (a statement each article, on PostgreSQL a round trip each,
        where a batch is one). Kept up to date as this transaction adds and removes articles."""
        values = sorted({v for sketch in sketches if sketch is not None for v in dedup.keys(sketch)} - set(self._bands))
        self._bands.update((v, set()) for v in values)
        # (the values as one parameter: a statement of the same text each batch, which PostgreSQL's client parses and
        # its server plans once; a list of 500 markers was parsed again each time, 10 ms a statement)
        for value, article in self.db.execute(
                "SELECT value, article_id FROM bands WHERE value IN (SELECT value FROM json_each(?))",
                (json.dumps(values),)):
            self._bands[value].add(article)

    def _rows_in(self, sql: str, values: Sequence[Any], after: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` whose ``IN ({ids})`` is each IN_LIST of ``values`` in turn (a statement takes at most
        65,535 parameters on PostgreSQL); ``after``: the parameters that follow the list."""
        for at in range(0, len(values), IN_LIST):
            some = values[at:at + IN_LIST]
            yield from self.db.execute(sql.format(ids=",".join("?" * len(some))), [*some, *after])

    def _defer(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Rows written with the batch's other rows of this statement, in one ``executemany`` (``flush``):
        inserts and additions, which nothing reads back before a flush."""
        self._pending.setdefault(sql, []).extend(rows)

    def flush(self, table: str | None = None) -> None:
        """Write the rows deferred so far: before any statement that reads or changes them (``table``: those of that
        table only, before a read of it alone; the others go on gathering rows, a statement each on PostgreSQL)."""
        self._write_pending(lambda sql, _rows: table is None or _written(sql) == table)

    def _flush_naming(self, entities: tuple[int, ...], statements: Iterable[str] | None = None) -> None:
        """Write the deferred rows of the statements whose rows name any of ``entities`` (``NAMED_AT``): what a merge
        of them moves is written, and the others go on gathering rows (a statement each per flush on PostgreSQL,
        where a flush before each merge wrote most of a batch's statements). ``statements``: of these only (what a
        step reads or moves; the rest, additions of integers or of each entity's weights in order, gather on)."""
        named, only = set(entities), None if statements is None else set(statements)
        self._write_pending(lambda sql, rows: (only is None or sql in only) and (
            (at := NAMED_AT.get(sql)) is None or _naming(rows, at, named)))

    def _write_pending(self, which: Callable[[str, list[tuple[Any, ...]]], bool]) -> None:
        pending = {sql: rows for sql, rows in self._pending.items() if which(sql, rows)}
        updated = {_written(sql) for sql in pending if sql.startswith("UPDATE")}
        pending.update({sql: rows for sql, rows in self._pending.items()  # (the rows they update may be among them)
                        if sql.startswith("INSERT") and _written(sql) in updated})
        self._pending = {sql: rows for sql, rows in self._pending.items() if sql not in pending}
        # the inserts first: an entity created after another's count was deferred is counted too
        for sql, rows in sorted(pending.items(), key=lambda item: not item[0].startswith("INSERT")):
            self.db.executemany(sql, rows)

    def commit(self) -> None:
        self.finish()
        self.db.execute("COMMIT")

    @property
    def keys(self) -> dict[str, list[int]]:
        if self._keys is None:
            self.flush("entity_keys")  # the keys deferred while they were asked one at a time
            self._keys = {}
            self._keys_of: dict[int, set[str]] = {}
            for key, entity in self.db.execute("SELECT key, entity_id FROM entity_keys ORDER BY key, entity_id"):
                self._keys.setdefault(key, []).append(entity)
                self._keys_of.setdefault(entity, set()).add(key)
        return self._keys

    def _release(self, table: str, ids: Iterable[int]) -> None:
        """The slugs of rows about to be deleted are free again, as for a writer that reads them afresh.

        The key and slug caches must equal what a new writer would read (owners in id order, slugs
        of the rows there): another process, or the run after a kill, resolves from a fresh read.
        """
        if table == "entities":
            self._top = None  # deleted: the largest may be gone, and is read again
        for row_id in ids:
            known = self._kinds.get(row_id) if table == "entities" else None
            row = (known[2], None) if known else self.db.execute(
                f"SELECT slug, {'path' if table == 'articles' else 'NULL'} FROM {table} WHERE id = ?",
                (row_id,)).fetchone()
            if row:
                # others of its name may number down: an article's name is its file's ("article-000123" numbers
                # no "article": each re-open read every such article's row to number them)
                self._clash(row[0], self._article_slug(row[1]) if row[1] is not None else None)
                if self._slugs is not None:
                    self._slugs.discard(row[0])

    def _one_at_a_time(self) -> bool:
        """Ask the index for one key or slug (an indexed lookup) rather than read them all: the first LOOKUPS."""
        if self._asked >= LOOKUPS:
            return False
        self._asked += 1
        return True

    def _taken(self, slug: str) -> bool:
        if slug == self._adding_slug:  # the article being added holds it (its row is written once it is resolved)
            return True
        if self._slugs is None:  # the entities this batch created hold theirs ("U.S." and "U.S": both place-u-s)
            self._write_pending(lambda sql, _rows: sql == ADD_ENTITY)  # (not their counts: no slug moves)
        if self._slugs is None and self._one_at_a_time():
            return self.db.execute("SELECT 1 FROM entities WHERE slug = ? UNION ALL SELECT 1 FROM articles"
                                   " WHERE slug = ?", (slug, slug)).fetchone() is not None
        if self._slugs is None:
            rows = self.db.execute("SELECT slug FROM entities UNION ALL SELECT slug FROM articles")
            self._slugs = {r[0] for r in rows}
        return slug in self._slugs

    def _take(self, base: str) -> str:
        slug, n = base, 1
        while self._taken(slug):
            n += 1
            slug = f"{base}-{n}"
        if n > 1:
            self._clash(base)
        if self._slugs is not None:
            self._slugs.add(slug)
        return slug

    def _clash(self, slug: str, base: str | None = None) -> None:
        """``slug``'s name (``base``, when known) is shared, or was freed: its holders are numbered again as the
        transaction ends."""
        self._clashes.update({slug, base or _NUMBERED.sub("", slug)})

    def _number(self) -> None:
        """Number the holders of each name that clashed in this transaction by a rule of the corpus, not of the
        order of arrival: ``base``, ``base-2``, ... to articles in the order of their paths, then to entities in the
        order of their keys (the name as each was written: "St" before "St."; a file named ``per-jane-roe.txt`` keeps
        its id when Jane Roe is found). The first writer to index one of two "Justice" gave it ``org-justice`` and
        the other ``org-justice-2``; another writer, indexing them in the other order, gave the same ids to the other
        two: the ids are now the same whoever came first. An id may change when a name's holder arrives or leaves (a
        holder gone, the next ones number down)."""
        clashes, self._clashes = self._clashes, set()
        named = self._named(sorted(clashes))
        for base in sorted(clashes):
            holders: list[tuple[int, tuple[str, ...], str, str, int]] = []  # (rank, order, slug, table, id)
            theirs: set[str] = set()  # the names of the others read (``base-2``, a file's): not numbered into
            for table, rank in (("articles", 0), ("entities", 1)):
                for row_id, slug, what in [(i, s, w) for (t, i), (s, w) in named.items() if t == table and (
                        s == base or f"{base}-" < s < f"{base}.")]:
                    # a holder of the name it numbers, not of the id it holds: Jane Roe's ``per-jane-roe-2`` (her
                    # file ``per-jane-roe.txt`` holds the first) was a holder of ``per-jane-roe-2`` too, numbered
                    # ``per-jane-roe-2-2`` when the file ``per-jane-roe-2.txt`` came
                    own = self._base(table, row_id, slug, what)
                    if own != base:
                        theirs.add(own)
                        continue  # a name of its own ("place-route-66", a file's), or another name's numbered holder
                    if slug != base and not _NUMBERED.fullmatch(slug[len(base):]):
                        continue
                    order = (what,) if table == "articles" else tuple(sorted(self._keys_named(row_id)))
                    holders.append((rank, order, slug, table, row_id))
            if len(holders) < 2 and all(h[2] == base for h in holders):
                continue
            holders.sort()
            wanted, n = [], 1
            mine = {h[2] for h in holders}
            for _rank, _order, slug, table, row_id in holders:
                new = base if n == 1 else f"{base}-{n}"
                # held by a name of its own, or another's own name ``base-2`` held by one of ours: its holder takes it
                # as ``base-2`` is numbered (a fresh index, reading that file first, gave it no other)
                while new in theirs or (new not in mine and self._taken(new)):
                    n += 1
                    new = f"{base}-{n}"
                n += 1
                if new != slug:
                    wanted.append((table, row_id, slug, new))
            for step in (0, 1):  # through a name no one holds: the two may swap
                for table, row_id, _old, new in wanted:
                    self.db.execute(f"UPDATE {table} SET slug = ? WHERE id = ?",
                                    (f"{new}~{row_id}" if step == 0 else new, row_id))
            if self._slugs is not None:
                self._slugs.difference_update(w[2] for w in wanted)
                self._slugs.update(w[3] for w in wanted)
            for row_id in (w[1] for w in wanted if w[0] == "entities"):
                self._kinds.pop(row_id, None)
            for table, row_id, _old, new in wanted:
                named[(table, row_id)] = (new, named[(table, row_id)][1])

    def _named(self, bases: list[str]) -> dict[tuple[str, int], tuple[str, str]]:
        """(table, id) -> (slug, path or type) of the articles and entities whose id is one of ``bases`` or numbers it
        (``base-2``), read at once for ``_number`` (a statement each, on PostgreSQL a round trip each, took a fifth of
        a cold load's reads there): the rows its renames change are among them, and it keeps them up to date."""
        named: dict[tuple[str, int], tuple[str, str]] = {}
        for table, columns in (("articles", "id, slug, path"), ("entities", "id, slug, type")):
            for at in range(0, len(bases), 100):
                some = bases[at:at + 100]
                one = f"SELECT {columns} FROM {table} WHERE slug = ? OR (slug > ? AND slug < ?)"
                named.update(((table, row_id), (slug, what)) for row_id, slug, what in self.db.execute(
                    " UNION ALL ".join([one] * len(some)), [p for b in some for p in (b, f"{b}-", f"{b}.")]))
        return named

    def _base(self, table: str, row_id: int, slug: str, what: str) -> str:
        """The name a numbered id ``slug`` numbers: the one its entity's keys (or its article's file) give, else
        ``slug`` without its number."""
        if table == "articles":
            return self._article_slug(what)
        names = {f"{PREFIX.get(what, what)}-{_slug(_key_name(k))}" for k in self._keys_named(row_id)
                 if k.partition(":")[0] in NAMING_KEYS}
        return slug if slug in names else _NUMBERED.sub("", slug)

    def _current(self, entity: int) -> int:
        while entity in self.merged:
            entity = self.merged[entity]
        return entity

    # --- entities -------------------------------------------------------------------------------

    def _lookup(self, key: str) -> list[int]:
        """The entities a key names, in id order."""
        if self._keys is None and self._one_at_a_time():
            self.flush("entity_keys")
            return [r[0] for r in self.db.execute(
                "SELECT entity_id FROM entity_keys WHERE key = ? ORDER BY entity_id", (key,))]
        return self.keys.get(key, [])

    def _key(self, key: str, entity: int) -> None:
        if entity in self._lookup(key):
            return
        if self._keys is not None:
            bisect.insort(self._keys.setdefault(key, []), entity)
            self._keys_of.setdefault(entity, set()).add(key)
        self._defer(ADD_KEY, [(key, entity)])

    def _keys_named(self, entity: int) -> set[str]:
        """The keys naming ``entity``: asked of the index for the first LOOKUPS (a re-open's few), then from the key
        cache, read once."""
        if self._keys is None and self._one_at_a_time():
            self.flush("entity_keys")
            return {r[0] for r in self.db.execute("SELECT key FROM entity_keys WHERE entity_id = ?", (entity,))}
        _ = self.keys
        return self._keys_of.get(entity, set())

    def _forget_keys(self, entity: int, replacement: int | None = None) -> None:
        """Take ``entity`` out of the key cache (its keys pass to ``replacement`` if given)."""
        for key in self._keys_of.pop(entity, set()) if self._keys is not None else ():
            owners = [e for e in self._keys[key] if e != entity]  # type: ignore[index]
            if replacement is not None and replacement not in owners:
                bisect.insort(owners, replacement)
                self._keys_of.setdefault(replacement, set()).add(key)
            self._keys[key] = owners  # type: ignore[index]

    def _create(self, kind: str, name: str, key: str, declared: str = "") -> int:
        slug = self._take(f"{PREFIX.get(kind, kind)}-{_slug(_key_name(key))}")
        # Never the id of an entity merged away since this writer began: SQLite would hand out the
        # highest one again, and ``merged`` would send the new entity's mentions to the old one's heir.
        if self._top is None:
            self._top = int(self.db.execute("SELECT coalesce(max(id), 0) FROM entities").fetchone()[0])
        entity = self._top = max(self._top, max(self.merged, default=0)) + 1
        self._defer(ADD_ENTITY, [(entity, slug, kind, name, declared)])  # read before a flush: ``_kinds``
        self._kinds[entity] = (kind, declared, slug)
        self._key(key, entity)
        return entity

    def _one(self, key: str, kind: str, name: str, declared: str = "") -> int:
        found = self._lookup(key)
        return found[0] if found else self._create(kind, name, key, declared)

    def _merge(self, source: int, target: int) -> None:
        """Everything of entity ``source`` becomes ``target``'s."""
        source = self._current(source)  # merged away already (a surname's rule inside an earlier merge)
        if source == target:
            return
        # the additions to ways of writing and counts deferred stay deferred, the source's made the target's (integers:
        # the same sums in any order; on PostgreSQL a statement each time, and most flushes are a merge's); the
        # articles' part is dropped for both, recounted below from their mentions
        carried = {sql: self._pending.pop(sql) for sql in (ADD_ALIASES, ADD_COUNTS, ADD_KEY) if sql in self._pending}
        db = self.db
        server = dialect(db) == POSTGRESQL
        made: dict[int, tuple[Any, ...]] = {}  # the rows of the two entities this batch created, not written yet
        if server and ADD_ENTITY in self._pending:  # (the source's never is, the target's with ``MERGE_MADE``)
            made = {row[0]: row for row in self._pending[ADD_ENTITY] if row[0] in (source, target)}
            if made:
                self._pending[ADD_ENTITY] = [row for row in self._pending[ADD_ENTITY] if row[0] not in made]
            if not self._pending[ADD_ENTITY]:
                del self._pending[ADD_ENTITY]
        self._flush_naming((source, target))
        # (each list made again only where it names them: most merges are of an entity just created, named nowhere)
        if ADD_KEY in carried:  # (the source's keys are the target's, and a key is in the index once for an entity)
            self._pending[ADD_KEY] = carried[ADD_KEY] if not _naming(carried[ADD_KEY], (1,), {source}) else [
                (key, target if e == source else e) for key, e in carried[ADD_KEY]]
        if ADD_ALIASES in carried:
            self._pending[ADD_ALIASES] = carried[ADD_ALIASES] if not _naming(carried[ADD_ALIASES], (0,), {source}) \
                else [(target if e == source else e, *rest) for e, *rest in carried[ADD_ALIASES]]
        if ADD_COUNTS in carried:
            self._pending[ADD_COUNTS] = carried[ADD_COUNTS] if not _naming(
                carried[ADD_COUNTS], (2,), {source, target}) else [
                (n, 0, target) if e in (source, target) else (n, a, e) for n, a, e in carried[ADD_COUNTS]]
        top = self._top
        self._release("entities", [source])
        self._top = top  # the largest is never read again for a merge: a merged id is never given (``_create``)
        # the articles whose mentions move: their people and organizations are counted again (``_recount``)
        if server and target in made:
            _id, slug, kind, name, declared = made[target]
            cast(Any, db).write(MERGE_MADE, {"gone": source, "into": target, "slug": slug, "type": kind, "name": name,
                                             "declared": declared})
        elif server:
            cast(Any, db).write(MERGE, {"gone": source, "into": target})
        else:
            self._moved.update(r[0] for r in db.execute(
                "UPDATE mentions SET entity_id = ? WHERE entity_id = ? RETURNING article_id", (target, source)))
            for table, column in ENTITY_COLUMNS[1:]:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (target, source))
            db.execute("INSERT OR IGNORE INTO entity_keys SELECT key, ? FROM entity_keys WHERE entity_id = ?",
                       (target, source))
            for table, column, value in (("aliases", "alias", "count"), ("entity_votes", "label", "weight")):
                db.execute(f"INSERT INTO {table} SELECT ?, {column}, {value} FROM {table} WHERE entity_id = ? AND true"
                           f" ON CONFLICT (entity_id, {column}) DO UPDATE SET {value} = {value} + excluded.{value}",
                           (target, source))
            db.execute("UPDATE entities SET mention_count = mention_count + (SELECT mention_count FROM entities"
                       f" WHERE id = ?), article_count = {STORIES.format(entity='?')} WHERE id = ?",
                       (source, target, target))
            for table in ("entity_keys", "aliases", "entity_votes", "entities"):
                db.execute(f"DELETE FROM {table} WHERE {'id' if table == 'entities' else 'entity_id'} = ?", (source,))
        self._forget_keys(source, target)
        self._kinds.pop(source, None)
        self.merged[source] = target
        self._changes += 1
        self.touched.discard(source)
        self.touched.add(target)
        for key in [k for k in self._keys_named(target) if k.startswith("ps:")]:
            if self._lookup(key) == [target]:  # two full names of a surname became one: the surname alone is it
                for single in [e for e in self._lookup(f"p1:{key[3:]}") if e != target]:
                    self._surname_joins(single, target, key[3:])

    def _person(self, group: list[RawMention]) -> int:
        declared = next((m.declared for m in group if m.declared), "")
        if declared:
            return self._one(f"d:{fold(declared)}", "person", declared, declared)
        longest = max((_name(m) for m in group), key=lambda n: len(person_tokens(n)))
        first, surname = person_key(longest)
        if first:
            words = person_tokens(longest)
            owners = [] if self._lookup(f"p:{first} {surname}") or len(words) != 2 else self._lookup(f"pt:{longest}")
            entity = owners[0] if len(owners) == 1 else self._one(f"p:{first} {surname}", "person", group[0].text)
            if len(words) > 2:
                self._key(f"pt:{' '.join(words[-2:])}", entity)
            known = len(self._lookup(f"ps:{surname}"))
            self._key(f"ps:{surname}", entity)
            if len(self._lookup(f"ps:{surname}")) == 1:  # a lone surname known so far now has its full name
                for single in list(self._lookup(f"p1:{surname}")):
                    self._surname_joins(single, entity, surname)
            elif known == 1 and len(self._lookup(f"ps:{surname}")) == 2:
                self._surname_alone(surname, next(e for e in self._lookup(f"ps:{surname}") if e != entity))
            return self._one_type(" ".join(person_tokens(longest)), self._current(entity), group, "person")
        owners = self._lookup(f"ps:{surname}")
        if len(owners) == 1:  # the full name's entity, which no entity of another type joins by its surname
            return self._one_type(surname, owners[0], group, "person", join=False)
        entity = self._one_type(surname, self._one(f"p1:{surname}", "person", group[0].text), group, "person")
        # the lone word's key goes with it where its text typed it one of its own (the entity the key found had joined
        # another type's): the full name that comes takes every entity of the surname alone, whichever came first
        self._key(f"p1:{surname}", entity)
        return entity

    def _surname_alone(self, surname: str, first: int) -> None:
        """A second full name with this surname: the surname alone no longer says which of the two it is.

        The articles that name the first one by the surname only were given to it while it was the only one (and
        its lone-surname entity merged into it, ``p1:`` key and all); they go back to a lone-surname entity of
        their own, as if the two full names had come first. So the index is the same whichever order the
        articles arrive in (several writers on one index add them in any order)."""
        # its mentions (most often none of them is the surname alone, and that is all; what else names it goes on
        # gathering rows: ``_move`` writes first what it moves)
        self._flush_naming((first,), [ADD_MENTIONS])
        rows: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self.db.execute(f"SELECT {MENTION_COLUMNS} FROM mentions WHERE entity_id = ?", (first,)):
            rows[row[0]].append(row)
        # the surname alone, of one word or more ("Van Poppel")
        alone = sorted(a for a, found in rows.items() if all(not person_key(r[5])[0] for r in found))
        if not alone:
            return
        # the lone surname's keys, which the merges gave the full name: its own (p1:, n:, t:) and those of the entities
        # of other types it took in ("Ancell" an organization in one article: o:ancell)
        bare = {k for k in self._keys_named(first) if k.partition(":")[0] in LONE_KEYS and _key_name(k) == surname}
        for key in bare:
            self._drop_key(key, first)
        single = self._one(f"p1:{surname}", "person", surname)
        for key in bare:
            self._key(key, single)
        self._move(alone, rows, first, single)
        # a lone word of its own again: it joins the name's entities of other types as a lone word does (``_person``)
        self._one_type(surname, single, [], "person")

    def _surname_joins(self, single: int, full: int, surname: str) -> None:
        """The lone surname's entity ``single`` is the full name ``full`` now that the surname has only one.

        A full name never joins an entity of another type by its surname (the person Dara Quell is not the firm
        Quell): if the lone surname had joined one ("Quell" a person in a byline, "Quell" a firm elsewhere), only the
        articles that name it as a person come to the full name, and the firm stays itself, as it does when the full
        name comes first: its mentions typed a person go to him, in an article that names the firm too (then the
        article's quotes, ties and deals go with the mention they name, ``_part``)."""
        single = self._current(single)
        if single == full:
            return
        other = {k for k in self._keys_named(single) if k.partition(":")[0] in ("o", "x", "t")
                 and not k.startswith("t:person:") and _key_name(k) == surname}
        if not other:
            self._merge(single, full)
            # (the lone word's keys, which join the name's entities of other types and hold the surname alone: the full
            # name, which no entity of another type joins by its surname, holds neither, as when it came first)
            self._drop_key(f"n:{surname}", full)
            self._drop_key(f"p1:{surname}", full)
            return
        self._part(single, "person", True, full)
        for key in [k for k in self._keys_named(single) if k.startswith(("p1:", "t:person:"))]:
            self._drop_key(key, single)  # (no mention of it a person: the keys alone)
            if not key.startswith("p1:"):
                self._key(key, full)
        self._drop_key(f"p1:{surname}", full)

    def _drop_key(self, key: str, entity: int) -> None:
        if key not in self._keys_named(entity):
            return
        if self._keys is not None:
            self._keys[key].remove(entity)
            self._keys_of[entity].discard(key)
        if (key, entity) in self._pending.get(ADD_KEY, ()):  # not written yet: it never will be (the others wait)
            self._pending[ADD_KEY] = [row for row in self._pending[ADD_KEY] if row != (key, entity)]
        self.db.execute("DELETE FROM entity_keys WHERE key = ? AND entity_id = ?", (key, entity))

    def _move(self, articles: list[int], rows: dict[int, list[tuple[Any, ...]]], source: int, target: int) -> None:
        """What these articles say of entity ``source`` (their mentions ``rows``, read before) is ``target``'s."""
        self._moved.update(articles)
        # all the articles at once (article by article: a flush, six statements and two reads each, a tenth of a cold
        # index's statements); each counted as it was when moved one after the other: the other copies of its story
        # that moved before it name ``target`` (integers: the same sums; each entity's weights in the same order)
        named = self._named_in_stories(articles)
        done: set[int] = set()
        for article in articles:
            told = {target if e == source and other in done else e for other, e in named.get(article, ())}
            self._count(article, rows[article], -1, told=told)
            self._count(article, [(r[0], target, *r[2:]) for r in rows[article]], +1, told=told)
            done.add(article)
        # the rows the statements below move (not the additions to the two's counts, aliases and votes, which go on
        # gathering: integers, and each entity's weights added in the same order)
        self._flush_naming((source,), MOVED_ROWS)
        if dialect(self.db) == POSTGRESQL:  # (one statement, not six)
            cast(Any, self.db).write(MOVE, {"gone": source, "into": target, "ids": list(articles)})
            return
        for at in range(0, len(articles), IN_LIST):
            some = articles[at:at + IN_LIST]
            for table, column in ENTITY_COLUMNS:
                self.db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ? AND article_id IN"
                                f" ({','.join('?' * len(some))})", (target, source, *some))

    def _organization(self, group: list[RawMention]) -> int:
        declared = next((m.declared for m in group if m.declared), "")
        if declared:
            return self._one(f"d:{fold(declared)}", "organization", declared, declared)
        names = [m for m in group if not is_acronym(m.text)]
        core = _org_core(_name(names[0]) if names else group[0].text)
        entity = self._one(f"o:{core}", "organization", (names or group)[0].text)
        return self._one_type(core, entity, group, "organization")

    def _other(self, label: str, group: list[RawMention]) -> int:
        """A place, product, event...: one entity per name as written (case, accents, "'s" aside)."""
        declared = next((m.declared for m in group if m.declared), "")
        if declared:
            return self._one(f"d:{fold(declared)}", label, declared, declared)
        name = bare(group[0].text)
        return self._one_type(name, self._one(f"x:{label}:{name}", label, group[0].text), group, label)

    def _one_type(self, name: str, entity: int, group: list[RawMention], label: str, join: bool = True) -> int:
        """The entity that a name is in the corpus, whatever type each article gave it: an entity of
        another type by the same name joins this one, and ``finish`` types it by its votes.

        Unless the text says otherwise: a group that a rule typed from what its own text says
        ("Mr. Jordan", "the startup X": ``rules.TEXT_EVIDENCE``) keeps its type in an entity of its
        own, which takes in the name's weaker entities of other types and stays apart from the
        stronger (``_may_join``)."""
        said = any(m.source in TEXT_EVIDENCE for m in group)
        if said and not self._text_typed(entity) and self._kind(entity) != label:
            # reached through a key of the name's entity of another type: one of its own
            entity = self._one(f"t:{label}:{name}", label, group[0].text)
        if said:
            self._key(f"t:{label}:{name}", entity)
        if not join:
            return entity
        key = f"n:{name}"
        # those typed as this one is (by its text or not) first: the name's untyped entities are one, which a text-typed
        # one joins or not on its whole weight, whichever of them arrived first
        typed = self._text_typed(entity)
        others = sorted((e for e in self._lookup(key) if e != entity), key=lambda e: self._text_typed(e) != typed)
        self._key(key, entity)
        if others:
            known = self._kinds_of([entity, *others])
            kinds = {e: k for e, (k, declared, _slug) in known.items() if not declared}
            slugs = {e: slug for e, (_k, _declared, slug) in known.items()}
            for other in others:
                if other in kinds and entity in kinds and kinds[other] != kinds[entity] \
                        and not apart(name, kinds[other], kinds[entity]) \
                        and self._may_join(entity, other, sum(evidence_weight(m.source, m.score) for m in group)):
                    # the one whose id (slug) comes first stays, whichever came first: the order of arrival is not
                    # the corpus's (several writers)
                    keep, gone = sorted((other, entity), key=lambda e: (not self._full_name(e), slugs[e]))
                    self._merge(gone, keep)
                    entity = keep
        return entity

    def _may_join(self, entity: int, other: int, adding: float) -> bool:
        """May these two entities of one name and two types be one? Yes, unless the text typed one
        of them and the other has as much weight (the country Jordan stays apart from "Mr. Jordan";
        a mention the model typed a person joins the firm "the startup Orvane" named five times).
        ``adding`` is the weight of ``entity``'s mentions in the article being added.

        Taken on the weights the two have when the second arrives, which the order of arrival changes: ``finish``
        decides it again on the weights as the batch ends, and splits a join they no longer support (``_unjoin``)."""
        said, other_said = self._text_typed(entity), self._text_typed(other)
        if said == other_said:
            return not said
        # the votes of the two (the others' go on gathering rows: each entity's weights are added in the same order)
        self._flush_naming((entity, other), [ADD_VOTES])
        weight = dict(self.db.execute(
            "SELECT entity_id, sum(weight) FROM entity_votes WHERE entity_id IN (?, ?) GROUP BY entity_id",
            (entity, other)).fetchall())
        # with what the article being added says of both (its groups resolved so far): the weight the two will have
        # whichever of them is resolved first in it, or whichever article came first ("Mr. Vantrel" in one article
        # and "Vantrel" the firm in it, or in another that arrived before)
        here: defaultdict[int, float] = defaultdict(float)
        for e, w in self._adding.items():
            here[self._current(e)] += w
        mine, theirs = weight.get(entity, 0.0) + here[entity] + adding, weight.get(other, 0.0) + here[other]
        return theirs < mine if said else mine < theirs

    def _full_name(self, entity: int) -> bool:
        """Is this a person's full name (what a lone surname's entity merges into)?"""
        return any(k.startswith("p:") for k in self._keys_named(entity))

    def _text_typed(self, entity: int) -> bool:
        """Did a rule reading its text type this entity (see ``_one_type``)?"""
        return any(k.startswith("t:") for k in self._keys_named(entity))

    def _kind(self, entity: int) -> str:
        return self._kinds_of([entity]).get(entity, ("", "", ""))[0]

    def _kinds_of(self, entities: list[int]) -> dict[int, tuple[str, str, str]]:
        """(type, declared, slug) of each entity that exists, read once: they change only in ``finish``, which forgets
        those it changed, and by another client's write, which ``begin`` sees (on PostgreSQL a read is a round trip
        that waits for every write sent before it: a batch read a thousand of them again)."""
        unknown = [e for e in entities if e not in self._kinds]
        self._kinds.update((e, (k, d, s)) for e, k, d, s in self._rows_in(
            "SELECT id, type, declared, slug FROM entities WHERE id IN ({ids})", unknown))
        return {e: self._kinds[e] for e in entities if e in self._kinds}

    # --- articles -------------------------------------------------------------------------------

    @staticmethod
    def _article_slug(path: str) -> str:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", re.split(r"[/\\]", path.rstrip("/\\"))[-1])
        return _slug(stem) if stem else "article"

    def _unique_slug(self, path: str) -> str:
        return self._take(self._article_slug(path))

    def _copies_of(self, sketch: bytes | None, url: str | None) -> list[int]:
        """The stories (their shown articles' ids, in id order) this article repeats: the same URL, or a text that
        overlaps one of their copies almost whole."""
        roots: set[int] = set()
        if url:
            roots.update(int(r[0]) for r in self.db.execute(
                "SELECT DISTINCT coalesce(dup_of, id) FROM articles WHERE url = ?", (url,)))
        if sketch is None:
            return sorted(roots)
        keys = dedup.keys(sketch)
        # Texts share a band by chance more often as the corpus grows (0.09 candidates an article in the first
        # thousand, 7.5 at 100,000): the sketches this writer knows are not read again, the rest in one statement.
        if all(v in self._bands for v in keys):
            found = sorted({a for v in keys for a in self._bands[v]})
        else:
            self.flush("bands")
            found = sorted({r[0] for r in self.db.execute(
                f"SELECT DISTINCT article_id FROM bands WHERE value IN ({','.join('?' * len(keys))})", keys)})
        unseen = [a for a in found if a not in self._sketches]
        if unseen:
            self._sketches.update(self.db.execute(
                f"SELECT id, sketch FROM articles WHERE id IN ({','.join('?' * len(unseen))})", unseen))
        near = [a for a in found
                if (other := self._sketches.get(a)) and dedup.similarity(other, sketch) >= dedup.SAME_STORY]
        if near:  # their stories, in one statement
            roots.update(int(r[0]) for r in self.db.execute(
                f"SELECT coalesce(dup_of, id) FROM articles WHERE id IN ({','.join('?' * len(near))})", near))
        return sorted(roots)

    def _join(self, article: int, roots: list[int]) -> None:
        """The new ``article`` and the stories it repeats become one story, shown as its article first by path.

        A story is every article linked to it by copies of copies: near-copy similarity is not transitive (A
        overlaps B and B overlaps C, A and C not), and grouping each copy with the first story it overlapped made
        the groups depend on the order of arrival (several writers on one index). The article that bridges two
        stories joins them; the entities both named count the one story once (``schema.STORIES``)."""
        group = sorted({*roots, article})
        marks = ",".join("?" * len(group))
        first = int(self.db.execute(f"SELECT id FROM articles WHERE id IN ({marks}) ORDER BY path, slug LIMIT 1",
                                    group).fetchone()[0])
        lost: list[tuple[int, int]] = []
        if len(roots) > 1:  # stories told apart until now: an entity that names n of them counts them as one
            # (n - 1 taken off its count as the counts are added, ``ADD_COUNTS``: read from these stories' mentions,
            # not all of each entity's: its stories counted again read every mention of a much-named entity, tens of
            # thousands at 100,000 articles, the writer's cost an article growing with the index)
            self.flush("mentions")
            marks = ",".join("?" * len(roots))
            lost = self.db.execute(
                "SELECT m.entity_id, count(DISTINCT coalesce(a.dup_of, a.id)) FROM articles a JOIN mentions m"
                f" ON m.article_id = a.id WHERE a.id IN ({marks}) OR a.dup_of IN ({marks}) GROUP BY m.entity_id",
                (*roots, *roots)).fetchall()
        others = [r for r in roots if r != first]
        if others:
            self.db.execute(f"UPDATE articles SET dup_of = ? WHERE (id IN ({','.join('?' * len(others))})"
                            f" OR dup_of IN ({','.join('?' * len(others))}) OR id = ?) AND id != ?",
                            (first, *others, *others, article, first))
        if first == article:
            self.db.execute("UPDATE articles SET dup_of = NULL WHERE id = ?", (article,))
        if merged := [(0, 1 - n, entity) for entity, n in sorted(lost) if n > 1]:
            self._defer(ADD_COUNTS, merged)

    def _restory(self, entities: str, params: Sequence[object]) -> None:
        """Count again the stories of ``entities`` (an SQL list or subquery of ids): their articles were grouped
        into stories anew, or their mentions moved."""
        self.flush()
        self.db.execute(f"UPDATE entities SET article_count = {STORIES.format(entity='entities.id')}"
                        f" WHERE id IN {entities}", params)

    def _regroup(self, members: list[int]) -> None:
        """The copies of a story one of them left: the stories they are now (copies of copies, as ``_join`` makes
        them), each shown as its first by path, as if the one that left had never been indexed (it may have been
        the only link between two of them)."""
        rows = self.db.execute(f"SELECT id, url, sketch, dup_of FROM articles WHERE id IN"
                               f" ({','.join('?' * len(members))}) ORDER BY path, slug", members).fetchall()
        place = {row[0]: i for i, row in enumerate(rows)}
        story = {row[0]: row[0] for row in rows}

        def first(a: int) -> int:
            while story[a] != a:
                a = story[a]
            return a

        for i, (a, url, sketch, _) in enumerate(rows):
            for b, other_url, other, _ in rows[:i]:
                near = sketch and other and dedup.similarity(sketch, other) >= dedup.SAME_STORY
                if near or (url and url == other_url):
                    one, two = sorted((first(a), first(b)), key=place.__getitem__)
                    story[two] = one  # the earlier by path shows it
        shown = {a: first(a) for a in story}
        self.db.executemany("UPDATE articles SET dup_of = ? WHERE id = ?",
                            [(None if shown[a] == a else shown[a], a) for a, _u, _s, was in rows
                             if was != (None if shown[a] == a else shown[a])])
        if len(set(shown.values())) > 1:  # told apart: the entities both name count each
            marks = ",".join("?" * len(members))
            self._restory(f"(SELECT DISTINCT entity_id FROM mentions WHERE article_id IN ({marks}))", members)

    def shown_at_first(self, article: int) -> None:
        """The article whose content several files give is shown at the first of their paths (and named after it),
        whichever file arrived first; its story is shown as it if it now comes first."""
        row = self.db.execute("SELECT a.path, a.slug, a.dup_of, (SELECT min(f.path) FROM files f WHERE f.article_id ="
                              " a.id) FROM articles a WHERE a.id = ?", (article,)).fetchone()
        if row is None or row[3] is None or row[3] == row[0]:
            return
        path, (old, slug, root) = row[3], row[:3]
        base = self._article_slug(path)
        if base != self._article_slug(old):
            self._release("articles", [article])
            slug = self._take(base)
        self._clash(base)  # numbered among the other files of that name by path (``_number``)
        self.db.execute("UPDATE articles SET path = ?, slug = ? WHERE id = ?", (path, slug, article))
        if root is not None:
            self._join(article, [root])
            return
        copies = [r[0] for r in self.db.execute("SELECT id FROM articles WHERE dup_of = ?", (article,))]
        if copies:  # shown later by path now: a copy may come first
            self._regroup([article, *copies])

    def add(self, path: str, content_hash: str, analysis: Analysis, raw: str, url: str | None = None,
            summary_only: bool = False, replacing: tuple[int, str] | None = None) -> int:
        """Index one analysed article; returns its id.

        ``replacing`` is the (id, slug) of the article an edited file gave before it was removed:
        the new text takes them over, so the article keeps its id, its place and its links.
        """
        p = analysis.parsed
        roots = self._copies_of(analysis.sketch, url)
        # (the story it joins, for now: ``_join`` settles which of the copies shows it)
        dup = roots[0] if roots else None
        article_id, slug = replacing or (None, self._unique_slug(path))
        if replacing and not self._taken(slug) and self._slugs is not None:
            self._slugs.add(slug)  # freed by its removal a moment ago, taken again
        # its mentions resolved before its row is written, which holds its people and organizations: counted again
        # as the batch ends only where they were guessed, or a later merge or vote changed them (``_recount``; on
        # PostgreSQL an update writes the row again, with all its index entries)
        self._adding_slug = slug  # (its row not written yet: no entity of it takes its id, ``_taken``)
        try:
            mentions, entity_of = self._resolve(analysis)
        finally:
            self._adding_slug = None
        if self._slugs is not None:
            self._slugs.add(slug)
        people, orgs, exact = self._people_and_orgs(mentions, entity_of)
        cur = self.db.execute(
            "INSERT INTO articles (id, hash, slug, path, title, title_derived, source, author, published,"
            " published_text, url, summary_only, standfirst, body, headings, raw, sketch, dup_of, n_figures,"
            " n_people, n_orgs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, content_hash, slug, path, p.title, int(p.title_derived), p.source,
             p.author, p.published, p.published_text, url, int(summary_only), p.standfirst, p.body,
             json.dumps(p.headings),
             zlib.compress(raw.encode("utf-8", "replace")), analysis.sketch, dup, len(analysis.figures),
             people, orgs),
        )
        article = int(cur.lastrowid or 0)
        if not exact:
            self._guessed.add(article)
        self._sketches[article] = analysis.sketch
        if roots:  # its story's copies stay others of it, whichever of them is now shown (and counted)
            self._join(article, roots)
        self.db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                        (article, p.title, f"{p.standfirst}\n{p.body}"))
        if analysis.sketch is not None:
            values = dedup.keys(analysis.sketch)
            self._defer(ADD_BANDS, [(v, article) for v in values])
            for v in values:
                if v in self._bands:
                    self._bands[v].add(article)
        # a new story has no other copies to ask about; its figures are counted in its row (on PostgreSQL an update
        # writes the row again, its full-text vector computed again)
        self._store_found(article, analysis, mentions, entity_of, copies=dup is not None, counted=True)
        return article

    def reanalysed(self, article: int, analysis: Analysis) -> None:
        """Replace what was found in an article (its text unchanged) with a new analysis of it."""
        self._forget_found(article)
        self._store_found(article, analysis, *self._resolve(analysis))
        self._guessed.add(article)  # (its row's counts are its old text's)

    def _resolve(self, analysis: Analysis) -> tuple[list[RawMention], dict[tuple[str, int], int]]:
        """The article's mentions (those not ignored) and the entity each resolves to, by its (field, start): the
        entities found or created in the index, merged or parted as the article's names say. Nothing of it reads the
        article's own row or story (its row may not be written yet: ``add``)."""
        found = raw_mentions(analysis, self.declared)
        mentions = [m for m in found if bare(m.text) not in self.ignored] if self.ignored else found
        entity_of: dict[tuple[str, int], int] = {}
        self._adding.clear()
        for group in _resolve_people([m for m in mentions if m.label == "person"]):
            entity = self._person(group)
            self._resolved(group, entity, entity_of)
        for group in _resolve_orgs([m for m in mentions if m.label == "organization"]):
            entity = self._organization(group)
            self._resolved(group, entity, entity_of)
        others: dict[tuple[str, str], list[RawMention]] = {}
        for m in mentions:
            if m.label not in ("person", "organization"):
                others.setdefault((str(m.label), bare(_name(m))), []).append(m)
        for (label, _), group in others.items():
            entity = self._other(label, group)
            self._resolved(group, entity, entity_of)
        self._adding.clear()
        return mentions, {key: self._current(entity) for key, entity in entity_of.items()}  # after any merge

    def _people_and_orgs(self, mentions: list[RawMention], entity_of: dict[tuple[str, int], int]
                         ) -> tuple[int, int, bool]:
        """How many people and organizations the article's entities are, by their types as this writer knows them
        (``_kinds``), else as its mentions say: not read (on PostgreSQL a read waits for every write sent before it);
        and whether that is exact: every entity's type known (``entity_of`` names the entities as they are after the
        article's merges: ``_resolve``). Where it is not, ``_recount`` counts the article again as the batch ends (and
        where a later merge or vote changed it), and writes its row again if it was wrong."""
        kinds: dict[int, str] = {}
        exact = True
        for m in mentions:
            entity = entity_of[(m.field, m.start)]
            known = self._kinds.get(entity)
            exact = exact and known is not None
            kinds.setdefault(entity, known[0] if known else str(m.label))
        counted = Counter(kinds.values())
        return counted["person"], counted["organization"], exact

    def _store_found(self, article: int, analysis: Analysis, mentions: list[RawMention],
                     entity_of: dict[tuple[str, int], int], copies: bool = True, counted: bool = False) -> None:
        """Store the article's mentions (resolved to ``entity_of``'s entities: ``_resolve``), its figures and its
        relations (``copies``: whether other copies of its story may be indexed; ``counted``: whether its row has its
        figures' number)."""
        entity_of = {key: self._current(entity) for key, entity in entity_of.items()}
        rows = [(article, entity_of[(m.field, m.start)], m.field, m.start, m.end, m.text, str(m.label), m.score,
                 m.source) for m in mentions]
        self._defer(ADD_MENTIONS, rows)
        self.articles.add(article)
        self._count(article, rows, +1, copies)
        figures = [x.figure for x in analysis.figures]
        self._defer(ADD_FIGURES, [
            (article, f.kind, f.value, f.value_max, f.currency, f.unit, int(f.approximate), f.text, f.field,
             f.start, f.end, f.about, json.dumps([[o.field, o.start, o.end] for o in f.occurrences]),
             x.sentence[0], x.sentence[1], json.dumps(x.words))
            for x, f in zip(analysis.figures, figures, strict=True)])
        self._relations(article, analysis, entity_of)
        if not counted:
            self._defer(SET_FIGURES, [(len(figures), article)])

    def _resolved(self, group: list[RawMention], entity: int, entity_of: dict[tuple[str, int], int]) -> None:
        """``group``'s mentions are ``entity``'s; their weight counts in the article's next decisions
        (``_may_join``)."""
        entity_of.update({(m.field, m.start): entity for m in group})
        self._adding[entity] += sum(evidence_weight(m.source, m.score) for m in group)

    def _relations(self, article: int, analysis: Analysis, entity_of: dict[tuple[str, int], int]) -> None:
        """Quotes, affiliations and deals, their entity and figure indexes resolved to ids and figures."""
        body_spans, body_figures = analysis.entities[2], analysis.spans[2]

        def entity(i: int | None) -> int | None:
            return None if i is None or not 0 <= i < len(body_spans) else entity_of.get(("body", body_spans[i].start))

        def figure(i: int | None) -> tuple[str | None, float | None]:
            if i is None or not 0 <= i < len(body_figures):
                return None, None
            span = body_figures[i]
            return analysis.parsed.body[span.start:span.end], span.value

        rel = analysis.relations
        self._defer(ADD_QUOTES, [(article, q.start, q.end, q.text, entity(q.speaker), q.speaker_text, q.rule or "")
                                 for q in rel.quotes])
        affiliations = [(article, entity(a.person), entity(a.organization), a.role or None, a.start, a.end, a.rule)
                        for a in rel.affiliations]
        # one tie per person, organization and role: the mentions of one entity repeat it, and a tie
        # with no role says nothing more than one of the same two with a role
        roled = {(a[1], a[2]) for a in affiliations if a[3]}
        seen: set[tuple[int | None, int | None, str | None]] = set()
        kept = []
        for a in affiliations:
            if a[1] is not None and (a[3] or (a[1], a[2]) not in roled) and a[1:4] not in seen:
                seen.add(a[1:4])
                kept.append(a)
        self._defer(ADD_AFFILIATIONS, kept)
        self._defer(ADD_DEALS, [(article, d.kind, entity(d.buyer), entity(d.target), *figure(d.amount),
                                 *figure(d.stake), d.start, d.end, d.rule) for d in rel.deals])

    def _forget_found(self, article: int) -> None:
        self._forgot = True
        self.flush()
        self._count(article, self.db.execute(
            f"SELECT {MENTION_COLUMNS} FROM mentions WHERE article_id = ?", (article,)).fetchall(), -1)
        for table in ("mentions", "figures", *RELATIONS):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article,))

    def remove(self, article: int) -> None:
        """Take an article and everything found in it out of the index."""
        db = self.db
        self._forget_found(article)
        row = db.execute("SELECT title, standfirst, body FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            return
        db.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                   (article, row[0], f"{row[1]}\n{row[2]}"))
        db.execute("DELETE FROM bands WHERE article_id = ?", (article,))
        for articles in self._bands.values():
            articles.discard(article)
        self.articles.discard(article)
        self._guessed.discard(article)
        copies = self._others_in_story(article)
        if copies:
            self._regroup(copies)
        self._release("articles", [article])
        self._sketches.pop(article, None)
        db.execute("DELETE FROM articles WHERE id = ?", (article,))

    def _count(self, article: int, rows: list[tuple[Any, ...]], sign: int, copies: bool = True,
               told: set[int] | None = None) -> None:
        """Add (or take away) one article's mentions to its entities' counts and aliases.

        Kept up to date as articles come and go, so settling an entity never recounts all its
        mentions (a much-named entity has tens of thousands at 100,000 articles). An entity's
        articles are its stories (``schema.STORIES``): an article adds one, or takes one away, only
        for the entities that no other copy of its story names (``told``, when the caller read them).
        """
        forms: Counter[tuple[int, str]] = Counter()
        mentioned: Counter[int] = Counter()
        votes: defaultdict[tuple[int, str], float] = defaultdict(float)  # each mention weighed by its evidence
        for _article, entity, field, _s, _e, text, label, score, source in rows:
            forms[(entity, re.sub(r"['’]s$", "", text))] += 1
            mentioned[entity] += field != "author"
            votes[(entity, label)] += evidence_weight(source, score)  # what its text says outweighs the model
        self._defer(ADD_ALIASES, [(e, text, sign * n, sign * n) for (e, text), n in forms.items()])
        self._defer(ADD_VOTES, [(e, label, sign * w, sign * w) for (e, label), w in votes.items()])
        if told is None:
            told = self._named_by_copies(article) if mentioned and copies else set()
        self._defer(ADD_COUNTS, [(sign * n, sign * (e not in told), e) for e, n in mentioned.items()])
        self.touched.update(mentioned)

    def _others_in_story(self, article: int) -> list[int]:
        """The other articles of ``article``'s story (its story's shown article and copies, but itself)."""
        root = "(SELECT coalesce(dup_of, id) FROM articles WHERE id = ?1)"  # (one statement: a round trip)
        return [r[0] for r in self.db.execute(
            f"SELECT id FROM articles WHERE id = {root} AND id != ?1"
            f" UNION SELECT id FROM articles WHERE dup_of = {root} AND id != ?1", (article,))]

    def _named_by_copies(self, article: int) -> set[int]:
        """The entities that the other copies of the article's story name (none for a story told once)."""
        return {e for _other, e in self._named_in_stories([article]).get(article, ())}

    def _named_in_stories(self, articles: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
        """article -> (other copy of its story, an entity it names) of each of ``articles``: in one read (the story,
        then the mentions of its copies, were two round trips an article)."""
        named: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
        others: defaultdict[int, list[int]] = defaultdict(list)  # article of the batch not written -> its copies
        unwritten = {row[0] for row in self._pending.get(ADD_MENTIONS, ())}
        for article, other, entity in self._rows_in(
                "WITH r AS (SELECT id, coalesce(dup_of, id) AS root FROM articles WHERE id IN ({ids})),"
                " o AS (SELECT r.id, a.id AS other FROM r JOIN articles a ON a.id = r.root WHERE a.id != r.id"
                " UNION SELECT r.id, a.id FROM r JOIN articles a ON a.dup_of = r.root WHERE a.id != r.id)"
                " SELECT DISTINCT o.id, o.other, m.entity_id FROM o LEFT JOIN mentions m ON m.article_id = o.other",
                sorted(set(articles))):
            if entity is not None:
                named[article].append((other, entity))
            if other in unwritten:
                others[other].append(article)
        # the mentions of the batch's articles not written yet (an article's are deferred together): the index's once
        # written (a flush before each read wrote the batch's mentions 550 times at 10,000 articles)
        if others:
            for row in self._pending[ADD_MENTIONS]:
                for article in others.get(row[0], ()):
                    named[article].append((row[0], row[1]))
        return named

    def finish(self) -> None:
        """Name the entities touched after their aliases; drop those left with no mention."""
        self.flush()
        if not self.touched and not self.articles:
            self._number()  # an id freed or taken by a file alone (a copy shown at another path, a copy gone)
            return
        if self.fixes:
            fixes.settle(self, self.fixes, self.touched)
            self.flush()
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM touched")
        db.execute(TOUCHED, (json.dumps(sorted(self.touched)),))
        before = set(self.touched)
        if self._forgot:
            self._texts_again()
            self._surnames_again()
        self._unjoin()
        if self._forgot:  # (after the joins: an entity none of whose mentions is left may have joined another)
            self._types_again()
        db.execute(TOUCHED, (json.dumps(sorted(self.touched - before)),))
        db.execute("DELETE FROM aliases WHERE count <= 0 AND entity_id IN (SELECT id FROM touched)")
        forms: dict[int, Counter[str]] = {}
        for entity, alias, n in db.execute(  # in alias order: a tie between two names is settled the same every time
                "SELECT entity_id, alias, count FROM aliases WHERE entity_id IN (SELECT id FROM touched)"
                " ORDER BY entity_id, alias"):
            forms.setdefault(entity, Counter())[alias] = n
        kinds = {e: (k, d) for e, k, d in db.execute(
            "SELECT id, type, declared FROM entities WHERE id IN (SELECT id FROM touched)")}
        gone = [(e,) for e in kinds if e not in forms]
        db.executemany("DELETE FROM entity_keys WHERE entity_id = ?", gone)
        db.executemany("DELETE FROM entity_votes WHERE entity_id = ?", gone)
        db.executemany("DELETE FROM affiliations WHERE person_id = ?", gone)
        for table, column in ENTITY_COLUMNS[2:]:
            db.executemany(f"UPDATE {table} SET {column} = NULL WHERE {column} = ?", gone)
        self._release("entities", [e for (e,) in gone])
        db.executemany("DELETE FROM entities WHERE id = ?", gone)
        for (e,) in gone:
            self._forget_keys(e)
        changed = self._vote({e: k for e, (k, declared) in kinds.items() if e in forms and not declared})
        # named as the type it has now: which of two merged entities kept its type is no matter
        kinds.update({e: (k, kinds[e][1]) for e, k in changed.items()})
        retyped = set(changed)
        db.executemany("UPDATE entities SET name = ? WHERE id = ?",
                       [(kinds[e][1] or canonical_name(kinds[e][0], c), e) for e, c in forms.items() if e in kinds])
        if self.fixes:
            fixes.rename(self, self.fixes, set(forms))
            retyped |= fixes.retype(self, self.fixes, set(forms))
            self.flush()
        self._reslug(retyped)
        self._number()
        self._recount(retyped)
        self._rekeyed.clear()
        self._moved.clear()
        self._forgot = False
        self.touched.clear()
        self.articles.clear()
        self._guessed.clear()
        if self.fixes:  # (a fix may have renamed or retyped any of them)
            self._kinds.clear()
        for entity in retyped.union(e for (e,) in gone):  # (renamed: ``_reslug`` and ``_number`` forgot them)
            self._kinds.pop(entity, None)
        # what the settling deferred (the keys a full name gone gives back to its surname alone, with the key cache
        # read: ``_surnames_again``) is written before the commit: the next batch's ``begin`` drops what is pending
        self.flush()

    def _types_again(self) -> None:
        """Articles went: an entity that held a name as two types ("Teslin" a person and the firm Teslin Corp.) keeps
        the keys of one type (``p1:``, ``o:``, ``x:``) only while a mention of it of that type is left, as if the
        articles gone had never been indexed (the firm's articles gone, the person kept ``o:teslin``, which a fresh
        index never gave him: the keys of a type stayed after the mentions that gave them)."""
        mixed: dict[int, list[str]] = {}  # entity -> its keys of the lone names of its types
        for entity in sorted(e for e in self.touched if self._current(e) == e):
            keys = sorted(k for k in self._keys_named(entity) if k.partition(":")[0] in ("p1", "o", "x"))
            if len({k.split(":", 2)[1] if k[0] == "x" else k[0] for k in keys}) > 1:  # (one type's: its mentions')
                mixed[entity] = keys
        if not mixed:
            return
        self.flush("mentions")
        given: defaultdict[int, set[str]] = defaultdict(set)
        for e, text, label in self._rows_in("SELECT DISTINCT entity_id, text, label FROM mentions WHERE entity_id IN"
                                            " ({ids})", list(mixed)):
            given[e].add(_lone_key(text, label))
        for entity, keys in mixed.items():
            for key in keys:
                if key not in given[entity]:
                    self._drop_key(key, entity)
                    self._rekeyed.add(entity)

    def _texts_again(self) -> None:
        """Articles went: an entity none of whose mentions left a rule typed as a type from its text is no longer
        text-typed as that type (its ``t:`` keys go), and its name is settled again as if those had never been indexed
        (``_unjoin``: the name's entities join as untyped ones do, ``_one_type``)."""
        typed = sorted(e for e in self.touched if self._current(e) == e and self._text_typed(e))
        if not typed:
            return
        self.flush("mentions")
        said: set[tuple[int, str]] = set()
        sources = sorted(TEXT_EVIDENCE)
        said.update((e, label) for e, label in self._rows_in(
            "SELECT DISTINCT entity_id, label FROM mentions WHERE entity_id IN ({ids})"
            f" AND source IN ({','.join('?' * len(sources))})", typed, sources))
        for entity in typed:
            for key in sorted(k for k in self._keys_named(entity) if k.startswith("t:")):
                _t, label, name = key.split(":", 2)
                if (entity, label) not in said:
                    self._drop_key(key, entity)
                    self._untexted.add(name)
                    self._rekeyed.add(entity)

    def _surnames_again(self) -> None:
        """Articles went: the surnames of the full names they named are settled as if those had never been indexed. A
        full name left with no mention of it in full is no full name (the surname alone it held is a lone word again,
        ``per-brell`` rather than Tomas Brell's id); a surname left with one full name is that name's (the lone word's
        entity joins it, as when that name alone had been indexed: ``_surname_joins``)."""
        full = sorted(e for e in self.touched if self._current(e) == e and self._full_name(e))
        if not full:
            return
        self.flush("mentions")
        said: defaultdict[int, list[str]] = defaultdict(list)
        for e, text in self._rows_in("SELECT entity_id, text FROM mentions WHERE entity_id IN ({ids})", full):
            said[e].append(text)
        surnames: set[str] = set()
        for entity in full:
            keys = self._keys_named(entity)
            named = {k[3:] for k in keys if k.startswith("ps:")}
            surnames |= named
            if any(person_key(text)[0] for text in said[entity]):
                continue  # still named in full
            for key in sorted(k for k in keys if k.partition(":")[0] in ("p", "ps", "pt") or (
                    k.partition(":")[0] in ("n", "t") and person_key(_key_name(k))[0])):
                self._drop_key(key, entity)
            for surname in sorted(named) if said[entity] else ():  # (none said: it leaves the index as the batch ends)
                self._key(f"p1:{surname}", entity)
                self._key(f"n:{surname}", entity)
                self._rekeyed.add(entity)
        for surname in sorted(surnames):
            owners = self._lookup(f"ps:{surname}")
            singles = [e for e in self._lookup(f"p1:{surname}") if e not in owners]
            if len(owners) == 1:
                for single in singles:
                    self._surname_joins(single, owners[0], surname)
            elif not owners and len(singles) > 1:  # no full name left: the surname alone is one person
                slugs = {e: slug for e, (_k, _d, slug) in self._kinds_of(singles).items()}
                keep, *others = sorted(singles, key=lambda e: slugs.get(e, ""))
                for other in others:
                    self._merge(other, keep)

    def _unjoin(self) -> None:
        """Decide again, on all their weights as the batch ends, the joins of each name the batch touched whose entities
        a text typed; the entities this changed that the batch had not touched are touched.

        A text-typed entity takes in the name's untyped entities that weigh less (``_may_join``), decided as the second
        arrives: with the articles that came later the other types may weigh as much, and the two would have stayed
        apart had those come first; an untyped mention of its type went to the untyped entity, which held the name
        before it came; a text-typed entity joined as the untyped one, and a mention its text typed as the other type
        came to it by that name (typed as two, "Halvard Grenet Corp." and the secretary Halvard Grenet). So, over every
        entity of the name (not only those the batch touched: the weights are all theirs), whichever order the articles
        came in (``_regroup_name``): an entity text-typed as two types is parted in two; each text-typed entity holds
        the name's mentions of its type; the mentions of the other types go to the heaviest text-typed entity if they
        weigh less than it, else to the name's untyped entity (one of their own if there is none)."""
        fixed = {bare(n) for f in self.fixes if f.action in ("merge", "split") for n in (f.name, f.value)}
        fixed |= {bare(f.name) for f in self.fixes if f.action == "type"}
        names: set[str] = set()
        for entity in self.touched:
            keys = self._keys_named(entity)
            names.update(k for k in keys if k.startswith("n:") and bare(_key_name(k)) not in fixed)
        groups = {}
        for name in sorted(names):  # (a join or a type the user made stands)
            members = [e for e in self._lookup(name) if self._current(e) == e]
            if name[2:] in self._untexted or any(k.startswith("t:") for e in members for k in self._keys_named(e)):
                groups[name[2:]] = members
        self._untexted.clear()
        if not groups:
            return
        # their types and weights read at once (on PostgreSQL a read each is a round trip), again for a name only where
        # an earlier name's settling moved mentions
        everyone = sorted({e for members in groups.values() for e in members})
        self._kinds_of(everyone)
        votes = self._votes(everyone)
        read_at = self._changes
        for name, members in groups.items():
            self._regroup_name(name, [self._current(e) for e in members if self._current(e) == e],
                               votes if self._changes == read_at else None)

    def _votes(self, entities: list[int]) -> dict[int, dict[str, float]]:
        """The weight of each type in each entity's votes (``entity_votes``)."""
        self.flush("entity_votes")
        votes: dict[int, dict[str, float]] = {e: {} for e in entities}
        for e, of, weight in self._rows_in("SELECT entity_id, label, weight FROM entity_votes WHERE entity_id IN"
                                           " ({ids}) AND weight > 1e-9 ORDER BY entity_id, label", entities):
            votes[e][of] = weight
        return votes

    def _regroup_name(self, name: str, members: list[int], read: dict[int, dict[str, float]] | None) -> None:
        """Settle the entities of one name (``members``, one or more of them text-typed) on all their weight (see
        ``_unjoin``; ``read``: their votes, if read since the last change)."""
        known = self._kinds_of(members)
        members = [e for e in members if e in known and not known[e][1]]  # (a declared entity keeps its type)

        def typed(entity: int) -> list[str]:
            return sorted({k.split(":", 2)[1] for k in self._keys_named(entity) if k.startswith("t:")})

        def weights() -> dict[int, dict[str, float]]:
            return self._votes(members)

        if not members:
            return
        votes = {e: read.get(e, {}) for e in members} if read is not None else weights()
        if len(members) == 1 and len(votes[members[0]]) < 2 and len(typed(members[0])) < 2:
            return  # of one type, and alone with its name
        changed = False
        for entity in list(members):  # typed by its texts as two types: parted, the heavier type stays
            for label in sorted(typed(entity), key=lambda t: (-votes[entity].get(t, 0.0), t))[1:]:
                part = self._part(entity, label, True, None)
                if part is None:  # no mention of that type is left: the key is stale
                    for key in [k for k in self._keys_named(entity) if k.startswith(f"t:{label}:")]:
                        self._drop_key(key, entity)
                else:
                    members.append(part)
                changed = True
        if changed:
            known = self._kinds_of(members)
            votes = weights()
        # the text-typed ones, heaviest first (their weight and type: the corpus's, not the order of arrival's)
        texts = sorted(((e, typed(e)[0]) for e in members if typed(e)),
                       key=lambda et: (-votes[et[0]].get(et[1], 0.0), et[1], sorted(self._keys_named(et[0]))))
        if not texts:  # (its last text-typed mention went) untyped, its entities of two types are one (``_one_type``)
            slugs = {e: s for e, (_k, _d, s) in known.items()}
            keep = members[0]
            for other in members[1:]:
                if known[other][0] != known[keep][0] and not apart(name, known[other][0], known[keep][0]):
                    keep, gone = sorted((other, keep), key=lambda e: (not self._full_name(e), slugs[e]))
                    self._merge(gone, keep)
                    self._rekeyed.add(keep)
            return
        lead = texts[0][1]  # (a place the gazetteer knows is not the person or the firm of its name: left alone)
        members = [e for e in members if e == texts[0][0] or not apart(name, lead, known[e][0])]
        texts = [(e, label) for e, label in texts if e in members]
        labels = {label for _e, label in texts}
        moved = False
        receivers: dict[str, int] = {}
        for entity, label in texts:  # the mentions of its type are the (heaviest) text-typed entity's of that type
            receivers.setdefault(label, entity)
        for label, entity in receivers.items():
            for other in members:
                if other != entity and typed(other) != [label] and votes[other].get(label, 0.0) > 1e-9:
                    moved = self._part(other, label, True, entity) is not None or moved
        if moved:
            votes = weights()
        heaviest, label = texts[0]
        mine = votes[heaviest].get(label, 0.0)
        theirs = sum(w for e in members for of, w in votes[e].items() if of not in labels)
        untyped = sorted((e for e in members if not typed(e)),
                         key=lambda e: (-sum(votes[e].values()), sorted(self._keys_named(e))))
        if theirs > 1e-9 and theirs >= mine:  # the other types outweigh it: theirs are the untyped entity's
            into = untyped[0] if untyped else None
            for entity, own in texts:
                into = self._part(entity, own, False, into) or into
            return
        slugs = {e: s for e, (_k, _d, s) in known.items()}
        for entity, own in texts[1:]:  # theirs are the heaviest's
            self._part(entity, own, False, heaviest)
        for other in untyped:
            keep, gone = sorted((other, heaviest), key=lambda e: (not self._full_name(e), slugs[e]))
            self._merge(gone, keep)
            heaviest = keep
        self._rekeyed.add(heaviest)  # (named after the keys of its type it holds now)

    def _part(self, entity: int, label: str, same: bool, into: int | None) -> int | None:
        """Move ``entity``'s mentions of type ``label`` (``same``) or of the other types, and the keys of those types,
        to ``into`` (a new entity, which takes the name's ``n:`` keys too, when None); the entity that received them,
        None for none."""
        def moves(of: str | None) -> bool:
            return of is not None and (of == label) == same

        def side(key: str) -> str | None:  # the type a key belongs to, None for any
            prefix = key.partition(":")[0]
            if prefix in ("p", "ps", "pt", "p1"):
                return "person"
            if prefix == "o":
                return "organization"
            return key.split(":", 2)[1] if prefix in ("x", "t") else None

        self.flush()
        rows: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
        stays: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self.db.execute(f"SELECT {MENTION_COLUMNS} FROM mentions WHERE entity_id = ?", (entity,)):
            (rows if moves(row[6]) else stays)[row[0]].append(row)
        keys = sorted(k for k in self._keys_named(entity) if moves(side(k)))
        naming = [k for k in keys if k.partition(":")[0] in NAMING_KEYS and k.partition(":")[0] != "t"] or keys
        if not rows or (into is None and not naming):
            return None
        for key in keys:
            self._drop_key(key, entity)
        if into is None:
            weight: defaultdict[str, float] = defaultdict(float)
            for found in rows.values():
                for r in found:
                    weight[r[6]] += evidence_weight(r[8], r[7])
            into = self._create(min(weight, key=lambda k: (-weight[k], k)), rows[min(rows)][0][5], naming[0])
            keys += sorted(k for k in self._keys_named(entity) if k.startswith("n:"))
        for key in keys:
            self._key(key, into)
        self._rekeyed.update((entity, into))
        self._changes += 1
        self._moved.update(rows)
        # all the articles at once (an old join of a much-named entity parted article by article: a flush and six
        # statements each); their stories are counted again below, not as each moves
        moving = [r for _article, found in sorted(rows.items()) for r in found]
        self._count(0, moving, -1, copies=False)
        self.flush()
        whole = [a for a in sorted(rows) if a not in stays]
        for at in range(0, len(whole), IN_LIST):
            some = whole[at:at + IN_LIST]
            for table, column in ENTITY_COLUMNS:
                self.db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ? AND article_id IN"
                                f" ({','.join('?' * len(some))})", (into, entity, *some))
        for article in sorted(a for a in rows if a in stays):  # naming both: the mentions, and what it says with them
            self.db.executemany("UPDATE mentions SET entity_id = ? WHERE article_id = ? AND field = ? AND start = ?"
                                " AND entity_id = ?", [(into, article, r[2], r[3], entity) for r in rows[article]])
            self._follow(article, entity, into, rows[article], stays[article])
        self._count(0, [(r[0], into, *r[2:]) for r in moving], +1, copies=False)
        self._restory("(?, ?)", (entity, into))
        return into

    def _follow(self, article: int, source: int, target: int, moving: list[tuple[Any, ...]],
                staying: list[tuple[Any, ...]]) -> None:
        """In an article that names both, its quotes, ties and deals with ``source`` go to ``target`` where they name a
        mention that moved (of ``moving``, not of ``staying``): one of the type the role asks for (a tie's person or
        organization) if only one side has it, else the nearest to the words that say it (for a quote, one its
        speaker's words hold first), as the article analysed with the two apart would have named them."""
        body = [(r, True) for r in moving if r[2] == "body"] + [(r, False) for r in staying if r[2] == "body"]
        if not any(moved for _r, moved in body):
            return
        for table, column, label in RELATION_ROLES:
            said = "speaker_text" if table == "quotes" else "NULL"
            for start, end, words in self.db.execute(f"SELECT start, end, {said} FROM {table} WHERE article_id = ? AND"
                                                     f" {column} = ?", (article, source)).fetchall():
                typed = [(r, moved) for r, moved in body if r[6] == label]
                if len({moved for _r, moved in typed}) == 1:
                    named = typed[0][1]
                else:
                    named = min(typed or body, key=lambda rm: (bool(words) and rm[0][5] not in words, max(
                        0, rm[0][3] - end, start - rm[0][4]), rm[0][3]))[1]
                if named:
                    self.db.execute(f"UPDATE {table} SET {column} = ? WHERE article_id = ? AND start = ? AND end = ?"
                                    f" AND {column} = ?", (target, article, start, end, source))

    def _vote(self, entities: dict[int, str]) -> dict[int, str]:
        """Type each entity (id -> its type now) as its mentions say with most confidence; those whose type changed
        (id -> the new one). (Their types as ``finish`` read them: read again here, and again after, they were a
        statement each of as many rows as the batch touched entities, 2,100 a batch at 10,000 articles.)"""
        if not entities:
            return {}
        best: dict[int, tuple[float, str]] = {}
        for entity, label, weight in self.db.execute(
                "SELECT entity_id, label, weight FROM entity_votes WHERE entity_id IN (SELECT id FROM touched)"
                " ORDER BY entity_id, label"):
            if entity in entities and weight > best.get(entity, (0.0, ""))[0] + 1e-9:
                best[entity] = (weight, label)
        changed = {e: label for e, (_w, label) in best.items() if label and entities[e] != label}
        self.db.executemany("UPDATE entities SET type = ? WHERE id = ?", [(k, e) for e, k in changed.items()])
        return changed

    def _reslug(self, retyped: set[int]) -> None:
        """An entity's id follows its type: ``place-velmora`` retyped an organization is ``org-velmora``, so
        ``entity:`` searches and the JSON export read the type it has (``reader.entity_by_slug`` still finds
        it by the old id where its name is the same). And its name: an entity whose keys a batch's rules moved
        (``_part``) is named after the key of its type it holds now (``_rest``), as if it had been created by it."""
        ordered = sorted(retyped | self._rekeyed)
        rows: dict[int, tuple[str, str]] = {}  # (read at once: each changes only its own row below)
        rows.update((e, (slug, kind)) for e, slug, kind in self._rows_in(
            "SELECT id, slug, type FROM entities WHERE id IN ({ids})", ordered))
        # the new slugs written together (a statement each was a thousand at 10,000 articles), but before a slug is
        # asked of the index (it reads the rows), and before one takes the slug another gave up (in one statement on
        # PostgreSQL a row may be changed before the one that frees its slug)
        renamed: list[tuple[str, int]] = []
        freed: set[str] = set()

        def write() -> None:
            self.db.executemany("UPDATE entities SET slug = ? WHERE id = ?", renamed)
            renamed.clear()
            freed.clear()

        for entity in ordered:
            row = rows.get(entity)
            if row is None:
                continue
            base = f"{PREFIX.get(row[1], row[1])}-{self._rest(entity, row[1]) or slug_rest(row[0])}"
            if row[0] == base or (row[0].startswith(f"{base}-") and _NUMBERED.fullmatch(row[0][len(base):])):
                continue
            if self._slugs is None and renamed:
                write()
            slug = self._take(base)
            if slug in freed:
                write()
            self._clash(slug)  # ("place-st-2" is "org-st-2": numbered among the organizations named "St")
            self._clash(row[0])  # (and the places named "St" may number down)
            renamed.append((slug, entity))
            freed.add(row[0])
            if self._slugs is not None:  # (read all at once by that _take, the old slug still in its row)
                self._slugs.discard(row[0])
            self._kinds.pop(entity, None)
        if renamed:
            write()

    def _rest(self, entity: int, kind: str) -> str | None:
        """The name an id of type ``kind`` is made of, from the entity's keys of that type (as ``_create`` makes it from
        the key it is created by): not from the id it had as another type, which the entity may have kept from another
        it took in, depending on which came first (a party joined to a person of its name, ``per-velmora-quorvex``, is
        ``org-velmora-union-of-quorvex``, not ``org-velmora-quorvex``)."""
        for prefix in (*TYPE_KEYS.get(kind, ("x",)), "t", "d", "n"):  # ("p:" before "p1:": a full name first)
            named = sorted(k for k in self._keys_named(entity) if k.partition(":")[0] == prefix
                           and (prefix not in ("x", "t") or k.split(":", 2)[1] == kind))
            if named:
                return _slug(_key_name(named[0]))
        return None

    def _recount(self, retyped: set[int]) -> None:
        """Settle the people and organization counts of the articles added whose counts were guessed (``add``), of
        those naming an entity whose type changed, and of those whose mentions a merge or a split moved (a town parted
        from a firm of its name: its older articles name no organization now, as in a fresh index). Only the rows
        whose counts changed are written. (Every article added was counted again: three in four were exact, and on
        PostgreSQL the statement read each one's mentions and entities, 380 ms of the server's at 10,000 articles.)"""
        db = self.db
        articles = self._guessed | self._moved  # (guessed, or naming an entity that took or lost their mentions)
        ordered = sorted(retyped)
        articles.update(r[0] for r in self._rows_in(
            "SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({ids})", ordered))
        if dialect(db) == POSTGRESQL:  # one statement for them all: there a statement each is a round of the server's
            # each article's entities counted through its mentions' index (a join of them all read every mention of
            # the index: the planner, told nothing of the moved articles' table, took it for thousands of rows)
            db.execute("UPDATE articles SET n_people = c.people, n_orgs = c.orgs"
                       " FROM (SELECT DISTINCT unnest(?::bigint[] || ARRAY(SELECT id FROM moved_articles)) AS id) AS a,"
                       " LATERAL (SELECT count(*) FILTER (WHERE e.type = 'person') AS people,"
                       " count(*) FILTER (WHERE e.type = 'organization') AS orgs FROM entities e"
                       " WHERE e.id IN (SELECT m.entity_id FROM mentions m WHERE m.article_id = a.id)) AS c"
                       " WHERE articles.id = a.id"
                       " AND (articles.n_people, articles.n_orgs) IS DISTINCT FROM (c.people, c.orgs)",
                       (sorted(articles),))
            return
        count = ("(SELECT count(DISTINCT m.entity_id) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                 " WHERE m.article_id = articles.id AND e.type = ?)")
        db.executemany(f"UPDATE articles SET n_people = {count}, n_orgs = {count}"
                       f" WHERE id = ? AND (n_people, n_orgs) IS NOT ({count}, {count})",
                       [("person", "organization", a, "person", "organization") for a in articles])
