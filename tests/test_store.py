"""The index cache: reused when content is unchanged, rebuilt when broken."""

from __future__ import annotations

import shutil
from pathlib import Path

from brief.pipeline import build
from brief.pipeline.store import FILENAME


def _corpus(tmp_path: Path, seeds: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds, corpus)
    return corpus


def test_unchanged_files_are_not_extracted_again(tmp_path: Path, seeds: Path, monkeypatch) -> None:  # noqa: ANN001
    corpus, cache = _corpus(tmp_path, seeds), tmp_path / "cache"
    calls: list[str] = []
    real = build.analyse
    monkeypatch.setattr(build, "analyse", lambda text, *rest: calls.append(text[:10]) or real(text, *rest))
    first = build.load_briefing([corpus], cache_dir=cache)
    assert len(calls) == 2
    second = build.load_briefing([corpus], cache_dir=cache)
    assert len(calls) == 2 and second == first
    changed = corpus / "000_8aa2c54d586f50ac.txt"
    changed.write_text(changed.read_text() + "\nOne more line about nothing.\n")
    build.load_briefing([corpus], cache_dir=cache)
    assert len(calls) == 3


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path, seeds: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILENAME).write_bytes(b"this is not a database" * 100)
    briefing = build.load_briefing([seeds], cache_dir=cache)
    assert len(briefing.articles) == 2
    assert any("rebuilt" in reason for _, reason in briefing.skipped)
    assert build.load_briefing([seeds], cache_dir=cache).skipped == []


def test_cache_dir_follows_xdg_cache_home(tmp_path: Path, seeds: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    build.load_briefing([seeds])
    assert (tmp_path / "xdg" / "brief" / FILENAME).exists()


def test_a_cache_from_a_newer_brief_is_set_aside(tmp_path: Path, seeds: Path) -> None:
    import sqlite3

    cache = tmp_path / "cache"
    cache.mkdir()
    db = sqlite3.connect(cache / FILENAME)
    db.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                     "INSERT INTO meta VALUES ('schema_version', '99');")
    db.commit()
    db.close()
    briefing = build.load_briefing([seeds], cache_dir=cache)
    assert len(briefing.articles) == 2
    assert any("schema version 99" in reason for _, reason in briefing.skipped)
    assert (cache / (FILENAME + ".corrupt")).exists()


def test_an_unusable_cache_folder_still_loads(tmp_path: Path, seeds: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    briefing = build.load_briefing([seeds], cache_dir=blocker / "cache")
    assert len(briefing.articles) == 2
    assert any("working without it" in reason for _, reason in briefing.skipped)
