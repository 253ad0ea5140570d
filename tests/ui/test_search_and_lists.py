"""Virtual lists on large sources, the search box, and choosing a person or company as a search."""

from __future__ import annotations

from ui_helpers import screen_text, until_indexed

from brief.models import Article, Figure
from brief.pipeline.index.query import parse
from brief.pipeline.index.reader import ArticleRow, EntityRow, FigureRow
from brief.ui.app import BriefApp
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader
from brief.ui.widgets.search import SearchBar

SIZE = (120, 40)


class BigSource:
    """A source of ``n`` made-up articles, entities and figures, that counts what is asked of it."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.skipped: list[tuple[str, str]] = []
        self.roots: list = []
        self.path = None
        self.asked: list[tuple[str, int, int]] = []

    def update(self, progress=None, workers=None, refresh=False):
        return None

    def query(self, text):
        return parse(text)

    def _ids(self, query) -> range:
        if query is None or query.empty:
            return range(1, self.n + 1)
        return range(7, self.n + 1, 7)  # any query: every seventh article

    def count(self, query=None) -> int:
        return len(self._ids(query))

    def rows(self, query=None, offset=0, limit=100):
        self.asked.append(("rows", offset, limit))
        return [ArticleRow(i, f"a{i}", f"Article number {i}", "Wire", None, 1, 1, 0, 0)
                for i in self._ids(query)[offset:offset + limit]]

    def article(self, article_id):
        return Article(id=f"a{article_id}", path=f"/a{article_id}.txt", title=f"Article number {article_id}",
                       body=f"The body of article {article_id}.")

    def copies(self, article_id):
        return []

    def article_id(self, slug):
        return int(slug[1:])

    def entity_count(self, kind, scope=None):
        return self.n

    def entity_rows(self, kind, offset=0, limit=100, scope=None):
        self.asked.append((kind, offset, limit))
        return [EntityRow(i, f"{kind}-{i}", kind, f"{kind.title()} {i}", "", 1, 1)
                for i in range(offset + 1, min(self.n, offset + limit) + 1)]

    def with_days(self, rows, scope=None):
        return list(rows)

    def figure_count(self, scope=None):
        return self.n

    def figure_rows(self, offset=0, limit=100, scope=None):
        self.asked.append(("figures", offset, limit))
        return [FigureRow(i, i, f"Article number {i}", Figure(f"{i}%", 0, 1, "body", "percent", float(i)))
                for i in range(offset + 1, min(self.n, offset + limit) + 1)]

    def quote_count(self, scope=None):
        return 0

    def quote_rows(self, offset=0, limit=100, scope=None):
        return []

    def deal_count(self, scope=None):
        return 0

    name = None
    given: list = []

    def unread_count(self):
        return self.n

    def mark_read(self, article_ids):
        pass

    def deal_rows(self, offset=0, limit=100, scope=None):
        return []

    def entity_names(self, slugs):
        return {}

    def briefing(self, scope=None):
        raise NotImplementedError

    def profile(self, slug):
        return None


def _app(source) -> BriefApp:
    app = BriefApp()
    app._main = MainScreen(source=source)
    return app


async def test_a_long_list_fetches_and_draws_only_what_is_shown() -> None:
    source = BigSource(5000)
    app = _app(source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        assert articles.count == 5000
        assert articles.virtual_size.height == 5000 * articles.row_height - 1
        assert articles.fetched <= ArticleList.PAGE
        assert articles.built < 20
        assert reader.article_id == "a1"
        await pilot.press("j", "j")
        assert articles.highlighted == 2
        await pilot.pause()
        assert reader.article_id == "a3"
        await pilot.press("end")
        await pilot.pause()
        assert articles.highlighted == 4999
        assert reader.article_id == "a5000"
        assert "Article number 5000" in screen_text(app)
        assert articles.fetched <= 2 * ArticleList.PAGE  # the first page and the last
        assert articles.built < 40
        await pilot.press("pageup")
        await pilot.pause()
        assert 4990 <= articles.highlighted < 4999
        await pilot.press("home")
        await pilot.pause()
        assert articles.highlighted == 0 and reader.article_id == "a1"
        for panel in [app.screen.query_one(f"#{i}", Panel) for i in ("people", "companies", "figures")]:
            assert panel.count == 5000
            assert panel.fetched <= panel.PAGE


async def test_search_filters_the_list_and_escape_clears_it(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        articles = app.screen.query_one(ArticleList)
        bar = app.screen.query_one(SearchBar)
        assert not bar.display
        await pilot.press("slash")
        assert bar.display and app.focused is bar.input
        await pilot.press(*"bank", "enter")
        await pilot.pause()
        assert articles.shown_ids == ["deal", "bank"]
        assert "2 of 3" in articles.border_subtitle
        assert articles.has_class("-filtered")
        assert app.focused is articles
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "deal"  # it matches: it stays open, the word is highlighted
        assert reader.current is not None and reader.current.kind == "match"
        assert {reader.document.blocks[h.block].text[h.start:h.end].lower() for h in reader.targets()} == {"bank"}
        await pilot.press("slash")
        await pilot.press("escape")
        await pilot.pause()
        assert articles.shown_ids == ["deal", "reasons", "bank"]
        assert not bar.display and not articles.has_class("-filtered")
        assert not [h for h in reader.document.highlights if h.kind == "match"]


async def test_a_query_that_cannot_be_read_says_why_and_keeps_the_list(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        articles = app.screen.query_one(ArticleList)
        await pilot.press("slash", *"person:tom", "enter")
        await pilot.pause()
        assert articles.shown_ids == ["reasons", "bank"]
        await pilot.press("slash", "ctrl+u", *'money>lots "open', "enter")
        await pilot.pause()
        assert articles.shown_ids == ["reasons", "bank"]  # the previous search still applies
        bar = app.screen.query_one(SearchBar)
        assert bar.has_class("-error")
        assert "quote is not closed" in screen_text(app)
        await pilot.press("ctrl+u", *"money>lots", "enter")
        await pilot.pause()
        assert "is not a number" in screen_text(app)
        await pilot.press("ctrl+u", *"percent>30", "enter")
        await pilot.pause()
        assert not bar.has_class("-error")
        assert articles.shown_ids == ["reasons"]


async def test_choosing_a_person_puts_the_search_in_the_box(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        people = app.screen.query_one("#people", Panel)
        people.focus()
        people.select_entity(news.slug("Lena Marsh"))
        await pilot.press("f")
        await pilot.pause()
        bar = app.screen.query_one(SearchBar)
        assert bar.display and bar.value == f"entity:{news.slug('Lena Marsh')}"
        assert app.focused is people  # the panel keeps the focus: j/k and f choose another
        assert app.screen.query_one(ArticleList).shown_ids == ["deal"]
        reader = app.screen.query_one(Reader)
        assert reader.marked == news.slug("Lena Marsh")
        assert reader.current is not None and reader.current.key == news.slug("Lena Marsh")
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display and reader.marked is None


async def test_search_on_a_large_source_asks_for_one_page() -> None:
    source = BigSource(50_000)
    app = _app(source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        source.asked.clear()
        await pilot.press("slash", *"anything", "enter")
        await pilot.pause()
        articles = app.screen.query_one(ArticleList)
        assert articles.count == len(range(7, 50_001, 7))
        assert [a for a in source.asked if a[0] == "rows"] == [("rows", 0, ArticleList.PAGE)]
        assert app.screen.query_one(Reader).article_id == "a7"
