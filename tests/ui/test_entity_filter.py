"""Choosing a person filters the list by that entity's id: one name inside another is not a match.

A real ``Library`` on invented articles in a temp folder, the app as ``make_app`` builds it.
"""

from __future__ import annotations

from pathlib import Path

from ui_helpers import until_indexed

from brief.pipeline.index.library import Library
from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.search import SearchBar

SIZE = (120, 40)
ARTICLES = {
    "park.md": "---\ntitle: Pike Mutual hires\ndate: 2025-03-02\n---\n\n"
               "Nina Park, an analyst at Pike Mutual, said the price was high. Park has covered banks for years.\n",
    "parker.md": "---\ntitle: Orchid Systems adds a partner\ndate: 2025-03-04\n---\n\n"
                 "Nina Parker, a partner at Orchid Systems, said the price was fair. Parker joined in May.\n",
}


async def test_f_on_a_person_lists_only_the_articles_of_that_person(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    library = Library([folder], cache_dir=tmp_path / "cache")
    library.update(workers=1)
    park = next(r.slug for r in library.entity_rows("person") if r.name == "Nina Park")
    assert {r.name for r in library.entity_rows("person")} >= {"Nina Park", "Nina Parker"}
    app = make_app([folder], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        main = await until_indexed(app, pilot)
        assert isinstance(main, MainScreen)
        people = main.query_one("#people", Panel)
        people.focus()
        people.select_entity(park)
        await pilot.press("f")
        await pilot.pause()
        assert main.query_one(SearchBar).value == f"entity:{park}"
        assert main.query_one(ArticleList).shown_ids == ["park"]
