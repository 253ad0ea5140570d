"""Run the real ``brief export`` on a folder and tell which input files left no trace.

The invariant: every input file gives articles (its path, or ``path#entry``, is an article's
path), is listed as a copy of another, or is named on standard error with its reason. A file
that does none of these vanished in silence.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path


def export(folder: Path, cache: Path, timeout: float = 900) -> tuple[list[str], list[str]]:
    """The article paths and the standard-error lines of ``brief export --format json FOLDER``."""
    out = cache / "briefing.json"
    done = subprocess.run([sys.executable, "-m", "brief.cli", "export", str(folder), "--cache-dir", str(cache),
                           "--format", "json", "-o", str(out), "--force"],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    assert done.returncode in (0, 2), done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    paths = [a["path"] for a in json.loads(out.read_text())["articles"]] if out.exists() else []
    return paths, done.stderr.splitlines()


def unaccounted(inputs: Iterable[Path], paths: list[str], stderr: list[str]) -> list[str]:
    """The inputs that gave no article and are not named on standard error."""
    named = [line.removeprefix("brief: skipped ") for line in stderr if line.startswith("brief: skipped ")]
    articles = set(paths)
    parents = {p.split("#", 1)[0] for p in paths}
    lost = []
    for path in map(str, inputs):
        if path in articles or path in parents:
            continue
        if any(n.startswith((f"{path}: ", f"{path}#", f"{path}:")) for n in named):
            continue
        lost.append(path)
    return lost
