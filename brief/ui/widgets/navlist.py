"""The list every pane builds on: an OptionList that also moves with j/k."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class NavList(OptionList):
    """OptionList with vi keys; options are ``Content`` (plain data), never markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)

    def set_separated(self, options: Iterable[Option]) -> None:
        """Replace the options, with a thin rule between them (multi-line items read better)."""
        items: list[Option | None] = []
        for option in options:
            if items:
                items.append(None)
            items.append(option)
        self.set_options(items)
        if self.option_count and self.highlighted is None:
            self.highlighted = 0
