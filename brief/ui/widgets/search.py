"""The search box above the article list: a query line and, when it cannot be read, why."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

PLACEHOLDER = 'words, "a phrase", person:NAME, org:NAME, source:SITE, money>1e9'


class SearchBar(Vertical):
    """Hidden until ``/``; enter posts ``Submitted``, escape posts ``Cleared``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear search", id="search.clear"),
    ]

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Cleared(Message):
        """Escape in the box: show every article again."""

    _error = ""

    def compose(self) -> ComposeResult:
        box = Input(placeholder=PLACEHOLDER, id="query", select_on_focus=False)
        box.border_title = "Search"
        yield box
        yield Static(id="search-error")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self, text: str | None = None, focus: bool = True) -> None:
        """Show the box (with ``text`` in it, when given) and put the cursor in it."""
        self.add_class("-active")
        if text is not None:
            self.input.value = text
            self.input.cursor_position = len(text)
        if focus:
            self.input.focus()

    def close(self) -> None:
        self.remove_class("-active")
        self.input.value = ""
        self.show_error(None)

    def show_error(self, message: str | None) -> None:
        """A message under the box (the query could not be read), or none."""
        if (message or "") == self._error:
            return  # an update of the line asks for a layout of the whole screen
        self._error = message or ""
        self.query_one("#search-error", Static).update(Content(self._error))
        self.set_class(bool(message), "-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_clear(self) -> None:
        self.post_message(self.Cleared())
