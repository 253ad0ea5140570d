"""Direct quotations and who said them.

A quotation is the text between a pair of quotation marks (curly “…”, straight "…", or the
British single ‘…’, whose closing mark is told from an apostrophe); a mark left open at a
paragraph's end is the first part of a quotation that runs on into the next paragraph (which
opens again, blank lines between or not). Each part is its own quotation, as the reader shows
paragraphs, and all parts get the speaker of the part that closes it; a mark the next paragraph
does not reopen ends at its paragraph's end, so it never swallows the rest of the article.

Its speaker is found in the words next to it by the ordered, named entries of ``quote_rules``
('“…,” said Jane Roe', '“…,” Jane Roe said', '“…” — Jane Roe', 'Roe told reporters: “…”', 'Roe was
blunt: “…”'). A quotation with none keeps the speaker of the one it continues: the parts of one
quotation over several paragraphs (``paragraphs``), or one that follows one of the same speaker
with no one else named in between ('“…,” he said. “…”', ``continues``); one that a sentence brings
in with a verb of its own ('the shirts read, “…”') does not. A quotation opened with a curly mark
may close with a straight one and back ('“…," she said').

Not every pair of marks is speech: a scare quote (a “superintelligence” lab) or a title (the
film “The Long Night”) is short, sits inside a noun phrase, has no closing punctuation of its
own and no verb of speech next to it; a title in capitals inside a sentence ('hits including
“Out in the Cold,” “Grey Harbour”') is no quote even with a verb of speech after it. A quotation
is speech when a verb of speech attributes it, when it continues one that is, or when it is long
or ends like a spoken sentence.
"""

from __future__ import annotations

import re

from brief.pipeline.relations.context import PERSON, Doc
from brief.pipeline.relations.lazy import lazy_regex
from brief.pipeline.relations.model import QuoteSpan
from brief.pipeline.relations.quote_rules import NOUN_PHRASE_BEFORE, WORD, Piece, attribute, sentence_end

_MARK = lazy_regex(r'[“”"‘\n]')
# A short attributed quotation right after these is a term the speaker used: 'the “fund mania”', 'a “disgrace.”'.
_TERM_BEFORE = lazy_regex(r"\b(?:the|a|an|on|about|titled|entitled|so-called|(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|"
                          r"nam(?:es|ed|ing))(?:\s+(?:it|them|this|him|her|itself))?)\s*$", re.IGNORECASE)
_SPEECH_END = lazy_regex(r"[.!?,…—–-]\s*$")
# A sentence that brings in a quotation with a verb of its own: 'the shirts read, “', 'the ad counsels: “'.
_INTRODUCED = lazy_regex(r"\b(?:read|reads|proclaim(?:s|ed)?|counsel(?:s|ed|led)?|goes|went|ran|runs|began|begins|"
                         r"state[sd]?|offer(?:s|ed)?|promise[sd]?|advertise[sd]?|display(?:s|ed)?)\s*[,:]\s*$",
                         re.IGNORECASE)
# A title's lower-case words: 'What a Fool Believes', 'Takin’ It to the Streets'.
_SMALL_WORDS = frozenset("a an the and or but nor of to in on at by for with from as vs".split())
_IN_SENTENCE = lazy_regex(r"[\w,’'()”\"]\s*$")  # words of the sentence (not a colon, a dash or a new paragraph)
_AND_THAT = lazy_regex(r"\b(?:and|but|or)\s+that\s*$", re.IGNORECASE)
_GAP = 300  # a quotation further than this from the previous one does not continue it
_WINDOW = 200  # how far from a quotation its attribution may be


def _pieces(text: str) -> list[Piece]:
    """Every quoted stretch, in order, by one pass over the quotation marks and line breaks."""
    out: list[Piece] = []
    opened: int | None = None
    nested = False  # a straight quotation open inside a curly one
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
            out.append(Piece(opened, start, stop, close, paragraph, para_lo))

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
                opened, nested = p, False
            elif c == "‘" and _opens(text, p) and not text[p + 1:p + 2].isdigit():
                close = _single_close(text, p)
                if close is not None:  # British style: ‘…,’ she said
                    opened = p
                    add(close, close)
                    opened, skip = None, close
        elif text[opened] == "“":
            if c == "”" or (c == '"' and not nested and not _opens(text, p) and not text[p - 1].isspace()):
                add(p, p)  # '“…," she said': a straight mark may close a curly one
                opened = None
            elif c == '"':
                nested = not nested  # '“He said "no" to me”'
            elif c == "“":  # the first was never closed
                add(None, p)
                opened, nested = p, False
        elif c in '"”' and p > 0 and not text[p - 1].isspace():
            add(p, p)  # '"…,” she said' too
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


def _is_speech(text: str, q: Piece) -> bool:
    """Whether a quoted stretch is speech rather than a scare quote, a name or a title."""
    inner = text[q.start:q.close if q.close is not None else q.end]
    words = len(WORD.findall(inner))
    ends = bool(_SPEECH_END.search(inner))
    if _titled(text, q, inner):
        return False  # 'After hitting “Takin’ It To the Streets,” the singer told the crowd': a song's title
    if (q.inherited or not q.attributed) and NOUN_PHRASE_BEFORE.search(text, max(0, q.open - 20), q.open):
        if not (q.inherited and _AND_THAT.search(text, max(0, q.open - 12), q.open)):
            return False  # but 'Acme says that “…” and that “…”' goes on with what Acme says
    if words <= 4 and _TERM_BEFORE.search(text, max(0, q.open - 20), q.open):
        return False  # 'the “closed-end fund mania” of the 1920s, Mr. Roe says': a term, not his speech
    if q.attributed:
        return words >= 4 or ends or q.close is None
    return words >= 8 or (words >= 5 and inner.rstrip()[-1:] in ".!?")


def _titled(text: str, q: Piece, inner: str) -> bool:
    """A title in capitals ('the hit “What a Fool Believes.”'), inside a sentence: a short quotation whose words
    all start with a capital but for a few short ones, set after words of the sentence it stands in."""
    words = inner.rstrip(".,!?").split()
    if not 2 <= len(words) <= 8 or not _IN_SENTENCE.search(text, max(q.para_lo, q.open - 8), q.open):
        return False
    small = [w for w in words[1:] if w.casefold() in _SMALL_WORDS and w.islower()]
    return all(w[:1].isupper() or w in small for w in words) and len(small) <= len(words) / 2


def find_quotes(doc: Doc) -> list[QuoteSpan]:
    """The body's quotations that are speech, each with its speaker when the text names one."""
    text = doc.text
    pieces = _pieces(text)
    doc.quoted = [(q.start, q.end) for q in pieces if len(WORD.findall(text, q.start, q.end)) >= 4]
    previous_close = -1
    for k, q in enumerate(pieces):
        hi = lo = q.open
        if q.close is not None:
            hi = min(q.close + 1 + _WINDOW, pieces[k + 1].open if k + 1 < len(pieces) else len(text))
            nl = text.find("\n", q.close, hi)
            hi = nl if nl >= 0 else hi
        lo = max(q.para_lo, previous_close + 1, q.open - _WINDOW)
        attribute(doc, q, lo, hi)
        previous_close = q.close if q.close is not None else q.end
    _carry(doc, pieces)
    return [QuoteSpan(q.start, q.end, text[q.start:q.end], q.speaker, q.speaker_text, q.rule)
            for q in pieces if _is_speech(text, q)]


def _carry(doc: Doc, pieces: list[Piece]) -> None:
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
                    p.inherited, p.rule = True, "paragraphs"
        k = j + 1
    prev = None  # the last attributed quotation: a scare quote in between is no one's
    for q in pieces:
        if q.attributed:
            prev = q
        elif prev is not None and _continues(doc, prev, q):
            q.speaker, q.speaker_text, q.attributed, q.inherited = prev.speaker, prev.speaker_text, True, True
            q.rule = "continues"
            prev = q
        elif len(WORD.findall(text, q.start, q.end)) >= 4:
            prev = None  # someone's words, no one named: what follows does not continue the one before


def _continues(doc: Doc, prev: Piece, q: Piece) -> bool:
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
    said_in = sentence_end(text, prev.close + 1, q.open) if prev.close is not None else prev.end
    speaker = doc.canon(prev.speaker) if prev.speaker is not None else None
    return all(doc.canon(i) == speaker for i in between if doc.entities[i].start >= said_in)
