"""Headlines, section headings, datelines and bylines: their capitals say nothing, so they
only get the names the article's prose confirmed, plus the author of a byline and the teams
of a sports results table.
"""

from __future__ import annotations

import re

from brief.pipeline.extract.lexicon import places
from brief.pipeline.extract.lexicon_en import MONTHS
from brief.pipeline.extract.ner_context import key
from brief.pipeline.extract.ner_rules import ORG, PERSON, STRONG, WEAK

_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
BYLINE = frozenset(("by", "written", "reported", "words", "story", "text", "reporting"))


class HeadlineMixin:
    fields: list
    mentions: list[list]
    known: dict[str, str]
    sports: bool

    def headlines(self) -> None:
        known = self.known
        for fi, f in enumerate(self.fields):
            words = f.words
            for a0, b0, headline in f.lines:
                if not headline:
                    continue
                if words[a0].lower() in BYLINE:
                    self._byline(fi, a0, b0)
                if self.sports:
                    self._table_row(fi, a0, b0)
                k = a0
                while k < b0:
                    if not words[k][0].isalpha() or words[k][0].islower():
                        k += 1
                        continue
                    hit = 0
                    for L in (4, 3, 2, 1):
                        if k + L > b0:
                            continue
                        seg = words[k : k + L]
                        if not seg[-1][0].isalnum():
                            continue
                        label = known.get(key(f.text[f.starts[k] : f.ends[k + L - 1]]))
                        if label is not None:
                            self.mentions.append([fi, k, k + L, label, WEAK, False])
                            hit = L
                            break
                    k += hit or 1

    def _table_row(self, fi: int, a0: int, b0: int) -> None:
        """Capitalised names followed by numbers in a sports table are teams: "DETROIT 4"."""
        words = self.fields[fi].words
        countries = places()[1]
        k = a0
        while k < b0:
            if not words[k][0].isupper():
                k += 1
                continue
            e = k
            while e < b0 and words[e][0].isupper():
                e += 1
            if e < b0 and words[e][0].isdigit() and not _YEAR.match(words[e]):
                name = key(" ".join(words[k:e]))
                if name not in countries and name not in MONTHS and self.known.get(name) != PERSON and e - k <= 4:
                    self.mentions.append([fi, k, e, ORG, WEAK, False])
            k = e

    def _byline(self, fi: int, a0: int, b0: int) -> None:
        words = self.fields[fi].words
        k = a0
        while k < b0 and words[k].lower() in BYLINE:
            k += 1
        e = k
        while e < b0 and words[e][0].isupper():
            e += 1
        if 2 <= e - k <= 4:
            self.mentions.append([fi, k, e, PERSON, STRONG, False])
