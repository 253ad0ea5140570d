"""Money, percentages and counts (placeholder: replaced by the full figures extractor)."""

from __future__ import annotations

import re

from brief.pipeline.extract.spans import FigureSpan

VERSION = "0"
_PCT = re.compile(r"\b(\d+(?:\.\d+)?)%")


def extract_figures(text: str) -> list[FigureSpan]:
    return [FigureSpan(m.start(), m.end(), "percent", float(m.group(1)), unit="percent") for m in _PCT.finditer(text)]
