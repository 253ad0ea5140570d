"""Words per second of the extractors over every text in ../shared/data (best of 5 runs).

    python bench/bench_extract.py

Prints entities alone, figures alone, and both together (the ingest runs both on every
article). Lexicons are loaded before timing: they load once per process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(REPO))

from brief.pipeline.extract.entities import extract_entities  # noqa: E402
from brief.pipeline.extract.figures import extract_figures  # noqa: E402


def load_texts() -> list[str]:
    texts = []
    for path in sorted((SHARED / "data").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"] for line in f)
    return texts


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    texts = load_texts()
    words = sum(len(t.split()) for t in texts)
    articles = [[t.split("\n", 1)[0], t] for t in texts]  # title + body, as ingest passes them
    extract_entities(articles[0])  # load the lexicons outside the timing
    extract_figures(texts[0])

    def entities() -> None:
        for a in articles:
            extract_entities(a)

    def figures() -> None:
        for t in texts:
            extract_figures(t)

    def both() -> None:
        entities()
        figures()

    print(f"{len(texts)} texts, {words:,} words (best of 5)")
    for name, fn in (("entities", entities), ("figures", figures), ("entities+figures", both)):
        t = best_of(5, fn)
        print(f"{name:17s} {words / t:12,.0f} words/s  ({t:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
