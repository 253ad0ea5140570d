"""The reader: one article, its mentions and figures highlighted, rendered line by line.

A line-API scroll view (like Textual's ``Log`` and Toolong's log view) so that a mention's
screen line is known after wrapping, which ``n``/``N`` need to scroll it into view. Article
text goes into ``Content`` objects and is styled by offsets: it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from brief.ui.document import (
    Document,
    Highlight,
    Line,
    LineIndex,
    build_document,
    layout,
    line_index,
    line_of,
    message_document,
)
from brief.ui.widgets.navlist import set_virtual_size

if TYPE_CHECKING:
    from textual.selection import Selection

    from brief.models import Article, FieldName

_BLOCK_STYLES = {
    "title": "reader--title",
    "byline": "reader--byline",
    "copy": "reader--byline",
    "standfirst": "reader--standfirst",
    "heading": "reader--heading",
    "message": "reader--message",
}

_HIGHLIGHTS = frozenset({"person", "organization", "figure", "quote", "speaker", "match"})
"""The kinds with a style of their own."""


class Reader(ScrollView, can_focus=True):
    """Shows the open article; ``current`` is the mention that ``n``/``N`` last moved to."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--person",
        "reader--organization",
        "reader--other",  # a place, product, event...: typed, but not in the panels
        "reader--figure",
        "reader--quote",
        "reader--speaker",
        "reader--match",
        "reader--marked",
        "reader--current",
        "reader--title",
        "reader--byline",
        "reader--standfirst",
        "reader--heading",
        "reader--message",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="reader.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("enter", "open_current", "Profile", show=False, id="reader.profile"),
    ]

    DEFAULT_CSS = """
    Reader {
        overflow-y: scroll;  /* always there: a scrollbar that comes and goes makes every article a relayout */
        padding: 0 2;
    }
    """

    class MentionClicked(Message):
        """A click on a highlighted person or company."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    document: var[Document] = var(lambda: message_document(""), always_update=True)
    """What is shown; replaced as a whole when another article opens."""
    current: var[Highlight | None] = var(None)
    """The highlight that ``n``/``N`` (or a figure opened from its panel) moved to."""
    marked: var[str | None] = var(None)
    """An entity whose mentions are marked, and the only ones ``n``/``N`` visit (the list filter)."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._lines: list[Line] = []
        self._index: LineIndex = ([], [])
        self._width = 0
        self._contents: dict[int, Content] = {}
        self._by_block: dict[int, list[Highlight]] = {}
        self._strips: dict[int, Strip] = {}
        self._pending: tuple[FieldName, int, str | None] | None = None
        self._styles: dict[tuple[str, ...], Style] = {}
        self._matches: tuple[str, ...] = ()

    # -- what to show -------------------------------------------------------------------------

    @property
    def article_id(self) -> str | None:
        return self.document.article_id

    def show_article(
        self,
        article: Article,
        kinds: Mapping[str, str],
        at: tuple[FieldName, int, str | None] | None = None,
        *,
        copies: Sequence[tuple[str, str | None]] = (),
        matches: Sequence[str] = (),
        again: bool = False,
    ) -> None:
        """Open ``article``; with ``at`` (field, offset, kind), make the highlight there current.

        ``kinds`` gives the type of each entity mentioned, ``copies`` the other sources of the story
        and ``matches`` the searched words to highlight (see ``build_document``). ``again`` draws the
        open article anew where it is scrolled to (the index analysed it again).
        """
        if again or self.document.article_id != article.id or self._matches != tuple(matches):
            same = self.document.article_id == article.id
            self._matches = tuple(matches)
            self.current = None
            self.document = build_document(article, kinds, copies, matches)
            if not same:
                self.scroll_to(0, 0, animate=False, immediate=True)
        if at is not None:
            self._pending = at
            self._apply_pending()

    def show_message(self, text: str) -> None:
        self.current = None
        self._matches = ()
        self.document = message_document(text)

    def targets(self) -> list[Highlight]:
        """The highlights ``n``/``N`` visit: the marked entity's mentions, else the searched words,
        else every mention and figure."""
        highlights = self.document.highlights
        if self.marked is not None:
            return [h for h in highlights if h.key == self.marked]
        matches = [h for h in highlights if h.kind == "match"]
        return matches or [h for h in highlights if h.kind != "quote"]  # a quote's names are visited instead

    def line_of(self, highlight: Highlight) -> int:
        self._ensure_layout()
        return line_of(self._lines, highlight.block, highlight.start, self._index)

    def visible_text(self) -> str:
        """The text of the lines on screen (what a user reads now); used by tests."""
        self._ensure_layout()
        top = round(self.scroll_offset.y)
        blocks = self.document.blocks
        return "\n".join(
            "" if line.block < 0 else blocks[line.block].text[line.start : line.end].rstrip()
            for line in self._lines[top : top + self.scrollable_content_region.height]
        )

    def highlight_at(self, x: int, y: int) -> Highlight | None:
        """The highlight drawn at content cell (``x``, ``y``) of the visible area, if any."""
        self._ensure_layout()
        index = round(self.scroll_offset.y) + y
        if not 0 <= index < len(self._lines) or self._lines[index].block < 0:
            return None
        line = self._lines[index]
        text = self.document.blocks[line.block].text
        cells = 0
        for offset in range(line.start, line.end):
            cells += cell_len(text[offset])
            if cells > x + round(self.scroll_offset.x):
                for highlight in self._by_block.get(line.block, ()):
                    if highlight.start <= offset < highlight.end and highlight.kind not in ("match", "quote"):
                        return highlight
                return None
        return None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        highlight = None if offset is None else self.highlight_at(offset.x, offset.y)
        if highlight is not None and highlight.kind != "figure":
            self.post_message(self.MentionClicked(highlight.key))

    def current_target(self) -> Highlight | None:
        """The current highlight, a searched word standing for the name or figure it is part of."""
        current = self.current
        if current is None or current.kind != "match":
            return current
        return next((h for h in self._by_block.get(current.block, ())
                     if h.kind not in ("match", "quote") and h.start < current.end and current.start < h.end), current)

    def action_open_current(self) -> None:
        """Enter on the current name (a mention or a quote's speaker): as a click on it."""
        current = self.current_target()
        if current is not None and current.kind not in ("figure", "quote", "match"):
            self.post_message(self.MentionClicked(current.key))
        else:
            self.notify("Move to a name first (n / N): enter opens its profile.", timeout=3)

    # -- moving between mentions --------------------------------------------------------------

    def move(self, step: int) -> Highlight | None:
        """Make the next (``step`` 1) or previous (-1) target current, wrapping at the ends."""
        targets = self.targets()
        if not targets:
            return None
        current = self.current
        if current is None or current not in targets:
            top = round(self.scroll_offset.y)
            if step > 0:  # the first one on screen or below it
                chosen = next((t for t in targets if self.line_of(t) >= top), targets[0])
            else:  # the last one on screen or above it
                bottom = top + self.scrollable_content_region.height
                chosen = next((t for t in reversed(targets) if self.line_of(t) < bottom), targets[-1])
        else:
            chosen = targets[(targets.index(current) + step) % len(targets)]
        self.current = chosen
        self.scroll_to_highlight(chosen)
        return chosen

    def scroll_to_highlight(self, highlight: Highlight) -> None:
        """Scroll so the highlight's line is on screen, a third of the way down if it was not."""
        height = self.scrollable_content_region.height
        if not height:
            return
        y = self.line_of(highlight)
        top = round(self.scroll_offset.y)
        margin = min(2, height // 4)
        if not top + margin <= y < top + height - margin:
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True, force=True)

    def _apply_pending(self) -> None:
        if self._pending is None or not self.size.width:
            return
        field_name, start, kind = self._pending
        self._pending = None
        highlight = self.document.find(field_name, start, kind)
        if highlight is not None:
            self.current = highlight
            self.scroll_to_highlight(highlight)

    # -- watchers -----------------------------------------------------------------------------

    def watch_document(self, document: Document) -> None:
        self._contents = {}
        self._by_block = {}
        for highlight in document.highlights:
            self._by_block.setdefault(highlight.block, []).append(highlight)
        self._width = 0
        self._invalidate()

    def watch_current(self, current: Highlight | None) -> None:
        targets = self.targets()
        self.border_subtitle = (
            f"mention {targets.index(current) + 1} of {len(targets)}" if current in targets else ""
        )
        self._invalidate(relayout=False)

    def watch_marked(self) -> None:
        self._contents = {}
        self._invalidate(relayout=False)

    def notify_style_update(self) -> None:
        """The theme changed: component styles must be read again."""
        super().notify_style_update()
        self._contents = {}
        self._styles = {}
        self._strips = {}

    def on_resize(self) -> None:
        keep = self.current
        self._invalidate()
        if keep is not None:
            self.scroll_to_highlight(keep)
        self._apply_pending()

    # -- rendering ----------------------------------------------------------------------------

    def _invalidate(self, relayout: bool = True) -> None:
        if relayout:
            self._width = 0
        self._strips.clear()
        self._ensure_layout()
        self.refresh()

    def _ensure_layout(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._width = width
            self._lines = layout(self.document, width)
            self._index = line_index(self._lines)
            set_virtual_size(self, Size(width, len(self._lines)))
            self._strips.clear()

    def _style(self, *names: str) -> Style:
        """The full style of the reader with these component classes on top, in order.

        Full rather than partial styles: Textual's partial styles drop an opaque background.
        """
        key = tuple(name for name in names if name)
        if key not in self._styles:
            self._styles[key] = self.get_visual_style(*key)
        return self._styles[key]

    def _block_content(self, index: int) -> Content:
        """Block ``index`` with its styles and highlights (built when first drawn, then kept)."""
        content = self._contents.get(index)
        if content is None:
            block = self.document.blocks[index]
            role = _BLOCK_STYLES.get(block.role, "")
            content = Content(block.text, strip_control_codes=False)  # made safe in document.py
            if role:
                content = content.stylize(self._style(role))
            spans = [Span(start, end, self._style(role, name)) for start, end, name in block.styles]
            for highlight in self._by_block.get(index, ()):
                marked = "reader--marked" if highlight.key == self.marked else ""
                kind = highlight.kind if highlight.kind in _HIGHLIGHTS else "other"
                style = self._style(role, f"reader--{kind}", marked)
                spans.append(Span(highlight.start, highlight.end, style))
            content = content.add_spans(spans) if spans else content
            self._contents[index] = content
        return content

    def render_line(self, y: int) -> Strip:
        self._ensure_layout()
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        rich_style = self.visual_style.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, rich_style)
        strip = self._strips.get(index)
        if strip is None:  # kept as drawn, offsets included: lines are wrapped, so never scrolled sideways
            strip = self._strips[index] = self._line_strip(index).crop_extend(0, width, rich_style).apply_offsets(
                0, index)
        return strip.crop_extend(scroll_x, scroll_x + width, rich_style) if scroll_x else strip

    def _line_strip(self, index: int) -> Strip:
        """Screen line ``index``: its text with highlights, the current one and any selected text."""
        line = self._lines[index]
        if line.block < 0:
            return Strip([])
        content = self._block_content(line.block)[line.start : line.end].rstrip()
        current = self.current
        if current is not None and current.block == line.block:
            start, end = max(current.start, line.start), min(current.end, line.end)
            if start < end:
                content = content.stylize(self._style("reader--current"), start - line.start, end - line.start)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            start, end = span
            end = len(content) if end == -1 else end
            if start < end:
                content = content.stylize(self.screen.get_visual_style("screen--selection"), start, end)
        return Strip(content.render_segments(self.visual_style))

    # -- selecting text with the mouse --------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text, for copying: the lines as shown, joined by newlines."""
        self._ensure_layout()
        blocks = self.document.blocks
        text = "\n".join(
            "" if line.block < 0 else blocks[line.block].text[line.start : line.end].rstrip() for line in self._lines
        )
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()
