#!/usr/bin/env python3
"""The reader on large corpora: warm start, moving between articles, search, memory.

    python bench/bench_tui.py                 # 10,000 articles (and 100,000 when --large)
    python bench/bench_tui.py --large --repeat 5

The corpora are written once by ``bench/make_corpus.py`` under the temporary folder
(``brief-bench-N``) and indexed once into ``brief-bench-cache`` beside them. Each figure is
printed with its yardstick, measured in the same run:
- warm start, 10,000 articles: process start to the list of articles on screen,
  <= 2x a bare Textual app with a list and a footer (the method of bench_startup.py)
- warm start, 100,000 articles: <= 3x the same bare app
- next article (j: the reader follows the cursor), keypress to the reader showing it: <= 50 ms
- search, enter to the list showing the matches (median of 5 of each): <= 100 ms
- profile of a person or company (enter on a panel row), keypress to the profile screen drawn: <= 100 ms,
  for the 5 most mentioned people and companies (the largest profiles), also as a ratio to the next-article time
- the panels' view switch (v: search -> this article -> all -> search) with a search of 10,000 articles active,
  keypress to the panels redrawn: <= 100 ms, also as a ratio to the next-article time
- peak RSS of the app process with 10,000 articles open (after moving and searching): <= 250 MB
The CPU time of each start is printed too: on a busy machine it swings less than wall time.

    python bench/bench_tui.py --watch 1000    # only the watcher's figures, on a copy of 1,000 articles

- watching (``--watch N``, on a private copy of the corpus of N): a file written into the open folder,
  from the write to the list counting it, and a file deleted, to the list without it: <= 2 s on 1,000
  (5 s on 10,000), also as a ratio to the bare app's warm start (the yardstick above), run here too;
  the CPU of the app idle for 5 s with its folder watched, against the same app not watching: <= 1%
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SIZE = (120, 40)
SEARCH_REPEAT = 5  # each search is timed this many times (one time swings with the machine's load)
SEARCHES = ("person:Maliki", "market shares", "money>1e9", "percent>10 source:reuters", 'org:"Bank"',
            '"prime minister"')
VIEW_SEARCHES = ('org:"Bank"', "money>1e9", "said")  # 1,400 to 2,600 of the 10,000 articles


def corpus(n: int) -> tuple[Path, Path]:
    """The corpus of ``n`` articles and its index cache, made on first use."""
    from bench.common import corpus as generated
    from brief.pipeline.index.library import Library

    folder = generated(n)
    cache = Path(tempfile.gettempdir()) / "brief-bench-cache"  # one index file per corpus in it
    start = time.perf_counter()
    report = Library([folder], cache_dir=cache).update()
    if report.added:
        print(f"(indexed {report.added:,} articles of {folder} in {time.perf_counter() - start:.0f} s)", flush=True)
    return folder, cache


# --- child processes ---------------------------------------------------------------------------

def _mark(name: str, value: float | None = None) -> None:
    print(f"{name}={time.time() if value is None else value}", flush=True)


async def listed(app, kind: type | None = None) -> float:  # noqa: ANN001
    """The time (``time.time()``) of the first frame that shows rows of the article list (or a ``kind`` of widget).

    Watched from the app's ``_display`` rather than with ``pilot.pause()``, which waits for the
    process to go idle: it does not while the app checks the index in a worker thread.
    """
    shown = asyncio.Event()
    when: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:  # noqa: ANN001
        display(screen, renderable)
        if renderable is not None and not shown.is_set():
            if kind is None:
                from brief.ui.widgets.article_list import ArticleList

                lists = screen.query(ArticleList)
                ready = bool(lists) and lists.first().count > 0
            else:
                ready = bool(screen.query(kind))
            if ready:
                when.append(time.time())
                shown.set()

    app._display = timed_display
    await shown.wait()
    return when[0]


def _child_start(which: str, folder: str, cache: str) -> None:
    """Run one app headless until its first screen is ready (for brief: the articles listed), then exit."""
    if which == "baseline":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, OptionList

        class Baseline(App[None]):
            def compose(self) -> ComposeResult:
                yield OptionList("first article", "second article")
                yield Footer()

        async def baseline_ready(pilot) -> None:  # noqa: ANN001
            _mark("ready", await listed(pilot.app, OptionList))
            os._exit(0)

        asyncio.run(Baseline().run_async(headless=True, size=SIZE, auto_pilot=baseline_ready))
        return

    from brief.ui.app import make_app

    async def brief_ready(pilot) -> None:  # noqa: ANN001
        _mark("ready", await listed(pilot.app))
        os._exit(0)  # do not wait for the index check the app starts after its first screen

    app = make_app([Path(folder)], cache_dir=Path(cache))
    asyncio.run(app.run_async(headless=True, size=SIZE, auto_pilot=brief_ready))


def _child_use(folder: str, cache: str) -> None:
    """Open the app on a warm index, then time moving between articles and searching, with Pilot.

    Each time runs from the key reaching the app (Pilot's ``send_message`` to the driver) to the
    first frame that shows the result (the app's ``_display``): Pilot's own waiting for the app
    to go idle, which is most of a ``pilot.press``, is left out.
    """
    from brief.ui.app import make_app
    from brief.ui.widgets.article_list import ArticleList
    from brief.ui.widgets.reader import Reader
    from brief.ui.widgets.search import SearchBar

    sent: list[float] = []
    cpu_sent: list[float] = []
    frames: list[tuple[float, str | None, str | None, str, str]] = []
    cpu_frames: list[float] = []  # the process's CPU time at each frame: on a shared machine it swings less

    async def use(pilot) -> None:  # noqa: ANN001
        app = pilot.app
        screen = app.screen
        while not screen.up_to_date:
            await pilot.pause(0.05)
        await pilot.pause()
        articles = screen.query_one(ArticleList)
        reader = screen.query_one(Reader)
        people = screen.query_one("#people")

        send, display = app._driver.send_message, app._display

        def timed_send(message) -> None:  # noqa: ANN001
            sent.append(time.perf_counter())
            cpu_sent.append(time.process_time())
            send(message)

        def timed_display(screen, renderable) -> None:  # noqa: ANN001
            display(screen, renderable)
            if renderable is not None:
                query = articles.search.text if articles.search is not None else None
                frames.append((time.perf_counter(), reader.article_id, query, type(screen).__name__,
                               str(people.border_title)))
                cpu_frames.append(time.process_time())

        app._driver.send_message = timed_send
        app._display = timed_display

        def shown(what: int, value: str | None) -> float:
            """Seconds from the last key sent to the first frame where ``frames[i][what] == value``."""
            return next(t for t, *state in frames if t >= sent[-1] and state[what - 1] == value) - sent[-1]

        def cpu_shown(what: int, value: str | None) -> float:
            """CPU seconds of the app from the last key sent to that frame."""
            index = next(i for i, (t, *state) in enumerate(frames) if t >= sent[-1] and state[what - 1] == value)
            return cpu_frames[index] - cpu_sent[-1]

        moves, cpu_moves = [], []
        for start in (0, articles.PAGE - 12, 5 * articles.PAGE - 12):  # the last two cross into another page
            articles.highlighted = start
            await pilot.pause()
            for _ in range(24):
                row = articles.row(articles.highlighted + 1)
                await pilot.press("j")
                while reader.article_id != row.slug:
                    await pilot.pause(0)
                await pilot.pause()
                moves.append(shown(1, row.slug))
                cpu_moves.append(cpu_shown(1, row.slug))
        searches: dict[str, tuple[list[float], int]] = {}
        bar = screen.query_one(SearchBar)

        async def search(text: str) -> None:
            """From the whole list, as a user starts a new search."""
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("slash")
            bar.input.value = text
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()

        for _ in range(SEARCH_REPEAT):
            for text in SEARCHES:
                await search(text)
                searches.setdefault(text, ([], articles.count))[0].append(shown(2, text))
        views: dict[str, list[float]] = {}
        for text in VIEW_SEARCHES:  # each view of the panels (v), from a search's, then back to it
            await search(text)
            await app.workers.wait_for_complete()  # the panels' rows of the search, read in a worker
            await pilot.pause()
            for _ in range(3):
                before = people.border_title
                await pilot.press("v")
                while people.border_title == before:
                    await pilot.pause(0)
                await pilot.pause()
                views.setdefault(screen.view, []).append(shown(4, str(people.border_title)))
        await pilot.press("escape")
        await pilot.pause()
        profiles, cpu_profiles = [], []
        for panel_id in ("#people", "#companies"):
            panel = screen.query_one(panel_id)
            panel.focus()
            for index in range(5):  # the most mentioned: the longest lists and the most co-occurrences
                panel.highlighted = index
                await pilot.pause()
                await pilot.press("enter")
                while app.screen is screen:
                    await pilot.pause(0)
                await pilot.pause()
                profiles.append(shown(3, "ProfileScreen"))
                cpu_profiles.append(cpu_shown(3, "ProfileScreen"))
                await pilot.press("escape")
                await pilot.pause()
        print("use=" + json.dumps({"moves": moves, "searches": searches, "profiles": profiles, "views": views,
                                   "cpu_moves": cpu_moves, "cpu_profiles": cpu_profiles,
                                   "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
        os._exit(0)

    app = make_app([Path(folder)], cache_dir=Path(cache))
    asyncio.run(app.run_async(headless=True, size=SIZE, auto_pilot=use))


WATCH_TIMES = 5  # files written (and deleted) into the open folder
IDLE_SECONDS = 5.0


def _child_watch(folder: str, cache: str, watching: str) -> None:
    """Open the app, wait for its folder to be watched, then time files written and deleted, and its idle CPU.

    ``watching`` "no": the same app with the watcher left out (the idle yardstick).
    """
    from brief.pipeline.index import watch
    from brief.ui.app import make_app
    from brief.ui.widgets.article_list import ArticleList

    if watching == "no":
        watch.changes = lambda *args, **kwargs: iter(())  # type: ignore[assignment]
    import random

    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.txt"))[:20]).split()

    def article(n: int) -> str:
        """A new story (words of the corpus shuffled: not a near copy of one, which would be listed as its source)."""
        pick = random.Random(n).sample(words, min(len(words), 400))
        sentences = [" ".join(pick[i:i + 16]).capitalize() + "." for i in range(0, len(pick), 16)]
        return f"Velmora report number {n}\n\n" + "\n\n".join(" ".join(sentences[i:i + 4])
                                                             for i in range(0, len(sentences), 4)) + "\n"

    async def run(pilot) -> None:  # noqa: ANN001
        app = pilot.app
        screen = app.screen
        while not screen.up_to_date or (watching == "yes" and not screen.watching) or screen.indexing:
            await pilot.pause(0.05)
        await pilot.pause(1.0)  # the update the watcher asks for once in place
        while screen.indexing:
            await pilot.pause(0.05)
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(IDLE_SECONDS)
        idle = (time.process_time() - cpu) / (time.perf_counter() - wall)
        articles = screen.query_one(ArticleList)
        added, removed = [], []
        if watching == "yes":
            for n in range(WATCH_TIMES):
                before = articles.total
                path = Path(folder) / f"watched-{n}.txt"
                start = time.perf_counter()
                path.write_text(article(n), encoding="utf-8")
                while articles.total <= before:
                    await pilot.pause(0.01)
                added.append(time.perf_counter() - start)
                await pilot.pause(0.5)
                start = time.perf_counter()
                path.unlink()
                while articles.total > before:
                    await pilot.pause(0.01)
                removed.append(time.perf_counter() - start)
                await pilot.pause(0.5)
        print("watch=" + json.dumps({"added": added, "removed": removed, "idle": idle}), flush=True)
        os._exit(0)

    app = make_app([Path(folder)], cache_dir=Path(cache))
    asyncio.run(app.run_async(headless=True, size=SIZE, auto_pilot=run))


def _watching(n: int, repeat: int) -> None:
    """The watcher's figures on a private copy of the corpus of ``n`` (files are written into it)."""
    import shutil

    from brief.pipeline.index.library import Library

    folder, _ = corpus(n)
    with tempfile.TemporaryDirectory(prefix="brief-bench-watch-") as tmp:
        copy, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        shutil.copytree(folder, copy)
        start = time.perf_counter()
        Library([copy], cache_dir=cache).update()
        print(f"(indexed the copy of {n:,} articles in {time.perf_counter() - start:.0f} s)", flush=True)
        bare = []
        for _ in range(repeat):
            marks, begun, _ = _run(["--child", "baseline", str(copy), str(cache)])
            bare.append(float(marks["ready"]) - begun)
        yardstick = statistics.median(bare)
        with_watch = json.loads(_run(["--watch-child", str(copy), str(cache), "yes"])[0]["watch"])
        without = json.loads(_run(["--watch-child", str(copy), str(cache), "no"])[0]["watch"])
    limit = 2.0 if n <= 1_000 else 5.0
    for what, times in (("a file written, to listed", with_watch["added"]),
                        ("a file deleted, to gone", with_watch["removed"])):
        median = statistics.median(times)
        print(f"watching {n:,}: {what}: [{', '.join(f'{t:.2f}' for t in times)}] s, median {median:.2f} s = "
              f"{median / yardstick:.1f}x the bare app's warm start ({yardstick * 1000:.0f} ms)  "
              f"(target <= {limit:g} s)")
    print(f"idle CPU over {IDLE_SECONDS:g} s: watching {with_watch['idle'] * 100:.2f}%, not watching "
          f"{without['idle'] * 100:.2f}%: the watcher {100 * (with_watch['idle'] - without['idle']):+.2f} points  "
          "(target <= 1%)", flush=True)


# --- the parent ----------------------------------------------------------------------------------

def _run(args: list[str]) -> tuple[dict[str, str], float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # run from bytecode, as an installed package does
    done = subprocess.run([sys.executable, __file__, *args], check=True, cwd=REPO, capture_output=True, text=True,
                          env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    marks = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return marks, start, cpu


def _starts(n: int, repeat: int) -> tuple[float, float, float, float]:
    """Median seconds to ready and CPU seconds, brief on ``n`` articles and the bare app, interleaved."""
    folder, cache = corpus(n)
    times: dict[str, list[float]] = {"brief": [], "baseline": []}
    cpus: dict[str, list[float]] = {"brief": [], "baseline": []}
    for which in ("brief", "baseline"):  # warm the OS file cache for both
        _run(["--child", which, str(folder), str(cache)])
    for _ in range(repeat):
        for which in times:
            marks, start, cpu = _run(["--child", which, str(folder), str(cache)])
            times[which].append(float(marks["ready"]) - start)
            cpus[which].append(cpu)
    print(f"  brief, {n:,} articles listed: [{', '.join(f'{t * 1000:.0f}' for t in times['brief'])}] ms")
    print(f"  bare app ready:        [{', '.join(f'{t * 1000:.0f}' for t in times['baseline'])}] ms")
    return (statistics.median(times["brief"]), statistics.median(times["baseline"]),
            statistics.median(cpus["brief"]), statistics.median(cpus["baseline"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", action="store_true", help="also the warm start on 100,000 articles")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-start", action="store_true", help="leave out the warm starts (time the use of the app only)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--use", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--watch", type=int, metavar="N", help="only the watcher's figures, on a copy of N articles")
    ap.add_argument("--watch-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.watch_child:
        _child_watch(*args.watch_child)
        return 0
    if args.watch:
        _watching(args.watch, args.repeat)
        return 0
    if args.child:
        _child_start(*args.child)
        return 0
    if args.use:
        _child_use(*args.use)
        return 0

    for n, limit in [] if args.no_start else [(10_000, 2.0), *([(100_000, 3.0)] if args.large else [])]:
        print(f"warm start on {n:,} articles (median of {args.repeat}):", flush=True)
        brief, bare, cpu_brief, cpu_bare = _starts(n, args.repeat)
        print(f"warm start {n:>7,}: {brief * 1000:5.0f} ms vs bare app {bare * 1000:4.0f} ms = {brief / bare:.2f}x "
              f"(target <= {limit:g}x); CPU {cpu_brief * 1000:.0f} vs {cpu_bare * 1000:.0f} ms = "
              f"{cpu_brief / cpu_bare:.2f}x", flush=True)

    folder, cache = corpus(10_000)
    marks, _, _ = _run(["--use", str(folder), str(cache)])
    use = json.loads(marks["use"])
    moves = sorted(use["moves"])
    print(f"next article (j), {len(moves)} moves: median {statistics.median(moves) * 1000:.1f} ms, "
          f"90th {moves[int(len(moves) * 0.9)] * 1000:.1f} ms, worst {moves[-1] * 1000:.1f} ms  (target <= 50 ms)")
    for text, (seconds, count) in use["searches"].items():
        print(f"search {text!r:29} median {statistics.median(seconds) * 1000:5.1f} ms, "
              f"worst {max(seconds) * 1000:5.1f} ms  ({count:,} articles)  (target <= 100 ms)")
    print(f"profiles in the order opened: [{', '.join(f'{t * 1000:.0f}' for t in use['profiles'])}] ms")
    profiles = sorted(use["profiles"])
    print(f"profile (enter on a name), {len(profiles)} entities: median {statistics.median(profiles) * 1000:.1f} ms, "
          f"worst {profiles[-1] * 1000:.1f} ms = {statistics.median(profiles) / statistics.median(moves):.2f}x "
          "the next-article median  (target <= 100 ms)")
    cpu = sorted(use["cpu_profiles"])
    print(f"  CPU of the app in it: median {statistics.median(cpu) * 1000:.1f} ms, worst {cpu[-1] * 1000:.1f} ms = "
          f"{statistics.median(cpu) / statistics.median(use['cpu_moves']):.2f}x the next-article CPU median")
    for view, seconds in use["views"].items():
        print(f"panels to {view!r:10} (v) median {statistics.median(seconds) * 1000:5.1f} ms, worst "
              f"{max(seconds) * 1000:5.1f} ms = {statistics.median(seconds) / statistics.median(moves):.2f}x the "
              f"next-article median  (target <= 100 ms)")
    print(f"peak RSS with 10,000 articles open: {use['rss']:.0f} MB  (target <= 250 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
