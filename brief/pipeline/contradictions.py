"""Facts news contradicts in words, across articles: what happened to a person, and when an event happened.

Each is read only where the text leaves no doubt whom it is about: a person's fate from a cue next
to one of the person's own mentions ("Jane Roe was fired", "Roe resigned", "Velmora ousted CEO Jane
Roe", "the resignation of Jane Roe"), never under a negation ("denied he was fired"); an event's
date from the sentence of a deal both of whose parties are known, or of a fate, tagged by the verb
next to it (announced, closing, left) so that an announcement is never set against a closing. An
article that gives two answers itself is left out of the comparison: it tells them apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from brief.pipeline.relations.titles import TITLE, spell

if TYPE_CHECKING:
    from brief.models import Article, Briefing

# Words between a verb and the name: "fired its chief executive Jane Roe" (titles: ``relations.titles``)
_TITLES = rf"(?:(?:(?:its|the|their|his|her|former|[A-Z][\w.’'-]*)\s+)|(?:{TITLE})\s+){{0,5}}"
_FIRED = r"fired|ousted|dismissed|sacked|axed|terminated|removed|pushed\s+out|forced\s+out|let\s+go"
_FORCED = r"(?:forced|asked|pressured|pushed|told)\s+to\s+(?:resign|step\s+down|quit|leave)"
_RESIGNED = (r"resign(?:ed|s)?|stepp(?:ed|ing)\s+down|steps\s+down|step\s+down|quit(?:s)?|retir(?:ed|es|ing)"
             r"|stepp(?:ed|ing)\s+aside")
_AUX = r"(?:(?:was|were|has\s+been|had\s+been|have\s+been|is\s+being|got|will\s+be|would\s+be)\s+)"
_BETWEEN = r"(?:\s*,[^,.;:“”\"]{1,80},)?\s+"  # an apposition: "Jane Roe, the chief executive, resigned"


@dataclass(frozen=True)
class Cue:
    """A named rule for a person's fate: ``pattern`` matched at the end of the text before the mention
    (``before``) or at the start of the text after it."""

    name: str
    fate: str  # "fired" or "resigned"
    pattern: re.Pattern[str]
    before: bool = False


FATES: tuple[Cue, ...] = (
    Cue("forced to resign", "fired", re.compile(rf"(?:’s|'s)?{_BETWEEN}(?:{_AUX}|(?:\w+\s+)?)?{_FORCED}\b")),
    Cue("was fired", "fired", re.compile(rf"{_BETWEEN}{_AUX}(?:{_FIRED})\b")),
    Cue("resigned", "resigned", re.compile(rf"{_BETWEEN}(?:(?:has|had|have|will|would|is|was|said\s+(?:he|she)"
                                           rf"\s+(?:would|will))\s+)?(?:{_RESIGNED})\b")),
    Cue("fired someone", "fired", re.compile(rf"\b(?:{_FIRED})\s+{_TITLES}$"), before=True),
    Cue("the firing of", "fired", re.compile(rf"\b(?:firing|ouster|ousting|dismissal|sacking|removal)\s+of\s+"
                                             rf"{_TITLES}$",
                                             re.I), before=True),
    Cue("the resignation of", "resigned", re.compile(rf"\b(?:resignation|retirement)\s+of\s+{_TITLES}$", re.I),
        before=True),
    Cue("someone's firing", "fired",
        re.compile(r"(?:’s|')s?\s+(?:\w+\s+)?(?:firing|ouster|dismissal|sacking|removal)\b")),
    Cue("someone's resignation", "resigned", re.compile(r"(?:’s|')s?\s+(?:\w+\s+)?(?:resignation|retirement)\b")),
)
"""Ordered: "was asked to resign" is a firing before it is a resignation."""
_NEGATION = re.compile(r"\b(?:not|n[’']t|never|den(?:y|ies|ied)|rumou?rs?|false|whether|if)\b", re.I)

_MONTH = re.compile(
    r"\b(?:(?:in|on|since|by|until|from|of|early|late|mid|last|next|this)[\s-]+)?"
    r"(?P<month>(?i:january|february|march|april|june|july|august|september|october|november|december)|May)"
    r"(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d\d))?")
_EVENTS = (("closing", re.compile(r"\b(?:clos(?:e|es|ed|ing)|complet(?:e|es|ed|ing|ion)|finali[sz](?:e|ed|ing)|due)\b",
                                  re.I)),
           ("announced", re.compile(r"\b(?:announc(?:e|es|ed|ing)|agreed|agrees|signed|struck|unveiled|revealed)\b",
                                    re.I)))
"""The event a date in a deal's sentence is of, by the verb nearest to it."""


@dataclass(frozen=True)
class Contradiction:
    """One fact that different articles state in words that exclude each other."""

    subject: str  # an entity id, or "buyer|target" for a deal
    what: str  # "what happened", "when announced", "when closing", "when left"
    told: tuple[tuple[str, tuple[str, ...]], ...]  # (what an article says, the articles saying it)


def fates(article: Article, person_ids: frozenset[str]) -> Iterator[tuple[str, str, int]]:
    """(person, "fired"/"resigned", where the cue ends) for each fate the article states next to a mention."""
    body = article.body
    for m in article.mentions:
        if m.field != "body" or m.entity not in person_ids:
            continue
        before, after = body[max(0, m.start - 80):m.start], body[m.end:m.end + 160]
        for cue in FATES:
            found = cue.pattern.search(before) if cue.before else cue.pattern.match(after)
            if not found:
                continue
            window = before if cue.before else before + after[:found.end()]
            if not _NEGATION.search(re.split(r"[.;!?]\s", window)[-1][-160:]):
                yield m.entity, cue.fate, (m.start if cue.before else m.end + found.end())
            break


def _dates(text: str) -> list[tuple[str, str | None, str | None, int]]:
    """(month, day, year, where) of each month named as a date in ``text`` ("in May", "on March 3, 2024")."""
    out = []
    for m in _MONTH.finditer(text):
        month = m["month"].casefold()
        if m["month"] == "May" and not (m["day"] or m.group(0) != "May"):
            continue  # "May" alone is as often the verb
        if month == "march" and m["month"][0].islower() and not m["day"]:
            continue  # "march" the verb
        out.append((month, m["day"], m["year"], m.start()))
    return out


def _event(text: str, at: int) -> str | None:
    """The event a date at ``at`` in a sentence belongs to: the nearest event verb, within a few words."""
    best: tuple[int, str] | None = None
    for name, pattern in _EVENTS:
        for m in pattern.finditer(text):
            distance = at - m.end() if m.end() <= at else m.start() - at
            if distance <= 40 and (best is None or distance < best[0]):
                best = (distance, name)
    return best and best[1]


def _when(month: str, day: str | None, year: str | None) -> str:
    return " ".join(x for x in (month.capitalize(), day, year) if x)


def _compatible(a: tuple[str, str | None, str | None], b: tuple[str, str | None, str | None]) -> bool:
    return all(x == y or x is None or y is None for x, y in zip(a, b, strict=True))


def contradictions(briefing: Briefing) -> list[Contradiction]:
    """What happened to a person, and when an event happened, where articles say things that exclude each other."""
    people = frozenset(e.id for e in briefing.entities if e.type == "person")
    fate_by: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # person -> article -> fates
    dates: dict[tuple[str, str], dict[str, set[tuple[str, str | None, str | None]]]] = \
        defaultdict(lambda: defaultdict(set))  # (subject, event) -> article -> dates
    for a in briefing.articles:
        if a.duplicate_of:
            continue  # a copy of a story is not another source
        for person, fate, end in fates(a, people):
            fate_by[person][a.id].add(fate)
            start = a.body.rfind(".", 0, end) + 1
            stop = a.body.find(".", end)
            sentence = a.body[start:stop if stop >= 0 else len(a.body)]
            for month, day, year, _at in _dates(sentence):
                dates[(person, "left")][a.id].add((month, day, year))
        for d in a.deals:
            if not (d.buyer and d.target):
                continue
            sentence = a.body[d.start:d.end]
            for month, day, year, at in _dates(sentence):
                event = _event(sentence, at)
                if event:
                    dates[(f"{d.buyer}|{d.target}", event)][a.id].add((month, day, year))
    out = []
    for person, by_article in fate_by.items():
        sure = {art: next(iter(f)) for art, f in by_article.items() if len(f) == 1}  # an article saying both: unsure
        if len(set(sure.values())) > 1:
            out.append(Contradiction(person, "what happened", _told(sure)))
    for (subject, event), dated in dates.items():
        sure_dates = {art: next(iter(d)) for art, d in dated.items() if len(d) == 1}
        values = list(set(sure_dates.values()))  # a few distinct dates, however many the articles
        if any(not _compatible(x, y) for i, x in enumerate(values) for y in values[i + 1:]):
            told = _told({art: _when(*d) for art, d in sure_dates.items()})
            out.append(Contradiction(subject, f"when {event}", told))
    return out


def _told(said: dict[str, str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    by_value: dict[str, list[str]] = defaultdict(list)
    for article, value in said.items():
        by_value[value].append(article)
    return tuple((value, tuple(articles)) for value, articles in by_value.items())


_SAME_TITLE = {"chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "boss": "ceo",
               "finance chief": "cfo"}
"""Titles one is known by that ``titles.spell`` keeps as written (it spells "chief executive" as "CEO" already)."""
ADDED_ROLES = frozenset("founder co-founder cofounder director board member investor shareholder adviser advisor "
                        "member backer owner employee staff".split())
"""Roles a person holds beside a title: "founder" and "CEO" are both true, never one against the other."""


def title_key(role: str | None) -> str | None:
    """A role as one title ("Chief Executive" and "CEO" are one: ``titles.spell``), or None for a role held
    beside any title."""
    if not role:
        return None
    words = re.sub(r"^(?:the|its|a|an)\s+", "", " ".join(role.split()), flags=re.IGNORECASE)
    words = spell(words).casefold().replace("-", " ")  # "co-founder", "ex-CEO"
    if words in ADDED_ROLES or words.replace(" ", "-") in ADDED_ROLES or words.endswith(("founder", "board member")):
        return None
    # "former CEO" is the CEO's title too: reports written before and after a departure do not contradict
    bare = re.sub(r"^(?:former|ex|outgoing|then|onetime|one time|longtime|long time)\s+", "", words)
    return _SAME_TITLE.get(bare, bare)


def role_contradictions(briefing: Briefing) -> Iterator[tuple[str, str, dict[str, set[str]]]]:
    """(person, organization, article -> roles as written) where two articles give the person titles at one
    organization that have nothing in common ("chief executive" in one, "president" in the other)."""
    titles: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for a in briefing.articles:
        if a.duplicate_of:
            continue
        for x in a.affiliations:
            key = title_key(x.role)
            if x.organization and x.role and key:
                titles[(x.person, x.organization)][a.id][key] = x.role
    for (person, organization), by_article in titles.items():
        sets = list({frozenset(t) for t in by_article.values()})
        if any(not x & y for i, x in enumerate(sets) for y in sets[i + 1:]):
            yield person, organization, {art: set(t.values()) for art, t in by_article.items()}
