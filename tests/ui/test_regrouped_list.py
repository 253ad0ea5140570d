"""An index an older brief grouped (schema 8) opened by the reader: its first update regroups the stories by the rule
of now though no file changed, and the list shows the stories the index then holds, not those it held before."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from older_stories import as_older_brief_left_it, write_bridged
from ui_helpers import screen_text, until_indexed

from brief.pipeline.index import stories
from brief.pipeline.index.library import Library
from brief.ui.app import make_app
from brief.ui.widgets.article_list import ArticleList

SIZE = (120, 40)
STEPS = 2_000
"""The steps of a slowed regroup: 40 s of them."""


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


async def test_the_regroup_says_so_and_q_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large index's regroup (a minute at 1,000,000 articles) is shown as it goes, and q quits at once: the regroup
    rolled back, the next opening does it."""
    root = write_bridged(tmp_path / "news")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    as_older_brief_left_it(lib)
    lib.close()
    steps: list[int] = []
    real = stories._near_copies

    def slow(db, found, tick, low, width, count):  # noqa: ANN001, ANN202 - as many steps as a large index's
        for step in range(STEPS):
            tick(step, STEPS + 2)
            steps.append(step)
            time.sleep(0.02)
        real(db, found, tick, low, width, count)

    monkeypatch.setattr(stories, "_near_copies", slow)
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):
            if len(steps) > 5 and stories.REGROUPING in screen_text(app):
                break
            await pilot.pause(0.05)
        assert stories.REGROUPING in screen_text(app)  # not "checking the files…" throughout
        await pilot.press("q")
        await pilot.pause()
        quit_at = len(steps)
    assert len(steps) <= quit_at + 1 < STEPS  # stopped at its next step
    monkeypatch.undo()
    again = Library([root], cache_dir=tmp_path / "cache")
    assert again.count() == 3 and stories.marked(again.db)  # rolled back, still to do
    assert again.update(workers=1).regrouped == 1 and again.count() == 2
    again.close()
