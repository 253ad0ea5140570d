"""Snapshots of each screen and the main states, on a real index of invented articles (ui_corpus.py).

Update after an intended change of look with ``pytest tests/ui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from ui_corpus import MARKUP, indexed
from ui_helpers import until_indexed

from brief.ui.app import BriefApp, make_app

SIZE = (120, 40)


def _app(tmp_path, articles=None) -> BriefApp:  # noqa: ANN001
    folder, cache, _ = indexed(tmp_path, articles)
    return make_app([folder], cache_dir=cache)


async def _ready(pilot) -> None:  # noqa: ANN001
    await until_indexed(pilot.app, pilot)


def test_main_screen(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=_ready, terminal_size=SIZE)


def test_help_screen(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=_ready, press=["question_mark"], terminal_size=SIZE)


def test_filtered_by_a_person_with_the_current_mention(snap_compare, tmp_path) -> None:
    async def choose(pilot) -> None:  # noqa: ANN001
        await until_indexed(pilot.app, pilot)
        people = pilot.app.screen.query_one("#people")
        people.focus()
        people.select_entity(next(r.slug for r in people.rows_loaded() if r.name == "Ada Okafor"))
        await pilot.press("f")
        await pilot.app.workers.wait_for_complete()  # the panels' rows for the search, read in a worker
        await pilot.press("n")

    assert snap_compare(_app(tmp_path), run_before=choose, terminal_size=SIZE)


def test_export_modal(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=_ready, press=["e"], terminal_size=SIZE)


def test_markup_like_text(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path, MARKUP), run_before=_ready, terminal_size=SIZE)


def test_the_reader_alone_at_80_by_24(snap_compare, tmp_path) -> None:
    """z at 80x24: the reader the whole width, the list and the panels hidden."""
    assert snap_compare(_app(tmp_path), run_before=_ready, press=["n", "z"], terminal_size=(80, 24))


def test_a_first_index_before_any_article_is_read(snap_compare, tmp_path, monkeypatch) -> None:
    """The empty list and reader say "Reading articles…" (not "No articles were found") until the first update
    is done; the update is held here so the state is the same in every run."""
    from ui_corpus import write_articles

    from brief.ui.screens.main import MainScreen

    monkeypatch.setattr(MainScreen, "index", lambda self: None)
    app = make_app([write_articles(tmp_path / "articles")], cache_dir=tmp_path / "cache")
    assert snap_compare(app, terminal_size=SIZE)


async def _searched(pilot) -> None:  # noqa: ANN001
    """After a search for Harbor Bank's articles, the panels' rows read (in a worker) and drawn."""
    await until_indexed(pilot.app, pilot)
    await pilot.press("slash", *"Harbor", "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_panels_of_a_search(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=_searched, terminal_size=(120, 50))


def test_panels_of_the_open_article(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=_searched, press=["v"], terminal_size=(120, 50))


def test_panels_of_the_whole_corpus_while_searching(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), run_before=_searched, press=["v", "v"], terminal_size=(120, 50))


@pytest.mark.parametrize("keys", [[], ["v"], ["v", "v"]], ids=["search", "this-article", "whole-corpus"])
def test_panels_of_each_view_at_180_by_50(snap_compare, tmp_path, keys) -> None:  # noqa: ANN001
    """The three views of the panels at the size of a wide terminal (the panels wider than at 120 columns, where
    they only just stand beside the reader): titles say which, rows of the search, the article, everything."""
    assert snap_compare(_app(tmp_path), run_before=_searched, press=keys, terminal_size=(180, 50))
