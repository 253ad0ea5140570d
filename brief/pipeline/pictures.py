"""The HTML briefing's timeline and its figures across sources, laid out at export time as plain shapes.

Each function returns numbers and strings only (coordinates, counts, labels): the template draws them as
inline SVG, escaping every label as it does all text, so no script and no layout engine is needed to read
the picture, and a printed page shows it as the screen does.

- ``timeline``: articles, the deals and the figures they report, counted per day, week or month (whichever
  keeps the axis under ``MOST_BINS`` bins), one lane each on one time axis; readable with 3 articles and
  with 3,000.
- ``figure_chart``: the values sources give for one subject, one bar per value on one scale from zero, each
  labelled with the sources giving it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from brief.pipeline.dates import MONTHS, day_of, shown_date
from brief.pipeline.text import one_line

if TYPE_CHECKING:
    from brief.models import Article, Briefing

MOST_BINS = 80
"""Bins on the time axis at most: a day each while the span allows, else a week, a month, a year."""
UNITS = (("day", 1), ("week", 7), ("month", 31), ("year", 366))
"""(unit, its longest length in days), finest first."""
LISTED = 6
"""Items named in a bar's hover text; the rest are counted."""
WIDTH, LEFT, LANE, GAP, TOP, AXIS = 960, 90, 56, 16, 14, 34
"""The timeline's width, its lane-name column, a lane's height, the space between lanes and above them, the
axis's height below, in SVG units."""
COUNTED = 18
"""A bar's count is written above it when bins are this wide, or when its neighbours are empty."""


def _floor(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next(day: date, unit: str) -> date:
    if unit == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    if unit == "year":
        return date(day.year + 1, 1, 1)
    return day + timedelta(days=7 if unit == "week" else 1)


def _unit(first: date, last: date) -> str:
    span = (last - first).days + 1
    return next((unit for unit, days in UNITS if span / days <= MOST_BINS), "year")


def _label(day: date, unit: str, with_year: bool) -> str:
    if unit == "year":
        return str(day.year)
    text = MONTHS[day.month - 1] if unit == "month" else f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


@dataclass
class _Bin:
    start: date
    articles: list[tuple[int, str, str]] = field(default_factory=list)  # (number, title, article id)
    deals: list[tuple[str, str]] = field(default_factory=list)  # (what, article id)
    figures: list[tuple[str, str]] = field(default_factory=list)


def _said(items: Sequence[str], count: int, what: str, when: str) -> str:
    shown = list(items[:LISTED]) + ([f"and {count - LISTED} more"] if count > LISTED else [])
    return f"{when}: {count} {what}" + (" — " + "; ".join(shown) if shown else "")


def timeline(briefing: Briefing, numbers: dict[str, int], deal_text: Callable[[Article], list[str]],
             link: Callable[[str], str]) -> dict[str, Any] | None:
    """The timeline's shapes: lanes of bars per bin, ticks, and how many articles have no date; None when no
    article has one. ``deal_text`` names an article's deals ("Quorvex acquired Velmora, $1.2B"), ``link`` is the
    href of an article id."""
    dated = [(d, a) for a in briefing.articles if (d := day_of(a.published)) is not None]
    if not dated:
        return None
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    unit = _unit(first, last)
    bins: list[_Bin] = []
    at: dict[date, _Bin] = {}
    day = _floor(first, unit)
    while day <= last:
        at[day] = _Bin(day)
        bins.append(at[day])
        day = _next(day, unit)
    for d, a in sorted(dated, key=lambda da: (da[0], numbers[da[1].id])):
        b = at[_floor(d, unit)]
        b.articles.append((numbers[a.id], one_line(a.title), a.id))
        if a.duplicate_of:  # a copy of a story reports no new deal or figure
            continue
        b.deals += [(text, a.id) for text in deal_text(a)]
        b.figures += [(one_line(f"{f.text} ({f.about})" if f.about else f.text), a.id) for f in a.figures]
    plot = WIDTH - LEFT - 10
    step = plot / len(bins)
    bar = min(step * 0.8, 48.0)
    lanes = []
    for i, (name, what, items) in enumerate((
            ("Articles", "articles", lambda b: [(f"[{n}] {t}", aid) for n, t, aid in b.articles]),
            ("Deals", "deals reported", lambda b: b.deals), ("Figures", "figures", lambda b: b.figures))):
        top = TOP + i * (LANE + GAP)
        most = max(len(items(b)) for b in bins) or 1
        bars = []
        for j, b in enumerate(bins):
            found = items(b)
            if not found:
                continue
            alone = all(not items(bins[k]) for k in (j - 1, j + 1) if 0 <= k < len(bins))
            h = max(2.0, LANE * len(found) / most)
            when = _when(b.start, unit)
            bars.append({"x": round(LEFT + j * step + (step - bar) / 2, 1), "y": round(top + LANE - h, 1),
                         "w": round(bar, 1), "h": round(h, 1), "count": len(found),
                         "counted": step >= COUNTED or alone,
                         "label_x": round(LEFT + j * step + step / 2, 1), "label_y": round(top + LANE - h - 3, 1),
                         "title": _said([text for text, _ in found], len(found), what, when),
                         "href": link(found[0][1])})
        lanes.append({"name": name, "y": top, "mid": top + LANE / 2, "base": top + LANE, "bars": bars,
                      "total": sum(len(items(b)) for b in bins), "kind": what.split()[0]})
    return {"width": WIDTH, "height": TOP + 3 * LANE + 2 * GAP + AXIS, "left": LEFT, "right": WIDTH - 10,
            "axis": TOP + 3 * LANE + 2 * GAP + 4, "lanes": lanes, "unit": unit,
            "ticks": _ticks(bins, unit, step), "undated": len(briefing.articles) - len(dated),
            "first": shown_date(first.isoformat()), "last": shown_date(last.isoformat())}


def _when(start: date, unit: str) -> str:
    if unit == "day":
        return shown_date(start.isoformat())
    if unit == "week":
        return f"week of {shown_date(start.isoformat())}"
    return _label(start, unit, True)


NICE_STEPS = {"day": (1, 2, 7, 14), "week": (1, 2, 4, 8, 13, 26), "month": (1, 2, 3, 6, 12), "year": (1, 2, 5, 10)}
"""How many bins apart the axis's labels may be, per unit: at most ``MOST_TICKS`` labels."""
MOST_TICKS = 10


def _ticks(bins: Sequence[_Bin], unit: str, step: float) -> list[dict[str, Any]]:
    every = next((k for k in NICE_STEPS[unit] if len(bins) / k <= MOST_TICKS), math.ceil(len(bins) / MOST_TICKS))
    out = []
    year = None
    for j in range(0, len(bins), every):
        start = bins[j].start
        out.append({"x": round(LEFT + j * step + step / 2, 1), "label": _label(start, unit, start.year != year)})
        year = start.year
    return out


# --- figures across sources --------------------------------------------------------------------------------

ROW, CHART_LEFT, CHART_WIDTH = 24, 300, 760
"""A value's row height, the sources' column, the chart's width, in SVG units."""


@dataclass(frozen=True, slots=True)
class Told:
    """One value as sources give it: its text as first written, its number (and the top of a range), and the
    sources, as (number in Sources, their name) with the link to where each says it."""

    text: str
    value: float
    value_max: float | None
    sources: Sequence[tuple[int, str, str]]  # (number, source name, href)


def figure_chart(told: Sequence[Told], scale_label: Callable[[float], str]) -> dict[str, Any] | None:
    """One bar per value from zero on one scale (negative values to the left of zero), the sources at the left,
    the value as written at the bar's end; None with fewer than two values."""
    if len(told) < 2:
        return None
    ends = [x for t in told for x in (t.value, t.value_max if t.value_max is not None else t.value)]
    lo, hi = min(0.0, *ends), max(0.0, *ends)
    span = (hi - lo) or 1.0
    plot = CHART_WIDTH - CHART_LEFT - 170  # room for the value's text after the longest bar

    def x(v: float) -> float:
        return round(CHART_LEFT + plot * (v - lo) / span, 1)

    rows = []
    for i, t in enumerate(told):
        y = 6 + i * ROW
        top = t.value_max if t.value_max is not None else t.value
        rows.append({"y": y, "mid": y + ROW / 2 - 2, "x": min(x(0), x(t.value)), "w": max(1.0, abs(x(t.value) - x(0))),
                     "range_x": x(t.value), "range_w": round(x(top) - x(t.value), 1) if top != t.value else 0,
                     "end": max(x(0), x(top)) + 6, "text": t.text,
                     "sources": [{"label": f"[{n}] {name}" if name else f"[{n}]", "href": href}
                                 for n, name, href in t.sources]})
    axis = 6 + len(told) * ROW + 2
    return {"width": CHART_WIDTH, "height": axis + 22, "axis": axis, "zero": x(0), "left": x(lo), "right": x(hi),
            "ticks": [{"x": x(v), "label": scale_label(v)} for v in dict.fromkeys((lo, 0.0, hi))], "rows": rows,
            "label_x": CHART_LEFT - 8}


__all__ = ["Told", "figure_chart", "timeline"]
