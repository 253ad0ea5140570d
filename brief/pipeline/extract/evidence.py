"""How much each kind of evidence weighs when one type is chosen for a name: in the article
(``entities``) and across the corpus (the index writer's votes).

The model's tag weighs its confidence (at most 1). A rule or a list of names weighs by how often
it is right: its precision, measured on the training files by ``python -m
brief.pipeline.extract.train`` and shipped in ``model/evidence.json``. A kind right at least
``STRONG_MIN`` of the time is strong evidence of what the text says and weighs ``STRONG`` times
its precision, so one "Velmora Inc." or "Velmora's chief executive" outweighs many unsure tags of
the model ("a person, 0.6" twenty times over); a weaker kind, or one too rare to measure, weighs
``WEAK``, as a sure tag of the model does.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

EVIDENCE_FILE = Path(__file__).with_name("model") / "evidence.json"
STRONG = 20.0  # chosen on aeb-dev: a strong kind outweighs the model's tags in about twenty mentions
STRONG_MIN = 0.85
WEAK = 1.0


@lru_cache(maxsize=1)
def reliability() -> dict[str, float]:
    """Per source (a rule's or a list's, as ``Rule.source`` names it), how often its type is right."""
    try:
        data = json.loads(EVIDENCE_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: float(v["precision"]) for k, v in data.get("sources", {}).items()}


def weight(source: str, score: float) -> float:
    """What one mention typed by ``source`` with confidence ``score`` weighs for its type."""
    if source == "model" or not source:
        return score
    p = reliability().get(source, 0.0)
    return STRONG * p if p >= STRONG_MIN else WEAK


def strong(source: str) -> bool:
    """Is this source strong evidence (it outweighs the model's tags)?"""
    return weight(source, 1.0) > WEAK


def apart(name: str, one: str, other: str) -> bool:
    """Do two entities of one name and two types name two things, whatever the evidence weighs?
    A place the gazetteer knows is not the person or the firm of the same name ("Mr. Jordan", the
    country Jordan), while a person's tag beside "Velmora Inc." was the model's mistake."""
    from brief.pipeline.extract.lexicon import places

    return "place" in (one, other) and name.casefold() in places()[0]
