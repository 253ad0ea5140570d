"""No traps: ``w``, ``x`` and ``f`` act on what the reader marks as current if the reader moved last,
else on the focused row; a search hit inside a name is that name; a key that cannot act says why.

A real index of invented articles (ui_corpus.py); the names are the ones its extractor finds.
"""

from __future__ import annotations

from ui_helpers import until_indexed

from brief.ui.screens.main import MainScreen
from brief.ui.screens.profile import AcrossScreen
from brief.ui.screens.why import WhyScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)


def _text(reader: Reader) -> str:
    current = reader.current
    assert current is not None
    return reader.document.blocks[current.block].text[current.start:current.end]


async def _move_to(pilot, reader: Reader, wanted) -> None:  # noqa: ANN001
    """Press n until the reader's current highlight is what ``wanted(reader)`` accepts."""
    for _ in range(40):
        await pilot.press("n")
        if reader.current is not None and wanted(reader):
            return
    raise AssertionError("n never reached the wanted highlight")


def _title(app) -> str:  # noqa: ANN001
    assert isinstance(app.screen, WhyScreen), app.screen
    return str(app.screen.query_one("#dialog").border_title)


def _notes(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications]


async def _name_in_reader_people_focused(pilot, screen):  # noqa: ANN001, ANN202
    """n to a person other than the People panel's top row, then the People panel focused (its cursor on top)."""
    reader = screen.query_one(Reader)
    people = screen.query_one("#people", Panel)
    top = people.highlighted_row
    assert top is not None
    await _move_to(pilot, reader, lambda r: r.current.kind == "person" and r.current.key != top.slug)
    people.focus()
    await pilot.pause()
    return reader, people, top


async def test_w_opens_on_the_name_current_in_the_reader_when_the_reader_moved_last(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        reader, people, top = await _name_in_reader_people_focused(pilot, screen)
        name = _text(reader)
        await pilot.press("w")
        await pilot.pause()
        assert name in _title(app) and top.name not in _title(app)
        await pilot.press("escape")
        await pilot.pause()
        # now the panel moves last: w is about its row
        await pilot.press("down")
        row = people.highlighted_row
        assert row is not None
        await pilot.press("w")
        await pilot.pause()
        assert row.name in _title(app)


async def test_f_follows_the_same_rule(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        reader, _people, _top = await _name_in_reader_people_focused(pilot, screen)
        slug = reader.current.key
        await pilot.press("f")
        await pilot.pause()
        assert screen.marked is not None and screen.marked.slug == slug


async def test_w_on_a_search_hit_inside_a_name_is_that_name(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        reader = screen.query_one(Reader)
        await pilot.press("slash", *"Okafor", "enter")
        await pilot.pause()
        assert reader.current is not None and reader.current.kind == "match"
        await pilot.press("w")
        await pilot.pause()
        assert "Ada Okafor" in _title(app)


async def test_x_on_the_readers_current_figure_with_the_list_focused(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        reader = screen.query_one(Reader)
        await _move_to(pilot, reader, lambda r: r.current.kind == "figure")
        screen.query_one(ArticleList).focus()
        await pilot.pause()
        await pilot.press("x")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, AcrossScreen):
                break
        assert isinstance(app.screen, AcrossScreen)


async def test_keys_that_cannot_act_say_why(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert isinstance(screen, MainScreen)
        screen.query_one(ArticleList).focus()
        assert screen.query_one(Reader).current is None
        for key in ("w", "x", "f"):
            before = len(_notes(app))
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
            assert len(_notes(app)) == before + 1, f"{key} did nothing and said nothing"
        # a figure is current: w and f say that they want a name
        reader = screen.query_one(Reader)
        await _move_to(pilot, reader, lambda r: r.current.kind == "figure")
        for key in ("w", "f"):
            before = len(_notes(app))
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen and len(_notes(app)) == before + 1, key
            assert "name" in _notes(app)[-1]


async def test_z_gives_the_reader_the_whole_width_and_back(news) -> None:  # noqa: ANN001
    app = news.app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await until_indexed(app, pilot)
        reader = screen.query_one(Reader)
        narrow = reader.size.width
        assert narrow < 40  # the list and the panels take the rest
        await pilot.press("z")
        await pilot.pause()
        assert reader.size.width >= 70 and reader.has_focus
        assert not screen.query_one("#people", Panel).display or not screen.query_one("#side").display
        await pilot.press("z")
        await pilot.pause()
        assert reader.size.width == narrow
        assert screen.query_one("#people", Panel).region.width > 0


async def test_a_first_index_says_it_is_reading_and_counts_files_as_they_are_read(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """On a first index the header said "indexing 0 / 181" until the first batch of 200 landed, while the
    list and the reader said "No articles were found"."""
    import time

    from invented import write_corpus
    from ui_helpers import screen_text

    from brief.pipeline import analysis as analysis_module
    from brief.ui.app import make_app

    count = 20  # analysed in this process, one batch
    folder = write_corpus(tmp_path / "news", count)
    real = analysis_module.analyse_parsed
    monkeypatch.setattr(analysis_module, "analyse_parsed", lambda *args: time.sleep(0.08) or real(*args))
    app = make_app([folder], cache_dir=tmp_path / "cache")
    counts: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for _ in range(400):
            if screen.up_to_date:
                break
            text = screen_text(app)
            assert "No articles were found" not in text, text
            if not screen.query_one(ArticleList).count:
                assert "Reading articles" in text, text
            if f"/ {count}" in screen.sub_title:
                counts.append(int(screen.sub_title.split(f" / {count}")[0].split()[-1].replace(",", "")))
            await pilot.pause(0.05)
        await until_indexed(app, pilot)
        assert screen.query_one(ArticleList).count == count
    assert any(0 < n < count for n in counts), counts  # counted as files are read, not when the batch lands


async def test_other_keys_that_cannot_act_say_why(news) -> None:  # noqa: ANN001
    """s with no file skipped, and x and p on a profile row that is no figure, deal or other entity."""
    from brief.ui.screens.profile import ProfileScreen

    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert not screen.skipped
        before = len(_notes(app))
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is screen and len(_notes(app)) == before + 1
        people = screen.query_one("#people", Panel)
        people.focus()
        await pilot.press("enter")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        item = profile._item()
        assert item is None or (item.figure_id is None and item.deal_id is None and item.entity is None)
        for key in ("x", "p"):
            before = len(_notes(app))
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is profile and len(_notes(app)) == before + 1, key
