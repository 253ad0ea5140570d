"""Fixes made for one corpus: kept in its index with who made them and when, applied to it alone, listed
and undone (``brief fixes``), never lost when several processes make them at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brief.config import Fix, load_settings
from brief.pipeline.index.library import Library
from brief.pipeline.index.schema import VERSION

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

STORIES = [
    "Port fees\n\nHarbour Wire said fees rise. Mara Quell agreed; Quell left. Tovin Labs and Ferro Works met.\n",
    "Fees again\n\nHarbour Wire reported a vote. Breaking Update: Mara Quell spoke.\n",
]
TAGS = [(r"Harbour Wire", "person", 0.6), (r"Mara Quell|Quell", "person", 0.9),
        (r"Tovin Labs|Ferro Works|Breaking Update", "organization", 0.8)]
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("# notes\n")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    monkeypatch.setenv("BRIEF_USER", "jane")
    return path


def panels(lib: Library) -> dict[str, dict[str, int]]:
    return {kind: {r.name: r.mentions for r in lib.entity_rows(kind, 0, 100)} for kind in ("person", "organization")}


def opened(root: Path, tmp_path: Path) -> Library:
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    return lib


@pytest.mark.sqlite_only("two corpora, each its own index (a shared index is one corpus)")
def test_a_fix_for_one_corpus_stays_in_its_index(tagged, config: Path, tmp_path: Path,  # noqa: ANN001
                                                 analysed: list[str]) -> None:
    lib = tagged(STORIES, TAGS)
    shutil.copytree(tmp_path / "corpus", tmp_path / "other")
    other = opened(tmp_path / "other", tmp_path)
    analysed.clear()
    lib.correct(Fix("type", "Harbour Wire", "organization"))
    lib.correct(Fix("merge", "Ferro Works", "Tovin Labs"))
    assert panels(lib)["organization"] == {"Harbour Wire": 2, "Tovin Labs": 2, "Breaking Update": 1}
    assert config.read_text() == "# notes\n" and load_settings().fixes == ()  # not a global fix
    other.update(workers=1)
    assert "Harbour Wire" in panels(other)["person"] and "Ferro Works" in panels(other)["organization"]
    made = opened(tmp_path / "corpus", tmp_path).fixes_made()
    assert [(m.id, m.fix, m.scope, m.by, m.undone_at) for m in made] == [
        ("1", Fix("type", "Harbour Wire", "organization"), "corpus", "jane", None),
        ("2", Fix("merge", "Ferro Works", "Tovin Labs"), "corpus", "jane", None)]
    assert made[0].at[:4].isdigit() and made[0].at <= made[1].at
    why = lib.why(next(r.slug for r in lib.entity_rows("organization") if r.name == "Harbour Wire"))
    assert why.by_whom == ((Fix("type", "Harbour Wire", "organization"), "jane", made[0].at),)  # the dialog says
    assert analysed == []  # applied to the index as it is
    (tmp_path / "corpus" / "02.txt").write_text("Later\n\nHarbour Wire said so. Ferro Works grew.\n")
    assert panels(opened(tmp_path / "corpus", tmp_path))["organization"]["Harbour Wire"] == 3  # and to new articles


def test_the_panels_of_a_search_show_what_the_same_thread_wrote_since(tagged, config: Path, tmp_path: Path) -> None:  # noqa: ANN001
    """The panels of a search (or of one article) are kept until the index changes; the reader's thread pool
    reads them on the connection that also wrote the index (its update, a fix), and SQLite's data_version
    moves only with other connections' commits: they stayed as they were."""
    from brief.pipeline.index.query import search_scope

    lib = tagged(STORIES, TAGS)
    scope = search_scope(lib.query("vote"))

    def companies() -> set[str]:
        return {row.name for row in lib.entity_rows("organization", 0, 100, scope=scope)}

    assert companies() == {"Breaking Update"}
    (tmp_path / "corpus" / "09.txt").write_text("Another vote\n\nTovin Labs held a vote.\n")
    lib.update(workers=1)
    assert companies() == {"Breaking Update", "Tovin Labs"}
    lib.correct(Fix("type", "Tovin Labs", "person"))
    assert companies() == {"Breaking Update"}


def test_undo_a_retype_in_place_and_a_merge_by_indexing_again(tagged, config: Path, tmp_path: Path,  # noqa: ANN001
                                                              analysed: list[str]) -> None:
    lib = tagged(STORIES, TAGS)
    lib.correct(Fix("merge", "Ferro Works", "Tovin Labs"))
    lib.correct(Fix("type", "Harbour Wire", "organization"))
    analysed.clear()
    assert lib.undo_fix() == [Fix("type", "Harbour Wire", "organization")]  # the last one jane made
    assert "Harbour Wire" in panels(lib)["person"] and analysed == []
    ids = [r.id for r in lib.rows()]
    assert lib.undo_fix("1") == [Fix("merge", "Ferro Works", "Tovin Labs")]
    report = lib.update(workers=1)
    assert {"Ferro Works", "Tovin Labs"} <= set(panels(lib)["organization"])
    assert [r.id for r in lib.rows()] == ids and report.new == []  # analysed again from the index, not new
    assert len(analysed) == 2
    with pytest.raises(LookupError):
        lib.undo_fix("1")  # undone already
    with pytest.raises(LookupError):
        lib.undo_fix()  # nothing left in force
    assert [(m.id, m.undone_by) for m in lib.fixes_made()] == [("1", "jane"), ("2", "jane")]
    lib.correct(Fix("ignore", "Mara Quell"), Fix("ignore", "Quell"))  # one choice: every way a name is written
    assert "Mara Quell" not in panels(lib)["person"]
    assert lib.undo_fix() == [Fix("ignore", "Mara Quell"), Fix("ignore", "Quell")]  # undone together
    lib.update(workers=1)
    assert "Mara Quell" in panels(lib)["person"]


def test_a_global_fix_from_the_dialog_is_listed_and_undone(tagged, config: Path) -> None:  # noqa: ANN001
    lib = tagged(STORIES, TAGS)
    lib.correct(Fix("type", "Harbour Wire", "organization"), everywhere=True)
    lib.correct(Fix("ignore", "Breaking Update"), everywhere=True)
    made = {m.fix: m for m in lib.fixes_made()}
    assert sorted((m.id, m.scope) for m in made.values()) == [("g1", "global"), ("g2", "global")]
    assert lib.undo_fix(made[Fix("ignore", "Breaking Update")].id) == [Fix("ignore", "Breaking Update")]
    assert config.read_text().startswith("# notes\n") and "Breaking Update" not in config.read_text()
    assert load_settings().fixes == (Fix("type", "Harbour Wire", "organization"),)
    lib.update(workers=1)
    assert "Breaking Update" in panels(lib)["organization"] and "Harbour Wire" in panels(lib)["organization"]


CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, "tests")
from brief.config import Fix
from brief.pipeline.index.library import Library
corpus, cache, go, i = sys.argv[1:]
lib = Library([Path(corpus)], cache_dir=Path(cache))
lib.db
while not Path(go).exists():
    time.sleep(0.01)
lib.correct(Fix("ignore", f"Quorvex Item {i}") if int(i) % 2 else Fix("merge", f"Velmora {i}", "Tovin Labs"))
"""


def test_fixes_made_by_processes_at_once_are_all_kept(tagged, config: Path, tmp_path: Path) -> None:  # noqa: ANN001
    lib = tagged(STORIES, TAGS)
    go, count = tmp_path / "go", 12
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "corpus"), str(tmp_path / "cache"),
                                  str(go), str(i)], env={**os.environ, "PYTHONPATH": str(REPO),
                                                         "BRIEF_USER": f"user{i}"}, cwd=REPO)
                for i in range(count)]
    time.sleep(1)
    go.touch()
    assert [c.wait(timeout=120) for c in children] == [0] * count
    made = lib.fixes_made()
    assert sorted(m.fix.name for m in made) == sorted(
        [f"Quorvex Item {i}" for i in range(1, count, 2)] + [f"Velmora {i}" for i in range(0, count, 2)])
    assert sorted(m.by for m in made) == sorted(f"user{i}" for i in range(count))
    assert sorted(int(m.id) for m in made) == list(range(1, count + 1))
    assert config.read_text() == "# notes\n"
    from brief.pipeline.index import fixes

    assert fixes.applied(lib.db) == list(lib.index_fixes())  # every one applied, none undone by another


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, timeout=300,
                          env=env, cwd=REPO)


def test_brief_fixes_lists_and_undoes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "one.txt").write_text("Velmora buys a port\n\nJane Roe, chief executive of Velmora Holdings, said "
                                    "the company would pay $2 billion. Velmora Holdings said more.\n")
    config = tmp_path / "config.toml"
    config.write_text('[[retype]]\nname = "Quorvex"\ntype = "organization"\n')
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEF_CONFIG": str(config), "BRIEF_USER": "jane roe"}
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    monkeypatch.setenv("BRIEF_USER", "jane roe")
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    lib.correct(Fix("type", "Jane Roe", "organization"))
    assert "Jane Roe" in {r.name for r in lib.entity_rows("organization")}
    listed = run("fixes", str(corpus), "--cache-dir", str(tmp_path / "cache"), env=env)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[:2] == ["g1", "global"] and "\u201cQuorvex\u201d is an organization" in lines[0]
    assert lines[1].split()[:2] == ["1", "corpus"] and "jane roe" in lines[1]
    assert "\u201cJane Roe\u201d is an organization" in lines[1]
    undone = run("fixes", str(corpus), "--cache-dir", str(tmp_path / "cache"), "--undo", "1", env=env)
    assert undone.returncode == 0, undone.stderr
    assert "undone" in undone.stderr
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    assert "Jane Roe" in {r.name for r in lib.entity_rows("person")}
    again = run("fixes", str(corpus), "--cache-dir", str(tmp_path / "cache"), "--undo", "1", env=env)
    assert again.returncode == 1 and "no fix 1" in again.stderr
    listed = run("fixes", str(corpus), "--cache-dir", str(tmp_path / "cache"), env=env)
    assert "(undone by jane roe" in listed.stdout.splitlines()[1]


def test_an_entity_id_follows_its_type_and_the_old_id_still_finds_it(tagged, config: Path,  # noqa: ANN001
                                                                      tmp_path: Path) -> None:
    lib = tagged(["Port\n\nVelmora said fees rise at Velmora.\n", "Again\n\nVelmora reported a vote.\n"],
                 [(r"Velmora", "place", 0.7)])
    lib.update(workers=1)
    old = next(iter(lib.entity_names(["place-velmora"])), None)
    assert old == "place-velmora"
    lib.correct(Fix("type", "Velmora", "organization"))
    row = next(r for r in lib.entity_rows("organization") if r.name == "Velmora")
    assert row.slug == "org-velmora"
    assert len(lib.search("entity:org-velmora")) == 2
    assert len(lib.search("entity:place-velmora")) == 2  # an id saved before the retype
    assert lib.profile("place-velmora").slug == "org-velmora"
    assert lib.why("place-velmora").type == "organization"
    import json

    from brief.pipeline.export import render

    exported = json.loads(render(lib.briefing(), "json"))
    entities = {e["name"]: e for e in exported["entities"]}
    assert (entities["Velmora"]["id"], entities["Velmora"]["type"]) == ("org-velmora", "organization")
    lib.undo_fix()
    assert lib.profile("org-velmora").slug == "place-velmora"  # and back


def test_review_lists_disputed_and_weak_entities_most_mentioned_first(tagged, config: Path) -> None:  # noqa: ANN001
    lib = tagged(["A\n\nVelmora said so. Velmora agreed. Velmora left. Quorvex spoke. Jane Roe came.\n",
                  "B\n\nVelmora rose. Velmora fell. Velmora Inc. grew. Velmora Inc. shrank. Quorvex again.\n"],
                 [(r"Velmora(?! Inc)", "person", 0.9), (r"Velmora Inc\.", "organization", 0.9),
                  (r"Quorvex", "organization", 0.45), (r"Jane Roe", "person", 0.95)])
    found = lib.unsure()
    by_name = {u.name: u for u in found}
    assert [u.name for u in found] == ["Velmora Inc.", "Quorvex"]  # the most mentioned first (joined as one)
    assert by_name["Velmora Inc."].summary() == "Velmora Inc.: person 5 · organization 2, 2 articles"
    assert by_name["Velmora Inc."].reasons == ["types disagree"]
    assert by_name["Quorvex"].reasons == ["weak evidence"] and by_name["Quorvex"].confidence == 0.45
    assert "Jane Roe" not in by_name  # sure of it
    lib.correct(Fix("type", "Velmora Inc.", "organization"))
    assert [u.name for u in lib.unsure()] == ["Quorvex"]  # reviewed


def test_a_fix_made_while_another_process_indexes_holds_for_what_it_adds(tagged, config: Path, tmp_path: Path,  # noqa: ANN001
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.pipeline.index import update as update_module

    tagged(["Start\n\nQuorvex spoke.\n"], [(r"Quorvex", "organization", 0.9)])
    for i in range(20):
        (tmp_path / "corpus" / f"more-{i:02d}.txt").write_text(f"Story {i}\n\nQuorvex spoke again, {i} times.\n")
    monkeypatch.setattr(update_module, "BATCH", 5)
    indexing = Library([tmp_path / "corpus"], cache_dir=tmp_path / "cache")
    other = Library([tmp_path / "corpus"], cache_dir=tmp_path / "cache")  # another reader, its own connection
    fixed: list[int] = []

    def progress(done: int, total: int, _path: str) -> None:
        if done >= 5 and not fixed:  # a batch is in: the other reader retypes the name
            other.correct(Fix("type", "Quorvex", "person"))
            fixed.append(done)

    indexing.update(progress=progress, workers=1)
    assert fixed and fixed[0] < 20
    assert [r.name for r in indexing.entity_rows("person")] == ["Quorvex"]  # the batches after it kept the fix
    assert [r.name for r in indexing.entity_rows("organization")] == []


@pytest.mark.sqlite_only("the SQLite file (PostgreSQL's 5 -> 6: test_pg_index)")
@pytest.mark.parametrize("before_release", [False, True], ids=["version 5", "a version 5 before its release"])
def test_a_version_5_index_takes_the_fixes_table_and_keeps_its_articles(tagged, config: Path,  # noqa: ANN001
                                                                        tmp_path: Path, analysed: list[str],
                                                                        before_release: bool) -> None:
    import sqlite3

    lib = tagged(STORIES, TAGS)
    path = lib.path
    lib.close()
    with sqlite3.connect(path) as db:  # the index as brief 5 left it
        db.execute("DROP TABLE fixes")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        if before_release:
            db.execute("ALTER TABLE quotes DROP COLUMN rule")
    analysed.clear()
    first = opened(tmp_path / "corpus", tmp_path)  # migrated (or, damaged, rebuilt) as it opens
    first.correct(Fix("type", "Harbour Wire", "organization"))
    first.close()
    again = opened(tmp_path / "corpus", tmp_path)  # then opened as it is: the fix made in it is there
    assert "Harbour Wire" in panels(again)["organization"] and len(again.fixes_made()) == 1
    assert len(analysed) == (2 if before_release else 0)  # a damaged one is rebuilt, once
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(VERSION),)


@pytest.mark.sqlite_only("the SQLite file set aside and rebuilt")
def test_an_index_rebuilt_keeps_the_fixes_made_for_the_corpus(tagged, config: Path, tmp_path: Path) -> None:  # noqa: ANN001
    import sqlite3

    lib = tagged(STORIES, TAGS)
    lib.correct(Fix("type", "Harbour Wire", "organization"))
    path = lib.path
    lib.close()
    with sqlite3.connect(path) as db:  # damaged: a table's rows deleted by hand
        db.execute("DELETE FROM articles_fts_docsize")
    again = opened(tmp_path / "corpus", tmp_path)
    assert any("rebuilt it, keeping its 1 fix" in reason for _path, reason in again.skipped)
    assert "Harbour Wire" in panels(again)["organization"]
    assert [(m.fix, m.by) for m in again.fixes_made()] == [(Fix("type", "Harbour Wire", "organization"), "jane")]


@pytest.mark.sqlite_only("the SQLite file (PostgreSQL's 5 -> 6: test_pg_index)")
def test_a_version_5_index_gives_each_entity_the_id_of_its_type(tagged, config: Path, tmp_path: Path) -> None:  # noqa: ANN001
    import sqlite3

    lib = tagged(STORIES, TAGS)
    path = lib.path
    lib.close()
    with sqlite3.connect(path) as db:  # as brief 5 left an entity voted another type than its first mention's
        db.execute("UPDATE entities SET slug = 'place-harbour-wire' WHERE name = 'Harbour Wire'")
        db.execute("DROP TABLE fixes")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    again = opened(tmp_path / "corpus", tmp_path)
    assert next(r.slug for r in again.entity_rows("person") if r.name == "Harbour Wire") == "per-harbour-wire"
    assert len(again.search("entity:place-harbour-wire")) == 2  # the id a user saved still finds it


@pytest.mark.sqlite_only("two named corpora, each its own index (a shared index is one corpus)")
def test_brief_fixes_of_a_named_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``brief --corpus NAME fixes`` (or with --corpus after the command) lists and undoes that corpus's fixes, kept
    in its index, and not another's; a corpus name that is not one says so instead of "no fix"."""
    deals, other = tmp_path / "deals", tmp_path / "other"
    for folder in (deals, other):
        folder.mkdir()
        (folder / "one.txt").write_text("Velmora buys a port\n\nJane Roe, chief executive of Velmora Holdings, said "
                                        "the company would pay $2 billion.\n")
    config, cache = tmp_path / "config.toml", str(tmp_path / "cache")
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEF_CONFIG": str(config), "BRIEF_USER": "jane roe"}
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    monkeypatch.setenv("BRIEF_USER", "jane roe")
    for name, folder in (("deals", deals), ("other", other)):  # each made as a user makes one, by a search
        assert run("--cache-dir", cache, "--corpus", name, "search", "Velmora", str(folder), env=env).returncode == 0
    lib = Library(None, settings=load_settings(cache_dir=Path(cache), corpus="deals"))
    lib.update(workers=1)
    lib.correct(Fix("type", "Jane Roe", "organization"))
    lib.close()
    for words in (("--corpus", "deals", "fixes"), ("fixes", "--corpus", "deals")):
        listed = run("--cache-dir", cache, *words, env=env)
        assert listed.returncode == 0, listed.stderr
        (line,) = listed.stdout.splitlines()
        assert line.split()[:2] == ["1", "corpus"] and "\u201cJane Roe\u201d is an organization" in line
    none = run("--cache-dir", cache, "--corpus", "other", "fixes", env=env)
    assert none.returncode == 1 and "no fix" in none.stderr
    undone = run("--cache-dir", cache, "fixes", "--corpus", "deals", "--undo", "1", env=env)
    assert undone.returncode == 0 and "undone" in undone.stderr, undone.stderr
    assert "(undone by jane roe" in run("--cache-dir", cache, "--corpus", "deals", "fixes", env=env).stdout
    unknown = run("--cache-dir", cache, "--corpus", "dealz", "fixes", env=env)
    assert unknown.returncode == 2 and "dealz" in unknown.stderr, unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1
