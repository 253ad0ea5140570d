"""The library: one corpus's index on disk, brought up to date with its files, and read back.

``update`` compares the files under the corpus's folders with what the index saw last time
(path, size, modification time): only new or changed files are read, only content never seen
is analysed (in worker processes when there is much of it), and the articles of files that
went away leave the index. Batches are written in ``BEGIN IMMEDIATE`` transactions, so two
brief processes on one corpus take turns instead of colliding.

The index is a cache. A file that is not an index, or one from a newer brief, is set aside and
rebuilt; a cache folder that cannot be written makes brief work in memory and say so.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from brief import paths as brief_paths
from brief.config import Settings, load_settings
from brief.models import Article, Briefing
from brief.pipeline import ingest
from brief.pipeline.analysis import EntityExtractor, analyse
from brief.pipeline.corrections import Corrections
from brief.pipeline.extract import EXTRACTOR_VERSION, extract_entities
from brief.pipeline.index import reader
from brief.pipeline.index.query import Query, parse
from brief.pipeline.index.schema import SchemaError, migrate
from brief.pipeline.index.writer import Writer

Progress = Callable[[int, int, str], None]
BATCH = 200  # articles per transaction
PARALLEL_FROM = 48  # fewer new files than this are analysed in this process


@dataclass
class UpdateReport:
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def corpus_key(roots: Sequence[Path]) -> str:
    """One index per set of folders and files: the same set opens the same index."""
    names = sorted({ingest.display_path(p.resolve()) for p in roots})
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def _extractor(settings: Settings, name: str) -> tuple[str, EntityExtractor]:
    """The entity extractor to use and the version string its results are kept under."""
    if name == "spacy":
        from brief.pipeline.extract import spacy_backend

        nlp = spacy_backend.load(settings.spacy_model)
        return (f"spacy-{settings.spacy_model}-{nlp.meta.get('version', '?')}+{EXTRACTOR_VERSION}",
                lambda texts: spacy_backend.extract_entities(texts, nlp))
    return EXTRACTOR_VERSION, extract_entities


# --- worker processes ------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}
# (shown path, real path, mtime, size, content hash, analysis, text, error)
Result = tuple[str, str, int, int, str | None, dict[str, Any] | None, str | None, str | None]


def _init_worker(settings_json: str, extractor: str, known: frozenset[str]) -> None:
    settings = Settings.model_validate_json(settings_json)
    _WORKER["entities"] = _extractor(settings, extractor)[1]
    _WORKER["corrections"] = Corrections(settings.entities, settings.ignore)
    _WORKER["known"] = known


def _work(item: tuple[str, str, int, int]) -> Result:
    """Read, hash and (if the content is new) analyse one file."""
    shown, real, mtime, size = item
    try:
        data, text = ingest.read_text(Path(real))
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return shown, real, mtime, size, None, None, None, reason
    digest = hashlib.sha256(data).hexdigest()
    if digest in _WORKER["known"]:
        return shown, real, mtime, size, digest, None, None, None
    analysis = analyse(text, _WORKER["entities"], _WORKER["corrections"])
    return shown, real, mtime, size, digest, analysis, text, None


# --- the library -----------------------------------------------------------------------------


class Library:
    """A corpus (folders and files) and its index."""

    def __init__(self, roots: Sequence[Path] | None = None, *, cache_dir: Path | None = None,
                 use_cache: bool = True, extractor: str | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.roots = list(roots) if roots else [brief_paths.seeds_dir()]
        self.extractor = extractor or self.settings.extractor
        self.corrections = Corrections(self.settings.entities, self.settings.ignore)
        version, self._entities = _extractor(self.settings, self.extractor)
        self.version = f"{version}+{self.settings.corrections_key()}" if self.corrections else version
        folder = brief_paths.cache_dir(cache_dir or self.settings.cache_dir)
        self.path: Path | None = folder / f"index-{corpus_key(self.roots)}.sqlite3" if use_cache else None
        self._memory = f"file:brief-{id(self)}?mode=memory&cache=shared"
        self.warnings: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self._local = threading.local()
        self._keep: sqlite3.Connection | None = None  # holds a shared in-memory index open

    # connections: one per thread; the first one creates, migrates or rebuilds the file

    @property
    def db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _open(self, target: Path | None) -> sqlite3.Connection:
        if target is None:
            db = sqlite3.connect(self._memory, uri=True, isolation_level=None, check_same_thread=False)
            self._keep = self._keep or db
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        migrate(db)
        return db

    def _connect(self) -> sqlite3.Connection:
        if self.path is None or self._keep is not None:
            return self._open(None)
        try:
            return self._open(self.path)
        except (SchemaError, sqlite3.DatabaseError) as err:
            if isinstance(err, sqlite3.OperationalError) and not isinstance(err, SchemaError):
                return self._without_cache(str(err))
            try:
                for suffix in ("", "-wal", "-shm"):
                    stale = self.path.with_name(self.path.name + suffix)
                    if stale.exists():
                        stale.replace(stale.with_name(stale.name + ".corrupt"))
                db = self._open(self.path)
            except (sqlite3.DatabaseError, OSError) as again:
                return self._without_cache(str(again))
            self.warnings.append((str(self.path), f"the index was unreadable ({err}); rebuilt it"))
            return db
        except OSError as err:
            return self._without_cache(err.strerror or str(err))

    def _without_cache(self, why: str) -> sqlite3.Connection:
        assert self.path is not None
        self.warnings.append((str(self.path.parent), f"cannot use the cache ({why}); working without it"))
        self.path = None
        return self._open(None)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # --- bringing the index up to date -------------------------------------------------------

    def _check_version(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'extractor'").fetchone()
        if row and row[0] == self.version:
            return
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        for table in ("files", "articles", "mentions", "figures", "roles", "entities", "entity_keys", "aliases",
                      "bands"):
            db.execute(f"DELETE FROM {table}")
        db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (self.version,))
        db.execute("COMMIT")

    def update(self, progress: Progress | None = None, workers: int | None = None) -> UpdateReport:
        """Bring the index up to date with the corpus's files."""
        report = UpdateReport()
        self._check_version()
        files, skipped = ingest.discover(self.roots)
        report.skipped.extend(skipped)
        db = self.db
        known = {row[0]: row[1:] for row in db.execute("SELECT path, mtime_ns, size, hash FROM files")}
        todo: list[tuple[str, str, int, int]] = []
        shown_paths = set()
        for p in files:
            shown = ingest.display_path(p)
            shown_paths.add(shown)
            try:
                st = p.stat()
            except OSError as err:
                report.skipped.append((shown, err.strerror or str(err)))
                continue
            seen = known.get(shown)
            if seen and seen[0] == st.st_mtime_ns and seen[1] == st.st_size:
                report.unchanged += 1
            else:
                todo.append((shown, str(p), st.st_mtime_ns, st.st_size))
        writer = Writer(db, self.corrections.declared_name)
        gone = [path for path in known if path not in shown_paths]
        if gone:
            db.execute("BEGIN IMMEDIATE")
            for path in gone:
                report.removed += self._unlink(writer, path)
            writer.finish()
            db.execute("COMMIT")
        results = self._analyse(todo, workers)
        done = 0
        while batch := list(itertools.islice(results, BATCH)):
            db.execute("BEGIN IMMEDIATE")
            for result in batch:
                report.added += self._store(writer, result, report)
            writer.finish()
            db.execute("COMMIT")
            done += len(batch)
            if progress:
                progress(done, len(todo), batch[-1][0])
        self.skipped = self.warnings + report.skipped
        return report

    def _analyse(self, todo: list[tuple[str, str, int, int]], workers: int | None) -> Iterator[Result]:
        known = frozenset(r[0] for r in self.db.execute("SELECT hash FROM articles"))
        workers = workers or os.cpu_count() or 1
        if len(todo) < PARALLEL_FROM or workers == 1:
            _WORKER.update(entities=self._entities, corrections=self.corrections, known=known)
            yield from map(_work, todo)
            return
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_init_worker,
                                 initargs=(self.settings.model_dump_json(), self.extractor, known)) as pool:
            yield from pool.map(_work, todo, chunksize=8)

    def _unlink(self, writer: Writer, path: str) -> int:
        """Forget a file; its article goes too when no other file has that content. Returns 1 if it went."""
        row = self.db.execute("SELECT article_id FROM files WHERE path = ?", (path,)).fetchone()
        self.db.execute("DELETE FROM files WHERE path = ?", (path,))
        if row and not self.db.execute("SELECT 1 FROM files WHERE article_id = ?", (row[0],)).fetchone():
            writer.remove(row[0])
            return 1
        return 0

    def _store(self, writer: Writer, result: Result, report: UpdateReport) -> int:
        shown, real, mtime, size, digest, analysis, text, error = result
        db = self.db
        previous = db.execute("SELECT hash FROM files WHERE path = ?", (shown,)).fetchone()
        if error is not None or digest is None:
            report.skipped.append((shown, error or "unreadable"))
            if previous:
                self._unlink(writer, shown)
            return 0
        if previous and previous[0] != digest:
            self._unlink(writer, shown)
        existing = db.execute("SELECT id FROM articles WHERE hash = ?", (digest,)).fetchone()
        added = 0
        if existing:
            article = existing[0]
        else:
            if analysis is None or text is None:  # seen when the work began, gone since: read it again
                *_, analysis, text, error = _work((shown, real, mtime, size))
                if analysis is None or text is None:
                    report.skipped.append((shown, error or "changed while indexing"))
                    return 0
            article, added = writer.add(shown, digest, analysis, text), 1
        db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", (shown, mtime, size, digest, article))
        return added

    # --- reading ------------------------------------------------------------------------------

    def briefing(self) -> Briefing:
        return reader.briefing(self.db, self.skipped)

    def query(self, text: str) -> Query:
        """The parsed query (raises ``QueryError`` with a message for the user)."""
        return parse(text)

    def count(self, query: Query | None = None) -> int:
        return reader.count_articles(self.db, query)

    def rows(self, query: Query | None = None, offset: int = 0, limit: int = 100) -> list[reader.ArticleRow]:
        return reader.article_rows(self.db, query, offset, limit)

    def article(self, article_id: int) -> Article | None:
        found = reader.articles(self.db, [article_id])
        return found[0] if found else None

    def search(self, text: str) -> list[reader.ArticleRow]:
        query = parse(text)
        return self.rows(query, 0, self.count(query))
