"""Enter on a person/company filters the articles and marks it; n/N walk the highlighted mentions."""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import screen_text

from brief.ui.app import make_app
from brief.ui.screens.help import HelpScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.footer import KeysFooter
from brief.ui.widgets.panels import EntityPanel
from brief.ui.widgets.reader import Reader
from brief.ui.widgets.search import SearchBar

SIZE = (120, 40)


def _text(reader: Reader, highlight) -> str:
    return reader.document.blocks[highlight.block].text[highlight.start:highlight.end]


def _on_screen(reader: Reader, highlight) -> bool:
    top = reader.scroll_offset.y
    return top <= reader.line_of(highlight) < top + reader.scrollable_content_region.height


async def test_enter_on_a_person_filters_the_list_and_escape_clears_it(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        people = app.screen.query_one("#people", EntityPanel)
        articles = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        people.focus()
        people.select_entity("tom-reyes")
        await pilot.press("enter")
        await pilot.pause()
        assert articles.shown_ids == ["a2", "a3"]
        assert articles.has_class("-filtered")
        assert "Tom Reyes" in articles.border_subtitle
        # the open article (a1) does not mention him: the first one that does is opened
        assert reader.article_id == "a2"
        assert reader.marked == "tom-reyes"
        assert reader.current is not None and reader.current.key == "tom-reyes"
        assert _text(reader, reader.current) == "Tom Reyes"

        await pilot.press("escape")
        await pilot.pause()
        assert articles.shown_ids == ["a1", "a2", "a3"]
        assert not articles.has_class("-filtered")
        assert reader.marked is None


async def test_enter_on_a_company_filters_the_list(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        companies = app.screen.query_one("#companies", EntityPanel)
        companies.focus()
        companies.select_entity("harbor-bank")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).shown_ids == ["a1", "a3"]
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "a1"  # already open and mentions it: stays
        assert reader.current is not None and _text(reader, reader.current) == "Harbor Bank"
        assert _on_screen(reader, reader.current)


async def test_n_and_N_move_the_current_mention(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
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


async def test_n_scrolls_the_next_mention_into_view(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        seen = []
        for _ in range(len(reader.targets())):
            await pilot.press("n")
            assert _on_screen(reader, reader.current)
            seen.append(_text(reader, reader.current))
        assert "Lena Marsh" in seen and "1,200" in seen
        assert reader.scroll_offset.y > 0


async def test_n_visits_only_the_chosen_entity_while_filtered(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        people = app.screen.query_one("#people", EntityPanel)
        people.focus()
        people.select_entity("ada-okafor")
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        visited = []
        for _ in range(4):
            visited.append((reader.current.start, reader.current.block))
            assert reader.current.key == "ada-okafor"
            assert _on_screen(reader, reader.current)
            await pilot.press("n")
        assert visited[0] == visited[2] != visited[1]  # two mentions in a1, then around again


async def test_n_without_mentions_says_so(briefing) -> None:
    briefing.articles[2].mentions.clear()
    briefing.articles[2].figures.clear()
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "enter", "n")
        await pilot.pause()
        assert app.screen.query_one(Reader).current is None
        assert any("No highlighted mentions" in n.message for n in app._notifications)


async def test_the_footer_offers_clear_filter_only_while_filtered(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Next mention" in footer and "Export" in footer and "Clear search" not in footer
        await pilot.press("tab", "tab")  # to the people panel: the footer stays as it is
        await pilot.pause()
        assert screen_text(app).splitlines()[-1] == footer
        await pilot.press("enter")
        await pilot.pause()
        assert "Clear search" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert "Clear search" not in screen_text(app).splitlines()[-1]


async def test_a_click_on_a_key_in_the_footer_presses_it(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        await pilot.click(KeysFooter, offset=(footer.index("Keys"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(KeysFooter, offset=(footer.index("Search"), 0))
        await pilot.pause()
        assert app.screen.query_one(SearchBar).has_class("-active") and app.focused is app.screen.query_one(Input)


async def test_clicking_a_name_in_the_reader_filters_by_it(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        lena = next(h for h in reader.document.highlights if h.key == "lena-marsh")
        reader.scroll_to_highlight(lena)
        await pilot.pause()
        y = reader.line_of(lena) - reader.scroll_offset.y
        x = lena.start - reader._lines[reader.line_of(lena)].start + 1
        assert reader.highlight_at(x, y) == lena
        region = reader.content_region
        await pilot.click(offset=(region.x + x, region.y + y))
        await pilot.pause()
        assert reader.marked == "lena-marsh"
        assert app.screen.query_one(ArticleList).shown_ids == ["a1"]
