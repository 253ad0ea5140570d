"""Watching a corpus's folders and files: which of them changed, as it happens.

``watchfiles`` (inotify on Linux, FSEvents on macOS) waits in the kernel, so a watcher costs nothing
while nothing changes. What changed is only a cue: ``Library.update`` finds what to read again, as it
does at every start (it compares sizes, times and hashes), so no event is trusted for more than that.
Links and feeds on the web are not watched (``r`` fetches them again), nor the bundled sample articles.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from brief import paths as brief_paths
from brief.pipeline.sources.targets import is_url

DEBOUNCE_MS = 300
"""Changes within this long of each other are one batch (a copy of many files is one update, not many)."""
STEP_MS = 100
"""How often the watcher looks whether it is asked to stop: quitting waits at most this long for it."""
AWAKE_MS = 1000
"""How long the watcher waits at most before it says it is watching (and then again: an empty batch, passed over)."""


def watched(roots: Sequence[Path | str]) -> list[Path]:
    """The local folders and files of a corpus that exist: not its URLs, not the bundled sample articles."""
    seeds = brief_paths.seeds_dir().resolve()
    out: list[Path] = []
    for root in roots:
        if is_url(str(root)):
            continue
        path = Path(root).resolve()
        if path == seeds or seeds in path.parents or not path.exists():
            continue
        out.append(path)
    return out


def changes(roots: Sequence[Path | str], stop: threading.Event, ignore: Sequence[Path] = (),
            ready: Callable[[], None] | None = None) -> Iterator[set[str]]:
    """The paths changed (written, added, deleted) under ``roots``, a batch at a time, until ``stop`` is set.

    ``ignore``: folders whose changes are not the corpus's (the index's own cache, when it is inside a folder
    watched: else each update would be a change, and call for another). ``ready`` is called once the
    watcher is in place (a change from then on is seen): what changed before it needs an update of its own.
    """
    paths = watched(roots)
    if not paths:
        return
    from watchfiles import DefaultFilter, watch

    quiet = DefaultFilter(ignore_paths=[str(Path(p).resolve()) for p in ignore])
    for batch in watch(*paths, watch_filter=quiet, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop,
                       rust_timeout=AWAKE_MS, yield_on_timeout=True, raise_interrupt=False,
                       ignore_permission_denied=True):
        if ready is not None:
            ready()
            ready = None
        if batch:
            yield {path for _, path in batch}
