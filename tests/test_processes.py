"""brief processes as people run them: several at once on one cache, killed, interrupted.

Each test starts the real command in new processes (``_brief``) on invented articles.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from invented import write_corpus

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes in /proc")


def _brief(*args: str, batch: int = 6) -> list[str]:
    """The real command in a new process, writing a batch every ``batch`` articles (so that runs interleave)."""
    code = ("import sys; from brief.pipeline.index import library; library.BATCH = int(sys.argv[1]); "
            "from brief.cli import main; sys.exit(main(sys.argv[2:]))")
    return [sys.executable, "-c", code, str(batch), *args]


def _export(root: Path, cache: Path, batch: int = 6) -> list[str]:
    return _brief("export", "--format", "json", "--cache-dir", str(cache), str(root), batch=batch)


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name; None for a process gone (or a zombie)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] in ("Z", "X") else fields


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _helpers_started(proc: subprocess.Popen, count: int = 2, timeout: float = 120) -> set[int]:
    """Wait until brief has started ``count`` processes of its own (the resource tracker and workers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        helpers = _children(proc.pid)
        if len(helpers) >= count:
            time.sleep(0.5)  # let the workers get into their first tasks
            return _children(proc.pid)
        time.sleep(0.05)
    raise AssertionError(f"brief never started {count} processes (exit status {proc.poll()})")


def _left_running(pids: set[int], timeout: float = 15) -> set[int]:
    deadline = time.monotonic() + timeout
    while (alive := {pid for pid in pids if _stat(pid) is not None}) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def test_three_exports_and_a_search_at_once_on_one_new_cache(tmp_path: Path) -> None:
    """The README promises that brief processes on one cache take turns: each gives what it gives alone."""
    root = write_corpus(tmp_path / "news", 60)
    clean = subprocess.run(_export(root, tmp_path / "clean"), capture_output=True, text=True, timeout=300)
    found = subprocess.run(_brief("search", "--cache-dir", str(tmp_path / "clean"), "revenue", str(root)),
                           capture_output=True, text=True, timeout=300)
    assert clean.returncode == found.returncode == 0, clean.stderr + found.stderr
    cache = tmp_path / "shared"
    runs = [subprocess.Popen(_export(root, cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    runs.append(subprocess.Popen(_brief("search", "--cache-dir", str(cache), "revenue", str(root)),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [err for _, err in outs]
    assert all("Traceback" not in err for _, err in outs)
    assert [out for out, _ in outs] == [clean.stdout] * 3 + [found.stdout]


@needs_proc
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_the_worker_processes_end_with_brief_however_it_ends(tmp_path: Path, how: signal.Signals) -> None:
    root = write_corpus(tmp_path / "news", 300)
    proc = subprocess.Popen(_export(root, tmp_path / "cache", batch=200), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        helpers = _helpers_started(proc, count=3)  # the resource tracker and two workers
        proc.send_signal(how)
        proc.wait(timeout=30)
        assert not _left_running(helpers), "brief's worker processes outlived it"
    finally:
        if proc.poll() is None:
            proc.kill()


@needs_proc
def test_ctrl_c_ends_an_export_quietly(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the terminal's group: brief stops, says nothing, exits 130."""
    root = write_corpus(tmp_path / "news", 300)
    proc = subprocess.Popen(_export(root, tmp_path / "cache", batch=200), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        helpers = _helpers_started(proc, count=3)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        assert not _left_running(helpers)
    finally:
        if proc.poll() is None:
            proc.kill()


def _indexed(cache: Path) -> int:
    """Articles committed to the index in ``cache`` so far (0 while there is none)."""
    for path in cache.glob("index-*.sqlite3"):
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
            try:
                return db.execute("SELECT count(*) FROM articles").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error:
            return 0
    return -1


def test_killed_in_the_middle_of_a_first_index_the_next_run_gives_a_clean_export(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 60)
    clean = subprocess.run(_export(root, tmp_path / "clean"), capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    # the index file just created; the first batch written; half the articles written
    for point in (0, 6, 30):
        cache = tmp_path / f"cache-{point}"
        proc = subprocess.Popen(_export(root, cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _indexed(cache) < point and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, f"brief ended before the kill at {point} articles"
        proc.kill()
        proc.wait(timeout=30)
        again = subprocess.run(_export(root, cache), capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stderr
        assert again.stdout == clean.stdout, f"killed at {point} articles"
