"""One body with its mentions indexed by position: what every relation rule asks of the text.

Built once per article; every lookup is a dictionary hit or a binary search, so the rules stay
linear in the text and never rescan it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from brief.pipeline.extract.spans import EntitySpan, FigureSpan
from brief.pipeline.text import sentences

PERSON = "person"
ORGANIZATION = "organization"

# A noun phrase that stands for an organization named before: "the startup", "the company".
ORG_NOUNS = (
    "startup|start-up|company|firm|group|business|lab|laboratory|maker|developer|unit|bank|platform|"
    "operator|carrier|retailer|chain|brand|insurer|lender|conglomerate|giant|outfit|venture|automaker|"
    "carmaker|manufacturer|provider|publisher|studio|network|airline|agency|organization|organisation"
)
_CORPORATE_SUFFIX = re.compile(
    r"(?:,?\s+(?:inc|corp|corporation|co|company|ltd|limited|plc|llc|lp|ag|sa|s\.a|nv|n\.v|se|gmbh|g\.m\.b\.\s*h|"
    r"group|holdings?|platforms)\.?)+$")
ORG_REFERENCE = re.compile(rf"(?:the|this|that)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{ORG_NOUNS})$", re.IGNORECASE)


class Doc:
    """The body, its sentences, and its person/organization mentions by position."""

    def __init__(self, text: str, entities: Sequence[EntitySpan], figures: Sequence[FigureSpan]) -> None:
        self.text = text
        self.entities = entities
        self.figures = figures
        self.sentences = sentences(text)
        self._sentence_starts = [s for s, _ in self.sentences]
        self.label = [str(e.label) for e in entities]
        self.by_start: dict[int, int] = {}
        self.by_end: dict[int, int] = {}
        spans = sorted((e.start, e.end, i) for i, e in enumerate(entities)
                       if self.label[i] in (PERSON, ORGANIZATION) and 0 <= e.start < e.end <= len(text))
        self.spans = spans
        self._starts = [s for s, _, _ in spans]
        for s, e, i in spans:
            self.by_start.setdefault(s, i)
            self.by_end[e] = i
        self.persons = [(s, e, i) for s, e, i in spans if self.label[i] == PERSON]
        self.orgs = [(s, e, i) for s, e, i in spans if self.label[i] == ORGANIZATION]
        self._person_starts = [s for s, _, _ in self.persons]
        self._org_starts = [s for s, _, _ in self.orgs]
        self.quoted: list[tuple[int, int]] = []  # quotation spans, set by the quote finder
        self._canon: dict[int, str] = {}
        self._org_counts = Counter(self.canon(i) for _, _, i in self.orgs)

    def surface(self, i: int) -> str:
        e = self.entities[i]
        return self.text[e.start:e.end]

    def sentence(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` (the whole text when there is none)."""
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and offset < self.sentences[k][1]:
            return self.sentences[k]
        return (0, len(self.text)) if k < 0 else (self.sentences[k][0], len(self.text))

    def within(self, lo: int, hi: int, label: str | None = None) -> list[int]:
        """Mentions lying wholly in ``text[lo:hi]``, in reading order."""
        k = bisect.bisect_left(self._starts, lo)
        out = []
        while k < len(self.spans) and self.spans[k][0] < hi:
            s, e, i = self.spans[k]
            if e <= hi and (label is None or self.label[i] == label):
                out.append(i)
            k += 1
        return out

    def in_quote(self, offset: int) -> bool:
        k = bisect.bisect_right(self.quoted, (offset, len(self.text) + 1)) - 1
        return k >= 0 and self.quoted[k][0] <= offset < self.quoted[k][1]

    def last_before(self, pos: int, label: str, avoid: set[str] | None = None) -> int | None:
        """The last person (or organization) named before ``pos`` outside quotations.

        ``avoid`` holds canonical names that do not fit (the other side of a deal).
        """
        rows, starts = (self.persons, self._person_starts) if label == PERSON else (self.orgs, self._org_starts)
        k = bisect.bisect_left(starts, pos) - 1
        while k >= 0:
            s, e, i = rows[k]
            if e <= pos and not self.in_quote(s) and not (avoid and self.canon(i) in avoid):
                return i
            k -= 1
        return None

    def reference(self, phrase_start: int, phrase: str, avoid: set[str] | None = None) -> int | None:
        """The organization a phrase like "the startup" or "it" stands for, else None."""
        if ORG_REFERENCE.fullmatch(phrase.strip()) or phrase.strip().casefold() in ("it", "its"):
            return self.last_before(phrase_start, ORGANIZATION, avoid)
        return None

    def canon(self, i: int) -> str:
        """A key under which two mentions of one entity meet ("Jane Roe" and "Roe")."""
        if i in self._canon:
            return self._canon[i]
        name = " ".join(self.surface(i).replace("’", "'").removesuffix("'s").split()).casefold()
        if self.label[i] == ORGANIZATION:
            name = _CORPORATE_SUFFIX.sub("", name) or name
        if self.label[i] == PERSON and " " not in name:
            for s, e, _ in self.persons:
                full = " ".join(self.text[s:e].split()).casefold()
                if full.endswith(" " + name) or full.startswith(name + " "):
                    name = full
                    break
        self._canon[i] = name
        return name

    def dominant_org(self) -> int | None:
        """The organization an article is about: named most often, at least twice, with no tie."""
        top = self._org_counts.most_common(2)
        if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        name = top[0][0]
        return next(i for _, _, i in self.orgs if self.canon(i) == name)
