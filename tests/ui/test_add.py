"""``a`` adds a folder or a link from inside the reader, and the corpus remembers it; what is new and what was read
are marked again after a restart."""

from __future__ import annotations

from pathlib import Path

from test_watch import DROPPED, FIRST, Feed, row_text, served, titles, until  # noqa: F401 - served: a fixture
from textual.widgets import Input, Label
from ui_helpers import until_indexed

from brief.ui.screens.add import AddScreen
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList

SIZE = (140, 40)
EXTRA = ("---\ntitle: Quorvex Bank names a new treasurer\ndate: 2024-04-03\nsource: The Harbour Post\n---\n\n"
         "Quorvex Bank named John Doe its treasurer on Wednesday, said Jane Roe, a director of Quorvex Bank.\n")


async def add(pilot, text: str) -> AddScreen:  # noqa: ANN001
    """Press a, type ``text`` and enter, as a user does; the dialog (still open when it refused)."""
    await pilot.press("a")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AddScreen)
    dialog.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()
    return dialog


async def test_a_adds_a_folder_and_a_link_and_a_restart_keeps_them(news, served: Feed,  # noqa: F811 - the fixture
                                                                    tmp_path: Path) -> None:
    other = tmp_path / "later"
    other.mkdir()
    (other / "treasurer.md").write_text(EXTRA, encoding="utf-8")
    extra = "Quorvex Bank names a new treasurer"
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        before = titles(app)
        await add(pilot, str(other))
        assert isinstance(app.screen, MainScreen)
        assert await until(pilot, lambda: extra in titles(app)), "the folder added never showed up"
        assert row_text(app, extra).splitlines()[1].startswith("new · ")
        assert await until(pilot, lambda: screen.watching and not screen.indexing)
        (other / "velmora.md").write_text(DROPPED, encoding="utf-8")  # the folder added is watched too
        dropped = "Velmora Shipping opens a terminal in Quorvex"
        assert await until(pilot, lambda: dropped in titles(app)), "a file written into the folder added never showed"
        await add(pilot, served.url)
        assert await until(pilot, lambda: FIRST[0] in titles(app)), "the feed added never showed up"
        assert await until(pilot, lambda: not screen.indexing)
    again = news.app()  # brief FOLDER, as before: what a added comes with it
    async with again.run_test(size=SIZE) as pilot:
        await until_indexed(again, pilot)
        assert sorted(titles(again)) == sorted([*before, extra, dropped, FIRST[0]])


async def test_a_says_in_one_line_what_cannot_be_added(news, tmp_path: Path) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        for typed, said in ((str(tmp_path / "nowhere"), "nowhere: no such file or directory"),
                            ("https://", "is not a web address brief can fetch"),
                            ("ftp://example.invalid/feed", "is not a web address brief can fetch")):
            dialog = await add(pilot, typed)
            assert app.screen is dialog  # still open, to correct it
            said_where = " ".join(str(label.render()) for label in dialog.query(Label))
            assert f"kept with its paths: brief {news.folder} opens it" in said_where.replace("\n", " ")
            problem = str(dialog.query_one("#problem", Label).render())
            assert said in problem.lower() if "no such" in said else said in problem
            assert "\n" not in problem
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_read_and_new_survive_a_restart(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        await pilot.pause(0.2)
        total = screen.query_one(ArticleList).total
        assert " unread" not in screen.sub_title  # all unread: not said
        await pilot.press("down")  # the second article is opened: read
        assert await until(pilot, lambda: f"{total - 1} unread" in screen.sub_title), screen.sub_title
        read = screen.query_one(ArticleList).highlighted_row.title
    (news.folder / "velmora.md").write_text(DROPPED, encoding="utf-8")  # while brief is closed
    again = news.app()
    async with again.run_test(size=SIZE) as pilot:
        screen = await until_indexed(again, pilot)
        title = "Velmora Shipping opens a terminal in Quorvex"
        assert await until(pilot, lambda: "1 new" in screen.sub_title), screen.sub_title
        assert row_text(again, title).splitlines()[1].startswith("new · ")
        assert f"{total} unread" in screen.sub_title  # one more article, the one read still read
        assert not row_text(again, read).splitlines()[1].startswith("new")
        screen.search("unread:no")
        await pilot.pause()
        assert titles(again) == [read]
