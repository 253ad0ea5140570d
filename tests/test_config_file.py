"""config.toml as brief writes it: a fix never corrupts it, never writes over another process's fix,
follows a link to the file it names, and leaves alone a file it cannot or may not change."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from brief.config import Fix, load_settings
from brief.pipeline.index.library import Library

STORIES = ["Port fees\n\nHarbour Wire said fees rise. Mara Quell agreed. Tovin Labs and Ferro Works met.\n",
           "Fees again\n\nHarbour Wire reported a vote. Mara Quell spoke for Ferro Works.\n"]
TAGS = [(r"Harbour Wire", "person", 0.6), (r"Mara Quell", "person", 0.9),
        (r"Tovin Labs|Ferro Works", "organization", 0.8)]
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    return path


def names(lib: Library, kind: str) -> set[str]:
    return {r.name for r in lib.entity_rows(kind, 0, 100)}


@pytest.mark.parametrize("written", [
    "# mine\nmerge = []\n",
    '# mine\nretype = [{name = "Tovin Labs", type = "organization"}]\n',
    '# mine\nmerge = [\n  {name = "Nobody", into = "Tovin Labs"},  # kept\n]\n\n[[entities]]\nname = "Acme Velmora"\n',
    '# mine\nignore = []\n\n[[split]]\nname = "Quorvex"\nfrom = "Tovin Labs"\n\n[[entities]]\nname = "Acme Velmora"\n',
], ids=["empty inline array", "inline tables", "multi-line array before a table", "array of tables"])
def test_a_fix_keeps_a_config_brief_accepts_valid(tagged, config: Path, written: str) -> None:  # noqa: ANN001
    config.write_text(written)
    lib = tagged(STORIES, TAGS)
    first = tomllib.loads(written)
    for fix in (Fix("merge", "Ferro Works", "Tovin Labs"), Fix("type", "Harbour Wire", "organization"),
                Fix("ignore", "Mara Quell")):
        lib.correct(fix, everywhere=True)
    text = config.read_text()
    assert text.startswith("# mine\n")
    data = tomllib.loads(text)  # valid TOML, and every command reads it
    assert data["merge"][:len(first.get("merge", []))] == first.get("merge", [])
    assert data["merge"][-1] == {"name": "Ferro Works", "into": "Tovin Labs"}
    assert data["retype"][-1] == {"name": "Harbour Wire", "type": "organization"}
    assert data["ignore"] == ["Mara Quell"] and data.get("entities") == first.get("entities")
    settings = load_settings()
    assert {Fix("type", "Harbour Wire", "organization"), Fix("merge", "Ferro Works", "Tovin Labs"),
            Fix("ignore", "Mara Quell")} <= set(settings.index_fixes)
    organizations = names(lib, "organization")
    assert organizations >= {"Harbour Wire", "Tovin Labs"} and "Ferro Works" not in organizations
    assert "Mara Quell" not in names(lib, "person")


def test_a_retype_written_with_capitals_is_read(tagged, config: Path) -> None:  # noqa: ANN001
    config.write_text('[[retype]]\nname = "Harbour Wire"\ntype = "Organization"\n')
    assert load_settings().fixes == (Fix("type", "Harbour Wire", "organization"),)
    lib = tagged(STORIES, TAGS)
    assert "Harbour Wire" in names(lib, "organization")


CHILD = """
import sys, time
from pathlib import Path
from brief.config import Fix
from brief.pipeline.index.library import Library
root, cache, go, i = sys.argv[1:]
lib = Library([root], cache_dir=cache)
lib.db  # opened before the others write, as a reader that was already running
while not Path(go).exists():
    time.sleep(0.01)
fix = Fix("ignore", f"Quorvex Item {i}") if int(i) % 2 else Fix("merge", f"Velmora {i}", "Tovin Labs")
lib.correct(fix, everywhere=True)
"""


def test_fixes_saved_by_processes_at_once_are_all_kept(tagged, config: Path, tmp_path: Path) -> None:  # noqa: ANN001
    config.write_text("# mine\n")
    tagged(STORIES, TAGS)
    go, count = tmp_path / "go", 12
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "corpus"), str(tmp_path / "cache"),
                                  str(go), str(i)], env={**os.environ, "PYTHONPATH": str(REPO)})
                for i in range(count)]
    time.sleep(1)
    go.touch()
    assert [c.wait(timeout=120) for c in children] == [0] * count
    settings = load_settings()
    assert sorted(settings.ignore) == sorted(f"Quorvex Item {i}" for i in range(1, count, 2))
    assert sorted(f.name for f in settings.fixes) == sorted(f"Velmora {i}" for i in range(0, count, 2))
    assert config.read_text().startswith("# mine\n")


def test_two_open_readers_keep_each_others_fixes(tagged, config: Path, tmp_path: Path,  # noqa: ANN001
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.pipeline import analysis as analysis_module

    config.write_text("# mine\n")
    one = tagged(STORIES, TAGS)
    two = Library([tmp_path / "corpus"], cache_dir=tmp_path / "cache")
    two.update(workers=1)
    analysed: list[str] = []
    real = analysis_module.analyse_parsed
    monkeypatch.setattr(analysis_module, "analyse_parsed",
                        lambda parsed, *rest: analysed.append(parsed.title) or real(parsed, *rest))
    one.correct(Fix("type", "Harbour Wire", "organization"), everywhere=True)
    two.correct(Fix("merge", "Ferro Works", "Tovin Labs"), everywhere=True)
    for lib in (one, two, one):
        lib.update(workers=1)
        assert "Harbour Wire" in names(lib, "organization") and "Ferro Works" not in names(lib, "organization")
    assert analysed == []  # the index was never emptied to be built again


def test_a_config_behind_a_link_is_written_through_it(tagged, tmp_path: Path,  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "brief.toml").write_text("# in my dotfiles\n")
    link = tmp_path / "config" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(dotfiles / "brief.toml")
    monkeypatch.setenv("BRIEF_CONFIG", str(link))
    lib = tagged(STORIES, TAGS)
    lib.correct(Fix("type", "Harbour Wire", "organization"), everywhere=True)
    assert link.is_symlink() and link.resolve() == dotfiles / "brief.toml"
    assert tomllib.loads((dotfiles / "brief.toml").read_text())["retype"] == [
        {"name": "Harbour Wire", "type": "organization"}]
    assert "Harbour Wire" in names(lib, "organization")


def test_a_read_only_config_is_not_replaced(tagged, config: Path) -> None:  # noqa: ANN001
    config.write_text("# mine\n")
    config.chmod(0o444)
    lib = tagged(STORIES, TAGS)
    inode = config.stat().st_ino
    with pytest.raises(PermissionError, match="read-only"):
        lib.correct(Fix("type", "Harbour Wire", "organization"), everywhere=True)
    assert (config.read_text(), config.stat().st_ino, config.stat().st_mode & 0o777) == ("# mine\n", inode, 0o444)
    assert "Harbour Wire" in names(lib, "person")
