"""The lifecycle of the extraction worker processes: started cleanly, and never outliving brief.

A worker of ``concurrent.futures`` blocks on its task queue, whose write end it holds itself:
when brief is killed (SIGTERM, SIGKILL, a closed terminal) nothing tells it, and it waited
for good, keeping multiprocessing's resource tracker alive with it. So each worker asks the
kernel for a signal when its parent dies (Linux), and also watches its parent (anywhere).
Ctrl-C is the parent's to handle: workers ignore SIGINT, so it ends brief without one
traceback per worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_EVERY = 0.5  # seconds between a worker's looks at its parent, where the kernel cannot tell it

_TRACKER_LOCK = threading.Lock()
_SIGINT = {signal.SIGINT}


class _NoDescriptor:
    """Stands in for ``sys.stderr`` while the resource tracker starts: everything but ``fileno`` is the real one's."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def fileno(self) -> int:
        raise OSError("no file descriptor")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with valid descriptors, whatever ``sys.stderr`` is now.

    The tracker hands ``sys.stderr.fileno()`` to its process; in the reader, Textual's stand-in
    stderr answers -1 and every worker pool failed with "bad value(s) in fds_to_keep". The
    tracker inherits descriptor 2 anyway; started once, every pool of this process reuses it.
    """
    from multiprocessing import resource_tracker

    with _TRACKER_LOCK:
        stream = sys.stderr
        try:
            valid = stream is not None and os.fstat(stream.fileno()) is not None
        except (OSError, ValueError, AttributeError):
            valid = False
        if not valid:
            sys.stderr = _NoDescriptor(stream)
        try:
            resource_tracker.ensure_running()
        finally:
            if not valid:
                sys.stderr = stream


@contextlib.contextmanager
def spawning() -> Iterator[None]:
    """Start worker processes inside this: they begin with SIGINT blocked (a mask survives exec),
    so a Ctrl-C while they import cannot print a traceback before ``guard_worker`` ignores it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGINT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def guard_worker(parent: int) -> None:
    """In a worker process: end when ``parent`` ends, however it ends, and leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGINT)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError, TypeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before the kernel was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="brief-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_EVERY)
    os._exit(1)
