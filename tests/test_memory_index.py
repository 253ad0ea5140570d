"""An index in memory (``--no-cache``, or a cache folder that cannot be written) read while it is written.

The reader reads the panels and the list on its thread while the update writes on another; SQLite's shared
in-memory cache locks tables, and a read during a write failed with "database table is locked: articles",
which ended the reader (seen as a blank "indexing" that never finished in ``brief --no-cache``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from brief.pipeline.index import bulk
from brief.pipeline.index.library import Library


def _story(i: int) -> str:
    return (f"Quay levy vote {i}\n\nBy Ada Lenk\n\nMira Solvang, chief executive of Kestrel Freight {i}, said the "
            f"levy of ${10 + i} million would pass. Tavi Oren of Port Halden Authority said {i} berths would close "
            "on Monday. " * 4 + "\n")


@pytest.mark.parametrize("cold", [False, True], ids=["update", "cold-load"])
def test_an_index_in_memory_can_be_read_while_it_is_written(tmp_path: Path, cold: bool,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Also as a first index large enough to build the reader's indexes at its end on a file (``bulk``): in memory,
    the drop and the build of an index locked the schema the reader's thread reads ("database table is locked:
    sqlite_master"), the update failed at its end, and the panels had no index for the rest of the session."""
    if cold:
        monkeypatch.setattr(bulk, "COLD_FROM", 5)
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(120):
        (folder / f"story-{i:03}.txt").write_text(_story(i), encoding="utf-8")
    lib = Library([folder], cache_dir=tmp_path / "cache", use_cache=False)
    lib.count()  # the reader opens the index before the first update, as the screen does
    failed: list[BaseException] = []

    def write() -> None:
        try:
            lib.update(workers=1)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failed.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    reads = 0
    try:
        while writer.is_alive():
            lib.count()
            lib.rows(limit=20)
            lib.entity_rows("person", 0, 10)
            reads += 1
    except Exception as error:  # noqa: BLE001 - the reader's own failure, the one that ended the app
        failed.append(error)
    writer.join()
    assert not failed, failed
    alone = Library([folder], cache_dir=tmp_path / "cache", use_cache=False)
    alone.update(workers=1)
    assert reads > 1 and lib.count() == alone.count() > 50
    assert [r.title for r in lib.rows(limit=200)] == [r.title for r in alone.rows(limit=200)]
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.sqlite3"))
    names = {r[0] for r in lib.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(bulk.READERS) <= names
