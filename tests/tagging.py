"""A stand-in extractor for tests of what comes after extraction: it tags exactly the names given."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

Tags = Sequence[tuple[str, str, float]]  # (pattern, label, score)


def tag_with(monkeypatch: pytest.MonkeyPatch, tags: Tags) -> None:
    """Make the index's extractor tag exactly these names (each with a label and the model's confidence),
    so a test states what the extractor found, whatever the shipped model would say."""
    from brief.pipeline.extract.spans import EntitySpan
    from brief.pipeline.index import engine

    def extract(texts: Sequence[str]) -> list[list[EntitySpan]]:
        return [sorted((EntitySpan(m.start(), m.end(), label, score, "model")
                        for pattern, label, score in tags for m in re.finditer(pattern, text)),
                       key=lambda s: s.start) for text in texts]

    monkeypatch.setattr(engine, "_builtin_entities", extract)


def spans_of(text: str, people: Sequence[str] = (), orgs: Sequence[str] = ()) -> list:
    """The spans of ``text`` that name these people and organizations (the longest where two overlap), in
    order: what the relation finders get from the extractor, stated by the test."""
    from brief.pipeline.extract.spans import EntitySpan

    spans = [EntitySpan(m.start(), m.end(), label)
             for names, label in ((people, "person"), (orgs, "organization")) for name in names
             for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    spans.sort(key=lambda s: s.start)
    return [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                        and (o.end - o.start) > (s.end - s.start) for o in spans)]
