"""Only regular files are opened: FIFOs, devices and sockets are skipped with a reason and never hang brief."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from brief.pipeline.sources.model import LoadError
from brief.pipeline.sources.targets import InputKind, classify, read_regular

STORY = "Harbour Tolls Rise\n\nThe Quay Authority raised its tolls on Monday, said Ines Morrow, its director.\n"


def _export(*args: str, cache: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real ``brief export`` in a process of its own, so a hang fails the test instead of stalling it."""
    return subprocess.run([sys.executable, "-m", "brief.cli", "export", *args, "--cache-dir", str(cache)],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture
def specials(tmp_path: Path) -> Path:
    """A folder with one article and a FIFO, a device behind a symlink and a socket named as articles."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    os.mkfifo(folder / "feed.xml")
    (folder / "zero.txt").symlink_to("/dev/zero")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "live.html"))
    sock.close()
    os.mkfifo(folder / "pipe")  # a name brief would not read, but a special file is never passed over in silence
    return folder


def test_special_files_in_a_folder_are_skipped_with_a_reason(specials: Path, tmp_path: Path) -> None:
    done = _export(str(specials), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "Harbour Tolls Rise" in done.stdout
    for name, what in (("feed.xml", "a FIFO"), ("zero.txt", "a character device"), ("live.html", "a socket"),
                       ("pipe", "a FIFO")):
        assert f"brief: skipped {specials / name}: not a regular file ({what})" in done.stderr.splitlines()


def test_special_files_given_directly_are_skipped_with_a_reason(specials: Path, tmp_path: Path) -> None:
    done = _export(str(specials / "feed.xml"), str(specials / "zero.txt"), str(specials / "story.txt"),
                   cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert f"brief: skipped {specials / 'feed.xml'}: not a regular file (a FIFO)" in lines
    assert f"brief: skipped {specials / 'zero.txt'}: not a regular file (a character device)" in lines
    alone = _export(str(specials / "feed.xml"), cache=tmp_path / "cache")
    assert alone.returncode == 2 and "not a regular file (a FIFO)" in alone.stderr


def test_the_reader_command_names_a_special_file_instead_of_opening_it(specials: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "brief.cli", str(specials / "feed.xml")], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.strip() == f"brief: {specials / 'feed.xml'}: not a regular file (a FIFO)"


def test_a_file_swapped_for_a_fifo_after_it_was_classified_is_not_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    assert classify(path).kind is InputKind.TEXT
    path.unlink()
    os.mkfifo(path)  # nobody will ever write to it: a blocking open would wait forever
    outcome: list[BaseException | bytes] = []
    reader = threading.Thread(target=lambda: outcome.append(_try_read(path)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], LoadError) and str(outcome[0]) == "not a regular file (a FIFO)"


def _try_read(path: Path) -> BaseException | bytes:
    try:
        return read_regular(path, 1 << 20)
    except LoadError as err:
        return err


def test_classify_names_every_kind_of_target(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "d").mkdir()
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    got = {name: (t.kind, t.reason) for name in ("a.txt", "b.html", "d", "broken.txt", "loop1", "missing.md")
           for t in [classify(tmp_path / name)]}
    assert got == {
        "a.txt": (InputKind.TEXT, ""), "b.html": (InputKind.WEB, ""), "d": (InputKind.FOLDER, ""),
        "broken.txt": (InputKind.OTHER, "broken symbolic link"), "loop1": (InputKind.OTHER, "symbolic link loop"),
        "missing.md": (InputKind.OTHER, "no such file or directory"),
    }
    assert classify("https://example.com/news").kind is InputKind.URL


def test_a_json_nested_too_deeply_inside_a_folder_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    deep = '{"version": "https://jsonfeed.org/version/1.1", "items": ' + "[" * 200_000 + "]" * 200_000 + "}"
    (folder / "deep.json").write_text(deep)
    done = _export(str(folder), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Harbour Tolls Rise" in done.stdout
    assert f"brief: skipped {folder / 'deep.json'}: malformed JSON Feed: nested too deeply to read" in \
        done.stderr.splitlines()


def test_folders_nested_thousands_deep_are_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    from brief.pipeline.sources.targets import MAX_FOLDER_DEPTH

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    bottom = folder
    for _ in range(1_100):
        bottom = bottom / "d"
        os.mkdir(bottom)  # one at a time: Path.mkdir(parents=True) itself recurses
    (bottom / "lost.txt").write_text("Lost Story\n\nA story filed far too deep to be read by anyone.\n")
    try:
        done = _export(str(folder), cache=tmp_path / "cache")
    finally:  # pytest's own clean-up of tmp_path recurses, and would fail on this folder
        (bottom / "lost.txt").unlink()
        while bottom != folder:
            os.rmdir(bottom)
            bottom = bottom.parent
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Harbour Tolls Rise" in done.stdout and "Lost Story" not in done.stdout
    too_deep = folder.joinpath(*["d"] * (MAX_FOLDER_DEPTH + 1))
    assert done.stderr.splitlines() == [
        f"brief: skipped {too_deep}: a folder more than {MAX_FOLDER_DEPTH} levels deep: not read"]
