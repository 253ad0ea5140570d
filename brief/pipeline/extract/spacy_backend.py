"""Optional extractor backed by spaCy (``pip install 'brief[spacy]'`` plus a spaCy pipeline).

Selected with ``--extractor spacy`` or ``extractor = "spacy"`` in config.toml. brief's own
extractor stays the default: spaCy's trained pipelines are not installable from PyPI by their
makers, so this backend only runs where the user has installed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from brief.pipeline.extract.spans import EntitySpan

LABELS = {"PERSON": "person", "PER": "person", "ORG": "organization"}


class SpacyUnavailable(RuntimeError):
    """spaCy or the requested pipeline is not installed."""


@lru_cache(maxsize=4)
def load(model: str) -> Any:
    try:
        import spacy
    except ImportError as err:
        raise SpacyUnavailable("spaCy is not installed: pip install 'brief[spacy]'") from err
    try:
        return spacy.load(model, exclude=["lemmatizer", "textcat"])
    except OSError as err:
        raise SpacyUnavailable(f"the spaCy pipeline {model!r} is not installed") from err


def extract_entities(texts: Sequence[str], nlp: Any) -> list[list[EntitySpan]]:
    """Person and organization spans of each text, from a loaded spaCy pipeline."""
    out = []
    for doc in nlp.pipe(texts):
        spans = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label is None:
                continue
            end = ent.end_char
            if ent.text.endswith(("'s", "’s")):
                end -= 2
            if end > ent.start_char:
                spans.append(EntitySpan(ent.start_char, end, label))
        out.append(spans)
    return out
