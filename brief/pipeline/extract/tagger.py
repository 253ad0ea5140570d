"""The statistical name tagger: a linear-chain model over the regions of ``features``, trained
as an averaged perceptron and run by CRFsuite (Viterbi decoding, per-token marginals).

Tags are BIO over brief's types plus ``misc`` (CoNLL's catch-all: learned, never shown).

The weights ship in the package (``model/ner.crfsuite``, rebuilt by ``python -m
brief.pipeline.extract.train``) and are opened once per process, on the first text that has to
be tagged: importing this module loads nothing, so an up-to-date index never pays for it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from brief.pipeline.extract.features import Featurizer, doc_cues, line_features, regions

MODEL_PATH = Path(__file__).with_name("model") / "ner.crfsuite"
THE_TABLE = "the.json"  # beside the weights: when an organization's "the" is part of its name



@lru_cache(maxsize=4)
def load(path: str = str(MODEL_PATH)) -> Any:
    """Open the CRF weights (memory-mapped by CRFsuite): once per process and path."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def the_keys(name: str) -> tuple[str, str, str]:
    """What the "the" table is looked up by: the name, its head word, and its form."""
    words = name.casefold().split()
    if not words:
        return "", "", ""
    of = words.index("of") if "of" in words[1:] else 0
    head = words[of - 1] if of else words[-1]  # "the University of X" -> "university"
    form = "of" if of else str(min(len(words), 3))
    return " ".join(words), head, form


@lru_cache(maxsize=4)
def the_odds(path: str = str(MODEL_PATH.with_name(THE_TABLE))) -> dict[str, dict[str, list[int]]]:
    """The learned "the" table: per name, head word and form, [times "the" was inside, times seen]."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def keeps_the(name: str) -> float:
    """How likely news style writes "the" as part of this organization's name ("the Federal Reserve")."""
    table = the_odds()
    for kind, k in zip(("name", "head", "form"), the_keys(name), strict=True):
        hit = table.get(kind, {}).get(k)
        if hit is not None:
            return (hit[0] + 0.5) / (hit[1] + 1)
    return 0.5


@lru_cache(maxsize=1)
def featurizer() -> Featurizer:
    return Featurizer()


def spans_from_tags(tags: list[str], probs: list[float], a: int) -> list[tuple[int, int, str, float]]:
    """BIO tags of one region (first token ``a``) as (first, end, type, confidence) token spans."""
    out = []
    k = 0
    n = len(tags)
    while k < n:
        t = tags[k]
        if t == "O":
            k += 1
            continue
        typ = t[2:]
        j = k + 1
        while j < n and tags[j] == "I-" + typ:
            j += 1
        out.append((a + k, a + j, typ, min(probs[k:j])))
        k = j
    return out


def tag_regions(words: list[str], spans: list[tuple[int, int]], lines: list[tuple[str, ...]], lower_vocab: set[str],
                model: Any = None, cues: dict[str, list[str]] | None = None) -> list[tuple[int, int, str, float]]:
    """Names in the given regions of a token list: (first token, end token, type, confidence)."""
    tagger = model if model is not None else load()
    region = featurizer().region
    out: list[tuple[int, int, str, float]] = []
    for a, b in spans:
        tagger.set(region(words, a, b, lines[a], lower_vocab, cues))
        tags = tagger.tag()
        if all(t == "O" for t in tags):
            continue
        probs = [tagger.marginal(t, i) for i, t in enumerate(tags)]
        out.extend(spans_from_tags(tags, probs, a))
    return out


def tag_words(words: list[str], lower_vocab: set[str], model: Any = None) -> list[tuple[int, int, str, float]]:
    """Names in a token list (every region of it)."""
    return tag_regions(words, list(regions(words)), line_features(words, lower_vocab), lower_vocab, model,
                       doc_cues([words]))
