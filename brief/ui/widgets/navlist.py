"""The list every pane builds on: a virtual list that draws only the rows on screen.

A line-API ``ScrollView`` (like Textual's ``Log``): the virtual height is ``count`` rows of a
fixed height, and ``render_line`` asks for the rows it draws. Rows come from the subclass's
``fetch(offset, limit)`` a page at a time and are kept in a small LRU cache, so a list of
100,000 rows costs what a list of 10 does. Rows are drawn as ``Content`` (plain data, never markup).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar, Generic, TypeVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

Row = TypeVar("Row")


def set_virtual_size(widget: ScrollView, size: Size) -> None:
    """Change a scroll view's virtual size without a layout of the whole screen.

    Setting ``virtual_size`` asks for a layout, and a layout redraws every widget on screen: on
    each article opened or each refresh of a list. Only the scrollbars depend on it; they are
    updated here (they still ask for a layout in the rare case that one appears or goes).
    """
    if size == widget.virtual_size:
        return
    widget.set_reactive(ScrollView.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


class NavList(ScrollView, Generic[Row], can_focus=True):
    """A cursor over ``count`` rows of ``ROW_LINES`` lines each, a thin rule between rows."""

    ROW_LINES: ClassVar[int] = 3
    """Lines of text per row (a rule follows each row but the last)."""
    PAGE: ClassVar[int] = 100
    """Rows fetched at a time."""
    PAGES_KEPT: ClassVar[int] = 8

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Select", show=False, id="list.select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "navlist--option",
        "navlist--option-highlighted",
        "navlist--separator",
        "navlist--message",
    }

    DEFAULT_CSS = """
    NavList {
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
        & > .navlist--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .navlist--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .navlist--separator {
            color: $foreground 15%;
        }
        & > .navlist--message {
            color: $text-muted;
            text-style: italic;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)
    """The row under the cursor, or None when the list is empty."""

    class OptionSelected(Message):
        """Enter (or a click) on a row."""

        def __init__(self, nav_list: NavList, index: int, row: object) -> None:
            super().__init__()
            self.nav_list = nav_list
            self.index = index
            self.row = row

        @property
        def control(self) -> NavList:
            return self.nav_list

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.count = 0
        self.message = ""
        """Shown when the list is empty (loading, nothing found)."""
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._strips: OrderedDict[tuple[int, bool], list[Strip]] = OrderedDict()
        self._width = 0
        self._styles: dict[tuple[str, ...], Style] = {}
        self.fetched = 0
        """Rows fetched from the source so far (the tests check it stays small)."""
        self.built = 0
        """Rows drawn so far."""

    # -- what subclasses provide ------------------------------------------------------------

    def fetch_count(self) -> int:
        return 0

    def fetch(self, offset: int, limit: int) -> list[Row]:
        return []

    def row_lines(self, row: Row, index: int, width: int) -> list[Content]:
        """Up to ``ROW_LINES`` lines of ``width`` cells for ``row``."""
        return []

    # -- data ---------------------------------------------------------------------------------

    def reload(self, keep: bool = True) -> None:
        """Read the count again and forget every cached row (the index changed or another query runs).

        ``keep`` leaves the cursor on the same position; otherwise it goes to the first row.
        """
        self.count = max(self.fetch_count(), 0)
        self._pages.clear()
        self.forget_drawn()
        self._update_size()
        if not self.count:
            self.highlighted = None
        elif self.highlighted is None or not keep:
            self.highlighted = 0
            self.scroll_to(y=0, animate=False, immediate=True)
        elif self.highlighted >= self.count:
            self.highlighted = self.count - 1
        self.refresh()

    def row(self, index: int) -> Row | None:
        """Row ``index``, from the page cache or fetched with its page."""
        if not 0 <= index < self.count:
            return None
        number, at = divmod(index, self.PAGE)
        page = self._pages.get(number)
        if page is None:
            page = self.fetch(number * self.PAGE, self.PAGE)
            self.fetched += len(page)
            self._pages[number] = page
            while len(self._pages) > self.PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[at] if at < len(page) else None

    @property
    def highlighted_row(self) -> Row | None:
        return None if self.highlighted is None else self.row(self.highlighted)

    def rows_loaded(self) -> list[Row]:
        """The rows fetched so far (tests look at them)."""
        return [row for _, page in sorted(self._pages.items()) for row in page]

    # -- geometry -----------------------------------------------------------------------------

    @property
    def row_height(self) -> int:
        return self.ROW_LINES + 1

    def _update_size(self) -> None:
        lines = self.count * self.row_height - 1 if self.count else 1
        set_virtual_size(self, Size(self.scrollable_content_region.width, lines))

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        self.forget_drawn()
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        """Scroll the cursor's row into view: to the middle when it has left the view, so that moving on
        row by row scrolls the list (and redraws all of it) once every half page rather than on every row."""
        if self.highlighted is None or not self.is_mounted:
            return
        height = self.scrollable_content_region.height
        top, y = round(self.scroll_offset.y), self.highlighted * self.row_height
        if top <= y and y + self.ROW_LINES <= top + height:
            return
        self.scroll_to(y=max(0, y - max(0, (height - self.ROW_LINES) // 2)), animate=False, immediate=True,
                       force=True)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self.forget_rows({index for index in (old, new) if index is not None})
        self.scroll_to_highlight()

    # -- moving -------------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        if self.count:
            self.highlighted = max(0, min(index, self.count - 1))

    def action_cursor_down(self) -> None:
        self._go(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        self._go(0 if self.highlighted is None else self.highlighted - 1)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self.count - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height)

    def action_page_down(self) -> None:
        self._go((self.highlighted or 0) + self._page())

    def action_page_up(self) -> None:
        self._go((self.highlighted or 0) - self._page())

    def action_select(self) -> None:
        row = self.highlighted_row
        if row is not None and self.highlighted is not None:
            self.post_message(self.OptionSelected(self, self.highlighted, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, line = divmod(round(self.scroll_offset.y) + offset.y, self.row_height)
        if line < self.ROW_LINES and index < self.count:
            self.highlighted = index
            self.action_select()

    # -- drawing ------------------------------------------------------------------------------

    def forget_drawn(self) -> None:
        """Drop the drawn rows (the theme, width or a row's look changed)."""
        self._strips.clear()

    def forget_rows(self, indexes: set[int]) -> None:
        """Draw these rows again, and only them (their look changed)."""
        for key in [key for key in self._strips if key[0] in indexes]:
            del self._strips[key]
        for index in indexes:
            self.refresh_lines(index * self.row_height, self.ROW_LINES)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self.forget_drawn()

    def _style(self, *names: str) -> Style:
        """A component style of this list (kept until the theme or the CSS changes)."""
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = self.get_visual_style(*names)
        return style

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        cursor = index == self.highlighted
        key = (index, cursor)
        strips = self._strips.get(key)
        if strips is not None:
            return strips
        names = ("navlist--option", "navlist--option-highlighted") if cursor else ("navlist--option",)
        style = self._style(*names)
        row = self.row(index)
        lines = [] if row is None else self.row_lines(row, index, width)[: self.ROW_LINES]
        self.built += 1
        rich = style.rich_style
        strips = []
        for line in lines:
            parts = line.truncate(width, ellipsis=True).render(style, "", parse_style=self._get_style)
            strip = Strip([Segment(text, part.rich_style) for text, part in parts])
            strips.append(strip.extend_cell_length(width, rich))
        strips += [Strip.blank(width, rich)] * (self.ROW_LINES - len(strips))
        self._strips[key] = strips
        while len(self._strips) > 256:
            self._strips.popitem(last=False)
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._strips.clear()
        base = self._style("navlist--option").rich_style
        number = round(self.scroll_offset.y) + y
        if not self.count:
            if number == 0 and self.message:
                style = self._style("navlist--message")
                parts = Content(self.message).truncate(width, ellipsis=True).render(style, "")
                return Strip([Segment(text, part.rich_style) for text, part in parts]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        index, line = divmod(number, self.row_height)
        if index >= self.count:
            return Strip.blank(width, base)
        if line == self.ROW_LINES:
            rule = self._style("navlist--separator").rich_style
            return Strip([Segment("─" * width, rule)], width)
        return self._row_strips(index, width)[line]
