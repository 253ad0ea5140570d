"""While fetches run, stopping is at once: the reader quits without waiting for a slow server's deadline."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from brief.pipeline.index.library import Library


class Quit(Exception):
    pass


def test_indexing_stops_at_once_while_a_fetch_waits(dripping: str, tmp_path: Path) -> None:
    started: list[float] = []

    def progress(done: int, total: int, name: str) -> None:
        started.append(started[0] if started else time.monotonic())
        if time.monotonic() - started[0] > 0.5:  # the user quits half a second into the indexing
            raise Quit

    library = Library([dripping], cache_dir=tmp_path / "cache")
    with pytest.raises(Quit):
        library.update(progress)  # the fetch's own deadline is 90 s away
    assert time.monotonic() - started[0] < 5


def _reader_quits_at_once(target: str, tmp_path: Path, shown: tuple[bytes, ...]) -> None:
    """``brief TARGET`` in a pseudo-terminal: once it shows one of ``shown``, ``q`` ends it within 5 s."""
    pexpect = pytest.importorskip("pexpect", reason="pexpect is needed to drive a pseudo-terminal")
    env = {**os.environ, "TERM": "xterm-256color", "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TEXTUAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "brief.cli", target], env=env, dimensions=(40, 120), timeout=30)
    try:
        seen = b""
        until = time.monotonic() + 60
        while not any(s in seen for s in shown) and child.isalive() and time.monotonic() < until:
            try:
                seen += child.read_nonblocking(65536, timeout=0.2)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
        assert any(s in seen for s in shown), seen[-2000:]
        time.sleep(1)
        child.send("q")
        pressed = time.monotonic()
        while child.isalive() and time.monotonic() - pressed < 20:
            try:
                child.read_nonblocking(65536, timeout=0.2)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
        assert not child.isalive(), "brief did not quit on q"
        assert time.monotonic() - pressed < 5
    finally:
        if child.isalive():
            child.terminate(force=True)


def test_the_reader_quits_at_once_while_it_fetches(dripping: str, tmp_path: Path) -> None:
    _reader_quits_at_once(dripping, tmp_path, (b"indexing", b"checking"))  # the server sends a byte every 0.1 s


def test_the_reader_lists_a_folder_holding_a_fifo_and_quits(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text("Harbour Tolls Rise\n\nThe Quay Authority raised its tolls on Monday.\n")
    os.mkfifo(folder / "feed.xml")
    _reader_quits_at_once(str(folder), tmp_path, (b"Harbour Tolls Rise",))


@pytest.mark.usefixtures("store")  # on SQLite and on PostgreSQL
def test_a_feed_cut_short_by_a_quit_while_a_link_is_fetched_is_read_in_full_next_time(
        dripping: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed's entries span transactions (BATCH 2, five entries); the list of links after it waits on a slow
    server, and the user quits then (progress raises as the fetch waits): the next update, the list gone, gives
    all five entries (the feed's row, committed with its first entries, had it taken as unchanged)."""
    from brief.pipeline.index import update as update_module
    from brief.pipeline.sources import fetch as fetch_module

    monkeypatch.setattr(update_module, "BATCH", 2)
    items = "".join(f"<item><title>Velmora port news {i}</title><guid>g{i}</guid><description>Jane Roe said the "
                    f"port of Velmora moved {i + 2} million tonnes, up {i + 3}% on the year.</description></item>"
                    for i in range(5))
    root = tmp_path / "news"
    root.mkdir()
    (root / "a-wire.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Wire'
                                     f'</title>{items}</channel></rss>')
    (root / "b-links.urls").write_text(dripping + "\n")
    fetching: list[str] = []
    follow = fetch_module._follow

    def following(client, url, *args):  # noqa: ANN001, ANN002, ANN202
        fetching.append(url)
        return follow(client, url, *args)

    monkeypatch.setattr(fetch_module, "_follow", following)

    def progress(done: int, total: int, name: str) -> None:
        if fetching:  # the user quits as the link is fetched
            raise Quit

    lib = Library([root], cache_dir=tmp_path / "cache")
    started = time.monotonic()
    with pytest.raises(Quit):
        lib.update(progress, workers=1)
    assert fetching and time.monotonic() - started < 10
    assert lib.count() == 4  # two transactions of the feed's entries written before it
    lib.close()
    (root / "b-links.urls").unlink()
    again = Library([root], cache_dir=tmp_path / "cache")
    again.update(workers=1)
    assert again.count() == 5
