#!/usr/bin/env python3
"""One writer, the same articles in two orders of arrival: the same export, byte for byte (issue 20, the quick
reproduction of ``bench_writers.py``: minutes where three writers on PostgreSQL take ten at 30,000 articles).

    python bench/bench_order.py 30000                  # path order against a shuffled order (seed 1)
    python bench/bench_order.py 30000 --seed 4 --batch 50 --against 5

The dated corpus of N generated articles (``bench/make_corpus.py``, as ``bench_writers.py`` makes it) is analysed
once and its analyses recorded (``/tmp/brief-bench-order-N-<version>.analysed``); each order then indexes them again
into an SQLite index of its own, the writer alone (``--against`` seed, 0 for the order of the paths, ``--seed`` the
other; ``--batch`` articles a transaction at least, as several writers' batches end anywhere). Both indexes are
exported with the real command (JSON, and the full Markdown) and compared; the first differing lines are printed,
with the times and the load. Exit status 1 when the exports differ.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_index import _Recording  # noqa: E402
from bench.common import corpus  # noqa: E402
from brief.pipeline.index import update  # noqa: E402
from brief.pipeline.index.engine import Job, Loaded, Task, Worker  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402


class _Shuffled:
    """An engine that gives the recorded analyses of the tasks asked, in an order of its seed's (0: as recorded)."""

    def __init__(self, record: Path, seed: int) -> None:
        self.record, self.seed = record, seed

    def analyse(self, todo: list[Task], job: Job, local: Worker) -> Iterator[Loaded]:
        wanted = {t.shown: t for t in todo}
        items = []
        with self.record.open("rb") as source:
            while True:
                try:
                    item = pickle.load(source)
                except EOFError:
                    break
                if item.task is not None and item.task.shown in wanted:
                    item.task = wanted[item.task.shown]
                    items.append(item)
        if self.seed:
            random.Random(self.seed).shuffle(items)
        yield from items


def _index_and_export(folders: list[str], record: Path, seed: int, out: Path) -> tuple[float, dict[str, Path]]:
    cache = out / f"cache-{seed}"
    start = time.perf_counter()
    Library(folders, cache_dir=cache).update(workers=_Shuffled(record, seed))
    took = time.perf_counter() - start
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEF_CONFIG": str(out / "config.toml")}
    env.pop("BRIEF_INDEX_URL", None)
    files = {}
    for kind, extra in (("json", ["--format", "json"]), ("md", ["--format", "markdown", "--full"])):
        files[kind] = out / f"order-{seed}.{kind}"
        subprocess.run([sys.executable, "-m", "brief", "--cache-dir", str(cache), "export", *folders, *extra, "--force",
                        "-o", str(files[kind])], env=env, check=True, capture_output=True)
    return took, files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=10000)
    ap.add_argument("--seed", type=int, default=1, help="the shuffled order (default 1)")
    ap.add_argument("--against", type=int, default=0, help="the order it is compared with (0: the paths')")
    ap.add_argument("--batch", type=int, default=update.BATCH, help="articles a transaction at least")
    args = ap.parse_args()
    update.BATCH = args.batch
    dated = corpus(args.n, dated=365)
    folders = sorted(p.name for p in dated.iterdir() if p.is_dir())
    os.chdir(dated)  # (the paths shown are the folders', as a writer in the corpus gives them)
    version = Library(folders).version
    made_by = hashlib.sha256(f"{dated.resolve()}\0{version}".encode()).hexdigest()[:12]
    record = Path(tempfile.gettempdir()) / f"brief-bench-order-{args.n}-{made_by}.analysed"
    if not record.exists():
        with tempfile.TemporaryDirectory(prefix="brief-bench-cache-") as cache:
            Library(folders, cache_dir=Path(cache)).update(workers=_Recording(record))
    with tempfile.TemporaryDirectory(prefix="brief-bench-order-") as scratch:
        out = Path(scratch)
        exports = {}
        for seed in (args.against, args.seed):
            took, exports[seed] = _index_and_export(folders, record, seed, out)
            print(f"order {seed}: indexed in {took:6.1f} s (load {os.getloadavg()[0]:.1f})", flush=True)
        same = True
        for kind in ("json", "md"):
            one, other = exports[args.against][kind], exports[args.seed][kind]
            lines = sum(1 for _ in one.open(encoding="utf-8"))
            diff = subprocess.run(["diff", "-U0", str(one), str(other)], capture_output=True, text=True).stdout
            changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            if not changed:
                print(f"{kind:>4}: identical ({one.stat().st_size:,} bytes, {lines:,} lines)")
                continue
            same = False
            print(f"{kind:>4}: DIFFERENT, {len(changed):,} lines differ of {lines:,}; the first:")
            for line in diff.splitlines()[2:22]:
                print(f"      {line[:160]}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
