"""Running the real ``brief`` command in new processes, and finding the processes it starts.

Shared by tests/test_processes.py and bench/faults.py. Linux's /proc tells which processes are
brief's (the resource tracker and the extraction workers) and whether they are still running.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

CODE = ("import sys; from brief.pipeline.index import update; update.BATCH = int(sys.argv[1]); "
        "from brief.pipeline.sources import fetch; fetch.DEADLINE_SECONDS = float(sys.argv[2]); "
        "from brief.cli import main; sys.exit(main(sys.argv[3:]))")


def brief(*args: str, batch: int = 200, deadline: float = 90.0) -> list[str]:
    """The real command, writing a batch every ``batch`` articles (so that runs interleave) and
    giving each fetch ``deadline`` seconds (so that a slow-server case is short)."""
    return [sys.executable, "-c", CODE, str(batch), str(deadline), *args]


def export(root: Path | str, cache: Path, batch: int = 200, deadline: float = 90.0) -> list[str]:
    return brief("export", "--format", "json", "--cache-dir", str(cache), str(root), batch=batch, deadline=deadline)


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name; None for a process gone (or a zombie)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] in ("Z", "X") else fields


def alive(pid: int) -> bool:
    return _stat(pid) is not None


def nice(pid: int) -> int | None:
    """The process's nice value (None: gone)."""
    fields = _stat(pid)
    return int(fields[16]) if fields else None  # (the 19th field of /proc/PID/stat)


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def articles_in(cache: Path) -> int:
    """Articles committed to the index in ``cache`` so far (0 while it has none; -1 before it exists)."""
    for path in cache.glob("index-*.sqlite3"):
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
            try:
                return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
            finally:
                db.close()
        except sqlite3.Error:
            return 0
    return -1
