"""The "why, and fix it" dialog on a real index: each fix shows in the panels at once and after a restart,
is written to the config file (keeping what the user wrote there), and analyses nothing again."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from tagging import tag_with
from textual.widgets import Checkbox, Input, OptionList, Static
from ui_helpers import article_reads_on_the_loop, until_indexed, widget_text

from brief.config import Fix
from brief.pipeline import analysis as analysis_module
from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.screens.why import WhyScreen, source_text
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)
ARTICLES = {
    "a.txt": "Harbour plan approved\n\nThe harbour board of Port Vell approved a plan on Monday to widen the "
             "channel, officials said. Mara Quell, who chairs the board, said the work would cost about $40 "
             "million. Shipping firms including Orlan Freight welcomed the decision. Quell said Orlan Freight "
             "would move its ships first. Dario Venn, chief executive of Kestrel Lines, said the plan was late.\n",
    "b.txt": "Freight rates climb\n\nOrlan Freight raised its rates by 4% on Tuesday, the company said. Dario "
             "Venn of Kestrel Lines said rivals would follow. Mara Quell said the board would not step in.\n",
}
NOTES = '# my own notes, kept\nspacy_model = "en_core_web_sm"  # and this\n'
TAGS = [(r"Mara Quell|Quell(?= said)", "person", 0.9), (r"Dario\s+Venn", "person", 0.95),
        (r"Orlan Freight", "organization", 0.8), (r"Kestrel Lines", "organization", 0.7)]
"""What the extractor finds (see ``tag_with``): the dialog is tested, not the shipped model."""


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, list[str]]:
    """A corpus, a config file with the user's own content, and a log of the articles analysed."""
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text)
    config = tmp_path / "config.toml"
    config.write_text(NOTES)
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    tag_with(monkeypatch, TAGS)
    analysed: list[str] = []
    real = analysis_module.analyse_parsed
    monkeypatch.setattr(analysis_module, "analyse_parsed",
                        lambda parsed, *rest: analysed.append(parsed.title) or real(parsed, *rest))
    return root, config, analysed


async def _indexed(app, pilot) -> MainScreen:  # noqa: ANN001
    screen = await until_indexed(app, pilot, tries=1200)
    assert isinstance(screen, MainScreen)
    return screen


def panel(screen: MainScreen, kind: str) -> dict[str, int]:
    """Name -> mentions, as the panel lists them."""
    p = screen.query_one(f"#{kind}", Panel)
    return {row.name: row.mentions for row in (p.row(i) for i in range(p.count)) if row is not None}


async def _why_on_row(app, pilot, screen: MainScreen, kind: str, name: str) -> WhyScreen:  # noqa: ANN001
    p = screen.query_one(f"#{kind}", Panel)
    p.focus()
    p.highlighted = next(i for i in range(p.count) if p.row(i).name == name)
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(app.screen, WhyScreen)
    return app.screen


async def _choose(app, pilot, option: str, everywhere: bool = True) -> None:  # noqa: ANN001
    """Choose a fix in the dialog; ``everywhere``: ticked "for every corpus" first (these tests are of the
    config file; the fixes kept in the corpus's index are tested in test_review.py)."""
    app.screen.query_one("#why-everywhere", Checkbox).value = everywhere
    options = app.screen.query_one("#why-actions", OptionList)
    options.highlighted = options.get_option_index(option)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)


Panels = tuple[dict[str, int], dict[str, int]]


async def _after_restart(root: Path, tmp_path: Path, analysed: list[str] | None = None) -> Panels:
    """The People and Companies panels of a new app on the same index and config (which, given the log of
    ``analysed`` articles, must analyse nothing again)."""
    done = None if analysed is None else len(analysed)
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        shown = panel(screen, "people"), panel(screen, "companies")
    assert analysed is None or len(analysed) == done
    return shown


def _fixes(config: Path) -> dict:
    text = config.read_text()
    assert text.startswith(NOTES)  # what the user wrote stays as written
    return tomllib.loads(text)


async def test_change_the_type_from_the_reader(setup, tmp_path: Path) -> None:  # noqa: ANN001
    root, config, analysed = setup
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        assert "Mara Quell" in panel(screen, "people")
        reader = screen.query_one(Reader)
        reader.focus()
        for _ in range(20):
            await pilot.press("n")
            if reader.current is not None and reader.document.blocks[reader.current.block].text[
                    reader.current.start:reader.current.end] == "Mara Quell":
                break
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen)
        text = str(app.screen.query_one("#why-text", Static).render())
        assert "This mention" in text and "the model, confidence 0.90" in text and "Quell" in text
        await _choose(app, pilot, "type:organization")
        assert "Mara Quell" not in panel(screen, "people") and "Mara Quell" in panel(screen, "companies")
    assert _fixes(config)["retype"] == [{"name": "Mara Quell", "type": "organization"}]
    people, companies = await _after_restart(root, tmp_path, analysed)  # and nothing analysed again
    assert "Mara Quell" in companies and "Mara Quell" not in people


async def test_a_fix_in_the_article_view_reads_its_panels_once_off_the_event_loop(
        setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """The panels of "this article" show the fix, read by the worker that reads them for the open article (they
    were read on the event loop first, then again in the worker)."""
    root, _, _ = setup
    on_the_loop = article_reads_on_the_loop(monkeypatch)
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        await pilot.press("v")  # the open article only
        await app.workers.wait_for_complete()
        await pilot.pause()
        name = screen.query_one("#people", Panel).row(0).name
        on_the_loop.clear()
        await _why_on_row(app, pilot, screen, "people", name)
        await _choose(app, pilot, "type:organization")
        for _ in range(3):  # the read starts once the reader is drawn
            await pilot.pause()
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert on_the_loop == []
        assert name in panel(screen, "companies") and name not in panel(screen, "people")


async def test_mark_not_an_entity(setup, tmp_path: Path) -> None:  # noqa: ANN001
    root, config, analysed = setup
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        await _why_on_row(app, pilot, screen, "companies", "Kestrel Lines")
        await _choose(app, pilot, "ignore")
        assert "Kestrel Lines" not in panel(screen, "companies")
        assert "Kestrel Lines" not in widget_text(app, screen.query_one("#companies", Panel))
    assert _fixes(config)["ignore"] == ["Kestrel Lines"]
    _people, companies = await _after_restart(root, tmp_path, analysed)
    assert "Kestrel Lines" not in companies and "Orlan Freight" in companies


async def test_merge_into_another_entity(setup, tmp_path: Path) -> None:  # noqa: ANN001
    root, config, analysed = setup
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        before = panel(screen, "companies")
        dialog = await _why_on_row(app, pilot, screen, "companies", "Kestrel Lines")
        dialog.query_one("#why-everywhere", Checkbox).value = True
        dialog.query_one("#why-merge", Input).focus()
        await pilot.press(*"Nobody Inc", "enter")  # a name the index does not have: said, not saved
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and "No person or organization" in str(
            app.screen.query_one("#why-error", Static).render())
        app.screen.query_one("#why-merge", Input).value = ""
        await pilot.press(*"Orlan Freight", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        after = panel(screen, "companies")
        assert "Kestrel Lines" not in after
        assert after["Orlan Freight"] == before["Orlan Freight"] + before["Kestrel Lines"]
    assert _fixes(config)["merge"] == [{"name": "Kestrel Lines", "into": "Orlan Freight"}]
    _people, companies = await _after_restart(root, tmp_path, analysed)
    assert companies == after


async def test_split_a_wrong_merge(setup, tmp_path: Path) -> None:  # noqa: ANN001
    root, config, analysed = setup
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        before = panel(screen, "people")
        dialog = await _why_on_row(app, pilot, screen, "people", "Mara Quell")
        names = [n for n, _ in dialog.why.names]
        await _choose(app, pilot, f"split:{names.index('Quell')}")
        after = panel(screen, "people")
        assert after["Quell"] == 1 and after["Mara Quell"] == before["Mara Quell"] - 1
    assert _fixes(config)["split"] == [{"name": "Quell", "from": "Mara Quell"}]
    people, _companies = await _after_restart(root, tmp_path, analysed)
    assert people == after


async def test_taking_a_fix_out_of_the_file_by_hand_undoes_it(setup, tmp_path: Path) -> None:  # noqa: ANN001
    root, config, _analysed = setup
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        await _why_on_row(app, pilot, screen, "companies", "Kestrel Lines")
        await _choose(app, pilot, "ignore")
    config.write_text(NOTES)  # the user deletes the fix
    _people, companies = await _after_restart(root, tmp_path)
    assert "Kestrel Lines" in companies


@pytest.mark.parametrize("broken", [b"ignore = [unclosed\n", b"# caf\xe9, written in Latin-1\nignore = []\n", None],
                         ids=["not TOML", "not UTF-8", "read-only"])
async def test_a_fix_the_file_cannot_take_is_a_notice_and_the_file_stays(setup, tmp_path: Path,  # noqa: ANN001
                                                                        broken: bytes | None) -> None:
    """The config file broken (or made read-only) while the reader is open: the fix is refused with a
    notice, the file is left byte for byte and the reader goes on."""
    root, config, _analysed = setup
    app = make_app([root], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        if broken is None:
            config.chmod(0o444)
        else:
            config.write_bytes(broken)
        before = config.read_bytes(), config.stat().st_ino
        await _why_on_row(app, pilot, screen, "companies", "Kestrel Lines")
        await _choose(app, pilot, "ignore")
        assert app.is_running and isinstance(app.screen, MainScreen)
        notice = next(n for n in app._notifications if n.title == "Could not save the fix")
        assert notice.severity == "error" and str(config) in notice.message
        assert "Kestrel Lines" in panel(screen, "companies")
        assert (config.read_bytes(), config.stat().st_ino) == before


def test_the_dialog_as_drawn(snap_compare, news) -> None:  # noqa: ANN001
    """The dialog on an entity the model typed two ways, and one of its mentions, over the main screen."""
    from brief.pipeline.index.fixes import Why

    why = Why("org-harbour-wire", "Harbour Wire", "organization", False, 4, 3,
              [("Harbour Wire", 3), ("HW", 1)], [("organization", "model", 3, 0.72, 0.94),
                                                 ("person", "rule:said", 1, 1.0, 1.0)],
              [("organization", 2.49), ("person", 1.0)], [Fix("type", "Harbour Wire", "organization")],
              ("Harbour Wire", "person", 1.0, "rule:said"))

    async def open_dialog(pilot) -> None:  # noqa: ANN001
        await until_indexed(pilot.app, pilot)
        await pilot.app.push_screen(WhyScreen(why, lambda prefix: []))
        await pilot.pause()

    assert snap_compare(news.app(), run_before=open_dialog, terminal_size=SIZE)


def test_what_made_a_tag_reads_plainly() -> None:
    assert source_text("model", 0.55, 0.9) == "the model, confidence 0.55–0.90"
    assert source_text("model", 0.8) == "the model, confidence 0.80"
    assert source_text("lexicon:listed_companies", 1.0) == "lexicon listed companies"
    assert source_text("rule:byline", 1.0) == "rule byline"
    assert source_text("declared", 1.0) == "declared in your config"
    assert source_text("", 1.0) == "the rules"  # today's extractor names no rule
