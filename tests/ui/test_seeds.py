"""The app on the real index and the bundled seeds: opens at once, indexes in a worker, fills in."""

from __future__ import annotations

import threading
from pathlib import Path

from ui_helpers import screen_text

from brief.paths import seeds_dir
from brief.pipeline.index.library import Library
from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)


async def _indexed(app, pilot, timeout: float = 60) -> MainScreen:
    """Wait until the index is open and up to date, and the screen shows it."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(int(timeout / 0.05)):
        if screen.up_to_date:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    return screen


async def test_seeds_index_and_show(tmp_path: Path) -> None:
    app = make_app(cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        library = Library(None, cache_dir=tmp_path / "cache")
        rows = library.rows(None, 0, 100)
        assert rows and len(rows) == library.count()
        articles = screen.query_one(ArticleList)
        assert articles.count == len(rows)
        reader = screen.query_one(Reader)
        first = library.article(rows[0].id)
        assert reader.article_id == first.id
        assert " ".join(first.title.split()[:4]) in screen_text(app)
        assert screen.query_one("#people", Panel).count == library.entity_count("person")
        assert screen.query_one("#figures", Panel).count == library.figure_count()
        assert f"{len(rows)} articles" in screen.sub_title
        if reader.targets():
            await pilot.press("n")
            assert reader.current == reader.targets()[0]
        await pilot.press("j")
        await pilot.pause()
        assert reader.article_id == rows[1].slug


async def test_a_warm_start_shows_the_articles_in_the_first_frame(tmp_path: Path) -> None:
    """With the index already built, the first screen drawn lists the articles and shows the newest,
    before the worker has even checked the files again."""
    library = Library(None, cache_dir=tmp_path / "cache")
    library.update()
    newest = library.article(library.rows(None, 0, 1)[0].id)
    app = make_app(cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE):
        screen = app.screen
        assert isinstance(screen, MainScreen) and not screen.up_to_date
        assert screen.query_one(ArticleList).count == library.count()
        assert screen.query_one(Reader).article_id == newest.id
        assert " ".join(newest.title.split()[:4]) in screen_text(app)


PEOPLE = ["Ada Okafor", "Lena Marsh", "Tom Reyes", "Mina Patel", "Omar Haddad", "Ines Varga", "Kofi Mensah"]
COMPANIES = ["Northwind Motors", "Quillfeather Robotics", "Harbor Bank", "Bluefin Air", "Copperleaf Foods",
             "Granite Telecom", "Saffron Labs"]
TOPICS = ["a new factory in Ohio", "layoffs at its largest plant", "a chip shortage", "record quarterly sales",
          "a recall of older models", "a merger with a rival", "plans to enter the Japanese market"]


def _article(n: int) -> str:
    """A short news article, different in every word that matters from the others."""
    person, company, topic = PEOPLE[n % 7], COMPANIES[(n * 3) % 7], TOPICS[(n * 5) % 7]
    return (f"{company} weighs {topic}\n\nBy Staff Writer {n}\n\n"
            f"{person}, the chief executive of {company}, said on day {n} that the company was looking at {topic}. "
            f"Revenue rose {n + 3}% to ${n + 1}.{n} billion in the quarter, {company} said in a statement. "
            f"Analysts at {COMPANIES[(n + 1) % 7]} called the figures number {n} of a series that began in {2000 + n}.")


def _corpus(folder: Path, count: int, copies: int = 1) -> Path:
    """``count`` different articles, each in ``copies`` files that differ by one line (one story each)."""
    folder.mkdir()
    for n in range(count):
        for c in range(copies):
            extra = f"\nUpdated {c} times since.\n" if c else ""
            (folder / f"{n:02d}-{c}.txt").write_text(_article(n) + extra, encoding="utf-8")
    return folder


async def test_progress_shows_while_indexing_and_the_list_fills_in(tmp_path: Path, monkeypatch) -> None:
    """The header says how far indexing is; rows already indexed are listed before it ends."""
    from brief.pipeline.index import library as library_module

    monkeypatch.setattr(library_module, "BATCH", 1)  # a commit (and a progress report) per article
    monkeypatch.setattr("brief.ui.screens.main.REFRESH_EVERY", 0.0)
    monkeypatch.setattr("brief.ui.screens.main.PROGRESS_EVERY", 0.0)
    gate = threading.Event()
    real_update = library_module.Library.update

    def update(self, progress=None, **kwargs):
        def held(done: int, total: int, path: str) -> None:
            if progress is not None:
                progress(done, total, path)
            if done == 4:
                gate.wait(20)  # hold the worker as it reads a fourth article: the screen shows the three stored

        return real_update(self, held, **kwargs)

    monkeypatch.setattr(library_module.Library, "update", update)
    app = make_app([_corpus(tmp_path / "corpus", 6)], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(600):
            if "indexing 4 / 6" in screen.sub_title:
                break
            await pilot.pause(0.05)
        assert "indexing 4 / 6" in screen.sub_title
        assert screen.indexing
        assert screen.query_one(ArticleList).count == 3
        assert screen.query_one(Reader).article_id is not None  # the first article is open already
        gate.set()
        await _indexed(app, pilot)
        assert "indexing" not in screen.sub_title
        assert screen.query_one(ArticleList).count == 6


async def test_a_story_in_several_files_is_listed_once_with_its_sources(tmp_path: Path) -> None:
    app = make_app([_corpus(tmp_path / "corpus", 2, copies=3)], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        articles = screen.query_one(ArticleList)
        assert articles.count == 2
        assert [row.copies for row in articles.rows_loaded()] == [2, 2]
        text = screen_text(app)
        assert text.count("+2 sources") == 2
        reader = screen.query_one(Reader)
        assert reader.visible_text().count("Same story:") == 2


async def test_skipped_files_are_named_and_listed(tmp_path: Path) -> None:
    from brief.ui.screens.skipped import SkippedList, SkippedScreen

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(seeds_dir().iterdir())[:2]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    for n in range(8):
        (corpus / f"empty-{n}.txt").write_text("  \n", encoding="utf-8")
    app = make_app([corpus], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _indexed(app, pilot)
        skipped = screen.skipped
        assert sorted(Path(path).name for path, _ in skipped) == [f"empty-{n}.txt" for n in range(8)]
        note = next(n for n in app._notifications if "skipped" in (n.title or ""))
        assert len(note.message.splitlines()) <= 6
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SkippedScreen)
        assert app.screen.query_one(SkippedList).count == len(skipped)
        assert Path(skipped[0][0]).name in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_folder_without_articles_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app([empty], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        await _indexed(app, pilot)
        assert "No articles were found" in screen_text(app)


async def test_a_failing_index_is_reported_not_fatal(tmp_path: Path, monkeypatch) -> None:
    import brief.ui.screens.main as main

    def broken(*args, **kwargs):
        raise RuntimeError("index is corrupt")

    monkeypatch.setattr(main, "open_library", broken)
    app = make_app(cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if "index is corrupt" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "index is corrupt" in screen_text(app)
        assert app.is_running
