"""People and organizations named in one article: a rule-and-lexicon extractor.

Why rules and not a statistical model: brief must read ~100,000+ words a second in pure
Python with a cheap import, and explain itself. The extractor works in three passes over the
article's texts (title, standfirst, body):

1. prose lines are cut into capitalised chunks, and ``ner_rules.analyse`` types what the
   words themselves settle (heads like "Bank", suffixes like "Inc.", titles like "CEO",
   first names, acronyms, CamelCase brands);
2. the article's confirmed names become a small dictionary (full names, surnames of people,
   short names and initials of organisations), and the chunks left untyped are settled by it,
   by their context ("the startup X", "X spokesman", "X's Jane Doe", "X said") and by lists
   ("rivals like X, Y and Z");
3. headlines, section headings and datelines, whose capitals say nothing, only get the names
   the prose confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from brief.pipeline.extract.lexicon import given_names, places
from brief.pipeline.extract.lexicon_en import (
    CORP_SUFFIXES,
    CORP_TAILS,
    DEMONYMS,
    FUNCTION,
    GENERIC_CAPS,
    LIST_TRIGGERS,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_NEXT,
    ORG_NOUNS,
    ORG_PARTNER_NOUNS,
    PERSON_VERBS,
    SPORTS_VERBS,
    SPORTS_WORDS,
    TITLES,
)
from brief.pipeline.extract.ner_rules import NONE, ORG, ORG_ROLES, PERSON, PLACE, STRONG, WEAK, analyse, is_acronym
from brief.pipeline.extract.ner_tokens import NL, POSSESSIVES, tokenize
from brief.pipeline.extract.spans import EntitySpan

VERSION = "2"

_SENT_END = frozenset(".!?:;…")
_TYPES = (PERSON, ORG)
PERSON_NEXT = frozenset(("administration", "presidency"))
_TITLE_MODIFIERS = frozenset("senior vice executive deputy former chief managing assistant general".split())
_REPORTS = frozenset("reported reports said says wrote writes published quoted cited revealed first".split())
_OPENERS = frozenset("\"“‘'([{«-—–")
INSTITUTIONS = ORG_HEADS - CORP_TAILS
INCLUDE_THE = True
_WS = re.compile(r"\s+")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_BYLINE = frozenset(("by", "written", "reported", "words", "story", "text", "reporting"))


class _Text:
    """One field of the article, tokenised, with its lines typed as prose or headline."""

    __slots__ = ("text", "words", "starts", "ends", "lines")

    def __init__(self, text: str, is_title: bool) -> None:
        self.text = text
        self.words, self.starts, self.ends = tokenize(text)
        self.lines: list[tuple[int, int, bool]] = []  # (first token, end token, is_headline)
        words = self.words
        a = 0
        n = len(words)
        while a <= n:
            try:
                k = words.index(NL, a)
            except ValueError:
                k = n
            if k > a:
                self.lines.append((a, k, _headline_like(words[a:k], is_title)))
            a = k + 1


def _headline_like(ws: list[str], is_title: bool) -> bool:
    """Is a line a headline, heading or dateline, whose capitals do not mark names?"""
    alpha = [w for w in ws if w[0].isalpha()]
    if not alpha:
        return False
    upper = sum(1 for w in alpha if len(w) > 1 and w.isupper())
    long_words = [w for w in alpha if len(w) > 1]
    if long_words and upper >= 0.7 * len(long_words) and len(long_words) >= 1:
        return True
    if ws[-1] in (".", "!", "?", '"', "”", ":", ";") and not is_title:
        return False
    if not is_title and any(w[0].isdigit() or w in ("(", ",", ")") for w in ws):
        return False  # a results line or a list, not a heading
    content = [w for w in alpha if len(w) > 3 and w.lower() not in FUNCTION]
    if len(alpha) > 14 or not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps >= 0.75 * len(content) and len(content) >= 2


def _joins(words: list[str], k: int, end: int, run: int, joined_of: bool) -> bool:
    """Does the small word at ``k`` join the capitalised words around it into one name?
    "Bank of China", "Standard & Poor", "Securities and Exchange Commission", "van Gogh";
    not "Smith of Boston", "Lotte and Hyundai", "House and Senate"."""
    w = words[k]
    if w == "&" or w in NAME_PARTICLES:
        return True
    left = words[k - 1].lower()
    if w in ("of", "for", "on"):
        return left in INSTITUTIONS
    if w == "and" and (run == 1 or joined_of and run == 2) and left not in INSTITUTIONS:
        if joined_of:
            return True
        e = k + 1
        while e < end and e < k + 5 and words[e][0].isupper():
            if words[e].lower() in INSTITUTIONS:
                return True
            e += 1
    return False


def _possessive_firm(words: list[str], k: int, end: int) -> bool:
    """Is the "'s" at ``k`` inside a company name ending in a legal suffix within 3 words?"""
    e = k + 1
    while e < end and e < k + 4 and words[e][0].isupper():
        if words[e].lower() in CORP_SUFFIXES:
            return True
        e += 1
    return False


def _comma_firm(words: list[str], k: int, end: int) -> int:
    """Partnership names written with commas: "Goldman, Sachs & Co.", "Smith Barney, Harris
    Upham & Co.". Returns the new chunk end (``k`` if the comma ends the chunk)."""
    e = k + 1
    amp = False
    while e < end and (words[e][0].isupper() or words[e] in ("&", ",")):
        amp = amp or words[e] == "&"
        if words[e].lower() in CORP_SUFFIXES:
            return e + 1 if amp else k
        e += 1
    return k


def _key(text: str) -> str:
    return _WS.sub(" ", text).casefold()


def extract_entities(texts: Sequence[str]) -> list[list[EntitySpan]]:
    """Person and organization spans for each text of one article (title first)."""
    out: list[list[EntitySpan]] = [[] for _ in texts]
    try:
        fields = [_Text(t if isinstance(t, str) else "", i == 0) for i, t in enumerate(texts)]
        _Article(fields).run(out)
    except (RecursionError, MemoryError):  # pragma: no cover - pathological input only
        return [[] for _ in texts]
    return out


class _Article:
    __slots__ = ("fields", "lower_vocab", "mentions", "known", "sports", "_starts")

    def __init__(self, fields: list[_Text]) -> None:
        self.fields = fields
        vocab: set[str] = set()
        for f in fields:
            vocab.update(w for w in f.words if w.islower())
        self.lower_vocab = vocab
        self.sports = len(vocab & SPORTS_WORDS) >= 4
        # mention: [field, first token, end token, label, strength]
        self.mentions: list[list] = []
        self.known: dict[str, str] = {}
        self._starts: dict[tuple[int, int], list] | None = None

    # -- pass 1: chunks in prose ------------------------------------------------------------
    def chunks(self) -> None:
        lower_vocab = self.lower_vocab
        for fi, f in enumerate(self.fields):
            words = f.words
            for a0, b0, headline in f.lines:
                if headline:
                    continue
                k = a0
                while k < b0:
                    w = words[k]
                    if not (w[0].isupper() and w[0].isalpha()):
                        k += 1
                        continue
                    a = k
                    k += 1
                    run = 1  # capitalised words since the chunk start or the last joiner
                    joined_of = False
                    while k < b0:
                        w2 = words[k]
                        if w2[0].isupper() and w2[0].isalpha():
                            prev_w = words[k - 1]
                            if prev_w[-1] == "." and (w2.lower() in FUNCTION or prev_w.lower() in CORP_SUFFIXES):
                                break  # "... Bankers Trust Co. The Fed said", "X Inc. Y Corp."
                            k += 1
                            run += 1
                        elif w2 in POSSESSIVES and _possessive_firm(words, k, b0):
                            k += 1  # "Moody's Investors Service Inc.", "McDonald's Corp."
                        elif k + 1 < b0 and words[k + 1][0].isupper() and _joins(words, k, b0, run, joined_of):
                            joined_of = joined_of or w2 in ("of", "for", "on")
                            k += 2
                            run = 1
                        else:
                            break
                    if k + 1 < b0 and words[k] == "," and words[k + 1][0].isupper():
                        k = _comma_firm(words, k, b0)
                    p = a - 1
                    while p >= a0 and words[p] in _OPENERS:
                        p -= 1
                    sent_start = p < a0 or words[p] in _SENT_END
                    if k - a > 16:
                        continue  # a block of capitalised words (a title, a table), not one name
                    if words[a] == "The" and not sent_start and k - a >= 2 and self._publication(words, a, k):
                        self.mentions.append([fi, a, k, ORG, STRONG, False])
                        continue
                    for i, j, label, strength in analyse(words[a:k], sent_start, lower_vocab):
                        self.mentions.append([fi, a + i, a + j, label, strength, sent_start and i == 0])

    @staticmethod
    def _publication(words: list[str], a: int, b: int) -> bool:
        """A capitalised "The" inside a sentence starts a title: "The Information reported"."""
        nxt = words[b].lower() if b < len(words) else ""
        prev = words[a - 1].lower() if a > 0 else ""
        return nxt in _REPORTS or prev in ("told", "in") and nxt in (",", ".", "that")

    def text_of(self, m: list) -> str:
        f = self.fields[m[0]]
        return f.text[f.starts[m[1]] : f.ends[m[2] - 1]]

    # -- pass 2: the article's dictionary and context ----------------------------------------
    def build_known(self, min_strength: int = STRONG) -> tuple[dict[str, str], dict[str, str]]:
        full: dict[str, str] = {}
        partial: dict[str, str] = {}
        place_names = places()[2]
        given = given_names()
        # "Philip Morris" looks like a person until "Philip Morris Cos." shows it is not.
        org_prefixes: set[str] = set()  # every proper word-prefix of a confirmed organisation
        for m in self.mentions:
            if m[3] == ORG and m[4] >= STRONG:
                parts = _key(self.text_of(m)).split(" ")
                org_prefixes.update(" ".join(parts[:i]) for i in range(2, len(parts)))
        if org_prefixes:
            for m in self.mentions:
                if m[3] == PERSON and m[2] - m[1] > 1 and _key(self.text_of(m)) in org_prefixes:
                    m[3] = ORG
        for m in self.mentions:
            label = m[3]
            if label not in _TYPES or m[4] < min_strength:
                continue
            f = self.fields[m[0]]
            ws = f.words[m[1] : m[2]]
            full.setdefault(_key(self.text_of(m)), label)
            if label == PERSON and len(ws) > 1:
                last = ws[-1]
                if last.lower() not in NAME_PARTICLES and len(last) > 1 and last.lower() not in place_names:
                    partial.setdefault(last.casefold(), PERSON)
            elif label == ORG and len(ws) > 1:
                # The name without its corporate tail: "American Express Co." -> "American Express".
                e = len(ws)
                first = ws[0].lower()
                if (
                    ws[-1].lower() in CORP_SUFFIXES
                    and len(ws) > 2
                    and first not in GENERIC_CAPS
                    and first not in place_names
                    and first not in DEMONYMS
                    and first not in given
                    and ws[0][0].isupper()
                ):
                    partial.setdefault(ws[0].casefold(), ORG)  # "Drexel Burnham Lambert Inc." -> "Drexel"
                while e > 1 and (ws[e - 1].lower() in CORP_TAILS or ws[e - 1] in ("&", "and", ",")):
                    e -= 1
                    if ws[e - 1] in ("&", "and", ","):
                        continue
                    if e > 1 or (first not in GENERIC_CAPS and first not in place_names and first not in DEMONYMS):
                        partial.setdefault(_key(f.text[f.starts[m[1]] : f.ends[m[1] + e - 1]]), ORG)
                initials = "".join(w[0] for w in ws if w[0].isupper() and w.lower() not in CORP_TAILS)
                if len(initials) >= 2:
                    partial.setdefault(initials.casefold(), ORG)
        return full, partial

    def resolve(self) -> None:
        full, partial = self.build_known()
        mentions = self.mentions
        _, countries, major = places()
        for idx, m in enumerate(mentions):
            if m[3] is PLACE:
                key = _key(self.text_of(m))
                if key in countries:
                    continue
                label = full.get(key) or partial.get(key)
                if label is None and key not in major:
                    label = self.context_label(m, idx)
                if label is not None:  # "Moore" is a town, but here Ms. Moore was named
                    m[3] = label
                    m[4] = WEAK
                elif self.sports and self.team_context(m):
                    m[3] = ORG
                    m[4] = WEAK
                continue
            if m[3] is not None:
                continue
            key = _key(self.text_of(m))
            label = full.get(key) or partial.get(key)
            if label is None:
                label = self.context_label(m, idx)
            if label is not None:
                m[3] = label
                m[4] = WEAK
        self.lists()
        # Second look-up, now that context has typed more names.
        full2, partial2 = self.build_known(WEAK)
        for m in mentions:
            if m[3] is None or m[3] is PLACE:
                key = _key(self.text_of(m))
                if m[3] is PLACE and (key in major or not self.sports and m[2] - m[1] > 1):
                    continue
                label = full2.get(key) or partial2.get(key)
                if label is not None:
                    m[3] = label
                    m[4] = WEAK
        self.known = {**partial2, **full2}

    def context_label(self, m: list, idx: int) -> str | None:
        f = self.fields[m[0]]
        words = f.words
        a, b = m[1], m[2]
        n = len(words)
        prev = words[a - 1].lower() if a > 0 else ""
        nxt = words[b].lower() if b < n else ""
        if nxt == "-" and b + 1 < n and words[b + 1].islower():
            nxt = words[b + 1]  # "Exxon-owned"
        single = b - a == 1
        sent_start = m[5]
        if prev in ORG_NOUNS:
            return ORG
        if prev in TITLES and not single or prev in TITLES and not sent_start:
            return PERSON
        if nxt in ORG_NEXT and not is_placey(words[a:b]):
            return ORG
        if nxt in _TITLE_MODIFIERS and not is_placey(words[a:b]):
            e = b
            while e < n and e < b + 4 and words[e].lower() in _TITLE_MODIFIERS:
                e += 1
            if e < n and words[e].lower() in ORG_ROLES:
                return ORG  # "General Electric senior vice president Frank Doyle"
        if nxt in POSSESSIVES and b + 1 < n:
            nm = self.mention_at(m[0], b + 1)
            if nm is not None and nm[3] == PERSON:
                return ORG  # "DeepMind's Jack Rae"
            for w in words[b + 1 : b + 4]:
                lw = w.lower()
                if lw in ORG_NEXT or lw in ORG_PARTNER_NOUNS:
                    return ORG  # "X's shares", "X's GenAI unit", "X's investment"
                if w in _SENT_END or w == ",":
                    break
        if a >= 2 and words[a - 1] == "with" and words[a - 2].lower() in ORG_PARTNER_NOUNS:
            return ORG
        if nxt in PERSON_NEXT and not sent_start:
            return PERSON  # "the Bush administration"
        if prev == "told" and single and not sent_start:
            return ORG  # "told Reuters": a person told would have been named in full before
        if nxt in PERSON_VERBS and 2 <= b - a <= 3:
            return PERSON
        if nxt == "," and b + 2 < n and words[b + 1][0].isdigit() and words[b + 2] == ",":
            return PERSON
        if self.sports and self.team_context(m):
            return ORG
        return None

    def team_context(self, m: list) -> bool:
        """In a sports report: "X beat Y", "X 2 Y 1", "against X", "X captain Z"."""
        words = self.fields[m[0]].words
        a, b = m[1], m[2]
        prev = words[a - 1].lower() if a > 0 else ""
        nxt = words[b].lower() if b < len(words) else ""
        if nxt in SPORTS_VERBS or prev in SPORTS_VERBS or nxt in ORG_ROLES:
            return True
        if nxt and nxt[0].isdigit():
            return b + 1 >= len(words) or words[b + 1] not in ("-", "–", "/") or words[b + 1] == "-"
        return False

    def mention_at(self, fi: int, tok: int) -> list | None:
        if self._starts is None:
            self._starts = {(m[0], m[1]): m for m in self.mentions}
        return self._starts.get((fi, tok))

    def lists(self) -> None:
        """Coordinated names share a type: "rivals like OpenAI, Google, and Anthropic"."""
        by_field: dict[int, list[list]] = {}
        for m in self.mentions:
            by_field.setdefault(m[0], []).append(m)
        for fi, ms in by_field.items():
            words = self.fields[fi].words
            groups: list[list[list]] = []
            cur: list[list] = []
            for m in ms:
                if cur and _coordinated(words, cur[-1][2], m[1]):
                    cur.append(m)
                else:
                    if len(cur) > 1:
                        groups.append(cur)
                    cur = [m]
            if len(cur) > 1:
                groups.append(cur)
            countries = places()[1]
            for g in groups:
                labels = {m[3] for m in g if m[3] in _TYPES}
                if len(labels) == 1:
                    label = labels.pop()
                    for m in g:
                        if m[3] is None or (
                            m[3] is PLACE and label == ORG and self.sports and _key(self.text_of(m)) not in countries
                        ):
                            m[3] = label
                            m[4] = WEAK
            # Lists introduced by "such as"/"like"/"including" after a plural organisation noun.
            for m in ms:
                if m[3] is None and _org_trigger(words, m[1]):
                    m[3] = ORG
                    m[4] = WEAK

    # -- pass 3: headlines and headings --------------------------------------------------------
    def headlines(self) -> None:
        known = self.known
        for fi, f in enumerate(self.fields):
            words = f.words
            for a0, b0, headline in f.lines:
                if not headline:
                    continue
                if words[a0].lower() in _BYLINE:
                    self._byline(fi, a0, b0)
                if self.sports:
                    self._table_row(fi, a0, b0)
                k = a0
                while k < b0:
                    if not words[k][0].isalpha() or words[k][0].islower():
                        k += 1
                        continue
                    hit = 0
                    for L in (4, 3, 2, 1):
                        if k + L > b0:
                            continue
                        seg = words[k : k + L]
                        if not seg[-1][0].isalnum():
                            continue
                        label = known.get(_key(f.text[f.starts[k] : f.ends[k + L - 1]]))
                        if label is not None:
                            self.mentions.append([fi, k, k + L, label, WEAK, False])
                            hit = L
                            break
                    k += hit or 1

    def _table_row(self, fi: int, a0: int, b0: int) -> None:
        """Capitalised names followed by numbers in a sports table are teams: "DETROIT 4"."""
        words = self.fields[fi].words
        countries = places()[1]
        k = a0
        while k < b0:
            if not words[k][0].isupper():
                k += 1
                continue
            e = k
            while e < b0 and words[e][0].isupper():
                e += 1
            if e < b0 and words[e][0].isdigit() and not _YEAR.match(words[e]):
                key = _key(" ".join(words[k:e]))
                if key not in countries and key not in MONTHS and self.known.get(key) != PERSON and e - k <= 4:
                    self.mentions.append([fi, k, e, ORG, WEAK, False])
            k = e

    def _byline(self, fi: int, a0: int, b0: int) -> None:
        words = self.fields[fi].words
        k = a0
        while k < b0 and words[k].lower() in _BYLINE:
            k += 1
        e = k
        while e < b0 and words[e][0].isupper():
            e += 1
        if 2 <= e - k <= 4:
            self.mentions.append([fi, k, e, PERSON, STRONG, False])

    def run(self, out: list[list[EntitySpan]]) -> None:
        self.chunks()
        self.resolve()
        self.headlines()
        for fi, f in enumerate(self.fields):
            spans = []
            words = f.words
            for m in self.mentions:
                if m[0] == fi and m[3] in _TYPES and m[2] > m[1]:
                    a = m[1]
                    if (
                        INCLUDE_THE
                        and m[3] == ORG
                        and a > 0
                        and words[a - 1] in ("the", "The")
                        and m[2] - a > 1
                        and any(w.lower() in INSTITUTIONS for w in words[a : m[2]])
                    ):
                        a -= 1  # "the Federal Reserve": news style keeps the article with the name
                    spans.append((f.starts[a], f.ends[m[2] - 1], m[3]))
            spans.sort(key=lambda s: (s[0], -s[1]))
            last_end = -1
            for s, e, label in spans:
                if s >= last_end:
                    out[fi].append(EntitySpan(s, e, label))
                    last_end = e


def is_placey(ws: list[str]) -> bool:
    key = " ".join(ws).lower()
    return key in places()[0] or all(w.lower() in DEMONYMS for w in ws)


def _coordinated(words: list[str], end_prev: int, start: int) -> bool:
    between = words[end_prev:start]
    if not between or len(between) > 3:
        return False
    return all(w in (",", "and", "or", "&") for w in between)


def _org_trigger(words: list[str], a: int) -> bool:
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


__all__ = ["VERSION", "extract_entities", "NONE", "is_acronym"]
