"""Startup time of ``brief`` on the seeds against a bare Textual app (OptionList + Footer).

Each repetition is a fresh Python process, the same way for both apps: the time from starting the
process (interpreter and imports included) to the first frame drawn that shows the app *ready* --
for brief, the articles listed and the first one shown in the reader; for the bare app, its first
screen. brief's first frame of any kind is shown too (brief opens its index before drawing, so
with a warm cache the two are the same frame). Frames are watched in the app's ``_display``, not
with ``pilot.pause()``, which waits for the process to go idle (it does not while brief checks its
index in a worker thread). brief's cache is warmed by one run first. The target is a ratio of at
most 1.5. The CPU time of each process is printed too: wall-clock times swing on a shared machine
(one run of 15 pairs to the next moves the ratio by about 0.1), CPU times less. Both run from
compiled bytecode, as an installed package does (pip compiles it on install):
``PYTHONDONTWRITEBYTECODE`` is dropped for the children and the warm-up run writes brief's
``__pycache__``.

    python bench/bench_startup.py [--repeat 15]
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


def _mark(name: str, value: float | None = None) -> None:
    print(f"{name}={time.time() if value is None else value}", flush=True)


def _watch_frames(app, ready) -> asyncio.Event:  # noqa: ANN001
    """Marks "paint" at the first frame drawn and "ready" at the first one for which ``ready(screen)`` holds."""
    done = asyncio.Event()
    display = app._display

    def timed_display(screen, renderable) -> None:  # noqa: ANN001
        display(screen, renderable)
        if renderable is None or done.is_set():
            return
        if not getattr(app, "_painted", False):
            app._painted = True
            _mark("paint")
        if ready(screen):
            _mark("ready")
            done.set()

    app._display = timed_display
    return done


def _brief_shown(screen) -> bool:  # noqa: ANN001
    """The articles listed and the first one in the reader."""
    from brief.ui.widgets.article_list import ArticleList
    from brief.ui.widgets.reader import Reader

    lists, readers = screen.query(ArticleList), screen.query(Reader)
    return bool(lists and readers) and lists.first().count > 0 and readers.first().article_id is not None


def child(which: str) -> None:
    """Run one app headless until its first screen is ready, then exit."""
    if which == "brief":
        from brief.ui.app import make_app

        app = make_app()
        shown = _watch_frames(app, _brief_shown)
    else:
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, OptionList

        class Baseline(App[None]):
            def compose(self) -> ComposeResult:
                yield OptionList("first article", "second article")
                yield Footer()

        app = Baseline()
        shown = _watch_frames(app, lambda screen: bool(screen.query(OptionList)))

    async def ready(pilot) -> None:  # noqa: ANN001
        await shown.wait()
        os._exit(0)  # do not wait for brief's index check, started after its first screen

    asyncio.run(app.run_async(headless=True, size=SIZE, auto_pilot=ready))


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
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--child", choices=("brief", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "BRIEF_CACHE_DIR": cache, "PYTHONPATH": str(REPO)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        sys.path.insert(0, str(REPO))
        from brief.pipeline.index.library import Library

        Library(None, cache_dir=Path(cache)).update()  # warm brief's cache
        _time("brief", env)  # and the OS file cache for both
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
