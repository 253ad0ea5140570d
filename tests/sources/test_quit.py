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


def test_the_reader_quits_at_once_while_it_fetches(dripping: str, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect", reason="pexpect is needed to drive a pseudo-terminal")
    env = {**os.environ, "TERM": "xterm-256color", "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TEXTUAL", None)
    child = pexpect.spawn(sys.executable, ["-m", "brief.cli", dripping], env=env, dimensions=(40, 120), timeout=30)
    try:
        seen = b""
        until = time.monotonic() + 30
        while b"indexing" not in seen and b"checking" not in seen and time.monotonic() < until:
            try:
                seen += child.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                pass
        time.sleep(1)  # the fetch is under way: the server sends a byte every 0.1 s
        child.send("q")
        pressed = time.monotonic()
        while child.isalive() and time.monotonic() - pressed < 20:
            try:
                child.read_nonblocking(65536, timeout=0.2)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
        assert not child.isalive(), "brief did not quit on q"
        assert time.monotonic() - pressed < 5
        assert b"indexing" in seen or b"checking" in seen
    finally:
        if child.isalive():
            child.terminate(force=True)
