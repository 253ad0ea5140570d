"""A budget in time and memory for parsing one document, so one hostile file cannot stall or sink a run.

Cheap pre-checks come first (the size caps per format in ``formats``, and at most
``MAX_ATTRIBUTES`` attributes on one XML element, where feedparser is quadratic). A document
big enough to be at risk (``watch_bytes`` or more) is then parsed in a child process with
``RLIMIT_AS`` set and a watchdog: past ``seconds`` it is killed and the file skipped with a
reason. Small documents, nearly all of them, are parsed in place: a process each would cost
more than the parse.

Measured on the 2-core development machine under load (see the README): a dense 4 MB HTML page
parses in 38 s (4.9 MB: 52 s), a 17 MB feed of 20,000 entries in 30 s; 2,000 attributes on one
element take 0.7 s, 20,000 take 39 s. The caps in ``formats`` keep the largest accepted file
within ``seconds``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from brief.pipeline.sources.model import Found, LoadError

MAX_ATTRIBUTES = 2_000
"""Attributes on one element of a feed: real feeds have a handful; feedparser is quadratic in them."""
_TAG = re.compile(rb"<[A-Za-z_][^<>]{4000,}>")
_ATTRIBUTE = re.compile(rb"""\s[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""")


@dataclass(frozen=True)
class Budget:
    seconds: float = 60.0
    """Wall-clock time one document's parse may take."""
    memory: int = 2 << 30
    """Memory (address space, in bytes) the parse may add."""
    watch_bytes: int = 1 << 20
    """Documents this large or larger are parsed in a watched child process."""


DEFAULT = Budget()


def check_attributes(data: bytes) -> None:
    """Refuse an XML document with an element of more than ``MAX_ATTRIBUTES`` attributes (one linear scan)."""
    for tag in _TAG.finditer(data):  # only start tags long enough to hold that many
        if len(_ATTRIBUTE.findall(tag.group())) > MAX_ATTRIBUTES:
            raise LoadError(f"an element with more than {MAX_ATTRIBUTES:,} attributes: not parsed")


def run(loader: str, data: bytes, budget: Budget, **options: Any) -> Found:
    """``loader`` (``module:function``) on ``data``, within ``budget``; raises ``LoadError`` when over it."""
    import multiprocessing

    from brief.pipeline.sources.formats import load_function

    if len(data) < budget.watch_bytes:
        return load_function(loader)(data, **options)
    # fork is cheap and safe in a single-threaded process (the worker processes); with other threads
    # running (the reader's), a fresh interpreter is the safe way.
    ctx = multiprocessing.get_context("fork") if threading.active_count() == 1 else multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(loader, data, options, send, budget.memory),
                        daemon=not multiprocessing.current_process().daemon)
    child.start()
    send.close()
    try:
        if not receive.poll(budget.seconds):
            raise LoadError(f"took longer than {budget.seconds:g} s to parse (the budget for one file): skipped")
        try:
            outcome, value = receive.recv()
        except EOFError:
            outcome, value = "died", None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if outcome == "ok":
        return value  # type: ignore[no-any-return]
    if outcome == "load":
        raise LoadError(value)
    if outcome in ("memory", "died"):
        raise LoadError(f"needed more than {budget.memory >> 20} MB of memory to parse (the budget for one file): "
                        "skipped")
    raise LoadError(f"unexpected error: {value}")


def _child(loader: str, data: bytes, options: dict[str, Any], send: Any, memory: int) -> None:
    import resource

    from brief.pipeline.sources.formats import load_function

    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        used = 0
    try:
        resource.setrlimit(resource.RLIMIT_AS, (used + memory, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        pass
    try:
        send.send(("ok", load_function(loader)(data, **options)))
    except LoadError as err:
        send.send(("load", str(err)))
    except MemoryError:
        send.send(("memory", None))
    except Exception as err:  # reported as the parent would report it in place
        send.send(("error", f"{type(err).__name__}: {str(err)[:300]}"))
    finally:
        send.close()
