"""The search box above the article list: a query line and, when it cannot be read, why."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from brief.pipeline.index.query import MAX_TERM_CHARS, MAX_TERMS

PLACEHOLDER = 'words, "a phrase", person:NAME, org:NAME, source:SITE, money>1e9'
MAX_QUERY_CHARS = MAX_TERM_CHARS + 10 * MAX_TERMS
"""The longest text the box takes: the longest term the parser reads, or its hundred terms of ten
characters. Without a limit, a long text typed in (a paste where the terminal has no bracketed
paste) grew the box a key at a time, each key costing more than the last, until the reader hung."""
TOO_LONG = f"a query takes at most {MAX_QUERY_CHARS:,} characters"


class QueryInput(Input):
    """The query line: what goes past ``MAX_QUERY_CHARS`` is cut off and said under the box."""

    class TooLong(Message):
        """A key or a paste went past the limit."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_length=MAX_QUERY_CHARS, **kwargs)  # type: ignore[arg-type]

    def restricted(self) -> None:
        """Said under the box rather than with a bell (one for each key of a long paste)."""
        self.post_message(self.TooLong())

    def _on_paste(self, event: events.Paste) -> None:
        lines = event.text.splitlines()
        start, end = sorted(self.selection)
        room = MAX_QUERY_CHARS - (len(self.value) - (end - start))
        if lines and len(lines[0]) > room:  # Input would refuse it whole: keep what fits
            event.prevent_default()
            event.stop()
            self.replace(lines[0][:max(room, 0)], start, end)
            self.restricted()


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
        box = QueryInput(placeholder=PLACEHOLDER, id="query", select_on_focus=False)
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

    @on(QueryInput.TooLong)
    def _too_long(self, event: QueryInput.TooLong) -> None:
        event.stop()
        self.show_error(TOO_LONG)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_clear(self) -> None:
        self.post_message(self.Cleared())
