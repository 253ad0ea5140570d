"""The library: one corpus's index on disk, brought up to date with its files, and read back.

``update`` compares the files under the corpus's folders with what the index saw last time
(path, size, modification time; and when those match but the file's inode or change time moved,
its content hash): only new or changed files are read, only content never seen is analysed (in
worker processes when there is much of it), and the articles of files that went away leave the
index. A file is known by its resolved path too, so naming the folder another way (``./corp``,
its absolute path, a link to it) reads nothing again: the index takes the new names. Batches
are written in ``BEGIN IMMEDIATE`` transactions, so two brief processes on one corpus take turns
instead of colliding.

The index is a cache. A file that is not an index, or one from a newer brief, is set aside and
rebuilt; a cache folder that cannot be written makes brief work in memory and say so.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from brief import paths as brief_paths
from brief.config import Settings, resolve
from brief.pipeline import corpora, ingest
from brief.pipeline.index import reader
from brief.pipeline.index.query import NEW, UNREAD, Query, QueryError, Scope, parse
from brief.pipeline.index.schema import SchemaError, migrate
from brief.pipeline.sources.targets import InputKind, Target, discover, display_path, is_url, read_regular

if TYPE_CHECKING:  # the extractors, the writer and worker processes load only when there is indexing to do
    from datetime import date
    from typing import Unpack

    from brief.config import Fix, Overrides
    from brief.models import Article, Briefing
    from brief.pipeline.analysis import Analysis, EntityExtractor
    from brief.pipeline.corrections import Corrections
    from brief.pipeline.extract.spans import EntitySpan
    from brief.pipeline.index.fixes import Made, Why
    from brief.pipeline.index.profile import Across, Profile
    from brief.pipeline.index.relation_why import RelationWhy
    from brief.pipeline.index.review import Unsure
    from brief.pipeline.index.writer import Writer
    from brief.pipeline.relations.explain import Relation

Progress = Callable[[int, int, str], None]
_DISK_FAILED = {13, 10}  # SQLITE_FULL ("database or disk is full"), SQLITE_IOERR
_INT64 = 1 << 64
BATCH = 200  # articles per transaction
PARALLEL_FROM = 48  # fewer new files than this are analysed in this process
CHUNK = 8  # files sent to a worker process at a time


PANEL_KINDS = ("person", "organization")
"""The entity types with a panel of their own: their counts in a scope are read together."""


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


class _Row(NamedTuple):
    """What the index holds of a file: how it was when last read, and what it gave."""

    mtime: int
    size: int
    parent: str | None
    inode: int | None  # None in an index from before brief kept them
    ctime: int | None
    hash: str
    real: str | None  # its resolved path (None for a feed's entries)


def fit(n: int) -> int:
    """A file's time in nanoseconds (or its inode) as an SQLite integer: 64 bits, wrapped.

    A file dated after 2262 (from an archive or a camera) has an ``st_mtime_ns`` beyond SQLite's
    int64. Only equality is ever asked of these numbers, and wrapping keeps distinct dates distinct
    (unless 584 years apart), where clamping would make all such dates one.
    """
    return (n + _INT64 // 2) % _INT64 - _INT64 // 2


def _stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file changed without reading it: modification time, size, inode, change time."""
    return fit(st.st_mtime_ns), st.st_size, fit(st.st_ino), fit(st.st_ctime_ns)


def read_article_file(path: str) -> bytes:
    """The bytes of one article file (``LoadError``/``OSError`` for what is not one), as hashed and read."""
    return read_regular(path, ingest.MAX_BYTES, what="for one article")


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


corpus_key = corpora.key_of


def _extractor(settings: Settings, name: str) -> tuple[str, EntityExtractor]:
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


# --- worker processes ------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


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


def _init_worker(settings: Settings, extractor: str, known: frozenset[str], fetch_dir: str, refresh: bool,
                 parent: int) -> None:
    from brief.pipeline.corrections import Corrections
    from brief.pipeline.index.pool import guard_worker

    guard_worker(parent)

    _WORKER.update(entities=_extractor(settings, extractor)[1], known=known, fetch_dir=fetch_dir, refresh=refresh,
                   corrections=Corrections(settings.entities))


def _analysed(loaded: Loaded, parse: Callable[[], Any]) -> Loaded:
    """The document parsed (and analysed when new); a failure is this document's skip reason, never the run's."""
    try:
        parsed = parse()
        if loaded.digest in _WORKER["known"]:
            loaded.parsed = parsed
        else:
            from brief.pipeline import analysis

            loaded.analysis = analysis.analyse_parsed(parsed, _WORKER["entities"], _WORKER["corrections"])
    except Exception as err:
        from brief.pipeline.analysis import failure

        loaded.error = failure(err)
    return loaded


def _work(task: Task) -> list[Loaded]:
    """Read a file or load a web target, and analyse each article in it that the index has not seen."""
    task.resolved = None if is_url(task.real) else os.path.realpath(task.real)
    if task.web:
        return _work_web(task)
    try:
        data = read_article_file(task.real)
        text = ingest.decode_text(data)
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return [Loaded(task.shown, error=reason, task=task)]
    loaded = Loaded(task.shown, hashlib.sha256(data).hexdigest(), text=text, task=task)
    return [_analysed(loaded, lambda: ingest.parse(text))]


def _work_many(tasks: list[Task]) -> list[Loaded]:
    return [loaded for task in tasks for loaded in _work(task)]


def _work_web(task: Task) -> list[Loaded]:
    from brief.pipeline.sources import load
    from brief.pipeline.sources.parsed import as_parsed

    docs, skipped = load(task.real, fetch_dir=Path(_WORKER["fetch_dir"]), refresh=_WORKER["refresh"],
                         stop=_WORKER.get("stop"))
    kept = bool(docs)  # what a failed refresh says of a target whose cached copy is read instead
    out = [Loaded(origin, error=reason, parent=task.shown, note=kept and origin == task.shown)
           for origin, reason in skipped]
    for doc in docs:
        meta = [doc.title, doc.author, doc.published, doc.source, doc.url, doc.summary_only, doc.text]
        digest = hashlib.sha256(json.dumps(meta).encode()).hexdigest()
        loaded = Loaded(doc.origin, digest, text=doc.text, url=doc.url,
                        summary_only=doc.summary_only, parent=None if doc.origin == task.shown else task.shown)
        out.append(_analysed(loaded, partial(as_parsed, doc)))
    for n, item in enumerate(out):  # the first stands for the task: progress counts it
        item.task, item.first, item.complete = task, n == 0, not skipped
    return out


def _until_stopped(items: Iterator[Loaded], stopping: list[Exception]) -> Iterator[Loaded]:
    for item in items:
        if stopping:
            raise stopping[0]
        yield item


def _batches(items: Iterator[Loaded], size: int) -> Iterator[list[Loaded]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


# --- the library -----------------------------------------------------------------------------


class Library:
    """A corpus (folders and files) and its index."""

    def __init__(self, roots: Sequence[Path | str] | None = None, *, settings: Settings | None = None,
                 **overrides: Unpack[Overrides]) -> None:
        """``settings`` as the command line built them (loaded when None), with ``overrides`` on top.

        ``settings.corpus`` (``--corpus``, or ``corpus=`` here): a named corpus (``brief.pipeline.corpora``), its
        remembered paths and ``roots`` read into one index kept under the name. Without it, the index is that of
        ``roots`` (the bundled sample when None), and the paths ``a`` added to them are read too.
        """
        self.settings = resolve(settings, **overrides)
        corpus = self.name = self.settings.corpus
        self.warnings: list[tuple[str, str]] = []
        given: list[Path | str] = list(roots) if roots else [brief_paths.seeds_dir()] if corpus is None else []
        self.key = corpora.named_key(corpus) if corpus is not None else corpus_key(given)
        self.given = list(given)
        """The paths the corpus was opened with (for a named one, none or those added by this command)."""
        self.roots: list[Path | str] = given
        try:
            remembered = corpora.paths_of(corpus, self._registry) if corpus is not None else \
                corpora.added_to(self.key, self._registry)
        except corpora.CorpusError as err:  # an unreadable corpora.json: the paths given are still read
            self.warnings.append((str(self._registry), str(err)))
            remembered = []
        self._extend(remembered)
        self.extractor = self.settings.extractor
        folder = brief_paths.cache_dir(self.settings.cache_dir)
        self.path: Path | None = folder / f"index-{self.key}.sqlite3" if self.settings.use_cache else None
        self._memory = f"file:brief-{id(self)}?mode=memory&cache=shared"
        self.skipped: list[tuple[str, str]] = []
        self._local = threading.local()
        self._keep: sqlite3.Connection | None = None  # holds a shared in-memory index open
        self._created = False  # the index file was new when this library opened it

    @property
    def _registry(self) -> Path:
        return corpora.registry_file(self.settings.read_from)

    def _extend(self, paths: Sequence[Path | str]) -> list[str]:
        """Add to ``roots`` the paths not already among them (as the registry writes them); those added."""
        have = {corpora.stored(r) for r in self.roots}
        fresh = [p for p in dict.fromkeys(corpora.stored(p) for p in paths) if p not in have]
        self.roots += [p if is_url(p) else Path(p) for p in fresh]
        return fresh

    def add_paths(self, paths: Sequence[Path | str]) -> str:
        """Add files, folders or links to the corpus and remember them (``a`` in the reader): the next ``update``
        reads them. Returns where they are remembered ("in the corpus deals"); raises ``CorpusError``."""
        self._extend(paths)
        return corpora.add(self.name, self.key, paths, self._registry)

    @cached_property
    def corrections(self) -> Corrections:
        from brief.pipeline.corrections import Corrections

        return Corrections(self.settings.entities)

    @cached_property
    def _extraction(self) -> tuple[str, EntityExtractor]:
        version, entities = _extractor(self.settings, self.extractor)
        return (f"{version}+{self.settings.corrections_key()}" if self.corrections else version), entities

    @property
    def version(self) -> str:
        """What the index's analyses were made with; another version means indexing again."""
        from brief.pipeline.index.dedup import VERSION as dedup

        return f"{self._extraction[0]}+{dedup}"

    @property
    def _entities(self) -> EntityExtractor:
        return self._extraction[1]

    # connections: one per thread; the first one creates, migrates or rebuilds the file

    @property
    def db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None or self._local.path != self.path:  # a thread's first use, or the index moved to memory
            if db is not None and db is not self._keep:
                db.close()
            db = self._local.db = self._connect()
            self._local.path, self._local.matches = self.path, None
        return db

    def _open(self, target: Path | None) -> sqlite3.Connection:
        if target is None:
            db = sqlite3.connect(self._memory, uri=True, isolation_level=None, check_same_thread=False)
            self._keep = self._keep or db
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._created = not target.exists()
            db = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False)
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
        if self.settings.index_url and self.settings.use_cache:  # a shared index (brief.pipeline.index.store)
            from brief.pipeline.index import store

            return store.connect(self.settings.index_url)
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

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # --- bringing the index up to date -------------------------------------------------------

    def _check_version(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'extractor'").fetchone()
        if row and row[0] == self.version:
            self._settle_fixes()
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
        done = fixes.applied(db) == list(self.index_fixes()) if for_fixes else row and row[0] == self.version
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
            db.execute("INSERT OR REPLACE INTO meta VALUES ('extractor', ?)", (self.version,))
            db.execute("DELETE FROM meta WHERE key = 'reanalyse'")
        fixes.record(db, self.index_fixes())
        db.execute("COMMIT")

    def _reanalyse(self, progress: Progress | None) -> None:
        """Analyse again the articles of an index whose schema changed: from their stored text, not the files."""
        if not self.db.execute("SELECT 1 FROM meta WHERE key = 'reanalyse'").fetchone():
            return
        from brief.pipeline.analysis import analyse_parsed
        from brief.pipeline.index.writer import Writer

        db = self.db
        writer = Writer(db, self.corrections.declared_name, self.index_fixes)
        ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
        for start in range(0, len(ids), BATCH):
            writer.begin()
            for article, parsed in reader.stored_parsed(db, ids[start:start + BATCH]):
                writer.reanalysed(article, analyse_parsed(parsed, self._entities, self.corrections))
            writer.commit()
            if progress:
                progress(min(start + BATCH, len(ids)), len(ids), "analysing the index again")
        db.execute("DELETE FROM meta WHERE key = 'reanalyse'")

    def _settle_fixes(self) -> None:
        """Apply the fixes added to the config file since the index last saw it, in place; when one was
        taken away (by hand), index again: only the articles' analyses can say what it had removed.
        The file is read again first, under its lock: another process's fixes are kept, not undone."""
        from brief.config import config_lock, with_current_fixes
        from brief.pipeline.index import fixes

        def writer() -> Writer:
            from brief.pipeline.index.writer import Writer

            return Writer(self.db, self.corrections.declared_name, self.index_fixes())

        with config_lock(self.settings.read_from, create=False):
            self.settings = with_current_fixes(self.settings)
            if not fixes.sync(self.db, self.index_fixes, writer):
                self._wipe(for_fixes=True)

    def index_fixes(self) -> tuple[Fix, ...]:
        """Every fix the index applies: the config file's (every corpus's), then this corpus's own, so that
        the last retype of a name, this corpus's, wins."""
        from brief.pipeline.index import fixes

        return (*self.settings.index_fixes, *fixes.corpus_fixes(self.db))

    def correct(self, *new: Fix, everywhere: bool = False) -> None:
        """Record the fixes ``new`` (one choice in the reader's "why" dialog) for this corpus in its index
        (``everywhere``: in the config file, for every corpus) and apply them to the index now."""
        from dataclasses import replace

        from brief.config import config_file
        from brief.pipeline.corrections import write_fix
        from brief.pipeline.index import fixes

        if not everywhere:
            fixes.add(self.db, new, self.settings.who())
            self._settle_fixes()
            return
        for fix in new:
            write_fix(self.settings.read_from or config_file(), fix)
            if self.settings.read_from is None:  # settings built in code; else the file is read again, the fix in it
                if fix.action != "ignore":
                    self.settings = replace(self.settings, fixes=(*self.settings.fixes, fix))
                elif fix.name not in self.settings.ignore:
                    self.settings = replace(self.settings, ignore=(*self.settings.ignore, fix.name))
        self._settle_fixes()

    def fixes_made(self) -> list[Made]:
        """The fixes that apply to this corpus: the config file's (global), then those made for it (undone too)."""
        from brief.config import config_lock, with_current_fixes
        from brief.pipeline.index import fixes

        with config_lock(self.settings.read_from, create=False):
            self.settings = with_current_fixes(self.settings)
        mine = [fixes.Made(f"g{n}", fix, "global", "", "") for n, fix in enumerate(self.settings.index_fixes, 1)]
        return mine + fixes.made(self.db)

    def undo_fix(self, number: str | None = None) -> list[Fix]:
        """Undo fix ``number`` as ``fixes_made`` numbers them (None: the last choice this user made for this
        corpus, which may be several fixes): a corpus's in its index, a global one (``g2``) taken out of the
        config file. It is undone in the index at once or, what only analysing again can undo, at the next
        ``update``. ``LookupError``: no such fix in force."""
        from brief.config import config_file
        from brief.pipeline.corrections import remove_fix
        from brief.pipeline.index import fixes

        who = self.settings.who()
        if number is None:
            numbers = fixes.last(self.db, who)
            if not numbers:
                raise LookupError(f"{who} has made no fix in force for these articles")
        elif number.startswith("g") and number[1:].isdigit():
            made = {m.id: m.fix for m in self.fixes_made() if m.scope == "global"}
            if number not in made:
                raise LookupError(f"no global fix {number}: 'brief fixes' lists them")
            remove_fix(self.settings.read_from or config_file(), made[number])
            self._settle_fixes()
            return [made[number]]
        elif number.isdigit():
            numbers = [int(number)]
        else:
            raise LookupError(f"no fix {number}: 'brief fixes' lists them")
        undone = fixes.undo(self.db, numbers, who)
        self._settle_fixes()
        return undone

    def why(self, slug: str, at: tuple[int, str, int] | None = None) -> Why | None:
        """Why brief typed the entity as it did (``at``: one of its mentions, as article id, field, start)."""
        from brief.pipeline.index import fixes

        return fixes.why(self.db, slug, self.index_fixes(), at)

    def unsure(self, limit: int = 500) -> list[Unsure]:
        """The entities to review (``brief.pipeline.index.review``): types disputed, evidence weak."""
        from brief.pipeline.index.review import unsure

        return unsure(self.db, self.index_fixes(), limit)

    def entity_names_like(self, prefix: str, limit: int = 8) -> list[str]:
        from brief.pipeline.index import fixes

        return fixes.entity_names(self.db, prefix, limit)

    def update(self, progress: Progress | None = None, workers: int | None = None,
               refresh: bool = False) -> UpdateReport:
        """Bring the index up to date with the corpus's files (and, with ``refresh``, its links).

        An exception raised by ``progress`` stops the work after the batch in hand (which stays
        written) and propagates: that is how the reader cancels indexing when the user quits.
        A cache whose disk fills up (or fails) on the way is left as it was last committed and
        the work goes on in memory, as for a cache folder that cannot be written.
        """
        try:
            return self._update(progress, workers, refresh)
        except sqlite3.OperationalError as err:
            if self.path is None or getattr(err, "sqlite_errorcode", 0) & 0xFF not in _DISK_FAILED:
                raise
            self._to_memory(str(err))
        return self._update(progress, workers, refresh)

    def _to_memory(self, why: str) -> None:
        """Go on in memory from a copy of the index as last committed (the disk under it is full)."""
        disk, path = self.db, self.path
        if disk.in_transaction:
            disk.execute("ROLLBACK")
        memory = self._without_cache(why)
        disk.backup(memory)
        disk.close()
        self._local.db, self._local.path, self._local.matches = memory, None, None
        if path is not None and self._created:
            _discard(path)

    def _update(self, progress: Progress | None, workers: int | None, refresh: bool) -> UpdateReport:
        report = UpdateReport()
        self._check_version()
        self._reanalyse(progress)
        targets, skipped = discover(str(r) if is_url(str(r)) else Path(r) for r in self.roots)
        targets.sort(key=lambda t: t.kind is not InputKind.URL)  # links first, then files in order
        report.skipped.extend(skipped)
        db = self.db
        known = self._known()
        if self._follow_renames(targets, known):
            known = self._known()
        children: dict[str, list[str]] = {}
        for path, row in known.items():
            if row.parent:
                children.setdefault(row.parent, []).append(path)
        todo: list[Task] = []
        seen: set[str] = set()
        restamped: list[tuple[int, int, str | None, str]] = []
        for target in targets:
            shown = target.shown
            seen.add(shown)
            web = target.kind is not InputKind.TEXT
            if web:  # its entries stay while it is read again: those it no longer gives leave then
                seen.update(children.get(shown, []))
            if target.kind is InputKind.URL:
                stamp = (0, 0, 0, 0)
            else:
                try:
                    stamp = _stamp(target.path.stat())
                except OSError as err:
                    report.skipped.append((shown, err.strerror or str(err)))
                    continue
            was = known.get(shown)
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
        gone = [path for path, row in known.items() if path not in seen and self._owns(path, row)]
        self.skipped = self.warnings + report.skipped + self._copies()
        if not todo and not gone:
            return report  # up to date: the writer and the extractors are not even imported
        from brief.pipeline.index.writer import Writer

        writer = Writer(db, self.corrections.declared_name, self.index_fixes)
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
        deferred: list[Exception] = []  # raised by progress as a file was read: stop once the batch in hand is written

        def stop() -> bool:  # asked by fetches as they wait: progress raising is how the caller says to stop
            if progress and not stopping:
                try:
                    progress(max(done, read), len(todo), "")
                except Exception as err:
                    stopping.append(err)
            return bool(stopping)

        def counted(items: Iterator[Loaded]) -> Iterator[Loaded]:
            nonlocal read
            last = None
            for given, item in enumerate(items):
                if deferred and given % BATCH == 0:
                    return
                if item.task is not None and item.task is not last:
                    last, read = item.task, read + 1
                    if progress and not deferred:
                        try:
                            progress(read, len(todo), item.shown)
                        except Exception as err:
                            deferred.append(err)
                yield item

        _WORKER["stop"] = stop
        for batch in _batches(_until_stopped(counted(self._analyse(todo, workers, refresh)), stopping), BATCH):
            writer.begin()
            produced: dict[str, set[str]] = {}
            for loaded in batch:
                report.added += self._store(writer, loaded, report)
                if loaded.parent:
                    produced.setdefault(loaded.parent, set()).add(loaded.shown)
            for parent, now in produced.items():  # entries a feed or list no longer has
                for old in children.get(parent, []):
                    if old not in now:
                        report.removed += self._unlink(writer, old, report)
            writer.commit()
            done += sum(1 for item in batch if item.task is not None and item.first)
            if progress:
                progress(min(done, len(todo)), len(todo), batch[-1].shown)

        if deferred:
            raise deferred[0]
        self.skipped = self.warnings + report.skipped + self._copies()
        return report

    def _owns(self, path: str, row: _Row) -> bool:
        """Whether a file the index holds and this run did not find went away: on a shared index (PostgreSQL),
        only the files under this library's own folders (and their feeds' entries) are its to drop."""
        if not (self.settings.index_url and self.settings.use_cache):
            return True  # an index of its own: everything in it came from these roots
        tops = [str(r) if is_url(str(r)) else display_path(str(r)).rstrip("/") for r in self.roots]
        return any(p == top or p.startswith(top + "/") for p in (path, row.parent or "") for top in tops if p)

    def _known(self) -> dict[str, _Row]:
        return {r.pop("path"): _Row(**r) for r in reader.by_name(
            self.db, "SELECT path, mtime_ns AS mtime, size, parent, inode, ctime_ns AS ctime, hash, real FROM files")}

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

    def _follow_renames(self, targets: list[Target], known: dict[str, _Row]) -> bool:
        """Take the names the files have now when they are the same files under another name: the same
        folder named another way (``corp``, ``./corp/``, its absolute path, a link to it). True if any."""
        named = {t.shown for t in targets}
        by_real = {row.real: path for path, row in known.items() if row.real and path not in named}
        if not by_real:
            return False
        renames = [(by_real[real], t.shown) for t in targets if t.kind is not InputKind.URL and t.shown not in known
                   and (real := os.path.realpath(t.name)) in by_real]
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

    def _analyse(self, todo: list[Task], workers: int | None, refresh: bool) -> Iterator[Loaded]:
        known = frozenset(r[0] for r in self.db.execute("SELECT hash FROM articles"))
        fetch_dir = str(brief_paths.cache_dir(self.settings.cache_dir) / "fetched") if self.path else \
            str(Path(self._memory_dir()) / "fetched")
        workers = workers or os.cpu_count() or 1
        if len(todo) < PARALLEL_FROM or workers == 1:
            _WORKER.update(entities=self._entities, corrections=self.corrections, known=known, fetch_dir=fetch_dir,
                           refresh=refresh)
            for task in todo:
                yield from _work(task)
            return
        from collections import deque
        from concurrent.futures import Future, ProcessPoolExecutor
        from multiprocessing import get_context

        from brief.pipeline.index.pool import spawning, start_resource_tracker

        start_resource_tracker()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_init_worker,
                                   initargs=(self.settings, self.extractor, known, fetch_dir,
                                             refresh, os.getpid()))
        # A bounded window of tasks in flight: results never pile up faster than they are written,
        # and stopping (an exception from the consumer) waits only for the few tasks running.
        # Two batches' worth stay queued, so the workers keep going while a batch is written.
        pending: deque[Future[list[Loaded]]] = deque()
        chunks = (todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK))
        try:
            with spawning():  # the workers start as the first tasks go out
                for chunk in itertools.islice(chunks, 2 * BATCH // CHUNK):
                    pending.append(pool.submit(_work_many, chunk))
            while pending:
                results = pending.popleft().result()
                for chunk in itertools.islice(chunks, 1):
                    with spawning():
                        pending.append(pool.submit(_work_many, chunk))
                yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _copies(self) -> list[tuple[str, str]]:
        """Files (and feed entries) whose content another one already gave: named, so none vanishes."""
        out: list[tuple[str, str]] = []
        first: dict[int, str] = {}
        for article, path, own in self.db.execute(
                "SELECT f.article_id, f.path, a.path FROM files f JOIN articles a ON a.id = f.article_id"
                " WHERE f.article_id IN (SELECT article_id FROM files WHERE article_id IS NOT NULL"
                " GROUP BY article_id HAVING count(*) > 1) ORDER BY f.article_id, f.path = a.path DESC, f.path"):
            if article in first:
                out.append((path, f"the same content as {first[article]}, listed once"))
            else:
                first[article] = own if path == own else path
        return out

    def _memory_dir(self) -> str:
        import tempfile

        if not hasattr(self, "_tmp"):
            self._tmp = tempfile.TemporaryDirectory(prefix="brief-")
        return self._tmp.name

    def _unlink(self, writer: Writer, path: str, report: UpdateReport) -> int:
        """Forget a file (and what came from it); its article goes when no other file has that content."""
        gone = 0
        for (child,) in self.db.execute("SELECT path FROM files WHERE parent = ?", (path,)).fetchall():
            gone += self._unlink(writer, child, report)
        row = self.db.execute("SELECT article_id FROM files WHERE path = ?", (path,)).fetchone()
        self.db.execute("DELETE FROM files WHERE path = ?", (path,))
        if row and row[0] is not None and not self.db.execute(
                "SELECT 1 FROM files WHERE article_id = ?", (row[0],)).fetchone():
            writer.remove(row[0])
            report.gone.append(row[0])
            gone += 1
        return gone

    def _store(self, writer: Writer, loaded: Loaded, report: UpdateReport) -> int:
        db = self.db
        shown = loaded.shown
        task = loaded.task
        assert task is not None, "every item read says which task it came from"
        if task.web and task.shown != shown and loaded.first:
            # the feed or list itself: remembered so an unchanged one is not loaded again, unless an entry
            # could not be read (then it is, so that the reason is given again)
            if loaded.complete:
                self._remember(task.shown, task, "", None, None)
            else:
                db.execute("DELETE FROM files WHERE path = ? AND hash = ''", (task.shown,))
        previous = db.execute("SELECT hash FROM files WHERE path = ?", (shown,)).fetchone()
        if loaded.error is not None or loaded.digest is None:
            report.skipped.append((shown, loaded.error or "unreadable"))
            if previous and not loaded.note:  # (a note: the entries of the copy kept follow, unchanged)
                self._unlink(writer, shown, report)
            return 0
        replacing = None
        if previous and previous[0] != loaded.digest:  # edited: its article keeps its id unless another file has it
            replacing = db.execute(
                "SELECT a.id, a.slug FROM files f JOIN articles a ON a.id = f.article_id WHERE f.path = ?"
                " AND NOT EXISTS (SELECT 1 FROM files g WHERE g.article_id = a.id AND g.path != f.path)",
                (shown,)).fetchone()
            self._unlink(writer, shown, report)
        existing = db.execute("SELECT id FROM articles WHERE hash = ?", (loaded.digest,)).fetchone()
        added = 0
        if existing:
            article = existing[0]
        else:
            if loaded.analysis is None:  # seen when the work began, gone since: analyse it here
                from brief.pipeline.analysis import analyse_parsed, failure

                try:
                    loaded.analysis = analyse_parsed(loaded.parsed, self._entities, self.corrections)
                except Exception as err:
                    report.skipped.append((shown, failure(err)))
                    return 0
            article = writer.add(shown, loaded.digest, loaded.analysis, loaded.text or "", url=loaded.url,
                                 summary_only=loaded.summary_only, replacing=replacing)
            db.execute("INSERT OR IGNORE INTO reading (hash, added_at) VALUES (?, ?)", (loaded.digest, time.time()))
            report.new.append(article)
            added = 1
        self._remember(shown, task, loaded.digest, article, loaded.parent)
        return added

    def _remember(self, shown: str, task: Task, digest: str, article: int | None, parent: str | None) -> None:
        """The row of a file (or of a feed's entry): how the file was when read, and what it gave."""
        own = task.shown == shown  # a file, a feed or a page itself; not a feed's entry
        self.db.execute(
            "INSERT OR REPLACE INTO files (path, mtime_ns, size, hash, article_id, parent, inode, ctime_ns, real)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (shown, task.mtime, task.size, digest, article, parent, task.inode if own else 0, task.ctime if own else 0,
             task.resolved if own else None))

    # --- new and unread (the reading table, schema 6) -------------------------------------------

    def mark_opened(self) -> None:
        """The reader has opened the corpus (its first update done): from now on, "new" is what arrived since the
        time before (``new_since``)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("SELECT value FROM meta WHERE key = 'opened_at'").fetchone()
        if row:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('since', ?)", row)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('opened_at', ?)", (repr(time.time()),))
        db.execute("COMMIT")

    def new_since(self) -> float | None:
        """When the reader opened the corpus before this time (Unix time): what the index gained since is new.
        Opened once only: what came after that opening's first update; never opened: None, nothing is new."""
        return reader.new_since(self.db)

    def new_ids(self) -> set[int]:
        """The stories new since the corpus was last opened and not read yet: the list marks them."""
        return {r[0] for r in self.db.execute(f"SELECT a.id FROM articles a WHERE a.dup_of IS NULL AND {NEW}"
                                              f" AND {UNREAD}")}

    def unread_count(self) -> int:
        """The stories (copies aside) not opened in the reader yet: the header counts them."""
        # all stories less those read: the read are few (a partial index holds them), and CROSS JOIN starts from
        # them (SQLite's planner otherwise went through the 10,000 stories: 14 ms, where this takes under 1 ms)
        return self.db.execute(
            "SELECT (SELECT count(*) FROM articles WHERE dup_of IS NULL) - (SELECT count(*) FROM reading r"
            " CROSS JOIN articles a ON a.hash = r.hash WHERE r.read_at IS NOT NULL AND a.dup_of IS NULL)").fetchone()[0]

    def mark_read(self, article_ids: Sequence[int]) -> None:
        """These articles (and their copies, shown as one story) were opened: read, now and after a restart."""
        ids = json.dumps(list(article_ids))
        self.db.execute("UPDATE reading SET read_at = ? WHERE read_at IS NULL AND hash IN (SELECT hash FROM articles"
                        " WHERE id IN (SELECT value FROM json_each(?)) OR dup_of IN (SELECT value FROM json_each(?)))",
                        (time.time(), ids, ids))

    # --- reading ------------------------------------------------------------------------------

    def briefing(self, scope: Scope | None = None) -> Briefing:
        """The whole briefing, or the articles of ``scope`` only (the list's search, one article); with the ids of
        those new since the corpus was last opened (the Markdown's "New since" section)."""
        if scope is None or scope.everything:
            found = reader.briefing(self.db, self.skipped)
        else:
            sub, params = self._ids(scope).articles()  # type: ignore[union-attr]
            ids = [r[0] for r in self.db.execute(f"{sub} ORDER BY 1", params)]
            found = reader.briefing(self.db, self.skipped, ids)
        found.new_since = self.new_since()
        if found.new_since is not None:
            new = {r[0] for r in self.db.execute(f"SELECT a.slug FROM articles a WHERE {NEW}")}
            found.new = [a.id for a in found.articles if a.id in new]
        return found

    def query(self, text: str) -> Query:
        """The parsed query (raises ``QueryError`` with a message for the user)."""
        return parse(text)

    def _matches(self, query: Query) -> list[int]:
        """The ids matching a query, kept until the index changes: the count and every page reuse them."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        cached = getattr(self._local, "matches", None)
        if cached is None or cached[0] != (query.text, version):
            try:
                ids = reader.matching_ids(self.db, query)
            except sqlite3.OperationalError as err:  # a limit of SQLite's that parse() did not foresee
                if not re.search(r"too (?:large|complex|many|deep)|stack overflow", str(err)):
                    raise
                raise QueryError(f"the query is too large to run ({err})") from None
            cached = self._local.matches = ((query.text, version), ids)
        return cached[1]

    def count(self, query: Query | None = None) -> int:
        if query is None or query.empty:
            return reader.count_articles(self.db)
        return len(self._matches(query))

    def rows(self, query: Query | None = None, offset: int = 0, limit: int = 100) -> list[reader.ArticleRow]:
        if query is None or query.empty:
            return reader.article_rows(self.db, offset, limit)
        return reader.rows_by_ids(self.db, self._matches(query)[offset:offset + limit])

    def article(self, article_id: int) -> Article | None:
        """One article to read."""
        found = reader.article_texts(self.db, [article_id])
        return found[0] if found else None

    def _ids(self, scope: Scope | None) -> Scope | None:
        """``scope`` with the ids of its search's matches, as the list read them (kept until the index changes)."""
        if scope is None or scope.query is None or scope.ids is not None:
            return scope
        return dataclasses.replace(scope, ids=tuple(self._matches(scope.query)))

    def entity_count(self, kind: str, scope: Scope | None = None) -> int:
        if scope is None or scope.everything:
            return reader.count_entities(self.db, kind)
        return len(self._scoped_entities(kind, scope))

    def entity_rows(self, kind: str, offset: int = 0, limit: int = 100,
                    scope: Scope | None = None) -> list[reader.EntityRow]:
        if scope is None or scope.everything:
            return reader.entity_rows(self.db, kind, offset, limit)
        return reader.with_roles(self.db, self._scoped_entities(kind, scope)[offset:offset + limit])

    def _scoped_entities(self, kind: str, scope: Scope) -> list[tuple[int, str, str, str, int, int]]:
        """The entities of ``kind`` counted in ``scope``, kept until the index changes: every panel's count and page
        reuse one grouped query."""
        if kind not in PANEL_KINDS:
            return reader.scoped_entities(self.db, self._ids(scope), (kind,)).get(kind, [])  # type: ignore[arg-type]
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        key = (self.db, scope.key, version)  # the connection: a thread's own, or the index moved to memory
        cached = getattr(self._local, "scoped", None)
        if cached is None or cached[0] != key:
            found = reader.scoped_entities(self.db, self._ids(scope), PANEL_KINDS)  # type: ignore[arg-type]
            cached = self._local.scoped = (key, found)
        return cached[1].get(kind, [])

    def mentions_per_day(self, entity_ids: Sequence[int], scope: Scope | None = None) -> dict[int, tuple[int, ...]]:
        """Each entity's mentions per day over ``scope``'s dated days (``brief.pipeline.index.timeline``)."""
        from brief.pipeline.index.timeline import mentions_per_day

        return mentions_per_day(self.db, entity_ids, self._ids(scope))

    def day_span(self, scope: Scope | None = None) -> tuple[date, int] | None:
        """The first day and the number of days ``mentions_per_day`` counts for ``scope``."""
        from brief.pipeline.index.timeline import day_span

        return day_span(self.db, self._ids(scope))

    def with_days(self, rows: Sequence[reader.EntityRow], scope: Scope | None = None) -> list[reader.EntityRow]:
        """Panel rows with their mentions per day (a sparkline each), read for these rows only."""
        days = self.mentions_per_day([row.id for row in rows], scope)
        return [row._replace(per_day=days.get(row.id, ())) for row in rows]

    def figure_count(self, scope: Scope | None = None) -> int:
        return reader.count_figures(self.db, self._ids(scope))

    def figure_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[reader.FigureRow]:
        return reader.figure_rows(self.db, offset, limit, self._ids(scope))

    def quote_count(self, scope: Scope | None = None) -> int:
        return reader.count_quotes(self.db, self._ids(scope))

    def quote_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[reader.QuoteRow]:
        """A page of the quotes in ``scope`` (all articles by default): a quotes panel reads them so."""
        return reader.quote_rows(self.db, offset, limit, self._ids(scope))

    def deal_count(self, scope: Scope | None = None) -> int:
        return reader.count_deals(self.db, self._ids(scope))

    def deal_rows(self, offset: int = 0, limit: int = 100, scope: Scope | None = None) -> list[reader.DealRow]:
        return reader.deal_rows(self.db, offset, limit, self._ids(scope))

    def copies(self, article_id: int) -> list[reader.ArticleRow]:
        return reader.copies(self.db, article_id)

    def entity_names(self, slugs: Sequence[str]) -> dict[str, tuple[str, str]]:
        return reader.entity_names(self.db, slugs)

    def article_id(self, slug: str) -> int | None:
        return reader.article_id(self.db, slug)

    def search(self, text: str) -> list[reader.ArticleRow]:
        query = parse(text)
        return self.rows(query, 0, self.count(query))

    # the profile screen and the view across sources (brief.pipeline.index.profile)

    def profile(self, slug: str) -> Profile | None:
        from brief.pipeline.index import profile as profiles

        return profiles.profile(self.db, slug)

    def across(self, figure_id: int) -> Across | None:
        from brief.pipeline.index import profile as profiles

        return profiles.across(self.db, figure_id)

    def figure_id_at(self, article_id: int, field: str, start: int) -> int | None:
        from brief.pipeline.index import profile as profiles

        return profiles.figure_id_at(self.db, article_id, field, start)

    def deal_across(self, deal_id: int) -> Across | None:
        from brief.pipeline.index import profile as profiles

        return profiles.deal_across(self.db, deal_id)

    def relation_why(self, relation: Relation, rowid: int) -> RelationWhy | None:
        """Why the index holds this affiliation, deal or quote: its rule entry and the words it read."""
        from brief.pipeline.index.relation_why import relation_why

        return relation_why(self.db, relation, rowid)
