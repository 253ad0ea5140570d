"""What the main screen does behind a user's back (review of its code): no briefing rendered before the overwrite
question is answered, no panel read on the event loop when the next article opens in the "this article" view,
no count of the whole index on each progress message. On a real index of invented articles (ui_corpus.py)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from ui_helpers import article_reads_on_the_loop, until_indexed

from brief.pipeline import export_html
from brief.pipeline.index.library import Library
from brief.ui.screens.export import ConfirmOverwrite, ExportScreen
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList

SIZE = (120, 40)


async def test_e_asks_before_it_renders_over_an_existing_file(news, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    rendered: list[Path] = []
    real = export_html.render_for
    monkeypatch.setattr(export_html, "render_for", lambda path, *rest: rendered.append(path) or real(path, *rest))
    target = tmp_path / "notes.md"
    target.write_text("my own notes\n", encoding="utf-8")
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        assert rendered == []  # a briefing of 10,000 articles is not rendered to be thrown away
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rendered == [target] and target.read_text(encoding="utf-8") != "my own notes\n"


async def test_the_next_article_in_the_article_view_reads_the_panels_off_the_event_loop(news, monkeypatch) -> None:  # noqa: ANN001
    on_the_loop = article_reads_on_the_loop(monkeypatch)
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        await pilot.press("v")  # the open article only
        await app.workers.wait_for_complete()
        await pilot.pause()
        on_the_loop.clear()
        screen.query_one(ArticleList).focus()
        await pilot.press("j")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert on_the_loop == []
        people = screen.query_one("#people")
        assert people.border_title.startswith("People · this article ·")
        assert {row.name for row in people.rows_loaded()} == {"Ada Okafor", "Tom Reyes"}  # "reasons.md"'s


async def test_progress_messages_do_not_count_the_index_each_time(news, monkeypatch) -> None:  # noqa: ANN001
    counts: list[str] = []
    real = Library.entity_count
    monkeypatch.setattr(Library, "entity_count", lambda self, kind, scope=None: counts.append(kind) or
                        real(self, kind, scope))
    unread = Library.unread_count
    monkeypatch.setattr(Library, "unread_count", lambda self: counts.append("unread") or unread(self))
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert isinstance(screen, MainScreen)
        counts.clear()
        for _ in range(20):  # a long update checking files: "checking the files…" four times a second
            screen.post_message(MainScreen.Progress(0, 181, ""))
        await pilot.pause()
        assert "checking" in screen.sub_title or "indexing" in screen.sub_title
        assert "3 people" in screen.sub_title  # the counts are still said
        assert len(counts) <= 3  # not once per message (the unread count was)
