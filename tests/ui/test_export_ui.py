"""`e` exports the briefing to Markdown as `brief export` writes it; a file is only replaced after confirming.

A real index of invented articles (ui_corpus.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from ui_helpers import until_indexed

from brief.cli import main
from brief.ui.screens.export import ConfirmOverwrite, ExportScreen

SIZE = (120, 40)


def _exported(news, tmp_path: Path) -> str:
    """The briefing as the command line writes it, for the same folder and cache."""
    out = tmp_path / "by-the-cli.md"
    assert main(["export", str(news.folder), "--cache-dir", str(news.cache), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


async def _export(app, pilot, path: str | None = None) -> None:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    if path is not None:
        app.screen.query_one(Input).value = path
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_writes_briefing_md_in_the_current_folder(news, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "briefing.md"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / "briefing.md"
        assert written.read_text(encoding="utf-8") == _exported(news, tmp_path)
        assert any(str(written) in n.message for n in app._notifications)


async def test_export_never_overwrites_without_confirmation(news, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("my own notes\n", encoding="utf-8")
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await _export(app, pilot, str(target))
        assert isinstance(app.screen, ConfirmOverwrite)
        assert target.read_text(encoding="utf-8") == "my own notes\n"

        await pilot.press("enter")  # the focused button is Cancel: enter keeps the file
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmOverwrite)
        assert target.read_text(encoding="utf-8") == "my own notes\n"

        await _export(app, pilot, str(target))
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "my own notes\n"

        await _export(app, pilot, str(target))
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == _exported(news, tmp_path)


async def test_export_can_be_cancelled(news, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert not (tmp_path / "briefing.md").exists()


@pytest.mark.parametrize("name", ["missing-folder/briefing.md"])
async def test_export_to_a_missing_folder_reports_an_error(news, tmp_path, name) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await _export(app, pilot, str(tmp_path / name))
        assert any(n.severity == "error" for n in app._notifications)
        assert not (tmp_path / name).exists()


async def test_export_offers_html_beside_markdown(news, tmp_path, monkeypatch) -> None:
    """"As HTML" writes the page `brief export --format html` writes, profiles included, beside no Markdown."""
    monkeypatch.chdir(tmp_path)
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#html")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / "briefing.html"
        assert not (tmp_path / "briefing.md").exists()
        page = written.read_text(encoding="utf-8")
        out = tmp_path / "by-the-cli.html"
        assert main(["export", str(news.folder), "--cache-dir", str(news.cache), "--format", "html",
                     "-o", str(out)]) == 0
        assert page == out.read_text(encoding="utf-8")
        assert 'id="profiles"' in page and "<script" not in page
        assert any(str(written) in n.message for n in app._notifications)
