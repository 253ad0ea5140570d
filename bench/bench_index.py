#!/usr/bin/env python3
"""Index benchmarks on a generated corpus: cold index, re-open after one change, search, memory.

    python bench/bench_index.py 10000            # writes /tmp/brief-bench-10000 once, then measures

Each figure is printed with its target (issue "Ten thousand articles"):
- cold index of N articles (all cores) .................... <= 60 s for 10,000
- re-open after changing one file ......................... <= 2 s
- search from query text to the first page of rows ........ <= 100 ms (the TUI adds its redraw)
- peak memory of a process holding the index open ......... <= 250 MB RSS (bodies are read on demand)
The yardstick printed beside the cold index is the same machine's extraction alone on the same
text, so a noisy machine shows in both numbers.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.make_corpus import make  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402


def _corpus(n: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"brief-bench-{n}"
    if not folder.exists():
        make(n, folder)
    return folder


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=10000)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    corpus = _corpus(args.n)
    cache = Path(tempfile.mkdtemp(prefix="brief-bench-cache-"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.rglob("*.txt"))

    start = time.perf_counter()
    lib = Library([corpus], cache_dir=cache)
    report = lib.update(workers=args.workers)
    cold = time.perf_counter() - start
    print(f"cold index       {cold:7.1f} s  for {report.added:,} articles ({words / cold:,.0f} words/s)  "
          f"target <= 60 s per 10,000")
    lib.close()

    victim = next(corpus.rglob("*.txt"))
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original + "\nA correction was appended to this article.\n", encoding="utf-8")
    try:
        start = time.perf_counter()
        lib = Library([corpus], cache_dir=cache)
        report = lib.update()
        reopen = time.perf_counter() - start
    finally:
        victim.write_text(original, encoding="utf-8")
    print(f"re-open, 1 change {reopen:6.2f} s  ({report.added} re-indexed, {report.unchanged:,} unchanged)  "
          f"target <= 2 s")

    timings = []
    for text in ("person:Smith", "money>1e9", "percent>10 source:reuters", "market shares", 'org:"Bank"'):
        start = time.perf_counter()
        query = lib.query(text)
        lib.count(query)
        lib.rows(query, 0, 50)
        timings.append(time.perf_counter() - start)
    print(f"search           {statistics.median(timings) * 1000:7.1f} ms median, {max(timings) * 1000:.1f} ms worst "
          f"(count + first page)  target <= 100 ms")

    probe = ("import resource, sys; from pathlib import Path; from brief.pipeline.index.library import Library; "
             "lib = Library([Path(sys.argv[1])], cache_dir=Path(sys.argv[2])); lib.update(); "
             "rows = lib.rows(None, 0, 100); lib.article(rows[0].id); "
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    rss = subprocess.run([sys.executable, "-c", probe, str(corpus), str(cache)], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout.strip()
    print(f"memory, open     {rss:>7} MB peak RSS (index open, first page and one article read)  target <= 250 MB")
    print(f"(this process peaked at {_peak_rss_mb():.0f} MB while indexing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
