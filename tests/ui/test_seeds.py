"""The app on the real pipeline and the bundled seeds: shows a loading state, then fills in."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import screen_text

from brief.paths import seeds_dir
from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.panels import EntityPanel, FigurePanel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)


async def _loaded(app, pilot, timeout: float = 30) -> MainScreen:
    """Wait for the worker's briefing to reach the screen."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(int(timeout / 0.05)):
        if screen.briefing is not None:
            break
        await pilot.pause(0.05)
    assert screen.briefing is not None
    await pilot.pause()
    return screen


async def test_seeds_load_and_show(tmp_path: Path) -> None:
    app = make_app(cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _loaded(app, pilot)
        briefing = screen.briefing
        seeds = sorted(p for p in seeds_dir().iterdir() if p.is_file())
        assert len(briefing.articles) == len(seeds)
        articles = screen.query_one(ArticleList)
        assert articles.option_count == len(briefing.articles)
        reader = screen.query_one(Reader)
        first = briefing.articles[0]
        assert reader.article_id == first.id
        assert " ".join(first.title.split()[:4]) in screen_text(app)
        people = [e for e in briefing.entities if e.type == "person"]
        assert screen.query_one("#people", EntityPanel).option_count == len(people)
        assert screen.query_one(FigurePanel).option_count == sum(len(a.figures) for a in briefing.articles)
        if reader.targets():
            await pilot.press("n")
            assert reader.current == reader.targets()[0]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert reader.article_id == briefing.articles[1].id


async def test_a_loading_state_shows_before_the_briefing(tmp_path: Path, monkeypatch) -> None:
    import threading

    import brief.pipeline.build as build

    release = threading.Event()
    real = build.load_briefing

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "load_briefing", slow)
    app = make_app(cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.briefing is None
        assert "Loading articles" in screen_text(app)
        release.set()
        await _loaded(app, pilot)
        assert "Loading articles" not in screen_text(app)


async def test_a_folder_without_articles_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app([empty], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        await _loaded(app, pilot)
        assert "No articles were found" in screen_text(app)


async def test_a_failing_pipeline_is_reported_not_fatal(tmp_path: Path, monkeypatch) -> None:
    import brief.pipeline.build as build

    def broken(*args, **kwargs):
        raise RuntimeError("index is corrupt")

    monkeypatch.setattr(build, "load_briefing", broken)
    app = make_app(cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if "index is corrupt" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "index is corrupt" in screen_text(app)
        assert app.is_running
