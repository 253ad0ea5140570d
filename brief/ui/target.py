"""What ``w``, ``x`` and ``f`` act on: one rule for the whole main screen.

The thing the reader marks as current (the name or figure ``n``/``N`` moved to, in reverse video,
"mention 3 of 9") if the reader moved last; else the row under the focused panel's cursor. A
searched word the reader moved to is the name or figure it is part of. A key with nothing it can
act on says why, and what would give it something.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.pipeline.index.reader import EntityRow, FigureRow
    from brief.ui.document import Highlight

NOT_NAMES = frozenset({"figure", "quote", "match"})
"""Highlight kinds that are no entity."""


@dataclass(frozen=True)
class Target:
    """One of: a highlight of the reader (``highlight``), or a panel's row (``row``); ``what`` names it for people."""

    what: str
    highlight: Highlight | None = None
    row: EntityRow | FigureRow | None = None

    @property
    def entity(self) -> str | None:
        """The entity's id, if the target is a person, company or other named thing."""
        if self.highlight is not None:
            return None if self.highlight.kind in NOT_NAMES else self.highlight.key
        return getattr(self.row, "slug", None)

    @property
    def is_figure(self) -> bool:
        if self.highlight is not None:
            return self.highlight.kind == "figure"
        return self.row is not None and hasattr(self.row, "figure")


NOTHING = Target("nothing")

NEEDS = {
    "why": "w explains how a name is typed: move to a name in the reader (n / N) or to a row of People or Companies.",
    "filter": "f lists the articles naming someone: move to a name in the reader (n / N) or to a row of People "
              "or Companies.",
    "across": "x compares a figure across sources: move to a figure in the reader (n / N) or to a row of Figures.",
}
"""What each key needs, said when the target is not of its kind."""


def cannot(key: str, target: Target) -> str:
    """The notice for ``key`` (an action name) when ``target`` is not what it acts on."""
    return f"Nothing to act on. {NEEDS[key]}" if target is NOTHING else f"This is {target.what}. {NEEDS[key]}"
