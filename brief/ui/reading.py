"""Articles opened in the reader are written as read off the event loop, in one thread of their own.

One long-lived thread (not a worker per article): the index gives each thread its own connection, and a
write may wait for an indexing batch to commit; the key that opened the article never waits for either.
Once written, it says so with ``done`` (the screen posts itself a message: never a call that waits for the
event loop, which waits for this thread when the app closes).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from brief.ui.source import Source

STOP = -1


class ReadMarks:
    """``mark(id)`` queues an article as read; ``done`` is called (from the thread) once it is written."""

    class Written(Message):
        """Articles were written as read: the unread count changed."""

    def __init__(self, source: Source, done: Callable[[], object]) -> None:
        self._source, self._done = source, done
        self._queue: queue.SimpleQueue[int] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="brief-read-marks", daemon=True)
        self._thread.start()

    def mark(self, article_id: int) -> None:
        self._queue.put(article_id)

    def close(self, wait: float = 2.0) -> None:
        """Write what is queued, then stop (waiting at most ``wait`` seconds)."""
        self._queue.put(STOP)
        self._thread.join(timeout=wait)

    def _run(self) -> None:
        while True:
            ids = [self._queue.get()]
            while not self._queue.empty():  # what piled up while the last write waited: one write
                ids.append(self._queue.get())
            stop = STOP in ids
            ids = [i for i in ids if i != STOP]
            if ids:
                try:
                    self._source.mark_read(ids)
                except Exception:  # noqa: BLE001 - a read mark is not worth an error; the article stays unread
                    pass
                else:
                    self._done()
            if stop:
                return
