#!/usr/bin/env python3
"""Where the CPU of a cold index goes: brief's own process, its analysis workers, and the PostgreSQL server.

    python bench/bench_cpu.py 10000 --sqlite
    python bench/bench_cpu.py 10000 --url postgresql:///brief?host=DIR --pg-dir DIR   # a server .ci/pg started in DIR

Prints the wall time and the CPU seconds of each part: brief (this process: the writer, and psycopg's I/O), the
workers (its children, counted as they end), the server (the postmaster and every process it runs, read from /proc:
the server must run on this machine) and the time the cores sat idle. On 2 cores a cold index is bound by the sum
when the idle time is small: what PostgreSQL adds to SQLite's is then the server's CPU, less SQLite's own engine (in
brief's process there).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import corpus as _corpus  # noqa: E402
from bench.common import schema_url  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def _server_cpu(pg_dir: Path | None) -> float:
    """CPU seconds of the server in ``pg_dir``: its postmaster (with the processes it reaped) and those running."""
    if pg_dir is None:
        return 0.0
    postmaster = int((pg_dir / "data" / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == postmaster:
            ticks += sum(int(f) for f in fields[11:15])  # utime, stime, and its reaped children's
        elif int(fields[1]) == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / TICK


def _idle() -> float:
    with open("/proc/stat") as stat:
        return int(stat.readline().split()[4]) / TICK


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def _schema(url: str, schema: str) -> Iterator[None]:
    """A new schema of the server at ``url``, dropped at the end."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=10000)
    ap.add_argument("--sqlite", action="store_true", help="index into a new SQLite file (synchronous=OFF)")
    ap.add_argument("--url", default=os.environ.get("BRIEF_TEST_PG"))
    ap.add_argument("--pg-dir", type=Path, default=None, help="the server's folder (.ci/pg start DIR)")
    args = ap.parse_args()
    corpus = _corpus(args.n)
    if not args.sqlite and (not args.url or args.pg_dir is None):
        ap.error("PostgreSQL: --url and --pg-dir (or --sqlite)")
    with contextlib.ExitStack() as made:  # the cache folder or the schema, removed however the run ends
        if args.sqlite:
            where: dict[str, object] = {
                "cache_dir": Path(made.enter_context(tempfile.TemporaryDirectory(prefix="brief-bench-cache-")))}
        else:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            made.enter_context(_schema(args.url, schema))
            where = {"index_url": schema_url(args.url, schema)}
        server, idle, start = _server_cpu(args.pg_dir), _idle(), time.perf_counter()
        own, workers = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        lib = Library([corpus], **where)  # type: ignore[arg-type]
        if args.sqlite:
            lib.db.execute("PRAGMA synchronous=OFF")  # as the server's fsync=off (bench_pg.py)
        report = lib.update()
        lib.close()
        wall = time.perf_counter() - start
        own, workers = _cpu(resource.RUSAGE_SELF) - own, _cpu(resource.RUSAGE_CHILDREN) - workers
        server = _server_cpu(args.pg_dir) - server
    print(f"{'SQLite' if args.sqlite else 'PostgreSQL'}: {report.added:,} articles in {wall:.1f} s; CPU s: brief"
          f" {own:.1f}, workers {workers:.1f}, server {server:.1f}, total {own + workers + server:.1f};"
          f" cores idle {_idle() - idle:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
