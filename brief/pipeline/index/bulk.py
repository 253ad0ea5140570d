"""A cold load: the indexes only the reader's searches use built once, after the articles, not row after row.

An update that fills an empty index with many articles (a first index, or one emptied for a new extractor) drops the
reader's own indexes (``READERS``) as it begins and creates them again as it ends, in one pass each, however it ends.
The indexes the writer reads through as it writes (keys, hashes, near-copy bands, an entity's mentions for a merge)
stay. An index whose load was killed midway gets them back when it is next opened: on SQLite by the first client to
open it while no other writes (``settle``); on PostgreSQL the load leaves a mark in ``meta`` and holds a session lock
while it runs, and the first client to open the index once no load holds the lock builds what the mark names.

A reader that opens the index during the load works as before, without those indexes (its searches and panels slower
until the load ends), and waits for none of the load's writes; on SQLite, opened between two of the load's batches,
it builds them, and the load goes on with them. On PostgreSQL the load drops them only when it is the index's one
writer (no other client writes, the index empty, the load lock taken): a writer that comes after writes with the
indexes there are.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from typing import Any

from brief.pipeline.index import store
from brief.pipeline.index.schema import DDL

COLD_FROM = 2000
"""New articles, the index empty, from which an update builds the reader's indexes after the load: below it, a load is
short and a reader that opens the index meanwhile should find them all."""

READERS = ("entities_rank", "figures_search", "articles_day")
"""The reader's own indexes on both stores (the panels' order, figure searches, the days of the sparklines): keyed
by what scatters their rows (a count updated each batch, a value, a date), each row written moved a page."""

SERVER_READERS = ("article_words_fts", "article_words_list", "entities_name_trgm", "aliases_alias_trgm")
"""PostgreSQL's own: the full-text index of the stories' words and its list, the trigram indexes of names (GIN
indexes: each article's words and each new name added to them as they come)."""

LOAD_LOCK = 0x627269656602  # the advisory lock a cold load holds on PostgreSQL while it runs ("brief" and 2), the
# schema's (``store.SCHEMA_KEY``): another corpus of the database loads beside it
MARK = "deferred_indexes"
"""``meta``'s key naming the indexes a load on PostgreSQL dropped, until they are built again."""


def _on_disk(db: sqlite3.Connection) -> bool:
    """Whether the SQLite index is a file (not ``--no-cache``'s, or a fallback's, shared cache in memory)."""
    return bool(next((row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"), ""))


def _names(db: Any) -> tuple[str, ...]:
    return READERS + SERVER_READERS if store.dialect(db) == store.POSTGRESQL else READERS


_SQLITE_INDEX = r"CREATE INDEX IF NOT EXISTS (\w+) ON [^;]*;"


def without(ddl: str, names: set[str]) -> str:
    """SQLite's schema ``ddl`` without the statements that create the indexes ``names``."""
    return re.sub(_SQLITE_INDEX, lambda m: "" if m.group(1) in names else m.group(0), ddl) if names else ddl


def settle(db: sqlite3.Connection) -> set[str]:
    """On SQLite, as the index is opened: build the reader's indexes a cold load dropped, unless another connection is
    writing (that load, which builds them as it ends; the open waits for no write). The names left to it."""
    there = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [name for name in READERS if name not in there]
    if not missing:
        return set()
    waits = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute("PRAGMA busy_timeout = 0")
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # locked: a writer holds it (as a deferred transaction's write would find)
        return set(missing)
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(waits)}")
    try:
        for statement in _statements(db, tuple(missing)):
            db.execute(statement)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return set()


def _statements(db: Any, names: tuple[str, ...]) -> list[str]:
    """The statements that create the indexes ``names`` on ``db``'s store (as the schema does)."""
    if store.dialect(db) == store.POSTGRESQL:
        made = store.postgres_ddl(DDL)
    else:
        made = [m.group(0) for m in re.finditer(_SQLITE_INDEX, re.sub(r"--[^\n]*", "", DDL))]
    index = re.compile(r"CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (\w+)")
    return [s for s in made if (m := index.match(s)) is not None and m.group(1) in names]


def _write_lock(db: Any) -> bool:
    """Begin a transaction that writes after any other writer's; whether the index is PostgreSQL's. (There not a
    writer's BEGIN IMMEDIATE: its statements are sent together, and a failed one is read only at the end.)"""
    server = store.dialect(db) == store.POSTGRESQL
    if server:
        db.execute("BEGIN")
        db.raw(f"SELECT pg_advisory_xact_lock({store.SCHEMA_KEY})", (store.WRITE_LOCK,))
    else:
        db.execute("BEGIN IMMEDIATE")
    return server


def _build(db: Any, names: tuple[str, ...]) -> None:
    """Create the indexes ``names`` that are missing, in one write transaction."""
    from brief.pipeline.index.schema import _name_trigrams

    server = _write_lock(db)
    try:
        for statement in _statements(db, names):
            db.raw(statement) if server else db.execute(statement)
        if server:
            if set(names) & {"entities_name_trgm", "aliases_alias_trgm"}:
                _name_trigrams(db)
            db.raw("DELETE FROM meta WHERE key = %s", (MARK,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _drop(db: Any, names: tuple[str, ...]) -> bool:
    """Drop the indexes ``names`` if the index is still empty (on PostgreSQL, marked so); whether it was."""
    server = _write_lock(db)
    try:
        if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None:  # another writer got there first
            db.execute("ROLLBACK")
            return False
        for name in names:
            db.raw(f"DROP INDEX IF EXISTS {name}") if server else db.execute(f"DROP INDEX IF EXISTS {name}")
        if server:
            db.raw("INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   (MARK, " ".join(names)))
        db.execute("COMMIT")
        return True
    except BaseException:
        db.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def cold_load(db: Any, articles: int) -> Iterator[None]:
    """Around the writing of ``articles`` new articles: the reader's indexes dropped first and built at the end when the
    index is empty and the articles many (``COLD_FROM``); else nothing."""
    server = store.dialect(db) == store.POSTGRESQL
    if articles < COLD_FROM or db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None or not (
            server or _on_disk(db)):
        yield  # (in memory: the reader's thread shares the cache, and a drop or a build locks the schema it reads)
        return
    if server and not db.raw(f"SELECT pg_try_advisory_lock({store.SCHEMA_KEY})", (LOAD_LOCK,)).fetchone()[0]:
        yield  # another client loads this index: it builds them
        return
    names = _names(db)
    try:
        if not _drop(db, names):
            yield
            return
        try:
            yield
        except BaseException:  # stopped, killed by a signal, a disk full: the indexes built all the same
            with contextlib.suppress(Exception):  # (the index moved to memory: its connection closed)
                if db.in_transaction:  # the batch in hand, not written
                    db.execute("ROLLBACK")
                _build(db, names)
            raise
        _build(db, names)
    finally:
        if server:
            with contextlib.suppress(Exception):  # (the connection lost: the server let the lock go with it)
                db.raw(f"SELECT pg_advisory_unlock({store.SCHEMA_KEY})", (LOAD_LOCK,))


def heal(db: Any) -> None:
    """On PostgreSQL, as the index is opened: build the indexes a load dropped when it no longer runs (killed)."""
    mark = db.raw("SELECT value FROM meta WHERE key = %s", (MARK,)).fetchone()
    if mark is None or not db.raw(f"SELECT pg_try_advisory_lock({store.SCHEMA_KEY})", (LOAD_LOCK,)).fetchone()[0]:
        return  # none dropped, or their load still runs (it builds them as it ends)
    try:
        _build(db, tuple(mark[0].split()))
    finally:
        db.raw(f"SELECT pg_advisory_unlock({store.SCHEMA_KEY})", (LOAD_LOCK,))
