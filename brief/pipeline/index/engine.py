"""Analysis: read the files to index and analyse the articles the index has not seen, in this process
or spread over workers.

An ``Engine`` takes the tasks of an update (``Task``: a file or web target to read) and gives back
what was read (``Loaded``), in the order of the tasks: the index gives ids, slugs and entities in
the order articles are written, so every engine gives the same index. A ``Worker`` does one task
wherever it runs (this process, a pool process, a Dask worker); ``Job`` is what every worker is
told of the run. The default is a pool of local processes (``ProcessPool``); small runs stay in
this process (``InProcess``); ``brief.pipeline.index.dask_engine`` sends the work to Dask.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from brief.pipeline import ingest
from brief.pipeline.sources.targets import is_url, read_regular

if TYPE_CHECKING:
    from brief.config import Settings
    from brief.pipeline.analysis import Analysis, EntityExtractor
    from brief.pipeline.corrections import Corrections
    from brief.pipeline.extract.spans import EntitySpan

PARALLEL_FROM = 48  # fewer new files than this are analysed in this process
CHUNK = 8  # files sent to a worker process at a time
WINDOW = 2000
"""Files in flight at most: results never pile up faster than they are written. Two of the writer's largest batches
(``update._batch``: 5 times ``update.BATCH``): the writer takes a whole batch before it writes it, and no file goes
out meanwhile, so a window of one batch left the workers idle while each was written (400 files against batches of
1,000 at 100,000 articles: the cores sat idle 40 s of a 177 s cold index, 12 s with 2,000)."""
WORKER_NICE = 10
"""How much lower the analysis processes run than brief itself: the one writer (and the reader's screen, or the server
of a shared index on this machine) is what everything waits for, and the workers take the CPU it leaves. On 2 cores
a PostgreSQL index's writer waited for its server, which shared its core with two workers, 5 s of a 25 s first index
(the cores idle meanwhile, 5.5 CPU-s): 1.2 s with the workers below it."""


def read_article_file(path: str) -> bytes:
    """The bytes of one article file (``LoadError``/``OSError`` for what is not one), as hashed and read."""
    return read_regular(path, ingest.MAX_BYTES, what="for one article")


def unreadable(err: OSError | ValueError) -> str:
    """Why a file could not be read, as the user is told."""
    return err.strerror if isinstance(err, OSError) and err.strerror else str(err)


def extractor(settings: Settings, name: str) -> tuple[str, EntityExtractor]:
    """The entity extractor to use and the version string its results are kept under."""
    from brief.pipeline.extract.version import EXTRACTOR_VERSION

    if name == "spacy":
        from brief.pipeline.extract import spacy_backend

        nlp = spacy_backend.load(settings.spacy_model)
        return (f"spacy-{settings.spacy_model}-{nlp.meta.get('version', '?')}+{EXTRACTOR_VERSION}",
                lambda texts: spacy_backend.extract_entities(texts, nlp))
    return EXTRACTOR_VERSION, _builtin_entities


def _builtin_entities(texts: Sequence[str]) -> list[list[EntitySpan]]:
    """brief's extractor, imported on first use: an index that is up to date never needs it."""
    from brief.pipeline.extract import extract_entities

    return extract_entities(texts)


@dataclass
class Task:
    """A file to read, or a web target (page, feed, list, URL) to load: ``shown`` is its key in the index."""

    shown: str
    real: str
    mtime: int
    size: int
    web: bool = False
    inode: int = 0
    ctime: int = 0
    resolved: str | None = None  # the file's resolved path, found by the worker that reads it


@dataclass
class Loaded:
    """One article read (and analysed when its content is new), or why it could not be."""

    shown: str
    digest: str | None = None
    analysis: Analysis | None = None
    text: str | None = None
    error: str | None = None
    url: str | None = None
    summary_only: bool = False
    parent: str | None = None  # the feed or list it came from
    task: Task | None = None  # what it was read for (set on every item once read)
    parsed: Any = None  # its structure, kept when the analysis was skipped as already known
    first: bool = True  # the first item of its task (a file gives one; a feed, page or list one or more)
    complete: bool = False  # of a feed or list's first item: it gave every entry, so the index remembers it
    note: bool = False  # the error is a note on a target still read (a refresh that failed: the copy kept)


@dataclass(frozen=True)
class Job:
    """What every worker is told of the run: how to analyse, and what the index already holds."""

    settings: Settings
    extractor: str
    known: Container[str]  # the content hashes the index has: their articles are not analysed again
    fetch_dir: str
    refresh: bool


class Worker:
    """Reads tasks and analyses what they hold, with one extractor loaded once (per process)."""

    def __init__(self, job: Job, entities: EntityExtractor | None = None, corrections: Corrections | None = None,
                 stop: Callable[[], bool] | None = None) -> None:
        from brief.pipeline.corrections import Corrections

        self.job = job
        self.entities = entities or extractor(job.settings, job.extractor)[1]
        self.corrections = corrections if corrections is not None else Corrections(job.settings.entities)
        self.stop = stop  # asked by fetches as they wait (in the client's process only)

    def work(self, task: Task) -> list[Loaded]:
        """Read a file or load a web target, and analyse each article in it that the index has not seen."""
        task.resolved = None if is_url(task.real) else os.path.realpath(task.real)
        if task.web:
            return self._web(task)
        try:
            data = read_article_file(task.real)
        except (OSError, ValueError) as err:
            return [Loaded(task.shown, error=unreadable(err), task=task)]
        loaded = self.content(data, task.shown)
        loaded.task = task
        return [loaded]

    def content(self, data: bytes, shown: str = "") -> Loaded:
        """One article file's bytes decoded, parsed and analysed (unless the index has them)."""
        try:
            text = ingest.decode_text(data)
        except ValueError as err:
            return Loaded(shown, error=unreadable(err))
        loaded = Loaded(shown, hashlib.sha256(data).hexdigest(), text=text)
        return self._analysed(loaded, lambda: ingest.parse(text))

    def work_many(self, tasks: list[Task]) -> list[Loaded]:
        return [loaded for task in tasks for loaded in self.work(task)]

    def _analysed(self, loaded: Loaded, parse: Callable[[], Any]) -> Loaded:
        """The document parsed (and analysed when new); a failure is this document's skip reason, never the run's."""
        try:
            parsed = parse()
            if loaded.digest in self.job.known:
                loaded.parsed = parsed
            else:
                from brief.pipeline import analysis

                loaded.analysis = analysis.analyse_parsed(parsed, self.entities, self.corrections)
        except Exception as err:
            from brief.pipeline.analysis import failure

            loaded.error = failure(err)
        return loaded

    def _web(self, task: Task) -> list[Loaded]:
        from brief.pipeline.sources import load
        from brief.pipeline.sources.parsed import as_parsed

        docs, skipped = load(task.real, fetch_dir=Path(self.job.fetch_dir), refresh=self.job.refresh, stop=self.stop)
        kept = bool(docs)  # what a failed refresh says of a target whose cached copy is read instead
        out = [Loaded(origin, error=reason, parent=task.shown, note=kept and origin == task.shown)
               for origin, reason in skipped]
        for doc in docs:
            meta = [doc.title, doc.author, doc.published, doc.source, doc.url, doc.summary_only, doc.text]
            digest = hashlib.sha256(json.dumps(meta).encode()).hexdigest()
            loaded = Loaded(doc.origin, digest, text=doc.text, url=doc.url,
                            summary_only=doc.summary_only, parent=None if doc.origin == task.shown else task.shown)
            out.append(self._analysed(loaded, partial(as_parsed, doc)))
        for n, item in enumerate(out):  # the first stands for the task: progress counts it
            item.task, item.first, item.complete = task, n == 0, not skipped
        return out


class Engine(Protocol):
    """Where the analysis runs: the tasks in, what they gave out, in the tasks' order."""

    def analyse(self, todo: list[Task], job: Job, local: Worker) -> Iterator[Loaded]:
        """``local`` is a worker of this process (its extractor loaded): for what is not worth sending out."""
        ...


class InProcess:
    """Everything in this process, one task after another."""

    def analyse(self, todo: list[Task], job: Job, local: Worker) -> Iterator[Loaded]:
        for task in todo:
            yield from local.work(task)


# --- a pool of local processes ---------------------------------------------------------------

_POOL_WORKER: list[Worker] = []  # in a pool process: its worker, made once by the initializer


def _init_pool_worker(job: Job, parent: int) -> None:
    from brief.pipeline.index.pool import guard_worker

    guard_worker(parent)
    lower_priority()
    _POOL_WORKER.append(Worker(job))


def lower_priority() -> None:
    """Run this process (an analysis worker) ``WORKER_NICE`` below brief."""
    with contextlib.suppress(AttributeError, OSError):  # (no nice on Windows)
        os.nice(WORKER_NICE)


def _pool_work(tasks: list[Task]) -> list[Loaded]:
    return _POOL_WORKER[0].work_many(tasks)


class ProcessPool:
    """Worker processes of this machine (spawned, each with its own extractor); a small run stays in this process."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1

    def analyse(self, todo: list[Task], job: Job, local: Worker) -> Iterator[Loaded]:
        if len(todo) < PARALLEL_FROM or self.workers == 1:
            yield from InProcess().analyse(todo, job, local)
            return
        from collections import deque
        from concurrent.futures import Future, ProcessPoolExecutor
        from multiprocessing import get_context

        from brief.pipeline.index.pool import spawning, start_resource_tracker

        start_resource_tracker()
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                   initializer=_init_pool_worker, initargs=(job, os.getpid()))
        # A bounded window of tasks in flight: results never pile up faster than they are written,
        # and stopping (an exception from the consumer) waits only for the few tasks running.
        # Two batches' worth stay queued, so the workers keep going while a batch is written.
        pending: deque[Future[list[Loaded]]] = deque()
        chunks = (todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK))
        try:
            with spawning():  # the workers start as the first tasks go out
                for chunk in itertools.islice(chunks, WINDOW // CHUNK):
                    pending.append(pool.submit(_pool_work, chunk))
            while pending:
                results = pending.popleft().result()
                for chunk in itertools.islice(chunks, 1):
                    with spawning():
                        pending.append(pool.submit(_pool_work, chunk))
                yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class EngineError(ValueError):
    """A ``--workers`` value brief cannot read: the message says what it takes."""


def engine_for(workers: str | int | None) -> Engine:
    """The engine a ``--workers`` value names: N local processes (the default: one per core), ``local:N`` a Dask
    ``LocalCluster`` of N workers, ``dask://HOST:PORT`` the Dask scheduler there."""
    if workers is None or isinstance(workers, int):
        return ProcessPool(workers)
    text = workers.strip()
    if text.isdigit() and int(text) > 0:
        return ProcessPool(int(text))
    if text.startswith("local:"):
        count = text[len("local:"):]
        if not (count.isdigit() and int(count) > 0):
            raise EngineError(f"local:N takes a whole number of Dask workers from 1, not {text!r}")
        from brief.pipeline.index.dask_engine import Dask

        return Dask(workers=int(count))
    if text.startswith("dask://"):
        where = text[len("dask://"):]
        host, _, port = where.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536 or "/" in where:
            raise EngineError(f"dask://HOST:PORT names a Dask scheduler, as dask://localhost:8786, not {text!r}")
        from brief.pipeline.index.dask_engine import Dask

        return Dask(address=f"tcp://{where}")
    raise EngineError(f"takes a number of processes (4), local:N (a Dask cluster of N workers on this machine) or "
                      f"dask://HOST:PORT (a Dask scheduler), not {text!r}")
