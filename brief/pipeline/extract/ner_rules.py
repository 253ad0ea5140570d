"""Rules that type one capitalised chunk from its own words.

A chunk is a run of capitalised words (with "of", "&", "van"... inside) in running prose.
``analyse`` cuts it into mentions and types each one when the words themselves say so: an
organisation head or legal suffix at the end ("... Bank", "... Inc."), a title or honorific
before a name ("CEO X", "Mr. X"), a known first name ("Phil X"), an acronym, a CamelCase
brand. What the words alone cannot settle is returned untyped, for the article-level pass
(context, other mentions, lists) in ``entities``.
"""

from __future__ import annotations

import re

from brief.pipeline.extract.lexicon import given_names, places
from brief.pipeline.extract.lexicon_en import (
    ACRONYM_STOP,
    AMBIGUOUS_TITLES,
    CORP_SUFFIXES,
    CORP_TAILS,
    DEMONYMS,
    DEPARTMENTS,
    FUNCTION,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEADS,
    PREFIX_TITLES,
    TITLES,
)
from brief.pipeline.extract.lexicon_names import east_asian_surname_at

PERSON = "person"
ORG = "organization"
PLACE = "place"  # not returned; kept so that sports reports can turn a city into its club

# Strength of the evidence for a typed mention: strong mentions seed the article's dictionary.
STRONG, WEAK, NONE = 2, 1, 0

_CAMEL = re.compile(r"^(?:[A-Z][a-z]+[A-Z]|[A-Z]{2,}[a-z]{2,}|[a-z]+[A-Z])")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
_NOT_CAMEL = re.compile(r"^(?:Mc|Mac|O'|O’|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)[A-Z]")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z&]{1,6}|(?:[A-Z]\.){2,4})$")

# Institutions that a single capitalised word names.
SINGLE_ORGS = frozenset(
    "congress senate house parliament treasury pentagon fed cabinet politburo knesset duma army navy "
    "bundestag interpol kremlin nasdaq".split()
)
# Roles that, between two chunks, make the left one an organisation ("X CEO Y", "X coach Y").
ORG_ROLES = frozenset(
    """ceo cfo coo cto chairman chairwoman president founder co-founder cofounder spokesman
    spokeswoman spokesperson chief executive director coach manager captain owner head
    striker midfielder defender goalkeeper analyst economist""".split()
)


def is_acronym(w: str) -> bool:
    return bool(_ACRONYM.match(w)) and w.lower() not in ACRONYM_STOP


def is_camel(w: str) -> bool:
    return bool(_CAMEL.match(w)) and not _NOT_CAMEL.match(w) and w.lower() not in ACRONYM_STOP


def is_org_head(w: str) -> bool:
    return w.lower() in ORG_HEADS


def org_by_form(ws: list[str]) -> bool:
    """Does the chunk's own wording make it an organisation?"""
    last = ws[-1].lower()
    if last in ORG_HEADS or last in CORP_SUFFIXES or last == "ai" and len(ws) > 1 and ws[0].lower() not in DEMONYMS:
        return len(ws) > 1 or last in SINGLE_ORGS
    if last in SINGLE_ORGS:
        return True
    if (
        ws[0] == "United"
        and 2 <= len(ws) <= 3
        and ws[1][0].isupper()
        and not is_place(ws[:2])
        and not any(w.lower() in TITLES for w in ws)
    ):
        return True  # "United Nations", "United Technologies" (the countries are places, seen first)
    if "&" in ws[1:-1]:
        return True  # "Young & Rubicam", "Procter & Gamble"
    for k in range(1, len(ws) - 1):
        if ws[k] in ("of", "for", "on") and ws[k - 1].lower() in ORG_HEADS:
            return True
    return False


_GEO_PLURALS = frozenset(
    """islands isles mountains mountains hills heights falls springs lakes plains keys woods acres shores
    estates gardens sands rapids highlands lowlands territories provinces states islanders""".split()
)


def team_by_form(ws: list[str], lower_vocab: set[str]) -> bool:
    """A place and a plural nickname the article does not use as a common noun: "San Francisco
    Giants", "Chicago Cubs", "Miami Dolphins"; not "Atlanta Games", "Paul Haarhuis"."""
    last = ws[-1]
    if len(ws) < 2 or last[-1] != "s" or len(last) < 4 or not last[1:].islower():
        return False
    low = last.lower()
    if low in _GEO_PLURALS:
        return False
    if low in DEMONYMS or low in ORG_HEADS or low in lower_vocab or is_place(ws[-1:]):
        return False
    if not ws[0].isalpha() or ws[0].lower() in given_names() or ws[0].lower() in places()[1]:
        return False
    return is_place(ws[:-1]) or len(ws) > 2 and is_place(ws[:-2]) and ws[-2][1:].islower()


def is_place(ws: list[str]) -> bool:
    return " ".join(ws).lower() in places()[0]


def is_demonym_run(ws: list[str]) -> bool:
    return all(w.lower() in DEMONYMS for w in ws)


_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
GENERATIONS = frozenset(("Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"))


def person_by_form(ws: list[str]) -> bool:
    """A known first name, or initials, followed by one to three more name words ("Phil
    Simmons", "C. Lewis", "J.P. Bolduc"), or any first name with a middle initial ("Delmont A.
    Davis"), or an East Asian name ("Zemin Jiang")."""
    if len(ws) > 2 and ws[-1] in GENERATIONS:
        ws = ws[:-1]  # "William Lilley III", "S.I. Newhouse Jr."
    if not 2 <= len(ws) <= 4:
        return False
    if len(ws) == 2 and east_asian_surname_at(ws) is not None:
        return not is_place(ws)  # "Zemin Jiang", "Li Peng", "Kim Dae-jung"
    first = ws[0]
    last = ws[-1]
    if _INITIALS.match(first) and last[0].isupper() and len(last) > 2:
        if len(first) == 2:
            return not is_place(ws[-1:]) and last.lower() not in ORG_HEADS
        return (
            first.lower() not in places()[0]
            and first.lower() not in ACRONYM_STOP
            and not any(w.lower() in TITLES or w.lower() in ORG_HEADS for w in ws[1:])
        )
    if last.isupper() and len(last) > 2 or not last[0].isupper():
        return False
    low = last.lower()
    if low in ORG_HEADS or low in CORP_TAILS or low in DEMONYMS or low in MONTHS:
        return False
    if len(ws) >= 3 and len(ws[1]) == 2 and ws[1][1] == "." and ws[1][0].isupper() and _plain_word(first):
        return True  # "Deryck C. Maughan": a middle initial marks a person
    if first.isupper() and len(first) > 1 or first.lower() not in given_names():
        return False
    return " ".join(ws[1:]).lower() not in places()[2] or len(ws) > 2


def signature_cut(ws: list[str]) -> int | None:
    """Where a person's name ends and a town begins in "Robert S. Jenkins Cambridge" (the
    chunk is followed by ", Mass."): the town is a known place, or the name ends with a middle
    initial and a surname."""
    for t in (3, 2, 1):
        if len(ws) - t >= 2 and is_place(ws[-t:]) and not _INITIALS.match(ws[-t - 1]) and person_by_form(ws[:-t]):
            return len(ws) - t
    if len(ws) >= 4 and _INITIALS.match(ws[-3]) and person_by_form(ws[:-1]):
        return len(ws) - 1
    return None


def _plain_word(w: str) -> bool:
    low = w.lower()
    return (
        w[0].isupper() and w[1:].islower() and w.isalpha()
        and low not in FUNCTION and low not in TITLES and low not in ORG_HEADS and low not in DEMONYMS
        and low not in places()[0]
    )


def analyse(ws: list[str], sent_start: bool, lower_vocab: set[str]) -> list[tuple[int, int, str | None, int]]:
    """Mentions in a chunk of words ``ws``: (i, j, label or None, strength), token offsets
    relative to the chunk."""
    i, j = 0, len(ws)
    # Sentence-initial function words and common words: "The", "But", "Yesterday".
    while i < j and (ws[i].lower() in FUNCTION or ws[i].lower() in MONTHS or ws[i] in ("of", "and", "&", "for")):
        i += 1
    if (
        sent_start
        and i == 0
        and ws[0].lower() in lower_vocab
        and not _is_name_word(ws[0])
        and not (len(ws) > 2 and ws[1] in ("and", "&") and ws[2].lower() not in FUNCTION)
        and not (len(ws) == 2 and ws[1][1:].islower() and ws[1].lower() not in lower_vocab)
    ):
        i += 1  # "Mortgage securities fell", "Government officials said"
    while j > i and (ws[j - 1] in ("of", "and", "&", "for", "on") or ws[j - 1].lower() in NAME_PARTICLES):
        j -= 1
    if i >= j:
        return []
    out: list[tuple[int, int, str | None, int]] = []
    _analyse(ws, i, j, out, False, lower_vocab)
    return out


def _is_name_word(w: str) -> bool:
    return w.lower() in given_names() or is_camel(w) or w.lower() in TITLES


def _analyse(ws: list[str], i: int, j: int, out: list, cued: bool, lower_vocab: set[str]) -> None:
    part = ws[i:j]
    low = [w.lower() for w in part]
    if is_place(part):
        out.append((i, j, PLACE, NONE))
        return
    if team_by_form(part, lower_vocab) and not cued:
        out.append((i, j, ORG, STRONG))
        return
    if org_by_form(part) and not (cued and len(part) <= 3 and low[-1] not in CORP_SUFFIXES):
        # "Chinese Foreign Ministry" stays whole; a leading title does not: "Chairman X Corp."
        a = i
        while a < j - 1 and (low[a - i] in HONORIFICS or low[a - i] in MONTHS):
            a += 1
        out.append((a, j, ORG, STRONG))
        return
    s0 = 0
    while s0 < len(low) - 2 and low[s0] in _DEPT_MODIFIERS:
        s0 += 1
    d = _department_prefix(low[s0:]) if low[s0] in DEPARTMENTS else 0
    if d:  # "Transportation Secretary Samuel Skinner", "Assistant Treasury Secretary X": the department
        out.append((i + s0, i + s0 + d, ORG, WEAK))
        _analyse(ws, i + s0 + d, j, out, False, lower_vocab)
        return
    # A title inside the chunk: "Borealis CEO Nina Park", "Prime Minister Ola Brandt".
    for k in range(i + 1, j - 1):
        w = low[k - i]
        if (w in TITLES or w in HONORIFICS) and not all(x in PREFIX_TITLES for x in low[: k - i]):
            left = ws[i:k]
            if (
                w in ORG_ROLES
                and not is_place(left)
                and not is_demonym_run(left)
                and not any(x in PREFIX_TITLES for x in low[: k - i])
            ):
                _analyse(ws, i, k, out, False, lower_vocab)
                if out and out[-1][0] == i and out[-1][2] is None:
                    out[-1] = (i, k, ORG, WEAK)
            else:
                _analyse_left_context(ws, i, k, out, lower_vocab)
            _analyse(ws, k, j, out, True, lower_vocab)
            return
    # A role closing the chunk: "Borealis CEO to step down" (a headline in sentence case).
    if j - i >= 2 and low[-1] in ORG_ROLES and not is_place(ws[i : j - 1]) and not is_demonym_run(ws[i : j - 1]) \
            and not any(x in PREFIX_TITLES for x in low[:-1]):
        n = len(out)
        _analyse(ws, i, j - 1, out, False, lower_vocab)
        if len(out) == n + 1 and out[n][0] == i and out[n][2] is None:
            out[n] = (i, j - 1, ORG, WEAK)
        return
    # Leading titles and honorifics: "President Ola Brandt", "Mr. Park", "CEO Nina Park".
    a = i
    while a < j and (low[a - i] in PREFIX_TITLES or low[a - i].rstrip(".") in HONORIFICS):
        a += 1
    if a > i:
        if a == j:
            return
        if all(x in AMBIGUOUS_TITLES for x in low[: a - i]) and ws[a].lower() not in given_names():
            a = i  # "Major League Baseball", "General Electric": not titles here
        else:
            cued = True
    # Leading nationalities: "West Indian X", "Chinese X"; but "American Express" may be a name.
    d = a
    while d < j and ws[d].lower() in DEMONYMS:
        d += 1
    if d > a:
        if d < j:
            n = len(out)
            _analyse(ws, d, j, out, cued, lower_vocab)
            if len(out) == n + 1 and out[n][2] is None and out[n][0] == d:
                out[n] = (a, j, None, NONE)
        return
    part = ws[a:j]
    if len(part) > 1 and part[0] in ("of", "for", "and", "&"):
        _analyse(ws, a + 1, j, out, cued, lower_vocab)
        return
    if (
        cued
        and 1 <= len(part) <= 4
        and " ".join(part).lower() not in places()[1]
        and not is_acronym(part[-1])
        and not any(w.lower() in ORG_HEADS for w in part)
        and not all(w.lower() in lower_vocab for w in part)
    ):
        out.append((a, j, PERSON, STRONG))
        return
    if person_by_form(part):
        out.append((a, j, PERSON, STRONG))
        return
    if is_place(part):
        out.append((a, j, PLACE, NONE))
        return
    if is_demonym_run(part):
        return
    lowp = part[0].lower().rstrip(".")
    if len(part) == 1 and (
        lowp in MONTHS or lowp in FUNCTION or lowp in TITLES or lowp in ACRONYM_STOP or part[0].lower() in CORP_SUFFIXES
    ):
        return
    if len(part) == 1:
        w = part[0]
        if _PLURAL_ACRONYM.match(w):
            return  # "PCs", "CDs"
        if is_acronym(w) and lowp not in places()[0] and lowp not in lower_vocab:
            out.append((a, j, ORG, STRONG if len(w) >= 3 else WEAK))
            return
        if is_camel(w):
            out.append((a, j, ORG, STRONG))
            return
    elif is_camel(part[0]) and not any(w[0].islower() for w in part[1:]):
        out.append((a, a + 1, ORG, STRONG))
        if j > a + 1:
            _analyse(ws, a + 1, j, out, False, lower_vocab)
        return
    out.append((a, j, None, NONE))


_DEPT_MODIFIERS = frozenset(("assistant", "deputy", "acting", "former", "u.s.", "under"))


def _department_prefix(low: list[str]) -> int:
    """Words naming a government department at the start of ``low``, before "Secretary"."""
    d = 0
    while d < len(low) - 1 and (low[d] in DEPARTMENTS or d > 0 and low[d] == "and"):
        d += 1
    if d and low[d - 1] != "and" and low[d] in ("secretary", "undersecretary", "under-secretary") and len(low) > d + 1:
        return d
    return 0


def _analyse_left_context(ws: list[str], i: int, k: int, out: list, lower_vocab: set[str]) -> None:
    """The words before a title that is not an organisation's role ("Iraqi" in "Iraqi Prime
    Minister X"): typed only if they type themselves."""
    part = ws[i:k]
    if is_place(part) or is_demonym_run(part):
        return
    _analyse(ws, i, k, out, False, lower_vocab)
