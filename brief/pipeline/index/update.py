"""Bringing an index up to date with its corpus: what changed (discovery and change detection), and the writing.

``extend_roots`` and ``remembered_paths`` give the corpus its paths: those it was opened with, and
those remembered for it (``brief.pipeline.corpora``: a named corpus's, or the paths ``a`` added).

``Update.run`` compares the files under the corpus's folders with what the index saw last time
(path, size, modification time; and when those match but the file's inode or change time moved,
its content hash): only new or changed files are read, only content never seen is analysed (by
the engine, ``brief.pipeline.index.engine``), and the articles of files that went away leave the
index. A file is known by its resolved path too, so naming the folder another way (``./corp``,
its absolute path, a link to it) reads nothing again: the index takes the new names. Batches
are written in ``BEGIN IMMEDIATE`` transactions, so two brief processes on one corpus take turns
instead of colliding. The index's version and the user's fixes are settled first; the fixes made
for the corpus (``correct``, ``undo_fix``) are kept in its index, those for every corpus in the config file.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import os
import sqlite3
import time
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from brief import paths as brief_paths
from brief.pipeline import corpora
from brief.pipeline.index import bulk, reader, store, stories
from brief.pipeline.index.engine import PARALLEL_FROM, Engine, Job, Loaded, Task, Worker, read_article_file
from brief.pipeline.sources.targets import InputKind, Target, discover, display_path, is_url

if TYPE_CHECKING:
    from brief.config import Fix
    from brief.pipeline.index.fixes import Made
    from brief.pipeline.index.library import Library
    from brief.pipeline.index.writer import Writer

Progress = Callable[[int, int, str], None]
_INT64 = 1 << 64
BATCH = 200  # articles per transaction
REMEMBER = (" INTO files (path, mtime_ns, size, hash, article_id, parent, inode, ctime_ns, real)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
"""A file's row (``Update._remember``), after INSERT or INSERT OR REPLACE."""
ADD_READING = "INSERT OR IGNORE INTO reading (hash, added_at) VALUES (?, ?)"


@dataclass
class UpdateReport:
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    new: list[int] = field(default_factory=list)
    """The ids of the articles indexed by this update (a changed file's article keeps its id): the reader marks them."""
    gone: list[int] = field(default_factory=list)
    """The ids of the articles that left the index (an id in ``new`` too came back with new content)."""
    regrouped: int = 0
    """The articles whose story changed as the stories of an index an older brief wrote were grouped again."""


class _Row(NamedTuple):
    """What the index holds of a file: how it was when last read, and what it gave."""

    mtime: int
    size: int
    parent: str | None
    inode: int | None  # None in an index from before brief kept them
    ctime: int | None
    hash: str
    real: str | None  # its resolved path (None for a feed's entries)


_COLUMNS = {"mtime": "mtime_ns", "size": "size", "parent": "parent", "inode": "inode", "ctime": "ctime_ns",
            "hash": "hash", "real": "real"}
"""The ``files`` table's column of each field of ``_Row``."""
assert list(_COLUMNS) == list(_Row._fields) and _Row._fields[-1] == "real"


def fit(n: int) -> int:
    """A file's time in nanoseconds (or its inode) as an SQLite integer: 64 bits, wrapped.

    A file dated after 2262 (from an archive or a camera) has an ``st_mtime_ns`` beyond SQLite's
    int64. Only equality is ever asked of these numbers, and wrapping keeps distinct dates distinct
    (unless 584 years apart), where clamping would make all such dates one.
    """
    return (n + _INT64 // 2) % _INT64 - _INT64 // 2


def _stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file changed without reading it: modification time, size, inode, change time."""
    stamp = st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns
    return stamp if max(stamp) < _INT64 // 2 else (fit(stamp[0]), stamp[1], fit(stamp[2]), fit(stamp[3]))



def remembered_paths(name: str | None, key: str, registry: Path, warnings: list[tuple[str, str]]) -> list[str]:
    """The paths remembered for a corpus: the named corpus ``name``'s, else those added to the index ``key``.
    An unreadable registry is a warning: the paths given are still read."""
    try:
        return corpora.paths_of(name, registry) if name is not None else corpora.added_to(key, registry)
    except corpora.CorpusError as err:
        warnings.append((str(registry), str(err)))
        return []


def extend_roots(roots: list[Path | str], paths: Sequence[Path | str]) -> list[str]:
    """Add to ``roots`` the paths not already among them (as the registry writes them); those added."""
    have = {corpora.stored(r) for r in roots}
    fresh = [p for p in dict.fromkeys(corpora.stored(p) for p in paths) if p not in have]
    roots += [p if is_url(p) else Path(p) for p in fresh]
    return fresh


def _until_stopped(items: Iterator[Loaded], stopping: list[Exception]) -> Iterator[Loaded]:
    for item in items:
        if stopping:
            raise stopping[0]
        yield item


def _batches(items: Iterator[Loaded], size: Callable[[], int]) -> Iterator[list[Loaded]]:
    while batch := list(itertools.islice(items, size())):
        yield batch


GROWING = 50
"""A large SQLite index's transactions hold a GROWING-th of the articles it holds (BATCH at least, 5 times as many at
most): a commit writes every page its batch changed, and a batch of BATCH changes a page for each of its rows in the
indexes whose keys are scattered (mentions by entity, the near-copy bands, the articles' hashes) once they outgrow it,
with the entities' rows that its counts update. The pages written per article grew with the index (COMMIT took
0.09 ms of the writer's CPU an article in the first tenth of a 100,000-article cold index, 0.29 ms in the last);
a larger transaction in a larger index writes each such page once for more articles."""


def _batch(db: sqlite3.Connection, held: int) -> int:
    """The articles of the next transaction, the index holding ``held``."""
    if store.dialect(db) != store.SQLITE:  # a server's commit writes no pages; writers there take turns by transaction
        return BATCH
    return max(BATCH, min(5 * BATCH, held // GROWING))


WRITING_CACHE_KIB = 65536
"""SQLite's page cache while an update writes many articles (its default is 2 MB): a batch adds rows all over the
indexes of a large index, and with the small cache each batch read its pages again (at 100,000 articles the
writer's cost per article grew by a third). Given back when the writing ends: a reader's process keeps no more."""

WRITING_CHECKPOINT_PAGES = 16384
"""The log's pages (64 MB) after which a commit folds it into the index file while an update writes many articles
(SQLite's default is 1,000): each fold syncs the log and the file to the disk (17-47 ms a sync here), and once a
large index's commit writes more than 1,000 pages, every commit folded, its pages copied twice. The default is
put back when the writing ends, and the log folded then."""


@contextlib.contextmanager
def _cache_while_writing(db: sqlite3.Connection, articles: int) -> Iterator[None]:
    if articles <= BATCH or store.dialect(db) != store.SQLITE:  # a re-open's few changes: the reader's memory as it was
        yield
        return
    was = db.execute("PRAGMA cache_size").fetchone()[0]
    folded = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{WRITING_CACHE_KIB}")
    db.execute(f"PRAGMA wal_autocheckpoint = {max(int(folded), WRITING_CHECKPOINT_PAGES)}")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.Error):  # (closed: the index moved to memory after a disk failed)
            db.execute(f"PRAGMA cache_size = {int(was)}")
            db.execute(f"PRAGMA wal_autocheckpoint = {int(folded)}")
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")  # (waits for no reader: what they still read folds later)


OLDEST_WHILE_WRITING = 1_000_000
"""The middle generation's collections between two of the oldest's while an update writes many articles (Python's
default is 10): each batch's objects (its analyses, held until it is written) outlive the young collections, and
a full collection, walking every object of the process, ran every few batches: 101 of them, 9.6 s of a 100,000-
article index's writer (0.18 s at 10,000), for nothing (none found a cycle). The setting is put back as the writing
ends, and the next full collection finds whatever cycle was left meanwhile."""


@contextlib.contextmanager
def _oldest_left(articles: int) -> Iterator[None]:
    if articles <= BATCH:  # a re-open's few changes: the collector as it was
        yield
        return
    oldest = gc.get_threshold()[2]
    gc.set_threshold(*gc.get_threshold()[:2], max(oldest, OLDEST_WHILE_WRITING))
    try:
        yield
    finally:  # (the young generation's as it is now: the reader's screen tunes it, in another thread, as it starts)
        gc.set_threshold(*gc.get_threshold()[:2], oldest)


@contextlib.contextmanager
def _undone_if_stopped(db: sqlite3.Connection) -> Iterator[None]:
    """A batch's writing: rolled back when it ends in an exception (Ctrl-C, a failure), not left open on the
    connection, which the reader goes on using (what the batch wrote is analysed and written again next time)."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):  # (a connection lost, or closed by the move to memory)
            if db.in_transaction:
                db.execute("ROLLBACK")
        raise


WAIT_STEP_S = 0.25
"""How long a wait for another client's write lock lasts between two calls of the progress (which may stop it)."""


def _begin_waiting(db: sqlite3.Connection, progress: Progress | None) -> None:
    """Begin a write transaction (BEGIN IMMEDIATE) after another client's, however long it takes (a regroup of a large
    index: a minute), saying so (``stories.WAITING``) a few times a second; progress raising stops the wait."""
    server: Any = db if store.dialect(db) == store.POSTGRESQL else None
    if server is not None:  # (a writer's lock there: taken only when free, else asked again)
        while True:
            db.execute("BEGIN")
            free = server.raw(f"SELECT pg_try_advisory_xact_lock({store.SCHEMA_KEY})", (store.WRITE_LOCK,)).fetchone()
            db.execute("ROLLBACK")
            if free[0]:
                break
            if progress:
                progress(0, 0, stories.WAITING)
            time.sleep(WAIT_STEP_S)
        db.execute("BEGIN IMMEDIATE")  # (a writer that came between waits for it, as any would)
        return
    waits = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute(f"PRAGMA busy_timeout = {int(WAIT_STEP_S * 1000)}")
    try:
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as err:
                if getattr(err, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_BUSY:
                    raise
            if progress:
                progress(0, 0, stories.WAITING)
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(waits)}")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while every file's status and row are made (100,000s of objects, none in a
    cycle): it walked them again and again as they piled up (a tenth of change detection's time)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class _Hashes:
    """The content hashes the index has, asked one at a time: for a few files to analyse (a re-open after one change),
    rather than all of them read (100,000 at 100,000 articles). Sent to another process, they are all read and sent."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def __contains__(self, digest: object) -> bool:
        return self.lib.db.execute("SELECT 1 FROM articles WHERE hash = ?", (digest,)).fetchone() is not None

    def all(self) -> frozenset[str]:
        return frozenset(r[0] for r in self.lib.db.execute("SELECT hash FROM articles"))

    def __reduce__(self) -> tuple[type[frozenset[str]], tuple[frozenset[str]]]:
        return frozenset, (self.all(),)


@dataclass
class _Held:
    """What the index holds of a batch's files and contents, read as the batch begins (a statement each, where
    asking item by item took two an article: on PostgreSQL each read waits for the server, and costs psycopg about
    0.1 ms of CPU), kept up to date as the batch writes; and the batch's new rows of ``files`` and ``reading``,
    written together (``Update._write_held``)."""

    hashes: dict[str, str | None]  # path -> the hash of its row in files (None: no row)
    ids: dict[str, int | None]  # content hash -> the article that has it (None: none)
    files: dict[str, tuple[object, ...]] = field(default_factory=dict)  # rows of paths that had none, by path
    reading: list[tuple[str, float]] = field(default_factory=list)


HELD_READ = 500
"""Paths (or hashes) asked for in one statement as a batch begins."""


class Update:
    """One library's index brought up to date: its version and fixes settled, then its files."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self._held: _Held | None = None  # the batch being written's (``_hold``)

    @property
    def db(self) -> sqlite3.Connection:
        return self.lib.db

    def check_version(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'extractor'").fetchone()
        if row and row[0] == self.lib.version:
            self.settle_fixes()
            return
        self._wipe()

    def _wipe(self, for_fixes: bool = False) -> None:
        """Empty the index: every file is read and analysed again, under the current version and fixes
        (``for_fixes``: the version is the same, but a fix was taken away: only what was found in the articles
        goes, and the next ``update`` analyses them again from the text the index holds, their ids kept)."""
        from brief.pipeline.index import fixes

        db = self.db
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'extractor'").fetchone()
        version, wanted = self.lib.version, self.index_fixes()
        done = fixes.applied(db) == list(wanted) if for_fixes else row and row[0] == version
        if done:  # another brief process got here first, and may have indexed since
            db.execute("COMMIT")
            return
        found = ("mentions", "figures", "quotes", "affiliations", "deals", "entities", "entity_keys", "aliases",
                 "entity_votes")
        for table in found if for_fixes else ("files", "articles", *found, "bands"):
            db.execute(f"DELETE FROM {table}")
        if for_fixes:  # the articles stay (their ids, the files read): analysed again from their stored text
            db.execute("INSERT OR REPLACE INTO meta VALUES ('reanalyse', '1')")
        else:
            db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (version,))
            db.execute("DELETE FROM meta WHERE key = 'reanalyse'")
        fixes.record(db, wanted)
        db.execute("COMMIT")

    def _reanalyse(self, progress: Progress | None) -> None:
        """Analyse again the articles of an index whose schema changed: from their stored text, not the files."""
        if not self.db.execute("SELECT 1 FROM meta WHERE key = 'reanalyse'").fetchone():
            return
        from brief.pipeline.analysis import analyse_parsed
        from brief.pipeline.index.writer import Writer

        db = self.db
        writer = Writer(db, self.lib.corrections.declared_name, self.index_fixes)
        ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
        for start in range(0, len(ids), BATCH):
            writer.begin()
            for article, parsed in reader.stored_parsed(db, ids[start:start + BATCH]):
                writer.reanalysed(article, analyse_parsed(parsed, self.lib._entities, self.lib.corrections))
            writer.commit()
            if progress:
                progress(min(start + BATCH, len(ids)), len(ids), "analysing the index again")
        db.execute("DELETE FROM meta WHERE key = 'reanalyse'")

    def settle_fixes(self) -> None:
        """Apply the fixes added to the config file since the index last saw it, in place; when one was
        taken away (by hand), index again: only the articles' analyses can say what it had removed.
        The file is read again first, under its lock: another process's fixes are kept, not undone."""
        from brief.config import config_lock, with_current_fixes
        from brief.pipeline.index import fixes

        def writer() -> Writer:
            from brief.pipeline.index.writer import Writer

            return Writer(self.db, self.lib.corrections.declared_name, self.index_fixes())

        with config_lock(self.lib.settings.read_from, create=False):
            self.lib.settings = with_current_fixes(self.lib.settings)
            if not fixes.sync(self.db, self.index_fixes, writer):
                self._wipe(for_fixes=True)

    # --- the user's fixes: the config file's for every corpus, this corpus's in its index --------

    def index_fixes(self) -> tuple[Fix, ...]:
        """Every fix the index applies: the config file's (every corpus's), then this corpus's own, so that
        the last retype of a name, this corpus's, wins."""
        from brief.pipeline.index import fixes

        return (*self.lib.settings.index_fixes, *fixes.corpus_fixes(self.db))

    def correct(self, new: Sequence[Fix], everywhere: bool = False) -> None:
        """Record the fixes ``new`` (one choice in the reader's "why" dialog) for this corpus in its index
        (``everywhere``: in the config file, for every corpus) and apply them to the index now."""
        from dataclasses import replace

        from brief.config import config_file
        from brief.pipeline.corrections import write_fix
        from brief.pipeline.index import fixes

        lib = self.lib
        if not everywhere:
            fixes.add(self.db, new, lib.settings.who())
            self.settle_fixes()
            return
        for fix in new:
            write_fix(lib.settings.read_from or config_file(), fix)
            if lib.settings.read_from is None:  # settings built in code; else the file is read again, the fix in it
                if fix.action != "ignore":
                    lib.settings = replace(lib.settings, fixes=(*lib.settings.fixes, fix))
                elif fix.name not in lib.settings.ignore:
                    lib.settings = replace(lib.settings, ignore=(*lib.settings.ignore, fix.name))
        self.settle_fixes()

    def fixes_made(self) -> list[Made]:
        """The fixes that apply to this corpus: the config file's (global), then those made for it (undone too)."""
        from brief.config import config_lock, with_current_fixes
        from brief.pipeline.index import fixes

        lib = self.lib
        with config_lock(lib.settings.read_from, create=False):
            lib.settings = with_current_fixes(lib.settings)
        mine = [fixes.Made(f"g{n}", fix, "global", "", "") for n, fix in enumerate(lib.settings.index_fixes, 1)]
        return mine + fixes.made(self.db)

    def undo_fix(self, number: str | None = None) -> list[Fix]:
        """Undo fix ``number`` as ``fixes_made`` numbers them (None: the last choice this user made for this
        corpus, which may be several fixes): a corpus's in its index, a global one (``g2``) taken out of the
        config file. It is undone in the index at once or, what only analysing again can undo, at the next
        ``update``. ``LookupError``: no such fix in force."""
        from brief.config import config_file
        from brief.pipeline.corrections import remove_fix
        from brief.pipeline.index import fixes

        who = self.lib.settings.who()
        if number is None:
            numbers = fixes.last(self.db, who)
            if not numbers:
                raise LookupError(f"{who} has made no fix in force for these articles")
        elif number.startswith("g") and number[1:].isdigit():
            made = {m.id: m.fix for m in self.fixes_made() if m.scope == "global"}
            if number not in made:
                raise LookupError(f"no global fix {number}: 'brief fixes' lists them")
            remove_fix(self.lib.settings.read_from or config_file(), made[number])
            self.settle_fixes()
            return [made[number]]
        elif number.isdigit():
            numbers = [int(number)]
        else:
            raise LookupError(f"no fix {number}: 'brief fixes' lists them")
        undone = fixes.undo(self.db, numbers, who)
        self.settle_fixes()
        return undone

    def run(self, progress: Progress | None, engine: Engine, refresh: bool) -> UpdateReport:
        report = UpdateReport()
        self.check_version()
        self._reanalyse(progress)
        if stories.marked(self.db):  # an index an older brief wrote: its stories grouped by the rule of now
            report.regrouped = self._regroup(progress)
        with _collector_paused():
            todo, gone, children = self._changes(report, refresh)
        db = self.db
        self.lib.skipped = self.lib.warnings + report.skipped + self._copies()
        if not todo and not gone:
            return report  # up to date: the writer and the extractors are not even imported
        from brief.pipeline.index.writer import Writer

        writer = Writer(db, self.lib.corrections.declared_name, self.index_fixes)
        if gone:
            writer.begin()
            for path in gone:
                report.removed += self._unlink(writer, path, report)
            writer.commit()
        done = 0
        if progress and todo:
            progress(0, len(todo), "")  # the total, at once: the first batch can take a while
        stopping: list[Exception] = []
        read = 0  # files read so far, said as each is read: a batch can take many seconds to land
        deferred: list[Exception] = []  # raised by progress as a file was read or an article written: a quit

        def count() -> int:  # what progress says: the files read so far (never fewer than those written)
            return min(max(done, read), len(todo))

        def asked(raised: list[Exception]) -> bool:  # progress raising is how the caller says to stop: kept in raised
            if progress and not raised:
                try:
                    progress(count(), len(todo), "")
                except Exception as err:
                    raised.append(err)
            return bool(raised)

        def stop() -> bool:  # asked by fetches as they wait
            return asked(stopping)

        def quit_now() -> bool:  # asked before each article of a batch is written (the articles committed, no path)
            return asked(deferred)

        def counted(items: Iterator[Loaded]) -> Iterator[Loaded]:
            nonlocal read
            last = None
            try:
                for item in items:
                    if deferred:  # a quit: the batch in hand is not written, its files read again next time
                        return
                    if item.task is not None and item.task is not last:
                        last, read = item.task, read + 1
                        if progress and not deferred:
                            try:
                                progress(read, len(todo), item.shown)
                            except Exception as err:
                                deferred.append(err)
                    yield item
            finally:  # the engine stopped here and now (the quit's traceback keeps this frame, and so the analysis)
                close = getattr(items, "close", None)
                if close is not None:
                    close()

        # (no name holds the analysis: when the work stops, its engine shuts down as the loop is left, not later
        # in whatever thread collects the frame a traceback keeps)
        held = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        produced: dict[str, set[str]] = {}  # the entries each feed or list gave in this run
        with _cache_while_writing(db, len(todo)), _oldest_left(len(todo)), bulk.cold_load(db, len(todo)):
            # the tasks of the last items of the batch committed last and of the batch in hand (None once it is
            # committed): a feed among them may have entries past the point where the run stopped
            wrote: Task | None = None
            writing: Task | None = None
            finished = False
            try:
                for batch in _batches(_until_stopped(counted(self._analyse(todo, engine, refresh, stop)), stopping),
                                      lambda: _batch(db, held + report.added)):
                    if deferred:  # a quit as the batch was read: none of it is written
                        break
                    writing = batch[-1].task
                    with _undone_if_stopped(db):
                        writer.begin()
                        self._hold(batch)
                        writer.expect(item.analysis.sketch for item in batch if item.analysis is not None)
                        for loaded in batch:
                            if quit_now():  # a quit as the batch is written: none of it is
                                break
                            report.added += self._store(writer, loaded, report)
                            if loaded.parent:
                                produced.setdefault(loaded.parent, set()).add(loaded.shown)
                        if deferred:
                            db.execute("ROLLBACK")
                            break
                        self._write_held(done=True)
                        writer.commit()
                    wrote, writing = writing, None
                    done += sum(1 for item in batch if item.task is not None and item.first)
                    if progress:
                        progress(count(), len(todo), batch[-1].shown)
                finished = not deferred
            finally:
                if not finished:  # a quit, Ctrl-C or a failure, wherever it came: a feed it cut short is read again
                    self._read_again(task for task in (wrote, writing) if task is not None and task.web)
            if produced and not (stopping or deferred):  # entries a feed or list no longer has, once all it has are
                writer.begin()  # written (its entries may span transactions: each dropped those of the others)
                for parent, now in produced.items():
                    for old in children.get(parent, []):
                        if old not in now:
                            report.removed += self._unlink(writer, old, report)
                writer.commit()

        if deferred:
            raise deferred[0]
        self.lib.skipped = self.lib.warnings + report.skipped + self._copies()
        return report

    def _regroup(self, progress: Progress | None) -> int:
        """Regroup the stories, in one write transaction, saying so as it goes; a quit (progress raising) rolls it
        back. The number of articles whose story changed (none if another client regrouped them first)."""
        db = self.db

        def tick(done: int, total: int) -> None:
            if progress:
                progress(done, total, stories.REGROUPING)

        with _undone_if_stopped(db):
            _begin_waiting(db, progress)
            changed = stories.settle(db, tick)
            db.execute("COMMIT")
        return changed

    def _read_again(self, feeds: Iterator[Task]) -> None:
        """Forget the rows of ``feeds`` (feeds, pages or lists of links) whose entries a run that stopped may not have
        written in full, so that the next update reads them again (their entries written are not analysed again):
        their rows, committed with their first entries, would have them taken as unchanged, the rest never read.
        Done as the run stops (a quit, Ctrl-C, a failure): on a connection that cannot, the exception stopping it
        is what the caller sees."""
        paths = list(dict.fromkeys(task.shown for task in feeds))
        if not paths:
            return
        db = self.db
        with contextlib.suppress(Exception):  # (a connection lost, or closed by the move to memory)
            if db.in_transaction:
                db.execute("ROLLBACK")
            db.execute("BEGIN IMMEDIATE")
            db.executemany("DELETE FROM files WHERE path = ? AND hash = ''", [(path,) for path in paths])
            db.execute("COMMIT")

    def _changes(self, report: UpdateReport, refresh: bool) -> tuple[list[Task], list[str], dict[str, list[str]]]:
        """What to read (new and changed files), the files gone, and the entries each feed or list gave: the
        corpus's files against the index's rows, which (with every file's status) are let go on return, before
        the analysis and the writing allocate theirs."""
        targets, skipped = discover(str(r) if is_url(str(r)) else Path(r) for r in self.lib.roots)
        targets.sort(key=lambda t: t.kind is not InputKind.URL)  # links first, then files in order
        report.skipped.extend(skipped)
        db = self.db
        names = [t.shown for t in targets]  # (each a display_path: once)
        known = self._stamps()
        if self._follow_renames(targets, names, known):
            known = self._stamps()
        children: dict[str, list[str]] = {}
        for path, parent in db.execute("SELECT path, parent FROM files WHERE parent IS NOT NULL"):
            children.setdefault(parent, []).append(path)
        todo: list[Task] = []
        seen: set[str] = set()
        restamped: list[tuple[int, int, str | None, str]] = []
        text = InputKind.TEXT
        for target, shown in zip(targets, names, strict=True):
            seen.add(shown)
            st = target.stat
            if st is not None and target.kind is text and known.get(shown) == (
                    shown, st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns, None, False):
                # as read last time, its resolved path known: nearly every file of a re-open, told without a ``_stamp``
                # built for each (a figure beyond int64 is stored wrapped, so never equal here: it goes the long way)
                report.unchanged += 1
                continue
            web = target.kind is not text
            if web:  # its entries stay while it is read again: those it no longer gives leave then
                seen.update(children.get(shown, []))
            if target.kind is InputKind.URL:
                stamp = (0, 0, 0, 0)
            else:
                try:
                    stamp = _stamp(target.stat or target.path.stat())  # (as discovery saw it: one stat() a file)
                except OSError as err:
                    report.skipped.append((shown, err.strerror or str(err)))
                    continue
            if not web and known.get(shown) == (shown, *stamp, None, False):
                report.unchanged += 1  # as read last time, its resolved path known: nearly every file of a re-open
                continue
            was = self._row(shown) if shown in known else None
            if was and not (web and refresh) and self._unchanged(was, stamp, target.name, web):
                report.unchanged += 1
                if (was.inode, was.ctime) != stamp[2:] or (was.real is None and not web):
                    real = None if web else was.real or os.path.realpath(target.name)
                    restamped.append((stamp[2], stamp[3], real, shown))
            else:
                todo.append(Task(shown, target.name, stamp[0], stamp[1], web=web, inode=stamp[2], ctime=stamp[3]))
        if restamped:  # the same content under a new inode or change time: not read again next time
            db.execute("BEGIN IMMEDIATE")
            db.executemany("UPDATE files SET inode = ?, ctime_ns = ?, real = coalesce(real, ?) WHERE path = ?",
                           restamped)
            db.execute("COMMIT")
        gone = [path for path, row in known.items() if path not in seen and self._owns(path, row[5])]
        return todo, gone, children

    def _owns(self, path: str, parent: str | None) -> bool:
        """Whether a file the index holds and this run did not find went away: on a shared index (PostgreSQL),
        only the files under this library's own folders (and their feeds' entries) are its to drop."""
        if not self.lib.store.url:
            return True  # an index of its own: everything in it came from these roots
        tops = [str(r) if is_url(str(r)) else display_path(str(r)).rstrip("/") for r in self.lib.roots]
        return any(p == top or p.startswith(top + "/") for p in (path, parent or "") for top in tops if p)

    def _stamps(self) -> dict[str, tuple[str, int, int, int | None, int | None, str | None, bool]]:
        """Every file's path, stamp (``_stamp``), parent and whether its resolved path is unknown, by path, as the
        index gives them: a file read last time as it is now, its resolved path known, has ``(path, *stamp, None,
        False)`` (compared as a whole, without a row built for each of 100,000 files)."""
        return {row[0]: row for row in self.db.execute(
            "SELECT path, mtime_ns, size, inode, ctime_ns, parent, real IS NULL FROM files")}

    def _row(self, path: str) -> _Row:
        """One file's row (a file that may have changed)."""
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS[f] for f in _Row._fields)} FROM files WHERE path = ?",
                              (path,)).fetchone()
        return _Row._make(row)

    @staticmethod
    def _unchanged(row: _Row, stamp: tuple[int, int, int, int], name: str, web: bool) -> bool:
        """Is the file what the index read last time? Its size and modification time say it may be;
        when the file was replaced or its metadata touched since (``cp -p``, ``rsync -t`` and ``tar x``
        put the old time back on new content), its content hash decides."""
        if (row.mtime, row.size) != stamp[:2]:
            return False
        if row.inode is None or (row.inode, row.ctime) == stamp[2:]:
            return True  # (no inode: indexed before brief kept them, trusted as then, and kept from now on)
        if web or not row.hash:
            return False  # a feed or a list of links: read again, its known entries are not analysed again
        try:
            return hashlib.sha256(read_article_file(name)).hexdigest() == row.hash
        except (OSError, ValueError):
            return False  # read again, to say why it cannot be

    def _follow_renames(self, targets: list[Target], names: list[str], known: Container[str]) -> bool:
        """Take the names the files have now (``names``, the targets' shown names) when they are the same files under
        another name: the same folder named another way (``corp``, ``./corp/``, its absolute path, a link to it).
        True if any."""
        fresh = [t for t, shown in zip(targets, names, strict=True)
                 if t.kind is not InputKind.URL and shown not in known]
        if not fresh:  # every file found is known by its name (a re-open): none was renamed
            return False
        named = set(names)
        by_real = {real: path for path, real in self.db.execute("SELECT path, real FROM files WHERE real IS NOT NULL")
                   if real and path not in named}
        if not by_real:
            return False
        renames = [(by_real[real], t.shown) for t in fresh if (real := os.path.realpath(t.name)) in by_real]
        if not renames:
            return False
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        for old, new in renames:
            moves = [(old, new)] + [(child, new + child[len(old):]) for (child,) in db.execute(
                "SELECT path FROM files WHERE parent = ?", (old,)).fetchall() if child.startswith(old)]
            for before, after in moves:
                if db.execute("SELECT 1 FROM files WHERE path = ?", (after,)).fetchone():
                    continue  # another brief got there first
                db.execute("UPDATE files SET path = ? WHERE path = ?", (after, before))
                db.execute("UPDATE articles SET path = ? WHERE id = (SELECT article_id FROM files WHERE path = ?)"
                           " AND path = ?", (after, after, before))
            db.execute("UPDATE files SET parent = ? WHERE parent = ?", (new, old))
        db.execute("COMMIT")
        return True

    def _analyse(self, todo: list[Task], engine: Engine, refresh: bool, stop: Callable[[], bool]) -> Iterator[Loaded]:
        lib = self.lib
        known = _Hashes(lib) if len(todo) < PARALLEL_FROM else _Hashes(lib).all()
        fetch_dir = str(brief_paths.cache_dir(lib.settings.cache_dir) / "fetched") if lib.path else \
            str(Path(lib.store.memory_dir()) / "fetched")
        job = Job(lib.settings, lib.extractor, known, fetch_dir, refresh)
        local = Worker(job, lib._entities, lib.corrections, stop)
        return engine.analyse(todo, job, local)

    def _copies(self) -> list[tuple[str, str]]:
        """Files (and feed entries) whose content another one already gave: named, so none vanishes."""
        out: list[tuple[str, str]] = []
        first: dict[int, str] = {}
        for article, path, own in self.db.execute(
                "SELECT f.article_id, f.path, a.path FROM files f JOIN articles a ON a.id = f.article_id"
                " WHERE f.article_id IN (SELECT article_id FROM files WHERE article_id IS NOT NULL"
                " GROUP BY article_id HAVING count(*) > 1)"
                " ORDER BY a.path, f.article_id, f.path = a.path DESC, f.path"):  # (by path: not by who came first)
            if article in first:
                out.append((path, f"the same content as {first[article]}, listed once"))
            else:
                first[article] = own if path == own else path
        return out

    def _unlink(self, writer: Writer, path: str, report: UpdateReport) -> int:
        """Forget a file (and what came from it); its article goes when no other file has that content."""
        gone = 0
        self._write_held()  # (the rows it reads)
        for (child,) in self.db.execute("SELECT path FROM files WHERE parent = ?", (path,)).fetchall():
            gone += self._unlink(writer, child, report)
        row = self.db.execute("SELECT article_id FROM files WHERE path = ?", (path,)).fetchone()
        self.db.execute("DELETE FROM files WHERE path = ?", (path,))
        held = self._held
        if held is not None:
            held.hashes[path] = None
        if row and row[0] is not None and not self.db.execute(
                "SELECT 1 FROM files WHERE article_id = ?", (row[0],)).fetchone():
            writer.remove(row[0])
            if held is not None:
                held.ids.update({digest: None for digest, article in held.ids.items() if article == row[0]})
            report.gone.append(row[0])
            gone += 1
        elif row and row[0] is not None:
            writer.shown_at_first(row[0])  # (if it was shown at this file)
        return gone

    def _store(self, writer: Writer, loaded: Loaded, report: UpdateReport) -> int:
        db = self.db
        shown = loaded.shown
        task = loaded.task
        assert task is not None, "every item read says which task it came from"
        held = self._held  # the batch's rows read at once
        if task.web and task.shown != shown and loaded.first:
            # the feed or list itself: remembered so an unchanged one is not loaded again, unless an entry
            # could not be read (then it is, so that the reason is given again)
            if loaded.complete:
                self._remember(task.shown, task, "", None, None)
            else:
                self._write_held()
                db.execute("DELETE FROM files WHERE path = ? AND hash = ''", (task.shown,))
                if held is not None:
                    held.hashes.pop(task.shown, None)  # (asked again, if need be)
        previous = self._look_up(held.hashes if held else None, shown, "SELECT hash FROM files WHERE path = ?")
        if loaded.error is not None or loaded.digest is None:
            report.skipped.append((shown, loaded.error or "unreadable"))
            if previous and not loaded.note:  # (a note: the entries of the copy kept follow, unchanged)
                self._unlink(writer, shown, report)
            return 0
        replacing = None
        if previous and previous[0] != loaded.digest:  # edited: its article keeps its id unless another file has it
            self._write_held()
            replacing = db.execute(
                "SELECT a.id, a.slug FROM files f JOIN articles a ON a.id = f.article_id WHERE f.path = ?"
                " AND NOT EXISTS (SELECT 1 FROM files g WHERE g.article_id = a.id AND g.path != f.path)",
                (shown,)).fetchone()
            self._unlink(writer, shown, report)
        existing = self._look_up(held.ids if held else None, loaded.digest, "SELECT id FROM articles WHERE hash = ?")
        added = 0
        if existing:
            article = existing[0]
        else:
            if loaded.analysis is None:  # seen when the work began, gone since: analyse it here
                from brief.pipeline.analysis import analyse_parsed, failure

                try:
                    loaded.analysis = analyse_parsed(loaded.parsed, self.lib._entities, self.lib.corrections)
                except Exception as err:
                    report.skipped.append((shown, failure(err)))
                    return 0
            article = writer.add(shown, loaded.digest, loaded.analysis, loaded.text or "", url=loaded.url,
                                 summary_only=loaded.summary_only, replacing=replacing)
            if held is not None:
                held.ids[loaded.digest] = article
                held.reading.append((loaded.digest, time.time()))
            else:
                db.execute(ADD_READING, (loaded.digest, time.time()))
            report.new.append(article)
            added = 1
        self._remember(shown, task, loaded.digest, article, loaded.parent)
        if existing:  # another file of the same content: the article is shown at the first by path
            self._write_held()  # (the rows it reads)
            writer.shown_at_first(article)
        return added

    def _remember(self, shown: str, task: Task, digest: str, article: int | None, parent: str | None) -> None:
        """The row of a file (or of a feed's entry): how the file was when read, and what it gave."""
        own = task.shown == shown  # a file, a feed or a page itself; not a feed's entry
        row = (shown, task.mtime, task.size, digest, article, parent, task.inode if own else 0,
               task.ctime if own else 0, task.resolved if own else None)
        held = self._held
        if held is None:
            self.db.execute(f"INSERT OR REPLACE{REMEMBER}", row)
            return
        if shown in held.files or (shown in held.hashes and held.hashes[shown] is None):
            held.files[shown] = row  # a path with no row: written with the batch's others (``_write_held``)
        else:
            self.db.execute(f"INSERT OR REPLACE{REMEMBER}", row)
        held.hashes[shown] = digest

    def _hold(self, batch: Sequence[Loaded]) -> None:
        """Read what the index holds of the batch's paths and contents at once (``_Held``), in the batch's transaction
        (no other writer changes them meanwhile)."""
        paths = list(dict.fromkeys(p for item in batch if item.task is not None for p in (item.task.shown, item.shown)))
        digests = list(dict.fromkeys(item.digest for item in batch if item.digest))
        held = _Held(dict.fromkeys(paths), dict.fromkeys(digests))
        for at in range(0, len(paths), HELD_READ):
            some = paths[at:at + HELD_READ]
            held.hashes.update(self.db.execute(
                f"SELECT path, hash FROM files WHERE path IN ({', '.join('?' * len(some))})", some).fetchall())
        for at in range(0, len(digests), HELD_READ):
            some = digests[at:at + HELD_READ]
            held.ids.update(self.db.execute(
                f"SELECT hash, id FROM articles WHERE hash IN ({', '.join('?' * len(some))})", some).fetchall())
        self._held = held

    def _write_held(self, done: bool = False) -> None:
        """Write the batch's new rows of ``files`` and ``reading`` held so far: before a statement that reads them,
        and as the batch ends (``done``: then nothing more is held)."""
        held = self._held
        if held is None:
            return
        if held.files:
            self.db.executemany(f"INSERT{REMEMBER}", list(held.files.values()))
            held.files.clear()
        if held.reading:
            self.db.executemany(ADD_READING, held.reading)
            held.reading.clear()
        if done:
            self._held = None

    def _look_up(self, held: dict[str, Any] | None, key: str, sql: str) -> tuple[Any] | None:
        """The row ``sql`` reads for ``key`` (None: none), as the batch holds it (``held``, a field of ``_Held``)
        or read."""
        if held is not None and key in held:
            return None if held[key] is None else (held[key],)
        return self.db.execute(sql, (key,)).fetchone()

