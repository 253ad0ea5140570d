"""Words per second of the extractors over every text in ../shared/data (best of 5 runs).

    python bench/bench_extract.py

Prints entities alone, figures alone, and both together (the ingest runs both on every
article), each also as a ratio to a yardstick timed in the same run on the same texts:
spaCy small's NER (``en_core_web_sm``, only its tok2vec and ner) when it is installed, else
spaCy's tokenizer alone (``spacy.blank("en")``, compiled code, a floor no tagger can beat).
The tagger's weights and the lexicons are loaded before timing: they load once per process.
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


def yardstick(texts: list[str]) -> tuple[str, float] | None:
    """(name, words/s) of spaCy small's NER, or of spaCy's tokenizer, on the same texts."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        nlp = spacy.load("en_core_web_sm", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
        name, sample, runs = "spaCy en_core_web_sm NER", texts[: max(1, len(texts) // 10)], 1
    except OSError:
        nlp = spacy.blank("en")
        name, sample, runs = "spaCy tokenizer (spacy.blank('en'))", texts, 3
    words = sum(len(t.split()) for t in sample)
    nlp(sample[0])
    return name, words / best_of(runs, lambda: list(nlp.pipe(sample, batch_size=64)))


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
    yard = yardstick(texts)
    if yard:
        print(f"{'yardstick':17s} {yard[1]:12,.0f} words/s  ({yard[0]})")
    for name, fn in (("entities", entities), ("figures", figures), ("entities+figures", both)):
        t = best_of(5, fn)
        ratio = f"  {words / t / yard[1]:.2f} x yardstick" if yard else ""
        print(f"{name:17s} {words / t:12,.0f} words/s  ({t:.3f} s){ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
