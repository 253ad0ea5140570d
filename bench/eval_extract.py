"""Document-level P/R/F1 of brief's entity extraction on the annotated news in ../shared/data.

Each document goes through ``brief.pipeline.build.analyse`` (ingest + extraction, what
``brief export`` runs on every article), and is scored as shared/eval/ner_docs.py scores an
export: per document, the distinct normalised mention texts per type (title, standfirst and
body); micro P/R/F1 over documents. With ``--resolve`` the cross-article resolution of
``brief export`` also runs, and a mention takes its entity's type, exactly as in the export.

    python bench/eval_extract.py                 # both sets
    python bench/eval_extract.py conll -v        # one set, with the top errors
    python bench/eval_extract.py ontonotes -v --show "dow jones"   # contexts of one string
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(REPO))

from brief.pipeline.build import analyse, load_briefing  # noqa: E402

FIELDS = ("title", "standfirst", "body")


def _load_norm():
    spec = importlib.util.spec_from_file_location("ner_docs", SHARED / "eval" / "ner_docs.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot find shared/eval/ner_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.norm, mod.GOLD_TO_BRIEF


norm, GOLD_TO_BRIEF = _load_norm()
SETS = {"ontonotes": "ontonotes-dev-nw.jsonl", "conll": "conll2003-dev.jsonl", "wnut": "wnut17-dev.jsonl"}
DEFAULT = ("ontonotes", "conll")  # wnut (modern names, social media) on request
TYPES = ("person", "organization")


def predicted(docs: list[dict], resolve: bool) -> list[dict[str, set[str]]]:
    """Per document, the distinct normalised mention texts of each type."""
    out: list[dict[str, set[str]]] = []
    if not resolve:
        for a in (analyse(d["text"] + "\n") for d in docs):
            sets: dict[str, set[str]] = defaultdict(set)
            for f, spans in zip(FIELDS, a.entities, strict=True):
                for s in spans:
                    sets[s.label].add(norm(a.text(f)[s.start:s.end]))
            out.append(sets)
        return out
    with tempfile.TemporaryDirectory() as tmp:
        for i, d in enumerate(docs):
            Path(tmp, f"doc{i:04d}.txt").write_text(d["text"] + "\n", encoding="utf-8")
        briefing = load_briefing([Path(tmp)], use_cache=False, extractor="builtin")
    types = {e.id: e.type for e in briefing.entities}
    by_stem = {}
    for art in briefing.articles:
        sets = defaultdict(set)
        for m in art.mentions:
            sets[types[m.entity]].add(norm(m.text))
        by_stem[Path(art.path).stem] = sets
    return [by_stem.get(f"doc{i:04d}", {}) for i in range(len(docs))]


def score(name: str, verbose: bool, top: int, resolve: bool, show: str | None) -> dict[str, tuple[float, float, float]]:
    docs = [json.loads(line) for line in open(SHARED / "data" / SETS[name], encoding="utf-8")]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    fps: dict[str, Counter] = defaultdict(Counter)
    fns: dict[str, Counter] = defaultdict(Counter)
    for d, pred in zip(docs, predicted(docs, resolve), strict=True):
        gold: dict[str, set[str]] = defaultdict(set)
        for e in d["entities"]:
            t = GOLD_TO_BRIEF.get(e["label"])
            if t in TYPES:
                gold[t].add(norm(e["text"]))
        for t in TYPES:
            g, p = gold[t], pred.get(t, set())
            counts[t][0] += len(g & p)
            counts[t][1] += len(p - g)
            counts[t][2] += len(g - p)
            fps[t].update(p - g)
            fns[t].update(g - p)
        if show:
            for m in re.finditer(re.escape(show), d["text"], re.I):
                ctx = d["text"][max(0, m.start() - 80) : m.end() + 80].replace("\n", " | ")
                golds = [f"{e['text']}/{e['label']}" for e in d["entities"] if e["start"] <= m.start() < e["end"]]
                print(f"  [{d['id']}] {golds or '-'} :: {ctx}")
    result = {}
    print(f"== {name} ({len(docs)} docs)")
    for t in TYPES:
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
    ap.add_argument("sets", nargs="*", help="ontonotes, conll and/or wnut (default: ontonotes and conll)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the most frequent errors")
    ap.add_argument("-n", "--top", type=int, default=40, help="how many errors to print with -v")
    ap.add_argument("--resolve", action="store_true", help="also resolve across articles, as brief export does")
    ap.add_argument("--show", help="print the gold label and context of every occurrence of this string")
    args = ap.parse_args()
    for name in args.sets or DEFAULT:
        score(name, args.verbose, args.top, args.resolve, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
