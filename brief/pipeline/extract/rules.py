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
    ACQUIRING,
    ACRONYM_STOP,
    APPOSITION_ENDS,
    CORP_TAILS,
    CRAFT_HEADS,
    CREDIT_WORDS,
    DEAL_NOUNS,
    DEAL_OBJECTS,
    DEMONYMS,
    EXCHANGES,
    FIRM_ACTS,
    FIRM_TITLES,
    FIRM_VERBS,
    FUNCTION,
    HALL_HEADS,
    HONORIFICS,
    INDEX_WORDS,
    INTENDING,
    JOINING,
    LAUNCHING,
    LEGAL_SUFFIXES,
    LIST_TRIGGERS,
    MEDIUM_NOUNS,
    MEDIUM_VERBS,
    MODEL_WORDS,
    MONTHS,
    NAME_PREFIXES,
    NEWNESS,
    OFFICE_TITLES,
    OFFICE_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    OWNING,
    PEOPLE_TOO,
    PERSON_FIRM_TITLES,
    PLACE_WORDS,
    POSITIONS,
    PRIZE_HEADS,
    PRODUCT_NOUNS,
    REPORTING,
    SCHEME_HEADS,
    SENTENCE_ENDS,
    SPOKESPEOPLE,
    SPORTS,
    STAFF_NOUNS,
    STAGE_HEADS,
    STATE_CODES,
    STATE_NAMES,
    TITLES,
    VENUE_HEADS,
    VENUE_PREPOSITIONS,
    WRITING,
    any_first_names,
    common_words,
    given_names,
    known_names,
    places,
    well_known,
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
    keys: dict[tuple[int, int], str] = field(default_factory=dict)  # (a, b) -> _key of the words

    def glued(self, i: int) -> bool:
        """Does token ``i`` touch token ``i + 1`` (no space between)?"""
        return 0 <= i < len(self.words) - 1 and self.ends[i] == self.starts[i + 1]

    def key(self, m: Mention) -> str:
        """The mention's name as the lists hold it (``_key``), worked out once for all the rules that look it up."""
        found = self.keys.get((m.a, m.b))
        if found is None:
            found = self.keys[(m.a, m.b)] = _key(self.words[m.a : m.b])
        return found


SURE = 0.9  # a model's tag this sure is not overruled by the weaker cues ("acquired", "-backed", products)
LEXICON_OVER = 0.9  # the lists of firms retype a model's tag below this confidence
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
    """"the Hang Seng Index", "the Kospi index", "Dow Jones Industrial Average", "the Velmora 600
    index": a market index."""
    w = c.words
    b = m.b
    if b + 1 < len(w) and w[b].isdigit():
        b += 1  # "the Velmora 600 index"
    return w[m.b - 1].lower() in INDEX_WORDS or b < len(w) and w[b].lower() in INDEX_WORDS


def instrument_code(word: str) -> bool:
    """"LCOc1", "CLc1", "CMAL3": a market data code (letters in capitals, then a contract letter or
    digits), which names an instrument, not a firm or a person ("G7", "F1", "A4" are too short)."""
    return (len(word) >= 4 and word[-1].isdigit() and word[:2].isupper() and word[:2].isalpha()
            and not any(ch.islower() for ch in word[:-2]) and sum(ch.isupper() for ch in word) >= 2
            and word.rstrip("0123456789")[-1:].isalpha())


def _instrument(c: Context, m: Mention) -> bool:
    """".SPX", "XAU=", "US10YT=RR", "LCOc1", "the Shanghai Composite (SHCOMP)": a data code glued to a
    dot or an equals sign, a contract code, or the capitals in brackets after an index's name."""
    w = c.words
    a = m.a
    if m.b - a != 1:
        return False
    x = w[a]
    if instrument_code(x):
        return True
    if not (x.isupper() and x.isalpha()):
        return False
    if a > 0 and c.glued(a - 1) and w[a - 1] in (".", "="):
        return True
    if a + 1 < len(w) and c.glued(a) and w[a + 1] == "=":
        return True
    return (a > 1 and w[a - 1] == "(" and a + 1 < len(w) and w[a + 1] == ")"
            and w[a - 2].lower() in INDEX_WORDS)


def _plural_acronym(c: Context, m: Mention) -> bool:
    """"DSPs", "CBs", "ICUs": capitals with a plural "s" are a common noun in short, not a name."""
    x = c.words[m.a]
    return m.b - m.a == 1 and len(x) >= 3 and x.endswith("s") and x[:-1].isupper() and x[:-1].isalpha()


def _position(c: Context, m: Mention) -> bool:
    """"CB Jane Roe": a playing position in capitals before a player's name is no name."""
    w = c.words
    return m.b - m.a == 1 and w[m.a] in POSITIONS and c.tagged.get(m.b) == Label.PERSON


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


def _after_office(c: Context, m: Mention) -> bool:
    """"Vice President Roe", "Sen. Jane Roe", "King Velmar": a capitalised title of office is
    followed by its holder's name (not "President Velmora Bank": a firm's word ends that one)."""
    w = c.words
    a, b = m.a, m.b
    if a < 1 or b - a > 3 or not w[a - 1][:1].isupper() or w[a - 1].lower() not in OFFICE_TITLES:
        return False
    rest = [x.lower() for x in w[a:b]]
    return (all(x[:1].isupper() and x[:1].isalpha() for x in w[a:b]) and not _known_place_or_people(c, m)
            and not any(x in CORP_TAILS or x in ORG_HEADS for x in rest)
            and known_names().get(c.key(m)) is None and well_known()[0].get(c.key(m)) is None)


def _given_name_no_place(c: Context, m: Mention) -> bool:
    """"Virginia Roe ... Roe said", "Georgia Velmar ... Velmar": a first name and a second word that
    no gazetteer knows together, that is no place's word ("Virginia Beach") and that the text
    writes alone too (a surname), name a person, not a place ("San Andreas" stays one)."""
    w = c.words
    a, b = m.a, m.b
    first = w[a].lower()
    if m.label != Label.PLACE or b - a != 2 or first not in any_first_names() or first in common_words():
        return False  # "The Captain": a common word first
    last = w[b - 1].lower()
    return (w[b - 1][:1].isupper() and w[b - 1].isalpha() and last not in PLACE_WORDS
            and last not in CORP_TAILS and last not in ORG_HEADS and last not in well_known()[1]
            and last not in places()[0] and " ".join(w[a:b]).lower() not in places()[0]
            and any(w[i] == w[b - 1] and w[i - 1] != w[a] for i in range(1, len(w))))  # written alone too


def _hyphenated_given_name(c: Context, m: Mention) -> bool:
    """"Jean-Luc Varsk", "Anne-Marie Roe": two given names joined by a hyphen and a surname name a
    person ("Mercedes-Benz" is no two given names)."""
    w = c.words
    first = w[m.a].split("-")
    names = given_names()
    return (2 <= m.b - m.a <= 3 and len(first) == 2 and all(x[:1].isupper() and x.lower() in names for x in first)
            and all(x[:1].isupper() and x.isalpha() for x in w[m.a + 1 : m.b]) and m.label != Label.PERSON
            and w[m.b - 1].lower() not in CORP_TAILS)


def _after_honorific(c: Context, m: Mention) -> bool:
    """"Mr. Vance", "Dr. Elna Varsk": a courtesy title is followed by a person's name (the text says
    so even where the model agrees, which ``TEXT_EVIDENCE`` keeps against the corpus)."""
    return m.a > 0 and c.words[m.a - 1].lower().rstrip(".") in HONORIFICS




def _camel_case(c: Context, m: Mention) -> bool:
    """"VelTech", "QuorMind": one word with a capital inside names a firm or a product, not a
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
    """"Harlow Sachs economists said", "Velmora shares closed", "a Velmora spokesperson": a name
    before the plural of a firm's staff or its shares, or between "a" and a spokesperson, is the firm."""
    w = c.words
    b = m.b
    if b < len(w) and w[b].lower() in SPOKESPEOPLE and m.a > 0 and w[m.a - 1].lower() in ("a", "an"):
        return not (m.label == Label.PERSON and m.score >= SURE)
    if b < len(w) and w[b].lower() in ("shares", "stock"):  # "Velmora shares": the model may call it anything
        return (not (m.label == Label.PERSON and m.score >= SURE) and _not_common(c, m)
                and not _regional(c, m)
                and " ".join(w[m.a : b]).lower() not in places()[0])  # "Hong Kong shares": a market
    return b < len(w) and w[b].lower() in STAFF_NOUNS and _firm_or_not_sure(c, m)


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


def _said_it(c: Context, m: Mention) -> bool:
    """"Velmora said it would", "Velmora says its profit": what speaks of itself as "it" is a firm,
    unless the model typed it a person (whose "it" is something else: "Jane Roe said it was fine")."""
    w = c.words
    b = m.b
    after = [x.lower() for x in w[b : b + 2]]
    if m.label == Label.PERSON or after[:1] not in (["said"], ["says"]) or after[1:2] not in (["it"], ["its"]):
        return False
    common = common_words()
    return not any(x.lower() in common for x in w[m.a : b]) and _firm_or_not_sure(c, m)


def _firm_verb(c: Context, m: Mention) -> bool:
    """"Velmora bought", "Velmora agreed to buy", "acquired by Velmora": what acquires, invests or
    ships is a firm, unless the model typed it a person (who acquires too); "the Autonomous Region
    hired" is neither."""
    w = c.words
    a, b = m.a, m.b
    after = [x.lower() for x in w[b : b + 3]]
    if m.label == Label.PERSON:
        return False
    if not (after[:1] and after[0] in FIRM_VERBS
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


def _hall(c: Context, m: Mention) -> bool:
    """"Harlow Amphitheatre", "the Velmont Auditorium": a hall's own word makes the name a place for
    shows, whatever stands around it."""
    return c.words[m.b - 1].lower() in HALL_HEADS


def _town_state(c: Context, m: Mention) -> bool:
    """"Camden, NJ", "Velmont, CO @ ...", "Velmont, New Mexico.": a name followed by a comma and a
    state's code or name (or ending in them) is a town, and so is where someone of an age is from
    ("Jane Roe, 32, of Velmont")."""
    w = c.words
    b = m.b
    if b - m.a > 2 and w[b - 2] == "," and w[b - 1] in STATE_CODES:
        return True
    last = w[b - 1].lower()
    if not all(x[:1].isupper() for x in w[m.a : b]) or last in LEGAL_SUFFIXES or last in CORP_TAILS:
        return False  # "Velmora Securities Corp., New York": the firm's home
    if b + 1 < len(w) and w[b] == "," and w[b + 1] in STATE_CODES:
        return b + 2 == len(w) or not w[b + 2][:1].isalnum() or not c.glued(b + 1)
    a = m.a  # "Jane Roe, 32, of Velmont": where someone of that age is from
    if a > 2 and w[a - 1] == "of" and w[a - 2].endswith(",") and w[a - 2][:-1].isdigit() and w[a - 3] == ",":
        return True  # the tokens read "Roe", ",", "32,", "of"
    if m.label in (Label.PERSON, Label.ORGANIZATION) and m.score >= SURE:
        return False
    state = next((s for s in (" ".join(w[b + 1 : b + 3]), w[b + 1] if b + 1 < len(w) else "") if s in STATE_NAMES), "")
    if b + 1 < len(w) and w[b] == "," and state:
        j = b + 1 + len(state.split())  # "Kent, Washington |", "Velmont, New Mexico."
        return j == len(w) or not w[j][:1].isalnum()
    return False


def _scheme(c: Context, m: Mention) -> bool:
    """"the Velmora Solar Program", "the Fourth Quorvex Plan": a programme or a plan is a document
    of its makers, not an organization."""
    return m.b - m.a > 1 and c.words[m.b - 1].lower() in SCHEME_HEADS


def _prize(c: Context, m: Mention) -> bool:
    """"the Velmora Music Awards", "the Quorvex Prize": a prize is an event, not an organization."""
    return m.b - m.a > 1 and c.words[m.b - 1].lower() in PRIZE_HEADS


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


def _legal_suffix(c: Context, m: Mention) -> bool:
    """"Velmora Inc.", "Velmora, Inc.", "Quorvex Ltd": a name that a legal suffix ends names a firm,
    never a person ("Jane Roe Inc." is her company)."""
    w = c.words
    b = m.b
    if m.b - m.a > 1 and w[b - 1].lower() in LEGAL_SUFFIXES:
        return True
    return (b + 1 < len(w) and w[b] == "," and w[b + 1].lower() in LEGAL_SUFFIXES and m.label != "misc"
            and w[b + 1][0].isupper())


def _state_code(c: Context, m: Mention) -> bool:
    """"Camden, NJ", "Toronto, ON": the capitals after a town and a comma are its state or province."""
    w = c.words
    a = m.a
    return (m.b - a == 1 and w[a] in STATE_CODES and a > 1 and w[a - 1] == ","
            and w[a - 2][:1].isupper() and not (c.glued(a) and w[a + 1] not in SENTENCE_ENDS and w[a + 1] != ","))


def _at_venue(c: Context, m: Mention) -> bool:
    """"June 9 – Camden, NJ @ Harlow Pavilion", "June 9 -- Harlow Pavilion, Camden, NJ": a name after
    a free-standing "@", or a hall's name before a town and its state, is where a show is."""
    w = c.words
    k = m.a - 1
    b = m.b
    if k > 0 and w[k] in ("The", "the"):
        k -= 1
    if k >= 0 and w[k] == "@" and not c.glued(k):
        return not (m.label == Label.PERSON and c.words[m.a].lower() in given_names())
    if not (m.b - m.a > 1 and w[b - 1].lower() in STAGE_HEADS and b + 1 < len(w) and w[b] == ","):
        return False
    j = b + 1
    while j < len(w) and j - b < 5 and w[j] != ",":
        j += 1
    return j + 1 < len(w) and w[j] == "," and w[j + 1] in STATE_CODES


def _title_of_a_person(c: Context, m: Mention) -> bool:
    """"Velmora CEO Jane Roe", "Quorvex founder Jane Roe", "Velmora athletic director Jane Roe": the
    name before a firm's title and a person is the firm ("Labour leader" is a party's; "French
    President" names no firm)."""
    w = c.words
    b = m.b
    if b + 1 >= len(w):
        return False
    title, k = w[b].lower(), b + 1
    if title == "chief" and b + 2 < len(w) and w[b + 1].lower() in ("executive", "financial", "operating"):
        title, k = "ceo", b + 2
    elif b + 2 < len(w) and w[b].islower() and w[b + 1] in ("director", "coach", "manager"):
        if w[b] in ("campaign", "personal", "family", "re-election", "transition", "legal") \
                or m.label == Label.PERSON and (m.b - m.a > 1 or _surname(c, w[m.a])):
            return False  # "Roe campaign manager Jane Doe": Roe's campaign
        title, k = "ceo", b + 2  # "Velmora athletic director Jane Roe", "Quorvex head coach Jane Roe"
    return (title in PERSON_FIRM_TITLES and c.tagged.get(k) == Label.PERSON
            and not all(x.lower() in OFFICE_WORDS or x.lower() in TITLES for x in w[m.a : b])  # "Vice President"
            and " ".join(w[m.a : b]).lower() not in places()[0] and not _known_place_or_people(c, m))


def _maker(c: Context, m: Mention) -> bool:
    """"Velmora's new phone", "Quorvex's latest laptop": who makes the new device is a firm."""
    w = c.words
    b = m.b
    return (b + 2 < len(w) and w[b] in POSSESSIVES and w[b + 1].lower() in NEWNESS
            and any(x.lower() in PRODUCT_NOUNS for x in w[b + 2 : b + 4])
            and " ".join(w[m.a : b]).lower() not in places()[0])


def _acquired(c: Context, m: Mention) -> bool:
    """"agreed to acquire Quorvex", "its takeover of Quorvex", "a stake in Quorvex": what is bought
    is a firm (a person is never acquired; a place is: "bought land in Kent")."""
    w = c.words
    a = m.a
    if a < 1 or m.label in (Label.PERSON, Label.PLACE) and m.score >= SURE:
        return False
    before = w[a - 1].lower()
    if before in ACQUIRING:
        return m.b - m.a <= 4 and _not_common(c, m)
    return (a > 1 and before in ("of", "in") and w[a - 2].lower() in DEAL_OBJECTS and _not_common(c, m)
            and not _known_place_or_people(c, m))


def _owned_by(c: Context, m: Mention) -> bool:
    """"Velmora-owned", "Quorvex-backed": who owns or backs something, glued to the word, is a firm
    (the model's sure people stay people: "Roe-backed")."""
    w = c.words
    b = m.b
    return (b + 1 < len(w) and w[b] == "-" and c.glued(b - 1) and c.glued(b) and w[b + 1].lower() in OWNING
            and not (m.label == Label.PERSON and m.score >= SURE) and not _known_place_or_people(c, m))


def _product_cue(c: Context, m: Mention) -> bool:
    """"its new Zentrix phone", "the Quorvex X2 smartphone", "launched the Zentrix": a name the text
    calls a device, an app or a vehicle, or that a firm launches, is a product."""
    w = c.words
    a, b = m.a, m.b
    if m.label == Label.PERSON and m.score >= SURE:
        return False
    k = a - 1
    new = k >= 0 and w[k].lower() in NEWNESS
    if new:
        k -= 1
    owned = k >= 0 and w[k].lower() in ("its", "their", "the", "a", "an")
    if owned and b < len(w) and w[b].lower() in PRODUCT_NOUNS and (new or w[k].lower() != "the" or b - a > 1):
        return not _known(c, m, Label.ORGANIZATION)
    return (owned and new and k > 0 and w[k - 1].lower() in LAUNCHING) or \
        (k >= 0 and w[k].lower() in ("its", "their") and k > 0 and w[k - 1].lower() in LAUNCHING)


def _model_name(c: Context, m: Mention) -> bool:
    """"Zentrix Pro Max", "Quorvex Ultra 2": a name ending in a model's word is a product."""
    w = c.words
    last = [x.lower() for x in w[max(m.a + 1, m.b - 2) : m.b]]
    return (m.b - m.a > 1 and bool(last) and last[-1] in MODEL_WORDS or len(last) == 2 and last[0] in MODEL_WORDS
            and w[m.b - 1].isdigit()) and m.label != Label.PRODUCT


def _well_known(c: Context, m: Mention, label: str) -> bool:
    """Does the list of well-known names (``lexicon.well_known``) call this name ``label``, where
    the text does not say otherwise? A common word ("Apple") counts where the model tagged it and
    no sentence starts with it; a known place only without "the" ("the Amazon" is the river); a
    person's surname in the text stays hers ("Jane Ford ... Ford said"); a team's nickname
    ("Sabres") after "the" or before a score ("Sabres 3, Quorvex 2")."""
    names, nicknames = well_known()
    w = c.words
    a, b = m.a, m.b
    k = c.key(m).removeprefix("the " if w[a] == "the" else "\0")  # "the iMac"; "The Atlantic" stays
    before = w[a - 1] if a > 0 else "."
    if before == "The" and "the " + k in names:
        k = "the " + k  # "The Verge's review" (not "the Atlantic", the ocean)
    found = names.get(k)
    if found is None and label == Label.PRODUCT and k.endswith("s") and (" " in k or not w[a][1:].islower()):
        found = names.get(k[:-1])  # "MacBook Pros", "iPhones" (not "accords")
    if found != label or m.label == label:
        return False
    if label == Label.PRODUCT and k in places()[0]:
        return False  # a car named after a town is the town first
    if k in nicknames:
        if k.rstrip("s") in DEMONYMS:
            return False  # "the Indians" are a people first
        after = w[b] if b < len(w) else "."
        versus = ("vs", "vs.", "v.")
        return before.lower() in ("the", *versus) or after[:1].isdigit() or after.lower() in versus
    if b - a == 1:
        if k in common_words() and (m.label is None or before in SENTENCE_ENDS):
            return False
        if m.label == Label.PERSON and _surname(c, w[a]):
            return False
    if before.lower() == "the" and k in places()[0]:
        return False
    return True


def _medium(c: Context, m: Mention) -> bool:
    """"posted on Velmora", "ridicule across Velmora", "some Velmora users", "a Velmora post": a
    platform the lists know (as a firm or a product), named as the medium people use, is the
    service, not the firm ("a ban on Velmora" says nothing of it)."""
    w = c.words
    a, b = m.a, m.b
    if b - a != 1:
        return False
    medium = (b < len(w) and w[b].lower() in MEDIUM_NOUNS and not (b + 1 < len(w) and w[b + 1][:1].isupper())
              or a > 1 and w[a - 1].lower() == "on" and w[a - 2].lower() in MEDIUM_VERBS
              or a > 0 and w[a - 1].lower() == "across")
    k = c.key(m)
    return (medium and (known_names().get(k) is not None or well_known()[0].get(k) is not None)
            and not _surname(c, w[a]))  # "Jane Ford ... Ford users": hers


def _quoted_title(c: Context, m: Mention) -> bool:
    """“Velmora Nights,” “The Quorvex Way”: a name that fills a pair of quotation marks is a title (a
    song, a book, a show), not a firm or a person."""
    w = c.words
    a, b = m.a, m.b
    k = a - 1
    if k >= 0 and w[k] == "The":
        k -= 1
    if k < 0 or w[k] not in ("“", '"') or not c.glued(k):
        return False
    j = b
    if j < len(w) and w[j] in (",", ".", "!", "?") and c.glued(j - 1):
        j += 1
    return j < len(w) and w[j] in ("”", '"') and c.glued(j - 1)


def _party_state(c: Context, m: Mention) -> bool:
    """"Jane Roe, D-Minn.", "(R-Texas)": a lawmaker's party and state name no organization."""
    x = c.words[m.a]
    return m.b - m.a == 1 and len(x) > 2 and x[0] in "DRI" and x[1] == "-" and x[2:3].isupper()


def _initial(c: Context, m: Mention) -> bool:
    """"Path A.", "B.": one capital and a dot is an initial or a letter, not a name by itself."""
    x = c.words[m.a]
    return m.b - m.a == 1 and len(x) == 2 and x[0].isupper() and x[1] == "."


def _pool(c: Context, m: Mention) -> bool:
    """"Group H", "Pool B": a group of a tournament's draw is no organization."""
    w = c.words
    return m.b - m.a == 2 and w[m.a] in ("Group", "Pool") and len(w[m.a + 1]) == 1 and w[m.a + 1].isupper()


def _well_known_event(c: Context, m: Mention) -> bool:
    """"the Grammys", "the Super Bowl": an award or an event any reader knows."""
    return _well_known(c, m, Label.EVENT)


def _place_as_modifier(c: Context, m: Mention) -> bool:
    """"the Velmont advertising agency", "a Velmont and Tarrow design firm": a town the gazetteer
    knows, written as a modifier between an article and a common noun, is the place."""
    w = c.words
    a, b = m.a, m.b
    if b + 2 < len(w) and w[b] == "and" and w[b + 1][:1].isupper():
        b += 2  # "a Velmont and Tarrow design firm"
    if m.label != Label.ORGANIZATION or b >= len(w) or not w[b].islower() or w[b] in ("and", "or") \
            or w[b] in SPORTS or w[b] in ORG_NOUNS or w[b] == "news":
        return False  # "the Velmont defender", "the Velmont news agency": its team, its agency
    k = a - 1
    if k > 1 and w[k] == "and" and w[k - 1][:1].isupper():
        k -= 2  # "a Velmont and Tarrow design firm"
    name = " ".join(w[a : m.b])
    return (k >= 0 and w[k].lower() in ("a", "an", "the") and name.lower() in places()[0] and not name.isupper()
            and name.lower() not in common_words())  # "the UN envoy", "a Time cover": no town


def _well_known_product(c: Context, m: Mention) -> bool:
    """"MacBook Pro", "Xbox One X", "Stadia": a product of a large maker, never a firm."""
    return _well_known(c, m, Label.PRODUCT)


def _well_known_firm(c: Context, m: Mention) -> bool:
    """"Forbes", "the Sabres": a firm, an outlet or a team any reader knows."""
    return _well_known(c, m, Label.ORGANIZATION)


def _craft(c: Context, m: Mention) -> bool:
    """"the Velmora Exploration Rover", "the Quorvex Space Telescope": a craft or an instrument is a
    product, not the agency that flies it."""
    return m.b - m.a > 1 and c.words[m.b - 1].lower() in CRAFT_HEADS and m.label != Label.PRODUCT


def _known(c: Context, m: Mention, label: str) -> bool:
    """Does a list of names (``lexicon.known_names``) call this name ``label``?"""
    return known_names().get(c.key(m)) == label


def _known_product(c: Context, m: Mention) -> bool:
    """"Xbox One", "iPhone": a name the lists of products know (WNUT-2017, MultiCoNER II)."""
    return (m.label != Label.PRODUCT and (m.label != Label.ORGANIZATION or m.score < LEXICON_OVER)
            and _known(c, m, Label.PRODUCT))


def _known_company(c: Context, m: Mention) -> bool:
    """A name the lists of firms know (US listings, WNUT-2017, MultiCoNER II), where the model was
    unsure, left it untagged, called it a place no gazetteer knows, or a person by one word that
    is no one's surname in the text."""
    if m.label == Label.ORGANIZATION or not _known(c, m, Label.ORGANIZATION):
        return False
    if m.label == Label.PERSON and m.score >= LEXICON_OVER:
        return m.b - m.a == 1 and not _surname(c, c.words[m.a])  # "Posts on Velmora": no one's surname
    return (m.label is None or m.score < LEXICON_OVER
            or m.label == Label.PLACE and " ".join(c.words[m.a : m.b]).lower() not in places()[0])


def _surname(c: Context, word: str) -> bool:
    """Does the text name someone in full with this word last ("Jane Ford ... Ford said")?"""
    w = c.words
    return any(w[i] == word and w[i - 1][:1].isupper() and w[i - 1].isalpha() for i in range(1, len(w)))


def _key(words: list[str]) -> str:
    """A name as the lists hold it: case-folded words, no possessive."""
    return " ".join(words).replace("’", "'").removesuffix(" 's").casefold()


def _regional(c: Context, m: Mention) -> bool:
    """"Asia-Pacific", "Euro-Atlantic": every part of the name is a place or a people's word."""
    parts = [p for x in c.words[m.a : m.b] for p in x.lower().split("-")]
    return all(p in places()[0] or p in DEMONYMS or p.rstrip("s") in DEMONYMS for p in parts)


def _not_common(c: Context, m: Mention) -> bool:
    common = common_words()
    return not all(x.lower() in common or x.lower() in FUNCTION for x in c.words[m.a : m.b])



@dataclass(frozen=True, slots=True)
class Rule:
    """One entry: its name, its test and the label it sets (``None``: not a name).

    ``finds``: it may find a name the model left untagged (the others only overrule the model).
    ``evidence``: its test reads what the text says of the name right there ("Mr. X", "the startup
    X", "X's chief executive"), so a mention it types keeps that type even where the rest of the
    corpus types the same name otherwise (the index writer gives it an entity of its own).
    ``test`` is ``None`` for the entries that a step of ``entities`` applies to the article as a
    whole (lists, one type per name, ...): they are named here all the same, so every source a
    mention can carry is minted from this list (``Rule.source``, ``source``).
    ``kind``: "rule", or "lexicon" for a list of names that says what a name is."""

    name: str
    test: Callable[[Context, Mention], bool] | None
    label: Label | None
    finds: bool = False
    evidence: bool = False
    kind: str = "rule"

    @property
    def source(self) -> str:
        """What a mention this entry typed says made it: "rule:<name>" or "lexicon:<name>"."""
        return f"{self.kind}:{self.name}"


RULES: tuple[Rule, ...] = (
    Rule("handle", _handle, None),
    Rule("ticker", _ticker, None),
    Rule("instrument-code", _instrument, None),
    Rule("plural-acronym", _plural_acronym, None),
    Rule("position", _position, None),
    Rule("credit-words", _credit_words, None),
    Rule("photo-credit", _photo_credit, Label.PERSON, finds=True, evidence=True),
    Rule("stock-index", _stock_index, None),
    Rule("honorific", _after_honorific, Label.PERSON, finds=True, evidence=True),
    Rule("office", _after_office, Label.PERSON, finds=True, evidence=True),
    Rule("given-name", _given_name_no_place, Label.PERSON),
    Rule("hyphenated-given-name", _hyphenated_given_name, Label.PERSON),
    Rule("common-acronym", _common_acronym, None),
    Rule("state-code", _state_code, Label.PLACE),
    Rule("town-state", _town_state, Label.PLACE),
    Rule("at-venue", _at_venue, Label.FACILITY),
    Rule("venue", _venue, Label.FACILITY),
    Rule("hall", _hall, Label.FACILITY),
    Rule("scheme", _scheme, Label.LAW),
    Rule("quoted-title", _quoted_title, Label.WORK),
    Rule("pool", _pool, None),
    Rule("party-state", _party_state, None),
    Rule("initial", _initial, None),
    Rule("prize", _prize, Label.EVENT),
    Rule("legal-suffix", _legal_suffix, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("owner-of-a-person", _owner_of_a_person, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("title-of-a-person", _title_of_a_person, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("publication", _publication, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("partner", _partner, Label.ORGANIZATION, finds=True),
    Rule("staff", _staff, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("maker", _maker, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("firm-title", _firm_title, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("said-it", _said_it, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("firm-verb", _firm_verb, Label.ORGANIZATION, finds=True),
    Rule("acquired", _acquired, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("owned-by", _owned_by, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("officer-of", _officer_of, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("kind-of-firm", _kind_of_firm, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("described-as-firm", _described_as_firm, Label.ORGANIZATION, finds=True, evidence=True),
    Rule("medium", _medium, Label.PRODUCT, finds=True),
    Rule("place-as-modifier", _place_as_modifier, Label.PLACE),
    Rule("well-known-products", _well_known_product, Label.PRODUCT, finds=True, kind="lexicon"),
    Rule("well-known-firms", _well_known_firm, Label.ORGANIZATION, finds=True, kind="lexicon"),
    Rule("well-known-events", _well_known_event, Label.EVENT, kind="lexicon"),
    Rule("product-cue", _product_cue, Label.PRODUCT, finds=True, evidence=True),
    Rule("model-name", _model_name, Label.PRODUCT),
    Rule("craft", _craft, Label.PRODUCT),
    Rule("writer", _writer, Label.PERSON, evidence=True),
    Rule("products", _known_product, Label.PRODUCT, finds=True, kind="lexicon"),
    Rule("companies", _known_company, Label.ORGANIZATION, finds=True, kind="lexicon"),
    Rule("camel-case", _camel_case, Label.ORGANIZATION),
    Rule("corporate-tail", _corporate_tail, Label.ORGANIZATION),
    # applied by the steps of ``entities`` to the article as a whole
    Rule("possessor", None, Label.ORGANIZATION),  # "Velmora's Jane Roe" inside one tagged run
    Rule("list", None, Label.ORGANIZATION),  # "rivals like X, Y and Z"; "X and Y" beside a firm
    Rule("one-type", None, None),  # one name, one type in the article: the type its evidence weighs most
    Rule("article-name", None, None),  # a name the article typed, found again untagged
    Rule("byline", None, Label.PERSON),  # the article's author (``analysis.raw_mentions``)
    Rule("player", None, Label.PERSON),  # "CB Jane Roe": the name after a playing position
    Rule("office-of", None, Label.ORGANIZATION),  # "the Velmont County Sheriff's Office"
    Rule("portfolios", None, Label.ORGANIZATION),  # "the Ministry of Trade, Industry and Energy"
)

_BY_NAME = {r.name: r for r in RULES}
TEXT_EVIDENCE = frozenset(r.source for r in RULES if r.evidence)  # the sources of such mentions
FINDERS = tuple(r for r in RULES if r.finds and r.test is not None)
_TESTED = tuple(r for r in RULES if r.test is not None)


def source(name: str) -> str:
    """The source a mention typed by the entry ``name`` carries (a ``KeyError`` for no entry)."""
    return _BY_NAME[name].source


def apply_rules(c: Context, m: Mention, rules: tuple[Rule, ...] | None = None) -> None:
    """Let the first rule that holds for ``m`` decide its label and say so in its source."""
    for rule in _TESTED if rules is None else rules:
        if rule.test is not None and rule.test(c, m):
            m.label = rule.label
            m.score = 1.0
            m.source = rule.source
            return
