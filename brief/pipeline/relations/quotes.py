"""Direct quotations and who said them.

A quotation is the text between a pair of quotation marks (curly “…”, straight "…", or the
British single ‘…’, whose closing mark is told from an apostrophe); a mark left open at a
paragraph's end is the first part of a quotation that runs on into the next paragraph (which
opens again, blank lines between or not). Each part is its own quotation, as the reader shows
paragraphs, and all parts get the speaker of the part that closes it; a mark the next paragraph
does not reopen ends at its paragraph's end, so it never swallows the rest of the article.

Its speaker is found in the words next to it, in the shapes news writing uses: '“…,” Jane Roe
said', '“…,” said Jane Roe', 'Roe told reporters: “…”', 'according to Roe', '“…” — Jane Roe' (or a
'— Jane Roe, CEO of Acme' paragraph after it), '“…,” he said' (the last person named before it,
or the unnamed one who spoke since: 'the analyst said'), '“…,” a spokeswoman for Acme said' (Acme),
'the minister said' (the person so titled). A quotation that follows one of the same speaker
with no one else named in between keeps that speaker ('“…,” he said. “…”'); one that a sentence
brings in with a verb of its own ('the shirts read, “…”') does not.

Not every pair of marks is speech: a scare quote (a “superintelligence” lab) or a title (the
film “The Long Night”) is short, sits inside a noun phrase, has no closing punctuation of its
own and no verb of speech next to it. A quotation is speech when a verb of speech attributes it,
when it continues one that is, or when it is long or ends like a spoken sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brief.pipeline.relations.context import ORG_REFERENCE, ORGANIZATION, PERSON, Doc
from brief.pipeline.relations.gender import fits as fits_pronoun
from brief.pipeline.relations.model import QuoteSpan
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
demanded wondered sighed snapped elaborated opined
""".split())
# Before a quotation, these bring in the subject's own words too: 'Roe called the plan “a mess.”'
_BEFORE_WORDS = SAY_WORDS | {"called", "calls", "calling", "described", "describes", "describing"}
_CALLED_OBJECT = re.compile(r"(?:,?\s+[\w’'-]+){1,8}\s*")  # 'called the plan “', 'described the season as “'
_SAY_PAIRS = {"according": " to", "pointed": " out", "points": " out", "went": " on", "put": " it"}
_LETTERS = re.compile(r"[A-Za-z]+")
_MARK = re.compile(r'[“”"‘\n]')
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\b", re.IGNORECASE)
_COLON_BEFORE = re.compile(r":\s*$")
_TELL = re.compile(r"tell|told|asked|asks|urged|urges|warned|warns", re.IGNORECASE)
_AUX_TAIL = re.compile(r"(?:\s+(?:also|later|then|once|had|has|have|would|will|previously|recently|simply|further|"
                       r"again|long))*\s*$", re.IGNORECASE)
# Before one: 'Roe told reporters: “', 'She said, “', 'according to Roe, “'.
_BEFORE_TAIL = re.compile(r"(?P<rest>[^“”\"\n!?]{0,120}?)\s*[,:]?\s*(?:that\s+)?$")
_SPOKES = re.compile(r"spokes(?:man|woman|person)|representative|statement|press\s+office|aide|official",
                     re.IGNORECASE)
_PRONOUN = {"he": PERSON, "she": PERSON, "it": ORGANIZATION}
_CLAUSE_END = re.compile(r"[,;:“”\"\n(]|\.(?=\s)|\s(?:in|on|at|during|after|before|when|while|who|which|as)\s")
_ABBREVIATION = re.compile(
    r"\b(?:Sen|Rep|Gov|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|Pres|Sgt|[A-Z])$")
# Someone the text does not name: "a person familiar with the matter", "the officials", "one analyst".
_UNNAMED = re.compile(r"(?:a|an|the|one|another|some|two|three|several|many|other)(?:\s+[\w’'-]+){1,6}", re.IGNORECASE)
_WORD = re.compile(r"[\w’']+")
_POSSESSIVE = ("'s ", "’s ")
# A person named before by the title alone: "the minister", "the company's chief executive".
_TITLED = re.compile(rf"the\s+(?:[\w’'-]+\s+){{0,2}}?(?P<title>{TITLE})", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*(?:who|whose|which|where|when|whom)\b", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|at|with|from|by|on|to|about|against|like|than|over)\s+(?:the\s+)?$",
                                 re.IGNORECASE)
# An unattributed quotation right after these is a name, a title or a term: the “Plan for ...”, called “X”.
_NOUN_PHRASE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|of|to|for|with|titled|entitled|called|named|dubbed|as|its|his|her|their|our|this|that|"
    r"so-called)|\b(?:titled|entitled|called|named|dubbed)[,:]|\b(?:term|word|words|slogan|theme|phrase|label|banner|headline|motto|article|story|book|film|"
    r"movie|song|album|report|column|editorial|series|show|programme|program|novel|poem|play|essay|piece|"
    r"paper|study|campaign|hashtag)[,:]?)\s*$", re.IGNORECASE)
# A short attributed quotation right after these is a term the speaker used: 'mirrors the “fund mania”'.
_TERM_BEFORE = re.compile(r"\b(?:the|on|about|titled|entitled|so-called|(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|"
                          r"nam(?:es|ed|ing))(?:\s+(?:it|them|this|him|her|itself))?)\s*$", re.IGNORECASE)
# After a quotation that ends its sentence, "Roe said" attributes it only if nothing depends on "said"
# ('“It is over.” Roe said.', but not '“Ready for your call.” A spokesman says the line was busy').
_VERB_ENDS = re.compile(
    r"\s*(?:[.,;:!?]|$|(?:in|on|at|to|during|after|before|last|this|yesterday|today|tonight|later|recently|"
    r"earlier|when|while|as|of|about|afterwards|then|again|\w+day)\b)", re.IGNORECASE)
# '“…over.” Roe said this week that she would stay': "said" has an object of its own
_THAT = re.compile(r"[^.;:!?\n“”\"]{0,40}?\bthat\b")
_OPENS_NEXT = re.compile(r"[ \t]*[,:]?[ \t]*[“\"]")  # '“…” The other side, he argues, “…”': the next one's
_NAME_LIKE = re.compile(
    r"\s+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Prof|Gen)\.?\s+[A-Z]|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|This|That|In|"
    r"On|At|Last|Earlier|Later)\b)[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+)")
# The subject of a verb of speech before a quotation is in its own clause, after these.
_SUBORDINATE = re.compile(r"\b(?:what|which|because|although|though|whereas|but|while|whether|if|when)\s",
                          re.IGNORECASE)
_APPOSED = re.compile(r",\s*")
# A sentence that brings in a quotation with a verb of its own: 'the shirts read, “', 'the ad counsels: “'.
_INTRODUCED = re.compile(r"\b(?:read|reads|proclaim(?:s|ed)?|counsel(?:s|ed|led)?|goes|went|ran|runs|began|begins|"
                         r"state[sd]?|offer(?:s|ed)?|promise[sd]?|advertise[sd]?|display(?:s|ed)?)\s*[,:]\s*$",
                         re.IGNORECASE)
# '“…over.” Roe said on Tuesday.': after a sentence of its own, the verb ends its sentence within a few words
_SHORT_END = re.compile(r"(?:\s*[\w’'-]+){0,3}\s*(?:[.!?,;]|$)")
_AND_THAT = re.compile(r"\b(?:and|but|or)\s+that\b", re.IGNORECASE)
_NEXT_MARK = re.compile(r"[,:](?:[ \t]*“|[ \t]+\"(?=\S))")  # an opening mark: '," the voice' closes one
_STOP = re.compile(r"[.!?](?=\s+[“\"‘]?[A-Z])")
_SPEECH_END = re.compile(r"[.!?,…—–-]\s*$")
# A signature after a quotation: '“…” — Jane Roe', or a paragraph of its own, '— Jane Roe, CEO of Acme'.
_DASH = re.compile(r"[ \t]*(?:\n\s*)?(?:—|–|--?)[ \t]*")
# What may follow the name in a signature: nothing, or an appositive to the paragraph's end.
_SIGNED = re.compile(r"[ \t]*(?:[,(][^\n—–]{0,150})?\.?[ \t]*(?=\n|$)")
_WINDOW = 200
_GAP = 300  # a quotation further than this from the previous one does not continue it


@dataclass(slots=True)
class _Piece:
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


def _pieces(text: str) -> list[_Piece]:
    """Every quoted stretch, in order, by one pass over the quotation marks and line breaks."""
    out: list[_Piece] = []
    opened: int | None = None
    paragraph, para_lo = 0, 0

    def add(close: int | None, end: int) -> None:
        assert opened is not None
        start = opened + 1
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
            stop -= 1
        if stop > start:
            out.append(_Piece(opened, start, stop, close, paragraph, para_lo))

    skip = -1
    for m in _MARK.finditer(text):
        c, p = m.group(), m.start()
        if p <= skip:
            continue
        if c == "\n":
            if opened is not None:
                add(None, p)
                opened = None
            if not text[para_lo:p].isspace() and p > para_lo:
                paragraph += 1
            para_lo = p + 1
        elif opened is None:
            if c == "“" or (c == '"' and _opens(text, p)):
                opened = p
            elif c == "‘" and _opens(text, p) and not text[p + 1:p + 2].isdigit():
                close = _single_close(text, p)
                if close is not None:  # British style: ‘…,’ she said
                    opened = p
                    add(close, close)
                    opened, skip = None, close
        elif text[opened] == "“":
            if c == "”":
                add(p, p)
                opened = None
            elif c == "“":  # the first was never closed
                add(None, p)
                opened = p
        elif c == '"' and p > 0 and not text[p - 1].isspace():
            add(p, p)
            opened = None
    if opened is not None:
        add(None, len(text))
    return out


def _single_close(text: str, p: int) -> int | None:
    """The ’ closing the single quotation opened at ``p``: not an apostrophe (can’t) nor a plural possessive
    (the players’ union), and in the same paragraph."""
    end = text.find("\n", p)
    end = len(text) if end < 0 else end
    k = text.find("’", p + 1, end)
    while k >= 0:
        after = text[k + 1:k + 2]
        if not after.isalpha() and not (text[k - 1] == "s" and after == " "):
            return k
        k = text.find("’", k + 1, end)
    return None


def _opens(text: str, p: int) -> bool:
    """A straight mark opens after a space or bracket and before a word (not the inch in 5'10")."""
    before = text[p - 1] if p else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _clause(text: str, lo: int, hi: int) -> int:
    """Where the phrase starting at ``lo`` ends: a comma, colon, full stop (not 'Sen.') or a new clause."""
    for m in _CLAUSE_END.finditer(text, lo, hi):
        if m.group() == "." and _ABBREVIATION.search(text, max(lo, m.start() - 6), m.start()):
            continue
        return m.start()
    return hi


def _resolve(doc: Doc, lo: int, hi: int, anchor: int, subject: bool) -> tuple[int | None, str | None, bool]:
    """(speaker, words naming it, whether the phrase names anyone) for the phrase ``text[lo:hi]``.

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
            return not subject or not _PREPOSITION_BEFORE.search(text, max(lo, s - 12), s)
        return spokes or not _PREPOSITION_BEFORE.search(text, max(lo, s - 12), s)

    people = [i for i in doc.within(lo, hi, PERSON) if fits(i)]
    if people:
        i = people[-1] if subject else people[0]
        if not subject and len(people) > 1 and text.startswith(_POSSESSIVE, doc.entities[i].end):
            i = people[1]  # 'says Acme's Mr. Roe' (when the tagger took Acme for a person)
        return i, doc.surface(i), True
    orgs = [i for i in doc.within(lo, hi, ORGANIZATION) if fits(i)]
    if orgs:
        i = orgs[-1] if subject else orgs[0]
        return i, (phrase if spokes and len(phrase) < 80 else doc.surface(i)), True
    words = _WORD.findall(phrase)
    if not words:
        return None, None, False
    pronoun = (words[-1] if subject else words[0]).casefold()
    if pronoun in _PRONOUN and (not subject or len(words) <= 3 or len(_WORD.findall(phrase.split(",")[-1])) == 1):
        found = doc.last_before(anchor, _PRONOUN[pronoun], pronoun=pronoun if pronoun != "it" else None)
        if found is not None and pronoun != "it":
            found = _subject_of_sentence(doc, found, pronoun)
        if pronoun != "it":  # 'Now, the analyst said, … “…,” he said': the analyst, named or not
            floor = doc.entities[found].end if found is not None else max(0, anchor - 400)
            unnamed, org = _unnamed_speaker(doc, found, max(floor, anchor - 400), anchor)
            found = org if unnamed else found
        return found, words[-1] if subject else words[0], True
    tail = phrase.split(",")[-1].strip() if subject else phrase
    if ORG_REFERENCE.fullmatch(tail):
        return doc.last_before(anchor, ORGANIZATION), tail, True
    parts = [p.strip() for p in phrase.split(",")] if subject else [phrase]
    for head in dict.fromkeys((parts[0], parts[-1])):  # "The minister, who …, said"; "Asked why, the judge said"
        if subject and (titled := _TITLED.fullmatch(head)) and not _SPOKES.search(head):
            found = doc.last_before(anchor, PERSON)
            if found is not None and _refers_back(doc, found, titled.group("title"), anchor):
                return found, head, True
        if _THE_SPOKESMAN.fullmatch(head):  # 'a spokesman for Acme told Reuters … “…,” the spokesman added'
            _, org = _unnamed_speaker(doc, None, max(0, anchor - 600), anchor)
            if org is not None:
                return org, head, True
    # "the official said", "said a person familiar with the matter": attributed, but to no one named
    return None, None, bool(_UNNAMED.fullmatch(phrase) or _UNNAMED.fullmatch(parts[-1]))


_THE_SPOKESMAN = re.compile(r"the\s+(?:[\w-]+\s+)?spokes(?:man|woman|person)", re.IGNORECASE)
# Someone the text does not name, as the subject of a verb of speech: "the analyst said", "a Fidelity spokesman says".
_UNNAMED_TITLE = re.compile(rf"\b(?:a|an|the|one|another)\s+(?:[\w’'&.-]+\s+){{0,3}}?(?P<title>{TITLE})\b",
                            re.IGNORECASE)


_OBJECT_BEFORE = re.compile(r"\b(?:of|in|at|with|from|by|on|to|about|against|for|into)\s+(?:the\s+)?"
                            r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?$", re.IGNORECASE)


def _subject_of_sentence(doc: Doc, person: int, pronoun: str) -> int:
    """'Roe, who helped the inquiry into Mr. Doe, defended her role. “…,” she said': not Doe, after "into",
    but the person the sentence is about, when one fitting the pronoun comes first in it."""
    text = doc.text
    s = doc.entities[person].start
    if not _OBJECT_BEFORE.search(text, max(0, s - 16), s):
        return person
    lo = doc.sentence(s)[0]
    for i in doc.within(lo, s, PERSON):
        start = doc.entities[i].start
        if (not doc.in_quote(start) and not _OBJECT_BEFORE.search(text, max(lo, start - 16), start)
                and fits_pronoun(doc.canon(i), pronoun)):
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
    return any(word in m.group().casefold() for m in _UNNAMED_TITLE.finditer(doc.text, lo, hi)
               if not m.group().lower().startswith("the ")
               and not (doc.text.startswith(", ", m.start() - 2) and m.start() - 2 in doc.by_end))  # "Roe, an analyst"


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
    before = re.compile(rf"\b(?i:{word})\.?,?\s+(?:[A-Z][\w.’'-]*\s+)*$")
    after = re.compile(rf",\s+(?:(?:the|a|an|[A-Z][\w.’'-]*(?:['’]s)?)\s+)*(?:[\w-]+\s+){{0,2}}?(?i:{word})\b")
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


def _after(doc: Doc, q: _Piece, hi: int) -> tuple[int | None, str | None, bool]:
    """The speaker named after a quotation: '," said Jane Roe', '," Jane Roe said', '," according to Roe'."""
    assert q.close is not None
    text = doc.text
    lo = q.close + 1
    says = _says(text, lo, min(hi, lo + 110))
    nobody: tuple[int | None, str | None, bool] = (None, None, False)
    if not says:
        return nobody
    start, end, verb = says[0]
    gap = text[lo:start]
    if not gap.strip(" \t,—–-"):  # the verb first
        clause = _clause(text, end, hi)
        if text[q.close - 1] in ".!?" and _introduces_next(text, end, hi):
            return nobody  # '“…Care.” Says Mr. Baldwin, “We …”': the next one's attribution
        found = _resolve(doc, end, clause, q.open, subject=False)
        if found[0] is None and found[2] and (named := _APPOSED.match(text, clause)):
            i = doc.by_start.get(named.end())  # 'said the spokesman, Taizo Watanabe'
            if i is not None and doc.label[i] == PERSON:
                return i, doc.surface(i), True
        return found if found[2] else _someone(text, end)
    if any(c in gap for c in '“”"‘') or len(gap) > 90 or _sentence_ends(text, lo, start) or _AND_THAT.search(gap):
        return nobody  # '” students. Mr. Watson says': a sentence of its own; '”, and that Roe insisted'
    if text[q.close - 1] in ".!?" and (not _VERB_ENDS.match(text, end, hi) or _THAT.match(text, end, hi)
                                       or _OPENS_NEXT.match(text, end) or not _SHORT_END.match(text, end, hi)):
        return nobody  # '“…ready.” A spokesman says the line was busy': "says" has its own object
    who_lo = lo + len(gap) - len(gap.lstrip(" \t,.!?—–-"))
    if quoting := _QUOTED_AS.search(text, who_lo, start):  # "Interfax quoted the minister as saying"
        who_lo = quoting.end()
    aux = _AUX_TAIL.search(text, who_lo, start)
    who_hi = aux.start() if aux else start
    found = nobody
    if len(_WORD.findall(text, who_lo, who_hi)) <= 10:
        found = _resolve(doc, who_lo, who_hi, q.open, subject=True)
    if found[0] is None and gap.rstrip().endswith(","):  # '” in Asia, says Jane Roe': the verb first after all
        inverted = _resolve(doc, end, _clause(text, end, hi), q.open, subject=False)
        if inverted[0] is not None:
            return inverted
        if not found[2]:
            return _someone(text, end)
    return found if found[2] else nobody


def _introduces_next(text: str, at: int, hi: int) -> bool:
    """Whether the words from ``at`` run, in one sentence, into ', “' or ': “' opening the next quotation."""
    mark = _NEXT_MARK.search(text, at, min(len(text), at + 200))
    return bool(mark and not _sentence_ends(text, at, mark.start()) and "\n" not in text[at:mark.start()])


def _someone(text: str, at: int) -> tuple[int | None, str | None, bool]:
    """'," says Mr. Minella': attributed to a name the tagger did not find (no one, rather than the last speaker)."""
    return None, None, bool(_NAME_LIKE.match(text, at))


def _sentence_end(text: str, lo: int, hi: int) -> int:
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


def _dash(doc: Doc, q: _Piece) -> tuple[int | None, str | None, bool]:
    """The speaker of a quotation that opens its paragraph and is signed with a dash after it."""
    assert q.close is not None
    text = doc.text
    dash = _DASH.match(text, q.close + 1)
    if not dash or text[q.para_lo:q.open].strip():
        return None, None, False
    i = doc.by_start.get(dash.end())
    if i is None or not _SIGNED.match(text, doc.entities[i].end):
        return None, None, False
    return i, doc.surface(i), True


def _before(doc: Doc, q: _Piece, lo: int) -> tuple[int | None, str | None, bool]:
    """The speaker named before a quotation: 'Roe said: “', 'Says Roe, an analyst: “', 'according to Roe, “'."""
    found = _before_verb(doc, q, lo)
    text = doc.text
    if (found[0] is None and _COLON_BEFORE.search(text, max(lo, q.open - 6), q.open)
            and not _NOUN_PHRASE_BEFORE.search(text, max(0, q.open - 20), q.open)):
        # 'Roe was blunt: “…”': the person a short clause before the colon is about
        colon = text.rindex(":", max(lo, q.open - 6), q.open)
        clause = max(lo, doc.sentence(colon)[0])
        if len(_WORD.findall(text, clause, colon)) > 16:
            return found
        about = _resolve(doc, clause, colon, q.open, subject=True)
        if about[0] is not None and doc.label[about[0]] == PERSON:
            return about
    return found


def _before_verb(doc: Doc, q: _Piece, lo: int) -> tuple[int | None, str | None, bool]:
    text = doc.text
    says = _says(text, max(lo, q.open - 140), q.open, _BEFORE_WORDS)
    if not says:
        return None, None, False
    start, end, verb = says[-1]
    tail = _BEFORE_TAIL.match(text, end, q.open)
    if not tail or tail.end() != q.open or doc.whole_sentence(start) != doc.whole_sentence(q.open):
        return None, None, False
    if verb not in SAY_WORDS and not _CALLED_OBJECT.fullmatch(text, end, q.open):
        return None, None, False  # 'the Subway Called BART (that's a better name than “Desire”)'
    if verb == "according to":
        return _resolve(doc, end, tail.end("rest"), q.open, subject=False)
    sentence_lo = subject_lo = max(lo, doc.sentence(start)[0])
    for m in _SUBORDINATE.finditer(text, subject_lo, start):  # 'hope alive through what one writer calls “'
        subject_lo = m.end()
    found = _resolve(doc, subject_lo, start, q.open, subject=True)
    if not found[2] and subject_lo > sentence_lo:  # 'Roe, of Acme, which makes tin, says': a relative clause
        found = _resolve(doc, sentence_lo, start, q.open, subject=True)
    if found[0] is None and not _TELL.match(verb):  # 'said Jane Roe: “' (but 'told Acme: “')
        clause = _clause(text, end, tail.end("rest"))
        inverted = _resolve(doc, end, clause, q.open, subject=False)
        rest = (text[doc.entities[inverted[0]].end:clause].strip(" ,:—–-")
                if inverted[0] is not None and doc.label[inverted[0]] == PERSON else "")
        if rest:
            return found  # 'which said Roe wanted to ban it “…”': Roe is the subject of what was said
        if inverted[0] is not None or (inverted[2] and not found[2]):
            return inverted  # or 'says the manager of a local station, “': someone, not named
    return found


def _is_speech(text: str, q: _Piece) -> bool:
    """Whether a quoted stretch is speech rather than a scare quote, a name or a title."""
    inner = text[q.start:q.close if q.close is not None else q.end]
    words = len(_WORD.findall(inner))
    ends = bool(_SPEECH_END.search(inner))
    if (q.inherited or not q.attributed) and _NOUN_PHRASE_BEFORE.search(text, max(0, q.open - 20), q.open):
        return False
    if words <= 4 and _TERM_BEFORE.search(text, max(0, q.open - 20), q.open):
        return False  # 'the “closed-end fund mania” of the 1920s, Mr. Roe says': a term, not his speech
    if q.attributed:
        return words >= 4 or ends or q.close is None
    return words >= 8 or (words >= 5 and inner.rstrip()[-1:] in ".!?")


def find_quotes(doc: Doc) -> list[QuoteSpan]:
    """The body's quotations that are speech, each with its speaker when the text names one."""
    text = doc.text
    pieces = _pieces(text)
    doc.quoted = [(q.start, q.end) for q in pieces if len(_WORD.findall(text, q.start, q.end)) >= 4]
    previous_close = -1
    for k, q in enumerate(pieces):
        para_lo = q.para_lo
        if q.close is not None:
            hi = min(q.close + 1 + _WINDOW, pieces[k + 1].open if k + 1 < len(pieces) else len(text))
            nl = text.find("\n", q.close, hi)
            q.speaker, q.speaker_text, q.attributed = _after(doc, q, nl if nl >= 0 else hi)
            if not q.attributed:
                q.speaker, q.speaker_text, q.attributed = _dash(doc, q)
        if not q.attributed:
            lo = max(para_lo, previous_close + 1, q.open - _WINDOW)
            q.speaker, q.speaker_text, q.attributed = _before(doc, q, lo)
        previous_close = q.close if q.close is not None else q.end
    _carry(doc, pieces)
    return [QuoteSpan(q.start, q.end, text[q.start:q.end], q.speaker, q.speaker_text)
            for q in pieces if _is_speech(text, q)]


def _carry(doc: Doc, pieces: list[_Piece]) -> None:
    """A quotation with no attribution of its own keeps the speaker of the one it continues.

    It continues the previous quotation when that one was left open at its paragraph's end (a
    quotation over several paragraphs, whose attribution may come in any part), or when it
    follows in the same or the next paragraph with no other person named in between.
    """
    text = doc.text
    k = 0
    while k < len(pieces):  # quotations over several paragraphs: one speaker for all parts
        j = k
        while (pieces[j].close is None and j + 1 < len(pieces) and pieces[j + 1].paragraph == pieces[j].paragraph + 1
               and not text[pieces[j + 1].para_lo:pieces[j + 1].open].strip()):
            j += 1  # the next paragraph opens with the quotation again
        if j > k:  # the attribution of the part that closes it ('…,” she said'), else of any part
            run = pieces[k:j + 1]
            source = next((p for p in reversed(run) if p.attributed and p.speaker is not None), None)
            source = source or next((p for p in reversed(run) if p.attributed), None)
            for p in run:
                if source and p is not source:
                    p.speaker, p.speaker_text, p.attributed = source.speaker, source.speaker_text, True
                    p.inherited = True
        k = j + 1
    prev = None  # the last attributed quotation: a scare quote in between is no one's
    for q in pieces:
        if q.attributed:
            prev = q
        elif prev is not None and _continues(doc, prev, q):
            q.speaker, q.speaker_text, q.attributed, q.inherited = prev.speaker, prev.speaker_text, True, True
            prev = q
        elif len(_WORD.findall(text, q.start, q.end)) >= 4:
            prev = None  # someone's words, no one named: what follows does not continue the one before


def _continues(doc: Doc, prev: _Piece, q: _Piece) -> bool:
    """Whether unattributed ``q`` goes on with the words of ``prev``: near it, with no one else named between."""
    text = doc.text
    if q.paragraph - prev.paragraph > 1 or q.open - prev.end > _GAP:
        return False
    if _INTRODUCED.search(text, max(0, q.open - 20), q.open):
        return False  # 'On the back, the shirts read, “…”': a sentence that brings in words of its own
    between = doc.within(prev.end, q.open, PERSON)
    if not between:
        return True
    # people named in the previous one's attribution ('says Jane Roe, Ann Lee's mother.') do not count
    said_in = _sentence_end(text, prev.close + 1, q.open) if prev.close is not None else prev.end
    speaker = doc.canon(prev.speaker) if prev.speaker is not None else None
    return all(doc.canon(i) == speaker for i in between if doc.entities[i].start >= said_in)
