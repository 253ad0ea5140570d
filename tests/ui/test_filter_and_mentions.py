"""f on a person/company filters the articles and marks it; n/N walk the highlighted mentions.

A real index of invented articles (ui_corpus.py); the names are the ones its extractor finds.
"""

from __future__ import annotations

from textual.widgets import Input
from ui_corpus import indexed
from ui_helpers import screen_text, until_indexed

from brief.ui.app import make_app
from brief.ui.screens.help import HelpScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.footer import KeysFooter
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader
from brief.ui.widgets.search import SearchBar

SIZE = (120, 40)


def _text(reader: Reader, highlight) -> str:
    return reader.document.blocks[highlight.block].text[highlight.start:highlight.end]


def _on_screen(reader: Reader, highlight) -> bool:
    top = reader.scroll_offset.y
    return top <= reader.line_of(highlight) < top + reader.scrollable_content_region.height


async def test_f_on_a_person_filters_the_list_and_escape_clears_it(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        people = app.screen.query_one("#people", Panel)
        articles = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        people.focus()
        people.select_entity(news.slug("Tom Reyes"))
        await pilot.press("f")
        await pilot.pause()
        assert articles.shown_ids == ["reasons", "bank"]
        assert articles.has_class("-filtered")
        assert "Tom Reyes" in articles.border_subtitle
        # the open article (the deal) does not mention him: the first one that does is opened
        assert reader.article_id == "reasons"
        assert reader.marked == news.slug("Tom Reyes")
        assert reader.current is not None and reader.current.key == news.slug("Tom Reyes")
        assert _text(reader, reader.current) == "Tom Reyes"

        await pilot.press("escape")
        await pilot.pause()
        assert articles.shown_ids == ["deal", "reasons", "bank"]
        assert not articles.has_class("-filtered")
        assert reader.marked is None


async def test_f_on_a_company_filters_the_list(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        companies = app.screen.query_one("#companies", Panel)
        companies.focus()
        companies.select_entity(news.slug("Harbor Bank"))
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).shown_ids == ["deal", "bank"]
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "deal"  # already open and mentions it: stays
        assert reader.current is not None and _text(reader, reader.current) == "Harbor Bank"
        assert _on_screen(reader, reader.current)


async def test_n_and_N_move_the_current_mention(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        reader = app.screen.query_one(Reader)
        targets = reader.targets()
        assert reader.current is None
        await pilot.press("n")
        assert reader.current == targets[0]
        await pilot.press("n", "n")
        assert reader.current == targets[2]
        await pilot.press("N")
        assert reader.current == targets[1]
        await pilot.press("N", "N")  # wraps to the last
        assert reader.current == targets[-1]
        assert _text(reader, reader.current) == "18%"
        assert reader.scroll_offset.y > 0
        assert _on_screen(reader, reader.current)
        await pilot.press("n")  # wraps to the first, back at the top
        assert reader.current == targets[0]
        assert _on_screen(reader, reader.current)


async def test_n_scrolls_the_next_mention_into_view(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        reader = app.screen.query_one(Reader)
        seen = []
        for _ in range(len(reader.targets())):
            await pilot.press("n")
            assert _on_screen(reader, reader.current)
            seen.append(_text(reader, reader.current))
        assert "Lena Marsh" in seen and "1,200 employees" in seen
        assert reader.scroll_offset.y > 0


async def test_n_visits_only_the_chosen_entity_while_filtered(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        people = app.screen.query_one("#people", Panel)
        people.focus()
        people.select_entity(news.slug("Ada Okafor"))
        await pilot.press("f")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        visited = []
        for _ in range(4):
            visited.append((reader.current.start, reader.current.block))
            assert reader.current.key == news.slug("Ada Okafor")
            assert _on_screen(reader, reader.current)
            await pilot.press("n")
        assert visited[0] == visited[2] != visited[1]  # two mentions in the deal, then around again


async def test_n_without_mentions_says_so(tmp_path) -> None:
    folder, cache, _ = indexed(tmp_path, {"rain.md": "---\ntitle: Rain again\ndate: 2024-03-01\n---\n\n"
                                                     "It rained all week, and more rain is due.\n"})
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(Reader).article_id == "rain"
        assert app.screen.query_one(Reader).current is None
        assert any("No highlighted mentions" in n.message for n in app._notifications)


async def test_the_footer_offers_clear_filter_only_while_filtered(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Next mention" in footer and "Export" in footer and "Clear search" not in footer
        await pilot.press("tab", "tab")  # to the people panel: the footer stays as it is
        await pilot.pause()
        assert screen_text(app).splitlines()[-1] == footer
        await pilot.press("f")
        await pilot.pause()
        assert "Clear search" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert "Clear search" not in screen_text(app).splitlines()[-1]


async def test_a_click_on_a_key_in_the_footer_presses_it(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        await pilot.click(KeysFooter, offset=(footer.index("Keys"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(KeysFooter, offset=(footer.index("Search"), 0))
        await pilot.pause()
        assert app.screen.query_one(SearchBar).has_class("-active") and app.focused is app.screen.query_one(Input)
