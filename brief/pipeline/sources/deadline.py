"""One deadline for a whole fetch: connecting, the headers and the body, however slowly a server drips.

httpx's timeouts apply to each read, so a server sending one byte a second never trips them.
Every connection brief's client makes goes through ``DeadlineBackend``, whose streams cut
each wait to the time left before the deadline of the fetch running in this thread; past it,
the read fails as a timeout and the fetch names the deadline. Waits are also cut into slices
of ``SLICE`` seconds, between which a ``stop`` probe is asked: the reader quitting ends a fetch
at once, not at its deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

_local = threading.local()
SLICE = 0.2


class DeadlinePassed(httpcore.ReadTimeout):
    """The fetch's deadline passed (a subclass of a timeout, so httpx maps it to one)."""


class Stopped(httpcore.ReadTimeout):
    """The ``stop`` probe said to stop."""


@contextmanager
def deadline(seconds: float, stop: Callable[[], bool] | None = None) -> Iterator[None]:
    """Every network wait in this thread, inside the block, ends by ``seconds`` from now, or when ``stop()``."""
    previous = getattr(_local, "until", None), getattr(_local, "stop", None)
    _local.until, _local.stop = time.monotonic() + seconds, stop
    try:
        yield
    finally:
        _local.until, _local.stop = previous


def stopped() -> bool:
    stop = getattr(_local, "stop", None)
    return stop is not None and stop()


def passed() -> bool:
    until = getattr(_local, "until", None)
    return until is not None and time.monotonic() >= until


def _left(timeout: float | None) -> float | None:
    until = getattr(_local, "until", None)
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise DeadlinePassed("the deadline for the whole fetch passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """One read, waited for in slices: between them the deadline and the stop probe are checked."""
        waited = 0.0
        while True:
            if stopped():
                raise Stopped("stopped")
            left = _left(timeout)
            step = SLICE if left is None else min(SLICE, left)
            if timeout is not None:
                step = min(step, max(timeout - waited, 0.0))
            try:
                return self.inner.read(max_bytes, step)
            except httpcore.ReadTimeout:
                waited += step
                if passed():
                    raise DeadlinePassed("the deadline for the whole fetch passed") from None
                if timeout is not None and waited >= timeout:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self.inner.start_tls(ssl_context, server_hostname, _left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class DeadlineBackend(httpcore.SyncBackend):
    """httpcore's own socket backend, with every stream bounded by the thread's deadline."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        stream = super().connect_tcp(host, port, _left(timeout), local_address, socket_options)
        return _Stream(stream)
