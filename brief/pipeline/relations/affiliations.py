"""Who works where, and as what: (person, role, organization) ties the text states.

A title belongs to a person only where the text ties it to that person: right in front of the
name ("Acme CEO Jane Roe", "former Acme chief Jane Roe", "Sen. Jane Roe"), or in an appositive
right after it ("Jane Roe, co-founder of Acme", "Jane Roe, Acme's chief executive"). In
"Beta head Jane Roe, Acme CEO John Doe" the "Acme CEO" in front of Doe is his, not Roe's. Other
shapes tie a person to an organization without a title: "Acme's Jane Roe", "Jane Roe of Acme",
"Jane Roe, who heads Acme", "Jane Roe joined Acme as ...", "Acme hired Jane Roe". A bare company
title ("CEO Jane Roe") is tied to the organization the article is about, when one stands out, except
for someone being hired ("Acme bought Beta and is bringing on CEO Jane Roe": Beta's); a unit named
after its parent ("Acme Research Labs", or its initials) ties its people to the parent as well.

Only person mentions get roles and only organization mentions are employers: a place, a
product or an event is never either.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from brief.pipeline.extract.lexicon import POSITION_CODES
from brief.pipeline.relations.context import ORG_NOUNS, ORGANIZATION, PERSON, Doc, positions
from brief.pipeline.relations.lazy import lazy_regex
from brief.pipeline.relations.model import AffiliationSpan, DealSpan
from brief.pipeline.relations.titles import (
    MODS,
    PLURAL_TITLE,
    TITLE,
    TITLE_ENDS,
    TITLE_RE,
    TITLES,
    band,
    corporate,
    spell,
)

_PRE = lazy_regex(rf"(?:^|(?<=[\s(\"“,;:—–-]))(?P<role>{TITLE})\s+$", re.IGNORECASE)
_PRE_PLURAL = lazy_regex(rf"(?:^|(?<=[\s(\"“,;:—–-]))(?P<role>{PLURAL_TITLE})\s+$", re.IGNORECASE)
_LIST_GAP = lazy_regex(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_MODS_BEFORE = lazy_regex(rf"(?:^|(?<=\s))(?P<mods>{MODS})$", re.IGNORECASE)
# One or two describing words between an organization and a title ("Acme planetary scientist"), none a verb
# or a function word ("Acme said CEO Jane Roe" is no phrase).
_FUNCTION = ("said|says|told|tells|and|or|but|with|by|to|for|from|at|in|on|of|as|that|which|who|than|the|a|an|"
             "its|his|her|their|is|was|are|were|has|had|have|will|would|named|hired|met|called|against|over|about")
_NOW = r"(?:(?:currently|now|also|previously|later|formerly|still)\s+)?"  # "is currently the CEO of"
_ROLE_OF = lazy_regex(
    rf"(?:,\s*(?:who\s+{_NOW}(?:is|was|has\s+been|had\s+been|became|serves\s+as|served\s+as|was\s+named|"
    rf"was\s+appointed|was\s+elected|was\s+promoted\s+to)\s+)?"
    rf"|\s+{_NOW}(?:is|was|became|has\s+been|had\s+been|remains|serves\s+as|served\s+as|was\s+named|"
    rf"was\s+appointed|was\s+elected|was\s+promoted\s+to)\s+{_NOW})"
    rf"(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?-i:[A-Z][a-z]+)\s+)?"  # "a Norwegian politician for"
    rf"(?P<role>(?P<words>(?:(?!(?:{_FUNCTION})\b)(?-i:[a-z][a-z-]+)\s+){{0,2}}?){TITLES}"
    rf"(?:\s+of\s+[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){{0,2}}(?=\s+(?:at|for|with)\s))?)"
    rf"\s+(?:of|at|for|with|from|representing)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_ROLE_OF_FIRST = [[w] for w in "is was became has had remains serves served currently now also previously later "
                  "formerly still".split()]
_OF = lazy_regex(r"\s+(?:of|from|at)\s+")
# "Acme has named " right before a name, and " its new chief executive" right after it
_NAMED = lazy_regex(r"\s+(?:has\s+|have\s+|had\s+)?(?:named|names|promoted|promotes|elected|elects|picked|picks)\s+$")
_PROMOTED_TO = lazy_regex(rf"\s+to\s+(?:(?:the\s+)?(?:post|role|job|position)\s+of\s+)?(?:the\s+)?(?P<role>{TITLE})\b",
                          re.IGNORECASE)
_NAMED_VERBS = frozenset("named names promoted promotes elected elects picked picks".split())
_NAMED_TITLE = lazy_regex(rf",?\s+(?:as\s+)?(?:(?:its|their|the|a|an)\s+)?(?:(?:new|next)\s+)?(?P<role>{TITLE})\b",
                          re.IGNORECASE)
# "Prior to joining Acme, " / "Before joining the Acme Institute, " right before a name
_JOINING = lazy_regex(r"\b(?:before|prior\s+to|after|since|on|upon)\s+(?:joining|leaving|founding)\s+(?:the\s+)?$",
                      re.IGNORECASE)
_OWNER_FIRST = lazy_regex(
    r"(?:,|\s+(?:is|was|became))\s*(?:(?:the|a|an|another)\s+)?"
    r"(?P<mods>(?:(?:former|then|longtime|senior|top|leading|prominent)\s+)*)(?P<adj>(?-i:[A-Z][a-z]+)\s+)?")
_OWNED_ROLE = lazy_regex(
    rf"(?P<pos>['’]s?)?\s+(?P<words>(?:(?!(?:and|or|but|said|says|told|who|which|that|in|at|on|of|for|to|by)\b)"
    rf"(?-i:[a-z][a-z-]*)\s+){{0,2}}?)(?P<role>{TITLE})\b", re.IGNORECASE)
_VERB = lazy_regex(
    r"(?:,\s*(?:who\s+)?|\s+(?:who\s+)?)(?:(?:will|would|is\s+to|is\s+set\s+to|plans\s+to|has|had)\s+)?"
    r"(?:(?:now|currently|also|previously|once)\s+)?"
    r"(?P<verb>heads|headed|heading|leads|led|leading|runs|ran|running|run|co-?founded|founded|chairs|chaired|"
    r"oversees|oversaw|owns|owned|"
    r"joined|joins|joining|join|rejoined|works\s+(?:at|for)|worked\s+(?:at|for)|working\s+(?:at|for))\s+(?:the\s+)?"
)
_VERB_ROLE = {"head": "head", "lead": "head", "led": "head", "run": "head", "ran": "head", "founded": "founder",
              "cofounded": "co-founder", "co-founded": "co-founder", "chair": "chair", "overs": "head",
              "own": "owner"}
_AS_ROLE = lazy_regex(rf"\s+as\s+(?:(?:its|a|an|the|their)\s+)?(?P<role>{TITLE})\b", re.IGNORECASE)
_HIRE = lazy_regex(
    rf"\b(?:hired|hires|hiring|recruited|recruits|recruiting|appointed|appoints|appointing|tapped|taps|"
    rf"poached|poaches|poaching|brought\s+on|bringing\s+on|brings\s+on|brought\s+in|bringing\s+in|"
    rf"brought\s+back|lured|lures|luring)\s+(?:(?:its|a|an|the|former|new)\s+)*(?:{TITLE}\s+)?$",
    re.IGNORECASE,
)
_HIRE_STEMS = ("hir", "recruit", "appoint", "tap", "poach", "brought", "bring", "lur")
_POSSESSIVE = ("’s ", "'s ", "’ ", "' ")
_INITIALISM = lazy_regex(r"[A-Z]{2,6}")
# The last word of a unit's name: a unit's people belong to the organization it is named after as well
_UNIT = lazy_regex(r"\b(?:labs?|laborator(?:y|ies)|research|division|unit|directorate|institute|studios?|"
                   r"department|centers?|centres?|office|bureau|school|works|plant)$")
_ITS = lazy_regex(r"\b(?:its|their)\s+$", re.IGNORECASE)
_DESCRIBING = lazy_regex(rf"(?<=\s)(?:(?!(?:{_FUNCTION})\b)[a-z][a-z-]*(?<!ed)\s+){{1,2}}$")
# "its", "their", "the company's (billionaire)" right before a title: an organization named before owns it.
_ITS_OWNER = lazy_regex(rf"(?:^|(?<=\W))(?:its|their|the\s+(?:[a-z][\w-]*\s+)?(?:{ORG_NOUNS})['’]s?)\s+"
                        rf"(?:(?!(?:{_FUNCTION})\b)(?-i:[a-z][\w-]*\s+)){{0,2}}$",
                        re.IGNORECASE)
_POSSESSIVE_ENDS = ("'s", "’s", "'", "’")
# An age or a parenthesis right after a name, which the rules after the name read past
_ASIDE = lazy_regex(r",\s*\d{1,3}(?=,)|\s*\([^()\n]{1,80}\)(?=[\s,])")
_AND_NAME = lazy_regex(r"(?:,\s*|,?\s+and\s+)")
# A player's part in a game, then "for" (the team follows): "also scored twice for ", "had the goals for "
_PLAYED_FOR = lazy_regex(
    r"\s+(?:also\s+)?(?:scored|had|added|made|stopped|rushed|threw|caught|played|plays|pitched|kicked|assisted|"
    r"finished|tallied|netted|struck)\b[^,;.:\n\"“”]{0,50}?\bfor\s+")
_FOR = lazy_regex(r"\s+for\s+")
# A player's part in a game with no "for" after it: "had a goal and an assist", "stopped 22 shots", "made 30 saves"
_PLAYED = lazy_regex(r"\s+(?:also\s+)?(?:scored|had|added|made|stopped|turned\s+aside|rushed|threw|caught|kicked|"
                     r"assisted|finished|tallied|netted)\b")
_NOT_OWNERS = frozenset("the a an its their his her our my your former new then and but as by with said says "
                        "meanwhile also while when after before".split())
# ", a market analyst with the research firm ", ", senior trader and strategist at ", ", a Ukraine specialist
# on the ": up to 12 words, no clause of its own ("who said", "told"), then the preposition (the first one
# an organization follows: "Director for the Middle East at Acme")
_APPOSITIVE = lazy_regex(
    r",\s*(?:(?:who\s+is|is)\s+)?(?:(?:now|currently|also)\s+)?(?:(?:a|an|the|its|their|another)\s+)?"
    r"(?P<role>[\w&-]+(?:,?\s+[\w&'’-]+){0,12})")
_APPOSITIVE_AT = lazy_regex(r"\s+(?:at|with|for|on)\s+")
# ", CEO & founder, Acme." : the titles, a comma, then the organization closing the clause
_TITLE_COMMA = lazy_regex(rf",\s*(?P<role>{TITLES})\s*,\s*", re.IGNORECASE)
_CLAUSE_END = lazy_regex(r"\s*(?:[.,;:)]|$)", re.MULTILINE)
# "Acme is led by ", "Acme, founded by ", "Acme, which was co-founded in 2004 by its CEO ": the organization ends
# where this starts
_LED_BY = lazy_regex(
    rf"(?:,\s*(?:which|that)\s+(?:is|was|has\s+been|had\s+been)\s+|,\s*|\s+(?:is|was|has\s+been|had\s+been)\s+)"
    rf"(?:(?:formerly|originally|currently|now|jointly|also)\s+)?"
    rf"(?P<verb>led|headed|run|founded|co-?founded|chaired|started|created)"
    rf"(?:\s+in\s+\d{{4}})?\s+by\s+(?:(?:its|the|their)\s+)?(?:(?P<role>{TITLE})\s+)?$",
    re.IGNORECASE)
_LED_ROLE = {"led": "head", "headed": "head", "run": "head", "founded": "founder", "cofounded": "co-founder",
             "co-founded": "co-founder", "chaired": "chair", "started": "founder", "created": "founder"}
# A line that opens with a game's score, winner first: "Velmora 4, Quorvex 1: "
_SCORE = lazy_regex(r"\d, [^\n]{2,40}? \d{1,3}(?: \(\w+\))?: ")  # one score anywhere, before looking for lines
_SCORE_LINE = lazy_regex(r"^(?=[A-Z])[^\n,:]{2,40}? \d{1,3}, [^\n,:]{2,40}? \d{1,3}(?: \(\w+\))?: ", re.MULTILINE)
_FOR_SOMEONE = lazy_regex(r"\bfor\s+(?:the\s+)?(?-i:[A-Z])")
# Under a score line, the winner's city: "... to lead Harrowgate", "Harrowgate held on to beat Tarnby"
_NAME = r"(?:St\.\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"  # "Harrowgate", "St. Tarnby", "New Velm"
_WINNER_PLACE = lazy_regex(
    rf"\b(?:lead|leads|led|lift|lifts|lifted|carry|carried|help|helped)\s+(?P<led>{_NAME})\b"
    rf"|(?<![\w.'’-])(?P<won>{_NAME})\s+(?:(?:held|hung)\s+on\s+to\s+|rallied\s+to\s+)?"
    rf"(?:beat|defeated|topped|edged|downed|routed|blanked|dumped)\b")
_PLACE_AFTER = lazy_regex(rf"{_NAME}")
# A player's game (no clause end, no other name's "for"), then the team that won: "... and Acme beat",
# "... to lead Acme"
_GAME = lazy_regex(r"\s+(?:scored|had|added|made|stopped|rushed|threw|caught|passed|kicked|netted|tallied)\b")
_TEAM_WON = lazy_regex(r"(?:,?\s+and|\s+as|\s+to\s+(?P<to>lead|lift|help|power|carry))\s+")
_WON = lazy_regex(r"\s+(?:beat|defeated|rolled\s+past|routed|topped|edged|held\s+on\s+to\s+beat|"
                  r"won|rallied\s+past|downed|blanked|shut\s+out|cruised\s+past)\b")
_NOT_A_ROLE = lazy_regex(r"\b(?:said|says|told|who|which|that|when|while|spoke|speaking|and\s+(?:the|a)|he|she|they)\b",
                         re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Around:
    """A person mention ``text[s:e]`` and what the rules read around it: the text before it on its
    line (at most 80 characters), where the text after it stops (its line, at most 160), and the
    ties the rules before have found for it. ``e`` is past an age or a parenthesis after the name
    ("Jane Roe, 56,", "Jane Roe (D-Ohio)"), which the rules after the name read past."""

    s: int
    e: int
    before: str
    after_end: int
    hires: list[int]
    found: list[Tie]
    title: tuple[str, int] | None  # the title right in front of the name, as written, and where it starts


Tie = tuple[str, int | None, str]
"""(role or "", organization index or None, the name of the rule that found it)."""


def _title_in_front(s: int, before: str) -> tuple[str, int] | None:
    """The title right in front of the name ("... CEO Jane Roe") as written, and where it starts; a
    plural one ("co-founders Jane Roe and ...") in the singular."""
    last = before.rsplit(None, 1)[-1].casefold().rsplit("-", 1)[-1] if before.strip() else ""  # "singer-guitarist"
    pre = _PRE.search(before) if last in TITLE_ENDS else None  # the regex only where a title can end
    if pre:
        return pre.group("role"), s - len(before) + pre.start("role")
    plural = _PRE_PLURAL.search(before) if last[:-1] in TITLE_ENDS and last.endswith("s") else None
    return (plural.group("role")[:-1], s - len(before) + plural.start("role")) if plural else None


def _org_title_name(doc: Doc, a: Around) -> list[Tie]:
    """"Acme CEO Jane Roe", "former Acme chief Jane Roe", "Acme planetary scientist Jane Roe": the
    organization, the title and the name are one noun phrase."""
    found = a.title
    if found is None:
        return []
    written, at = found
    role = spell(written)
    org = _org_ending(doc, at)
    if org is None and (words := _DESCRIBING.search(doc.text, max(0, at - 40), at)):
        org = _org_ending(doc, words.start())  # "Acme planetary scientist Jane Roe"
        if org is not None:
            role = f"{' '.join(words.group().split()).casefold()} {role}"
    if org is None or (role.endswith("analyst") and doc.canon(org) == doc.dominant_name()):
        return []  # "Acme analyst Jane Roe" on a page about Acme follows Acme; she works elsewhere
    mods = _MODS_BEFORE.search(doc.text, max(0, doc.entities[org].start - 30), doc.entities[org].start)
    if mods and mods.group("mods"):  # "former Acme chief Jane Roe"
        role = f"{' '.join(mods.group('mods').split()).casefold()} {role}"
    return [(role, org, "")]


def _its_title_name(doc: Doc, a: Around) -> list[Tie]:
    """"its CEO Jane Roe", "the company's CEO Jane Roe": the organization named last before, in this
    sentence or the one before it (further back, "the company" is more likely one the tagger missed)."""
    found = a.title
    if found is None or not (own := _ITS_OWNER.search(doc.text, max(0, found[1] - 60), found[1])):
        return []
    org = doc.last_before(own.start(), ORGANIZATION, doc.titled_orgs())
    lo = doc.sentence(own.start())[0]
    lo = doc.sentence(lo - 2)[0] if lo > 1 else lo
    if org is None or doc.entities[org].start < lo:  # owned, by a company not named: not the article's either
        return [(spell(found[0]), None, "title-alone")]
    return [(spell(found[0]), org, "")]


_THE = lazy_regex(r"\bthe\s+$", re.IGNORECASE)


def _subject_title_name(doc: Doc, a: Around) -> list[Tie]:
    """"Acme is growing fast, the founders Jane Roe and John Doe said": a company's title after "the", in
    a sentence that opens with the organization and names no other before the title, is that one's."""
    found = a.title
    if found is None or not _THE.search(doc.text, max(0, found[1] - 4), found[1]):
        return []
    role = spell(found[0])
    if not corporate(role):
        return []
    lo = doc.whole_sentence(found[1])[0]
    while lo < found[1] and doc.text[lo] in " \n“\"'(":
        lo += 1
    orgs = doc.within(lo, found[1], ORGANIZATION)
    if len(orgs) != 1 or doc.entities[orgs[0]].start != lo or doc.within(lo, found[1], PERSON):
        return []
    return [(role, orgs[0], "")]


def _bare_title_name(doc: Doc, a: Around) -> list[Tie]:
    """"CEO Jane Roe" with nothing in front of the title: a company's title goes to the company the
    article is about (filled in later); "Sen. Jane Roe", or a title owned by a name that is no
    organization ("Velmora CEO Jane Roe" with Velmora untagged), stays a title at no organization."""
    found = a.title
    if found is None:
        return []
    role = spell(found[0])
    head = doc.text[max(0, found[1] - 40):found[1]]
    last = head.rsplit(None, 1)[-1] if head.endswith(" ") and head.split() and "\n" not in head[-2:] else ""
    owned = bool(last) and (last.endswith(_POSSESSIVE_ENDS) or last[-1].isalnum()) and (
        last.endswith(_POSSESSIVE_ENDS) or last[-1].isdigit()
        or (last[:1].isupper() and last.casefold() not in _NOT_OWNERS))
    plural = doc.text[found[1] + len(found[0]):found[1] + len(found[0]) + 1] == "s" and not band(role)
    # "the founders X and Y": whose? "founding members X and Y" of a band: the article's band's
    return [(role, None, "title-alone" if owned or plural or not corporate(role) else "")]


def _position_code_name(doc: Doc, a: Around) -> list[Tie]:
    """"DL Jane Roe 63 85% 1 tackle" at the start of a line: a roster or stats line's player, at the
    position the code stands for, plays for the team the article names first ("the Velmora Wolves' game
    against the Quorvex Hawks": the other team may be named more often). A line that goes on with no
    figure is prose, not a stats line."""
    at_line_start = a.s - len(a.before) == doc.text.rfind("\n", 0, a.s) + 1
    code = a.before[:-1] if a.before.endswith(" ") and at_line_start else ""
    position = POSITION_CODES.get(code)
    if position is None or not any(c.isdigit() for c in doc.text[a.e:a.after_end]):
        return []
    first = doc.orgs[0] if doc.orgs and doc.orgs[0][0] < a.s else None
    return [(position, first[2] if first is not None else None, "")]


def _org_name(doc: Doc, a: Around) -> list[Tie]:
    """"Acme's Jane Roe"."""
    org = _org_ending(doc, a.s)
    return [("", org, "")] if org is not None else []


def _owned_title_comma_name(doc: Doc, a: Around) -> list[Tie]:
    """"Acme's chief executive, Jane Roe," / "Its chief executive, Jane Roe,"."""
    if not a.before.endswith(", "):
        return []
    tie = _owned_title_before(doc, a.before[:-2], a.s - len(a.before))
    return [(tie[0], tie[1], "")] if tie else []


_AT = lazy_regex(r"\s+at\s+")


def _name_title_of_org(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe, co-founder of Acme", "Jane Roe is president of Acme", "Jane Roe, who was named CEO of Acme",
    "Jane Roe is a distinguished professor at the Acme Institute"."""
    after = doc.text[a.e:a.e + 12]
    if not after.startswith(",") and after.split(None, 1)[:1] not in _ROLE_OF_FIRST:  # where the regex can match
        return []
    m = _ROLE_OF.match(doc.text, a.e, a.after_end)
    if m is None or (m.group("words") and m.group().startswith(",")):
        return []  # ", a market analyst with": an appositive's words, read by name-role-at-org
    org = _org_at(doc, m.end() - 4) if doc.text[m.end() - 4:m.end()].casefold() == "the " else None
    org = org if org is not None else _org_after(doc, m.end(), a.after_end)  # "of the toy maker Acme"
    if org is None:
        return []
    at = _AT.match(doc.text, doc.entities[org].end, a.after_end)
    if at is not None and _org_after(doc, at.end(), a.after_end) is not None:
        return []  # "General Manager of Cargo Europe at Acme": a unit of Acme's, read by name-role-at-org
    return [(spell(m.group("role")), org, "")]


def _name_org_title(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe, Acme's CEO", "Jane Roe, a former Acme executive", "Jane Roe, another top Acme aide",
    "Jane Roe is an American Acme politician", "Jane Roe, Acme public information officer" -- but in
    "Jane Roe, Acme CEO John Doe" the title in front of Doe is his."""
    m = _OWNER_FIRST.match(doc.text, a.e, a.after_end)
    if m is None:
        return []
    org = _org_at(doc, m.end())
    if org is None and m.group("adj"):  # the capitalised word was the organization's own
        org = _org_at(doc, m.start("adj"))
    if org is None:
        return []
    owned = _OWNED_ROLE.match(doc.text, doc.entities[org].end, a.after_end)
    if not owned or not (owned.group("pos") or not _person_at(doc, owned.end() + 1)):
        return []
    mods = " ".join(m.group("mods").split()).casefold()
    words = " ".join(owned.group("words").split())
    return [(" ".join(w for w in (mods, words, spell(owned.group("role"))) if w), org, "")]


def _name_role_at_org(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe, a market analyst with the research firm Acme", "Jane Roe, senior trader and strategist
    at Acme Inc.", "Jane Roe, General Manager of Cargo Europe at Acme": an appositive whose words hold
    a title, then "at", "with" or "for" and the organization."""
    if not doc.text.startswith(",", a.e):
        return []
    window = doc.text[a.e:a.after_end]
    if " at " not in window and " with " not in window and " for " not in window and " on " not in window:
        return []
    m = _APPOSITIVE.match(doc.text, a.e, a.after_end)
    if not m:
        return []
    org = None
    for at in _APPOSITIVE_AT.finditer(doc.text, m.start("role"), m.end() + 1):
        words = doc.text[m.start("role"):at.start()]
        if _NOT_A_ROLE.search(words):
            return []
        if TITLE_RE.search(words) and (org := _org_after(doc, at.end(), a.after_end)) is not None:
            break
    if org is None:
        return []
    words = " ".join(words.split())
    role = spell(words) if TITLE_RE.fullmatch(words) else (words if any(c.isupper() for c in words)
                                                               else words.casefold())
    return [(role, org, "")]


def _name_title_comma_org(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe, CEO & founder, Acme.": the titles, then the organization alone to the end of the clause."""
    m = _TITLE_COMMA.match(doc.text, a.e, a.after_end)
    org = _org_at_the(doc, m.end()) if m else None
    if m is None or org is None or not _CLAUSE_END.match(doc.text, doc.entities[org].end, a.after_end):
        return []
    return [(spell(m.group("role")), org, "")]


def _org_led_by_name(doc: Doc, a: Around) -> list[Tie]:
    """"Acme is led by Jane Roe", "Acme, founded by Jane Roe", "Acme, which was co-founded in 2004 by its CEO
    Jane Roe": the organization right before the passive verb."""
    if " by " not in a.before[-40:]:
        return []
    m = _LED_BY.search(a.before)
    org = doc.by_end.get(a.s - len(a.before) + m.start()) if m else None
    if m is None or org is None or doc.label[org] != ORGANIZATION:
        return []
    verb = m.group("verb").casefold()
    return [(spell(m.group("role")) if m.group("role") else _LED_ROLE.get(verb, ""), org, "")]


def _score_line_winner(doc: Doc, a: Around) -> list[Tie]:
    """"Velmora 4, Quorvex 1: Jane Roe scored twice ... John Doe made 30 saves.": under a score that names the
    winner first, the paragraph's players play for the winner, unless their sentence says for whom ("Amos
    Fitch scored for Quorvex and Ada Quill stopped 22 shots": neither is the winner's)."""
    if any(org is not None for _, org, _ in a.found):
        return []
    lines = _score_lines(doc)
    if not lines:
        return []
    k = bisect.bisect_right(lines, (a.s,)) - 1
    if k < 0 or doc.text.find("\n", lines[k][1], a.s) >= 0 or lines[k][1] > a.s:
        return []
    lo, hi = doc.sentence(a.s)
    if _FOR_SOMEONE.search(doc.text, max(lo, lines[k][1]), hi):
        return []
    return [("", lines[k][2], "")]


def _score_lines(doc: Doc) -> list[tuple[int, int, int]]:
    """(line start, where its score ends, the winner) for each line that opens with a score, once per article."""
    lines = doc.memo.get("score-lines")
    if lines is None:
        lines = doc.memo["score-lines"] = [(m.start(), m.end(), org) for m in _SCORE_LINE.finditer(doc.text)
                                           if (org := _org_at_the(doc, m.start())) is not None
                                           ] if _SCORE.search(doc.text) else []
    assert isinstance(lines, list)
    return lines


def _score_line_team(doc: Doc, at: int, place: str) -> int | None:
    """The team a city stands for in the paragraph under a score line ("Velmora 4, Quorvex 3: ... Harrowgate
    held on to beat Tarnby. Jane Roe scored for Tarnby"): the winner where the paragraph says that city won,
    the loser where it says another city won; None where it says neither."""
    lines = _score_lines(doc)
    k = bisect.bisect_right(lines, (at,)) - 1
    if k < 0 or doc.text.find("\n", lines[k][1], at) >= 0 or lines[k][1] > at:
        return None
    start, score_end, winner = lines[k]
    loser = doc.last_before(score_end, ORGANIZATION, {doc.canon(winner)})
    if loser is None or doc.entities[loser].start < start:
        return None
    end = doc.text.find("\n", score_end)
    won = {" ".join((m.group("led") or m.group("won")).split())
           for m in _WINNER_PLACE.finditer(doc.text, score_end, end if end >= 0 else len(doc.text))}
    if not won:
        return None
    return winner if place in won else loser


def _name_then_team_won(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe threw for three touchdowns and ran for another and Quorvex State rolled past Velmora", "Jane
    Roe scored twice as the Quorvex beat": a player's game, then the team it won for. A bare one-word name
    there ("and Harrowgate beat Tarnby") is most often a city standing for its team, so no tie."""
    m = _GAME.match(doc.text, a.e, a.after_end)
    if m is None:
        return []
    stop = _CLAUSE_END.search(doc.text, m.end(), min(a.after_end, m.end() + 120))
    for link in _TEAM_WON.finditer(doc.text, m.end(), stop.start() if stop else min(a.after_end, m.end() + 120)):
        org = _org_at_the(doc, link.end())
        if org is None:
            continue
        entity = doc.entities[org]
        the = doc.text.startswith("the ", link.end()) or " " in doc.surface(org).strip()
        if the and (link.group("to") or _WON.match(doc.text, entity.end, entity.end + 30)):
            return [("", org, "")]
    return []


def _joining_org_name(doc: Doc, a: Around) -> list[Tie]:
    """"Prior to joining Acme, Jane Roe was ...", "After leaving Acme, Jane Roe": the name is the sentence's
    subject, who works or worked there."""
    if not a.before.endswith(", "):
        return []
    org = doc.by_end.get(a.s - 2)
    if org is None or doc.label[org] != ORGANIZATION:
        return []
    start = doc.entities[org].start
    joining = _JOINING.search(doc.text, max(0, start - 30), start)
    return [("founder" if "founding" in joining.group().casefold() else "", org, "")] if joining else []


def _org_named_name_title(doc: Doc, a: Around) -> list[Tie]:
    """"Acme has named Jane Roe its new chief executive", "Acme promoted Jane Roe to CFO": the organization
    right before the verb, a title right after the name (no title: "the suit named Jane Roe" is no tie)."""
    last = a.before.rsplit(None, 1)[-1] if a.before.endswith(" ") and a.before.strip() else ""
    m = _NAMED.search(a.before) if last in _NAMED_VERBS else None
    org = doc.by_end.get(a.s - len(a.before) + m.start()) if m else None
    if org is None or doc.label[org] != ORGANIZATION:
        return []
    titled = _NAMED_TITLE.match(doc.text, a.e, a.after_end) or _PROMOTED_TO.match(doc.text, a.e, a.after_end)
    return [(spell(titled.group("role")), org, "")] if titled else []


def _name_of_org(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe of Acme", "Jane Roe from the Acme Institute"."""
    m = _OF.match(doc.text, a.e, a.after_end)
    org = _org_at_the(doc, m.end()) if m else None
    return [("", org, "")] if org is not None else []


def _name_verb_org(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe, who heads Acme", "Jane Roe co-founded Acme", "Jane Roe joined Acme as CFO"."""
    v = _VERB.match(doc.text, a.e, a.after_end)
    org = _org_at(doc, v.end()) if v else None
    if v is None or org is None:
        return []
    verb = v.group("verb").casefold()
    role = next((r for stem, r in _VERB_ROLE.items() if verb.startswith(stem)), "")
    as_role = _AS_ROLE.match(doc.text, doc.entities[org].end, a.after_end)
    if verb.startswith(("join", "rejoin")) and as_role:
        role = spell(as_role.group("role"))
    return [(role, org, "")]


def _org_hired_name(doc: Doc, a: Around) -> list[Tie]:
    """"Acme hired Jane Roe (as its general counsel)": the sentence's subject hires. In "Acme bought
    Beta and is bringing on CEO Jane Roe" the hired CEO is Beta's (the bare title found before is
    moved there)."""
    s = a.s
    k = bisect.bisect_left(a.hires, s - 100)
    if not (k < len(a.hires) and a.hires[k] < s):
        return []
    hire = _HIRE.search(doc.text, max(s - 100, doc.sentence(s)[0]), s)
    if not hire:
        return []
    orgs = doc.within(doc.sentence(s)[0], hire.start(), ORGANIZATION)
    if not orgs:
        return []
    hirer = doc.canon(orgs[0])
    others = [o for o in orgs if doc.canon(o) != hirer]
    first = a.found[0] if a.found else None
    if first and first[1] is None and first[0] and corporate(first[0]) and others:
        a.found[0] = (first[0], others[-1], first[2])
    as_role = _AS_ROLE.match(doc.text, a.e, a.after_end)
    return [(spell(as_role.group("role")) if as_role else "", orgs[0], "")]


def _name_scored_for_org(doc: Doc, a: Around) -> list[Tie]:
    """"Jane Roe scored twice for the Velmora Wolves", "Jane Roe and John Doe also scored for Velmora": a
    player's part in a game, said "for" the team (each name of a list joined by "and" or commas)."""
    if doc.text.find(" for ", a.e, a.after_end) < 0:
        return []
    at = a.e
    for _ in range(6):  # past the other names of the list
        joined = _AND_NAME.match(doc.text, at, a.after_end)
        if not joined or not _person_at(doc, joined.end()):
            break
        at = doc.entities[doc.by_start[joined.end()]].end
    m = _PLAYED_FOR.match(doc.text, at, a.after_end)
    if m is None:
        return []
    org = _org_at_the(doc, m.end())  # "for his eighth win as Columbus" is no team's
    if org is None and (place := _PLACE_AFTER.match(doc.text, m.end())) is not None:
        org = _score_line_team(doc, a.s, " ".join(place.group().split()))  # "scored for Harrowgate"
    stop = min(a.after_end, m.end() + 60)
    clause = _CLAUSE_END.search(doc.text, m.end(), stop)
    for later in _FOR.finditer(doc.text, m.end(), clause.start() if clause else stop):
        if org is not None:
            break
        org = _org_at_the(doc, later.end())  # "rushed for 101 yards on 14 carries for Acme"
    return [("", org, "")] if org is not None else []


@dataclass(frozen=True, slots=True)
class AffiliationRule:
    """One entry: its name, what it reads around a person mention, its place, and what it reads in words.

    ``side``: the rules of one side of the name ("before" or "after") are tried in order and the
    first that finds a tie speaks for that side; a rule of no side is always tried. ``says`` is the
    entry in a line, for the user who asks why brief ties a person to an organization (``w``)."""

    name: str
    find: Callable[[Doc, Around], list[Tie]]
    side: str = ""
    says: str = ""


AFFILIATION_RULES: tuple[AffiliationRule, ...] = (
    AffiliationRule("org-title-name", _org_title_name, "before",
                    says="“Acme CEO Jane Roe”: the organization, the title and the name are one noun phrase."),
    AffiliationRule("its-title-name", _its_title_name, "before",
                    says="“its CEO Jane Roe”: the title belongs to the organization named last before, in this "
                         "sentence or the one before."),
    AffiliationRule("subject-title-name", _subject_title_name, "before",
                    says="“Acme is growing, the founders Jane Roe and John Doe said”: a company's title after “the”, "
                         "in a sentence that opens with the organization and names no other before it."),
    AffiliationRule("position-code-name", _position_code_name, "before",
                    says="“DL Jane Roe 63 85%” at the start of a line: a stats line's player, at the position the "
                         "code stands for, plays for the team the article names first."),
    AffiliationRule("bare-title-name", _bare_title_name, "before",
                    says="“CEO Jane Roe” with nothing in front of the title: a company title goes to the company the "
                         "article is about."),
    AffiliationRule("org-name", _org_name, "before",
                    says="“Acme's Jane Roe”: the name owned by the organization."),
    AffiliationRule("owned-title-comma-name", _owned_title_comma_name, "before",
                    says="“Acme's chief executive, Jane Roe,”: the organization's title, then the name after a comma."),
    AffiliationRule("name-title-of-org", _name_title_of_org, "after",
                    says="“Jane Roe, co-founder of Acme”, “Jane Roe is president of Acme”: the title, then “of” the "
                         "organization."),
    AffiliationRule("name-org-title", _name_org_title, "after",
                    says="“Jane Roe, Acme's CEO”, “Jane Roe, a former Acme executive”: an apposition naming the "
                         "organization and the title."),
    AffiliationRule("name-role-at-org", _name_role_at_org, "after",
                    says="“Jane Roe, a market analyst with Acme”: an apposition holding a title, then “at”, “with” or "
                         "“for” the organization."),
    AffiliationRule("name-title-comma-org", _name_title_comma_org, "after",
                    says="“Jane Roe, CEO & founder, Acme.”: the titles, then the organization alone to the end of the "
                         "clause."),
    AffiliationRule("name-of-org", _name_of_org, "after",
                    says="“Jane Roe of Acme”, “Jane Roe from the Acme Institute”."),
    AffiliationRule("name-verb-org", _name_verb_org,
                    says="“Jane Roe, who heads Acme”, “Jane Roe co-founded Acme”, “Jane Roe joined Acme as CFO”."),
    AffiliationRule("name-scored-for-org", _name_scored_for_org,
                    says="“Jane Roe scored twice for the Velmora Wolves”: a player's part in a game, said “for” the "
                         "team."),
    AffiliationRule("org-led-by-name", _org_led_by_name,
                    says="“Acme is led by Jane Roe”, “Acme, founded by Jane Roe”: the organization right before the "
                         "passive verb."),
    AffiliationRule("joining-org-name", _joining_org_name,
                    says="“Prior to joining Acme, Jane Roe was …”: the name is the subject of a sentence about "
                         "working there."),
    AffiliationRule("org-named-name-title", _org_named_name_title,
                    says="“Acme has named Jane Roe its new chief executive”: the organization names the person to a "
                         "title."),
    AffiliationRule("score-line-winner", _score_line_winner,
                    says="“Velmora 4, Quorvex 1: Jane Roe scored twice”: under a score line, the paragraph's players "
                         "play for the winner."),
    AffiliationRule("name-then-team-won", _name_then_team_won,
                    says="“Jane Roe threw for three touchdowns and Quorvex State rolled past Velmora”: a player's "
                         "game, then the team that won."),
    AffiliationRule("org-hired-name", _org_hired_name,
                    says="“Acme hired Jane Roe as its general counsel”: the sentence's subject hires the person."),
)
"""The rules, in order. More names mark ties made after them: ``article-company`` (a bare company
title given to the company the article is about), ``parent-of-unit`` (a unit's person tied to the
organization the unit is named after: "Acme Research Labs", not the firm "Acme Health") and
``title-list`` (a plural title in front of a list of names, "Acme co-founders Jane Roe and John Doe",
given to each)."""
MARKS: dict[str, str] = {
    "title-alone": "A title before the name that belongs to no organization named there (“Sen. Jane Roe”).",
    "article-company": "“CEO Jane Roe” with no company named: the title goes to the company the article is about.",
    "parent-of-unit": "A unit's person, tied to the organization the unit is named after (“Acme Research Labs”).",
    "title-list": "A plural title before a list of names (“Acme co-founders Jane Roe and John Doe”), given to each.",
    "teammate-in-sentence": "“Jane Roe had a goal, and John Doe scored for Acme”: the players of one sentence that "
                            "names one team play for it.",
    "deal-owner": "A person who buys a company, or a stake in it, owns it or holds shares: the deal's sentence "
                  "(“Acme was bought by Jane Roe”).",
}
"""The names that mark ties made after the rules, and what each says (as an entry's ``says``)."""
RULE_NAMES = frozenset({r.name for r in AFFILIATION_RULES} | set(MARKS))
_BEFORE = frozenset({r.name for r in AFFILIATION_RULES if r.side == "before"} | {"title-alone"})


def find_affiliations(doc: Doc) -> list[AffiliationSpan]:
    """Every (person, role, organization) tie the body states, once per person and organization."""
    found: list[AffiliationSpan] = []
    parents: dict[int, int] | None = None
    dominant: list[int | None] = []
    hires = positions(doc.text, _HIRE_STEMS)
    listed: tuple[int, list[Tie]] = (-1, [])  # where the last name ended, and the ties a list after it shares
    for s, e, i in doc.persons:
        ties = _ties(doc, s, e, hires)
        if listed[1] and _LIST_GAP.fullmatch(doc.text, listed[0], s) and not any(
                r in _BEFORE for _, _, r in ties):  # "co-founders Jane Roe and John Doe": Doe's too
            ties = [(role, org, "title-list") for role, org, _ in listed[1]] + ties
        head = doc.text[max(0, s - 40):s]
        word = head.rsplit(None, 1)[-1].casefold().rsplit("-", 1)[-1] if head.strip() else ""
        plural = word.endswith("s") and word[:-1] in TITLE_ENDS and _PRE_PLURAL.search(doc.text, max(0, s - 80), s)
        shared = [t for t in ties if t[2] in _BEFORE or t[2] == "title-list"]
        listed = (e, shared if plural or (listed[1] and shared and shared[0][2] == "title-list") else [])
        if not ties:
            continue
        lo, hi = doc.sentence(s)
        if any(org is None and role and _to_article(role, rule) for role, org, rule in ties):
            if not dominant:
                dominant.append(doc.dominant_org())
            explicit = next((org for role, org, _ in ties if org is not None and not role), None)
            ties = [(role, explicit if explicit is not None else dominant[0],
                     rule if explicit is not None or dominant[0] is None else "article-company")
                    if org is None and _to_article(role, rule) else (role, org, rule) for role, org, rule in ties]
        for role, org, rule in ties:
            found.append(AffiliationSpan(i, org, role or None, lo, hi, rule))
            if org is not None and parents is None:
                parents = _parents(doc)  # only for an article that ties someone to something
            if org is not None and parents is not None and org in parents:
                found.append(AffiliationSpan(i, parents[org], None, lo, hi, "parent-of-unit"))
    return _dedupe(doc, found + _teammates(doc, found))


def _teammates(doc: Doc, found: list[AffiliationSpan]) -> list[AffiliationSpan]:
    """"Jane Roe had a goal and an assist, and John Doe scored for Acme", "John Doe scored for Acme and Jane
    Roe stopped 22 shots": in a sentence that names no organization but a team a player scored for, the
    other players named with their part in the game play for it too."""
    teams: dict[tuple[int, int], int] = {}
    for a in found:
        if a.rule == "name-scored-for-org" and a.organization is not None:
            teams[(a.start, a.end)] = a.organization
    if not teams:
        return []
    tied = {doc.canon(a.person) for a in found if a.organization is not None}
    out = []
    for s, e, i in doc.persons:
        if doc.canon(i) in tied or not _PLAYED.match(doc.text, e):
            continue
        lo, hi = doc.sentence(s)
        team = teams.get((lo, hi))
        if team is not None and {doc.canon(k) for k in doc.within(lo, hi, ORGANIZATION)} <= {doc.canon(team)}:
            tied.add(doc.canon(i))
            out.append(AffiliationSpan(i, team, None, lo, hi, "teammate-in-sentence"))
    return out


_OWNER_BY_KIND = {"acquisition": "owner", "stake": "shareholder"}


def deal_owners(doc: Doc, deals: list[DealSpan], found: list[AffiliationSpan]) -> list[AffiliationSpan]:
    """``found`` with the people who buy a company or a stake in it, as its owner or a shareholder, where
    no tie between the two is there already (a deal is kept whatever ``find_deals`` read it from)."""
    have = {(doc.canon(a.person), doc.canon(a.organization)) for a in found if a.organization is not None}
    out = list(found)
    for d in deals:
        role = _OWNER_BY_KIND.get(d.kind)
        if role is None or d.buyer is None or d.target is None or doc.label[d.buyer] != PERSON \
                or doc.label[d.target] != ORGANIZATION:
            continue
        key = (doc.canon(d.buyer), doc.canon(d.target))
        if key not in have:
            have.add(key)
            out.append(AffiliationSpan(d.buyer, d.target, role, d.start, d.end, "deal-owner"))
    return out


def _to_article(role: str, rule: str) -> bool:
    """Whether a tie with no organization yet goes to the article's company: a bare company title, or a
    band's players named after a plural title ("founding members Jane Roe and John Doe")."""
    return rule == "bare-title-name" or (rule == "title-list" and band(role))


def _ties(doc: Doc, s: int, e: int, hires: list[int]) -> list[Tie]:
    """(role or "", organization or None, rule) for the person mention ``text[s:e]``, by the rules in order."""
    text = doc.text
    line_start = text.rfind("\n", max(0, s - 80), s) + 1
    after_end = min(len(text), e + 160)
    nl = text.find("\n", e, after_end)
    before = text[max(line_start, s - 80):s]
    aside = _ASIDE.match(text, e, after_end)  # "Jane Roe, 56, chief executive of", "Jane Roe (born 1961) is"
    a = Around(s, aside.end() if aside else e, before, nl if nl >= 0 else after_end, hires, [],
               _title_in_front(s, before))
    done: set[str] = set()
    for rule in AFFILIATION_RULES:
        if rule.side and rule.side in done:
            continue
        ties = rule.find(doc, a)
        if ties:
            a.found.extend((role, org, named or rule.name) for role, org, named in ties)
            if rule.side:
                done.add(rule.side)
    return a.found


def _owned_title_before(doc: Doc, head: str, offset: int) -> tuple[str, int] | None:
    """A title owned by an organization ("Acme's CEO", "its CEO") at the end of ``head`` (at ``offset``)."""
    last = head.rsplit(None, 1)[-1].casefold() if head.strip() else ""
    pre = _PRE.search(head + " ") if last in TITLE_ENDS else None
    if not pre:
        return None
    role_start = offset + pre.start("role")
    org = _org_ending(doc, role_start)
    if org is not None and doc.text[doc.entities[org].end:doc.entities[org].end + 1] in ("'", "’"):
        return spell(pre.group("role")), org
    if _ITS.search(doc.text, max(0, role_start - 8), role_start):
        org = doc.last_before(role_start, ORGANIZATION)
        if org is not None:
            return spell(pre.group("role")), org
    return None


def _org_ending(doc: Doc, at: int) -> int | None:
    """The organization ending just before ``at``: "Acme CEO", "Acme's CEO", "Acme’s Jane Roe"."""
    text = doc.text
    if text.startswith(") ", at - 2):  # "Acme Inc. (ACME.O) Chief Executive Jane Roe"
        opening = text.rfind("(", max(0, at - 24), at - 2)
        if opening > 0 and " " not in text[opening:at - 2].strip("()"):
            at = opening
    for gap in ("",) + _POSSESSIVE:
        end = at - len(gap) - (0 if gap else 1)
        if gap and not text.startswith(gap, end):
            continue
        if not gap and not text[end:at].isspace():
            continue
        i = doc.by_end.get(end)
        if i is not None and doc.label[i] == ORGANIZATION:
            return i
    return None


def _org_after(doc: Doc, at: int, end: int) -> int | None:
    """The organization at ``at``, or after "the" and up to three describing words ("the research firm Acme")."""
    org = _org_at(doc, at)
    k = at
    for _ in range(4):
        if org is not None:
            return org
        word = re.match(r"[a-z][\w-]*\s+", doc.text[k:min(end, k + 30)])
        if not word:
            return None
        k += word.end()
        org = _org_at(doc, k)
    return org


def _org_at(doc: Doc, at: int) -> int | None:
    i = doc.by_start.get(at)
    return i if i is not None and doc.label[i] == ORGANIZATION else None


def _org_at_the(doc: Doc, at: int) -> int | None:
    """The organization starting at ``at``, or after a "the" there (which the mention may or may not hold)."""
    org = _org_at(doc, at)
    if org is None and doc.text.startswith(("the ", "The "), at):
        org = _org_at(doc, at + 4)
    return org


def _person_at(doc: Doc, at: int) -> bool:
    i = doc.by_start.get(at)
    return i is not None and doc.label[i] == PERSON


def _parents(doc: Doc) -> dict[int, int]:
    """Units named after another organization of the article: "Acme Research Labs" -> "Acme".

    Only a name that ends in a unit's noun ("Labs", "Division"): "Acme Health" or "Acme North America" is
    a firm of its own, and its people are its, not the parent's. An initialism stands for its expansion
    when the article has one ("ARL" for "Acme Research Labs").
    """
    first: dict[str, int] = {}
    for _, _, i in doc.orgs:
        first.setdefault(doc.canon(i), i)
    expansions: dict[str, int] = {}
    out: dict[int, int] = {}
    for name, i in first.items():
        words = name.split()
        for k in range(len(words) - 1, 0, -1):
            parent = first.get(" ".join(words[:k]))
            if parent is not None and _UNIT.search(name):
                out[i] = parent
                initials = "".join(w[0] for w in doc.surface(i).split() if w[:1].isupper())
                expansions.setdefault(initials, i)
                break
    for _, _, i in doc.orgs:
        surface = doc.surface(i)
        if i not in out and _INITIALISM.fullmatch(surface) and surface in expansions:
            out[i] = out[expansions[surface]]
        elif doc.canon(i) in first and first[doc.canon(i)] in out:
            out[i] = out[first[doc.canon(i)]]
    return out


def _dedupe(doc: Doc, found: list[AffiliationSpan]) -> list[AffiliationSpan]:
    """One tie per person and organization (the first, with the first role the text gives)."""
    seen: dict[tuple[str, str | None], AffiliationSpan] = {}
    for a in found:
        key = (doc.canon(a.person), doc.canon(a.organization) if a.organization is not None else a.role)
        if key not in seen:
            seen[key] = a
        elif seen[key].role is None and a.role:
            seen[key].role = a.role
            seen[key].rule = a.rule  # the rule that gave the role says most
    tied = {(doc.canon(a.person), a.role) for a in seen.values() if a.organization is not None}
    return [a for a in seen.values() if a.organization is not None or (doc.canon(a.person), a.role) not in tied]
