#!/usr/bin/env python3
"""Ingest throughput of the Dask engine against the process pool, on the same corpus in the same run.

    python bench/bench_engines.py 2000            # the generated corpus of bench/make_corpus.py
    python bench/bench_engines.py 2000 --workers 2 --rounds 2

Each engine indexes the corpus cold (a new cache), in turns (pool, Dask, pool, Dask...), so a noisy
machine weighs on both; the best round of each is compared. Target (issue 20): Dask ``local:N``
at >= 0.9x the articles per second of N pool processes (the cost of the engine). The cluster's
start is counted, as a user waits for it as for the pool's processes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_index import _corpus  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402


def _cold(corpus: Path, workers: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="brief-bench-engine-") as cache:
        start = time.perf_counter()
        lib = Library([corpus], cache_dir=Path(cache))
        report = lib.update(workers=workers)
        seconds = time.perf_counter() - start
        lib.close()
    return seconds, report.added


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    corpus = _corpus(args.n)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name in (str(args.workers), f"local:{args.workers}"):
            seconds, added = _cold(corpus, name)
            best[name] = min(best.get(name, seconds), seconds)
            print(f"{name:>8}  {seconds:7.1f} s  {added / seconds:7.1f} articles/s")
    pool, dask = best[str(args.workers)], best[f"local:{args.workers}"]
    print(f"Dask local:{args.workers} / process pool of {args.workers}: {pool / dask:.2f}x the throughput  "
          f"target >= 0.9x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
