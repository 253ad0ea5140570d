"""brief processes as people run them: several at once on one cache, killed, interrupted.

Each test starts the real command in new processes (``running.brief``) on invented articles.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from invented import write_corpus
from running import alive, articles_in, brief, children, export, nice

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes in /proc")


def _helpers_started(proc: subprocess.Popen, count: int = 2, timeout: float = 120) -> set[int]:
    """Wait until brief has started ``count`` processes of its own (the resource tracker and workers)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        helpers = children(proc.pid)
        if len(helpers) >= count:
            time.sleep(0.5)  # let the workers get into their first tasks
            return children(proc.pid)
        time.sleep(0.05)
    raise AssertionError(f"brief never started {count} processes (exit status {proc.poll()})")


def _left_running(pids: set[int], timeout: float = 15) -> set[int]:
    deadline = time.monotonic() + timeout
    while (left := {pid for pid in pids if alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_three_exports_and_a_search_at_once_on_one_new_cache(tmp_path: Path) -> None:
    """The README promises that brief processes on one cache take turns: each gives what it gives alone."""
    root = write_corpus(tmp_path / "news", 60)
    clean = subprocess.run(export(root, tmp_path / "clean", batch=6), capture_output=True, text=True, timeout=300)
    found = subprocess.run(brief("search", "--cache-dir", str(tmp_path / "clean"), "revenue", str(root), batch=6),
                           capture_output=True, text=True, timeout=300)
    assert clean.returncode == found.returncode == 0, clean.stderr + found.stderr
    cache = tmp_path / "shared"
    runs = [subprocess.Popen(export(root, cache, batch=6), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    runs.append(subprocess.Popen(brief("search", "--cache-dir", str(cache), "revenue", str(root), batch=6),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [err for _, err in outs]
    assert all("Traceback" not in err for _, err in outs)
    assert [out for out, _ in outs] == [clean.stdout] * 3 + [found.stdout]


@needs_proc
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_the_worker_processes_end_with_brief_however_it_ends(tmp_path: Path, how: signal.Signals) -> None:
    root = write_corpus(tmp_path / "news", 300)
    proc = subprocess.Popen(export(root, tmp_path / "cache"), stdout=subprocess.DEVNULL,
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
def test_the_analysis_runs_below_brief_so_the_writer_and_the_screen_come_first(tmp_path: Path) -> None:
    """The worker processes analyse at a lower priority than brief's own process: what a first index waits for is its
    one writer (and a reader's screen stays quick), and the workers take the CPU it leaves."""
    root = write_corpus(tmp_path / "news", 300)
    proc = subprocess.Popen(export(root, tmp_path / "cache"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        helpers = _helpers_started(proc, count=3)  # the resource tracker and two workers
        own = nice(proc.pid)
        assert own is not None
        deadline, lower = time.monotonic() + 60, []
        while time.monotonic() < deadline and proc.poll() is None:  # (each lowers itself as it starts)
            lower = [pid for pid in helpers | children(proc.pid) if (n := nice(pid)) is not None and n > own]
            if len(lower) >= 2:
                break
            time.sleep(0.05)
        assert len(lower) >= 2, f"workers at {[nice(pid) for pid in children(proc.pid)]}, brief at {own}"
    finally:
        proc.kill()
        proc.wait(timeout=30)


@needs_proc
def test_ctrl_c_ends_an_export_quietly(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the terminal's group: brief stops, says nothing, exits 130."""
    root = write_corpus(tmp_path / "news", 300)
    proc = subprocess.Popen(export(root, tmp_path / "cache"), stdout=subprocess.PIPE,
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


def test_killed_in_the_middle_of_a_first_index_the_next_run_gives_a_clean_export(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 60)
    clean = subprocess.run(export(root, tmp_path / "clean", batch=6), capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    # the index file just created; the first batch written; half the articles written
    for point in (0, 6, 30):
        cache = tmp_path / f"cache-{point}"
        proc = subprocess.Popen(export(root, cache, batch=6), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while articles_in(cache) < point and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, f"brief ended before the kill at {point} articles"
        proc.kill()
        proc.wait(timeout=30)
        again = subprocess.run(export(root, cache, batch=6), capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stderr
        assert again.stdout == clean.stdout, f"killed at {point} articles"
