"""A list of sections of evidence items (a profile, a figure across sources): headings, then rows.

Each row is an ``Item`` from ``brief.pipeline.index.profile``: what it says on the first line,
its article and date on the second. Headings cannot be chosen, so the cursor goes from item to
item. Enter (or a click) on an item posts ``ItemList.Chosen``; the screen opens its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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
    where = " · ".join(part for part in (item.published or "", shorten(item.article_title, TEXT_CHARS)) if part)
    if not where:
        return first
    return Content("\n").join([first, Content(safe(where)).stylize("$text-muted italic")])


class ItemList(OptionList):
    """Sections of items; ``item`` is the one under the cursor."""

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
