"""Document-level P/R/F1 of ``extract_entities`` on the annotated news in ../shared/data.

Each document is fed the way brief's ingest does it: OntoNotes has no header, so the whole
text is the body and the title is its first sentence cut to at most 12 words; CoNLL has a
header (headline, then dateline/byline lines, then a blank line), so the headline is the
title and the rest of the text is the body. Scoring follows shared/eval/ner_docs.py: per
document, distinct normalised strings per type; micro P/R/F1 over documents.

    python bench/eval_extract.py                 # both sets
    python bench/eval_extract.py conll -v        # one set, with the top errors
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(REPO))

from brief.pipeline.extract.entities import extract_entities  # noqa: E402


def _load_norm():
    spec = importlib.util.spec_from_file_location("ner_docs", SHARED / "eval" / "ner_docs.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot find shared/eval/ner_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.norm, mod.GOLD_TO_BRIEF


norm, GOLD_TO_BRIEF = _load_norm()
SETS = {"ontonotes": "ontonotes-dev-nw.jsonl", "conll": "conll2003-dev.jsonl"}
_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])")


def article_texts(doc: dict) -> list[str]:
    """The texts brief would pass for this document: [title, body]."""
    text = doc["text"]
    if doc["id"].startswith("conll"):
        head, _, rest = text.partition("\n")
        return [head, rest]
    first = _SENT.split(text.strip(), maxsplit=1)[0]
    return [" ".join(first.split()[:12]), text]


def score(name: str, verbose: bool, top: int) -> dict[str, tuple[float, float, float]]:
    docs = [json.loads(line) for line in open(SHARED / "data" / SETS[name], encoding="utf-8")]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    fps: dict[str, Counter] = defaultdict(Counter)
    fns: dict[str, Counter] = defaultdict(Counter)
    for d in docs:
        texts = article_texts(d)
        pred: dict[str, set[str]] = defaultdict(set)
        for t, spans in zip(texts, extract_entities(texts), strict=True):
            for s in spans:
                pred[s.label].add(norm(t[s.start : s.end]))
        gold: dict[str, set[str]] = defaultdict(set)
        for e in d["entities"]:
            t = GOLD_TO_BRIEF.get(e["label"])
            if t in ("person", "organization"):
                gold[t].add(norm(e["text"]))
        for t in ("person", "organization"):
            g, p = gold[t], pred[t]
            counts[t][0] += len(g & p)
            counts[t][1] += len(p - g)
            counts[t][2] += len(g - p)
            fps[t].update(p - g)
            fns[t].update(g - p)
    result = {}
    print(f"== {name} ({len(docs)} docs)")
    for t in ("person", "organization"):
        tp, fp, fn = counts[t]
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        result[t] = (pr, rc, f1)
        print(f"{t:13s} P {pr:.3f} R {rc:.3f} F1 {f1:.3f}  (tp {tp} fp {fp} fn {fn})")
        if verbose:
            print("   false positives:", ", ".join(f"{k}×{v}" for k, v in fps[t].most_common(top)))
            print("   false negatives:", ", ".join(f"{k}×{v}" for k, v in fns[t].most_common(top)))
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", help="ontonotes and/or conll (default: both)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the most frequent errors")
    ap.add_argument("-n", "--top", type=int, default=40, help="how many errors to print with -v")
    args = ap.parse_args()
    for name in args.sets or SETS:
        score(name, args.verbose, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
