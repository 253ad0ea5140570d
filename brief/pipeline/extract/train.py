"""Rebuild the tagger's shipped weights from the annotated news in ../shared/data/train.

    python -m brief.pipeline.extract.train      # writes model/ner.crfsuite and model/the.json
    python -m brief.pipeline.extract.train --algorithm lbfgs --out /tmp/crf/ner.crfsuite   # the rival
    python -m brief.pipeline.extract.train --lists   # only model/known.json and model/evidence.json

Fits on the training files only (CoNLL-2003 train, OntoNotes 5.0 news train; WNUT-2017 train with
``--modern``), writes the lists of firms and products from ../shared/data/lexicons
(``model/known.json``) and what each rule and list weighs (``model/evidence.json``), then prints
document-level F1 on the development files, which are for choosing and reporting, never fitting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from brief.pipeline.extract.features import doc_cues, line_features, regions
from brief.pipeline.extract.lexicon import (
    CORP_TAILS,
    DEMONYMS,
    EXCHANGES,
    FIRMS_FILE,
    FUNCTION,
    INDEX_WORDS,
    KNOWN_FILE,
    MONTHS,
    ORG_HEADS,
    TITLES,
    WORDS_FILE,
    WORDS_MIN,
    common_words,
    firm_core,
    given_names,
    known_names,
    listed_firms,
    places,
)
from brief.pipeline.extract.tagger import MODEL_PATH, THE_TABLE, featurizer, load, tag_words, the_keys
from brief.pipeline.extract.tokens import tokenize

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
TRAIN_FILES = ("conll2003-train.jsonl", "ontonotes-train-news.jsonl")  # news: also the lists and the "the" table
MODERN_FILES = ("wnut17-train.jsonl",)  # modern names (companies apart from products): tagger training only
DEV_FILES = ("ontonotes-dev-nw.jsonl", "conll2003-dev.jsonl")
EVIDENCE_FILES = ("conll2003-train.jsonl", "ontonotes-train-news.jsonl", "wnut17-train.jsonl")
LEXICONS = "lexicons"
# The types of the lists of names as brief's: a corporation and a group are both organizations.
LIST_TYPES = {"company": "organization", "organization": "organization", "product": "product"}
WNUT_WEIGHT = 2  # WNUT-2017's strings keep their case and were typed in context: they count double
# Gold labels of both collections as brief's types; the rest (dates, figures, languages) are not names.
GOLD = {"PER": "person", "PERSON": "person", "ORG": "organization", "LOC": "place", "GPE": "place",
        "NORP": "group", "FAC": "facility", "PRODUCT": "product", "EVENT": "event", "WORK_OF_ART": "work",
        "LAW": "law", "MISC": "misc"}
PARAMS: dict[str, dict[str, Any]] = {
    "lbfgs": {"c1": 0.05, "c2": 0.01, "max_iterations": 80, "feature.minfreq": 2,
              "feature.possible_transitions": True},
    "ap": {"max_iterations": 12, "feature.minfreq": 2, "feature.possible_transitions": True},
}


def read(path: Path, limit: int | None = None) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            docs.append(json.loads(line))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def gold_type(e: dict) -> str | None:
    t = GOLD.get(e["label"])
    if t == "misc" and all(w.lower() in DEMONYMS for w in e["text"].split()):
        return "group"  # CoNLL's MISC "German" is OntoNotes' NORP
    return t


def sequences(doc: dict) -> Iterator[tuple[list[list[str]], list[str]]]:
    """The (features, BIO tags) of each region of one annotated document."""
    text = doc["text"]
    words, starts, ends = tokenize(text)
    ent = [-1] * len(words)
    typ: list[str | None] = [None] * len(words)
    spans = sorted((e["start"], e["end"], gold_type(e)) for e in doc["entities"])
    k = 0
    for n, (s, e, t) in enumerate(spans):
        if t is None:
            continue
        while k < len(words) and ends[k] <= s:
            k += 1
        j = k
        while j < len(words) and starts[j] < e:
            ent[j], typ[j] = n, t
            j += 1
    lower_vocab = {w for w in words if w.islower()}
    lines = line_features(words, lower_vocab)
    cues = doc_cues([words])
    feats = featurizer()
    for a, b in regions(words):
        tags = []
        for i in range(a, b):
            t = typ[i]
            if t is None:
                tags.append("O")
            else:
                tags.append(("B-" if i == a or ent[i - 1] != ent[i] else "I-") + t)
        yield feats.region(words, a, b, lines[a], lower_vocab, cues), tags


def the_table(docs: Iterable[dict]) -> dict[str, dict[str, list[int]]]:
    """How often OntoNotes writes an organization after "the" with the "the" inside its name.

    Counted per name, per head word ("the Federal Reserve", "the University of X") and per form
    of the name (one word, two, more, with "of"), as ``the_keys`` cuts them; CoNLL never
    includes it, so only OntoNotes documents are counted.
    """
    tables: dict[str, dict[str, list[int]]] = {"name": defaultdict(lambda: [0, 0]),
                                                "head": defaultdict(lambda: [0, 0]),
                                                "form": defaultdict(lambda: [0, 0])}
    for d in docs:
        text = d["text"]
        for e in d["entities"]:
            if GOLD.get(e["label"]) != "organization":
                continue
            name = e["text"]
            inside = name[:4].lower() == "the "
            if not inside and text[max(0, e["start"] - 4) : e["start"]].lower() != "the ":
                continue
            for table, k in zip(tables, the_keys(name[4:] if inside else name), strict=True):
                tables[table][k][0] += inside
                tables[table][k][1] += 1
    least = {"name": 2, "head": 3, "form": 1}
    return {t: {k: v for k, v in rows.items() if v[1] >= least[t]} for t, rows in tables.items()}


def firms_lexicon(lower: set[str]) -> dict[str, list[str]]:
    """The listed firms of ``pytickersymbols`` as the features read them (``lexicon.listed_firms``).

    ``names``: each firm's name as news writes it ("Ford Motor", "Volkswagen"), in lower-case
    tokens. ``heads``: the first words of the longer names that stand for the firm alone, which
    are those that are no common word (not in ``lower``, the words the training text writes in
    lower case), no place, no first name and no word of the project's lists ("Volkswagen", not
    "General").
    """
    from pytickersymbols.indices_data import INDICES

    common = lower | FUNCTION | DEMONYMS | TITLES | ORG_HEADS | CORP_TAILS | places()[0] | given_names()
    names: set[str] = set()
    heads: set[str] = set()
    for index in INDICES.values():
        for firm in index["companies"]:
            full = re.split(r"[,(]", firm["name"])[0]
            core = firm_core(tokenize(full)[0])
            if not core:
                continue
            names.add(" ".join(core))
            if len(core) > 1 and len(core[0]) > 2 and core[0].isalpha() and core[0] not in common:
                heads.add(core[0])
    return {"names": sorted(names), "heads": sorted(heads - names)}


def write_lexicons(docs: list[dict]) -> None:
    """Write the lists the features read beside the weights (``lexicon.listed_firms``, ``common_words``):
    the listed firms, and the words the training text writes in lower case often enough to be common."""
    counts: Counter[str] = Counter(w for d in docs for w in tokenize(d["text"])[0] if w.islower())
    common = sorted(w for w, n in counts.items() if n >= WORDS_MIN and w.isalpha())
    Path(FIRMS_FILE).write_text(json.dumps(firms_lexicon(set(counts)), indent=0) + "\n", encoding="utf-8")
    Path(WORDS_FILE).write_text("\n".join(common) + "\n", encoding="utf-8")
    listed_firms.cache_clear()
    common_words.cache_clear()
    featurizer.cache_clear()


def known_lists(data: Path) -> dict[str, list[str]]:
    """Names of firms and products from ``lexicons/`` (``lexicon.known_names``), lower case.

    - ``companies_us_listings.jsonl`` (US-listed issuers; PDDL): each name as news writes it
      ("Alibaba" for "Alibaba Group Holding Limited") is a firm.
    - ``entities_from_ner_sets.jsonl`` (WNUT-2017 and MultiCoNER II strings; CC BY 4.0): a name
      takes the type most of its annotations give it (companies and groups are organizations,
      WNUT's count double), when that type has two thirds of them.
    A name is left out where it could as well be something else: a common word of the training
    text, a place, a first name, a word of the project's lists, a single letter or figure.
    """
    lower = common_words()
    common = (lower | MONTHS | EXCHANGES | INDEX_WORDS | FUNCTION | DEMONYMS | TITLES | ORG_HEADS | CORP_TAILS
              | places()[0] | given_names())
    votes: dict[str, Counter[str]] = defaultdict(Counter)

    def usable(name: str) -> str | None:
        words = firm_core(tokenize(name)[0])
        if not words or len(" ".join(words)) < 3 or all(w in common or not w.isalpha() for w in words):
            return None
        return " ".join(words)

    for row in read(data / LEXICONS / "companies_us_listings.jsonl"):
        for name in [re.split(r"[,(]", row["name"])[0], *row.get("aliases", [])]:
            k = usable(name)
            if k:
                votes[k]["organization"] += 1
    listed = set(votes)
    for row in read(data / LEXICONS / "entities_from_ner_sets.jsonl"):
        label = LIST_TYPES.get(row["type"], row["type"])
        cased = row.get("source") == "wnut17"
        n = row.get("count", 1) * (WNUT_WEIGHT if cased else 1)
        for name in [row["name"], *row.get("aliases", [])]:
            k = usable(name.replace("&amp;", "&"))
            if k and label == "product" and (k in listed or len(k) <= 4 and name.isupper()
                                             or not cased and (n < 2 or " " not in k)):
                continue  # a listed firm's name; an acronym; a lower-case word that may be a common noun
            if k:
                votes[k][label] += n
    out: dict[str, list[str]] = {"organization": [], "product": []}
    for k, v in votes.items():
        label, n = v.most_common(1)[0]
        if label in out and n * 3 >= 2 * sum(v.values()):
            out[label].append(k)
    result = {"sources": ["companies_us_listings.jsonl (PDDL)",
                          "entities_from_ner_sets.jsonl: WNUT-2017, MultiCoNER II (CC BY 4.0)"]}
    result.update((k, sorted(v)) for k, v in out.items())
    return result


def measure_evidence(docs: Iterable[dict]) -> dict[str, dict[str, float | int]]:
    """How often each rule and list types a name as the annotators did, on the training files:
    the precision of each source (``evidence.reliability``). A mention no annotation overlaps
    counts as wrong (it named nothing); the model's own tags are not measured here."""
    from brief.pipeline.extract.entities import extract_entities

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in docs:
        text = d["text"]
        gold = [(e["start"], e["end"], gold_type(e)) for e in d["entities"]]
        for s in extract_entities(["", text])[1]:
            if s.source == "model":
                continue
            over = [t for a, b, t in gold if a < s.end and s.start < b]
            counts[s.source][0] += any(t == s.label for t in over)
            counts[s.source][1] += 1
    return {k: {"precision": round((right + 1) / (n + 2), 3), "n": n} for k, (right, n) in sorted(counts.items())}


def write_known(data: Path) -> None:
    """Write ``model/known.json``, the lists of names (a feature of the tagger and a rule's evidence)."""
    Path(KNOWN_FILE).write_text(json.dumps(known_lists(data), indent=0) + "\n", encoding="utf-8")
    known_names.cache_clear()
    featurizer.cache_clear()


def write_evidence(data: Path) -> None:
    """Measure every rule and list on the training files into ``model/evidence.json`` (what each
    kind of evidence weighs, ``evidence.weight``)."""
    from brief.pipeline.extract.evidence import EVIDENCE_FILE, reliability

    docs = [d for name in EVIDENCE_FILES for d in read(data / "train" / name)]
    sources = measure_evidence(docs)
    EVIDENCE_FILE.write_text(json.dumps({"measured_on": list(EVIDENCE_FILES), "sources": sources}, indent=1) + "\n",
                             encoding="utf-8")
    reliability.cache_clear()
    for k, v in sources.items():
        print(f"evidence {k}: precision {v['precision']:.3f} over {v['n']}")


def train(docs: Iterable[dict], out: Path, algorithm: str = "ap", params: dict | None = None) -> int:
    """Fit a CRF on ``docs`` and write its weights to ``out``; returns the number of regions."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    trainer.set_params({**PARAMS.get(algorithm, {}), **(params or {})})
    n = 0
    for d in docs:
        for x, y in sequences(d):
            trainer.append(x, y)
            n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    load.cache_clear()
    return n


def norm(s: str) -> str:
    """As the shared scorer compares names: NFKC, case-folded, outer punctuation and "'s" dropped."""
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"\s+", " ", s).strip().strip("\"'“”,;:()[]{}").strip()
    s = re.sub(r"'s$|'$", "", s)
    if not re.search(r"\b(?:[A-Za-z]\.){2,}$|\b(?:Inc|Corp|Co|Ltd|Jr|Sr)\.$", s):
        s = s.rstrip(".")
    return s.casefold()


def doc_f1(docs: list[dict], predict) -> dict[str, float]:
    """Document-level F1 per type: distinct normalised names per document, micro-averaged."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for d in docs:
        gold: dict[str, set[str]] = defaultdict(set)
        for e in d["entities"]:
            t = GOLD.get(e["label"])
            if t in ("person", "organization"):
                gold[t].add(norm(e["text"]))
        pred = predict(d["text"])
        for t in ("person", "organization"):
            g, p = gold[t], pred.get(t, set())
            counts[t][0] += len(g & p)
            counts[t][1] += len(p - g)
            counts[t][2] += len(g - p)
    out = {}
    for t, (tp, fp, fn) in counts.items():
        out[t] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def model_names(model) -> object:
    """The raw model's names of a text, per type (no rules): what the dev scores of a model compare."""
    def predict(text: str) -> dict[str, set[str]]:
        words, starts, ends = tokenize(text)
        sets: dict[str, set[str]] = defaultdict(set)
        for a, b, t, _ in tag_words(words, {w for w in words if w.islower()}, model):
            sets[t].add(norm(text[starts[a]:ends[b - 1]]))
        return sets
    return predict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder with train/ and the dev files")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--algorithm", default="ap", choices=sorted(PARAMS),
                    help="ap: averaged perceptron (shipped; best on dev); lbfgs: CRF by maximum likelihood")
    ap.add_argument("--limit", type=int, default=None, help="documents per training file (for a quick try)")
    ap.add_argument("--lists", action="store_true", help="only rebuild the lists of names and the evidence weights")
    ap.add_argument("--modern", action="store_true",
                    help="also train on WNUT-2017's modern names (the rival: worse on the OntoNotes dev set)")
    args = ap.parse_args(argv)
    if args.lists:
        write_known(args.data)
        write_evidence(args.data)
        return 0
    t0 = time.perf_counter()
    docs = [d for name in TRAIN_FILES for d in read(args.data / "train" / name, args.limit)]
    modern = [] if not args.modern else [d for name in MODERN_FILES for d in read(args.data / "train" / name,
                                                                                   args.limit)]
    onto = [d for d in docs if not d["id"].startswith("conll")]
    the_path = args.out.with_name(THE_TABLE)
    the_path.parent.mkdir(parents=True, exist_ok=True)
    the_path.write_text(json.dumps(the_table(onto), sort_keys=True, separators=(",", ":")), encoding="utf-8")
    if args.out == MODEL_PATH:  # both lists are features: the shipped model is trained with the new ones
        write_lexicons(docs)
        write_known(args.data)
    n = train(docs + modern, args.out, args.algorithm)
    print(f"trained {args.algorithm} on {len(docs) + len(modern)} documents, {n} regions in "
          f"{time.perf_counter() - t0:.0f} s: "
          f"{args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    model = load(str(args.out))
    for name in DEV_FILES:
        path = args.data / name
        if path.exists():
            f1 = doc_f1(read(path), model_names(model))
            print(f"dev {name}: " + " ".join(f"{t} {v:.3f}" for t, v in sorted(f1.items())))
    if args.out == MODEL_PATH:
        write_evidence(args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
