"""A list of sections of evidence items (a profile, a figure across sources): headings, then rows.

Each row is an ``Item`` from ``brief.pipeline.index.profile``: what it says on the first line,
its article and date on the second. Headings cannot be chosen, so the cursor goes from item to
item. Enter (or a click) on an item posts ``ItemList.Chosen``; the screen opens its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import on
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from brief.pipeline.dates import shown_date
from brief.ui.format import safe, shorten

if TYPE_CHECKING:
    from brief.pipeline.index.profile import Item

TEXT_CHARS = 160
"""A quote or a long label is cut to this many characters (two lines of a wide pane)."""

Section = tuple[str, Sequence["Item"], str]
"""(heading or "", items, what to say when there are none)."""


def item_prompt(item: Item, style: str = "bold") -> Content:
    """The item's text (its note and detail), then its date and article, muted."""
    first = Content(safe(shorten(item.text, TEXT_CHARS))).stylize(style)
    if item.note:
        first = Content.assemble(first, ("  ", ""), (safe(item.note), "$text-warning"))
    if item.detail:
        first = Content.assemble(first, ("  ", ""), safe(shorten(item.detail, TEXT_CHARS)))
    # the date first: a cut (the line is cut to fit) takes the end of the title, never the date
    where = " · ".join(part for part in (shown_date(item.published), shorten(item.article_title, TEXT_CHARS)) if part)
    if not where:
        return first
    return Content("\n").join([first, Content(safe(where)).stylize("$text-muted italic")])


def _height(option: Option) -> int:
    prompt = option.prompt
    return prompt.plain.count("\n") + 1 if isinstance(prompt, Content) else 1


class ItemList(OptionList):
    """Sections of items; ``item`` is the one under the cursor.

    Every row is one line per line of its prompt, cut to fit (``text-wrap: nowrap`` and
    ``text-overflow: ellipsis`` in profile.tcss), so it is drawn as the reader's lists draw theirs
    (``NavList``): its height is its count of lines, and each line is cut and styled as it is, where
    OptionList lays out every row (on screen or not) to measure it and draws it through a padded
    visual. That was half the time a profile took to show (bench/bench_tui.py).
    """

    class Chosen(Message):
        """Enter or a click on an item: open it at its evidence."""

        def __init__(self, item: Item) -> None:
            super().__init__()
            self.item = item

    def __init__(self, sections: Sequence[Section] = (), *, id: str | None = None,  # noqa: A002
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: dict[int, Item] = {}
        if sections:
            self.set_sections(sections)

    def set_sections(self, sections: Sequence[Section], styles: dict[str, str] | None = None) -> None:
        """Show these sections; ``styles`` gives the first line's style by heading (names by entity type)."""
        options: list[Option] = []
        self._items = {}
        for heading, items, empty in sections:
            count = f"  {len(items)}" if items else ""
            if heading:  # a list of one section has its title on its border instead
                options.append(Option(Content.assemble((heading, "bold $accent"), (count, "$text-muted")),
                                      disabled=True))
            if not items:
                options.append(Option(Content(empty).stylize("$text-muted italic"), disabled=True))
            for item in items:
                self._items[len(options)] = item
                options.append(Option(item_prompt(item, (styles or {}).get(heading, "bold"))))
        self.clear_options()
        self.add_options(options)
        first = min(self._items, default=None)
        self.highlighted = first

    def _update_lines(self) -> None:
        """OptionList's, with each option as high as its prompt has lines (see the class)."""
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        lines = cache.lines
        start = lines[-1][0] + 1 if lines else 0
        for index, option in enumerate(self.options[start:], start):
            height = _height(option) + option._divider
            cache.index_to_line[index] = len(lines)
            cache.heights[index] = height
            lines.extend((index, line) for line in range(height))
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        size = Size(width, len(lines) - (1 if self.options and self.options[-1]._divider else 0))
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """OptionList's, each line of the prompt cut to the width and padded (see the class)."""
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        key = (option, style, padding)
        strips = self._option_render_cache.get(key)
        if strips is None:
            prompt = option.prompt if isinstance(option.prompt, Content) else Content(str(option.prompt))
            rich = style.rich_style
            inner = max(0, width - padding.left - padding.right)
            meta = {"option": self._option_to_index[option]}
            lead = [Segment(" " * padding.left, rich)] if padding.left else []
            strips = [Strip.blank(width, rich)] * padding.top
            for line in prompt.split("\n"):
                parts = line.truncate(inner, ellipsis=True).render(style, "", parse_style=self._get_style)
                strip = Strip([*lead, *(Segment(text, part.rich_style) for text, part in parts)])
                strips.append(strip.extend_cell_length(width, rich))
            strips += [Strip.blank(width, rich)] * padding.bottom
            strips = [strip.apply_meta(meta) for strip in strips]
            if option._divider:
                rule = self.get_visual_style("option-list--separator").rich_style
                strips.append(Strip([Segment("─" * width, rule)], width))
            self._option_render_cache[key] = strips
        return strips

    @property
    def item(self) -> Item | None:
        return None if self.highlighted is None else self._items.get(self.highlighted)

    @property
    def items(self) -> list[Item]:
        """Every item, in order (tests read them)."""
        return [self._items[i] for i in sorted(self._items)]

    def index_of(self, item: Item) -> int | None:
        return next((i for i, it in self._items.items() if it is item), None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self._items.get(event.option_index)
        if item is not None:
            self.post_message(self.Chosen(item))
