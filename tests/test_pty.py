"""End to end: the real ``brief`` command in a pseudo-terminal (120x40), read back with pyte."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from invented import write_corpus

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


def _spawn(tmp_path: Path, *paths: str):  # noqa: ANN202 - a pexpect child
    command, args = _command()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES),
           "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TEXTUAL", None)
    return pexpect.spawn(command, [*args, *paths], cwd=str(REPO), env=env, dimensions=(LINES, COLUMNS), timeout=30)


def _quit(child, terminal: Terminal) -> None:  # noqa: ANN001
    child.send("q")
    deadline = time.monotonic() + 15
    while child.isalive() and time.monotonic() < deadline:
        terminal.pump()
    assert not child.isalive(), "brief did not quit on q"
    child.close()
    assert child.exitstatus == 0, (child.exitstatus, child.signalstatus)


def test_brief_shows_the_seeds_moves_and_quits(tmp_path: Path) -> None:
    expected = _first_title_words(tmp_path / "cache")
    child = _spawn(tmp_path)
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
        _quit(child, terminal)
    finally:
        if child.isalive():
            child.terminate(force=True)


def test_a_new_folder_of_200_articles_is_indexed_in_the_reader(tmp_path: Path) -> None:
    """The first thing a new user does: open a folder that is not indexed yet, big enough for the
    worker processes (the library's PARALLEL_FROM), with the reader's own stderr in place."""
    from brief.pipeline.index.library import PARALLEL_FROM

    count = 200
    assert count >= PARALLEL_FROM
    folder = write_corpus(tmp_path / "news", count)
    child = _spawn(tmp_path, str(folder))
    try:
        terminal = Terminal(child)
        terminal.wait_for(f"/ {count}", timeout=60)  # "indexing N / 200" while the workers run
        terminal.wait_for(f"{count} articles", timeout=120)
        terminal.settle()
        screen = terminal.text()
        assert "Indexing failed" not in screen and "No articles" not in screen, screen
        assert "indexing" not in screen, screen  # done, and said so
        _quit(child, terminal)
    finally:
        if child.isalive():
            child.terminate(force=True)


def _spawn_redirected(tmp_path: Path, redirect: str, *paths: str):  # noqa: ANN202 - a pexpect child
    """``brief PATHS`` from a shell with one of its streams redirected (``2>FILE``, ``>FILE``), in a terminal
    whose size only the terminal knows (no COLUMNS or LINES in the environment, as in a login shell)."""
    command, args = _command()
    env = {**os.environ, "TERM": "xterm-256color", "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("TEXTUAL", "COLUMNS", "LINES"):
        env.pop(name, None)
    script = f'exec "$@" {redirect}'
    return pexpect.spawn("/bin/sh", ["-c", script, "sh", command, *args, *paths], cwd=str(REPO), env=env,
                         dimensions=(LINES, COLUMNS), timeout=30)


@pytest.mark.parametrize("stream", ["2>", ">"], ids=["stderr to a file", "stdout to a file"])
def test_the_interface_uses_the_terminal_when_a_stream_is_redirected(tmp_path: Path, stream: str) -> None:
    """`brief ~/news 2>skipped.log` (the README's "named on standard error" invites it) drew the whole
    interface into the log and left the terminal blank; with stdout redirected the size was guessed."""
    folder = write_corpus(tmp_path / "news", 5)
    (folder / "empty.txt").write_text("")  # one skipped file: named on screen, so not in the log
    log = tmp_path / "brief.log"
    child = _spawn_redirected(tmp_path, f"{stream}{log}", str(folder))
    try:
        terminal = Terminal(child)
        terminal.wait_for("5 articles", timeout=60)
        terminal.wait_for("empty.txt")  # the notice of the skipped file
        terminal.settle()
        screen = terminal.text()
        assert "Quotes" in screen
        footers = [y for y, line in enumerate(terminal.screen.display) if "/ Search" in line]
        assert footers == [LINES - 1], screen  # drawn at the terminal's size, not 80x24 over it
        assert terminal.screen.display[1].rstrip().endswith("╮"), screen  # the panels reach the last column
        _quit(child, terminal)
    finally:
        if child.isalive():
            child.terminate(force=True)
    written = log.read_bytes()
    assert b"\x1b" not in written and b"empty.txt" not in written, written[:300]


def test_a_file_saved_into_the_open_folder_appears_marked_new_and_q_still_quits(tmp_path: Path) -> None:
    """The daily loop in the real command: brief open on a folder, a story saved into it shows up (no restart),
    "1 new" in the header; q quits at once although the folder is watched."""
    folder = write_corpus(tmp_path / "news", 5)
    child = _spawn(tmp_path, str(folder))
    try:
        terminal = Terminal(child)
        terminal.wait_for("5 articles", timeout=60)
        terminal.settle(quiet=1.5)  # the first check done (the watcher reads what changed before it began, too)
        (folder / "saved.md").write_text(
            "---\ntitle: Velmora Shipping opens a terminal in Quorvex\n---\n\nVelmora Shipping opened a terminal "
            "in Quorvex on Tuesday, said Jane Roe, chief executive of Velmora Shipping. It cost $310 million.\n")
        terminal.wait_for("6 articles", timeout=30)
        terminal.wait_for("1 new")
        terminal.wait_for("Velmora Shipping opens")
        _quit(child, terminal)
    finally:
        if child.isalive():
            child.terminate(force=True)
