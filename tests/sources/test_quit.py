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
