"""A corpus that keeps itself current: files dropped into an open folder arrive marked new, deleted ones
leave, and ``r`` fetches the feeds again (a failed refresh keeps the copy you had and says so)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from ui_helpers import screen_text, until_indexed

from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.widgets.article_list import ArticleList

SIZE = (140, 40)
DROPPED = ("---\ntitle: Velmora Shipping opens a terminal in Quorvex\ndate: 2024-04-02\nsource: The Harbour Post\n"
           "---\n\nVelmora Shipping opened a container terminal in Quorvex on Tuesday, said Jane Roe, chief "
           "executive of Velmora Shipping. The terminal cost $310 million and will employ 400 people.\n")


async def until(pilot, ready: Callable[[], bool], seconds: float = 20) -> bool:  # noqa: ANN001
    """Wait (as a user does) until ``ready()``, at most ``seconds``."""
    end = time.monotonic() + seconds
    while not ready() and time.monotonic() < end:
        await pilot.pause(0.1)
    return ready()


def titles(app) -> list[str]:  # noqa: ANN001
    articles = app.screen.query_one(ArticleList)
    return [row.title for row in articles.fetch(0, articles.count)]


def row_text(app, title: str) -> str:  # noqa: ANN001
    """The lines the list draws for the article titled ``title``."""
    articles = app.screen.query_one(ArticleList)
    for index in range(articles.count):
        row = articles.row(index)
        if row is not None and row.title == title:
            return "\n".join(line.plain for line in articles.row_lines(row, index, 60))
    raise AssertionError(f"{title!r} is not listed")


async def test_a_file_dropped_into_the_open_folder_arrives_marked_new_and_leaves_when_deleted(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert isinstance(screen, MainScreen)
        assert await until(pilot, lambda: screen.watching and not screen.indexing), "the folder is not watched"
        before = titles(app)
        dropped = news.folder / "velmora.md"
        dropped.write_text(DROPPED, encoding="utf-8")
        title = "Velmora Shipping opens a terminal in Quorvex"
        assert await until(pilot, lambda: title in titles(app)), "the new file never showed up"
        assert row_text(app, title).splitlines()[1].startswith("new · The Harbour Post")
        assert "1 new" in screen.sub_title
        assert all("new ·" not in row_text(app, other) for other in before)  # only what arrived
        await pilot.pause(0.3)
        assert "1 new" in screen_text(app)  # the header says it

        dropped.unlink()
        assert await until(pilot, lambda: title not in titles(app)), "the deleted file stayed in the list"
        assert sorted(titles(app)) == sorted(before)
        assert " new" not in screen.sub_title


async def test_opening_a_new_article_takes_its_mark_away(news) -> None:
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert await until(pilot, lambda: screen.watching and not screen.indexing)
        (news.folder / "velmora.md").write_text(DROPPED, encoding="utf-8")
        title = "Velmora Shipping opens a terminal in Quorvex"
        # listed while the update still runs; once it is done, no reload moves the rows under the cursor before the
        # list's highlight reaches the screen (it opened the article that had taken that row: the test's race)
        assert await until(pilot, lambda: title in titles(app) and not screen.indexing)
        articles = screen.query_one(ArticleList)
        index = next(i for i in range(articles.count) if articles.row(i).title == title)
        articles.focus()
        articles.highlighted = index  # the reader follows the cursor: the article is open
        await pilot.pause()
        assert screen.query_one("#reader").border_title  # (drawn)
        assert not row_text(app, title).splitlines()[1].startswith("new")
        assert " new" not in screen.sub_title


# --- r: feeds fetched again, from a server on 127.0.0.1 ------------------------------------------------


def feed(*items: tuple[str, str]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>http://127.0.0.1/{n}</link><guid>story-{n}</guid>"
        f"<pubDate>Tue, 02 Apr 2024 0{n}:00:00 GMT</pubDate><description>{body}</description></item>"
        for n, (title, body) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Quorvex Wire</title>{entries}'
            "</channel></rss>").encode()


FIRST = ("Velmora Shipping opens a terminal", "Velmora Shipping opened a terminal in Quorvex on Tuesday, said Jane "
         "Roe, chief executive of Velmora Shipping. It cost $310 million. " * 3)
SECOND = ("Quorvex Bank lends $90 million to Velmora", "Quorvex Bank lent $90 million to Velmora Shipping, said "
          "John Doe, treasurer of Quorvex Bank, on Wednesday. The loan runs for five years. " * 3)


class Feed:
    """A feed on 127.0.0.1: ``body`` is what it serves now, ``status`` how."""

    def __init__(self) -> None:
        self.body, self.status, self.hits = feed(FIRST), 200, 0
        self.url = ""


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[Feed]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    state = Feed()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            state.hits += 1
            data = state.body if state.status == 200 else b"down for maintenance"
            self.send_response(state.status)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/wire.xml"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def notices(app) -> list[str]:  # noqa: ANN001
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_r_fetches_the_feed_again_and_the_new_entry_arrives_marked_new(served: Feed, tmp_path: Path) -> None:
    app = make_app([served.url], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert titles(app) == [FIRST[0]]
        served.body = feed(FIRST, SECOND)
        hits = served.hits
        await pilot.press("r")
        assert await until(pilot, lambda: SECOND[0] in titles(app)), notices(app)
        assert served.hits > hits
        assert sorted(titles(app)) == sorted([FIRST[0], SECOND[0]])
        assert row_text(app, SECOND[0]).splitlines()[1].startswith("new · ")
        assert not row_text(app, FIRST[0]).splitlines()[1].startswith("new")
        assert "1 new" in screen.sub_title
        assert any(n.startswith("Refreshed: 1 new article") for n in notices(app))


async def test_a_failed_refresh_keeps_the_copy_you_had_and_says_so(served: Feed, tmp_path: Path) -> None:
    served.body = feed(FIRST, SECOND)
    app = make_app([served.url], cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        had = sorted(titles(app))
        assert had == sorted([FIRST[0], SECOND[0]])
        served.status = 503
        hits = served.hits
        await pilot.press("r")
        assert await until(pilot, lambda: any(n.startswith("Refresh failed") for n in notices(app))), notices(app)
        assert served.hits > hits
        assert sorted(titles(app)) == had  # the copy you had
        for title in had:  # not new again
            assert not row_text(app, title).splitlines()[1].startswith("new")
        assert " new" not in screen.sub_title
        note = next(n for n in notices(app) if n.startswith("Refresh failed"))
        assert "kept the copy you had" in note and "503" in note
        assert "refreshing" not in screen.sub_title


async def test_the_watcher_stops_when_the_app_quits(news, monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.pipeline.index import watch

    ended = threading.Event()
    original = watch.changes

    def changes(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        try:
            yield from original(*args, **kwargs)
        finally:
            ended.set()

    monkeypatch.setattr(watch, "changes", changes)
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert await until(pilot, lambda: screen.watching)
        assert not ended.is_set()
        await pilot.press("q")
    assert ended.wait(timeout=3), "the watcher still runs after the app quit"


async def test_the_bundled_sample_is_not_watched(tmp_path: Path) -> None:
    app = make_app(None, cache_dir=tmp_path / "cache")
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        await pilot.pause(1.5)
        assert not screen.watching


async def test_a_watcher_that_cannot_start_is_said_and_the_app_goes_on(news, monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.pipeline.index import watch

    def changes(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "inotify watch limit reached")
        yield set()

    monkeypatch.setattr(watch, "changes", changes)
    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert await until(pilot, lambda: any("Not watching" in n for n in notices(app)))
        assert "inotify watch limit reached" in next(n for n in notices(app) if "Not watching" in n)
        assert app.is_running and titles(app) and not screen.watching


async def test_waiting_for_the_apps_workers_does_not_wait_for_the_watcher(news) -> None:
    import asyncio

    app = news.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await until_indexed(app, pilot)
        assert await until(pilot, lambda: screen.watching)
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=10)
