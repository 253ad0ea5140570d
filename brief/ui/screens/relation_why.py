"""Why brief states a relation (``w`` on a role, a deal or a quote of a profile).

The dialog says what brief read and why: the relation in a line ("Jane Roe, CEO of Velmora"), the
rule entry that made it (its name and what it reads), the passage of the article it was read in with
the parties marked, and the article's title; enter opens the article at the evidence. What it shows
comes from the index (``brief.pipeline.index.relation_why``); the article's words are data, drawn
as ``Content``, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from brief.paths import styles_dir
from brief.ui import messages
from brief.ui.format import safe

if TYPE_CHECKING:
    from brief.pipeline.index.profile import Evidence, Item
    from brief.pipeline.index.relation_why import RelationWhy
    from brief.ui.source import Source

TITLES = {"affiliation": "Why brief states this role", "deal": "Why brief names this deal",
          "quote": "Why brief gives this quote to its speaker"}


class Passage(Widget):
    """The words a relation was read in, its parties marked as the reader marks names, figures and quotes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"passage--person", "passage--organization", "passage--figure",
                                              "passage--quote", "passage--other"}
    DEFAULT_CSS = """
    Passage { height: auto; }
    """

    def __init__(self, why: RelationWhy, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.why = why

    def render(self) -> Content:
        content = Content(safe(self.why.passage))
        for mark in self.why.marks:
            kind = mark.kind if f"passage--{mark.kind}" in self.COMPONENT_CLASSES else "other"
            content = content.stylize(self.get_visual_style(f"passage--{kind}"), mark.start, mark.end)
        return content


class RelationWhyScreen(ModalScreen[None]):
    """What brief read and why, for one affiliation, deal or quote; enter opens the article at the evidence."""

    CSS_PATH = styles_dir() / "relation_why.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,w", "dismiss", "Close", id="relation_why.close"),
        Binding("enter", "open", "Open the article", id="relation_why.open"),
    ]

    def __init__(self, why: RelationWhy, evidence: Evidence | None) -> None:
        super().__init__()
        self.why = why
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        why = self.why
        with Vertical(id="dialog") as dialog:
            dialog.border_title = TITLES[why.relation]
            dialog.border_subtitle = "enter opens the article there · escape closes"
            yield Static(Content(safe(why.text)), id="relation-text")
            rule = Content.assemble(("Rule ", "$text-muted"), (safe(why.rule or "none named"), "bold"))
            yield Static(rule, id="relation-rule")
            yield Static(Content(safe(why.says or "This rule does not say what it reads.")), id="relation-says")
            with VerticalScroll(id="relation-evidence"):
                yield Passage(why, id="relation-passage")
            yield Static(Content.assemble(("Read in ", "$text-muted"), (safe(why.title), "italic")),
                         id="relation-title")

    def action_open(self) -> None:
        if self.evidence is not None:  # the main screen opens it (the message reaches it through the app)
            self.post_message(messages.EvidenceChosen(self.evidence))


RELATIONS = (("affiliation", "affiliation_id"), ("deal", "deal_id"), ("quote", "quote_id"))
"""The profile rows that are relations: the relation and the ``Item`` field holding its rowid."""


def relation_of(item: Item | None) -> tuple[str, int] | None:
    """(relation, rowid) of a profile row that is an affiliation, a deal or a quote, else None."""
    if item is None:
        return None
    return next(((kind, getattr(item, field)) for kind, field in RELATIONS if getattr(item, field) is not None),
                None)


def explain_relation(host: Widget, source: Source | None, item: Item) -> None:
    """Open the dialog on the relation ``item`` is (a role, a deal, a quote of a profile)."""
    found = relation_of(item)
    if found is not None:
        show_relation_why(host, source, found[0], found[1], item.evidence)


def show_relation_why(host: Widget, source: Source | None, relation: str, rowid: int,
                      evidence: Evidence | None) -> None:
    """Open the dialog (over ``host``'s app) on the affiliation, deal or quote of this rowid; enter opens
    ``evidence``."""
    why = None if source is None else source.relation_why(relation, rowid)  # type: ignore[arg-type]
    if why is None:
        host.notify("This relation is not in the index.", timeout=3)
        return
    host.app.push_screen(RelationWhyScreen(why, evidence))
