"""The Quotes panel: who said what, in which article, a page at a time; enter opens the article at the quote.

The rows are the index's (``Library.quote_rows``): newest article first, in the order of each text.
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
    from brief.pipeline.index.reader import QuoteRow


def quote_prompt(row: QuoteRow) -> list[Content]:
    """The speaker (or the words naming them, or "unattributed"), the quote, its article."""
    if row.speaker:
        speaker = Content(safe(row.speaker)).stylize("bold $text-primary")
    elif row.quote.speaker_text:
        speaker = Content(safe(row.quote.speaker_text)).stylize("bold")
    else:
        speaker = Content("unattributed").stylize("$text-muted italic")
    quote = Content(safe(f"“{' '.join(row.quote.text.split())}”")).stylize("italic $text-secondary")
    return [speaker, quote, Content(safe(" ".join(row.article_title.split()))).stylize("$text-muted italic")]


class QuotePanel(_SourcePanel):
    """The quotes of the articles in scope, in article order; each line is cut to fit the panel."""

    ROW_LINES: ClassVar[int] = 3

    class QuoteChosen(Message):
        """Enter on a quote: open its article at it."""

        def __init__(self, row: QuoteRow) -> None:
            super().__init__()
            self.row = row

    def count_in(self, scope: Scope | None) -> int:
        return 0 if self.source is None else self.source.quote_count(scope)

    def rows_in(self, scope: Scope | None, offset: int, limit: int) -> list[QuoteRow]:
        return [] if self.source is None else self.source.quote_rows(offset, limit, scope)

    def row_lines(self, row: QuoteRow, index: int, width: int) -> list[Content]:
        return quote_prompt(row)

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.QuoteChosen(event.row))  # type: ignore[arg-type]
