"""Cleaning a corpus in the reader: the review screen fixes names in a row, a fix is this corpus's (in its
index) unless ticked for every corpus, ``u`` undoes the last one, and ``w`` works on a profile and from the
palette. On a real index of invented articles, with the names tagged as the test says."""

from __future__ import annotations

from pathlib import Path

import pytest
from tagging import tag_with
from textual.widgets import OptionList
from ui_helpers import screen_text, until_indexed

from brief.pipeline.index.library import Library
from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.screens.profile import ProfileScreen
from brief.ui.screens.review import ReviewScreen
from brief.ui.screens.why import WhyScreen
from brief.ui.widgets.panels import Panel

SIZE = (120, 40)
ARTICLES = {
    "a.txt": "Port plan\n\nVelmora said the port would grow. Velmora agreed. Quorvex said so too. Tamsin Loe "
             "spoke for Ferrant. Ferrant rose. Jane Roe came.\n",
    "b.txt": "Port again\n\nVelmora reported a loss. Velmora Group said more. Velmora Group fell. Quorvex "
             "spoke. Ferrant and Tamsin Loe met. Jane Roe left.\n",
}
TAGS = [(r"Velmora(?! Group)", "person", 0.9), (r"Velmora Group", "organization", 0.9),
        (r"Quorvex", "person", 0.5), (r"Quorvex(?= spoke)", "organization", 0.52),
        (r"Tamsin Loe", "organization", 0.4), (r"Ferrant", "organization", 0.95), (r"Jane Roe", "person", 0.95)]
"""Velmora: 3 person mentions, 2 organization; Quorvex: typed both ways, weakly; Tamsin Loe: weak; the rest sure."""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    config = tmp_path / "config.toml"
    config.write_text("# mine\n")
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    monkeypatch.setenv("BRIEF_USER", "jane")
    tag_with(monkeypatch, TAGS)
    return folder


def panel(screen: MainScreen, kind: str) -> dict[str, int]:
    p = screen.query_one(f"#{kind}", Panel)
    return {row.name: row.mentions for row in (p.row(i) for i in range(p.count)) if row is not None}


async def _review(app, pilot) -> ReviewScreen:  # noqa: ANN001
    await pilot.press("R")
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    await _listed(app, pilot)
    return screen


async def _listed(app, pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _fix(app, pilot, option: str) -> None:  # noqa: ANN001
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(app.screen, WhyScreen)
    options = app.screen.query_one("#why-actions", OptionList)
    options.highlighted = options.get_option_index(option)
    await pilot.press("enter")
    await _listed(app, pilot)


async def test_the_review_screen_fixes_three_names_in_a_row(root: Path, tmp_path: Path) -> None:
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        main = await until_indexed(app, pilot, tries=1200)
        review = await _review(app, pilot)
        assert [e.name for e in review.entries] == ["Velmora Group", "Quorvex", "Tamsin Loe"]
        text = screen_text(app)
        assert "Velmora Group: person 3 · organization 2, 2 articles" in text
        assert "only the model typed it, confidence 0.40" in text  # Tamsin Loe
        await _fix(app, pilot, "type:organization")  # Velmora Group; Quorvex comes under the cursor
        assert [e.name for e in review.entries] == ["Quorvex", "Tamsin Loe"]
        await _fix(app, pilot, "type:organization")
        await _fix(app, pilot, "type:person")  # Tamsin Loe
        assert review.entries == [] and "Nothing to review" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is main
        assert {"Velmora Group", "Quorvex", "Ferrant"} <= set(panel(main, "companies"))
        assert set(panel(main, "people")) == {"Tamsin Loe", "Jane Roe"}
    lib = Library([root], cache_dir=tmp_path / "cache")
    assert [(m.scope, m.by, m.fix.name) for m in lib.fixes_made()] == [
        ("corpus", "jane", "Velmora Group"), ("corpus", "jane", "Quorvex"), ("corpus", "jane", "Tamsin Loe")]
    assert (tmp_path / "config.toml").read_text() == "# mine\n"  # the corpus's fixes, not everyone's


async def test_u_undoes_the_last_fix_and_a_global_fix_is_a_choice(root: Path, tmp_path: Path) -> None:
    from textual.widgets import Checkbox

    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        main = await until_indexed(app, pilot, tries=1200)
        await _review(app, pilot)
        await _fix(app, pilot, "ignore")  # Velmora Group is no entity
        await pilot.press("escape")
        assert "Velmora Group" not in panel(main, "people")
        await pilot.press("u")
        await until_indexed(app, pilot, tries=1200)
        await _listed(app, pilot)
        assert "Velmora Group" in panel(main, "people")  # back, analysed again from the index
        assert any(n.title == "Fix undone" for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert any("Nothing to undo" in n.message for n in app._notifications)
        review = await _review(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#why-everywhere", Checkbox).value = True
        options = app.screen.query_one("#why-actions", OptionList)
        options.highlighted = options.get_option_index("type:organization")
        await pilot.press("enter")
        await _listed(app, pilot)
        assert "Velmora Group" not in [e.name for e in review.entries]
    assert '[[retype]]\nname = "Velmora Group"\ntype = "organization"' in (tmp_path / "config.toml").read_text()


async def test_w_on_a_profile_fixes_its_own_name_and_the_profile_follows(root: Path, tmp_path: Path) -> None:
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        main = await until_indexed(app, pilot, tries=1200)
        slug = next(r.slug for r in main.source.entity_rows("person") if r.name == "Velmora Group")
        assert slug == "per-velmora"
        main.open_profile(slug)
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and app.screen.why.name == "Velmora Group"
        options = app.screen.query_one("#why-actions", OptionList)
        options.highlighted = options.get_option_index("type:organization")
        await pilot.press("enter")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        assert (profile.profile.type, profile.profile.slug) == ("organization", "org-velmora")  # id follows
        assert "company" in screen_text(app).split("\n", 3)[1]


async def test_fix_and_review_from_the_palette(root: Path, tmp_path: Path) -> None:
    from brief.ui.commands import BriefCommands

    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot, tries=1200)
        provider = BriefCommands(app.screen)
        entries = {text: run for text, run, _help in provider._entries()}
        entries["fix: Jane Roe"]()
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and app.screen.why.name == "Jane Roe"
        await pilot.press("escape")
        entries["review: the names brief is unsure of"]()
        await _listed(app, pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.entries


def test_the_review_screen_as_drawn(snap_compare, root: Path, tmp_path: Path) -> None:  # noqa: ANN001
    async def open_review(pilot) -> None:  # noqa: ANN001
        await until_indexed(pilot.app, pilot, tries=1200)
        await pilot.press("R")
        await _listed(pilot.app, pilot)

    assert snap_compare(make_app([root], cache_dir=tmp_path / "cache"), run_before=open_review, terminal_size=SIZE)


async def test_a_fix_without_an_index_on_disk_says_it_lasts_the_session(root: Path, tmp_path: Path) -> None:
    app = make_app([root], cache_dir=tmp_path / "cache", use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        main = await until_indexed(app, pilot, tries=1200)
        await _review(app, pilot)
        await _fix(app, pilot, "type:organization")
        notice = next(n for n in app._notifications if n.title == "Fixed")
        assert "for this session only" in notice.message
        await pilot.press("escape")
        assert "Velmora Group" in panel(main, "companies")
