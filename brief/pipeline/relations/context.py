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
from brief.pipeline.relations.gender import fits
from brief.pipeline.relations.lazy import lazy_regex
from brief.pipeline.text import WINDOW, sentences

PERSON = "person"
ORGANIZATION = "organization"

# A noun phrase that stands for an organization named before: "the startup", "the company".
ORG_NOUNS = (
    "startup|start-up|company|firm|group|business|lab|laboratory|maker|developer|unit|bank|platform|"
    "operator|carrier|retailer|chain|brand|insurer|lender|conglomerate|giant|outfit|automaker|"
    "carmaker|manufacturer|provider|publisher|studio|network|airline|agency|organization|organisation"
)
_CORPORATE_SUFFIX = lazy_regex(
    r"(?:,?\s+(?:inc|corp|corporation|co|company|ltd|limited|plc|llc|lp|ag|sa|s\.a|nv|n\.v|se|gmbh|g\.m\.b\.\s*h|"
    r"group|holdings?|platforms)\.?)+$")
# A person's title right before a name: a name after one is someone's ("President Doe"), never an employer,
# whatever the tagger made of it.
_PERSON_TITLE_BEFORE = lazy_regex(
    r"\b(?:President|Vice\s+President|Sen\.|Senator|Rep\.|Gov\.|Governor|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|"
    r"Prime\s+Minister|Minister|Chancellor|Judge|Justice|King|Queen|Prince|Princess|Pope|Mayor)\s+$")
_TITLE_WORD = lazy_regex(r"vice|deputy|acting|interim|lieutenant|assistant|associate|former")
ORG_REFERENCE = lazy_regex(rf"(?:the|this|that)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{ORG_NOUNS})$", re.IGNORECASE)


def positions(text: str, words: tuple[str, ...]) -> list[int]:
    """Sorted offsets of every occurrence of the lower-case ``words`` in ``text``, any case.

    Plain substring search runs in C at memory speed: the finders use it to skip the (slower)
    regexes wherever the words they need are absent.
    """
    folded = text.lower()
    out = []
    for word in words:
        k = folded.find(word)
        while k >= 0:
            out.append(k)
            k = folded.find(word, k + 1)
    out.sort()
    return out


class Doc:
    """The body, its sentences, and its person/organization mentions by position."""

    def __init__(self, text: str, entities: Sequence[EntitySpan], figures: Sequence[FigureSpan]) -> None:
        self.text = text
        self.entities = entities
        self.figures = figures
        self._paragraphs: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
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
        self._full: dict[str, str] | None = None
        self._figure_starts: list[int] | None = None
        self._figure_order: list[int] = []
        self._titled: set[str] | None = None
        self._dominant: tuple[str] | None = None
        self.memo: dict[str, object] = {}  # what a rule works out once per article (its own key)

    def surface(self, i: int) -> str:
        e = self.entities[i]
        return self.text[e.start:e.end]

    def whole_sentence(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset``, as ``text.sentences`` cuts it (one paragraph is split at a time)."""
        lo = self.text.rfind("\n", 0, offset) + 1
        if lo not in self._paragraphs:
            hi = self.text.find("\n", offset)
            hi = len(self.text) if hi < 0 else hi
            spans = [(lo + s, lo + e) for s, e in sentences(self.text[lo:hi])] or [(lo, hi)]
            self._paragraphs[lo] = ([s for s, _ in spans], spans)
        starts, spans = self._paragraphs[lo]
        k = max(0, bisect.bisect_right(starts, offset) - 1)
        return spans[k][0], max(spans[k][1], min(offset + 1, len(self.text)))

    def sentence(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset``, at most ``WINDOW`` characters either side of it (a text without
        full stops would otherwise make one "sentence" of everything, as in text.sentence_at)."""
        start, end = self.whole_sentence(offset)
        return max(start, offset - WINDOW), min(end, offset + WINDOW)

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

    def figures_within(self, lo: int, hi: int) -> list[int]:
        """Indexes of the figures lying wholly in ``text[lo:hi]``."""
        if self._figure_starts is None:
            self._figure_order = sorted(range(len(self.figures)), key=lambda k: self.figures[k].start)
            self._figure_starts = [self.figures[k].start for k in self._figure_order]
        k = bisect.bisect_left(self._figure_starts, lo)
        out = []
        while k < len(self._figure_order) and self._figure_starts[k] < hi:
            if self.figures[self._figure_order[k]].end <= hi:
                out.append(self._figure_order[k])
            k += 1
        return out

    def in_quote(self, offset: int) -> bool:
        k = bisect.bisect_right(self.quoted, (offset, len(self.text) + 1)) - 1
        return k >= 0 and self.quoted[k][0] <= offset < self.quoted[k][1]

    def last_before(self, pos: int, label: str, avoid: set[str] | None = None,
                    pronoun: str | None = None) -> int | None:
        """The last person (or organization) named before ``pos`` outside quotations (not "the Roe ad").

        ``avoid`` holds canonical names that do not fit (the other side of a deal); a ``pronoun``
        ("he", "she") skips people whose first name says otherwise, looking back a few people at most.
        """
        rows, starts = (self.persons, self._person_starts) if label == PERSON else (self.orgs, self._org_starts)
        k = bisect.bisect_left(starts, pos) - 1
        tried = 0
        while k >= 0 and tried < 8:
            s, e, i = rows[k]
            k -= 1
            if e > pos or self.in_quote(s) or (avoid and self.canon(i) in avoid):
                continue
            if label == PERSON and self.text[max(0, s - 4):s].lower() == "the ":
                continue  # "the Roe campaign": a name used as a modifier is no one "he" refers to
            if pronoun is None or fits(self.canon(i), pronoun):
                return i
            tried += 1
        return None

    def canon(self, i: int) -> str:
        """A key under which two mentions of one entity meet ("Jane Roe" and "Roe", "Acme Inc." and "Acme")."""
        name = self._canon.get(i)
        if name is None:
            name = " ".join(self.surface(i).replace("’", "'").removesuffix("'s").split()).casefold()
            if self.label[i] == ORGANIZATION:
                name = _CORPORATE_SUFFIX.sub("", name) or name
            elif " " not in name:
                name = self._full_names().get(name, name)
            self._canon[i] = name
        return name

    def _full_names(self) -> dict[str, str]:
        """A one-word name of a person -> the first full name that ends or starts with it."""
        if self._full is None:
            self._full = {}
            for s, e, _ in self.persons:
                full = " ".join(self.text[s:e].replace("’", "'").removesuffix("'s").split()).casefold()
                if " " in full:
                    words = full.split()
                    self._full.setdefault(words[-1], full)
                    self._full.setdefault(words[0], full)
        return self._full

    def titled_orgs(self) -> set[str]:
        """Canonical names of organization mentions that stand after a person's title ("former President
        Doe"), or that are a title's first word ("Vice" of "Vice President Doe"): mistyped, so never
        anyone's employer."""
        if self._titled is None:
            self._titled = {self.canon(i) for s, _, i in self.orgs
                            if _PERSON_TITLE_BEFORE.search(self.text, max(0, s - 20), s)
                            or _TITLE_WORD.fullmatch(self.canon(i))}
        return self._titled

    def dominant_name(self) -> str | None:
        """The canonical name of ``dominant_org``, worked out once per article."""
        if self._dominant is None:
            i = self.dominant_org()
            self._dominant = (self.canon(i) if i is not None else "",)
        return self._dominant[0] or None

    def dominant_org(self) -> int | None:
        """The organization an article is about: named most often, at least twice, with no tie (a name
        that stands after a person's title is no organization's)."""
        titled = self.titled_orgs()
        top = Counter(self.canon(i) for _, _, i in self.orgs if self.canon(i) not in titled).most_common(2)
        if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        name = top[0][0]
        return next(i for _, _, i in self.orgs if self.canon(i) == name)
