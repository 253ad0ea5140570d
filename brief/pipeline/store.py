"""The cache of per-article analyses in SQLite, keyed by content hash and extractor version.

The cache is disposable (the articles are not): a corrupt, truncated or foreign database file
is moved aside and rebuilt, and an unwritable cache folder falls back to memory, so brief
always opens.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path
from types import TracebackType
from typing import Any

SCHEMA_VERSION = 1
FILENAME = "index.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (
    hash TEXT NOT NULL,
    extractor TEXT NOT NULL,
    data BLOB NOT NULL,
    raw BLOB NOT NULL,
    PRIMARY KEY (hash, extractor)
);
"""


class Store:
    """``get``/``put`` analyses by (content hash, extractor version)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / FILENAME if folder is not None else None
        self.warning: str | None = None
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._init(sqlite3.connect(":memory:"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._init(sqlite3.connect(self.path, timeout=10))
        except sqlite3.OperationalError as err:  # read-only, full, locked: the file may be fine
            return self._in_memory(str(err))
        except sqlite3.DatabaseError as err:  # not a database, truncated, a newer schema
            return self._rebuild(f"the cache was unreadable ({err}); rebuilt it")
        except OSError as err:
            return self._in_memory(err.strerror or str(err))

    def _in_memory(self, why: str) -> sqlite3.Connection:
        assert self.path is not None
        self.warning = f"cannot use the cache in {self.path.parent} ({why}); working without it"
        return self._init(sqlite3.connect(":memory:"))

    def _rebuild(self, why: str) -> sqlite3.Connection:
        assert self.path is not None
        try:
            for suffix in ("", "-wal", "-shm"):
                stale = self.path.with_name(self.path.name + suffix)
                if stale.exists():
                    stale.replace(stale.with_name(stale.name + ".corrupt"))
            db = self._init(sqlite3.connect(self.path, timeout=10))
        except (sqlite3.DatabaseError, OSError) as err:
            return self._in_memory(str(err))
        self.warning = why
        return db

    def _init(self, db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None:
            db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            db.commit()
        elif int(row[0]) != SCHEMA_VERSION:
            db.close()
            raise sqlite3.DatabaseError(f"schema version {row[0]}, this brief reads {SCHEMA_VERSION}")
        return db

    def get(self, content_hash: str, extractor: str) -> dict[str, Any] | None:
        try:
            row = self.db.execute(
                "SELECT data FROM analyses WHERE hash=? AND extractor=?", (content_hash, extractor)
            ).fetchone()
            return json.loads(zlib.decompress(row[0])) if row else None
        except (sqlite3.DatabaseError, zlib.error, ValueError):
            return None

    def put(self, content_hash: str, extractor: str, data: dict[str, Any], raw: str) -> None:
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)",
                (content_hash, extractor, zlib.compress(json.dumps(data).encode()), zlib.compress(raw.encode())),
            )
        except sqlite3.OperationalError as err:  # read-only or full disk: work on without caching
            self.warning = f"could not write the cache ({err})"

    def raw(self, content_hash: str) -> str | None:
        row = self.db.execute("SELECT raw FROM analyses WHERE hash=? LIMIT 1", (content_hash,)).fetchone()
        return zlib.decompress(row[0]).decode() if row else None

    def close(self) -> None:
        try:
            self.db.commit()
        except sqlite3.DatabaseError as err:
            self.warning = f"could not write the cache ({err})"
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()
