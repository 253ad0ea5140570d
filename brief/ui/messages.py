"""The messages the app's widgets and screens send one another, in one place (as Toolong and Harlequin keep theirs).

Each is a small record handled with ``@on(...)`` by its owner: the main screen handles what a panel's enter
asks for. A module without the screens, so any widget can post them without importing one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from brief.pipeline.index.reader import DealRow, EntityRow, FigureRow, QuoteRow


class EntityChosen(Message):
    """Enter on a person or company in a panel: its profile opens."""

    def __init__(self, row: EntityRow) -> None:
        super().__init__()
        self.row = row
        self.entity_id = row.slug


class FigureChosen(Message):
    """Enter on a figure: its article opens scrolled to it."""

    def __init__(self, row: FigureRow) -> None:
        super().__init__()
        self.row = row
        self.article_id = row.article_id


class QuoteChosen(Message):
    """Enter on a quote: its article opens at it."""

    def __init__(self, row: QuoteRow) -> None:
        super().__init__()
        self.row = row


class DealChosen(Message):
    """Enter on a deal: its article opens at the deal."""

    def __init__(self, row: DealRow) -> None:
        super().__init__()
        self.row = row
