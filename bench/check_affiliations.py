"""Affiliations checked on KnowledgeNet passages: who works for, runs or founded which organization.

    python bench/check_affiliations.py [../shared/data/relations/knowledgenet.jsonl] [-v]

Each passage is given to ``extract_relations`` with its annotated people and organizations as the
entity spans (pronouns left out), so the score is the relation rules' alone, not the tagger's. A
found (person, organization) pair is right when the passage states EMPLOYEE_OR_MEMBER_OF, CEO,
FOUNDED_BY or POLITICAL_AFFILIATION ("a Labour Party member") between them, either way round; the
passages annotate only their facts' arguments, so precision is read over pairs of those.
KnowledgeNet is CC BY-SA: used to check, nothing fitted on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from brief.pipeline.extract import EntitySpan, extract_figures  # noqa: E402
from brief.pipeline.relations import extract_relations  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "relations" / "knowledgenet.jsonl"
TIES = {"EMPLOYEE_OR_MEMBER_OF", "CEO", "FOUNDED_BY", "POLITICAL_AFFILIATION"}  # a party member is tied to it
LABELS = {"PERSON": "person", "ORG": "organization"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the wrong and the missed pairs")
    args = ap.parse_args()
    tp = fp = fn = 0
    by_rule: Counter[tuple[str, bool]] = Counter()
    for line in args.data.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text, ents = doc["text"], doc["entities"]
        keep = [k for k, e in enumerate(ents) if e["label"] in LABELS and not e.get("pronoun")
                and e["text"][:1].isupper() and e["text"].casefold() not in ("i", "our", "we", "my")]
        spans = sorted(((ents[k]["start"], ents[k]["end"], LABELS[ents[k]["label"]], k) for k in keep))
        spans = [s for n, s in enumerate(spans) if n == 0 or s[0] >= spans[n - 1][1]]  # no overlaps
        names = [text[s:e] for s, e, _, _ in spans]
        rel = extract_relations(text, [EntitySpan(s, e, label) for s, e, label, _ in spans], extract_figures(text))
        gold = {frozenset((text[ents[r["head"]]["start"]:ents[r["head"]]["end"]],
                           text[ents[r["tail"]]["start"]:ents[r["tail"]]["end"]]))
                for r in doc["relations"] if r["relation"] in TIES and r["head"] in keep and r["tail"] in keep}
        found = {}
        for a in rel.affiliations:
            if a.organization is not None:
                found.setdefault(frozenset((names[a.person], names[a.organization])), a.rule)
        for pair, rule in found.items():
            right = pair in gold
            tp, fp = tp + right, fp + (not right)
            by_rule[(rule, right)] += 1
            if args.verbose and not right:
                print(f"wrong {rule}: {sorted(pair)} | {text[:160]}")
        fn += len(gold - set(found))
        if args.verbose:
            for pair in gold - set(found):
                print(f"missed: {sorted(pair)} | {text[:200]}")
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"affiliations P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for rule in sorted({k[0] for k in by_rule}):
        print(f"  {rule:24s} right {by_rule[(rule, True)]:4d}  wrong {by_rule[(rule, False)]:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
