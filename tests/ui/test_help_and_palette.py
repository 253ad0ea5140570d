"""The help screen lists the keys; the command palette opens articles and jumps to entities' profiles."""

from __future__ import annotations

import re

from ui_helpers import screen_text, until_indexed

from brief.ui.app import BriefApp
from brief.ui.screens.help import KEYS, HelpScreen
from brief.ui.screens.main import MainScreen
from brief.ui.screens.profile import ProfileScreen
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)


async def test_question_mark_shows_the_keys_and_escape_closes(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Next / previous highlighted mention", "Export", "Quit", "Command palette"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


def test_help_mentions_every_bound_key() -> None:
    listed = {key for _, rows in KEYS for keys, _ in rows for key in re.split(r" / |, ", keys)}
    for binding in [*BriefApp.BINDINGS, *MainScreen.BINDINGS]:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            assert (binding.key_display or key) in listed, key  # type: ignore[union-attr]


async def test_q_quits(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_palette_opens_an_article(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open: harbor")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(Reader).article_id == "bank"


async def test_palette_jumps_to_an_entitys_profile(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump: lena")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.profile.name == "Lena Marsh"
        assert "Lena Marsh" in screen_text(app)
