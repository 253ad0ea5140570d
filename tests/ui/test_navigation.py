"""Moving around: j/k and arrows in lists, tab between panes, enter to open (a real index of invented articles)."""

from __future__ import annotations

from ui_helpers import until_indexed

from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)


async def test_first_article_is_open_and_listed(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        articles = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        assert articles.shown_ids == ["deal", "reasons", "bank"]
        assert reader.article_id == "deal"
        assert "Northwind Motors to buy Quillfeather" in reader.visible_text()
        assert app.focused is articles


async def test_j_k_and_arrows_move_in_the_article_list(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.highlighted == 0
        await pilot.press("j")
        assert articles.highlighted == 1
        await pilot.press("down")
        assert articles.highlighted == 2
        await pilot.press("k", "k")
        assert articles.highlighted == 0
        await pilot.press("down", "up")
        assert articles.highlighted == 0


async def test_enter_opens_the_highlighted_article(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("j", "enter")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "reasons"
        assert "Why Quillfeather said yes" in reader.visible_text()


async def test_tab_and_shift_tab_move_between_panes(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        order = []
        for _ in range(7):
            order.append(app.focused.id)
            await pilot.press("tab")
        assert order == ["articles", "reader", "people", "companies", "figures", "quotes", "deals"]
        assert app.focused.id == "articles"  # wraps around
        await pilot.press("shift+tab")
        assert app.focused.id == "deals"
        await pilot.press("shift+tab")
        assert app.focused.id == "quotes"


async def test_j_k_move_in_the_side_panels(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("tab", "tab")
        people = app.screen.query_one("#people", Panel)
        assert app.focused is people
        assert people.highlighted == 0
        await pilot.press("j")
        assert people.highlighted == 1
        await pilot.press("k")
        assert people.highlighted == 0


async def test_reader_scrolls_with_j_k(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("tab")
        reader = app.screen.query_one(Reader)
        assert app.focused is reader
        await pilot.press("j", "j", "j")
        assert reader.scroll_offset.y == 3
        await pilot.press("k")
        assert reader.scroll_offset.y == 2


async def test_enter_on_a_figure_opens_its_article_at_the_figure(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        figures = app.screen.query_one("#figures", Panel)
        figures.focus()
        await pilot.press("j")  # the second figure: "1,200 employees" near the end of the first article
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "deal"
        current = reader.current
        assert current is not None and current.kind == "figure"
        assert reader.document.blocks[current.block].text[current.start:current.end] == "1,200 employees"
        top = reader.scroll_offset.y
        assert top > 0
        assert top <= reader.line_of(current) < top + reader.scrollable_content_region.height
        assert "The 1,200 employees of Quillfeather" in " ".join(reader.visible_text().split())
        await pilot.press("j", "enter")  # "18%" in the same article
        await pilot.pause()
        assert reader.document.blocks[reader.current.block].text[reader.current.start:reader.current.end] == "18%"
        await pilot.press("j", "enter")  # "40%" in the second article
        await pilot.pause()
        assert reader.article_id == "reasons"
        assert "40%" in reader.visible_text()


async def test_text_dragged_over_in_the_reader_is_the_text_copied(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        reader = app.screen.query_one(Reader)
        title = reader.visible_text().splitlines()[0]
        start = reader.content_region.offset - reader.region.offset  # the first cell of text
        await pilot.mouse_down(Reader, offset=start)
        await pilot.hover(Reader, offset=start + (len("Northwind Motors") - 1, 0))
        await pilot.mouse_up(Reader, offset=start + (len("Northwind Motors") - 1, 0))
        await pilot.pause()
        assert title.startswith("Northwind Motors")
        assert app.screen.get_selected_text() == "Northwind Motors"
        await pilot.press("ctrl+c")
        assert app.clipboard == "Northwind Motors"
