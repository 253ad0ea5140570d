"""What a figure is about, what it measures, and which figures from different articles report one fact.

"About" is a few words of the figure's own clause around it ("investment in Acme"), so a
reader can tell the numbers apart: never words across a comma, a dash or a conjunction ("while
...", "though he"), and never another figure ("or $6").

Two figures report one fact when they are of one kind, unit and currency, measure the same thing
(``MEASURES``: a deal's value, a per-share price, a valuation, a round's size; a conversion into
another currency is never compared) and name the same parties in their own clause. The sources
disagree only when no one value fits every report, once rounding and qualifiers ("nearly", "more
than", ranges) are allowed for (``bounds``), and never within one article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

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
NEIGHBOURS = 50
"""Figures of one party, next in value, that a figure is compared with at most (``profile.across`` caps its
candidates the same way): a story syndicated by thousands of outlets stays linear in its figures."""

_Q = (r"(?:(?:about|around|roughly|approximately|some|nearly|almost|over|more\s+than|less\s+than|up\s+to|close\s+to"
      r"|an\s+estimated|estimated|just|at\s+least|US|~)\s*)*")
_GAP = r"[^,;:()\[\]$€£¥\d]{0,40}?"  # words between a cue and the figure: no other figure, no clause break
_AMOUNT_END = (r"(?:\d|\b(?:billion|million|trillion|thousand|bn|mn|mln|euros?|pounds?|sterling|yen|yuan|renminbi"
               r"|francs?|kron[oe]r|crowns?|won|rupees?|reais|rubles?|roubles?|pesos?|lira|rand|dollars?)|(?-i:\b[A-Z]{3}))")


@dataclass(frozen=True)
class Measure:
    """A named rule: what a figure measures, told by the words just before (``before`` matches the end of the
    sentence up to the figure) or just after it (``after`` matches the start of the rest)."""

    name: str
    family: str  # measures one fact is reported as: a deal's value and an investment are one, a round is not
    kinds: frozenset[str]
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None


def _rule(name: str, family: str, before: str | None = None, after: str | None = None,
          kinds: str = "money") -> Measure:
    return Measure(name, family, frozenset(kinds.split()), re.compile(f"(?:{before}){_Q}$", re.I) if before else None,
                   re.compile(after, re.I) if after else None)


_DEAL_NOUNS = r"deal|transaction|offer|bid|acquisition|takeover|buyout|purchase|merger|sale|agreement|tender"
MEASURES: tuple[Measure, ...] = (
    # "€2 billion ($2.2 billion)", "2 billion euros, or about $2.2 billion": the same amount in another currency
    _rule("conversion", "", before=_AMOUNT_END + r"\s*(?:\(|\[|,?\s+or\s+|\s+/\s+|,?\s+(?:equivalent|equal)\s+to\s+)"),
    # "$45 a share", "shares closed at $45", "a share price of $45"
    _rule("per share", "per share", before=r"\b(?:share|stock)\s+price\s+(?:of\s+)?|\bshares?\b" + _GAP +
          r"\b(?:at|to|from)\s+", after=r"\s*(?:a|per|each|for\s+each|/)\s*(?:share|unit|ADS|ADR)\b|\s*apiece\b"),
    # "a deal valued at $1.2 billion": the deal's value, not a company's
    _rule("deal value", "deal", before=rf"\b(?:{_DEAL_NOUNS})s?,?\s+(?:(?:is|was|would\s+be|will\s+be|could\s+be)\s+)?"
          r"(?:valued\s+at|worth|totall?ing|of|at)\s+"),
    # "valuing Quorvex at $10 billion", "a $10 billion valuation", "a market value of $10 billion"
    _rule("valuation", "valuation",
          before=r"\b(?:valuation|market\s+(?:value|capitali[sz]ation|cap))\s+(?:of\s+|at\s+)?"
          r"|\bvalu(?:ing|ed|es|e)\s+(?:[\w'’.&-]+\s+){0,4}?at\s+|\b(?:is|was|are|were|be|been|now)\s+(?:now\s+)?"
          r"worth\s+", after=r"\s*(?:[\w-]+\s+){0,2}?valuation\b"),
    # "Velmora invested $40 million in", "is investing nearly $9 billion", "injected $6 billion": money put in
    _rule("investment", "deal", before=r"\b(?:invest(?:s|ed|ing)?|inject(?:s|ed|ing)?|put(?:s|ting)?|pour(?:s|ed|ing)?"
          r"|commit(?:s|ted|ting)?|contribut(?:e|es|ed|ing)|pump(?:s|ed|ing)?|plough(?:s|ed|ing)?|plow(?:s|ed|ing)?"
          r"|sank|sink(?:s|ing)?|stake|investment\s+of)\b" + _GAP),
    # "agreed to buy Quorvex for $1.2 billion", "paid $1.2 billion": what a buyer pays
    _rule("price paid", "deal", before=r"\b(?:buy|buys|bought|buying|acquir(?:e|es|ed|ing)|purchas(?:e|es|ed|ing)|sell"
          r"|sells|sold|selling|take\s+over|takes\s+over|took\s+over|taking\s+over|pay|pays|paid|paying|merg(?:e|es|ed|ing)"
          rf"|{_DEAL_NOUNS})\b" + _GAP),
    # "Quorvex raised $100 million", "a $100 million Series B round": the round's size, not one investor's part
    _rule("round size", "round", before=r"\b(?:rais(?:ed|es|ing|e)|closed|secured|landed)\s+(?:(?:a|an|its|the"
          r"|new|fresh"
          r"|another)\s+)?|\bround\s+(?:of|worth|totall?ing)\s+",
          after=r"\s*(?:[\w-]+\s+){0,3}?(?:round|raise|fund-?raise|fund-?raising)\b"),
    # "a $12.7 billion investment", "a $1.2 billion acquisition"
    _rule("investment", "deal",
          after=r"\s*(?:[\w-]+\s+){0,3}?(?:investment|injection|infusion|stake|bet|commitment)\b"),
    _rule("deal value", "deal", after=rf"\s*(?:[\w-]+\s+){{0,3}}?(?:{_DEAL_NOUNS})\b"),
    # "a 20% stake in": the share of a company owned
    _rule("stake", "stake", after=r"\s*(?:[\w-]+\s+){0,2}?(?:stake|holding|interest|ownership)\b", kinds="percent"),
    # "Quorvex shares jumped 12%", "a 12% jump in Quorvex stock": how far a share price moved
    _rule("share move", "share move", kinds="percent",
          before=r"\b(?:shares?|stocks?)\b" + _GAP + r"\b(?:rose|rise[sn]?|rising|jump\w*|surg\w*|climb\w*|gain\w*"
          r"|soar\w*|rall(?:y|ied|ies)|fell|fall\w*|drop\w*|slid|slump\w*|tumbl\w*|plung\w*|sank|sink\w*|lost|add\w*|up|down)"
          r"\s+(?:by\s+)?(?:as\s+much\s+as\s+)?",
          after=r"\s*(?:jump|rise|gain|surge|drop|fall|plunge|decline|slide)\s+in\s+(?:[\w'’.&-]+\s+){0,3}?(?:shares|stock)\b"),
)
"""Ordered: the first entry that matches names what a figure measures; none matching leaves it unnamed ("")."""


LOOK = 160
"""Characters read before and after a figure for its measure: more than any cue and the words it allows."""


def measure(text: str, start: int, end: int, sentence: tuple[int, int], kind: str) -> str:
    """The name of the first ``MEASURES`` entry that the words around the figure ``text[start:end]`` match."""
    # the cues stand within a few words of the figure: the rest of a long sentence is not read
    before, after = text[max(sentence[0], start - LOOK):start], text[end:min(sentence[1], end + LOOK)]
    for rule in MEASURES:
        if kind in rule.kinds and (rule.before and rule.before.search(before)
                                   or rule.after and rule.after.match(after)):
            return rule.name
    return ""


FAMILY = {rule.name: rule.family for rule in MEASURES}
"""Measure -> the family figures are compared within; "" (a conversion) is never compared."""


def clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The figure's own clause: "Velmora, which invested $1.8 billion in Brantis, ..." -> "which ... Brantis"."""
    s, e = sentence
    begin = max((m.end() for m in _CLAUSE.finditer(text, s, start)), default=s)
    after = _CLAUSE.search(text, end, e)
    return begin, after.start() if after else e


@dataclass(frozen=True)
class FigureSubject:
    """A figure with what identifies its subject: the entities and key words of its sentence, what it measures
    and the parties of its own clause (those of its sentence when its clause names none)."""

    article: str
    kind: str
    currency: str | None
    ref: FigureRef
    entities: frozenset[str]
    words: frozenset[str]
    measure: str = ""
    parties: frozenset[str] | None = None
    unit: str | None = None

    @property
    def sides(self) -> frozenset[str]:
        return self.entities if self.parties is None else self.parties


def subject(article: str, kind: str, currency: str | None, unit: str | None, ref: FigureRef, text: str,
            start: int, end: int, sentence: tuple[int, int], mentions: Sequence[tuple[str, int]],
            words: frozenset[str]) -> FigureSubject:
    """A figure's subject from its sentence in ``text`` and the entity mentions (id, start) there."""
    cs, ce = clause(text, start, end, sentence)
    entities = frozenset(e for e, at in mentions if sentence[0] <= at < sentence[1])
    own = frozenset(e for e, at in mentions if cs <= at < ce)
    return FigureSubject(article, kind, currency, ref, entities, words, measure(text, start, end, sentence, kind),
                         own or entities, unit)


_DAYS = frozenset(w[:5] for w in "monday tuesday wednesday thursday friday saturday sunday yesterday today".split())
"""Key words (as ``key_words`` cuts them) that name the day of an event."""


def _same_subject(a: FigureSubject, b: FigureSubject) -> bool:
    pa, pb = a.sides, b.sides
    if not pa or not pb or not (pa <= pb or pb <= pa):
        return False  # another party: one firm's investment in a third company is not the story's deal
    if a.words & _DAYS and b.words & _DAYS and not a.words & b.words & _DAYS:
        return False  # "on Monday" and "on Tuesday": two events
    shared_words = len(a.words & b.words)
    if a.measure:
        return len(pa & pb) >= 2 or shared_words >= 2
    shared_entities = len(a.entities & b.entities)
    return shared_entities >= 2 and shared_words >= 1 or shared_entities >= 1 and shared_words >= 3


_LOWER_BOUND = ("more than", "over", "above", "at least", "upwards of", "upward of", "in excess of", "just over",
                "a little over")
_UPPER_BOUND = ("less than", "fewer than", "under", "up to", "as much as", "as many as", "as high as", "at most",
                "no more than", "just under", "well under", "a little under")
_NEARLY = ("nearly", "almost", "close to", "just shy of")
_ABOUT = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "~", "circa")
_WIDE = ("well over", "upwards of", "upward of")
ROUNDING = 0.025
"""How far (relatively) a round figure may be from the exact one it rounds: $70 billion for $68.7 billion."""


def _place(value: float) -> float:
    """The place of the value's last significant digit: 1e10 for 70e9, 1e8 for 68.7e9."""
    if value == 0:
        return 1.0
    exponent = Decimal(f"{abs(value):.12g}").normalize().as_tuple().exponent
    return float(10 ** exponent) if isinstance(exponent, int) else 1.0


def _half(value: float, kind: str) -> float:
    """How far a value as written may be from what it rounds: half its last digit, but a few percent at most."""
    most = ROUNDING * abs(value) if kind != "percent" else max(ROUNDING * abs(value), 0.5)
    return min(_place(value) / 2, most)


def bounds(ref: FigureRef, kind: str) -> tuple[float, float]:
    """The values a figure as written allows: "$70 billion" 68.25-71.75e9, "nearly $40 million" 38-40e6."""
    low, high = ref.value, ref.value_max if ref.value_max is not None else ref.value
    said = " ".join(re.match(r"[^\d$€£¥]*", ref.text.casefold()).group().split())  # type: ignore[union-attr]
    if ref.value_max is not None:
        return low - _half(low, kind), high + _half(high, kind)
    if said.startswith(_WIDE):
        return low, low * MAX_RATIO
    if said.startswith(_LOWER_BOUND):
        return low, low + min(_place(low), 0.2 * abs(low))
    if said.startswith(_UPPER_BOUND):
        return low / MAX_RATIO, low
    if said.startswith(_NEARLY):
        return low - min(_place(low) / 2, 0.05 * abs(low)), low
    half = _half(low, kind)
    if said.startswith(_ABOUT):
        half = max(half, min(_place(low) / 2, 0.1 * abs(low)))
    return low - half, low + half


def agree(refs: Sequence[FigureRef], kind: str) -> bool:
    """Whether one value fits every figure as written (intervals on a line meet if each two do)."""
    spans = [bounds(r, kind) for r in refs]
    return max(lo for lo, _ in spans) <= min(hi for _, hi in spans) * (1 + 1e-9)


def _within_ratio(items: Sequence[FigureSubject], group: list[int]) -> Iterator[list[int]]:
    """A group cut where its values, in order, grow past ``MAX_RATIO`` of the first of a part: a chain of
    reports, each near the next, from 100 to 1,000 is not one number told many ways."""
    part: list[int] = []
    for i in sorted(group, key=lambda i: items[i].ref.value):
        if part and items[i].ref.value > MAX_RATIO * items[part[0]].ref.value:
            yield part
            part = []
        part.append(i)
    yield part


def disagreements(items: Sequence[FigureSubject]) -> list[Disagreement]:
    """Groups of figures from different articles on one fact (same kind, currency, unit, measure and parties)
    whose values differ after rounding and qualifiers ("nearly", "more than", ranges) are allowed for.

    Linear in the figures: identical reports (wire copies) are one node before anything is compared;
    each node is compared only with the next ``NEIGHBOURS`` nodes of each of its parties, sorted by value,
    while the values are within ``MAX_RATIO``. A group where one article gives two different values
    is dropped: the article itself tells them apart, so they are two facts, not one told two ways.
    """
    nodes: dict[tuple[object, ...], list[int]] = {}
    for i, item in enumerate(items):
        family = FAMILY.get(item.measure, item.measure)
        if item.measure and not family or item.ref.value <= 0:
            continue  # a conversion, or nothing to compare
        key: tuple[object, ...] = (item.kind, item.currency, item.unit, family, item.ref.value, item.ref.value_max,
                                   item.sides)  # a fact named by what it measures: the same value, the same report
        if not item.measure:  # else also what its sentence names and how it is said
            key += (item.entities, item.ref.about.casefold())
        nodes.setdefault(key, []).append(i)
    reps = [members[0] for members in nodes.values()]
    parent = list(range(len(reps)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for n, i in enumerate(reps):
        item = items[i]
        for e in item.sides:
            buckets[(item.kind, item.currency, item.unit, FAMILY.get(item.measure, item.measure), e)].append(n)
    for members in buckets.values():
        members.sort(key=lambda n: items[reps[n]].ref.value)
        for x, n in enumerate(members):
            a = items[reps[n]]
            for m in members[x + 1:x + 1 + NEIGHBOURS]:
                b = items[reps[m]]
                if b.ref.value > MAX_RATIO * a.ref.value:
                    break
                if find(n) != find(m) and _same_subject(a, b):
                    parent[find(m)] = find(n)
    groups: dict[int, list[int]] = {}
    for n, members in enumerate(nodes.values()):
        groups.setdefault(find(n), []).extend(members)
    out = []
    for group in (part for whole in groups.values() for part in _within_ratio(items, whole)):
        group.sort()
        told: dict[str, set[tuple[float, float | None]]] = defaultdict(set)
        for i in group:
            told[items[i].article].add((items[i].ref.value, items[i].ref.value_max))
        if len(told) < 2 or any(len(values) > 1 for values in told.values()):
            continue  # one source, or one article against itself
        first = items[group[0]]
        refs = [items[i].ref for i in group]
        if not agree(refs, first.kind):
            out.append(Disagreement(about=first.ref.about, kind=first.kind, figures=refs))  # type: ignore[arg-type]
    return out


def differ(told: Sequence[tuple[str, float | None]], kind: str) -> bool:
    """Whether amounts or stakes as written ("$2 billion", 2e9) really differ: by value after rounding and
    qualifiers where every one has a value, else by what is written."""
    if any(value is None for _text, value in told):
        return len({" ".join(text.casefold().split()) for text, _value in told}) > 1
    return not agree([FigureRef(article="", text=text, value=value) for text, value in told  # type: ignore[arg-type]
                      if value is not None], kind)


NOT_A_DEAL_VALUE = frozenset({"conversion", "per share", "valuation"})


def deal_amount(body: str, amount: str | None, sentence: tuple[int, int],
                currency: str | None) -> tuple[str | None, str] | None:
    """The currency (the amount's figure's) and the family of measures of a deal's amount, as the deal's
    sentence words it ("deal" when it says nothing more); None when the amount is no value of the deal: a
    per-share price, the same amount in another currency, the company's valuation."""
    if not amount:
        return None
    at = body.find(amount, *sentence)
    said = measure(body, at, at + len(amount), sentence, "money") if at >= 0 else ""
    if said in NOT_A_DEAL_VALUE:
        return None
    return currency, FAMILY.get(said) or "deal"
