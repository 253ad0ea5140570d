"""What brief is unsure of: the entities a person should look at first when cleaning a new corpus.

Two named rules say why an entity is listed (``RULES``): its mentions disagree on its type, or the
evidence for its type is weak (the model alone, with low confidence). The review screen lists them
most mentioned first, each with the reader's fix dialog; an entity the user declared or already
fixed by name is not listed again.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import NamedTuple

from brief.config import Fix
from brief.pipeline.extract.evidence import strong
from brief.pipeline.index.fixes import bare

OTHER_LABEL_MENTIONS = 2
"""Mentions of another type that make an entity's type disputed (one stray tag is noise)..."""
OTHER_LABEL_SHARE = 0.1
"""...or this share of its mentions, whichever is met first."""
WEAK_CONFIDENCE = 0.6
"""Below this mean confidence of the model, with no rule or lexicon behind it, the type is a guess."""


class Unsure(NamedTuple):
    """An entity to review: how its mentions were typed, and which rules list it."""

    slug: str
    name: str
    type: str
    mentions: int
    articles: int
    labels: list[tuple[str, int]]  # mentions per label the extractor gave, most first
    confidence: float  # the model's mean confidence in the entity's type (1.0 when a rule or lexicon typed it)
    reasons: list[str]  # the names of the rules that list it

    def summary(self) -> str:
        """"Velmora: person 28 · organization 2, 19 articles"."""
        labels = " · ".join(f"{label} {n}" for label, n in self.labels)
        return f"{self.name}: {labels}, {self.articles} article{'s' * (self.articles != 1)}"


class _Seen(NamedTuple):
    type: str
    labels: Counter[str]
    model: list[float]  # the model's scores of the mentions typed as the entity is
    strong: bool  # a rule, lexicon or declaration typed one of them as the entity is


def _disputed(e: _Seen) -> bool:
    total = sum(e.labels.values())
    other = total - e.labels[e.type]
    return other >= OTHER_LABEL_MENTIONS or (other > 0 and other >= OTHER_LABEL_SHARE * total)


def _weak(e: _Seen) -> bool:
    return not e.strong and bool(e.model) and sum(e.model) / len(e.model) < WEAK_CONFIDENCE


RULES: tuple[tuple[str, Callable[[_Seen], bool]], ...] = (
    ("types disagree", _disputed),
    ("weak evidence", _weak),
)
"""(name, test): an entity is listed when any test holds; the screen shows the names."""


def unsure(db: sqlite3.Connection, fixes: Sequence[Fix] = (), limit: int = 500) -> list[Unsure]:
    """The entities the rules list, most mentioned first, less those declared or fixed by name."""
    fixed = {bare(f.name) for f in fixes} | {bare(f.value) for f in fixes if f.action == "merge"}
    entities = {row[0]: row[1:] for row in db.execute(
        "SELECT id, slug, name, type, mention_count, article_count FROM entities WHERE declared = ''")}
    seen: dict[int, _Seen] = {}
    grouped: defaultdict[int, list[tuple[str, str, int, float]]] = defaultdict(list)
    for entity, label, source, n, total in db.execute(
            "SELECT entity_id, label, source, count(*), sum(score) FROM mentions WHERE field != 'author'"
            " GROUP BY entity_id, label, source"):
        grouped[entity].append((label, source, n, total))
    for entity, rows in grouped.items():
        if entity not in entities:
            continue
        kind = entities[entity][2]
        labels: Counter[str] = Counter()
        model: list[float] = []
        firm = False
        for label, source, n, total in rows:
            labels[label] += n
            if label == kind:
                if source in ("model", ""):
                    model += [total / n] * n
                elif strong(source) or source == "declared":
                    firm = True
        seen[entity] = _Seen(kind, labels, model, firm)
    out = []
    for entity, e in seen.items():
        reasons = [name for name, test in RULES if test(e)]
        slug, name, kind, mentions, articles = entities[entity]
        if not reasons or bare(name) in fixed:
            continue
        confidence = sum(e.model) / len(e.model) if e.model and not e.strong else 1.0
        out.append(Unsure(slug, name, kind, mentions, articles, e.labels.most_common(), round(confidence, 2),
                          reasons))
    out.sort(key=lambda u: (-u.mentions, u.name.casefold()))
    return out[:limit]
