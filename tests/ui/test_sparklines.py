"""Sparklines of mentions per day (issue 19): on each People and Companies row, and in the profile.

On a real index of invented articles over eight days (timeline_corpus.py): Mira Castell is named more each day,
Oren Vasquez less.
"""

from __future__ import annotations

from textual.widgets import Sparkline
from timeline_corpus import DAYS, DAYS_COUNT, FADING, RISING
from ui_corpus import indexed
from ui_helpers import screen_text, until_indexed, widget_text

from brief.ui.app import make_app
from brief.ui.sparkline import BLOCKS, buckets, sparkline
from brief.ui.widgets.panels import Panel

SIZE = (120, 40)


def _app(tmp_path):  # noqa: ANN001, ANN202
    folder, cache, _ = indexed(tmp_path, DAYS)
    return make_app([folder], cache_dir=cache)


def _bars(line: str) -> str:
    """The sparkline at the end of a panel's name line."""
    return "".join(c for c in line.rstrip(" │▎▊▐▌┃") if c in BLOCKS)


def test_a_sparkline_scales_each_row_to_its_busiest_day_and_keeps_quiet_days_visible() -> None:
    assert sparkline((0, 1, 2, 4), 10) == "▁▃▅█"
    assert sparkline((3, 0), 10) == "█▁"
    assert sparkline((0, 0, 0), 10) == ""  # never named on a dated day
    assert sparkline((5,), 10) == ""  # one day says nothing of a trend


def test_more_days_than_cells_are_summed_into_runs_that_end_on_the_last_day() -> None:
    assert buckets([1] * 10, 4) == [1, 3, 3, 3]  # runs of three from the end; the first holds what is left
    assert len(sparkline(list(range(365)), 14)) <= 14
    assert sparkline(list(range(365)), 14)[-1] == "█"


async def test_people_rows_show_who_rises_and_who_fades(tmp_path) -> None:  # noqa: ANN001
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        people = screen.query_one("#people", Panel)
        rows = {row.name: row for row in people.rows_loaded()}
        assert len(rows["Mira Castell"].per_day) == DAYS_COUNT
        assert rows["Mira Castell"].per_day == tuple(n + (1 if n else 0) for n in RISING)
        text = widget_text(app, people).splitlines()
        mira = _bars(next(line for line in text if "Mira Castell" in line))
        oren = _bars(next(line for line in text if "Oren Vasquez" in line))
        assert len(mira) == len(oren) == DAYS_COUNT  # one bar a day, the same days on both rows
        assert mira[0] == "▁" and mira[-1] == "█" and list(mira) == sorted(mira)
        assert oren[0] == "█" and oren[-1] == "▁" and list(oren) == sorted(oren, reverse=True)
        assert FADING[-1] == 0
        companies = widget_text(app, screen.query_one("#companies", Panel))
        assert any(_bars(line) for line in companies.splitlines())


async def test_the_profile_draws_mentions_per_day_with_the_days_it_covers(tmp_path) -> None:  # noqa: ANN001
    app = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        people = screen.query_one("#people", Panel)
        people.focus()
        people.select_entity(next(r.slug for r in people.rows_loaded() if r.name == "Mira Castell"))
        await pilot.press("enter")
        await pilot.pause()
        profile = app.screen
        assert "Mentions per day, 1 May 2024 – 8 May 2024" in screen_text(app)
        bars = profile.query_one("#profile-sparkline", Sparkline)
        assert bars.display and bars.data is not None
        assert bars.data[0] == 0 and bars.data[-1] == max(bars.data)  # rising, drawn over the eight days


def test_sparklines_in_the_panels(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=until_indexed_pilot, terminal_size=SIZE)


def test_sparkline_in_the_profile(snap_compare, tmp_path) -> None:
    async def open_profile(pilot) -> None:  # noqa: ANN001
        screen = await until_indexed(pilot.app, pilot)
        screen.query_one("#people", Panel).focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), run_before=open_profile, terminal_size=SIZE)


async def until_indexed_pilot(pilot) -> None:  # noqa: ANN001
    await until_indexed(pilot.app, pilot)
