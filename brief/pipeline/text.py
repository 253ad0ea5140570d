"""Small text utilities shared by the stages: cleaning untrusted text, sentences, ledes.

Article text comes from the web: it may carry terminal escape sequences (which could rewrite
a terminal or its clipboard), C0/C1 controls, bidi marks and overrides, zero-width and other
invisible characters, lone surrogates (which no encoder takes) and accents written as separate
combining marks. They are removed or mended here, once, before anything is extracted, stored,
shown or exported, so every offset is taken in the text as it is shown.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

# ESC-introduced sequences: CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, two-byte ESC.
ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
# Removed: C0 (but tab and newline), DEL, C1 (but NEL), the soft hyphen, the Arabic letter mark,
# the Hangul fillers, the Mongolian vowel separator, zero-width characters, bidi embeddings,
# overrides and isolates, word joiners and invisible operators, the BOM, and the tag characters
# (invisible text that would pass into anything the briefing is pasted into).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\xad\u061c\u115f\u1160\u180e\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u2069\u3164\ufeff\uffa0\U000e0000-\U000e007f]")
# Mended: line and paragraph separators (and NEL) become the breaks they stand for; a lone surrogate
# (from a JSON "\\udc80" or a bad character reference) becomes U+FFFD, as a bad byte does.
_MENDED = re.compile("[\x85\u2028\u2029\ud800-\udfff]")
_BREAKS = {"\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}


def _mend(m: re.Match[str]) -> str:
    return _BREAKS.get(m.group(), "\ufffd")


def clean(text: str) -> str:
    """Untrusted text made safe to store and show: no escapes, no invisible characters, one way to
    write each character (NFC, so "Société" is one word whichever way its accents were stored).

    What it returns is clean already (``clean(clean(t)) == clean(t)``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ESCAPES.sub("", text)
    text = text.replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE.sub("", text)
    if text.isascii():
        return text
    text = _MENDED.sub(_mend, text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    """Clean text folded onto one line (names, titles, table cells)."""
    return " ".join(clean(text).split())


_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr vs no co mt inc corp ltd gen sen rep gov prof lt col sgt capt fig est approx".split()
)


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the punctuation at ``dot`` ends a sentence (not 'Mr.', 'U.S.', 'J. Smith')."""
    if text[dot] != ".":
        return True
    word = text[max(0, dot - 12):dot].rsplit(None, 1)[-1] if text[max(0, dot - 12):dot].strip() else ""
    word = word.lstrip("(\"'“‘")
    return not (word.casefold() in _ABBREVIATIONS or len(word) == 1 or "." in word)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _SENTENCE_END.finditer(text, para.start(), para.end()):
            if _ends_sentence(text, m.start()):
                spans.append((start, m.start() + 1 + len(m.group().rstrip()) - 1))
                start = m.end()
        if start < para.end():
            spans.append((start, para.end()))
    return [(s, e) for s, e in spans if e > s]


WINDOW = 300
"""At most this many characters either side of an offset count as its sentence (a text with no
full stops would otherwise make every figure's sentence the whole text)."""


def sentence_at(text: str, offset: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The sentence around ``offset``, cut to ``WINDOW`` characters either side."""
    spans = spans if spans is not None else sentences(text)
    i = bisect.bisect_right(spans, (offset, len(text) + 1)) - 1
    s, e = spans[i] if i >= 0 and spans[i][0] <= offset < spans[i][1] else (0, len(text))
    return max(s, offset - WINDOW), min(e, offset + WINDOW)


def lede(text: str, max_sentences: int = 3, max_chars: int = 420) -> str:
    """The opening sentences of a text, enough to say what it is about."""
    out: list[str] = []
    size = 0
    for s, e in sentences(text):
        sent = text[s:e].strip()
        if out and size + len(sent) > max_chars:
            break
        out.append(sent)
        size += len(sent) + 1
        if len(out) >= max_sentences:
            break
    return " ".join(out)


def shorten(text: str, max_words: int) -> str:
    words = text.split()
    if len(words) <= max_words:
        return text.strip()
    return " ".join(words[:max_words]).rstrip(",;:—–-") + "…"


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A key for comparing names: case, accents, curly quotes and spacing ignored."""
    if text.isascii():
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text).replace("\u2019", "'").replace("\u2018", "'")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def describe(title: str, org: str | None) -> str:
    """'CEO of Acme', 'CEO', or just 'Acme' for an affiliation."""
    if title and org:
        return f"{title} of {org}"
    return title or org or ""
