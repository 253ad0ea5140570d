"""The Deals panel: who did what deal with whom, for how much, in which article; enter opens the article at it.

The rows are the index's (``Library.deal_rows``) for the panels' scope: newest article first, in text order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.content import Content
from textual.message import Message

from brief.ui.format import safe
from brief.ui.widgets.navlist import NavList
from brief.ui.widgets.panels import _SourcePanel

if TYPE_CHECKING:
    from brief.pipeline.index.query import Scope
    from brief.pipeline.index.reader import DealRow

UNNAMED = "?"
"""A side of a deal the text does not name."""


def deal_prompt(row: DealRow) -> list[Content]:
    """From → kind → to; the amount and stake (when stated); the article."""
    parties = Content.assemble((safe(row.buyer or UNNAMED), "bold"), (f" → {row.kind} → ", "$text-muted"),
                               (safe(row.target or UNNAMED), "bold"))
    terms = " · ".join(part for part in (row.amount, f"{row.stake} stake" if row.stake else "") if part)
    amount = Content(safe(terms)).stylize("bold $text-warning") if terms else \
        Content("no amount stated").stylize("$text-muted italic")
    return [parties, amount, Content(safe(" ".join(row.article_title.split()))).stylize("$text-muted italic")]


class DealPanel(_SourcePanel):
    """The deals of the articles in scope."""

    ROW_LINES: ClassVar[int] = 3

    class DealChosen(Message):
        """Enter on a deal: open its article at the deal."""

        def __init__(self, row: DealRow) -> None:
            super().__init__()
            self.row = row

    def count_in(self, scope: Scope | None) -> int:
        return 0 if self.source is None else self.source.deal_count(scope)

    def rows_in(self, scope: Scope | None, offset: int, limit: int) -> list[DealRow]:
        return [] if self.source is None else self.source.deal_rows(offset, limit, scope)

    def row_lines(self, row: DealRow, index: int, width: int) -> list[Content]:
        return deal_prompt(row)

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.DealChosen(event.row))  # type: ignore[arg-type]
