"""Quotes in the reader: each quotation marked, and the words naming its speaker linked to the profile.

Kept beside ``document.py`` (plain data, no widgets): ``quote_highlights`` turns an article's
quotes into highlights of kind ``quote`` (styled ``reader--quote``) and ``speaker`` (the
speaker's words as written, "he" or "a spokeswoman for Acme", keyed by the speaker's entity so
a click opens its profile).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.models import FieldName, Quote
    from brief.ui.document import Block, Highlight

SPEAKER_WINDOW = 120
"""How far before or after a quote its speaker's words are looked for (characters)."""

Locate = Callable[["FieldName", int, int], "tuple[int, int, int] | None"]
"""(field, start, end) -> (block, start, end) in that block, as ``build_document`` finds them."""


def quote_highlights(quotes: Sequence[Quote], blocks: Sequence[Block], locate: Locate,
                     taken: Sequence[Highlight]) -> list[Highlight]:
    """Highlights for each quote, and for its speaker's words when they are not a mention already."""
    from brief.ui.document import Highlight

    out: list[Highlight] = []
    covered = {(h.block, h.start) for h in taken}
    for index, quote in enumerate(quotes):
        where = locate("body", quote.start, quote.end)
        if where is None:
            continue
        out.append(Highlight("quote", f"quote:{index}", "body", quote.start, *where))
        speaker, words = quote.speaker, quote.speaker_text
        if not speaker or not words:
            continue
        block, start, end = where
        text = blocks[block].text
        after = text.find(words, end, end + SPEAKER_WINDOW + len(words))
        before = text.rfind(words, max(0, start - SPEAKER_WINDOW - len(words)), start)
        found = after if after >= 0 and (before < 0 or after - end <= start - before) else before
        if found >= 0 and not any((block, s) in covered for s in range(found, found + len(words))):
            offset = blocks[block].offset
            out.append(Highlight("speaker", str(speaker), "body", offset + found, block, found, found + len(words)))
    return out


def quote_at(current: Highlight | None, highlights: Sequence[Highlight], quotes: Sequence[Quote]) -> int | None:
    """The index of the quote ``current`` stands on: the quote itself (opened from the Quotes panel), a name or
    word inside it, or its speaker's name in the same paragraph (the nearest of that speaker's quotes there)."""
    if current is None:
        return None
    if current.kind == "quote":
        return int(current.key.split(":")[1])
    marked = [(int(h.key.split(":")[1]), h) for h in highlights if h.kind == "quote" and h.block == current.block]
    inside = next((index for index, h in marked if h.start <= current.start < h.end), None)
    if inside is not None:
        return inside
    said = [(abs(h.start - current.start), index) for index, h in marked
            if index < len(quotes) and quotes[index].speaker == current.key]
    return min(said)[1] if said else None
