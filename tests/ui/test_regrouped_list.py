"""An index an older brief grouped (schema 8) opened by the reader: its first update regroups the stories by the rule
of now though no file changed, and the list shows the stories the index then holds, not those it held before."""

from __future__ import annotations

from pathlib import Path

from older_stories import as_older_brief_left_it, write_bridged
from ui_helpers import screen_text, until_indexed

from brief.pipeline.index.library import Library
from brief.ui.app import make_app
from brief.ui.widgets.article_list import ArticleList

SIZE = (120, 40)


async def test_the_list_shows_the_stories_regrouped_at_the_first_update(tmp_path: Path) -> None:
    root = write_bridged(tmp_path / "news")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    as_older_brief_left_it(lib)
    assert lib.count() == 3  # the stories as the older brief kept them: a (with b), c, d
    lib.close()
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        main = await until_indexed(app, pilot)
        await pilot.pause(0.2)
        listed = main.query_one(ArticleList)
        held = [(r.slug, r.copies) for r in main.source.rows()]
        assert len(held) == 2  # regrouped: a, b and c one story; d
        assert [(row.slug, row.copies) for i in range(listed.count) if (row := listed.row(i))] == held
        assert "Velmora report c" not in screen_text(app)  # c is shown only as a copy in a's story
