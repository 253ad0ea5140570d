#!/usr/bin/env python3
"""The shared index on PostgreSQL against the SQLite file, on one generated corpus in one run.

    python bench/bench_pg.py 1000 --url postgresql:///brief?host=/tmp/pg   # or BRIEF_TEST_PG; .ci/pg starts one

Printed, each with its target (issue 20):
- cold index of N articles, PostgreSQL / SQLite ......... ratio <= 1.3 (the same analysis; the writer differs)
- search (count + first page) and profile, median ....... <= 150 ms and <= 200 ms (at 1,000,000 in the issue)
- the writer alone (articles analysed beforehand), PostgreSQL / SQLite: what the store itself costs
The index is written to a new schema of the server, dropped at the end. Both stores write with the same durability:
a server run with fsync=off (as .ci/pg runs it) is compared with SQLite at synchronous=OFF, one that syncs with
SQLite's own setting (WAL, synchronous=NORMAL); the line "durability" says which.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import corpus as _corpus  # noqa: E402
from bench.common import schema_url  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402

QUERIES = ("person:Smith", "money>1e9", "percent>10 source:reuters", "market shares", 'org:"Bank"')


def _reads(lib: Library) -> tuple[float, float]:
    """Median milliseconds of a search (count and first page) and of a profile of the most named entities."""
    searches = []
    for text in QUERIES:
        start = time.perf_counter()
        query = lib.query(text)
        lib.count(query)
        lib.rows(query, 0, 50)
        searches.append(time.perf_counter() - start)
    profiles = []
    for row in lib.entity_rows("person", 0, 5) + lib.entity_rows("organization", 0, 5):
        start = time.perf_counter()
        lib.profile(row.slug)
        profiles.append(time.perf_counter() - start)
    return statistics.median(searches) * 1000, statistics.median(profiles) * 1000


def _durability(url: str) -> str:
    """SQLite's synchronous setting that writes as durably as the server at ``url`` does."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        fsync = conn.execute("SHOW fsync").fetchone()[0]  # type: ignore[index]
        commit = conn.execute("SHOW synchronous_commit").fetchone()[0]  # type: ignore[index]
    sync = "OFF" if fsync == "off" or commit == "off" else "NORMAL"
    print(f"durability: server fsync={fsync}, synchronous_commit={commit}; SQLite WAL, synchronous={sync}")
    return sync


def _writer_alone(corpus: Path, url: str, cache: Path, sync: str, n: int = 300) -> tuple[float, float]:
    """Seconds to write ``n`` articles analysed beforehand, in batches as ``Library.update`` writes them, into a new
    SQLite file and into the PostgreSQL index ``url``: the store's own cost, without the analysis beside it."""
    import hashlib
    import sqlite3

    from brief.pipeline.analysis import analyse
    from brief.pipeline.index import library, store
    from brief.pipeline.index.schema import migrate
    from brief.pipeline.index.writer import Writer

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))[:n]]
    unique = {hashlib.sha256(t.encode()).hexdigest(): t for t in texts}  # (the corpus repeats a few, as news does)
    done = [(digest, analyse(t), t) for digest, t in unique.items()]
    out = []
    for db in (sqlite3.connect(cache / "alone.sqlite3", isolation_level=None), store.connect(url)):
        if store.dialect(db) == store.SQLITE:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(f"PRAGMA synchronous={sync}")
            migrate(db)
        writer = Writer(db)
        start = time.perf_counter()
        for at in range(0, len(done), library.BATCH):
            writer.begin()
            writer.expect(analysis.sketch for _digest, analysis, _text in done[at:at + library.BATCH])
            for i, (digest, analysis, text) in enumerate(done[at:at + library.BATCH], at):
                writer.add(f"alone/{i}.txt", digest, analysis, text)
            writer.commit()
        out.append(time.perf_counter() - start)
        db.close()
    return out[0], out[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--url", default=os.environ.get("BRIEF_TEST_PG"))
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    if not args.url:
        ap.error("a PostgreSQL server: --url or BRIEF_TEST_PG (.ci/pg start DIR prints one)")
    import psycopg

    corpus = _corpus(args.n)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = schema_url(args.url, schema)
    cache = Path(tempfile.mkdtemp(prefix="brief-bench-cache-"))
    sync = _durability(args.url)
    try:
        timings = {}
        for name, where in (("SQLite", {"cache_dir": cache}),
                            ("PostgreSQL", {"index_url": url})):
            start = time.perf_counter()
            lib = Library([corpus], **where)  # type: ignore[arg-type]
            if name == "SQLite":
                lib.db.execute(f"PRAGMA synchronous={sync}")
            report = lib.update(workers=args.workers)
            timings[name] = time.perf_counter() - start
            search, profile = _reads(lib)
            print(f"{name:<10} cold index {timings[name]:7.1f} s for {report.added:,} articles;"
                  f" search {search:6.1f} ms, profile {profile:6.1f} ms (medians)")
            lib.close()
        print(f"cold index PostgreSQL / SQLite: {timings['PostgreSQL'] / timings['SQLite']:.2f}  target <= 1.3;"
              "  search <= 150 ms, profile <= 200 ms")
        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        sqlite_s, pg_s = _writer_alone(corpus, url, cache, sync)
        print(f"writer alone, 300 articles analysed beforehand: SQLite {sqlite_s:.2f} s, PostgreSQL {pg_s:.2f} s"
              f" ({pg_s / sqlite_s:.2f})")
    finally:
        import shutil

        from brief.pipeline.index import store

        shutil.rmtree(cache, ignore_errors=True)
        store.close_pools()
        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
