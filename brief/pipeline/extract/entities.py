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

Modules: ``ner_tokens`` (tokens), ``ner_lines`` (prose or headline lines), ``ner_chunking``
(where a name starts, joins and ends), ``ner_rules`` (what a chunk's own words say),
``ner_context`` (what the words around say), ``ner_headlines`` (pass 3); word lists in
``lexicon_en`` and ``lexicon_names``, package lexicons in ``lexicon``. This module runs the passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from brief.pipeline.extract.lexicon import given_names, places
from brief.pipeline.extract.lexicon_en import (
    CORP_SUFFIXES,
    CORP_TAILS,
    DEMONYMS,
    DEPARTMENTS,
    FUNCTION,
    GENERIC_CAPS,
    NAME_PARTICLES,
    ORG_HEADS,
    ORG_NEXT,
    ORG_NOUNS,
    SPORTS_WORDS,
)
from brief.pipeline.extract.lexicon_names import east_asian_surname_at
from brief.pipeline.extract.ner_chunking import INSTITUTIONS, comma_firm, joins, parenthesised_firm, possessive_firm
from brief.pipeline.extract.ner_context import SENT_END, TYPES, ContextMixin, key
from brief.pipeline.extract.ner_headlines import HeadlineMixin
from brief.pipeline.extract.ner_lines import TextField
from brief.pipeline.extract.ner_rules import (
    NONE,
    ORG,
    PERSON,
    PLACE,
    STRONG,
    WEAK,
    analyse,
    is_acronym,
    signature_cut,
    team_by_form,
)
from brief.pipeline.extract.ner_tokens import POSSESSIVES
from brief.pipeline.extract.spans import EntitySpan
from brief.pipeline.extract.version import ENTITIES as VERSION  # bump it there when the output changes

_REPORTS = frozenset("reported reports said says wrote writes published quoted cited revealed first".split())
_OPENERS = frozenset("\"“‘'([{«-—–")
INCLUDE_THE = True
# Names that keep their "the" in news style (and in OntoNotes): institutions, groups, partnerships.
_MODIFIED_NOUNS = (ORG_NEXT | ORG_NOUNS | frozenset(("index", "average", "official", "meeting"))) - frozenset(
    ("said", "says")
)
_KEEPS_THE = INSTITUTIONS | frozenset(("group", "fed"))



_CAMEL = re.compile(r"^(?!i[A-Z])[a-z]{1,2}[A-Z](?:[A-Z]|[a-z]{2})")  # "xAI", "eBay"; not "iPhone", "iOS" (products)
_MODEL_NUMBER = re.compile(r"^(?!(?:19|20)\d\d$)[A-Z]?\d+[A-Z]?$")  # "737", "A320"; not a year, not "8th"
_NOT_NAME_TAILS = frozenset("led era style based owned backed run type like born made era ish".split())


def _hyphen_tail(f: TextField, b: int) -> bool:
    """Is "-xx" at token ``b`` the end of a hyphenated given name ("Song-ho"), glued on both sides?"""
    tail = f.words[b + 1]
    return (
        f.ends[b - 1] == f.starts[b]
        and f.ends[b] == f.starts[b + 1]
        and tail.isalpha()
        and tail.islower()
        and len(tail) <= 5
        and tail not in _NOT_NAME_TAILS
        and (b + 2 >= len(f.words) or f.words[b + 2] != "-")
    )


def extract_entities(texts: Sequence[str]) -> list[list[EntitySpan]]:
    """Person and organization spans for each text of one article (title first)."""
    out: list[list[EntitySpan]] = [[] for _ in texts]
    try:
        fields = [TextField(t if isinstance(t, str) else "", i == 0) for i, t in enumerate(texts)]
        _Article(fields).run(out)
    except (RecursionError, MemoryError):  # pragma: no cover - pathological input only
        return [[] for _ in texts]
    return out


class _Article(ContextMixin, HeadlineMixin):
    __slots__ = ("fields", "lower_vocab", "mentions", "known", "sports", "_starts", "_ends", "_by_last")

    def __init__(self, fields: list[TextField]) -> None:
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
        self._ends: dict[tuple[int, int], list] | None = None
        self._by_last: dict[str, list[list]] | None = None

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
                    if not (w[0].isupper() and w[0].isalpha() or _CAMEL.match(w)):
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
                            if prev_w[-1] == "." and (
                                w2.lower() in FUNCTION
                                or prev_w.lower() in CORP_SUFFIXES and w2.lower() not in CORP_SUFFIXES
                            ):
                                break  # "... Bankers Trust Co. The Fed said", "X Inc. Y Corp."; not "Co. Ltd."
                            k += 1
                            run += 1
                        elif w2 == "(" and parenthesised_firm(words, k, b0):
                            k += 3  # "Baring Securities (Hong Kong) Ltd.", "Fulton Prebon (U.S.A.) Inc."
                            while words[k - 1] != ")":
                                k += 1
                        elif w2 in POSSESSIVES and possessive_firm(words, k, b0):
                            k += 1  # "Moody's Investors Service Inc.", "McDonald's Corp."
                        elif k + 1 < b0 and words[k + 1][0].isupper() and joins(words, k, b0, run, joined_of):
                            joined_of = joined_of or w2 in ("of", "for", "on")
                            k += 2
                            run = 1
                        else:
                            break
                    if k + 1 < b0 and words[k] == "," and words[k + 1][0].isupper():
                        k = comma_firm(words, k, b0, k - a == 1)
                    p = a - 1
                    while p >= a0 and words[p] in _OPENERS:
                        p -= 1
                    sent_start = p < a0 or words[p] in SENT_END
                    if k - a > 16:
                        continue  # a block of capitalised words (a title, a table), not one name
                    if k - a == 1 and words[a].isupper() and a > a0 + 1 and _MODEL_NUMBER.match(words[a - 1]) \
                            and words[a - 2].lower() == "the":
                        continue  # "the 737 MAX", "the A320 NEO": a model, not an organisation
                    if words[a] == "The" and not sent_start and k - a >= 2 and self._publication(words, a, k):
                        self.mentions.append([fi, a, k, ORG, STRONG, False])
                        continue
                    if a >= 2 and words[a - 1] == "of" and words[a].lower() in DEPARTMENTS:
                        title = words[a - 2].lower()
                        if title == "secretary":  # "Secretary of State James Baker": the department
                            self.mentions.append([fi, a, a + 1, ORG, WEAK, False])
                        if title in ("secretary", "minister"):
                            a += 1  # "Minister of State Kursad Tuzmen": the person follows the title
                            if a == k:
                                continue
                            if k - a <= 3 and all(w.isalpha() and w[1:].islower() for w in words[a:k]):
                                self.mentions.append([fi, a, k, PERSON, STRONG, False])
                                continue
                    if k - a >= 3 and self.before_region([fi, a, k]):
                        cut = signature_cut(words[a:k])
                        if cut:  # "Ruth K. Nelson Cullowhee, N.C.": a letter's signature and town
                            self.mentions.append([fi, a, a + cut, PERSON, STRONG, sent_start])
                            self.mentions.append([fi, a + cut, k, PLACE, NONE, False])
                            continue
                    for i, j, label, strength in analyse(words[a:k], sent_start, lower_vocab):
                        self.mentions.append([fi, a + i, a + j, label, strength, sent_start and i == 0])

    @staticmethod
    def _publication(words: list[str], a: int, b: int) -> bool:
        """A capitalised "The" inside a sentence starts a title: "The Information reported"."""
        nxt = words[b].lower() if b < len(words) else ""
        prev = words[a - 1].lower() if a > 0 else ""
        return nxt in _REPORTS or prev in ("told", "in") and nxt in (",", ".", "that")

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
                parts = key(self.text_of(m)).split(" ")
                org_prefixes.update(" ".join(parts[:i]) for i in range(2, len(parts)))
        if org_prefixes:
            for m in self.mentions:
                if m[3] == PERSON and m[2] - m[1] > 1 and key(self.text_of(m)) in org_prefixes:
                    m[3] = ORG
        for m in self.mentions:
            label = m[3]
            if label not in TYPES or m[4] < min_strength:
                continue
            f = self.fields[m[0]]
            ws = f.words[m[1] : m[2]]
            full.setdefault(key(self.text_of(m)), label)
            if label == PERSON and len(ws) > 1:
                last = ws[-1] if east_asian_surname_at(ws) != 0 else ws[0]  # "Li Peng" -> "Li"
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
                    and (first not in given or ws[1].lower() in self.lower_vocab)  # "Dell Computer Corp."
                    and ws[0][0].isupper()
                ):
                    partial.setdefault(ws[0].casefold(), ORG)  # "Drexel Burnham Lambert Inc." -> "Drexel"
                while e > 1 and (ws[e - 1].lower() in CORP_TAILS or ws[e - 1] in ("&", "and", ",")):
                    e -= 1
                    if ws[e - 1] in ("&", "and", ","):
                        continue
                    if e > 1 or (first not in GENERIC_CAPS and first not in place_names and first not in DEMONYMS):
                        partial.setdefault(key(f.text[f.starts[m[1]] : f.ends[m[1] + e - 1]]), ORG)
                if ws[-1].lower() in CORP_SUFFIXES and e > 1 and self._core_word(ws[e - 1], place_names, given):
                    partial.setdefault(ws[e - 1].casefold(), ORG)  # "Eastman Kodak Co." -> "Kodak"
                if team_by_form(ws, self.lower_vocab):
                    partial.setdefault(ws[-1].casefold(), ORG)  # "the Chicago Cubs" -> "the Cubs"
                initials = "".join(w[0] for w in ws if w[0].isupper() and w.lower() not in CORP_TAILS)
                if len(initials) >= 2:
                    partial.setdefault(initials.casefold(), ORG)
        return full, partial

    def _core_word(self, w: str, place_names: frozenset[str], given: frozenset[str]) -> bool:
        """Can the last distinctive word of a company's name stand for it ("Kodak", "Nekoosa")?"""
        low = w.lower()
        return (
            len(w) > 2
            and w[0].isupper()
            and w[1:].islower()
            and low not in GENERIC_CAPS
            and low not in place_names
            and low not in DEMONYMS
            and low not in given
            and low not in ORG_HEADS
            and low not in self.lower_vocab
        )

    def resolve(self) -> None:
        full, partial = self.build_known()
        mentions = self.mentions
        _, countries, major = places()
        firm_places: set[str] = set()
        for idx, m in enumerate(mentions):
            if m[3] is PLACE:
                name = key(self.text_of(m))
                if name in countries:
                    continue
                label = full.get(name) or partial.get(name)
                if label is None and name not in major:
                    label = self.context_label(m, idx)
                elif label is None and m[2] - m[1] == 1 and self.place_as_firm(m):
                    label = ORG  # "Amazon will invest", "Amazon's chief executive": the company, not the river
                    firm_places.add(name)
                if label is not None:  # "Moore" is a town, but here Ms. Moore was named
                    m[3] = label
                    m[4] = WEAK
                elif self.sports and self.team_context(m):
                    m[3] = ORG
                    m[4] = WEAK
                continue
            if m[3] is not None:
                continue
            name = key(self.text_of(m))
            label = full.get(name) or partial.get(name)
            if label is None and self.before_region(m):
                m[3] = PLACE  # "Nesconset, N.Y.", "Killeen, Texas": a town
                continue
            if label is None:
                label = self.context_label(m, idx)
            if label is not None:
                m[3] = label
                m[4] = WEAK
        self.firms_named_after_people()
        self.lists()
        # Second look-up, now that context has typed more names.
        full2, partial2 = self.build_known(WEAK)
        for m in mentions:
            if m[3] is None or m[3] is PLACE:
                name = key(self.text_of(m))
                if m[3] is PLACE and (name in major or not self.sports and m[2] - m[1] > 1) \
                        and name not in firm_places:
                    continue
                label = full2.get(name) or partial2.get(name)
                if label is not None:
                    m[3] = label
                    m[4] = WEAK
        self.lists()  # again: "Microsoft and Google", where Google was typed by another sentence
        self.known = {**partial2, **full2}

    def run(self, out: list[list[EntitySpan]]) -> None:
        self.chunks()
        self.apposed_aliases()
        self.publishers()
        self.resolve()
        self.headlines()
        for fi, f in enumerate(self.fields):
            spans = []
            words = f.words
            for m in self.mentions:
                if m[0] == fi and m[3] in TYPES and m[2] > m[1]:
                    a = m[1]
                    if (
                        INCLUDE_THE
                        and m[3] == ORG
                        and a > 0
                        and words[a - 1] in ("the", "The")
                        and m[2] - a > 1
                        and any(w.lower() in _KEEPS_THE for w in words[a : m[2]])
                        and not (m[2] < len(words) and words[m[2]] in _MODIFIED_NOUNS)  # "the Random House unit"
                    ):
                        a -= 1  # "the Federal Reserve": news style keeps the article with the name
                    b = m[2]
                    if m[3] == PERSON and b + 1 < len(words) and words[b] == "-" and _hyphen_tail(f, b):
                        b += 2  # "Kim Dae-jung", "Li Song-ho": the tokenizer cut a hyphenated given name
                    spans.append((f.starts[a], f.ends[b - 1], m[3]))
            spans.sort(key=lambda s: (s[0], -s[1]))
            last_end = -1
            for s, e, label in spans:
                if s >= last_end:
                    out[fi].append(EntitySpan(s, e, label))
                    last_end = e



__all__ = ["VERSION", "extract_entities", "NONE", "is_acronym"]
