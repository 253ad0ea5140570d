"""Roles the text states for a person: "Turing CEO Jane Doe", "Jane Doe, co-founder of Acme".

Three shapes of English news cover most of them: a title before the name (optionally after an
organization, "Acme co-founder Jane Doe"), an appositive after it ("Jane Doe, the chief
executive of Acme,"), and a possessive affiliation ("Acme's Jane Doe").
"""

from __future__ import annotations

import re

_TITLES = (
    r"chief\s+(?:executive|financial|operating|technology|technical|scientist|economist|strategist|"
    r"investment|information|product|marketing|people|legal)(?:\s+officer)?|"
    r"c[efotmi]o|founder|co-?founder|president|vice[-\s]president|chairman|chairwoman|chair|"
    r"(?:managing|executive|general|research|creative|program|policy)?\s*director|head|partner|"
    r"managing\s+partner|general\s+partner|analyst|economist|strategist|spokes(?:man|woman|person)|"
    r"prime\s+minister|minister|secretary(?:\s+of\s+state)?|senator|sen\.|rep\.|representative|"
    r"congress(?:man|woman)|governor|mayor|judge|justice|professor|researcher|scientist|engineer|"
    r"investor|editor|reporter|correspondent|columnist|manager|executive|leader|coach|captain|"
    r"ambassador|commissioner|chancellor|king|queen|prince|princess|pope|general|attorney|lawyer|"
    r"treasurer|trustee|board\s+member|lead|owner|principal|dean|premier|envoy|adviser|advisor|"
    r"counsel|inspector|superintendent|officer|official|chief|boss|rapper|singer|actor|actress|author"
)
_MODS = (r"(?:(?:former|then|acting|interim|deputy|senior|executive|vice|assistant|associate|founding|current|"
         r"new|outgoing|incoming)[-\s]+)*")
# The last word of every title above: only where the text before a name ends in one of these
# can a title stand there, so the (slower) regex runs only then.
_TITLE_ENDS = frozenset("""
ceo cfo coo cto cmo cio officer executive financial operating technology technical scientist economist
strategist investment information product marketing people legal founder co-founder cofounder president
vice-president chairman chairwoman chair director head partner analyst spokesman spokeswoman spokesperson
minister secretary state senator sen. rep. representative congressman congresswoman governor mayor judge
justice professor researcher engineer investor editor reporter correspondent columnist manager leader
coach captain ambassador commissioner chancellor king queen prince princess pope general attorney lawyer
treasurer trustee member lead owner principal dean premier envoy adviser advisor counsel inspector
superintendent official chief boss rapper singer actor actress author
""".split())
_PRE = re.compile(rf"(?:^|[\s(\"“,;:—–-])(?P<role>{_MODS}(?:{_TITLES}))\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?\s+$")
_APPOSITIVE = re.compile(
    rf"^\s*,\s*(?:(?:the|a|an|its|their|his|her)\s+)?(?P<role>{_MODS}(?:{_TITLES}))"
    r"(?:\s+(?:of|at|for|with)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)

_OWNED_ROLE = re.compile(rf"(?:['’]s?)?\s+(?P<role>{_MODS}(?:{_TITLES}))\b", re.IGNORECASE)

Role = tuple[str, object]  # (title, the organization it is held at, or None)


class Orgs:
    """The organization mentions of one text, found by where they start or end."""

    def __init__(self, spans: list[tuple[int, int, object]]) -> None:
        self.by_end = {e: ref for _s, e, ref in spans}
        self.by_start = {s: ref for s, _e, ref in spans}
        self.end_of = {s: e for s, e, _ref in spans}

    def ending_at(self, end: int) -> object:
        """The organization ending at ``end`` or up to 3 characters before it ("Acme’s", "Acme ")."""
        for e in range(end, end - 4, -1):
            if e in self.by_end:
                return self.by_end[e]
        return None


def roles_for(text: str, start: int, end: int, orgs: Orgs | list[tuple[int, int, object]]) -> list[Role]:
    """Roles stated around the person mention ``text[start:end]``, as (title, organization).

    ``orgs`` are the organization mentions of ``text`` as (start, end, reference); the
    reference of the organization a role is held at is returned with it ("Acme's Jane Doe"
    gives ("", acme)).
    """
    if not isinstance(orgs, Orgs):
        orgs = Orgs(orgs)
    found: list[Role] = []
    line_start = text.rfind("\n", max(0, start - 80), start) + 1
    before = text[max(line_start, start - 80):start]
    last = before.rsplit(None, 1)[-1].casefold() if before.strip() else ""
    pre = _PRE.search(before) if last in _TITLE_ENDS else None  # the regex only where a title can end
    if pre:
        role_start = start - len(before) + pre.start("role")
        org = orgs.ending_at(role_start - 1)
        if org is None:
            possessive = _POSSESSIVE.search(text[max(0, role_start - 4):role_start])
            if possessive:
                org = orgs.ending_at(role_start - len(possessive.group()))
        found.append((_tidy(pre.group("role")), org))
    else:
        possessive = _POSSESSIVE.search(before)
        org = orgs.ending_at(start - len(possessive.group())) if possessive else None
        if org is not None:
            found.append(("", org))
    if text.startswith(",", end):
        after = text[end:end + 120].split("\n", 1)[0]
        app = _APPOSITIVE.match(after)
        if app:
            found.append((_tidy(app.group("role")), orgs.by_start.get(end + app.end())))
        else:  # "Jane Doe, Acme's chief executive"
            at = end + len(after) - len(after[1:].lstrip())
            if text.startswith(("the ", "The "), at) and at + 4 in orgs.end_of:
                at += 4  # "Gary Gensler, the SEC chair"
            org_end = orgs.end_of.get(at)
            owned = _OWNED_ROLE.match(text, org_end) if org_end is not None else None
            if owned:
                found.append((_tidy(owned.group("role")), orgs.by_start[at]))
    elif text.startswith(" of ", end) and end + 4 in orgs.by_start:
        found.append(("", orgs.by_start[end + 4]))  # "said Rob Sanderson of Loop Capital"
    return found


def _tidy(role: str) -> str:
    """'CEO' stays; 'Co-founder' reads 'co-founder' inside a sentence."""
    role = " ".join(role.split())
    return role if role[:2].isupper() else role[:1].lower() + role[1:]
