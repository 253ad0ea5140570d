"""The messages the app's widgets and screens send one another, in one place (as Toolong and Harlequin keep theirs).

Each is a small record handled with ``@on(...)`` by its owner: the main screen handles what a panel's enter
asks for. A module without the screens, so any widget can post them without importing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from brief.pipeline.index.profile import Evidence
    from brief.pipeline.index.reader import DealRow, EntityRow, FigureRow, QuoteRow


class EntityChosen(Message):
    """Enter on a person or company in a panel: its profile opens."""

    def __init__(self, row: EntityRow) -> None:
        super().__init__()
        self.row = row


class FigureChosen(Message):
    """Enter on a figure: its article opens scrolled to it."""

    def __init__(self, row: FigureRow) -> None:
        super().__init__()
        self.row = row


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


# --- what any screen asks of the main screen, which holds the corpus ---------------------------------------------
# Posted by whichever screen the key was pressed on: from the main screen they reach it directly, from a screen
# over it (a profile, the review screen, a dialog) they bubble to the app, which hands them to the main screen.


class WhyAsked(Message):
    """``w`` on an entity: the why-and-fix dialog on it. ``at`` = (article id, field, offset) of the mention the
    reader marks; ``done`` is called once a fix is applied (the screen that asked reads itself again)."""

    def __init__(self, slug: str, at: tuple[int, str, int] | None = None,
                 done: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.slug = slug
        self.at = at
        self.done = done


class UndoAsked(Message):
    """``u``: undo the last fix made for the corpus; ``done`` is called once it is undone."""

    def __init__(self, done: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.done = done


class EvidenceChosen(Message):
    """Enter on a relation's evidence: back to the main screen, the article open at the evidence."""

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence


class ProfileAsked(Message):
    """Enter on a name (the review screen, the palette) or ``p`` on a profile's name: that entity's profile."""

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug


class AcrossAsked(Message):
    """``x`` on a figure (or, with ``deal``, a deal): how the other articles report it."""

    def __init__(self, key: int, deal: bool = False) -> None:
        super().__init__()
        self.key = key
        self.deal = deal


class FilterAsked(Message):
    """``f`` on a profile: back to the main screen, its articles listed and its mentions marked."""

    def __init__(self, row: EntityRow) -> None:
        super().__init__()
        self.row = row


class ReviewAsked(Message):
    """The palette's "review": the names brief is unsure of."""
