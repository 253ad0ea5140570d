"""The library: one corpus's index on disk, brought up to date with its files, and read back.

``Library`` is the facade the reader, the exports and the tests use; the work is in the modules
beside it: ``update`` (what changed, and writing it), ``engine`` (the analysis: in this process,
a pool of processes, or Dask), ``connection`` (opening the index, and working in memory when the
cache cannot be used) and ``read`` (everything read back).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from brief import paths as brief_paths
from brief.config import Settings, resolve
from brief.pipeline.index.connection import Connections, disk_failed
from brief.pipeline.index.engine import PARALLEL_FROM, Engine, engine_for, extractor
from brief.pipeline.index.read import PANEL_KINDS, Reading
from brief.pipeline.index.update import BATCH, Progress, Update, UpdateReport, fit
from brief.pipeline.sources.targets import display_path, is_url

if TYPE_CHECKING:
    from typing import Unpack

    from brief.config import Fix, Overrides
    from brief.pipeline.analysis import EntityExtractor
    from brief.pipeline.corrections import Corrections
    from brief.pipeline.index.fixes import Why

__all__ = ["BATCH", "PANEL_KINDS", "PARALLEL_FROM", "Library", "Progress", "UpdateReport", "corpus_key", "fit"]


def corpus_key(roots: Sequence[Path | str]) -> str:
    """One index per set of folders, files and links: the same set opens the same index."""
    names = sorted({str(r) if is_url(str(r)) else display_path(Path(r).resolve()) for r in roots})
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]



class Library(Reading):
    """A corpus (folders and files) and its index."""

    def __init__(self, roots: Sequence[Path | str] | None = None, *, settings: Settings | None = None,
                 **overrides: Unpack[Overrides]) -> None:
        """``settings`` as the command line built them (loaded when None), with ``overrides`` on top."""
        super().__init__()
        self.settings = resolve(settings, **overrides)
        self.roots: list[Path | str] = list(roots) if roots else [brief_paths.seeds_dir()]
        self.extractor = self.settings.extractor
        folder = brief_paths.cache_dir(self.settings.cache_dir)
        self.warnings: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self.store = Connections(folder / f"index-{corpus_key(self.roots)}.sqlite3" if self.settings.use_cache
                                 else None, self.warnings)

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
        An exception raised by ``progress`` stops the work after the batch in hand (which stays
        written) and propagates: that is how the reader cancels indexing when the user quits.
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

    def correct(self, fix: Fix) -> None:
        """Write ``fix`` to the config file and apply it to the index now (the reader's "why" dialog)."""
        from dataclasses import replace

        from brief.config import config_file
        from brief.pipeline.corrections import write_fix

        write_fix(self.settings.read_from or config_file(), fix)
        if self.settings.read_from is None:  # settings built in code; else the file is read again, this fix in it
            if fix.action != "ignore":
                self.settings = replace(self.settings, fixes=(*self.settings.fixes, fix))
            elif fix.name not in self.settings.ignore:
                self.settings = replace(self.settings, ignore=(*self.settings.ignore, fix.name))
        Update(self).settle_fixes()

    def why(self, slug: str, at: tuple[int, str, int] | None = None) -> Why | None:
        """Why brief typed the entity as it did (``at``: one of its mentions, as article id, field, start)."""
        from brief.pipeline.index import fixes

        return fixes.why(self.db, slug, self.settings.index_fixes, at)

    def entity_names_like(self, prefix: str, limit: int = 8) -> list[str]:
        from brief.pipeline.index import fixes

        return fixes.entity_names(self.db, prefix, limit)
