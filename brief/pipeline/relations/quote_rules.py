"""Who said a quotation: an ordered list of named rule entries, each a shape news writing uses.

Each entry (name, find) looks at the words next to one quotation; the first whose ``find``
returns a ``Found`` attributes it (to a speaker, or to someone the text does not name), and the
quotation keeps ``"<entry>:<how>"`` as its ``rule``, where ``how`` says how the words name the
speaker: ``name`` (a person or organization named there), ``spokesperson`` ('a spokeswoman for
Acme'), ``pronoun`` ('he', 'she', 'it', 'they'), ``org-noun`` ('the company'), ``title`` ('the
minister'), ``spokesman-again``, ``unnamed`` ('a person familiar with the matter') or ``untagged``
(a name the tagger did not find). The entries, in order:

- ``said-name``: '“…,” said Jane Roe', '“…,” according to Roe'
- ``name-said``: '“…,” Jane Roe said', '“…,” he told reporters'
- ``signed``: '“…” — Jane Roe', or a '— Jane Roe, CEO of Acme' paragraph after it
- ``before``: 'Roe told reporters: “…”', 'said Roe: “…”', 'according to Roe, “…”', 'Roe called it “…”'
- ``colon``: 'Roe was blunt: “…”' (the person a short clause before the colon is about)

Two more, in ``quotes``, carry a speaker to quotations with no attribution of their own:
``paragraphs`` (the parts of one quotation over several paragraphs) and ``continues`` (a
quotation that goes on after '“…,” he said. “…”').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from brief.pipeline.extract.lexicon import OCCUPATIONS
from brief.pipeline.relations.context import ORG_REFERENCE, ORGANIZATION, PERSON, Doc
from brief.pipeline.relations.gender import fits as fits_pronoun
from brief.pipeline.relations.lazy import lazy_regex
from brief.pipeline.relations.titles import TITLE

# Verbs of speech, as words (a set lookup per word is far cheaper than one regex alternation per offset).
SAY_WORDS = frozenset("""
said says say told tells added adds asked asks explained explains noted notes wrote writes stated states argued
argues insisted insists recalled recalls continued continues replied replies responded responds warned warns
admitted admits declared declares announced announces acknowledged acknowledges claimed claims conceded concedes
observed observes remarked remarks suggested suggests tweeted tweets posted commented comments countered counters
cautioned cautions stressed stresses emphasized emphasised emphasizes emphasises urged urges predicted predicts
joked jokes quipped quips recounted recounts shouted whispered lamented laments boasted boasts mused muses agreed
confirmed confirms testified vowed vows promised complained complains reiterated reiterates adding saying telling
writing noting explaining arguing reports reported asserted asserts maintained maintains marveled marvelled fumed
fumes concluded concludes advised advises advising lectured cracked scoffed interjected interjects pleaded
demanded wondered sighed snapped elaborated opined assured assures ruled charged alleged alleges answered retorted
texted emailed echoed
""".split())
# Before a quotation, these bring in the subject's own words too: 'Roe called the plan “a mess.”'
_BEFORE_WORDS = SAY_WORDS | {"called", "calls", "calling", "described", "describes", "describing"}
_CALLED_OBJECT = lazy_regex(r"(?:,?\s+[\w’'-]+){1,8}\s*")  # 'called the plan “', 'described the season as “'
_SAY_PAIRS = {"according": " to", "pointed": " out", "points": " out", "went": " on", "put": " it"}
_LETTERS = lazy_regex(r"[A-Za-z]+")
_QUOTED_AS = lazy_regex(r"\bquot(?:ed|es|ing)\b", re.IGNORECASE)
_COLON_BEFORE = lazy_regex(r":\s*$")
_TELL = lazy_regex(r"tell|told|asked|asks|urged|urges|warned|warns", re.IGNORECASE)
_AUX_TAIL = lazy_regex(r"(?:\s+(?:also|later|then|once|had|has|have|would|will|previously|recently|simply|further|"
                       r"again|long))*\s*$", re.IGNORECASE)
# Before one: 'Roe told reporters: “', 'She said, “', 'according to Roe, “'.
_BEFORE_TAIL = lazy_regex(r"(?P<rest>[^“”\"\n!?]{0,120}?)\s*[,:]?\s*(?:that\s+)?$")
_SPOKES = lazy_regex(r"spokes(?:man|woman|person)|representative|statement|press\s+office|aide|official",
                     re.IGNORECASE)
_PRONOUN = {"he": PERSON, "she": PERSON, "it": ORGANIZATION}
_CLAUSE_END = lazy_regex(r"[,;:“”\"\n(]|\.(?=\s)|\s(?:in|on|at|during|after|before|when|while|who|which|as)\s")
_ABBREVIATION = lazy_regex(
    r"\b(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|Pres|Sgt|[A-Z])$")
# Someone the text does not name: "a person familiar with the matter", "the officials", "one analyst".
_UNNAMED = lazy_regex(r"(?:a|an|the|one|another|some|two|three|several|many|other)(?:\s+[\w’'-]+){1,6}", re.IGNORECASE)
WORD = lazy_regex(r"[\w’']+")
_POSSESSIVE = ("'s ", "’s ")
# A person named before by the title alone: "the minister", "the company's chief executive".
# Words news uses for a person it named before, besides titles (``lexicon.OCCUPATIONS``): "the striker".
_OCCUPATION = "|".join(sorted(OCCUPATIONS, key=lambda w: (-len(w), w)))
_JOB = rf"(?:{TITLE}|\b(?:{_OCCUPATION})\b)"
_TITLED = lazy_regex(rf"the\s+(?:[\w’'-]+\s+){{0,2}}?(?P<title>{_JOB}(?:\s*(?:and|&|/)\s*{_JOB})?)", re.IGNORECASE)
_RELATIVE = lazy_regex(r"\s*(?:who|whose|which|where|when|whom)\b", re.IGNORECASE)
_PREPOSITION_BEFORE = lazy_regex(r"\b(?:of|in|at|with|from|by|on|to|about|against|like|than|over)\s+(?:the\s+)?$",
                                 re.IGNORECASE)
# An unattributed quotation right after these is a name, a title or a term: the “Plan for ...”, called “X”.
NOUN_PHRASE_BEFORE = lazy_regex(
    r"(?:\b(?:the|a|an|of|to|for|with|titled|entitled|called|named|dubbed|as|its|his|her|their|our|this|that|"
    r"so-called|including|like|such\s+as)|\b(?!(?:it|that|what|there|here|he|she|who|where|let)['’]s)"
    r"(?:\d+|(?-i:[A-Z])[\w.&-]*)['’]s|\b(?:titled|entitled|called|named|dubbed)[,:]|\b(?:term|word|words|slogan|theme|phrase|label|banner|headline|motto|article|story|book|film|"
    r"movie|song|album|report|column|editorial|series|show|programme|program|novel|poem|play|essay|piece|"
    r"paper|study|campaign|hashtag)[,:]?)\s*$", re.IGNORECASE)
# After a quotation that ends its sentence, "Roe said" attributes it only if nothing depends on "said"
# ('“It is over.” Roe said.', but not '“Ready for your call.” A spokesman says the line was busy').
_VERB_ENDS = lazy_regex(
    r"\s*(?:[.,;:!?]|$|(?:in|on|at|to|during|after|before|last|this|yesterday|today|tonight|later|recently|"
    r"earlier|when|while|as|of|about|afterwards|then|again|\w+day)\b)", re.IGNORECASE)
# '“…over.” Roe said this week that she would stay': "said" has an object of its own
_THAT = lazy_regex(r"[^.;:!?\n“”\"]{0,40}?\bthat\b")
_OPENS_NEXT = lazy_regex(r"[ \t]*[,:]?[ \t]*[“\"]")  # '“…” The other side, he argues, “…”': the next one's
_NAME_LIKE = lazy_regex(
    r"\s+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof|Gen)\.?\s+[A-Z]|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|This|That|In|"
    r"On|At|Last|Earlier|Later)\b)[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+)")
# The subject of a verb of speech before a quotation is in its own clause, after these.
_SUBORDINATE = lazy_regex(r"\b(?:what|which|because|although|though|whereas|but|while|whether|if|when)\s",
                          re.IGNORECASE)
_APPOSED = lazy_regex(r",\s*")
# '“…over.” Roe said on Tuesday.': after a sentence of its own, the verb ends its sentence within a few words
_SHORT_END = lazy_regex(r"(?:\s*[\w’'-]+){0,3}\s*(?:[.!?,;]|$)")
_AND_THAT = lazy_regex(r"\b(?:and|but|or)\s+that\b", re.IGNORECASE)
_NEXT_MARK = lazy_regex(r"[,:](?:[ \t]*“|[ \t]+\"(?=\S))")  # an opening mark: '," the voice' closes one
_STOP = lazy_regex(r"[.!?](?=\s+[“\"‘]?[A-Z])")
# A signature after a quotation: '“…” — Jane Roe', or a paragraph of its own, '— Jane Roe, CEO of Acme'.
_DASH = lazy_regex(r"[ \t]*(?:\n\s*)?(?:—|–|--?)[ \t]*")
# What may follow the name in a signature: nothing, or an appositive to the paragraph's end.
_SIGNED = lazy_regex(r"[ \t]*(?:[,(][^\n—–]{0,150})?\.?[ \t]*(?=\n|$)")
@dataclass(slots=True)
class Piece:
    """One stretch of quoted text: marks at ``open`` and ``close`` (None when left open)."""

    open: int
    start: int
    end: int
    close: int | None
    paragraph: int  # counts paragraphs with text: a blank line between two is not one
    para_lo: int  # where its paragraph starts
    speaker: int | None = None
    speaker_text: str | None = None
    attributed: bool = False
    inherited: bool = False  # the speaker is that of the quotation it continues
    rule: str | None = None  # "<entry>:<how>" of the rule that attributed it
    verb: tuple[int, int, str] | None = None  # the first verb of speech after it, once looked for
    verb_sought: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation attributed: its speaker (None: someone the text does not name), the words naming
    them as written, and how those words name them."""

    speaker: int | None
    text: str | None
    how: str

def _clause(text: str, lo: int, hi: int) -> int:
    """Where the phrase starting at ``lo`` ends: a comma, colon, full stop (not 'Sen.') or a new clause."""
    for m in _CLAUSE_END.finditer(text, lo, hi):
        if m.group() == "." and _ABBREVIATION.search(text, max(lo, m.start() - 6), m.start()):
            continue
        return m.start()
    return hi


def _resolve(doc: Doc, lo: int, hi: int, anchor: int, subject: bool) -> Found | None:
    """Who the phrase ``text[lo:hi]`` names as the speaker (None: it names no one, not even unnamed).

    A subject phrase ("Acme CEO Jane Roe", "a spokeswoman for Acme", "he") is read from its end,
    an object phrase ("said Jane Roe, ...") from its start.
    """
    text = doc.text
    phrase = " ".join(text[lo:hi].split()).strip(" ,—–-")
    spokes = bool(_SPOKES.search(phrase))
    anchor = min(anchor, lo)  # "he", "the company": named before the phrase (and before the quotation)

    def fits(i: int) -> bool:  # not quoted, not in a relative clause, not after "of", "with"...
        s = doc.entities[i].start
        if doc.in_quote(s) or (subject and _RELATIVE.match(text, text.rfind(",", lo, s) + 1 or lo, s)):
            return False
        if doc.label[i] == PERSON:
            return not subject or not (_PREPOSITION_BEFORE.search(text, max(lo, s - 12), s) or _someone_of(doc, i))
        return spokes or not _PREPOSITION_BEFORE.search(text, max(lo, s - 12), s)

    if subject and (i := _apposed_name(doc, lo, hi)) is not None:
        return Found(i, doc.surface(i), "name")
    named = doc.within(lo, hi, PERSON)
    people = [i for i in named if fits(i)]
    if subject and named and not people and _someone_of(doc, named[-1]):
        return Found(None, None, "unnamed")  # "Roe's mother said", "Roe's source, who asked not to be named, said"
    if people:
        i = people[-1] if subject else people[0]
        if not subject and len(people) > 1 and text.startswith(_POSSESSIVE, doc.entities[i].end):
            i = people[1]  # 'says Acme's Mr. Roe' (when the tagger took Acme for a person)
        return Found(i, doc.surface(i), "name")
    orgs = [i for i in doc.within(lo, hi, ORGANIZATION) if fits(i)]
    if orgs and subject and not spokes and (titled := _TITLED.fullmatch(phrase.split(",")[-1].strip())):
        person = doc.last_before(anchor, PERSON)  # 'the Velmora CEO said': the CEO named before, not Velmora
        if person is not None and _refers_back(doc, person, titled.group("title"), anchor):
            return Found(person, titled.group(), "title")
    if orgs:
        i = orgs[-1] if subject else orgs[0]
        if spokes and len(phrase) < 80:
            return Found(i, phrase, "spokesperson")
        return Found(i, doc.surface(i), "name")
    words = WORD.findall(phrase)
    if not words:
        return None
    pronoun = (words[-1] if subject else words[0]).casefold()
    naming = words[-1] if subject else words[0]
    last_part = phrase.split(",")[-1].strip()
    side = _THEIR_SIDE.fullmatch(last_part) if subject else None
    if side:  # 'his lawyers wrote': his words, as a spokesperson's are the organization's
        pronoun, naming = _OWNER[side.group("whose").casefold()], last_part
    if pronoun == "they" and len(WORD.findall(last_part if subject else phrase)) <= (2 if subject else 1):
        return Found(_they(doc, anchor), naming, "pronoun")
    if pronoun in _PRONOUN and (not subject or side or len(words) <= 3 or len(WORD.findall(last_part)) == 1):
        if pronoun == "it":
            return Found(_organization_meant(doc, anchor), naming, "pronoun")
        found = doc.last_before(anchor, _PRONOUN[pronoun], pronoun=pronoun)
        if found is not None:
            found = _subject_of_sentence(doc, found, pronoun)
        # 'Now, the analyst said, … “…,” he said': the analyst, named or not
        floor = doc.entities[found].end if found is not None else max(0, anchor - 400)
        unnamed, org = _unnamed_speaker(doc, found, max(floor, anchor - 400), anchor)
        return Found(org if unnamed else found, naming, "pronoun")
    tail = last_part if subject else phrase
    if ORG_REFERENCE.fullmatch(tail):
        return Found(_organization_meant(doc, anchor, tail.split()[-1]), tail, "org-noun")
    parts = [p.strip() for p in phrase.split(",")] if subject else [phrase]
    for head in dict.fromkeys((parts[0], parts[-1])):  # "The minister, who …, said"; "Asked why, the judge said"
        if subject and (titled := _TITLED.fullmatch(head)) and not _SPOKES.search(head):
            found = doc.last_before(anchor, PERSON)
            if found is not None and _refers_back(doc, found, titled.group("title"), anchor):
                return Found(found, head, "title")
        if subject and _AGED.fullmatch(head):  # 'The 56-year-old said': the person named before
            found = doc.last_before(anchor, PERSON)
            if found is not None:
                return Found(found, head, "age")
        if _THE_SPOKESMAN.fullmatch(head):  # 'a spokesman for Acme told Reuters … “…,” the spokesman added'
            _, org = _unnamed_speaker(doc, None, max(0, anchor - 600), anchor)
            if org is not None:
                return Found(org, head, "spokesman-again")
    # "the official said", "said a person familiar with the matter": attributed, but to no one named
    if _UNNAMED.fullmatch(phrase) or _UNNAMED.fullmatch(parts[-1]):
        return Found(None, None, "unnamed")
    return None


_THE_SPOKESMAN = lazy_regex(r"the\s+(?:[\w-]+\s+)?spokes(?:man|woman|person)", re.IGNORECASE)
_AGED = lazy_regex(r"the\s+[\w-]+-year-old(?:\s+[a-z][\w-]*)?", re.IGNORECASE)
# Who speaks for someone named as a pronoun: 'his lawyers wrote', 'its spokesman said'.
_AGENTS = (r"lawyers?|attorneys?|legal\s+team|counsel|spokes(?:man|woman|person|people)|representatives?|aides?|"
           r"office|camp|team|campaign")
_THEIR_SIDE = lazy_regex(rf"(?:.*\s)?(?P<whose>his|her|its)\s+(?:[\w-]+\s+)?(?:{_AGENTS})", re.IGNORECASE)
_OWNER = {"his": "he", "her": "she", "its": "it"}
# Titles before the name they belong to: 'said chairman, CEO and president Jane Roe'.
_TITLES_THEN = lazy_regex(rf"\s*(?:{TITLE})(?:\s*(?:,|and|&)\s*(?:{TITLE}))*\s+", re.IGNORECASE)


def _apposed_name(doc: Doc, lo: int, hi: int) -> int | None:
    """'Jane Roe, Velmora's head of research, said', 'Velmora's Jane Roe, who …, said': the person whose name opens
    the phrase, set off by a comma (the names in the appositive after it are not the speaker)."""
    people = doc.within(lo, min(hi, lo + 80), PERSON)
    if not people:
        return None
    i = people[0]
    s, e = doc.entities[i].start, doc.entities[i].end
    if e >= hi or doc.text[e] != "," or not _OPENING.fullmatch(doc.text, lo, s):
        return None
    return i


# What may come before the name that opens an attribution: nothing, or an organization's ("Velmora's Jane Roe").
_OPENING = lazy_regex(r"\s*(?:(?:The\s+)?(?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*)*['’]s?\s+)?"
                      r"(?:(?-i:[A-Z])[a-z]{1,4}\.\s+)?", re.IGNORECASE)  # and a title: 'Cmdr. Jane Roe, …, said'


def _organization_meant(doc: Doc, anchor: int, noun: str | None = None) -> int | None:
    """The organization "it" or "the group" stands for: the last one the text describes with that noun
    ('Fair Air, a campaign group'), else the one the sentence naming the last organization is about
    ('Fair Air said Velmora had ignored the rules': Fair Air, not Velmora after the verb)."""
    text = doc.text
    if noun:
        named = lazy_regex(rf"\b{re.escape(noun)}s?\s+$", re.IGNORECASE)
        described = lazy_regex(rf",\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(noun)}\b", re.IGNORECASE)
        for i in reversed(doc.within(max(0, anchor - 1500), anchor, ORGANIZATION)):
            s, e = doc.entities[i].start, doc.entities[i].end
            if not doc.in_quote(s) and (named.search(text, max(0, s - 30), s) or described.match(text, e)):
                return i
    last = doc.last_before(anchor, ORGANIZATION)
    if last is None:
        return None
    earlier: int | None = last
    for _ in range(4):  # 'a statement to the organisers of Fairex': not Fairex, an object, but who made it
        if earlier is None or not _after_preposition(doc, earlier):
            last = earlier if earlier is not None else last
            break
        earlier = doc.last_before(doc.entities[earlier].start, ORGANIZATION)
    s = doc.entities[last].start
    lo = doc.sentence(s)[0]
    for i in doc.within(lo, s, ORGANIZATION):
        start = doc.entities[i].start
        if not doc.in_quote(start) and not _after_preposition(doc, i) and not text.startswith(
                _POSSESSIVE, doc.entities[i].end) and not _RELATIVE_OBJECT.search(text, max(lo, start - 30), start):
            return i  # the first organization of the sentence, not after "of", "that runs" or a possessive
    return last


_RELATIVE_OBJECT = lazy_regex(r"\b(?:that|which|who)\s+[\w-]+\s+(?:the\s+)?$", re.IGNORECASE)


def _after_preposition(doc: Doc, i: int) -> bool:
    """Whether mention ``i`` is the object of a preposition ('posted on Twitter', 'the organisers of Fairex')."""
    s = doc.entities[i].start
    return bool(_OBJECT_BEFORE.search(doc.text, max(0, s - 30), s))


# Before an organization that is what its sentence is about: 'Velmora has denied it', 'On Friday, the Velmora'.
_SENTENCE_OPENING = lazy_regex(r"\s*(?:(?-i:[A-Z])[\w ]{0,30},\s*)?(?:the\s+)?", re.IGNORECASE)


def _they(doc: Doc, anchor: int) -> int | None:
    """"they said" after an organization named since the last person is that organization (as British news
    writes of a company or a band); after people it is those people, none of them alone."""
    org = _organization_meant(doc, anchor)
    person = doc.last_before(anchor, PERSON)
    if org is None or anchor - doc.entities[org].end > 600:
        return None
    if person is not None and doc.entities[person].start > doc.entities[org].start:
        return None
    start = doc.entities[org].start
    if not _SENTENCE_OPENING.fullmatch(doc.text, doc.sentence(start)[0], start):
        return None  # 'Protesters gathered outside Velmora's offices. “…,” they said': not Velmora
    return org


# Someone the text does not name, as the subject of a verb of speech: "the analyst said", "a Fidelity spokesman says".
_UNNAMED_TITLE = lazy_regex(rf"\b(?:a|an|the|one|another)\s+(?:[\w’'&.-]+\s+){{0,3}}?(?P<title>{_JOB})\b",
                            re.IGNORECASE)
_INDEFINITE_TITLE = lazy_regex(rf"\b(?:a|an|one|another)\s+(?:[\w’'&.-]+\s+){{0,3}}?(?P<title>{_JOB})\b", re.IGNORECASE)


_OBJECT_BEFORE = lazy_regex(r"\b(?:of|in|at|with|from|by|on|to|about|against|for|into)\s+(?:the\s+)?"
                            r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+|(?-i:[A-Z])[\w.-]*['’]s\s+)?$",
                            re.IGNORECASE)  # 'into Mr. Doe', 'from Dunmere's Velton'


def _subject_of_sentence(doc: Doc, person: int, pronoun: str) -> int:
    """'Roe, who helped the inquiry into Mr. Doe, defended her role. “…,” she said': not Doe, after "into",
    nor Doe in 'Roe praised Doe’s work', but the person the sentence is about, when one fitting the pronoun
    comes first in it."""
    text = doc.text
    s = doc.entities[person].start
    possessive = text.startswith(_POSSESSIVE, doc.entities[person].end)
    if not possessive and not _OBJECT_BEFORE.search(text, max(0, s - 30), s):
        return person
    lo = doc.sentence(s)[0]
    for i in doc.within(lo, s, PERSON):
        start = doc.entities[i].start
        if (not doc.in_quote(start) and not _OBJECT_BEFORE.search(text, max(lo, start - 30), start)
                and not text.startswith(_POSSESSIVE, doc.entities[i].end)
                and fits_pronoun(doc.canon(i), pronoun, loosely=True)):
            return i
    return person


def _unnamed_speaker(doc: Doc, person: int | None, lo: int, hi: int) -> tuple[bool, int | None]:
    """(whether "he"/"she" is an unnamed speaker of ``text[lo:hi]`` rather than ``person``, its organization).

    The last one who speaks there unnamed is who a pronoun after it stands for: a spokesperson speaks
    for the organization named with them ('a Fidelity spokesman says'); anyone else for no one named.
    But "the <title>" is ``person`` again unless someone unnamed of that title came up since, and "a
    <title>" is ``person`` when the text gave them that title ('Roe, a Fidelity spokesman, said').
    """
    text = doc.text
    last = None
    for start, end, verb in reversed(_says(text, lo, hi)):  # the verbs first: the title regex is slow
        if verb == "according to":
            found = list(_UNNAMED_TITLE.finditer(text, end, min(hi, end + 50)))[:1]
        else:
            found = [m for m in _UNNAMED_TITLE.finditer(text, max(lo, start - 70), start)
                     if not _says(text, m.end(), start)][-1:]
        if found and not doc.in_quote(found[0].start()):
            last = found[0]
            break
    if last is None or "declin" in text[last.end():last.end() + 40]:
        return False, None  # 'a spokesman for Acme declined to comment': not the one who speaks next
    title = last.group("title")
    if person is not None:
        if last.group().lower().startswith("the "):  # 'the former president urged': the one named, unless …
            since = max(doc.sentence(doc.entities[person].start)[0], last.start() - 2000)  # 'a judge, in Roe's case'
            if not _indefinite(doc, title, since, last.start()):
                return False, None  # … 'according to an analyst … the analyst said': that unnamed one
        elif _was_titled(doc, person, title):
            return False, None  # 'Roe, a Fidelity spokesman, said'
    if _SPOKES.search(title):
        s_lo, s_hi = doc.sentence(last.start())
        orgs = doc.within(max(s_lo, last.start() - 40), min(s_hi, last.end() + 40), ORGANIZATION)
        org = min(orgs, key=lambda i: abs(doc.entities[i].start - last.start()), default=None)
        return (True, org) if org is not None or person is None else (False, None)
    return True, None


def _indefinite(doc: Doc, title: str, lo: int, hi: int) -> bool:
    """Whether someone unnamed of this title comes up in ``text[lo:hi]`` ("an analyst", "a federal judge")."""
    word = title.split()[-1].casefold()
    return any(word in m.group().casefold() for m in _INDEFINITE_TITLE.finditer(doc.text, lo, hi)
               if not (doc.text.startswith(", ", m.start() - 2) and m.start() - 2 in doc.by_end))  # "Roe, an analyst"


def _refers_back(doc: Doc, person: int, title: str, anchor: int) -> bool:
    """Whether "the <title>" stands for ``person``: so titled ("Judge Roe"), or named shortly before with no
    one unnamed of that title near ("a federal judge ruled in Roe's case … the judge said": that judge)."""
    if _was_titled(doc, person, title):
        return True
    end = doc.entities[person].end
    if anchor - end > 600:
        return False
    return not _indefinite(doc, title, max(0, end - 300), anchor)


def _was_titled(doc: Doc, person: int, title: str) -> bool:
    """Whether the text gives ``person`` this title next to one of their names ("Judge Roe", "Roe, the judge")."""
    word = re.escape(title.split()[-1])
    before = lazy_regex(rf"\b(?i:{word})\.?,?\s+(?:[A-Z][\w.’'-]*\s+)*$")
    after = lazy_regex(rf",\s+(?:(?:the|a|an|[A-Z][\w.’'-]*(?:['’]s)?)\s+)*(?:[\w-]+\s+){{0,2}}?(?i:{word})\b")
    name = doc.canon(person)
    text = doc.text
    return any(doc.canon(i) == name and (before.search(text, max(0, s - 40), s) or after.match(text, e))
               for s, e, i in doc.persons)


def _says(text: str, lo: int, hi: int, verbs: frozenset[str] = SAY_WORDS) -> list[tuple[int, int, str]]:
    """(start, end, verb) of each verb of speech in ``text[lo:hi]`` ("according to" is one)."""
    out = []
    for m in _LETTERS.finditer(text, lo, hi):
        word = m.group().lower()
        if word in verbs:
            out.append((m.start(), m.end(), word))
        elif word in _SAY_PAIRS and text.startswith(_SAY_PAIRS[word], m.end()):
            out.append((m.start(), m.end() + len(_SAY_PAIRS[word]), word + _SAY_PAIRS[word]))
    return out


def _verb_after(doc: Doc, q: Piece, hi: int) -> tuple[int, int, str] | None:
    """(start, end, words before it) of the first verb of speech after a closed quotation, if any."""
    if q.close is None:
        return None
    lo = q.close + 1
    if not q.verb_sought:  # said-name and name-said both read it
        says = _says(doc.text, lo, min(hi, lo + 110))
        if not says and (named := _AFTER_MARK.match(doc.text, lo)) and _apposed_name(doc, named.end(), hi) is not None:
            says = _says(doc.text, lo, min(hi, lo + 250))  # 'Jane Roe, <a long appositive>, said'
        q.verb, q.verb_sought = (says[0] if says else None), True
    return None if q.verb is None else (q.verb[0], q.verb[1], doc.text[lo:q.verb[0]])


# Who speaks for a person: "Roe's lawyer said" is Roe's side; "Roe's mother said" is someone else.
_REPRESENTS = lazy_regex(rf"['’]s?\s+(?:[\w-]+\s+)?(?:{_AGENTS}|statement|account|website)\b", re.IGNORECASE)
_POSSESSED = lazy_regex(r"['’]s?\s+(?-i:[a-z])", re.IGNORECASE)


def _someone_of(doc: Doc, i: int) -> bool:
    """Whether person ``i`` is named only as whose someone is ("Roe's mother"), not as one who speaks."""
    e = doc.entities[i].end
    return bool(_POSSESSED.match(doc.text, e)) and not _REPRESENTS.match(doc.text, e)


_AFTER_MARK = lazy_regex(r"[ \t,]*")


def _person_at(doc: Doc, at: int) -> Found | None:
    i = doc.by_start.get(at)
    return Found(i, doc.surface(i), "name") if i is not None and doc.label[i] == PERSON else None


def said_name(doc: Doc, q: Piece, lo: int, hi: int) -> Found | None:
    """'“…,” said Jane Roe', '“…,” according to Roe', '“…,” says the spokesman, Jane Roe'."""
    verb = _verb_after(doc, q, hi)
    if verb is None or q.close is None or verb[2].strip(" \t,—–-"):
        return None  # none, or a name first: name-said
    text = doc.text
    _, end, _ = verb
    clause = _clause(text, end, hi)
    if text[q.close - 1] in ".!?" and _introduces_next(text, end, hi):
        return None  # '“…Care.” Says Mr. Baldwin, “We …”': the next one's attribution
    found = _resolve(doc, end, clause, q.open, subject=False)
    if found is None or found.speaker is None:
        titles = _TITLES_THEN.match(text, end)  # 'said chairman, CEO and president Jane Roe'
        named = _APPOSED.match(text, clause) if found is not None else None  # 'said the spokesman, Jane Roe'
        person = (titles and _person_at(doc, titles.end())) or (named and _person_at(doc, named.end()))
        if person:
            return person
    return found or _someone(text, end)


def name_said(doc: Doc, q: Piece, lo: int, hi: int) -> Found | None:
    """'“…,” Jane Roe said', '“…,” he told reporters', '“…,” a spokeswoman for Acme said'."""
    verb = _verb_after(doc, q, hi)
    if verb is None or q.close is None or not verb[2].strip(" \t,—–-"):
        return None  # none, or the verb first: said-name
    text = doc.text
    start, end, gap = verb
    lo = q.close + 1
    who_lo = lo + len(gap) - len(gap.lstrip(" \t,.!?—–-"))
    apposed = _apposed_name(doc, who_lo, start)  # 'Jane Roe, Velmora's head of research for the north, said'
    if (any(c in gap for c in '“”"‘') or (len(gap) > 90 and apposed is None) or _sentence_ends(text, lo, start)
            or _AND_THAT.search(gap)):
        return None  # '” students. Mr. Watson says': a sentence of its own; '”, and that Roe insisted'
    if text[q.close - 1] in ".!?" and (not _VERB_ENDS.match(text, end, hi) or _THAT.match(text, end, hi)
                                       or _OPENS_NEXT.match(text, end) or not _SHORT_END.match(text, end, hi)):
        return None  # '“…ready.” A spokesman says the line was busy': "says" has its own object
    if apposed is not None:
        return Found(apposed, doc.surface(apposed), "name")
    if quoting := _QUOTED_AS.search(text, who_lo, start):  # "Interfax quoted the minister as saying"
        who_lo = quoting.end()
    aux = _AUX_TAIL.search(text, who_lo, start)
    who_hi = aux.start() if aux else start
    found = None
    if len(WORD.findall(text, who_lo, who_hi)) <= 10:
        found = _resolve(doc, who_lo, who_hi, q.open, subject=True)
    if (found is None or found.speaker is None) and gap.rstrip().endswith(","):
        inverted = _resolve(doc, end, _clause(text, end, hi), q.open, subject=False)
        if inverted is not None and inverted.speaker is not None:
            return inverted  # '” in Asia, says Jane Roe': the verb first after all
        if found is None:
            return _someone(text, end)
    return found


def _someone(text: str, at: int) -> Found | None:
    """'," says Mr. Minella': attributed to a name the tagger did not find (no one, rather than the last speaker)."""
    return Found(None, None, "untagged") if _NAME_LIKE.match(text, at) else None


def signed(doc: Doc, q: Piece, lo: int, hi: int) -> Found | None:
    """'“…” — Jane Roe': a quotation that opens its paragraph, signed with a dash after it."""
    if q.close is None:
        return None
    text = doc.text
    dash = _DASH.match(text, q.close + 1)
    if not dash or text[q.para_lo:q.open].strip():
        return None
    i = doc.by_start.get(dash.end())
    if i is None or not _SIGNED.match(text, doc.entities[i].end):
        return None
    return Found(i, doc.surface(i), "name")


def colon(doc: Doc, q: Piece, lo: int, hi: int) -> Found | None:
    """'Roe was blunt: “…”': the person a short clause before the colon is about."""
    text = doc.text
    if (not _COLON_BEFORE.search(text, max(lo, q.open - 6), q.open)
            or NOUN_PHRASE_BEFORE.search(text, max(0, q.open - 20), q.open)):
        return None
    at = text.rindex(":", max(lo, q.open - 6), q.open)
    clause = max(q.para_lo, doc.sentence(at)[0])  # 'Roe, who starred in “Fargo,” was blunt: “…”'
    if len(WORD.findall(text, clause, at)) > 16:
        return None
    about = _resolve(doc, clause, at, q.open, subject=True)
    if about is not None and about.speaker is not None and doc.label[about.speaker] == PERSON:
        return about
    return None


def before(doc: Doc, q: Piece, lo: int, hi: int) -> Found | None:
    """'Roe told reporters: “…”', 'said Roe: “…”', 'according to Roe, “…”', 'Roe called the plan “…”'."""
    text = doc.text
    says = _says(text, max(lo, q.open - 140), q.open, _BEFORE_WORDS)
    if not says:
        return None
    start, end, verb = says[-1]
    tail = _BEFORE_TAIL.match(text, end, q.open)
    if not tail or tail.end() != q.open or doc.whole_sentence(start) != doc.whole_sentence(q.open):
        return None
    if verb not in SAY_WORDS and not _CALLED_OBJECT.fullmatch(text, end, q.open):
        return None  # 'the Subway Called BART (that's a better name than “Desire”)'
    if verb == "according to":
        return _resolve(doc, end, tail.end("rest"), q.open, subject=False)
    sentence_lo = subject_lo = max(lo, doc.sentence(start)[0])
    for m in _SUBORDINATE.finditer(text, subject_lo, start):  # 'hope alive through what one writer calls “'
        subject_lo = m.end()
    found = None
    if _COORDINATED.search(text, max(subject_lo, start - 6), start):  # 'Roe thanked Doe and said: “'
        found = _first_subject(doc, subject_lo, start, q.open)
    found = found or _resolve(doc, subject_lo, start, q.open, subject=True)
    if found is None and subject_lo > sentence_lo:  # 'Roe, of Acme, which makes tin, says': a relative clause
        found = _resolve(doc, sentence_lo, start, q.open, subject=True)
    if (found is None or found.speaker is None) and not _TELL.match(verb):  # 'said Jane Roe: “' (not 'told Acme: “')
        clause = _clause(text, end, tail.end("rest"))
        inverted = _resolve(doc, end, clause, q.open, subject=False)
        person = inverted.speaker if inverted is not None else None
        if person is not None and doc.label[person] == PERSON and text[doc.entities[person].end:clause].strip(" ,:—–-"):
            return found  # 'which said Roe wanted to ban it “…”': Roe is the subject of what was said
        if inverted is not None and (inverted.speaker is not None or found is None):
            return inverted  # or 'says the manager of a local station, “': someone, not named
    return found


_COORDINATED = lazy_regex(r"\band\s+$", re.IGNORECASE)
_SUBJECT_PRONOUN = lazy_regex(r"\b(?:he|she)\b", re.IGNORECASE)


def _first_subject(doc: Doc, lo: int, hi: int, anchor: int) -> Found | None:
    """The subject of a clause whose verb of speech comes after another verb ('Roe thanked Doe and said'):
    the first person or "he"/"she" in it, not after a preposition nor quoted."""
    text = doc.text
    people = [i for i in doc.within(lo, hi, PERSON)
              if not doc.in_quote(doc.entities[i].start) and not _after_preposition(doc, i)]
    pronoun = next((m for m in _SUBJECT_PRONOUN.finditer(text, lo, hi) if not doc.in_quote(m.start())), None)
    if pronoun is not None and (not people or pronoun.start() < doc.entities[people[0]].start):
        return _resolve(doc, pronoun.start(), pronoun.end(), anchor, subject=True)
    return Found(people[0], doc.surface(people[0]), "name") if people else None


@dataclass(frozen=True, slots=True)
class QuoteRule:
    """One way news writing names who said a quotation: ``find`` returns who, or None when the shape is absent;
    ``says`` is the entry in a line, for the user who asks why brief gives a quote to its speaker (``w``)."""

    name: str
    find: Callable[[Doc, Piece, int, int], Found | None]
    says: str = ""


RULES: tuple[QuoteRule, ...] = (
    QuoteRule("said-name", said_name, "“…,” said Jane Roe / “…,” according to Roe: the speaker right after the quote."),
    QuoteRule("name-said", name_said, "“…,” Jane Roe said / “…,” he told reporters: the speaker before the verb after "
                                      "the quote."),
    QuoteRule("signed", signed, "“…” — Jane Roe: a quote that opens its paragraph, signed with a dash after it."),
    QuoteRule("before", before, "Roe told reporters: “…” / according to Roe, “…”: the speaker named just before the "
                                "quote."),
    QuoteRule("colon", colon, "Roe was blunt: “…”: the person a short clause before the colon is about."),
)
MARKS: dict[str, str] = {
    "paragraphs": "A quote that runs over several paragraphs keeps the speaker named in one of them.",
    "continues": "A quote that goes on after “…,” he said. “…” keeps the speaker of the quote before it.",
}
"""The names that mark speakers given after the rules (``quotes.py``), and what each says."""
HOW: dict[str, str] = {
    "name": "", "title": "by a title before the name", "spokesperson": "as a spokesperson",
    "pronoun": "by a pronoun, the person or group the text is about", "org-noun": "by a noun for an organization",
    "age": "by age (the 56-year-old)", "spokesman-again": "as the spokesperson named before",
    "unnamed": "by no name (a person familiar with the matter)", "untagged": "by a name the tagger did not mark",
}
"""How a rule's words name the speaker (the part after the colon of a quote's rule, "name-said:pronoun"); by
name goes without saying."""


def attribute(doc: Doc, q: Piece, lo: int, hi: int, rules: tuple[QuoteRule, ...] = RULES) -> None:
    """Set the speaker of ``q`` from the first rule that names one (``text[lo:hi]`` around it is free of other
    quotations); a rule that finds an unnamed speaker ('a person familiar with the matter said') attributes
    it to no one unless a later rule names someone."""
    chosen = None
    for rule in rules:
        found = rule.find(doc, q, lo, hi)
        if found is not None and (chosen is None or found.speaker is not None):
            chosen = rule, found
            if found.speaker is not None:
                break
    if chosen is not None:
        rule, found = chosen
        q.speaker, q.speaker_text, q.attributed = _person_so_named(doc, found.speaker), found.text, True
        q.rule = f"{rule.name}:{found.how}"


def _person_so_named(doc: Doc, i: int | None) -> int | None:
    """'Roe said' where the tagger took this "Roe" for an organization but named "Jane Roe" a person: Jane Roe."""
    if i is None or doc.label[i] != ORGANIZATION or " " in doc.surface(i).strip():
        return i
    word = doc.canon(i)
    return next((k for s, e, k in doc.persons if doc.canon(k).split()[-1:] == [word] and " " in doc.canon(k)), i)


def _introduces_next(text: str, at: int, hi: int) -> bool:
    """Whether the words from ``at`` run, in one sentence, into ', “' or ': “' opening the next quotation."""
    mark = _NEXT_MARK.search(text, at, min(len(text), at + 200))
    return bool(mark and not _sentence_ends(text, at, mark.start()) and "\n" not in text[at:mark.start()])


def sentence_end(text: str, lo: int, hi: int) -> int:
    """Where the first sentence ending in ``text[lo:hi]`` ends ('told Mr. Yang, who …attack.': after "attack.")."""
    for m in _STOP.finditer(text, lo, hi):
        if text[m.start()] != "." or not _ABBREVIATION.search(text, max(lo, m.start() - 6), m.start()):
            return m.end()
    return hi


def _sentence_ends(text: str, lo: int, hi: int) -> bool:
    """Whether a sentence ends in ``text[lo:hi]`` (a full stop before a capital, not after 'Mr' or 'J')."""
    for m in _STOP.finditer(text, lo, hi):
        if text[m.start()] != "." or not _ABBREVIATION.search(text, max(lo, m.start() - 6), m.start()):
            return True
    return False
