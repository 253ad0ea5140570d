"""The side panels follow the view (issue 18, item 1): the list's search, the open article with ``v``, or all.

On a real index of invented articles (ui_corpus.py): "deal.md" names Northwind Motors, Quillfeather Robotics,
Harbor Bank, Ada Okafor and Lena Marsh; "reasons.md" Tom Reyes and Pike Mutual; "bank.md" Harbor Bank and Tom Reyes.
"""

from __future__ import annotations

from ui_helpers import screen_text, until_indexed

from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 50)


def _names(app, panel_id: str) -> list[str]:  # noqa: ANN001
    return [r.name for r in app.screen.query_one(f"#{panel_id}", Panel).rows_loaded()]


async def _settled(pilot) -> None:  # noqa: ANN001
    """After the panels' rows are read (in a worker) and shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _press(pilot, *keys: str) -> None:  # noqa: ANN001
    await pilot.press(*keys)
    await _settled(pilot)


async def _search(pilot, text: str) -> None:  # noqa: ANN001
    await _press(pilot, "slash", "ctrl+u", *text, "enter")


async def test_a_search_scopes_the_panels_to_its_articles(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        people = app.screen.query_one("#people", Panel)
        assert people.border_title == "People · all · 3"
        await _search(pilot, "org:Pike")  # only "reasons.md"
        assert _names(app, "people") == ["Ada Okafor", "Tom Reyes"]
        assert people.border_title == "People · search · 2"
        assert _names(app, "companies") == ["Quillfeather Robotics", "Pike Mutual"]
        figures = app.screen.query_one("#figures", Panel)
        assert [r.figure.text for r in figures.rows_loaded()] == ["40%"]
        assert "Figures · search · 1" in screen_text(app)
        # counted in the search's articles, not in the corpus
        tom = next(r for r in people.rows_loaded() if r.name == "Tom Reyes")
        assert (tom.mentions, tom.articles) == (1, 1)
        await _press(pilot, "escape")
        assert people.border_title == "People · all · 3"


async def test_v_shows_only_the_open_article_then_the_whole_corpus(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await _search(pilot, "Harbor")  # deal.md and bank.md
        people = app.screen.query_one("#people", Panel)
        companies = app.screen.query_one("#companies", Panel)
        assert companies.border_title == "Companies · search · 3"  # not Pike Mutual
        await _press(pilot, "v")
        assert app.screen.view == "article"
        article = app.screen.source.article(app.screen._open_id)
        assert article.title.startswith("Northwind Motors to buy")  # the newest match is open
        assert sorted(_names(app, "people")) == ["Ada Okafor", "Lena Marsh"]
        assert people.border_title == "People · this article · 2"
        assert app.screen.query_one("#deals", Panel).border_title == "Deals · this article · 1"
        # the scope follows the article opened
        await _press(pilot, "down")
        assert _names(app, "people") == ["Tom Reyes"]
        assert people.border_title == "People · this article · 1"
        await _press(pilot, "v")
        assert app.screen.view == "all"
        assert companies.border_title == "Companies · all · 4"  # while the search still filters the list
        assert "Pike Mutual" in _names(app, "companies")
        await _press(pilot, "v")
        assert companies.border_title == "Companies · search · 3"


async def test_the_deals_panel_opens_the_article_at_the_deal(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await _search(pilot, "reserves")  # reasons.md: no deal there
        deals = app.screen.query_one("#deals", Panel)
        assert deals.count == 0
        await _press(pilot, "escape")
        rows = deals.rows_loaded()
        assert [(r.buyer, r.kind, r.target, r.amount) for r in rows] == [
            ("Northwind Motors", "acquisition", "Quillfeather Robotics", "$2.4 billion")]
        assert "Northwind Motors → acquisition" in screen_text(app)  # the line is cut to the panel
        deals.focus()
        await _press(pilot, "enter")
        reader = app.screen.query_one(Reader)
        current = reader.current
        assert current is not None and current.kind == "figure"
        block = reader.document.blocks[current.block].text
        assert block[current.start:current.end] == "$2.4 billion"
        quotes = app.screen.query_one("#quotes", Panel)
        assert quotes.border_title.startswith("Quotes · all · ")


async def _export_to(app, pilot, path) -> None:  # noqa: ANN001
    from textual.widgets import Input

    from brief.ui.screens.export import ExportScreen

    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    app.screen.query_one(Input).value = str(path)
    await _press(pilot, "enter")


async def test_e_exports_what_the_panels_show(news, tmp_path) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await _search(pilot, "org:Pike")
        await pilot.press("e")
        await pilot.pause()
        assert "The 1 article of the search org:Pike" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await _export_to(app, pilot, tmp_path / "search.md")
        text = (tmp_path / "search.md").read_text(encoding="utf-8")
        assert "· 1 article" in text and "Why Quillfeather said yes" in text and "Lena Marsh" not in text
        await _press(pilot, "escape")  # every article in the list, the same one open; it alone with v
        await _press(pilot, "down")
        await _press(pilot, "v")
        await _export_to(app, pilot, tmp_path / "article.md")
        text = (tmp_path / "article.md").read_text(encoding="utf-8")
        assert "· 1 article" in text and "A quiet year at Harbor Bank" in text and "Quillfeather" not in text
        await _press(pilot, "v")
        await _export_to(app, pilot, tmp_path / "all.md")
        assert "· 3 articles" in (tmp_path / "all.md").read_text(encoding="utf-8")


async def test_panels_that_follow_a_search_do_not_take_w_from_the_reader(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        people = app.screen.query_one("#people", Panel)
        people.focus()
        people.select_entity(news.slug("Tom Reyes"))
        await _press(pilot, "f")  # a search: the panels are read again, their cursors on the first rows
        await _press(pilot, "n")
        await _press(pilot, "v", "v", "v")  # and again, through every view
        assert app.screen.target().what.endswith("in the reader")
