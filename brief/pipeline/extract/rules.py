"""What stays of the rules: a short, ordered list of named entries applied to the model's tags.

Each entry is (name, test, label): the first entry whose test holds for a tagged name sets its
label (``None``: not a name at all), and the name's ``source`` becomes ``rule:<name>``, so the
reader can say which rule decided. The model decides everything else. Tests are plain
functions of the tokens around the name; the word lists they use live in ``lexicon``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from brief.pipeline.extract.lexicon import (
    ACRONYM_STOP,
    APPOSITION_ENDS,
    CORP_TAILS,
    CREDIT_WORDS,
    DEAL_NOUNS,
    DEMONYMS,
    EXCHANGES,
    FIRM_ACTS,
    FIRM_TITLES,
    FIRM_VERBS,
    FUNCTION,
    HONORIFICS,
    INDEX_WORDS,
    INTENDING,
    JOINING,
    LIST_TRIGGERS,
    MONTHS,
    NAME_PREFIXES,
    ORG_NOUNS,
    PEOPLE_TOO,
    REPORTING,
    SENTENCE_ENDS,
    STAFF_NOUNS,
    VENUE_HEADS,
    VENUE_PREPOSITIONS,
    WRITING,
    common_words,
    given_names,
    places,
)
from brief.pipeline.extract.spans import Label
from brief.pipeline.extract.tokens import POSSESSIVES


@dataclass(slots=True)
class Mention:
    """One tagged name while the article is read: tokens ``a:b`` of field ``field``."""

    field: int
    a: int
    b: int
    label: str | None
    score: float
    source: str


@dataclass(frozen=True, slots=True)
class Context:
    """The tokens of the field a mention stands in, with their offsets (glued tokens touch), and
    what the model tagged there (first token -> label)."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    tagged: dict[int, str] = field(default_factory=dict)

    def glued(self, i: int) -> bool:
        """Does token ``i`` touch token ``i + 1`` (no space between)?"""
        return 0 <= i < len(self.words) - 1 and self.ends[i] == self.starts[i + 1]


AGENCY_CAPS = 2  # "REUTERS/Jane Roe", "AP/", "EPA-EFE/": the credit starts with a word in capitals


def _handle(c: Context, m: Mention) -> bool:
    """"@JaneRoe", "#Acme": a social-media handle or tag names an account, not a person."""
    return m.a > 0 and c.words[m.a - 1] in ("@", "#") and c.glued(m.a - 1)


def _ticker(c: Context, m: Mention) -> bool:
    """"(NYSE: ACME)", "Nasdaq:ACME", "$ACME": a ticker symbol in capitals after an exchange or a "$"."""
    w = c.words
    if m.b - m.a != 1 or not w[m.a].isupper() or len(w[m.a]) > 6:
        return False
    if m.a > 0 and w[m.a - 1] == "$" and c.glued(m.a - 1):
        return True
    return m.a > 1 and w[m.a - 1] == ":" and w[m.a - 2].lower() in EXCHANGES


def _stock_index(c: Context, m: Mention) -> bool:
    """"the Hang Seng Index", "the Kospi index", "Dow Jones Industrial Average": a market index."""
    w = c.words
    return w[m.b - 1].lower() in INDEX_WORDS or m.b < len(w) and w[m.b].lower() in INDEX_WORDS


def _credit_words(c: Context, m: Mention) -> bool:
    """"File Photo", "FILE PHOTO", "Handout": the words of a photo credit name no one."""
    return all(w.capitalize() in CREDIT_WORDS for w in c.words[m.a : m.b])


def _photo_credit(c: Context, m: Mention) -> bool:
    """"REUTERS/Jane Roe", "AP Photo/Jane Roe": the name after an agency's slash is the photographer."""
    w = c.words
    a = m.a
    return (a > 1 and w[a - 1] == "/" and c.glued(a - 2) and c.glued(a - 1)
            and w[a - 2].isupper() and len(w[a - 2]) >= AGENCY_CAPS and 2 <= m.b - a <= 4
            and all(x[0].isupper() for x in w[a:m.b]))


def _after_honorific(c: Context, m: Mention) -> bool:
    """"Mr. Vance", "Dr. Elna Varsk": a courtesy title is followed by a person's name (the text says
    so even where the model agrees, which ``TEXT_EVIDENCE`` keeps against the corpus)."""
    return m.a > 0 and c.words[m.a - 1].lower().rstrip(".") in HONORIFICS




def _camel_case(c: Context, m: Mention) -> bool:
    """"TechCrunch", "DeepMind": one word with a capital inside names a firm or a product, not a
    person or a place ("McDonald", "DeShawn", "O'Brien", "DeKalb" start with a name prefix; in
    "Marie-Louise" or "Asia-Pacific" the capital starts the second part of a hyphenated word)."""
    w = c.words[m.a]
    return (m.label in (Label.PERSON, Label.PLACE) and m.b - m.a == 1 and len(w) > 3 and w[0].isupper()
            and any(w[i].isupper() and w[i - 1].isalpha() for i in range(2, len(w))) and not w.isupper()
            and not any(w.startswith(p) and w[len(p) : len(p) + 1].isupper() for p in NAME_PREFIXES))


def _common_acronym(c: Context, m: Mention) -> bool:
    """"AI", "CEO", "PhD", "Chinese AI": a common noun in capitals (with a nationality) is no name."""
    ws = [w.lower() for w in c.words[m.a : m.b]]
    return ws[-1] in ACRONYM_STOP and all(w in ACRONYM_STOP or w in DEMONYMS for w in ws)


def _owner_of_a_person(c: Context, m: Mention) -> bool:
    """"Velmora's Jane Roe": the owner named before a person's name is an organization (a country
    or a city is not: "Spain's Jane Roe")."""
    w = c.words
    b = m.b
    return (m.label != Label.ORGANIZATION and b + 1 < len(w) and w[b] in POSSESSIVES
            and c.tagged.get(b + 1) == Label.PERSON and " ".join(w[m.a : b]).lower() not in places()[0])


def _publication(c: Context, m: Mention) -> bool:
    """"In April, The Information reported": a capital "The" inside a sentence starts a title."""
    w = c.words
    a = m.a
    return (a > 1 and w[a - 1] == "The" and w[a - 2] not in SENTENCE_ENDS
            and m.b < len(w) and w[m.b].lower() in REPORTING)


def _kind_of_firm(c: Context, m: Mention) -> bool:
    """"the startup Quorvex", "shipping firms including Quorvex": a name after a kind of firm is one."""
    w = c.words
    a = m.a
    if a < 1:
        return False
    k = a - 1
    listed = w[k].lower() in LIST_TRIGGERS
    if listed and k > 0:
        k -= 1
        if w[k].lower() == "such" and k > 0:
            k -= 1
    # "his rival John Kerry": a person the model is sure of stays one, unless listed as a firm;
    # "teams such as France", "groups like the Kurds" name countries and peoples
    return (w[k].lower() in ORG_NOUNS and w[k].islower() and (listed or m.label != Label.PERSON)
            and not _known_place_or_people(c, m))


def _known_place_or_people(c: Context, m: Mention) -> bool:
    """Is the name a place a gazetteer knows, a people ("Kurds", "Kurdish") or a day or month?"""
    words = [x.lower() for x in c.words[m.a : m.b]]
    name = " ".join(words)
    return (name in places()[0] or all(x in DEMONYMS or x.rstrip("s") in DEMONYMS for x in words)
            or name.rstrip(".") in MONTHS or m.label == Label.GROUP)


def _described_as_firm(c: Context, m: Mention) -> bool:
    """"Velt Arena, a startup that ranks chatbots", "Quorvex, the Berlin-based lender": what the
    apposition calls a kind of firm is one ("Jane Roe, a partner at the firm" is not)."""
    w = c.words
    b = m.b
    if b + 2 >= len(w) or w[b] != "," or w[b + 1].lower() not in ("a", "an", "the"):
        return False
    for i in range(b + 2, min(b + 5, len(w))):
        x = w[i]
        if x.lower() in ORG_NOUNS and x.lower() not in PEOPLE_TOO and x.islower():
            # the kind is the head of the phrase ("a startup that"), not a modifier ("a department analyst")
            return (i + 1 == len(w) or w[i + 1] in APPOSITION_ENDS) and _firm_or_not_sure(c, m)
        if x in (",", ".") or x.lower() in FUNCTION:
            return False
    return False


def _writer(c: Context, m: Mention) -> bool:
    """", Ada Roe wrote.": who writes, tells or says so after a comma is a person with a first name."""
    w = c.words
    return (m.label == Label.ORGANIZATION and m.b - m.a == 2 and m.a > 0 and w[m.a - 1] == ","
            and m.b < len(w) and w[m.b].lower() in WRITING and w[m.a].lower() in given_names())


def _not_sure(c: Context, m: Mention) -> bool:
    """A person, a place no gazetteer knows, or an untagged run of uncommon words ("Harlow
    Sachs", not "Retail" or "Wall Street"): what a firm's context may retype."""
    if m.label is None:
        common = common_words()
        return all(w[0].isupper() and w.lower() not in common and w.lower() not in MONTHS
                   for w in c.words[m.a : m.b])
    if m.label == Label.PERSON:
        return True
    return m.label == Label.PLACE and " ".join(c.words[m.a : m.b]).lower() not in places()[0]


def _firm_or_not_sure(c: Context, m: Mention) -> bool:
    """Already a firm, or a name a firm's context may retype (``_not_sure``)."""
    return m.label == Label.ORGANIZATION or _not_sure(c, m)


def _staff(c: Context, m: Mention) -> bool:
    """"Harlow Sachs economists said": a name before the plural of a firm's staff is the firm."""
    w = c.words
    return m.b < len(w) and w[m.b].lower() in STAFF_NOUNS and _firm_or_not_sure(c, m)


def _officer_of(c: Context, m: Mention) -> bool:
    """"chief executive of Velmora", "shares of Velmora", "joined Velmora as": whose officer or
    shares they are, or what someone joins as one, is a firm ("president of France" is no firm title)."""
    w = c.words
    a = m.a
    if a > 1 and w[a - 1].lower() == "of":
        title = w[a - 2].lower()
        if title in ("officer", "executive") and a > 2 and w[a - 3].lower() == "chief":
            title = "ceo"
        return title in FIRM_TITLES and (_firm_or_not_sure(c, m)
                                         or m.label == Label.PRODUCT and title in ("shares", "stock"))
    return (a > 0 and w[a - 1].lower() in JOINING and m.b < len(w) and w[m.b].lower() == "as"
            and _firm_or_not_sure(c, m) and m.label != Label.PERSON)


def _firm_verb(c: Context, m: Mention) -> bool:
    """"Velmora bought", "Velmora agreed to buy", "acquired by Velmora", "Velmora said it would": what
    acquires, invests, ships or speaks of itself as "it" is a firm, unless the model typed it a person
    (who acquires too, and whose "it" is something else); "the Autonomous Region hired" is neither."""
    w = c.words
    a, b = m.a, m.b
    after = [x.lower() for x in w[b : b + 3]]
    if m.label == Label.PERSON:  # "Jane Roe said it was fine": a person's "it" is something else
        return False
    if after[:1] in (["said"], ["says"]) and after[1:2] in (["it"], ["its"]):
        pass
    elif not (after[:1] and after[0] in FIRM_VERBS
              or len(after) == 3 and after[0] in INTENDING and after[1] == "to" and after[2] in FIRM_ACTS
              or a > 1 and w[a - 1].lower() == "by" and w[a - 2].lower() in FIRM_VERBS):
        return False  # none of "Velmora bought", "Velmora agreed to buy", "was acquired by Velmora"
    common = common_words()
    return not any(x.lower() in common for x in w[a:b]) and _not_sure(c, m)


def _firm_title(c: Context, m: Mention) -> bool:
    """"Harrows' chief executive", "Velmora's chairman": whose chief executive it is, is a firm."""
    w = c.words
    b = m.b
    if not (b + 1 < len(w) and w[b] in POSSESSIVES):
        return False
    title = w[b + 1].lower()
    if title == "chief" and b + 2 < len(w) and w[b + 2].lower() in ("executive", "financial", "operating"):
        title = "ceo"
    if title in ("shares", "stock") and m.label == Label.PERSON:
        return False  # "Roe's shares in Velmora": people own shares too
    return title in FIRM_TITLES and _firm_or_not_sure(c, m)


def _partner(c: Context, m: Mention) -> bool:
    """"a partnership with Quorvex", "a deal with Quorvex": what a firm makes a deal with is a firm."""
    w = c.words
    return (_not_sure(c, m) and m.label != Label.PERSON and m.b - m.a <= 3 and m.a > 1 and w[m.a - 1] == "with"
            and w[m.a - 2].lower() in DEAL_NOUNS)


def _venue(c: Context, m: Mention) -> bool:
    """"at Bridgestone Arena", "in the Velmont Speedway": a place where things happen, named with a
    venue's word, is a facility (a firm may carry the word too: "Velt Arena raised $10 million")."""
    w = c.words
    k = m.a - 1
    if k > 0 and w[k].lower() == "the":
        k -= 1
    return (m.b - m.a > 1 and m.label is not None and w[m.b - 1].lower() in VENUE_HEADS
            and k >= 0 and w[k].lower() in VENUE_PREPOSITIONS)


def _corporate_tail(c: Context, m: Mention) -> bool:
    """"Velmora AI", "Quorvex Labs", "Harlow Capital": a firm's word ends the name ("the Atlanta
    Games", after a known place, is an event)."""
    w = c.words
    return (m.b - m.a > 1 and m.label != Label.ORGANIZATION and w[m.b - 1].lower() in CORP_TAILS
            and not (m.label in (Label.EVENT, "misc") and w[m.a].lower() in places()[0]))


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry: its name, its test and the label it sets (``None``: not a name).

    ``finds``: it may find a name the model left untagged (the others only overrule the model).
    ``evidence``: its test reads what the text says of the name right there ("Mr. X", "the startup
    X", "X's chief executive"), so a mention it types keeps that type even where the rest of the
    corpus types the same name otherwise (the index writer gives it an entity of its own)."""

    name: str
    test: Callable[[Context, Mention], bool]
    label: Label | None
    finds: bool = False
    evidence: bool = False


RULES: tuple[Rule, ...] = (
    Rule("handle", _handle, None),
    Rule("ticker", _ticker, None),
    Rule("credit-words", _credit_words, None),
    Rule("photo-credit", _photo_credit, Label.PERSON, finds=True, evidence=True),
    Rule("stock-index", _stock_index, None),
    Rule("honorific", _after_honorific, Label.PERSON, finds=True, evidence=True),
    Rule("common-acronym", _common_acronym, None),
    Rule("venue", _venue, Label.FACILITY),
    Rule("owner-of-a-person", _owner_of_a_person, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("publication", _publication, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("partner", _partner, Label.ORGANIZATION, finds=True),
    Rule("staff", _staff, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("firm-title", _firm_title, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("firm-verb", _firm_verb, Label.ORGANIZATION, finds=True),
    Rule("officer-of", _officer_of, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("kind-of-firm", _kind_of_firm, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("described-as-firm", _described_as_firm, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("writer", _writer, Label.PERSON, evidence=True),
    Rule("camel-case", _camel_case, Label.ORGANIZATION),
    Rule("corporate-tail", _corporate_tail, Label.ORGANIZATION),
)


TEXT_EVIDENCE = frozenset(f"rule:{r.name}" for r in RULES if r.evidence)  # the sources of such mentions
FINDERS = tuple(r for r in RULES if r.finds)


def apply_rules(c: Context, m: Mention, rules: tuple[Rule, ...] | None = None) -> None:
    """Let the first rule that holds for ``m`` decide its label and say so in its source."""
    for rule in RULES if rules is None else rules:
        if rule.test(c, m):
            m.label = rule.label
            m.score = 1.0
            m.source = f"rule:{rule.name}"
            return
