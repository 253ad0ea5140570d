"""Article text is data: markup-like titles, sources and bodies show literally and do nothing.

Real article files in a temp folder, on a real index: what ingest keeps of them is what reaches the screen.
"""

from __future__ import annotations

from ui_corpus import MARKUP, indexed
from ui_helpers import screen_text, until_indexed

from brief.ui.app import make_app
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)
TITLE = "Why [bold]markup[/bold] and [/ break [red]things[/]"


async def test_markup_like_text_shows_literally(tmp_path) -> None:
    folder, cache, _ = indexed(tmp_path, MARKUP)
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        reader = app.screen.query_one(Reader)
        shown = reader.visible_text()
        assert "Why [bold]markup[/bold] and [/ break" in shown
        assert "[b]not bold[/b], a stray [/ and [@click=app.quit]a link[/]" in " ".join(shown.split())
        on_screen = " ".join(screen_text(app).split())
        assert "[link=https://example.com]Evil[/link]" in on_screen  # the source, in the article list
        assert "Why [bold]markup[/bold]" in on_screen
        # the mention after the markup-like text is still highlighted at the right place
        assert [reader.document.blocks[h.block].text[h.start:h.end] for h in reader.targets()] == ["Ada Okafor"]


async def test_markup_like_title_in_the_command_palette(tmp_path) -> None:
    folder, cache, _ = indexed(tmp_path, MARKUP)
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("j", "enter")  # open another article first
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open bold")
        await pilot.pause(0.3)
        assert "[bold]markup[/bold]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(Reader).article_id == "markup"


async def test_control_characters_never_reach_the_terminal(tmp_path) -> None:
    from rich.console import Console

    article = ("---\ntitle: Escape \x1b[2Jclears\rthe screen\ndate: 2024-03-09\nsource: Wire\x07\n---\n\n"
               "Before\x1b]0;pwned\x07 the\tmention: Ada Okafor said\x0b so.\r\nNext line.\n")
    folder, cache, _ = indexed(tmp_path, {"control.md": article, "bank.md": MARKUP["bank.md"]})
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "control"
        assert [reader.document.blocks[h.block].text[h.start:h.end] for h in reader.targets()] == ["Ada Okafor"]
        rendered = app.screen._compositor.render_update(full=True)
        console = Console(width=120, height=40, force_terminal=True, color_system="truecolor",
                          file=open("/dev/null", "w"), legacy_windows=False)  # noqa: SIM115
        with console.capture() as capture:
            console.print(rendered)
        output = capture.get()
        for control in ("\x1b[2J", "\x1b]0;", "\x07", "\r", "\x0b", "\t"):
            assert control not in output, repr(control)
        shown = reader.visible_text()
        assert "Escape" in shown and "Ada Okafor said" in shown and "Next line." in shown
