"""The user's corrections applied to extracted spans: declared entities and ignored names.

Declared names are found wherever the text spells them (whole words, case as written or in
capitals) and win over overlapping extractor spans; ignored names are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from brief.config import UserEntity
from brief.pipeline.extract import EntitySpan
from brief.pipeline.text import fold


class Corrections:
    def __init__(self, entities: Sequence[UserEntity], ignore: Sequence[str]) -> None:
        self.ignore = {fold(n) for n in ignore}
        self.canonical: dict[str, tuple[str, str]] = {}  # folded name -> (declared name, type)
        for e in entities:
            for n in e.names:
                self.canonical[fold(n)] = (e.name, e.type)
        names = sorted({n for e in entities for n in e.names}, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
            if names else None
        )

    def __bool__(self) -> bool:
        return bool(self.canonical or self.ignore)

    def apply(self, texts: Sequence[str], spans: Sequence[Sequence[EntitySpan]]) -> list[list[EntitySpan]]:
        out = []
        for text, found in zip(texts, spans, strict=True):
            declared = []
            if self._pattern is not None:
                for m in self._pattern.finditer(text):
                    if m.group()[:1].isupper():  # "Acme", "ACME", not the word "acme"
                        kind = self.canonical[fold(m.group())][1]
                        declared.append(EntitySpan(m.start(), m.end(), kind, 1.0, "declared"))
            kept = [
                s for s in found
                if fold(re.sub(r"['’]s$", "", text[s.start:s.end])) not in self.ignore
                and not any(d.start < s.end and s.start < d.end for d in declared)
            ]
            out.append(sorted(kept + declared, key=lambda s: s.start))
        return out

    def declared_name(self, text: str) -> str | None:
        hit = self.canonical.get(fold(re.sub(r"['’]s$", "", text)))
        return hit[0] if hit else None
