"""What the extractors return: plain, hashable spans (hot-loop data, not pydantic)."""

from __future__ import annotations

from dataclasses import dataclass

from brief.labels import PANEL_LABELS, Label


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A name in a text: ``text[start:end]``, end-exclusive, with what it is and what said so.

    ``score`` is the model's confidence in ``label`` (1.0 for a rule or a lexicon); ``source`` names
    what made the tag, for the user who asks why: "model", "rule:<name>" or "lexicon:<name>".
    """

    start: int
    end: int
    label: Label | str
    score: float = 1.0
    source: str = ""


@dataclass(frozen=True, slots=True)
class FigureSpan:
    """A number with its meaning: ``text[start:end]`` reads e.g. "nearly $40 million"."""

    start: int
    end: int
    kind: str  # "money" | "percent" | "count"
    value: float
    value_max: float | None = None
    currency: str | None = None  # ISO 4217 code for money
    unit: str | None = None  # "percent", "percentage points", "employees", ...
    approximate: bool = False


__all__ = ["PANEL_LABELS", "EntitySpan", "FigureSpan", "Label"]
