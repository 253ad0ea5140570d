"""What the extractors return: plain, hashable spans (hot-loop data, not pydantic)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A person or organization named in a text: ``text[start:end]``, end-exclusive."""

    start: int
    end: int
    label: str  # "person" | "organization"


@dataclass(frozen=True, slots=True)
class FigureSpan:
    """A number with its meaning: ``text[start:end]`` reads e.g. "nearly $15 billion"."""

    start: int
    end: int
    kind: str  # "money" | "percent" | "count"
    value: float
    value_max: float | None = None
    currency: str | None = None  # ISO 4217 code for money
    unit: str | None = None  # "percent", "percentage points", "employees", ...
    approximate: bool = False
