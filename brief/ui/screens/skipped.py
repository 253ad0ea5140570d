"""The files brief could not read, and why (``s``): every one, however many."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from brief.paths import styles_dir
from brief.pipeline.text import one_line
from brief.ui.format import plural
from brief.ui.widgets.navlist import NavList


class SkippedList(NavList[tuple[str, str]]):
    """One row per skipped file: its path, then the reason."""

    ROW_LINES: ClassVar[int] = 2

    def __init__(self, skipped: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.skipped = list(skipped)
        self.message = "No file was skipped."

    def fetch_count(self) -> int:
        return len(self.skipped)

    def fetch(self, offset: int, limit: int) -> list[tuple[str, str]]:
        return self.skipped[offset:offset + limit]

    def row_lines(self, row: tuple[str, str], index: int, width: int) -> list[Content]:
        path, reason = row
        return [Content(one_line(path)).stylize("bold"), Content(one_line(reason)).stylize("$text-muted")]

    def on_mount(self) -> None:
        self.reload(keep=False)


class SkippedScreen(ModalScreen[None]):
    """The files that could not be read, and why (``s``)."""

    CSS_PATH = styles_dir() / "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,s", "dismiss", "Close", id="skipped.close"),
    ]

    def __init__(self, skipped: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.skipped = list(skipped)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"{plural(len(self.skipped), 'file')} skipped"
            dialog.border_subtitle = "escape to close"
            yield SkippedList(self.skipped, id="skipped")
