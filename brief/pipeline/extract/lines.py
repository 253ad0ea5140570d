"""Lines of one article field: prose, or a headline / heading / dateline whose capitals say nothing.

``TextField`` tokenises a field once and types each of its lines; the entity passes read the
prose lines for names and only look up known names in the headline-like ones.
"""

from __future__ import annotations

from brief.pipeline.extract.lexicon import FUNCTION, MONTHS
from brief.pipeline.extract.tokens import NL, tokenize


class TextField:
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
                self.lines.append((a, k, headline_like(words[a:k], is_title)))
            a = k + 1


def headline_like(ws: list[str], is_title: bool) -> bool:
    """Is a line a headline, heading or dateline, whose capitals do not mark names?"""
    long_words = [w for w in ws if len(w) > 1 and w[0].isalpha()]
    if long_words and sum(map(str.isupper, long_words)) >= 0.7 * len(long_words):
        return True
    if ws[-1] in (".", "!", "?", '"', "”", ":", ";") and not is_title:
        return False
    alpha = [w for w in ws if w[0].isalpha()]
    if not alpha or len(alpha) > 14 and not is_title:
        return False
    if is_dateline(ws):
        return False  # "Xinhua News Agency, Beijing, March 23rd, by reporter Wen Chao": cased as prose
    if not is_title and any(w[0].isdigit() or w in ("(", ",", ")") for w in ws):
        return False  # a results line or a list, not a heading
    content = [w for w in alpha if len(w) > 3 and w.lower() not in FUNCTION]
    if len(alpha) > 14 or not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps >= 0.75 * len(content) and len(content) >= 2


_CALENDAR = MONTHS - frozenset(("spring", "summer", "autumn", "fall", "winter"))


def is_dateline(ws: list[str]) -> bool:
    """A dateline in mixed case: a source and place, a comma, then a date ("Beijing, Dec. 15",
    "Ankara, November 30 (Xinhua)"), before the story or a byline. Its capitals mark names."""
    for k in range(1, min(len(ws) - 1, 12)):
        w = ws[k]
        if ws[k - 1] == "," and ws[k + 1][0].isdigit() and w[0].isupper() and w.rstrip(".").lower() in _CALENDAR:
            return True
    return False
