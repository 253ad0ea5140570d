#!/usr/bin/env python3
"""Search, profile and opening on the PostgreSQL index of 1,000,000 generated articles (issue 20's read targets).

    python bench/make_million.py --url URL     # once: builds the index in the schema "million" (see its docstring)
    python bench/bench_million.py --url URL    # or BRIEF_TEST_PG

Each read is what the reader does, through ``Library`` (the kept matches reset before each, so nothing is reused):
- search: the count and the first page of the list (``count``, ``rows(0, 100)``) for queries of the search
  language: words, a phrase, person:/org:/entity: filters, figures, deals, new:/unread:, combinations;
- profile: what the profile screen reads (``profile(slug)`` and its sparkline) of frequent, medium and rare
  people and companies;
- open: the list's count and first page, each panel's count and first page (people and companies with their
  sparklines), the header's counts and unread count, the new stories' ids.
Medians and 95th percentiles against the targets (search <= 150 ms median, profile <= 200 ms), each with the
load average and a yardstick (a fixed piece of Python work) timed in the same run: on a busy machine both grow.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import schema_url  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402

PAGE = 100  # the list's page (NavList.PAGE)
PANEL_PAGE = 25  # people and companies (panels.ENTITY_PAGE)


def _yardstick() -> float:
    start = time.perf_counter()
    sum(i * i for i in range(300_000))
    return (time.perf_counter() - start) * 1000


def _timed(lib: Library, what: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        lib._kept = threading.local()  # nothing kept from the run before: each run reads as a first one
        start = time.perf_counter()
        what()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _queries(lib: Library) -> list[str]:
    """Queries of the language over the index's own names (the generated corpus decides which exist)."""
    db = lib.db

    def name(kind: str, low: int, high: int) -> str:
        row = db.execute("SELECT name FROM entities WHERE type = ? AND article_count BETWEEN ? AND ?"
                         " ORDER BY article_count DESC, id LIMIT 1", (kind, low, high)).fetchone()
        return str(row[0]) if row else "Velmora"

    def slug(kind: str, low: int, high: int) -> str:
        row = db.execute("SELECT slug FROM entities WHERE type = ? AND article_count BETWEEN ? AND ?"
                         " ORDER BY article_count DESC, id LIMIT 1", (kind, low, high)).fetchone()
        return str(row[0]) if row else "per-velmora"

    top_person, top_org = name("person", 0, 10**9), name("organization", 0, 10**9)
    mid_person, rare_org = name("person", 500, 5000), name("organization", 1, 3)
    last = top_person.split()[-1]
    return ["market", "shares rose", '"chief executive"', "bank -market", f"person:{last}",
            f'org:"{top_org}"', f'person:"{mid_person}"', f'org:"{rare_org}"',
            f"entity:{slug('place', 0, 10**9)}", f"entity:{slug('organization', 100, 1000)}",
            f"entity:{slug('person', 1, 2)}", "money>1e9", "percent>10", "deal:acquisition", "new:yes",
            "unread:yes", f"person:{last} money>1e9", "shares deal:investment", f'said:"{top_person}"',
            f'with:"{top_org}"', "new:yes market", "source:reuters percent>50"]


def _profiles(lib: Library) -> dict[str, list[str]]:
    db = lib.db
    out = {}
    for label, low, high in (("frequent", 0, 10**9), ("medium", 100, 2000), ("rare", 1, 3)):
        out[label] = [r[0] for kind in ("person", "organization") for r in db.execute(
            "SELECT slug FROM entities WHERE type = ? AND article_count BETWEEN ? AND ?"
            " ORDER BY article_count DESC, id LIMIT 3", (kind, low, high))]
    return out


def _profile(lib: Library, slug: str) -> None:
    """What the profile screen reads: the profile, and its sparkline (``ProfileScreen``)."""
    found = lib.profile(slug)
    if found is not None and lib.day_span() is not None:
        lib.mentions_per_day([found.id])


def _open(lib: Library) -> None:
    lib.count(None)
    lib.rows(None, 0, PAGE)
    for kind in ("person", "organization"):
        lib.entity_count(kind)
        lib.with_days(lib.entity_rows(kind, 0, PANEL_PAGE))
    for count, rows in ((lib.figure_count, lib.figure_rows), (lib.quote_count, lib.quote_rows),
                        (lib.deal_count, lib.deal_rows)):
        count()
        rows(0, PAGE)
    lib.unread_count()
    lib.new_ids()


def _line(label: str, times: list[float], target: float | None = None) -> str:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    goal = f"  target <= {target:.0f} ms: {'met' if median <= target else 'MISSED'}" if target else ""
    return f"{label:<44} median {median:8.1f} ms  p95 {p95:8.1f} ms  (n={len(times)}){goal}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default=os.environ.get("BRIEF_TEST_PG"))
    ap.add_argument("--schema", default="million")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--each", action="store_true", help="print every query's and profile's own median")
    args = ap.parse_args()
    if not args.url:
        ap.error("a PostgreSQL server: --url or BRIEF_TEST_PG")
    lib = Library([], index_url=schema_url(args.url, args.schema))
    n = lib.count(None)
    print(f"{n:,} stories, {lib.db.execute('SELECT count(*) FROM entities').fetchone()[0]:,} entities;"
          f" load {os.getloadavg()[0]:.2f}; yardstick {statistics.median(_yardstick() for _ in range(5)):.1f} ms")
    searches: list[float] = []
    for text in _queries(lib):
        query = lib.query(text)
        times = _timed(lib, lambda q=query: (lib.count(q), lib.rows(q, 0, PAGE)), args.repeat)  # type: ignore[misc]
        searches += times
        if args.each:
            print(_line(f"  {text[:30]} ({lib.count(query):,})", times))
    print(_line("search: count + first page", searches, 150))
    profiles: list[float] = []
    for label, slugs in _profiles(lib).items():
        if not slugs:
            continue
        times = [t for slug in slugs for t in _timed(lib, lambda s=slug: _profile(lib, s), args.repeat)]  # type: ignore[misc]
        profiles += times
        print(_line(f"  profile, {label} ({len(slugs)} entities)", times))
        if args.each:
            for slug in slugs:
                print(_line(f"    {slug[:40]}", _timed(lib, lambda s=slug: _profile(lib, s), 1)))
    print(_line("profile", profiles, 200))
    print(_line("open: list, panels, header", _timed(lib, lambda: _open(lib), args.repeat)))
    print(f"load {os.getloadavg()[0]:.2f}; yardstick {statistics.median(_yardstick() for _ in range(5)):.1f} ms")
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
