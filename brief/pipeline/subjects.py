"""What a figure is about, and which figures from different articles report on one subject.

"About" is a few words of the figure's own clause around it ("investment in Acme"), so a
reader can tell the numbers apart: never words across a comma, a dash or a conjunction ("while
...", "though he"), and never another figure ("or $6"). Two figures are on one subject when they share the people
or organizations and the key words of their sentences; when their values differ, the sources
disagree and the briefing says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from brief.models import Disagreement, FigureRef

_WORD = re.compile(r"[A-Za-z][\w'’-]*|[$€£¥]?\d[\d.,]*%?")
_BREAK_AFTER = frozenset(
    "while which who that but because although as when where if since after before and or so than then "
    "to from by last next this earlier later during yesterday today tomorrow".split()
)
_STOP = frozenset(
    "the a an of in on at for to from by with and or but as is are was were be been being has have had "
    "its it this that these those their his her our your than then also just only into over about after "
    "before more most some such which who whom what when where while will would could should may might "
    "said says say according reportedly nearly about around almost roughly some dollars dollar year years "
    "percent billion million trillion".split()
)
_QUALIFIERS = frozenset(
    "nearly about around almost roughly some approximately over under more than less just reportedly also".split()
)
_LINKS = frozenset("in to for at on with by from".split())
_PARTICLES = frozenset("up down out off on in at of to by as and or but the a an its their".split())
_YEAR = re.compile(r"(?:19|20)\d\d")
_CLAUSE = re.compile(
    r"[,;:()\[\]—–]|\s-\s|\b(?i:while|though|although|but|whereas|because|which|who|that|when|where|if|since|or"
    r"|and|after|before|unless|until)\b"
)
"""Where a clause begins or ends: "about" never reaches across one."""
_PRONOUNS = frozenset("i you he she it we they him her us them me".split())


def about(text: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    """A few words from the figure's sentence that say what it measures."""
    s, e = sentence
    after: list[str] = []
    for m in _WORD.finditer(text, end, e):
        word, low = m.group(), m.group().casefold()
        if not after and low in ("dollars", "dollar", "euros", "pounds", "yen", "yuan"):
            continue
        if after and _YEAR.fullmatch(word.rstrip(".,")) and after[-1].casefold() in ("for", "in", "of"):
            after.append(word.rstrip(".,"))  # "for 2025" says what the figure is about
            break
        if low in _BREAK_AFTER and low not in _LINKS or word[0].isdigit() or word[0] in "$€£¥" or \
                after and (low in _BREAK_AFTER or _YEAR.fullmatch(word)):
            break
        after.append(word)
        if len(after) >= 6 or text[m.end():m.end() + 1] in tuple(",.;:!?—–()"):
            break
    after = _trim(after)
    clause = max((m.end() for m in _CLAUSE.finditer(text, s, start)), default=s)
    before = _trim([w for w in _WORD.findall(text, clause, start)[-5:] if w.casefold() not in _QUALIFIERS
                    and w.casefold() not in _PRONOUNS and not (w[0].isdigit() or w[0] in "$€£¥")])[-3:]
    while before and before[0].casefold() in _PARTICLES:  # "(ramps) up capital spending" -> "capital spending"
        before = before[1:]
    if after and (after[0].casefold() == "of" or len(after) >= 2 and after[0].casefold() not in _LINKS):
        words = after
    else:
        words = before + after
    return " ".join(words)


def _trim(words: list[str]) -> list[str]:
    """Words without trailing stop words ("projected at" -> "projected")."""
    words = [w.strip(",;:") for w in words]
    while words and words[-1].casefold() in _STOP:
        words = words[:-1]
    return words


def key_words(sentence: str) -> frozenset[str]:
    """Content words of a sentence, crudely stemmed: 'investing' ~ 'investment'."""
    return frozenset(w.casefold()[:5] for w in re.findall(r"[A-Za-z]{4,}", sentence) if w.casefold() not in _STOP)


MAX_RATIO = 1.5  # values further apart than this are different numbers, not one reported differently


@dataclass(frozen=True)
class FigureSubject:
    """A figure with what identifies its subject: the entities and key words of its sentence."""

    article: str
    kind: str
    currency: str | None
    ref: FigureRef
    entities: frozenset[str]
    words: frozenset[str]


def _same_subject(a: FigureSubject, b: FigureSubject) -> bool:
    if a.article == b.article or a.kind != b.kind or a.currency != b.currency:
        return False
    low, high = sorted((a.ref.value, b.ref.value))
    if low <= 0 or high / low > MAX_RATIO:
        return False
    shared_entities = len(a.entities & b.entities)
    shared_words = len(a.words & b.words)
    return shared_entities >= 2 and shared_words >= 1 or shared_entities >= 1 and shared_words >= 3


def disagreements(items: Sequence[FigureSubject]) -> list[Disagreement]:
    """Groups of figures from different articles on one subject whose values differ."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only figures that share an entity can be on one subject: compare within each entity's
    # figures, sorted by value, and only while the values are within the ratio that allows.
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for e in item.entities:
            by_entity[e].append(i)
    compared: set[tuple[int, int]] = set()
    for members in by_entity.values():
        members.sort(key=lambda i: items[i].ref.value)
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if items[j].ref.value > MAX_RATIO * max(items[i].ref.value, 0):
                    break
                if (i, j) not in compared:
                    compared.add((i, j))
                    if find(i) != find(j) and _same_subject(items[i], items[j]):
                        parent[find(j)] = find(i)
    groups: dict[int, list[FigureSubject]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    out = []
    for group in groups.values():
        values = {(g.ref.value, g.ref.value_max) for g in group}
        if len(group) > 1 and len(values) > 1:
            out.append(Disagreement(about=group[0].ref.about, kind=group[0].kind,  # type: ignore[arg-type]
                                    figures=[g.ref for g in group]))
    return out
