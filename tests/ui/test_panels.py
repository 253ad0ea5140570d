"""What the side panels and the article list say about each item, on a real index of invented articles."""

from __future__ import annotations

from ui_helpers import screen_text, until_indexed

from brief.pipeline.index.reader import ArticleRow
from brief.ui.widgets.article_list import article_prompt
from brief.ui.widgets.panels import Panel, entity_prompt, figure_prompt

SIZE = (120, 40)


def _plain(lines) -> str:
    return "\n".join(line.plain for line in lines)


def test_figure_prompt_has_the_text_the_value_what_and_where(news) -> None:
    row = news.library.figure_rows(0, 1)[0]
    shown = _plain(figure_prompt(row.figure, row.article_title))
    assert shown.splitlines()[0] == "$2.4 billion  → $2.4B"
    assert "buy Quillfeather Robotics" in shown
    assert shown.splitlines()[-1].startswith("Northwind Motors to buy")


def test_entity_prompt_has_name_role_and_counts() -> None:
    assert _plain(entity_prompt("Ada Okafor", "chief executive", 3, 2)) == (
        "Ada Okafor\nchief executive\n3 mentions · 2 articles"
    )
    assert _plain(entity_prompt("Tom Reyes", None, 1, 1)) == "Tom Reyes\n1 mention · 1 article"


def test_article_prompt_has_title_source_date_and_counts(news) -> None:
    row = news.library.rows(None, 1, 1)[0]
    assert _plain(article_prompt(row)) == (
        "Why Quillfeather said yes\nRobot Weekly · 4 Mar 2024\n2 people · 2 companies · 1 figure"
    )


def test_a_long_title_takes_two_lines_then_an_ellipsis() -> None:
    row = ArticleRow(1, "x", "one two three four five six seven eight", "Wire", None, 0, 0, 0, 0)
    lines = [line.plain for line in article_prompt(row, width=10)]
    assert lines[:2] == ["one two", "three four five six seven eight"]  # the second is cut with "…" when drawn


def test_a_story_told_by_several_sources_says_so() -> None:
    row = ArticleRow(1, "x", "Deal done", "Wire", "2024-01-02", 1, 1, 0, 2)
    assert article_prompt(row)[1].plain == "Wire · 2 Jan 2024 · +2 sources"


async def test_panels_list_people_companies_and_figures_across_articles(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        people = app.screen.query_one("#people", Panel)
        companies = app.screen.query_one("#companies", Panel)
        figures = app.screen.query_one("#figures", Panel)
        most_mentioned = [news.slug(n) for n in ("Ada Okafor", "Tom Reyes", "Lena Marsh")]
        assert [r.slug for r in people.rows_loaded()] == most_mentioned
        assert [r.slug for r in companies.rows_loaded()] == [
            news.slug(n) for n in ("Quillfeather Robotics", "Northwind Motors", "Harbor Bank", "Pike Mutual")]
        assert figures.count == 4
        text = screen_text(app)
        assert "CEO of Quillfeather Robotics" in text  # her role, as the text gives it
        assert "6 mentions · 2 articles" in text  # Quillfeather Robotics, in the title and the body
