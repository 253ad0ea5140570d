"""End to end: the real ``brief`` command in a pseudo-terminal (120x40), read back with pyte."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="pexpect is needed to drive a pseudo-terminal")
pyte = pytest.importorskip("pyte", reason="pyte is needed to read the terminal screen")

REPO = Path(__file__).resolve().parent.parent
COLUMNS, LINES = 120, 40


def _command() -> tuple[str, list[str]]:
    script = Path(sys.executable).parent / "brief"
    found = str(script) if script.exists() else shutil.which("brief")
    if found:
        return found, []
    if importlib.util.find_spec("brief.__main__") is not None:
        return sys.executable, ["-m", "brief"]
    pytest.skip("neither a `brief` console script nor `python -m brief` is available")


def _first_title_words(cache: Path) -> str:
    """The first words of the first seed article's title, as the pipeline reads it (warms the cache)."""
    from brief.paths import seeds_dir
    from brief.pipeline.build import load_briefing

    title = load_briefing([seeds_dir()], cache_dir=cache).articles[0].title
    return " ".join(title.split()[:3])


class Terminal:
    def __init__(self, child) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    def pump(self, seconds: float = 0.1) -> None:
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=seconds))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            pass

    def settle(self, quiet: float = 0.4, limit: float = 10) -> None:
        """Read until the app has drawn everything (no output for ``quiet`` seconds)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=quiet))
            except (pexpect.TIMEOUT, pexpect.EOF):
                return

    def left_pane(self) -> list[tuple[str, str]]:
        """Characters and backgrounds of the article list (to see the cursor move)."""
        return [(cell.data, cell.bg) for y in range(LINES) for x, cell in sorted(self.screen.buffer[y].items())
                if x < 32]

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, words: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if words in self.text():
                return
            if not self.child.isalive():
                break
        raise AssertionError(f"{words!r} never appeared on screen:\n{self.text()}")


def test_brief_shows_the_seeds_moves_and_quits(tmp_path: Path) -> None:
    command, args = _command()
    expected = _first_title_words(tmp_path / "cache")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES),
           "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TEXTUAL", None)
    child = pexpect.spawn(command, args, cwd=str(REPO), env=env, dimensions=(LINES, COLUMNS), timeout=30)
    try:
        terminal = Terminal(child)
        terminal.wait_for(expected)
        terminal.wait_for("Articles")
        terminal.settle()
        before = terminal.left_pane()
        child.send("j")
        terminal.settle()
        after_j = terminal.left_pane()
        assert after_j != before, "j did not move the cursor in the article list"
        child.send("\x1b[A")  # up: back where it was
        terminal.settle()
        child.send("\x1b[B")  # down
        terminal.settle()
        assert terminal.left_pane() == after_j
        assert expected in terminal.text()
        child.send("q")
        deadline = time.monotonic() + 15
        while child.isalive() and time.monotonic() < deadline:
            terminal.pump()
        assert not child.isalive(), "brief did not quit on q"
        child.close()
        assert child.exitstatus == 0, (child.exitstatus, child.signalstatus)
    finally:
        if child.isalive():
            child.terminate(force=True)
