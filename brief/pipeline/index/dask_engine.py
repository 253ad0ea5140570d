"""Analysis on Dask (``distributed``): a ``LocalCluster`` of this machine, or the scheduler of a cluster.

The client reads each file and ships its bytes: a worker elsewhere need not see the client's
paths, only have brief installed. A task is keyed by the content hashes of the files it analyses
(and the job), so a task lost and run again, or sent twice, gives the same result and is computed
once; the client puts the names back on what comes back. A worker that dies takes its tasks to
another (Dask's scheduler reschedules them, and ``retries`` covers a task that fails). Web targets
(feeds, pages, links) are loaded by the client, whose fetch cache they use, and content the index
already has is only parsed there. Results come back in the order of the tasks, as the index
writes them in that order.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import pickle
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from brief.pipeline.index.engine import CHUNK, WINDOW, Job, Loaded, Task, Worker, lower_priority, read_article_file

if TYPE_CHECKING:
    from distributed import Client, Future

RETRIES = 2  # a task that raised (not one whose worker died: that one the scheduler moves) is tried again

_WORKERS: dict[bytes, Worker] = {}  # in a Dask worker process: one per job, its extractor loaded once


def _analyse(job: Job, token: bytes, contents: list[bytes]) -> list[Loaded]:
    """On a Dask worker: the articles of these files' bytes, analysed."""
    worker = _WORKERS.get(token)
    if worker is None:
        _WORKERS.clear()
        worker = _WORKERS[token] = Worker(job)
    return [worker.content(data) for data in contents]


class Dask:
    """The analysis on a Dask cluster: at ``address`` (``tcp://HOST:PORT``), or a ``LocalCluster`` of ``workers``."""

    def __init__(self, address: str | None = None, workers: int = 2) -> None:
        self.address = address
        self.workers = workers

    def __repr__(self) -> str:
        return f"Dask({self.address or f'local:{self.workers}'})"

    def _client(self) -> Client:
        from distributed import Client, LocalCluster

        if self.address is not None:
            return Client(self.address, timeout="10s")
        cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)  # logging.ERROR
        from distributed.diagnostics.plugin import WorkerPlugin

        class Lowered(WorkerPlugin):  # the workers of this machine analyse below brief, as the process pool's do
            # (``engine.WORKER_NICE``); a cluster's own are left as their machines run them
            name = "brief-lowered"

            def setup(self, worker: object) -> None:  # (also in a worker the nanny starts again)
                lower_priority()

        client = Client(cluster)
        client.register_plugin(Lowered())
        return client

    def analyse(self, todo: list[Task], job: Job, local: Worker) -> Iterator[Loaded]:
        files = [task for task in todo if not task.web]
        if not files:
            yield from (loaded for task in todo for loaded in local.work(task))
            return
        remote = Job(job.settings, job.extractor, frozenset(), job.fetch_dir, job.refresh)  # the known stay here
        token = hashlib.sha256(pickle.dumps(remote)).digest()
        client = self._client()
        try:  # the job goes in every task (a few kB), not scattered: data held by a worker that dies is lost
            yield from self._ordered(client, remote, token, todo, job, local)
        finally:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()

    def _ordered(self, client: Client, remote: Job, token: bytes, todo: list[Task], job: Job,
                 local: Worker) -> Iterator[Loaded]:
        """Each step of the tasks in order: a run of what the client does itself, or a chunk sent out."""
        pending: deque[tuple[list[Task], list[bytes | None], Future | None]] = deque()
        steps = self._steps(todo, job)
        for step in itertools.islice(steps, WINDOW // CHUNK):
            pending.append(self._submit(client, remote, token, *step))
        while pending:
            tasks, contents, future = pending.popleft()
            results = future.result() if future is not None else []
            for step in itertools.islice(steps, 1):
                pending.append(self._submit(client, remote, token, *step))
            sent = iter(results)
            for task, data in zip(tasks, contents, strict=True):
                if data is None:
                    yield from local.work(task)
                else:
                    loaded = next(sent)
                    task.resolved = os.path.realpath(task.real)
                    loaded.shown, loaded.task = task.shown, task
                    yield loaded

    @staticmethod
    def _steps(todo: list[Task], job: Job) -> Iterator[tuple[list[Task], list[bytes | None], list[bytes]]]:
        """The tasks in chunks, each file's bytes read (None: done by the client: a web target, a file that
        cannot be read, whose error the client's worker gives, or content the index has), with the digests of
        the bytes sent (hashed once: they decide what is known and key the chunk)."""
        for start in range(0, len(todo), CHUNK):
            tasks = todo[start:start + CHUNK]
            contents: list[bytes | None] = []
            digests: list[bytes] = []
            for task in tasks:
                data = None
                if not task.web:
                    with contextlib.suppress(OSError, ValueError):
                        data = read_article_file(task.real)
                if data is not None:
                    digest = hashlib.sha256(data)
                    if digest.hexdigest() in job.known:
                        data = None
                    else:
                        digests.append(digest.digest())
                contents.append(data)
            yield tasks, contents, digests

    @staticmethod
    def _submit(client: Client, remote: Job, token: bytes, tasks: list[Task], contents: list[bytes | None],
                digests: list[bytes]) -> tuple[list[Task], list[bytes | None], Future | None]:
        sent = [data for data in contents if data is not None]
        if not sent:
            return tasks, contents, None
        key = hashlib.sha256(token)
        for digest in digests:
            key.update(digest)
        future = client.submit(_analyse, remote, token, sent, key=f"brief-analyse-{key.hexdigest()}",
                               retries=RETRIES, pure=False)
        return tasks, contents, future
