"""Seed scores of quotes, affiliations and deals, before the index stores them.

    python bench/eval_relations.py [seeds] [--gold ../shared/gold/seeds.json] [-v] [--print]
    python bench/eval_relations.py --jsonl ../shared/data/ontonotes-dev-nw.jsonl [--skip K] [--docs N]

Exports the folder as ``brief export --format json`` does (entities resolved across articles),
runs brief's per-article analysis again (ingest, entities, figures) and ``extract_relations`` on
each body, adds the ``quotes``/``affiliations``/``deals`` keys of schema ``brief.index/2`` to the
export (entity ids as in its ``entities``; one row per entity pair, as the index keeps them) and
runs ``shared/eval/score.py`` on the result. ``--print`` lists what was found, for reading by hand;
``--jsonl`` prints it for documents of an annotated collection (which has no relation gold) instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(REPO))

from brief.cli import main as brief_main  # noqa: E402
from brief.pipeline.analysis import analyse  # noqa: E402
from brief.pipeline.extract import EntitySpan, FigureSpan, extract_entities, extract_figures  # noqa: E402
from brief.pipeline.relations import Relations, extract_relations  # noqa: E402


def body_relations(path: Path) -> tuple[str, Relations, list[EntitySpan], list[FigureSpan]]:
    """The article's body, its relations, and the spans they index (as the analysis finds them)."""
    result = analyse(path.read_text(encoding="utf-8", errors="replace"))
    return result.parsed.body, result.relations, result.entities[2], result.spans[2]


def article_keys(article: dict, relations: Relations, entities: list[EntitySpan],
                 figures: list[FigureSpan]) -> dict:
    """The brief.index/2 keys of one article: entity ids for mention indexes, figure texts for figures."""
    body = article["body"]
    ids = {(m["start"], m["end"]): m["entity"] for m in article["mentions"] if m["field"] == "body"}

    def ref(i: int | None) -> str | None:
        return None if i is None else ids.get((entities[i].start, entities[i].end))

    def fig(k: int | None) -> str | None:
        return None if k is None else body[figures[k].start:figures[k].end]

    quotes = [{"text": q.text, "start": q.start, "end": q.end, "speaker": ref(q.speaker),
               "speaker_text": q.speaker_text} for q in relations.quotes]
    affiliations, pairs = [], set()
    for a in relations.affiliations:
        person, org = ref(a.person), ref(a.organization)
        if person and org and (person, org) not in pairs:
            pairs.add((person, org))
            affiliations.append({"person": person, "organization": org, "role": a.role, "start": a.start, "end": a.end})
    deals, seen = [], set()
    for d in relations.deals:
        buyer, target = ref(d.buyer), ref(d.target)
        if buyer and target and (d.kind, buyer, target) not in seen:
            seen.add((d.kind, buyer, target))
            deals.append({"kind": d.kind, "from": buyer, "to": target, "amount": fig(d.amount), "stake": fig(d.stake),
                          "start": d.start, "end": d.end})
    return {"quotes": quotes, "affiliations": affiliations, "deals": deals}


def show_jsonl(path: Path, skip: int, count: int) -> int:
    """Print the relations found in ``count`` documents (with a quote or deal word) of a JSONL collection."""
    shown = 0
    for line in path.read_text(encoding="utf-8").splitlines()[skip:]:
        doc = json.loads(line)
        text = doc["text"]
        if not any(w in text for w in ('"', "“", " said", "stake", "acqui", "invest", "merg", "partner")):
            continue
        entities = extract_entities(["", "", text])[2]
        rel = extract_relations(text, entities, extract_figures(text))

        def name(i: int | None, text: str = text, entities: list[EntitySpan] = entities) -> str | None:
            return None if i is None else text[entities[i].start:entities[i].end]

        print(f"== {doc['id']} ({len(text.split())} words)")
        for q in rel.quotes:
            print(f"  quote  {name(q.speaker)!s:24} ({q.speaker_text}) {q.text[:80]!r}")
        for a in rel.affiliations:
            print(f"  affil  {name(a.person):24} {a.role!s:20} {name(a.organization)}")
        for d in rel.deals:
            print(f"  deal   {d.kind:12} {name(d.buyer)} -> {name(d.target)} | {text[d.start:d.end][:110]!r}")
        shown += 1
        if shown == count:
            break
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(REPO / "seeds"))
    ap.add_argument("--gold", default=str(SHARED / "gold" / "seeds.json"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list the scorer's misses and extras")
    ap.add_argument("--print", action="store_true", help="print every relation found")
    ap.add_argument("--jsonl", type=Path, help="print relations of documents of this collection instead")
    ap.add_argument("--skip", type=int, default=0, help="with --jsonl: documents to skip first")
    ap.add_argument("--docs", type=int, default=10, help="with --jsonl: documents to print")
    args = ap.parse_args()
    if args.jsonl:
        return show_jsonl(args.jsonl, args.skip, args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "index.json"
        if brief_main(["export", "--format", "json", args.folder, "-o", str(out)]) != 0:
            return 1
        index = json.loads(out.read_text(encoding="utf-8"))
        names = {e["id"]: e["name"] for e in index["entities"]}
        for article in index["articles"]:
            body, relations, entities, figures = body_relations(Path(article["path"]))
            if body != article["body"]:
                print(f"{article['path']}: body differs between analysis and export", file=sys.stderr)
            article.update(article_keys(article, relations, entities, figures))
            if args.print:
                print(f"== {Path(article['path']).name}")
                for q in article["quotes"]:
                    print(f"  quote  {names.get(q['speaker'])!s:24} ({q['speaker_text']}) {q['text'][:70]!r}")
                for a in article["affiliations"]:
                    print(f"  affil  {names[a['person']]:24} {a['role']!s:16} {names[a['organization']]}")
                for d in article["deals"]:
                    print(f"  deal   {d['kind']:12} {names[d['from']]} -> {names[d['to']]} {d['amount']} {d['stake']}")
        scored = Path(tmp) / "relations.json"
        scored.write_text(json.dumps(index), encoding="utf-8")
        cmd = [sys.executable, str(SHARED / "eval" / "score.py"), args.gold, str(scored)]
        cmd += ["-v"] if args.verbose else []
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
