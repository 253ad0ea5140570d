"""A cold load (an empty index filled with many articles) builds the reader's own indexes once, at its end: it ends
with every index the schema has, exports what a load that kept them row by row exports, and an index whose load was
killed midway has them all again once it is next opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from invented import write_corpus

from brief.pipeline.index import bulk
from brief.pipeline.index.library import Library
from brief.pipeline.index.store import SCHEMA_KEY

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

REPO = Path(__file__).resolve().parent.parent

# the real command, a load of COLD_FROM (argv[1]) articles or more built cold, a batch every 4 articles, killed (as by
# the system) when its transaction number argv[2] begins (0: never)
CODE = """
import os, signal, sys
from brief.pipeline.index import bulk, update, writer
bulk.COLD_FROM = int(sys.argv[1])
update.BATCH = 4
kill_at, begun = int(sys.argv[2]), []
real = writer.Writer.begin
def begin(self):
    begun.append(1)
    if len(begun) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    real(self)
writer.Writer.begin = begin
from brief.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _brief(*args: str, cold_from: int, kill_at: int = 0, index: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if index is not None:
        env["BRIEF_INDEX_URL"] = index
    return subprocess.run([sys.executable, "-c", CODE, str(cold_from), str(kill_at), *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=600)


def _export(root: Path, cache: Path, cold_from: int, index: str | None = None) -> str:
    done = _brief("--cache-dir", str(cache), "export", "--format", "json", str(root),
                  cold_from=cold_from, index=index)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _indexes(lib: Library) -> set[str]:
    """The names of the index's own indexes (SQLite's automatic ones and PostgreSQL's keys aside)."""
    if lib.store.url:
        return {r[0] for r in lib.db.raw("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                                         " AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'")}
    return {r[0] for r in lib.db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


@contextmanager
def _another_index(url: str | None) -> Iterator[str | None]:
    """A second index beside the test's: another cache folder's file, or another schema of the server."""
    if url is None:
        yield None
        return
    from pg import fresh_schema

    with fresh_schema() as other:
        yield other


def test_a_cold_load_ends_with_every_index_and_exports_what_a_load_row_by_row_exports(tmp_path: Path,
                                                                                       store: str | None) -> None:
    root = write_corpus(tmp_path / "news", 40)
    cache = tmp_path / "cache"
    fresh = Library([root], cache_dir=cache)
    schema = _indexes(fresh)  # as a new index has them, before any article
    assert set(bulk.READERS) <= schema
    fresh.close()
    cold = _export(root, cache, cold_from=10)
    assert _dropped(cache, store) == (set(), None)  # built as the load ended
    lib = Library([root], cache_dir=cache)
    assert _indexes(lib) == schema
    assert lib.count() > 30
    with _another_index(store) as other:
        assert _export(root, tmp_path / "other", cold_from=10**9, index=other) == cold
    assert json.loads(cold)["articles"]


def test_a_cold_load_killed_midway_has_every_index_once_the_index_is_opened_again(tmp_path: Path,
                                                                                  store: str | None) -> None:
    root = write_corpus(tmp_path / "news", 40)
    cache = tmp_path / "cache"
    fresh = Library([root], cache_dir=cache)
    schema = _indexes(fresh)
    fresh.close()
    killed = _brief("--cache-dir", str(cache), "index", str(root), "--workers", "1", cold_from=10, kill_at=4)
    assert killed.returncode == -9, killed.stderr
    missing, mark = _dropped(cache, store)
    assert set(bulk.READERS) <= missing  # what the test is about: the load dropped them, and was killed before the end
    assert mark is None if store is None else set(mark.split()) == set(bulk.READERS + bulk.SERVER_READERS)
    lib = Library([root], cache_dir=cache)
    assert 0 < lib.count() < 40
    assert _indexes(lib) == schema
    assert lib.update().added > 0  # the rest, written row by row (the index is not empty)
    assert _indexes(lib) == schema
    assert [r.slug for r in lib.search("revenue")]


def _dropped(cache: Path, url: str | None) -> tuple[set[str], str | None]:
    """The reader's indexes missing from the index and the mark a load left, read without brief (which would build
    them as it opens the index); on PostgreSQL, once the server has let a killed client's lock go."""
    if url is None:
        import sqlite3

        with sqlite3.connect(next(cache.glob("index-*.sqlite3"))) as db:
            there = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        return set(bulk.READERS) - there, None
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        mark = conn.execute("SELECT value FROM meta WHERE key = %s", (bulk.MARK,)).fetchone()
        there = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        for _ in range(100):  # the server lets the lock go as it sees the client's connection closed
            if conn.execute(f"SELECT pg_try_advisory_lock({SCHEMA_KEY})",  # type: ignore[index]
                            (bulk.LOAD_LOCK,)).fetchone()[0]:
                conn.execute(f"SELECT pg_advisory_unlock({SCHEMA_KEY})", (bulk.LOAD_LOCK,))
                break
            time.sleep(0.1)
    return set(bulk.READERS + bulk.SERVER_READERS) - there, mark[0] if mark else None


def test_a_reader_that_opens_the_index_during_a_cold_load_reads_it_as_written_so_far(
        tmp_path: Path, store: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.pipeline.index import update
    from brief.pipeline.index.writer import Writer

    root = write_corpus(tmp_path / "news", 40)
    cache = tmp_path / "cache"
    monkeypatch.setattr(bulk, "COLD_FROM", 10)
    monkeypatch.setattr(update, "BATCH", 4)
    seen: list[tuple[int, list[str], int, list[str]]] = []
    real = Writer.begin

    def begin(self: Writer) -> None:
        real(self)  # the load's transaction open: the reader opens while it writes
        if not seen and self.db.execute("SELECT count(*) FROM articles").fetchone()[0] >= 8:
            reader = Library([root], cache_dir=cache)
            seen.append((reader.count(), [r.slug for r in reader.entity_rows("person", 0, 5)],
                         reader.count(reader.query("revenue")), [w for _, w in reader.warnings]))
            reader.close()

    monkeypatch.setattr(Writer, "begin", begin)
    lib = Library([root], cache_dir=cache)
    lib.update(workers=1)
    (count, people, found, warnings), = seen
    assert count >= 8 and people and found and not warnings  # (not moved to memory: the file was in use)
    assert lib.count() > count
    monkeypatch.undo()
    assert _dropped(cache, store) == (set(), None)
