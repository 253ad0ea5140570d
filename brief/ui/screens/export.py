"""Export modals: ask where to write the briefing (Markdown, or HTML for a .html name), and confirm replacing a file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from brief.paths import styles_dir

DEFAULT_NAME = "briefing.md"


class ExportScreen(ModalScreen[Path | None]):
    """Returns the chosen path (relative paths resolve against the current directory), or None."""

    CSS_PATH = styles_dir() / "export.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, default: str = DEFAULT_NAME, what: str = "") -> None:
        super().__init__()
        self._default = default
        self._what = what
        """What will be exported ("The 4 articles of the search org:Acme"): the view, as the panels show it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Export briefing"
            if self._what:
                yield Label(Content(self._what), id="what")
            yield Label("Write to (.md: Markdown; .html: a page for any browser):")
            yield Input(self._default, id="path", select_on_focus=False)
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("As HTML", id="html")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one(Input).focus()
            return
        path = Path(text).expanduser()
        self.dismiss(path if path.is_absolute() else Path.cwd() / path)

    @on(Button.Pressed, "#html")
    def _as_html(self) -> None:
        path = Path(self.query_one(Input).value.strip() or DEFAULT_NAME)
        self.query_one(Input).value = str(path.with_suffix(".html"))
        self._export()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmOverwrite(ModalScreen[bool]):
    """Asks before an existing file is replaced; Cancel has the focus so enter is safe."""

    CSS_PATH = styles_dir() / "export.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Keep the file", id="confirm.no"),
        Binding("y", "answer(True)", "Overwrite", id="confirm.yes"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "File exists"
            yield Label(Content.assemble(str(self.path), " already exists. Overwrite it?"))
            with Horizontal(classes="buttons"):
                yield Button("Overwrite", variant="error", id="overwrite")
                yield Button("Cancel", id="keep")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "overwrite")

    def action_answer(self, overwrite: bool) -> None:
        self.dismiss(overwrite)
