"""The search terms on quotes, deals and ties, typed into the search box as a user does.

The folder holds both corpora of invented articles (ui_corpus.py and library_corpus.py): Ada Okafor is
named in four of them but quoted in one, Harbor Bank is named in four but in a deal or an affiliation
in two, so each term has to narrow the list further than a name does.
"""

from __future__ import annotations

import pytest
from library_corpus import ARTICLES as DEALS
from ui_corpus import ARTICLES as NEWS
from ui_corpus import indexed
from ui_helpers import until_indexed, widget_text

from brief.ui.app import make_app
from brief.ui.widgets.article_list import ArticleList

SIZE = (120, 40)
QUAY = "Harbor Bank buys a stake in Fennel Labs"
NORTHGATE = "Fennel Labs raises money from Harbor Bank"
NORTHWIND = "Northwind Motors to buy Quillfeather Robotics for $2.4 billion"


@pytest.fixture
def both(tmp_path):  # noqa: ANN001, ANN201
    folder, cache, _ = indexed(tmp_path, {**NEWS, **DEALS})
    return make_app([folder], cache_dir=cache)


async def _search(pilot, text: str) -> None:  # noqa: ANN001
    await pilot.press("slash", "ctrl+u", *text, "enter")
    await pilot.pause()


def _titles(articles: ArticleList) -> list[str]:
    return [row.title for row in articles.fetch(0, articles.count)]


@pytest.mark.parametrize(("query", "titles"), [
    ("said:Okafor", [QUAY]),  # person:Okafor lists four
    ('quote:"pay in cash"', [NORTHWIND]),
    ("deal:acquisition", [NORTHWIND]),  # the other two deals are an investment and a funding round
    ('with:"Harbor Bank"', [NORTHGATE, QUAY]),  # org:"Harbor Bank" lists four
])
async def test_a_relation_term_lists_only_the_articles_it_is_about(both, query: str, titles: list[str]) -> None:
    app = both
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.count == 6
        await _search(pilot, query)
        assert _titles(articles) == titles
        assert articles.border_subtitle.startswith(f"{len(titles)} of 6")
        shown = " ".join(widget_text(app, articles).split())
        for title in titles:
            assert " ".join(title.split()[:3]) in shown  # the start of each title, as wrapped in the list


async def test_the_terms_follow_one_another_and_combine(both) -> None:
    app = both
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        articles = app.screen.query_one(ArticleList)
        await _search(pilot, "person:Okafor")
        assert len(_titles(articles)) == 4
        await _search(pilot, "said:Okafor")
        assert _titles(articles) == [QUAY]
        await _search(pilot, 'with:"Harbor Bank" -deal:investment')
        assert _titles(articles) == [NORTHGATE]
        await _search(pilot, "deal:gift")
        assert "acquisition" in widget_text(app, app.screen.query_one("#search"))  # says which kinds there are
        assert _titles(articles) == [NORTHGATE]  # the last search that could be read still applies
