"""What the side panels and the article list say about each item."""

from __future__ import annotations

from ui_helpers import screen_text

from brief.ui.app import make_app
from brief.ui.widgets.article_list import article_prompt
from brief.ui.widgets.panels import EntityPanel, FigurePanel, entity_prompt, figure_prompt

SIZE = (120, 40)


def test_figure_prompt_has_the_text_the_value_what_and_where(briefing) -> None:
    article = briefing.articles[0]
    shown = figure_prompt(article.figures[0], article.title).plain
    assert shown.splitlines()[0] == "$2.4 billion  → $2.4B"
    assert "Northwind purchase of Quillfeather" in shown
    assert shown.splitlines()[-1].startswith("Northwind Motors to buy")


def test_entity_prompt_has_name_role_and_counts() -> None:
    assert entity_prompt("Ada Okafor", "chief executive", 3, 2).plain == (
        "Ada Okafor\nchief executive\n3 mentions · 2 articles"
    )
    assert entity_prompt("Tom Reyes", None, 1, 1).plain == "Tom Reyes\n1 mention · 1 article"


def test_article_prompt_has_title_source_date_and_counts(briefing) -> None:
    types = {e.id: e.type for e in briefing.entities}
    assert article_prompt(briefing.articles[1], types).plain == (
        "Why Quillfeather said yes\nRobot Weekly · 2024-03-05\n2 people · 1 company · 1 figure"
    )


async def test_panels_list_people_companies_and_figures_across_articles(briefing) -> None:
    app = make_app(briefing=briefing)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        people = app.screen.query_one("#people", EntityPanel)
        companies = app.screen.query_one("#companies", EntityPanel)
        figures = app.screen.query_one(FigurePanel)
        assert [o.id for o in people.options] == ["ada-okafor", "tom-reyes", "lena-marsh"]  # most mentioned first
        assert [o.id for o in companies.options] == ["quillfeather", "northwind", "harbor-bank"]
        assert figures.option_count == 4
        text = screen_text(app)
        assert "chief executive of Quillfeather" in text
        assert "6 mentions · 2 articles" in text
