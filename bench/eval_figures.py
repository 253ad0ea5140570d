"""Document-level money/percent scores of ``extract_figures`` on annotated news, plus its speed.

    python bench/eval_figures.py [../shared/data/ontonotes-dev-nw.jsonl] [-v]

Scores exactly as ``shared/eval/ner_docs.py score`` does (distinct normalised figure texts per
document, micro P/R/F1), but calls the extractor directly so tuning needs no index or export.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(REPO))

from brief.pipeline.extract.figures import extract_figures  # noqa: E402

KINDS = {"MONEY": "money", "PERCENT": "percent"}


def _load_norm():
    spec = importlib.util.spec_from_file_location("ner_docs", SHARED / "eval" / "ner_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(SHARED / "data" / "ontonotes-dev-nw.jsonl"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list false positives and negatives")
    args = ap.parse_args()
    norm = _load_norm()
    docs = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    counts = defaultdict(lambda: [0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        gold: dict[str, set[str]] = defaultdict(set)
        for e in d["entities"]:
            if e["label"] in KINDS:
                gold[KINDS[e["label"]]].add(norm(e["text"]))
        pred: dict[str, set[str]] = defaultdict(set)
        for f in extract_figures(d["text"]):
            if f.kind in ("money", "percent"):
                pred[f.kind].add(norm(d["text"][f.start:f.end]))
        for kind in ("money", "percent"):
            g, p = gold[kind], pred[kind]
            counts[kind][0] += len(g & p)
            counts[kind][1] += len(p - g)
            counts[kind][2] += len(g - p)
            misses[kind] += [f"FP {d['id']}: {x!r}" for x in sorted(p - g)]
            misses[kind] += [f"FN {d['id']}: {x!r}" for x in sorted(g - p)]
    for kind in ("money", "percent"):
        tp, fp, fn = counts[kind]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:8s} P {p:.3f} R {r:.3f} F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn})")
        if args.verbose:
            print("\n".join("   " + line for line in misses[kind]))
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for t in texts:
            extract_figures(t)
        best = min(best, time.perf_counter() - t0)
    print(f"speed    {words / best:,.0f} words/s ({words:,} words in {best * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
