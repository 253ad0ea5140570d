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

from brief.pipeline.relations.context import ORGANIZATION, PERSON, Doc, positions
from brief.pipeline.relations.model import AffiliationSpan
from brief.pipeline.relations.titles import MODS, TITLE, TITLE_ENDS, corporate, spell

_PRE = re.compile(rf"(?:^|(?<=[\s(\"“,;:—–-]))(?P<role>{TITLE})\s+$", re.IGNORECASE)
_MODS_BEFORE = re.compile(rf"(?:^|(?<=\s))(?P<mods>{MODS})$", re.IGNORECASE)
_ROLE_OF = re.compile(
    rf"(?:,\s*(?:who\s+(?:is|was|has\s+been|had\s+been|became|serves\s+as|served\s+as|was\s+named|"
    rf"was\s+appointed|was\s+elected|was\s+promoted\s+to)\s+)?"
    rf"|\s+(?:is|was|became|has\s+been|had\s+been|remains|serves\s+as|served\s+as|was\s+named|"
    rf"was\s+appointed|was\s+elected|was\s+promoted\s+to)\s+)"
    rf"(?:(?:the|a|an|its|their|his|her)\s+)?(?P<role>{TITLE}(?:\s+of\s+[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){{0,2}}"
    rf"(?=\s+(?:at|for|with)\s))?)\s+(?:of|at|for|with)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_OF = re.compile(r"\s+(?:of|from|at)\s+")
_OWNER_FIRST = re.compile(
    r"(?:,|\s+(?:is|was|became))\s*(?:(?:the|a|an)\s+)?(?P<mods>(?:(?:former|then|longtime|senior)\s+)*)")
_OWNED_ROLE = re.compile(rf"(?P<pos>['’]s?)?\s+(?P<role>{TITLE})\b", re.IGNORECASE)
_VERB = re.compile(
    r"(?:,\s*(?:who\s+)?|\s+(?:who\s+)?)(?:(?:will|would|is\s+to|is\s+set\s+to|plans\s+to|has|had)\s+)?"
    r"(?:(?:now|currently|also|previously|once)\s+)?"
    r"(?P<verb>heads|headed|heading|leads|led|leading|runs|ran|running|co-?founded|founded|chairs|chaired|"
    r"joined|joins|joining|join|rejoined|works\s+(?:at|for)|worked\s+(?:at|for)|working\s+(?:at|for))\s+(?:the\s+)?"
)
_VERB_ROLE = {"head": "head", "lead": "head", "led": "head", "run": "head", "ran": "head", "founded": "founder",
              "cofounded": "co-founder", "co-founded": "co-founder", "chair": "chair"}
_AS_ROLE = re.compile(rf"\s+as\s+(?:(?:its|a|an|the|their)\s+)?(?P<role>{TITLE})\b", re.IGNORECASE)
_HIRE = re.compile(
    rf"\b(?:hired|hires|hiring|recruited|recruits|recruiting|appointed|appoints|appointing|tapped|taps|"
    rf"poached|poaches|poaching|brought\s+on|bringing\s+on|brings\s+on|brought\s+in|bringing\s+in|"
    rf"brought\s+back|lured|lures|luring)\s+(?:(?:its|a|an|the|former|new)\s+)*(?:{TITLE}\s+)?$",
    re.IGNORECASE,
)
_HIRE_STEMS = ("hir", "recruit", "appoint", "tap", "poach", "brought", "bring", "lur")
_POSSESSIVE = ("’s ", "'s ", "’ ", "' ")
_ITS = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_INITIALISM = re.compile(r"[A-Z]{2,6}")


def find_affiliations(doc: Doc) -> list[AffiliationSpan]:
    """Every (person, role, organization) tie the body states, once per person and organization."""
    found: list[AffiliationSpan] = []
    parents: dict[int, int] | None = None
    dominant: list[int | None] = []
    hires = positions(doc.text, _HIRE_STEMS)
    for s, e, i in doc.persons:
        ties = _ties(doc, s, e, hires)
        if not ties:
            continue
        lo, hi = doc.sentence(s)
        if any(org is None and role and corporate(role) for role, org in ties):
            if not dominant:
                dominant.append(doc.dominant_org())
            explicit = next((org for role, org in ties if org is not None and not role), None)
            ties = [(role, explicit if explicit is not None else dominant[0])
                    if org is None and role and corporate(role) else (role, org) for role, org in ties]
        for role, org in ties:
            found.append(AffiliationSpan(i, org, role or None, lo, hi))
            if org is not None and parents is None:
                parents = _parents(doc)  # only for an article that ties someone to something
            if org is not None and org in parents:
                found.append(AffiliationSpan(i, parents[org], None, lo, hi))
    return _dedupe(doc, found)


def _ties(doc: Doc, s: int, e: int, hires: list[int]) -> list[tuple[str, int | None]]:
    """(role or "", organization or None) pairs stated around the person mention ``text[s:e]``."""
    text = doc.text
    out: list[tuple[str, int | None]] = []
    line_start = text.rfind("\n", max(0, s - 80), s) + 1
    before = text[max(line_start, s - 80):s]
    last = before.rsplit(None, 1)[-1].casefold() if before.strip() else ""
    pre = _PRE.search(before) if last in TITLE_ENDS else None  # the regex only where a title can end
    if pre:
        role_start = s - len(before) + pre.start("role")
        role = spell(pre.group("role"))
        org = _org_ending(doc, role_start)
        if org is not None:
            mods = _MODS_BEFORE.search(text, max(0, doc.entities[org].start - 30), doc.entities[org].start)
            if mods and mods.group("mods"):  # "former Acme chief Jane Roe"
                role = f"{' '.join(mods.group('mods').split()).casefold()} {role}"
        out.append((role, org))
    else:
        org = _org_ending(doc, s)
        if org is not None:
            out.append(("", org))  # "Acme's Jane Roe"
        elif before.endswith(", ") and (tie := _owned_title_before(doc, before[:-2], s - len(before))):
            out.append(tie)  # "Acme's chief executive, Jane Roe," / "Its chief executive, Jane Roe,"
    after_end = min(len(text), e + 160)
    nl = text.find("\n", e, after_end)
    after_end = nl if nl >= 0 else after_end
    m = _ROLE_OF.match(text, e, after_end)
    if m and m.end() in doc.by_start and doc.label[doc.by_start[m.end()]] == ORGANIZATION:
        out.append((spell(m.group("role")), doc.by_start[m.end()]))
    elif (m := _OWNER_FIRST.match(text, e, after_end)) and _org_at(doc, m.end()) is not None:
        org = _org_at(doc, m.end())
        owned = _OWNED_ROLE.match(text, doc.entities[org].end, after_end)
        # "Jane Roe, Acme's CEO" or "Jane Roe, a former Acme executive" -- but in "Jane Roe, Acme CEO John
        # Doe" the title in front of Doe is his
        if owned and (owned.group("pos") or not _person_at(doc, owned.end() + 1)):
            mods = " ".join(m.group("mods").split()).casefold()
            out.append((f"{mods} {spell(owned.group('role'))}".strip(), org))
    elif (m := _OF.match(text, e, after_end)) and (org := _org_at_the(doc, m.end())) is not None:
        out.append(("", org))  # "Jane Roe of Acme", "Jane Roe from the Acme Institute"
    if (v := _VERB.match(text, e, after_end)) and _org_at(doc, v.end()) is not None:
        org = _org_at(doc, v.end())
        verb = v.group("verb").casefold()
        role = next((r for stem, r in _VERB_ROLE.items() if verb.startswith(stem)), "")
        if verb.startswith(("join", "rejoin")) and (as_role := _AS_ROLE.match(text, doc.entities[org].end, after_end)):
            role = spell(as_role.group("role"))
        out.append((role, org))
    k = bisect.bisect_left(hires, s - 100)
    hire = _HIRE.search(text, max(s - 100, doc.sentence(s)[0]), s) if k < len(hires) and hires[k] < s else None
    if hire:
        orgs = doc.within(doc.sentence(s)[0], hire.start(), ORGANIZATION)
        if orgs:
            hirer = doc.canon(orgs[0])
            others = [o for o in orgs if doc.canon(o) != hirer]
            if out and out[0][1] is None and out[0][0] and corporate(out[0][0]) and others:
                # "Acme bought Beta and is bringing on CEO Jane Roe": the hired CEO is Beta's
                out[0] = (out[0][0], others[-1])
            as_role = _AS_ROLE.match(text, e, after_end)  # "Acme hired Jane Roe as its general counsel"
            out.append((spell(as_role.group("role")) if as_role else "", orgs[0]))  # the sentence's subject
    return out


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
    """Organizations named after another organization of the article: "Acme Research Labs" -> "Acme".

    An initialism stands for its expansion when the article has one ("ARL" for "Acme Research Labs").
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
            if parent is not None:
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
    tied = {(doc.canon(a.person), a.role) for a in seen.values() if a.organization is not None}
    return [a for a in seen.values() if a.organization is not None or (doc.canon(a.person), a.role) not in tied]
