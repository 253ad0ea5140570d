"""People and organizations (placeholder: replaced by the rule-and-lexicon extractor)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from brief.pipeline.extract.spans import EntitySpan

VERSION = "0"
_CAP = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


def extract_entities(texts: Sequence[str]) -> list[list[EntitySpan]]:
    return [[EntitySpan(m.start(), m.end(), "person") for m in _CAP.finditer(t)] for t in texts]
