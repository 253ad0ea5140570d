"""A narrow terminal (issue 18, item 4): below 120 columns the side panels are tabs, one panel at the column's
full height, and ``p`` hides them for a wider reader. On a real index of invented articles (ui_corpus.py)."""

from __future__ import annotations

from textual.widgets import Tabs
from ui_corpus import indexed
from ui_helpers import until_indexed, widget_text

from brief.ui.app import make_app
from brief.ui.widgets.panels import PANELS, Panel
from brief.ui.widgets.reader import Reader

NARROW = (80, 24)
WIDE = (160, 50)


def _shown(screen) -> list[str]:  # noqa: ANN001
    return [panel.id for panel in screen.query(Panel) if panel.region.height > 0]


async def test_at_80_columns_one_panel_shows_several_rows_and_tabs_switch_it(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await until_indexed(app, pilot)
        tabs = screen.query_one("#panel-tabs", Tabs)
        assert tabs.region.height > 0
        assert _shown(screen) == ["people"]
        people = screen.query_one("#people", Panel)
        assert people.region.height // people.row_height >= 3  # one row each when the five were stacked
        assert "Lena Marsh" in widget_text(app, people)  # the third person is on screen
        tabs.focus()
        await pilot.press("right")
        await pilot.pause()
        assert _shown(screen) == ["companies"]
        await pilot.press("tab")  # into the panel the tab shows
        assert app.focused is screen.query_one("#companies", Panel)
        await pilot.press("down", "enter")  # its rows work as in a wide screen: the second company's profile
        await pilot.pause()
        assert "Northwind Motors" in app.screen.query_one("#profile-head").render().plain  # type: ignore[union-attr]


async def test_at_a_wide_size_every_panel_is_stacked_without_tabs(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await until_indexed(app, pilot)
        assert screen.query_one("#panel-tabs", Tabs).region.height == 0
        assert _shown(screen) == [spec.id for spec in PANELS]
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert _shown(screen) == ["people"]  # narrowed: tabs
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert len(_shown(screen)) == len(PANELS)


async def test_p_hides_the_side_panels_and_brings_them_back(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=NARROW) as pilot:
        screen = await until_indexed(app, pilot)
        reader = screen.query_one(Reader)
        narrow = reader.size.width
        people = screen.query_one("#people", Panel)
        people.focus()
        await pilot.press("p")
        await pilot.pause()
        assert reader.size.width > narrow + 20 and not _shown(screen)
        assert reader.has_focus  # the focused panel was hidden
        assert "p brings the panels back" in widget_text(app, reader)
        assert screen.query_one("#articles").region.width > 0  # the list stays
        await pilot.press("p")
        await pilot.pause()
        assert reader.size.width == narrow and _shown(screen) == ["people"]


def _app(tmp_path):  # noqa: ANN001, ANN202
    folder, cache, _ = indexed(tmp_path)
    return make_app([folder], cache_dir=cache)


async def _ready(pilot) -> None:  # noqa: ANN001
    await until_indexed(pilot.app, pilot)


def test_narrow_layout_with_tabs(snap_compare, tmp_path) -> None:  # noqa: ANN001
    assert snap_compare(_app(tmp_path), run_before=_ready, terminal_size=NARROW)


def test_narrow_layout_on_the_figures_tab(snap_compare, tmp_path) -> None:  # noqa: ANN001
    async def figures(pilot) -> None:  # noqa: ANN001
        await until_indexed(pilot.app, pilot)
        pilot.app.screen.query_one("#side").show("figures")
        await pilot.pause()

    assert snap_compare(_app(tmp_path), run_before=figures, terminal_size=NARROW)


def test_narrow_layout_without_the_side_panels(snap_compare, tmp_path) -> None:  # noqa: ANN001
    assert snap_compare(_app(tmp_path), run_before=_ready, press=["p"], terminal_size=NARROW)


def test_wide_layout(snap_compare, tmp_path) -> None:  # noqa: ANN001
    assert snap_compare(_app(tmp_path), run_before=_ready, terminal_size=WIDE)
