"""Resolve: which mentions name the same person or organization, within and across articles.

Rules, in the order they apply:
- people: "Park" is the "Nina Park" of the same article (the nearest full name before it
  with that surname or first name); full names match across articles on first and last name;
  a bare surname in an article with no full name joins the one full name in the corpus that ends
  with it.
- organizations: names match on their core, the name without legal suffixes and generic
  descriptors ("Quillon Platforms Inc." ~ "Quillon", "Vantor AI" ~ "Vantor"); a shorter name
  whose words end a longer one is that one ("Deep Research Labs"); an acronym is the
  organization whose initials it spells ("QDRL"), within the article first, then in the corpus
  when unique.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from brief.pipeline.extract.lexicon import INSTITUTIONS
from brief.pipeline.text import fold

HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady rev fr sen rep gov gen col capt lt sgt".split())
LEGAL_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company ltd limited llc plc lp llp ag sa nv gmbh bv spa ab "
    "asa oyj kk pty pte se sas srl".split()
)
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


def _name(m: RawMention) -> str:
    return m.declared or m.text


@dataclass
class Cluster:
    """Mentions of one entity; ``forms`` counts the ways they write its name."""

    label: str
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[int, RawMention]] = field(default_factory=list)  # (article index, mention)
    declared: str = ""

    @property
    def name(self) -> str:
        return self.declared or canonical_name(self.label, self.forms)


@lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s]+", name.replace("\u2019", "'").strip(" .,'\"")) if t)


def tokens(name: str) -> list[str]:
    return list(_tokens(name))


def _word(t: str) -> str:
    return fold(t).strip(".,'\"")


def person_tokens(name: str) -> list[str]:
    """A person's name without honorifics or a possessive: ['alexandr', 'wang']."""
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
    short: list[RawMention] = []
    for m in sorted(mentions, key=_order):
        ts = person_tokens(_name(m))
        if len(ts) >= 2:
            full.setdefault((ts[0], ts[-1]), []).append(m)
        elif ts:
            short.append(m)
    singles: dict[str, list[RawMention]] = {}
    for m in short:
        word = person_tokens(_name(m))[0]
        candidates = [k for k in full if word in (k[1], k[0])]
        by_surname = [k for k in candidates if k[1] == word] or candidates
        if by_surname:
            before = [k for k in by_surname if _order(full[k][0]) <= _order(m)]
            full[(before or by_surname)[-1]].append(m)
        else:
            singles.setdefault(word, []).append(m)
    return list(full.values()) + list(singles.values())


def _resolve_orgs(mentions: list[RawMention]) -> list[list[RawMention]]:
    groups: dict[str, list[RawMention]] = {}
    acronyms: list[RawMention] = []
    for m in sorted(mentions, key=_order):
        if not m.declared and is_acronym(m.text) and len(tokens(m.text)) == 1:
            acronyms.append(m)
        else:
            groups.setdefault(org_core(_name(m)), []).append(m)
    # a name whose words end a longer name of the article: "Deep Research Labs"
    full = {k: max((_org_words(_name(m)) for m in ms), key=len) for k, ms in groups.items()}
    for k in sorted(groups, key=lambda k: len(full[k])):
        words = full[k]
        if len(words) < 2:
            continue
        longer = [o for o in groups if o != k and len(full[o]) > len(words) and full[o][-len(words):] == words]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(k))
            del full[k]
    for m in acronyms:
        code = fold(m.text).replace(".", "").replace("&", "")
        owner = [k for k, ms in groups.items() if any(initials(x.text) == code for x in ms) and
                 len(tokens(groups[k][0].text)) > 1]
        key = owner[0] if len(owner) == 1 else code
        groups.setdefault(key, []).append(m)
    return list(groups.values())


# --- across articles ---------------------------------------------------------------------------


def resolve(articles: Sequence[Sequence[RawMention]]) -> list[Cluster]:
    """Clusters of mentions, each one entity, over all articles (index = article position)."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    pending_people: list[tuple[int, list[RawMention]]] = []
    pending_acronyms: list[tuple[int, list[RawMention]]] = []

    def add(key: tuple[str, str], label: str, index: int, ms: list[RawMention]) -> None:
        cluster = by_key.get(key)
        if cluster is None:
            cluster = by_key[key] = Cluster(label)
            clusters.append(cluster)
        for m in ms:
            cluster.forms[m.text] += 1
            cluster.mentions.append((index, m))
            cluster.declared = cluster.declared or m.declared

    for index, mentions in enumerate(articles):
        people = [m for m in mentions if m.label == "person"]
        orgs = [m for m in mentions if m.label == "organization"]
        for group in _resolve_people(people):
            longest = max((person_tokens(_name(m)) for m in group), key=len)
            if len(longest) >= 2:
                add(("person", f"{longest[0]} {longest[-1]}"), "person", index, group)
            else:
                pending_people.append((index, group))
        for group in _resolve_orgs(orgs):
            names = [m for m in group if m.declared or not is_acronym(m.text)]
            if names:
                add(("organization", org_core(_name(names[0]))), "organization", index, group)
            else:
                pending_acronyms.append((index, group))

    surnames: dict[str, list[tuple[str, str]]] = defaultdict(list)
    spelled: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for k, c in by_key.items():
        if k[0] == "person":
            surnames[k[1].split()[-1]].append(k)
        else:
            for f in c.forms:
                if len(tokens(f)) > 1:
                    spelled[initials(f)].add(k)
    for index, group in pending_people:
        word = person_tokens(_name(group[0]))[0]
        owners = surnames.get(word, [])
        add(owners[0] if len(owners) == 1 else ("person", word), "person", index, group)
    for index, group in pending_acronyms:
        code = fold(group[0].text).replace(".", "").replace("&", "")
        found = spelled.get(code, set())
        add(next(iter(found)) if len(found) == 1 else ("organization", code), "organization", index, group)
    return clusters
