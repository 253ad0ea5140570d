"""The index's connections: one per thread, opened (created, migrated or rebuilt) here and nowhere else.

The index is a cache. A file that is not an index, or one from a newer brief, is set aside and
rebuilt (the fixes made for its corpus, which are no cache, carried over when they can be read);
a cache folder that cannot be written, or a disk that fills up, makes brief work in memory and
say so (``warnings``).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from brief.pipeline.index.schema import SchemaError, migrate

_DISK_FAILED = {13, 10}  # SQLITE_FULL ("database or disk is full"), SQLITE_IOERR


WAIT_S = 30.0
"""Seconds a statement waits for another connection's lock on the index file before it fails ("database is locked")."""


def disk_failed(err: sqlite3.OperationalError) -> bool:
    """Did the disk under the index fill up (or fail)? Then the work goes on in memory."""
    return getattr(err, "sqlite_errorcode", 0) & 0xFF in _DISK_FAILED


def _discard(path: Path) -> None:
    """Delete an index this process began on a disk that filled up, with its ``-wal`` (which holds
    the disk full: it cannot be folded into the file), unless another connection has it open.

    A connection in exclusive locking mode gets its lock only when no other has the file open
    (in WAL mode each holds a shared lock on it, in this process or another).
    """
    try:
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("PRAGMA locking_mode=EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")
            probe.execute("ROLLBACK")
        finally:
            probe.close()
    except sqlite3.Error:
        return  # in use: the other brief goes on with it
    for suffix in ("-wal", "-shm", ""):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


class Connections:
    """The index file at ``path`` (None: in memory), or the shared index at ``url`` (PostgreSQL,
    ``brief.pipeline.index.store``), a connection per thread; ``warnings`` says what went wrong."""

    def __init__(self, path: Path | None, warnings: list[tuple[str, str]], url: str | None = None) -> None:
        self.path = path
        self.url = url
        self.warnings = warnings
        self._memory = f"file:brief-{id(self)}?mode=memory&cache=shared"
        self._local = threading.local()
        self._keep: sqlite3.Connection | None = None  # holds a shared in-memory index open
        self._created = False  # the index file was new when this process opened it

    @property
    def db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None or self._local.path != self.path:  # a thread's first use, or the index moved to memory
            if db is not None and db is not self._keep:
                db.close()
            db = self._local.db = self._connect()
            self._local.path = self.path
        return db

    def _open(self, target: Path | None) -> sqlite3.Connection:
        if target is None:
            db = sqlite3.connect(self._memory, uri=True, isolation_level=None, check_same_thread=False)
            # a shared in-memory cache locks whole tables, and no busy timeout waits for them: a read on the
            # reader's thread while the update writes failed ("database table is locked") and ended the app;
            # reads take no table lock (they may see rows of a batch not yet committed)
            db.execute("PRAGMA read_uncommitted = 1")
            self._keep = self._keep or db
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._created = not target.exists()
            db = sqlite3.connect(target, timeout=WAIT_S, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        try:
            migrate(db)
        except BaseException:
            if target is not None:
                db.close()  # so that nothing holds a file set aside or deleted
            raise
        return db

    def _connect(self) -> sqlite3.Connection:
        if self.url:  # a shared index: the store's pooled connection, with the calls of sqlite3's
            from brief.pipeline.index import store

            return store.connect(self.url)  # type: ignore[return-value]
        if self.path is None or self._keep is not None:
            return self._open(None)
        try:
            return self._open(self.path)
        except (SchemaError, sqlite3.DatabaseError) as err:
            if isinstance(err, sqlite3.OperationalError) and not isinstance(err, SchemaError):
                path, memory = self.path, self._without_cache(str(err))
                if self._created:  # a disk too full for even the schema
                    _discard(path)
                return memory
            from brief.pipeline.index import fixes

            kept = fixes.held_in(self.path)  # the fixes made for the corpus are no cache: they go to the new index
            try:
                for suffix in ("", "-wal", "-shm"):
                    stale = self.path.with_name(self.path.name + suffix)
                    if stale.exists():
                        stale.replace(stale.with_name(stale.name + ".corrupt"))
                db = self._open(self.path)
                fixes.restore(db, kept)
            except (sqlite3.DatabaseError, OSError) as again:
                return self._without_cache(str(again))
            also = f", keeping its {len(kept)} fix{'es' * (len(kept) != 1)}" if kept else ""
            self.warnings.append((str(self.path), f"the index was unreadable ({err}); rebuilt it{also}"))
            return db
        except OSError as err:
            return self._without_cache(err.strerror or str(err))

    def _without_cache(self, why: str) -> sqlite3.Connection:
        assert self.path is not None
        self.warnings.append((str(self.path.parent), f"cannot use the cache ({why}); working without it"))
        self.path = None
        return self._open(None)

    def to_memory(self, why: str) -> None:
        """Go on in memory from a copy of the index as last committed (the disk under it is full)."""
        disk, path = self.db, self.path
        if disk.in_transaction:
            disk.execute("ROLLBACK")
        memory = self._without_cache(why)
        disk.backup(memory)
        disk.close()
        self._local.db, self._local.path = memory, None
        if path is not None and self._created:
            _discard(path)

    def memory_dir(self) -> str:
        """A temporary folder of this process's (for fetched pages, when there is no cache folder)."""
        import tempfile

        if not hasattr(self, "_tmp"):
            self._tmp = tempfile.TemporaryDirectory(prefix="brief-")
        return self._tmp.name

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
