"""A sparkline as text, for a row of a virtual list (the People and Companies panels).

The panels draw their rows as lines of text (``NavList``: only the rows on screen, from 100,000), where a
widget per row cannot go; Textual's ``Sparkline`` widget, which the profile uses, draws its bars with the same
eighth blocks, so both look alike. A day without a mention is the lowest block, so the axis stays visible.
"""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
"""The bars, from no mention to the most mentions of the row."""


def buckets(series: Sequence[int], cells: int) -> list[int]:
    """``series`` summed into at most ``cells`` runs of equal length, the last run ending on the last day (the
    newest days are never cut in two); the series itself when it fits."""
    if cells <= 0:
        return []
    if len(series) <= cells:
        return list(series)
    size = -(-len(series) // cells)  # days per cell, rounded up
    out = []
    for end in range(len(series), 0, -size):
        out.append(sum(series[max(0, end - size):end]))
    return out[::-1]


def sparkline(series: Sequence[int], cells: int) -> str:
    """``series`` in at most ``cells`` bars, each scaled to the row's busiest cell; "" with nothing to show (no
    mention on a dated day, or a single day: one bar says nothing of a trend)."""
    values = buckets(series, cells)
    top = max(values, default=0)
    if not top or len(values) < 2:
        return ""
    steps = len(BLOCKS) - 1
    return "".join(BLOCKS[-(-value * steps // top)] for value in values)
