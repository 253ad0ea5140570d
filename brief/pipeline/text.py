"""Small text utilities shared by the stages: cleaning untrusted text, sentences, ledes.

Article text comes from the web: it may carry terminal escape sequences (which could rewrite
a terminal or its clipboard), C0/C1 controls, bidi overrides and zero-width characters. They
are removed here, once, before anything is extracted, stored, shown or exported.
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
# C0 (but tab and newline), DEL, C1, bidi embeddings/overrides/isolates, zero-width characters, BOM.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean(text: str) -> str:
    """Untrusted text made safe to store and show: no escapes, no invisible controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ESCAPES.sub("", text)
    text = text.replace("\f", "\n").replace("\v", "\n")
    return _INVISIBLE.sub("", text)


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
