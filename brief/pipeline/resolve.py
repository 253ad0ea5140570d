"""Resolve: which mentions name the same person or organization, within and across articles.

Rules, in the order they apply (within one article here; ``brief.pipeline.index.writer`` then
finds each group's entity in the corpus):
- people: a surname keeps its particles ("Ursula von der Leyen" has the surname "von der leyen",
  so "von der Leyen" alone is her); "Park" is the "Nina Park" of the same article (the nearest
  full name before it with that surname or first name); a two-word name that ends a longer one of
  the article is that person ("Eriksson Ek" in a story about "Joel Eriksson Ek").
- organizations: names match on their core, the name without legal suffixes and generic
  descriptors ("Quillon Platforms Inc." ~ "Quillon", "Vantor AI" ~ "Vantor"); a shorter name
  whose words end or begin exactly one longer name of the article is that one ("Deep Research
  Labs", "Emirates" beside "Emirates Airline"); an acronym is the organization of the same
  article whose initials it spells ("QDRL"), never one from another story.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from brief.pipeline.extract.lexicon import INSTITUTIONS
from brief.pipeline.text import fold

HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady rev fr sen rep gov gen col capt lt sgt".split())
LEGAL_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company ltd limited llc plc lp llp ag sa nv gmbh bv spa ab "
    "asa oyj kk pty pte se sas srl".split()
)
PARTICLES = frozenset("von van der den de del della di da du dos das ter ten le la".split())
"""Words that begin a surname ("von der Leyen", "Van Der Beek", "de Gaulle")."""
LEADING = PARTICLES - {"le", "la", "ten"}
"""Particles that, capitalised, open a surname named alone ("Van Der Beek", "De Niro"); "La", "Le"
more often begin a place or a first name."""
DESCRIPTORS = frozenset(
    "group holdings holding platforms technologies technology systems international industries "
    "enterprises networks communications labs laboratories ai software solutions".split()
)


@dataclass(frozen=True, slots=True)
class RawMention:
    """A typed span as the extractor found it, before resolution."""

    field: str
    start: int
    end: int
    text: str
    label: str
    declared: str = ""  # the name the user's corrections give this mention's entity
    score: float = 1.0  # the extractor's confidence in ``label``
    source: str = ""  # what made the tag: "model", "rule:<name>", "lexicon:<name>"


def _name(m: RawMention) -> str:
    return m.declared or m.text


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s]+", name.replace("\u2019", "'").strip(" .,'\"")) if t)


def tokens(name: str) -> list[str]:
    return list(_tokens(name))


def _word(t: str) -> str:
    return fold(t).strip(".,'\"")


def person_tokens(name: str) -> list[str]:
    """A person's name without honorifics or a possessive: ['ada', 'varsk']."""
    return list(_person_tokens(name))


@lru_cache(maxsize=1 << 16)
def _person_tokens(name: str) -> tuple[str, ...]:
    ts = [_word(t) for t in tokens(re.sub(r"['’]s$", "", name))]
    while len(ts) > 1 and ts[0].rstrip(".") in HONORIFICS:
        ts = ts[1:]
    while len(ts) > 1 and ts[-1].rstrip(".") in {"jr", "sr", "ii", "iii", "iv"}:
        ts = ts[:-1]
    return tuple(t for t in ts if t)


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> tuple[str, str]:
    """(first name, surname with its particles), folded; the first name is "" for a surname alone.

    "Ursula von der Leyen" -> ("ursula", "von der leyen"); "von der Leyen" and "Van Der Beek"
    -> ("", ...); "Park" -> ("", "park").
    """
    ts = _person_tokens(name)
    if not ts:
        return "", fold(name)
    written = tokens(re.sub(r"['’]s$", "", name))
    opening = next((w for w in written if _word(w) == ts[0]), ts[0])
    if len(ts) == 1 or (ts[0] in PARTICLES and (opening[:1].islower() or ts[0] in LEADING)):
        return "", " ".join(ts)
    cut = next((i for i in range(1, len(ts) - 1) if ts[i] in PARTICLES), len(ts) - 1)
    return ts[0], " ".join(ts[cut:])


@lru_cache(maxsize=1 << 16)
def org_core(name: str) -> str:
    """The distinctive part of an organization's name: 'Quillon Platforms Inc.' -> 'quillon'."""
    ts = [_word(t) for t in tokens(re.sub(r"['’]s$", "", name))]
    ts = [t for t in ts if t and t != "&"]
    if ts and ts[0] == "the" and len(ts) > 1:
        ts = ts[1:]
    while len(ts) > 1 and (ts[-1].replace(".", "") in LEGAL_SUFFIXES or ts[-1] in DESCRIPTORS):
        if len(ts) == 2 and len(ts[0]) <= 2:
            break
        ts = ts[:-1]
    return " ".join(ts)


def _org_words(name: str) -> list[str]:
    """An organization's words, folded, without a possessive or a legal suffix."""
    ts = [_word(t) for t in tokens(re.sub(r"['’]s$", "", name))]
    while len(ts) > 1 and ts[-1].replace(".", "") in LEGAL_SUFFIXES:
        ts = ts[:-1]
    return [t for t in ts if t]


@lru_cache(maxsize=1 << 16)
def initials(name: str) -> str:
    """'Quillon Deep Research Labs' -> 'qdrl' (capitalised words only, 'of'/'and' skipped)."""
    return "".join(t[0] for t in tokens(name) if t[:1].isupper()).casefold()


def is_acronym(text: str) -> bool:
    bare = text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def canonical_name(label: str, forms: Counter[str]) -> str:
    """The name to show: for people the fullest form, for organizations the usual one."""
    clean = Counter({re.sub(r"['’]s$", "", f): n for f, n in forms.items()})
    if label == "person":
        return max(clean, key=lambda f: (len(person_tokens(f)), clean[f], len(f)))
    named = [(f, n) for f, n in clean.items() if not is_acronym(f)] or list(clean.items())
    bare = {f[4:] if f[:4].lower() == "the " else f for f, _ in named if f[:4] != "The "}
    plain: Counter[str] = Counter()
    for f, n in named:
        plain[_without_the(f, bare)] += n
    return max(plain, key=lambda f: (plain[f], -_legal_penalty(f), len(f)))


def _without_the(form: str, bare: set[str]) -> str:
    """"the Federal Reserve" shows as "Federal Reserve"; so does "The Federal Reserve" opening a
    sentence, when the name is also written without it or names an institution. "The Information"
    keeps its article: nothing says it is not part of the name."""
    if form.startswith("the "):
        return form[4:]
    if form.startswith("The ") and (form[4:] in bare or any(fold(w) in INSTITUTIONS for w in form[4:].split())):
        return form[4:]
    return form


def _legal_penalty(form: str) -> int:
    ts = tokens(form)
    return int(bool(ts) and fold(ts[-1]).replace(".", "") in LEGAL_SUFFIXES)


# --- within one article ------------------------------------------------------------------------


def _order(m: RawMention) -> tuple[int, int]:
    return ({"title": 1, "standfirst": 0, "body": 2}.get(m.field, 3), m.start)


def _resolve_people(mentions: list[RawMention]) -> list[list[RawMention]]:
    full: dict[tuple[str, str], list[RawMention]] = {}
    words: dict[tuple[str, str], tuple[str, ...]] = {}  # the longest way each full name is written
    short: list[tuple[str, RawMention]] = []
    for m in sorted(mentions, key=_order):
        first, surname = person_key(_name(m))
        if first:
            full.setdefault((first, surname), []).append(m)
            ts = _person_tokens(_name(m))
            words[(first, surname)] = max(words.get((first, surname), ()), ts, key=len)
        elif surname:
            short.append((surname, m))
    # "Eriksson Ek" in an article about "Joel Eriksson Ek": a name that ends exactly one longer one
    for k in sorted(full, key=lambda k: len(words[k])):
        tail = words[k]
        longer = [o for o in full if o != k and len(words[o]) > len(tail) and words[o][-len(tail):] == tail]
        if len(longer) == 1:
            full[longer[0]].extend(full.pop(k))
    singles: dict[str, list[RawMention]] = {}
    for word, m in short:
        candidates = [k for k in full if word in (k[1], k[0], k[1].split()[-1])]
        by_surname = [k for k in candidates if word in (k[1], k[1].split()[-1])] or candidates
        if by_surname:
            before = [k for k in by_surname if _order(full[k][0]) <= _order(m)]
            full[(before or by_surname)[-1]].append(m)
        else:
            singles.setdefault(word, []).append(m)
    return list(full.values()) + list(singles.values())


def _begins(words: list[str], longer: list[str], written: list[RawMention]) -> bool:
    """Do ``words`` open the longer name, followed by a capitalised word ("Emirates Airline", not
    "Bank of ...")? A generic word alone ("Group", "Ministry") opens nothing."""
    if longer[:len(words)] != words or (len(words) == 1 and (words[0] in DESCRIPTORS or words[0] in INSTITUTIONS
                                                            or words[0] in LEGAL_SUFFIXES)):
        return False
    after = [tokens(m.text) for m in written]
    return any(len(ts) > len(words) and ts[len(words)][:1].isupper() for ts in after)


def _resolve_orgs(mentions: list[RawMention]) -> list[list[RawMention]]:
    groups: dict[str, list[RawMention]] = {}
    acronyms: list[RawMention] = []
    for m in sorted(mentions, key=_order):
        if not m.declared and is_acronym(m.text) and len(tokens(m.text)) == 1:
            acronyms.append(m)
        else:
            groups.setdefault(org_core(_name(m)), []).append(m)
    # a name whose words end a longer name of the article ("Deep Research Labs"), or begin one
    # ("Emirates" beside "Emirates Airline"): that one, when only one fits
    full = {k: max((_org_words(_name(m)) for m in ms), key=len) for k, ms in groups.items()}
    for k in sorted(groups, key=lambda k: len(full[k])):
        words = full[k]
        longer = [o for o in groups if o != k and len(full[o]) > len(words) and
                  ((len(words) >= 2 and full[o][-len(words):] == words) or _begins(words, full[o], groups[o]))]
        if len(longer) == 1 and not any(m.declared for m in groups[k]):
            groups[longer[0]].extend(groups.pop(k))
            del full[k]
    for m in acronyms:
        code = fold(m.text).replace(".", "").replace("&", "")
        owner = [k for k, ms in groups.items() if any(initials(x.text) == code for x in ms) and
                 len(tokens(groups[k][0].text)) > 1]
        key = owner[0] if len(owner) == 1 else code
        groups.setdefault(key, []).append(m)
    return list(groups.values())
