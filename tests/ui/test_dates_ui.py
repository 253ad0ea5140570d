"""The reader's list, newest first whatever way each file writes its date, with dates as people write them."""

from __future__ import annotations

from dated import NEWEST_FIRST, SHOWN, write_dated
from library_corpus import ready
from ui_helpers import widget_text

from brief.ui.app import make_app
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.reader import Reader


async def test_the_list_is_newest_first_and_shows_dates_as_people_write_them(tmp_path) -> None:  # noqa: ANN001
    folder = write_dated(tmp_path / "news")
    app = make_app([folder], cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        main = await ready(app, pilot)
        articles = main.query_one(ArticleList)
        rows = [articles.row(i) for i in range(articles.count)]
        assert [r.title for r in rows if r] == NEWEST_FIRST
        shown = widget_text(app, articles)
        assert all(SHOWN[t] in shown for t in NEWEST_FIRST[:4])  # the fifth is below the fold at most
        assert "January 1, 2020" not in shown and "2024-03-05" not in shown
        reader = widget_text(app, main.query_one(Reader))
        assert NEWEST_FIRST[0] in reader and "5 Mar 2024" in reader  # the newest, open, its date as written
