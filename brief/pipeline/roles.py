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
_PRE = re.compile(rf"(?:^|[\s(\"“,;:—–-])(?P<role>{_MODS}(?:{_TITLES}))\s+$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\s+$")
_APPOSITIVE = re.compile(
    rf"^\s*,\s*(?:(?:the|a|an|its|their|his|her)\s+)?(?P<role>{_MODS}(?:{_TITLES}))"
    r"(?:\s+(?:of|at|for|with)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)

def _org_ending_at(end: int, org_spans: list[tuple[int, int, str]]) -> tuple[str, int] | None:
    for s, e, name in org_spans:
        if e == end or (end - e <= 3 and e < end):
            return name, s
    return None


def _org_starting_at(start: int, org_spans: list[tuple[int, int, str]]) -> str | None:
    for s, _e, name in org_spans:
        if s == start:
            return name
    return None


def roles_for(text: str, start: int, end: int, org_spans: list[tuple[int, int, str]]) -> list[str]:
    """Roles stated around the person mention ``text[start:end]``.

    ``org_spans`` are (start, end, canonical name) of the organization mentions of ``text``.
    """
    found: list[str] = []
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 80):start]
    pre = _PRE.search(before)
    if pre:
        role = _tidy(pre.group("role"))
        role_start = start - len(before) + pre.start("role")
        org = _org_ending_at(role_start - 1, org_spans)
        if org is None:
            pos_match = _POSSESSIVE.search(text[max(0, role_start - 4):role_start])
            if pos_match:
                org = _org_ending_at(role_start - len(pos_match.group()), org_spans)
        found.append(f"{role} of {org[0]}" if org else role)
    elif _POSSESSIVE.search(before):
        org = _org_ending_at(start - len(_POSSESSIVE.search(before).group()), org_spans)  # type: ignore[union-attr]
        if org:
            found.append(org[0])
    line_end = text.find("\n", end)
    after = text[end:(line_end if line_end != -1 else len(text))][:120]
    app = _APPOSITIVE.match(after)
    if app:
        role = _tidy(app.group("role"))
        org_name = _org_starting_at(end + app.end(), org_spans)
        found.append(f"{role} of {org_name}" if org_name else role)
    return found


def _tidy(role: str) -> str:
    role = " ".join(role.split())
    return role if role.isupper() else role[:1].lower() + role[1:] if not role[:2].isupper() else role
