"""``a``: add a file, folder, feed, OPML list or web address to the open corpus, from inside the reader.

The dialog only checks what was typed (a path that exists, an address brief can fetch) and says in one line
what is wrong; the main screen remembers it in the corpus and indexes it in the background.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from brief.paths import styles_dir
from brief.pipeline.text import one_line
from brief.ui.format import safe

if TYPE_CHECKING:
    from textual.widget import Widget

    from brief.ui.source import Source

SHOWN_PATHS = 2
"""Paths named when the dialog says which unnamed corpus it adds to."""


def where(source: Source) -> str:
    """Which corpus ``a`` adds to, as the dialog says it: by its name, or by the paths it was opened with."""
    if source.name is not None:
        return f"the corpus {one_line(source.name)} (brief --corpus {one_line(source.name)} opens it)"
    from brief.paths import seeds_dir

    if [Path(p) for p in source.given] == [seeds_dir()]:
        return "the sample articles' corpus: brief (without paths) opens it with what you add"
    given = [one_line(str(p)) for p in source.given]
    named = " ".join(given[:SHOWN_PATHS]) + (" …" if len(given) > SHOWN_PATHS else "")
    return f"this corpus, and kept with its paths: brief {named} opens it with what you add"


def remember(owner: Widget, source: Source, target: str | None) -> bool:
    """Add what the dialog returned to the corpus, remembered, and say so on ``owner`` (the main screen, which
    reads it in the background when this returns True)."""
    if target is None:
        return False
    from brief.pipeline.corpora import CorpusError

    try:
        kept = source.add_paths([target])
    except (CorpusError, OSError) as error:
        owner.notify(safe(str(error)), title="Not added", severity="error", timeout=8, markup=False)
        return False
    owner.notify(safe(f"{one_line(target)}: remembered {kept}"), title="Adding", timeout=4, markup=False)
    return True


def checked(text: str) -> tuple[str | None, str]:
    """What to add (an absolute path, or the address), or None and why not, in one line."""
    from brief.pipeline.sources.targets import InputKind, classify, is_url

    text = text.strip()
    if not text:
        return None, "Type a path or a web address."
    if re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) or text.lower().startswith("www."):
        if is_url(text):
            return text, ""
        return None, f"{one_line(text)} is not a web address brief can fetch: write http:// or https:// and a host."
    path = Path(text).expanduser()
    path = path if path.is_absolute() else Path.cwd() / path
    found = classify(path)
    if found.kind is InputKind.OTHER:
        return None, f"{one_line(text)}: {one_line(found.reason) or 'not an article, a folder, a feed or a list'}."
    return str(path), ""


class AddScreen(ModalScreen[str | None]):
    """Returns what to add (an absolute path or an address), or None."""

    CSS_PATH = [styles_dir() / "export.tcss", styles_dir() / "add.tcss"]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="add.cancel"),
    ]

    def __init__(self, where: str) -> None:
        super().__init__()
        self._where = where
        """Which corpus it joins ("the corpus deals"), as the dialog says it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Add to the corpus"
            yield Label(Content(f"A file, folder, feed, OPML list or web address, read into {self._where}:"))
            yield Input(placeholder="~/news/new.html or https://…", id="target")
            yield Label("", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Add", variant="primary", id="add")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        target, problem = checked(self.query_one(Input).value)
        if target is None:
            self.query_one("#problem", Label).update(Content(problem))
            self.query_one(Input).focus()
            return
        self.dismiss(target)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
