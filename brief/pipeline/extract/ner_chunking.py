"""Helpers that decide where a capitalised chunk of prose starts, joins and ends, and which
chunks are coordinated in a list."""

from __future__ import annotations

from brief.pipeline.extract.lexicon import given_names, places
from brief.pipeline.extract.lexicon_en import (
    CORP_SUFFIXES,
    CORP_TAILS,
    DEMONYMS,
    LIST_TRIGGERS,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_NOUNS,
)
from brief.pipeline.extract.lexicon_names import east_asian_surname_at
from brief.pipeline.extract.ner_tokens import NL

INSTITUTIONS = ORG_HEADS - CORP_TAILS
# Industry words that are coordinated inside a name: "Savings and Loan", "Petroleum and Natural Gas".
_INDUSTRIES = (CORP_TAILS - CORP_SUFFIXES - frozenset("group holdings holding partners capital".split())) | frozenset(
    "savings loan oil gas mining trading shipping electric light power water".split()
)
_PLURAL_OWNERS = frozenset("people men women children workers farmers veterans builders dealers teachers".split())


def joins(words: list[str], k: int, end: int, run: int, joined_of: bool) -> bool:
    """Does the small word at ``k`` join the capitalised words around it into one name?
    "Bank of China", "Standard & Poor", "Securities and Exchange Commission", "van Gogh";
    not "Smith of Boston", "Lotte and Hyundai", "House and Senate"."""
    w = words[k]
    if w == "&" or w in NAME_PARTICLES:
        return True
    if w == "/":  # "Macmillan / McGraw-Hill", "Bridgestone / Firestone Inc."; not "Iran / Contra"
        left, right = words[k - 1], words[k + 1]
        return len(left) > 1 and len(right) > 1 and left.lower() not in places()[0] and right.lower() not in places()[0]
    left = words[k - 1].lower()
    if w in ("of", "for", "on"):  # "Commission on Human Rights"; not "the Commission on Monday"
        return left in INSTITUTIONS and not (w == "on" and words[k + 1].lower() in MONTHS)
    if w == "and" and (run <= 3 or joined_of and run == 2) and left not in INSTITUTIONS:
        if joined_of:  # "Department of Health and Human Services"; not "... of Taiwan and Hangxiong Lu"
            nxt = words[k + 1 : k + 3]
            return words[k + 1].lower() not in given_names() and east_asian_surname_at(nxt) is None
        if left in places()[0] or words[k - 1].isupper() and run == 1:
            return False  # "the U.S. and Soviet Union", "MITI and U.S. Commerce Department"
        heads = ORG_HEADS if left in _INDUSTRIES else INSTITUTIONS  # "China Petroleum and Natural Gas Corp."
        e = k + 1
        while e < end and e < k + 4 and words[e][0].isupper():
            if words[e].lower() in heads:
                return True
            e += 1
    return False


def parenthesised_firm(words: list[str], k: int, end: int) -> bool:
    """Is the "(" at ``k`` a place inside a company name: "Baring Securities (Hong Kong) Ltd."?"""
    e = k + 1
    while e < end and e < k + 4 and words[e] != ")":
        if not words[e][0].isupper():
            return False
        e += 1
    return e < end - 1 and e > k + 1 and words[e] == ")" and words[e + 1].lower() in CORP_SUFFIXES


def possessive_firm(words: list[str], k: int, end: int) -> bool:
    """Is the "'s" at ``k`` inside a company name ending in a legal suffix within 3 words?
    ("Moody's Investors Service Inc."; not "Japan's Daiwa Securities Co.")"""
    if words[k - 1].lower() in places()[0]:
        return False
    if words[k - 1].lower() in _PLURAL_OWNERS:  # "the People's Bank of China", "Business Men's Assurance"
        e = k + 1
        while e < end and e < k + 5 and words[e][0].isupper():
            if words[e].lower() in ORG_HEADS:
                return True
            e += 1
    e = k + 1
    while e < end and e < k + 4 and words[e][0].isupper():
        if words[e].lower() in CORP_SUFFIXES:
            return True
        e += 1
    return False


def _surname_like(w: str) -> bool:
    return w[0].isupper() and w[1:].islower() and w.isalpha() and w.lower() not in places()[0]


def comma_firm(words: list[str], k: int, end: int, single: bool = False) -> int:
    """Partnership names written with commas: "Goldman, Sachs & Co.", "Smith Barney, Harris
    Upham & Co.". Returns the new chunk end (``k`` if the comma ends the chunk)."""
    if k + 1 < end and words[k + 1].lower() in CORP_SUFFIXES and words[k + 1] not in ("Co", "Co."):
        return k + 2  # "Taikang Life Insurance Company, Ltd.", "Lovett Mitchell Webb & Garrison, Inc."
    e = k + 1
    amp = False
    while e < end and (words[e][0].isupper() or words[e] in ("&", ",")):
        amp = amp or words[e] == "&"
        if words[e].lower() in CORP_SUFFIXES:
            return e + 1 if amp else k
        e += 1
    # "Mayer, Brown & Platt", "Avrett, Free & Ginsberg": single surnames joined by "&".
    if single:
        e = k
        while e + 1 < end and words[e] == "," and _surname_like(words[e + 1]):
            e += 2
        if e > k and e + 1 < end and words[e] == "&" and _surname_like(words[e + 1]) and _surname_like(words[k - 1]):
            if e + 2 >= end or not words[e + 2][0].isupper():
                return e + 2
    return k


def is_placey(ws: list[str]) -> bool:
    key = " ".join(ws).lower()
    return key in places()[0] or all(w.lower() in DEMONYMS for w in ws)


def coordinated(words: list[str], end_prev: int, start: int) -> bool:
    between = words[end_prev:start]
    if not between or len(between) > 3:
        return False
    return all(w in (",", "and", "or", "&") for w in between)


def org_trigger(words: list[str], a: int) -> bool:
    """Is token ``a`` in a list opened by "<plural org noun> such as / like / including"?"""
    k = a - 1
    steps = 0
    while k >= 1 and steps < 14:
        w = words[k].lower()
        if w in (".", "!", "?", ";", NL, "who", "which", "that"):
            return False
        if w in LIST_TRIGGERS:
            p = k - 1
            if w == "as" and p >= 0 and words[p].lower() == "such":
                p -= 1
            if p >= 0 and words[p] == ",":
                p -= 1
            if p >= 0 and words[p].lower() in ORG_NOUNS:
                return True
        steps += 1
        k -= 1
    return False

