"""A long text typed into the search box (a paste in a terminal without bracketed paste) stops at
what a query may hold, instead of growing the box, and the reader with it, without bound."""

from __future__ import annotations

import time

from textual import events
from ui_helpers import until_indexed, widget_text

from brief.pipeline.index.query import MAX_TERMS
from brief.ui.widgets.search import MAX_QUERY_CHARS, SearchBar

SIZE = (120, 40)


def _under_the_box(app, bar) -> str:  # noqa: ANN001
    """The text of the search box and the line under it, as one line (the message wraps)."""
    return " ".join(widget_text(app, bar).split())


async def test_typing_past_the_limit_stops_at_it_and_says_why(news) -> None:  # noqa: ANN001
    assert MAX_QUERY_CHARS >= 10 * MAX_TERMS  # a hundred words of an ordinary length fit
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        bar = app.screen.query_one(SearchBar)
        await pilot.press("slash")
        await pilot.press(*"bank ")
        bar.input.value += "x" * (MAX_QUERY_CHARS - len(bar.input.value) - 3)
        bar.input.cursor_position = len(bar.input.value)
        started = time.monotonic()
        await pilot.press(*"y" * 40)  # keys go on arriving, one character at a time
        await pilot.pause()
        assert len(bar.value) == MAX_QUERY_CHARS and bar.value.endswith("xyyy")
        assert f"at most {MAX_QUERY_CHARS:,} characters" in _under_the_box(app, bar)
        assert time.monotonic() - started < 30  # not a hang (a generous bound, not a benchmark)
        await pilot.press("ctrl+u", *"bank", "enter")  # a short query again: it runs, the message goes
        await pilot.pause()
        assert bar.value == "bank" and "characters" not in _under_the_box(app, bar)


async def test_a_paste_longer_than_a_query_is_cut_to_what_fits(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        bar = app.screen.query_one(SearchBar)
        await pilot.press("slash", *"bank ")
        bar.input.post_message(events.Paste("harbour " * 20_000))  # 160 KB
        await pilot.pause()
        assert len(bar.value) == MAX_QUERY_CHARS and bar.value.startswith("bank harbour harbour")
        assert f"at most {MAX_QUERY_CHARS:,} characters" in _under_the_box(app, bar)
