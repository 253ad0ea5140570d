"""The review screen: the names brief is unsure of, most mentioned first, each fixed where it stands.

Opened with ``R`` on the main screen or from the command palette. The list comes from the pipeline
(``Library.unsure``, ``brief.pipeline.index.review``): entities whose mentions disagree on their type
or whose type rests on weak evidence. ``w`` opens the reader's fix dialog on the highlighted row;
once the fix is applied the list is read again with the cursor where it was, so the next name is
under it and a new corpus is cleaned in one pass. ``enter`` opens the profile, ``u`` undoes the last fix. The fixes
and the profile are the main screen's: asked for through ``brief.ui.messages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from brief.paths import styles_dir
from brief.ui import messages
from brief.ui.format import plural, safe
from brief.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from textual.widget import Widget

    from brief.pipeline.index.review import Unsure
    from brief.ui.source import Source

REASONS = {"types disagree": "its mentions disagree on its type",
           "weak evidence": "only the model typed it, confidence {confidence:.2f}"}
"""How each rule of ``brief.pipeline.index.review.RULES`` reads on a row."""
SHOWN = 500
"""Rows read at most: a corpus's first review starts at the top."""


def row_prompt(entry: Unsure) -> Content:
    """"Velmora: person 28 · organization 2, 19 articles", then why it is listed, muted."""
    why = " · ".join(REASONS.get(r, r).format(confidence=entry.confidence) for r in entry.reasons)
    return Content.assemble((safe(entry.summary()), "bold"), "\n", (f"  {entry.type} now: {why}", "$text-muted"))


class ReviewScreen(Screen[None]):
    """The entities to review, each with the ``w`` fixes."""

    CSS_PATH = styles_dir() / "review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="review.back"),
        Binding("w", "why", "Why / fix", id="review.why"),
        Binding("enter", "profile", "Profile", id="review.profile"),
        Binding("u", "undo", "Undo last fix", id="review.undo"),
    ]

    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source
        self.entries: list[Unsure] = []

    def compose(self) -> ComposeResult:
        yield Static("Reading the names brief is unsure of…", id="review-head")
        yield OptionList(id="review-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="review")
    def reload(self) -> None:
        """Read the list again off the event loop (a grouped pass over the mentions), then show it."""
        self.app.call_from_thread(self._show, self.source.unsure(SHOWN))

    def _show(self, found: list[Unsure]) -> None:
        listing = self.query_one(OptionList)
        at = listing.highlighted or 0
        self.entries = found
        listing.clear_options()
        listing.add_options([Option(row_prompt(e), id=e.slug) for e in found])
        if found:
            listing.highlighted = min(at, len(found) - 1)
        head = self.query_one("#review-head", Static)
        if found:
            head.update(Content.assemble(
                (f"{plural(len(found), 'name')} brief is unsure of", "bold"),
                ("  most mentioned first · w fixes one, and the next comes under the cursor", "$text-muted")))
        else:
            head.update(Content("Nothing to review: every name's mentions agree on its type, on good evidence."))

    def _current(self) -> Unsure | None:
        at = self.query_one(OptionList).highlighted
        return self.entries[at] if at is not None and at < len(self.entries) else None

    def action_back(self) -> None:
        self.dismiss()

    def action_why(self) -> None:
        entry = self._current()
        if entry is None:
            self.notify("Nothing to fix here.", timeout=3)
            return
        self.post_message(messages.WhyAsked(entry.slug, done=self.reload))

    def action_undo(self) -> None:
        self.post_message(messages.UndoAsked(done=self.reload))

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_profile()

    def action_profile(self) -> None:
        entry = self._current()
        if entry is not None:
            self.post_message(messages.ProfileAsked(entry.slug))


def open_review(owner: Widget, source: Source | None) -> None:
    """``R`` and the palette: the review screen over ``owner`` (the main screen)."""
    if source is None:
        owner.notify("The articles are still loading.", timeout=3)
        return
    owner.app.push_screen(ReviewScreen(source))
