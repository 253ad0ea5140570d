"""Startup time of ``brief`` on the seeds against a bare Textual app (OptionList + Footer).

Each repetition is a fresh Python process, the same way for both apps: the time from starting the
process (interpreter and imports included) to the app's first screen being *ready* -- for brief,
the articles listed and the first one shown in the reader; for the bare app, its first screen.
brief's first paint (its "loading" state, before the pipeline answers) is shown too. brief's cache
is warmed by one run first. The target is a ratio of at most 1.5. The CPU time of each process is
printed too: wall-clock times swing on a shared machine, CPU times much less.

    python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (120, 40)


def _mark(name: str) -> None:
    print(f"{name}={time.time()}", flush=True)


async def _brief_ready(pilot) -> None:  # noqa: ANN001
    """Ready: the briefing is loaded from the (warm) cache and the first article drawn."""
    _mark("paint")
    screen = pilot.app.screen
    loaded = asyncio.Event()
    # wait on the reactive rather than polling, which would compete with the loading thread
    screen.watch(screen, "briefing", lambda briefing: briefing is not None and loaded.set(), init=True)
    await loaded.wait()
    await pilot.pause()
    _mark("ready")
    pilot.app.exit()


async def _baseline_ready(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    _mark("paint")
    _mark("ready")
    pilot.app.exit()


def child(which: str) -> None:
    """Run one app headless until its first screen is ready, then exit."""
    if which == "brief":
        from brief.ui.app import make_app

        app = make_app()
        asyncio.run(app.run_async(headless=True, size=SIZE, auto_pilot=_brief_ready))
    else:
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, OptionList

        class Baseline(App[None]):
            def compose(self) -> ComposeResult:
                yield OptionList("first article", "second article")
                yield Footer()

        asyncio.run(Baseline().run_async(headless=True, size=SIZE, auto_pilot=_baseline_ready))


def _time(which: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from starting the process to each mark, and the CPU seconds the process used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    done = subprocess.run([sys.executable, __file__, "--child", which], check=True, cwd=REPO, env=env,
                          capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    marks = dict(line.split("=", 1) for line in done.stdout.split() if "=" in line)
    result = {name: float(value) - start for name, value in marks.items()}
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--child", choices=("brief", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "BRIEF_CACHE_DIR": cache, "PYTHONPATH": str(REPO)}
        _time("brief", env)  # warm brief's cache (and the OS file cache for both)
        _time("baseline", env)
        runs: dict[str, list[dict[str, float]]] = {"brief": [], "baseline": []}
        for _ in range(args.repeat):
            for which in runs:
                runs[which].append(_time(which, env))

    def median(which: str, mark: str) -> float:
        return statistics.median(run[mark] for run in runs[which])

    def listing(which: str, mark: str) -> str:
        return ", ".join(f"{run[mark] * 1000:.0f}" for run in runs[which])

    brief, baseline = median("brief", "ready"), median("baseline", "ready")
    print(f"brief, first paint (loading):    median {median('brief', 'paint') * 1000:5.0f} ms  "
          f"[{listing('brief', 'paint')}]")
    print(f"brief, ready (seeds, warm cache): median {brief * 1000:5.0f} ms  [{listing('brief', 'ready')}]")
    print(f"bare Textual app, ready:          median {baseline * 1000:5.0f} ms  [{listing('baseline', 'ready')}]")
    print(f"ratio (ready): {brief / baseline:.2f}x (target <= 1.5x); "
          f"first paint: {median('brief', 'paint') / baseline:.2f}x")
    cpu_brief, cpu_baseline = median("brief", "cpu"), median("baseline", "cpu")
    print(f"CPU time per run (steadier on a busy machine): brief {cpu_brief * 1000:.0f} ms, "
          f"bare app {cpu_baseline * 1000:.0f} ms, ratio {cpu_brief / cpu_baseline:.2f}x")


if __name__ == "__main__":
    main()
