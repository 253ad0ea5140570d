"""The library: one corpus's index on disk, brought up to date with its files, and read back.

``Library`` is the facade the reader, the exports and the tests use; the work is in the modules
beside it: ``update`` (the corpus's paths, what changed, and writing it; the version and the
fixes), ``engine`` (the analysis: in this process, a pool of processes, or Dask), ``connection``
(opening the index, and working in memory when the cache cannot be used) and ``read``
(everything read back, and the reader's new and unread marks).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from brief import paths as brief_paths
from brief.config import Settings, resolve
from brief.pipeline import corpora
from brief.pipeline.index.connection import Connections, disk_failed
from brief.pipeline.index.engine import PARALLEL_FROM, Engine, engine_for, extractor
from brief.pipeline.index.read import PANEL_KINDS, Reading
from brief.pipeline.index.update import BATCH, Progress, Update, UpdateReport, extend_roots, fit, remembered_paths

if TYPE_CHECKING:
    from typing import Unpack

    from brief.config import Fix, Overrides
    from brief.pipeline.analysis import EntityExtractor
    from brief.pipeline.corrections import Corrections
    from brief.pipeline.index.fixes import Made

__all__ = ["BATCH", "PANEL_KINDS", "PARALLEL_FROM", "Library", "Progress", "UpdateReport", "corpus_key", "fit"]


corpus_key = corpora.key_of


class Library(Reading):
    """A corpus (folders and files) and its index."""

    def __init__(self, roots: Sequence[Path | str] | None = None, *, settings: Settings | None = None,
                 **overrides: Unpack[Overrides]) -> None:
        """``settings`` as the command line built them (loaded when None), with ``overrides`` on top.

        ``settings.corpus`` (``--corpus``, or ``corpus=`` here): a named corpus (``brief.pipeline.corpora``), its
        remembered paths and ``roots`` read into one index kept under the name. Without it, the index is that of
        ``roots`` (the bundled sample when None), and the paths ``a`` added to them are read too.
        """
        super().__init__()
        self.settings = resolve(settings, **overrides)
        corpus = self.name = self.settings.corpus
        self.warnings: list[tuple[str, str]] = []
        given: list[Path | str] = list(roots) if roots else [brief_paths.seeds_dir()] if corpus is None else []
        self.key = corpora.named_key(corpus) if corpus is not None else corpus_key(given)
        self.given = list(given)
        """The paths the corpus was opened with (for a named one, none or those added by this command)."""
        self.roots: list[Path | str] = given
        extend_roots(self.roots, remembered_paths(corpus, self.key, self._registry, self.warnings))
        self.extractor = self.settings.extractor
        folder = brief_paths.cache_dir(self.settings.cache_dir)
        self.skipped: list[tuple[str, str]] = []
        self.store = Connections(folder / f"index-{self.key}.sqlite3" if self.settings.use_cache else None,
                                 self.warnings, self.settings.index_url if self.settings.use_cache else None)

    @property
    def path(self) -> Path | None:
        """The index file (None: the index is in memory)."""
        return self.store.path

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection to the index."""
        return self.store.db

    def close(self) -> None:
        self.store.close()

    @property
    def _registry(self) -> Path:
        return corpora.registry_file(self.settings.read_from)

    def add_paths(self, paths: Sequence[Path | str]) -> str:
        """Add files, folders or links to the corpus and remember them (``a`` in the reader): the next ``update``
        reads them. Returns where they are remembered ("in the corpus deals"); raises ``CorpusError``."""
        extend_roots(self.roots, paths)
        return corpora.add(self.name, self.key, paths, self._registry)

    @cached_property
    def corrections(self) -> Corrections:
        from brief.pipeline.corrections import Corrections

        return Corrections(self.settings.entities)

    @cached_property
    def _extraction(self) -> tuple[str, EntityExtractor]:
        version, entities = extractor(self.settings, self.extractor)
        return (f"{version}+{self.settings.corrections_key()}" if self.corrections else version), entities

    @property
    def version(self) -> str:
        """What the index's analyses were made with; another version means indexing again."""
        from brief.pipeline.index.dedup import VERSION as dedup

        return f"{self._extraction[0]}+{dedup}"

    @property
    def _entities(self) -> EntityExtractor:
        return self._extraction[1]

    def update(self, progress: Progress | None = None, workers: int | str | Engine | None = None,
               refresh: bool = False) -> UpdateReport:
        """Bring the index up to date with the corpus's files (and, with ``refresh``, its links).

        ``workers``: the engine that analyses, or what ``--workers`` takes (``engine.engine_for``): a number of
        local processes (the default: one per core), ``local:N`` or ``dask://HOST:PORT``.
        An exception raised by ``progress`` stops the work at once and propagates: that is how the reader cancels
        indexing when the user quits. What was committed stays; the batch in hand (being read, or being written:
        ``progress`` is asked before each of its articles, inside its transaction, so it must not write to the
        index) is not written, and its files are read again next time.
        A cache whose disk fills up (or fails) on the way is left as it was last committed and
        the work goes on in memory, as for a cache folder that cannot be written.
        """
        engine = engine_for(workers) if workers is None or isinstance(workers, int | str) else workers
        try:
            return Update(self).run(progress, engine, refresh)
        except sqlite3.OperationalError as err:
            if self.path is None or not disk_failed(err):
                raise
            self.store.to_memory(str(err))
        return Update(self).run(progress, engine, refresh)

    # --- the user's fixes (brief.pipeline.index.update) -----------------------------------------

    def index_fixes(self) -> tuple[Fix, ...]:
        """Every fix the index applies: the config file's (every corpus's), then this corpus's own."""
        return Update(self).index_fixes()

    def correct(self, *new: Fix, everywhere: bool = False) -> None:
        """Record the fixes ``new`` (one choice in the reader's "why" dialog) for this corpus in its index
        (``everywhere``: in the config file, for every corpus) and apply them to the index now."""
        Update(self).correct(new, everywhere)

    def fixes_made(self) -> list[Made]:
        """The fixes that apply to this corpus: the config file's (global), then those made for it (undone too)."""
        return Update(self).fixes_made()

    def undo_fix(self, number: str | None = None) -> list[Fix]:
        """Undo fix ``number`` as ``fixes_made`` numbers them (None: the last choice this user made for this
        corpus); ``LookupError``: no such fix in force (``Update.undo_fix``)."""
        return Update(self).undo_fix(number)
