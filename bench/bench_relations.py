"""Words per second of ``extract_relations`` against ``extract_figures`` on the same texts (best of 5).

    python bench/bench_relations.py

Entity and figure spans are found first (outside the timing), as the analysis has them when it
calls the relation finders; then relations and figures are each timed over every text of
../shared/data. The ratio says what relations add to the per-article analysis, whatever the
machine: a cold index of 10,000 articles runs entities, figures and relations on each.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.bench_extract import best_of, load_texts  # noqa: E402
from brief.pipeline.extract.entities import extract_entities  # noqa: E402
from brief.pipeline.extract.figures import extract_figures  # noqa: E402
from brief.pipeline.relations import extract_relations  # noqa: E402


def main() -> int:
    texts = load_texts()
    words = sum(len(t.split()) for t in texts)
    inputs = [(t, extract_entities(["", "", t])[2], extract_figures(t)) for t in texts]

    def relations() -> None:
        for text, entities, figures in inputs:
            extract_relations(text, entities, figures)

    def figures() -> None:
        for text, _, _ in inputs:
            extract_figures(text)

    print(f"{len(texts)} texts, {words:,} words (best of 5)")
    timed = {name: best_of(5, fn) for name, fn in (("figures", figures), ("relations", relations))}
    for name, t in timed.items():
        print(f"{name:10s} {words / t:12,.0f} words/s  ({t:.3f} s)")
    print(f"relations take {timed['relations'] / timed['figures']:.2f}x the time of figures on the same texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
