"""What the reader shows, as plain data: blocks of article text, highlights and wrapped lines.

Kept free of widgets so the layout rules (paragraphs, headings, where a mention lands after
wrapping) can be tested without running an app. Styles are named by component class; the
reader turns them into theme styles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len

from brief.pipeline.dates import shown_date
from brief.ui.format import safe
from brief.ui.source import words_pattern

if TYPE_CHECKING:
    from brief.models import Article, FieldName

_WORD = re.compile(r"\S+\s*")


class Block(NamedTuple):
    """A run of text shown as one wrapped paragraph."""

    role: str  # "title" | "byline" | "copy" | "standfirst" | "heading" | "paragraph" | "message"
    text: str
    field: FieldName | None = None  # the article field the text comes from (None: byline, message)
    offset: int = 0  # where ``text`` starts in ``field``
    styles: tuple[tuple[int, int, str], ...] = ()  # (start, end, component class) within the block


class Highlight(NamedTuple):
    """A highlighted mention or figure: ``blocks[block].text[start:end]``."""

    kind: str  # "person" | "organization" | "figure" | "quote" | "speaker" | "match" (a searched word)
    key: str  # entity id (a speaker's too), ``figure:<index>``, ``quote:<index>``, ``match`` for searched words
    field: FieldName
    field_start: int
    block: int
    start: int
    end: int

    @property
    def position(self) -> tuple[int, int]:
        return (self.block, self.start)


class Line(NamedTuple):
    """One screen line: ``blocks[block].text[start:end]``, or a blank line when ``block`` is -1."""

    block: int
    start: int = 0
    end: int = 0


@dataclass
class Document:
    blocks: list[Block]
    highlights: list[Highlight] = field(default_factory=list)
    article_id: str | None = None

    def find(self, field_name: FieldName, start: int, kind: str | None = None) -> Highlight | None:
        """The highlight that starts at ``start`` in ``field_name`` (a figure or mention to open at)."""
        for highlight in self.highlights:
            if highlight.field == field_name and highlight.field_start == start:
                if kind is None or highlight.kind == kind:
                    return highlight
        return None


def message_document(text: str) -> Document:
    return Document([Block("message", safe(line)) for line in text.splitlines() or [""]])


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Non-blank lines of ``text`` with surrounding whitespace trimmed, and where each starts."""
    found = []
    position = 0
    for raw in safe(text).split("\n"):
        stripped = raw.strip()
        if stripped:
            found.append((position + len(raw) - len(raw.lstrip()), stripped))
        position += len(raw) + 1
    return found


def build_document(
    article: Article,
    kinds: Mapping[str, str],
    copies: Sequence[tuple[str, str | None]] = (),
    matches: Sequence[str] = (),
) -> Document:
    """Blocks for the title, byline, standfirst and body paragraphs, with every highlight.

    ``kinds`` maps the ids of the entities mentioned to their type; ``copies`` are the (title,
    source) of the other articles of the same story, listed under the byline; ``matches`` are
    searched words and phrases, highlighted wherever they appear.
    """
    title_offset = len(article.title) - len(article.title.lstrip())
    blocks: list[Block] = [Block("title", safe(article.title.strip()), "title", title_offset)]
    byline = " · ".join(
        part for part in (f"By {article.author}" if article.author else "", article.source or "",
                          shown_date(article.published, article.published_text)) if part
    )
    if byline:
        blocks.append(Block("byline", safe(byline)))
    if article.url:
        blocks.append(Block("byline", safe(article.url)))
    for title, source in copies:
        text = " · ".join(part for part in (" ".join(title.split()), source) if part)
        blocks.append(Block("copy", safe(f"Same story: {text}")))
    if article.standfirst.strip():
        for offset, text in _paragraphs(article.standfirst):
            blocks.append(Block("standfirst", text, "standfirst", offset))
    for offset, text in _paragraphs(article.body):
        styles = []
        covered = False
        for heading in article.headings:
            start, end = max(heading.start, offset), min(heading.end, offset + len(text))
            if start < end:
                styles.append((start - offset, end - offset, "reader--heading"))
                covered = covered or (start == offset and end >= offset + len(text.rstrip(" .:")))
        blocks.append(Block("heading" if covered else "paragraph", text, "body", offset, tuple(styles)))

    starts = {
        name: [(i, b.offset) for i, b in enumerate(blocks) if b.field == name]
        for name in ("title", "standfirst", "body")
    }

    offsets = {name: [offset for _, offset in found] for name, found in starts.items()}

    def locate(field_name: FieldName, start: int, end: int) -> tuple[int, int, int] | None:
        candidates = starts[field_name]
        index = bisect_right(offsets[field_name], start) - 1
        if index < 0:
            return None
        block_index, offset = candidates[index]
        text = blocks[block_index].text
        local_start, local_end = start - offset, min(end - offset, len(text))
        if local_start >= len(text) or local_end <= local_start:
            return None
        return block_index, local_start, local_end

    highlights: list[Highlight] = []
    for mention in article.mentions:
        kind = kinds.get(mention.entity)
        where = locate(mention.field, mention.start, mention.end)
        if kind is not None and where is not None:
            highlights.append(Highlight(kind, mention.entity, mention.field, mention.start, *where))
    for index, figure in enumerate(article.figures):
        places = [(o.field, o.start, o.end) for o in figure.occurrences] or [(figure.field, figure.start, figure.end)]
        for field_name, start, end in places:
            where = locate(field_name, start, end)
            if where is not None:
                highlights.append(Highlight("figure", f"figure:{index}", field_name, start, *where))
    if article.quotes:
        from brief.ui.quotes import quote_highlights

        highlights += quote_highlights(article.quotes, blocks, locate, highlights)
    patterns = [p for p in (words_pattern(term) for term in matches) if p is not None]
    for index, block in enumerate(blocks):
        if block.field is None:
            continue
        for pattern in patterns:
            for found in pattern.finditer(block.text):
                highlights.append(Highlight("match", "match", block.field, block.offset + found.start(), index,
                                            found.start(), found.end()))
    highlights.sort(key=lambda h: (h.block, h.start, h.end))
    return Document(blocks, highlights, article.id)


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where each line starts when ``text`` is word-wrapped to ``width`` cells (long words fold)."""
    width = max(width, 1)
    measure = len if text.isascii() else cell_len
    starts = [0]
    cells = 0
    for match in _WORD.finditer(text):
        word = match.group()
        core = word.rstrip()
        core_cells = measure(core)
        if cells and cells + core_cells > width:
            starts.append(match.start())
            cells = 0
        if core_cells > width:
            position = match.start()
            for char in core:
                char_cells = cell_len(char)
                if cells and cells + char_cells > width:
                    starts.append(position)
                    cells = 0
                cells += char_cells
                position += 1
            cells += measure(word) - core_cells
        else:
            cells += measure(word)
    return starts


def layout(document: Document, width: int) -> list[Line]:
    """Wrap every block to ``width``; blank lines between blocks (two before headings)."""
    lines: list[Line] = []
    for index, block in enumerate(document.blocks):
        if index and block.role not in ("byline", "copy") and document.blocks[index - 1].role != "message":
            lines.append(Line(-1))
        if block.role == "heading" and index:
            lines.append(Line(-1))
        starts = wrap_offsets(block.text, width)
        for start, end in zip(starts, [*starts[1:], len(block.text)], strict=True):
            lines.append(Line(index, start, end))
    return lines


LineIndex = tuple[list[tuple[int, int]], list[int]]


def line_index(lines: list[Line]) -> LineIndex:
    """(block, start) of every text line, sorted, and the screen line of each: for bisecting."""
    keys: list[tuple[int, int]] = []
    rows: list[int] = []
    for y, line in enumerate(lines):
        if line.block >= 0:
            keys.append((line.block, line.start))
            rows.append(y)
    return keys, rows


def line_of(lines: list[Line], block: int, offset: int, index: LineIndex | None = None) -> int:
    """The index of the screen line showing ``blocks[block].text[offset]``."""
    keys, rows = index if index is not None else line_index(lines)
    if not rows:
        return 0
    return rows[max(bisect_right(keys, (block, offset)) - 1, 0)]
