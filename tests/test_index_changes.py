"""What the index notices of the files under it: dates past 2262, edits that keep size and date,
one folder named several ways, copies of one story, and a disk that fills on a first index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from invented import write_corpus
from running import export

from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

FAR_FUTURE = 2**63 // 10**9 + 400 * 86400  # seconds: past 2262-04-11, the end of SQLite's int64 in nanoseconds


def _lib(root: Path | str, tmp_path: Path, cache: str = "cache") -> Library:
    return Library([root], cache_dir=tmp_path / cache)


def _date(path: Path, seconds: int) -> None:
    os.utime(path, (seconds, seconds))


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Change the text in place (the same size), then put the modification time back, as ``cp -p`` does."""
    assert len(old) == len(new)
    st = path.stat()
    time.sleep(0.05)  # past the kernel's coarse clock: the change time moves on
    path.write_text(path.read_text().replace(old, new, 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


# --- dates after 2262 ------------------------------------------------------------------------------


def test_a_file_dated_after_2262_is_indexed_and_its_changes_still_seen(tmp_path: Path, analysed: list[str]) -> None:
    root = write_corpus(tmp_path / "news", 4)
    dated = root / "001.txt"
    _date(dated, FAR_FUTURE)
    _date(root / "002.txt", FAR_FUTURE + 1)
    lib = _lib(root, tmp_path)
    assert lib.update().added == 4 and lib.count() == 4
    again = _lib(root, tmp_path).update()
    assert (again.added, again.unchanged, len(analysed)) == (0, 4, 4)
    # edited, and dated a second later: read again
    dated.write_text(dated.read_text().replace("revenue rose", "revenue fell"))
    _date(dated, FAR_FUTURE + 1)
    lib = _lib(root, tmp_path)
    assert lib.update().added == 1
    assert any("revenue fell" in a.body for a in lib.briefing().articles)
    # the same size, the date kept: still seen
    _same_size_edit(dated, "revenue fell", "revenue sank")
    lib = _lib(root, tmp_path)
    assert lib.update().added == 1
    assert any("revenue sank" in a.body for a in lib.briefing().articles)


def test_the_command_reads_a_folder_with_a_file_dated_after_2262(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 3)
    _date(root / "000.txt", FAR_FUTURE)
    for _ in range(2):  # the first index, then the run that finds it up to date
        done = subprocess.run(export(root, tmp_path / "cache"), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-500:]
        assert len(json.loads(done.stdout)["articles"]) == 3


# --- edits that keep the size and the date ---------------------------------------------------------


def test_a_same_size_edit_whose_date_was_put_back_is_read_again(tmp_path: Path, analysed: list[str]) -> None:
    root = write_corpus(tmp_path / "news", 3)
    _lib(root, tmp_path).update()
    _same_size_edit(root / "000.txt", "revenue rose", "revenue sank")
    lib = _lib(root, tmp_path)
    report = lib.update()
    assert (report.added, report.unchanged) == (1, 2)
    assert any("revenue sank" in a.body for a in lib.briefing().articles)
    assert not any("revenue sank" not in a.body and a.path.endswith("000.txt") for a in lib.briefing().articles)


def test_a_file_replaced_by_a_copy_with_the_same_size_and_date_is_read_again(tmp_path: Path) -> None:
    """``rsync -t`` and ``tar x`` write a new file and give it the old date: a new inode."""
    root = write_corpus(tmp_path / "news", 3)
    _lib(root, tmp_path).update()
    target = root / "001.txt"
    st = target.stat()
    time.sleep(0.05)
    staged = tmp_path / "staged.txt"
    staged.write_text(target.read_text().replace("revenue rose", "revenue sank", 1))
    os.utime(staged, ns=(st.st_atime_ns, st.st_mtime_ns))
    staged.replace(target)
    lib = _lib(root, tmp_path)
    assert lib.update().added == 1
    assert any("revenue sank" in a.body for a in lib.briefing().articles)


def test_a_file_touched_but_not_changed_is_not_analysed_again(tmp_path: Path, analysed: list[str]) -> None:
    root = write_corpus(tmp_path / "news", 3)
    _lib(root, tmp_path).update()
    assert len(analysed) == 3
    for path in root.iterdir():  # a copy with -p over itself, chmod, a restore of the same content
        st = path.stat()
        time.sleep(0.02)
        shutil.copy2(path, tmp_path / "tmp.txt")
        (tmp_path / "tmp.txt").replace(path)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    report = _lib(root, tmp_path).update()
    assert (report.added, report.removed, report.unchanged, len(analysed)) == (0, 0, 3, 3)


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Wire</title>
<item><title>Velmora buys Quorvex</title><guid>a1</guid><description>Jane Roe, the chief executive of Velmora
Holdings, said revenue rose 12% to $40 million in the quarter.</description></item>
<item><title>Quorvex hires</title><guid>a2</guid><description>John Doe joined Quorvex Labs as chief financial
officer, the firm said on Monday.</description></item></channel></rss>"""


def test_an_unchanged_feed_is_not_read_again_and_a_bad_entry_is_named_each_time(tmp_path: Path,
                                                                                analysed: list[str]) -> None:
    root = tmp_path / "news"
    root.mkdir()
    (root / "wire.xml").write_text(FEED)
    (root / "links.urls").write_text("ftp://example.invalid/story\n")
    for run in range(3):
        lib = _lib(root, tmp_path)
        report = lib.update()
        assert (report.added, report.removed, len(analysed)) == (2 if run == 0 else 0, 0, 2), run
        assert [why for _, why in lib.skipped] == ["not an http(s) URL: ftp://example.invalid/story"], run
    (root / "wire.xml").write_text(FEED.replace("<item><title>Quorvex hires", "<item><title>Quorvex fires"))
    lib = _lib(root, tmp_path)
    report = lib.update()
    assert (report.added, report.removed, len(analysed)) == (1, 0, 3)  # one entry edited
    assert sorted(a.title for a in lib.briefing().articles) == ["Quorvex fires", "Velmora buys Quorvex"]


# --- one folder, named several ways ----------------------------------------------------------------


def test_the_same_folder_named_another_way_is_not_read_again(tmp_path: Path, analysed: list[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "corp", 5)
    (tmp_path / "link").symlink_to(tmp_path / "corp")
    monkeypatch.chdir(tmp_path)
    assert _lib("corp", tmp_path).update().added == 5
    for n, name in enumerate(("./corp", "corp/", str(tmp_path / "corp"), "link", "corp")):
        lib = _lib(name, tmp_path)
        before = len(analysed)
        report = lib.update()
        assert (report.added, report.removed, report.unchanged, len(analysed)) == (0, 0, 5, before), name
        clean = _lib(name, tmp_path, cache=f"clean-{n}")
        clean.update()
        mine, theirs = lib.briefing(), clean.briefing()
        assert [a.path for a in mine.articles] == [a.path for a in theirs.articles], name  # as named this time
        assert (mine.articles, mine.entities) == (theirs.articles, theirs.entities), name


def test_a_copy_of_an_indexed_file_is_listed_as_a_copy_without_being_analysed(tmp_path: Path,
                                                                             analysed: list[str]) -> None:
    """A few new files (a re-open) are looked up in the index by their content one at a time: a copy of an article
    the index has is not analysed again, and is named as a copy."""
    root = write_corpus(tmp_path / "news", 4)
    _lib(root, tmp_path).update()
    assert len(analysed) == 4
    shutil.copy(root / "002.txt", root / "copy-of-002.txt")  # (after it by path: the article stays at 002.txt)
    lib = _lib(root, tmp_path)
    report = lib.update()
    assert (report.added, report.unchanged, len(analysed), lib.count()) == (0, 4, 4, 4)
    assert any(path.endswith("copy-of-002.txt") and "the same content as" in why for path, why in lib.skipped)


def _held(lib: Library) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]], list[tuple[str, int]]]:
    """What a reader sees: each article (path, title, body), the files named as copies, the entities' counts."""
    articles = sorted((a.path.rsplit("/", 1)[-1], a.title, a.body) for a in lib.briefing().articles)
    copies = sorted((path.rsplit("/", 1)[-1], why.split(" as ")[0]) for path, why in lib.skipped)
    entities = sorted((r.name, r.articles) for kind in ("person", "organization")
                      for r in lib.entity_rows(kind, 0, 1000))
    return articles, copies, entities


def test_contents_swapped_copied_and_edited_in_one_re_open_give_what_a_fresh_index_gives(
        tmp_path: Path, store: str | None) -> None:
    """A batch's files and contents are looked up once as it begins: the files of one re-open that trade their
    contents, take another's or one new in the same batch leave the index as a fresh index of the folder."""
    import contextlib

    root = write_corpus(tmp_path / "news", 7)
    lib = _lib(root, tmp_path)
    lib.update()
    text = {n: (root / f"{n:03d}.txt").read_text() for n in range(7)}
    (root / "001.txt").write_text(text[2])  # two files trade their contents
    (root / "002.txt").write_text(text[1])
    fresh = text[3].replace("revenue", "Quorvex revenue")
    (root / "003.txt").write_text(fresh)  # edited, to what a new file has too
    (root / "003-new.txt").write_text(fresh)
    (root / "004.txt").write_text(text[0])  # now a copy of another
    (root / "005.txt").unlink()
    (root / "006.txt").write_text(text[5])  # the content of a file gone
    report = lib.update()
    assert report.removed >= 1
    with contextlib.ExitStack() as stack:
        if store is None:
            clean = _lib(root, tmp_path, cache="clean")
        else:
            from pg import fresh_schema

            clean = Library([root], cache_dir=tmp_path / "clean", index_url=stack.enter_context(fresh_schema()))
        clean.update()
        assert _held(lib) == _held(clean)
        assert lib.count() == clean.count() == 5


# --- copies of one story ---------------------------------------------------------------------------


def test_an_entity_counts_each_story_once(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 6)
    story = (root / "000.txt").read_text()
    (root / "000-saved-again.txt").write_text(story)  # the same file twice
    (root / "000-repost.txt").write_text(story.replace("declined to comment", "did not comment"))  # a near copy
    lib = _lib(root, tmp_path)
    lib.update()
    assert lib.count() == 6
    for kind in ("person", "organization"):
        for row in lib.entity_rows(kind, 0, 1000):
            listed = lib.search(f"entity:{row.slug}")
            assert row.articles == len(listed), row.name  # what its row says, the list shows
            profile = lib.profile(row.slug)
            assert profile is not None and profile.article_count == row.articles
    (root / "000.txt").unlink()  # the first copy goes: the repost stands for the story
    (root / "000-saved-again.txt").unlink()
    lib = _lib(root, tmp_path)
    lib.update()
    assert lib.count() == 6
    for row in lib.entity_rows("person", 0, 1000):
        assert row.articles == len(lib.search(f"entity:{row.slug}")), row.name


# --- slugs kept across a re-open ---------------------------------------------------------------------


def _slugs(lib: Library) -> tuple[dict[int, str], list[tuple[int, str, str, str, int, int]]]:
    """The articles' slugs by id, and every entity as its panel lists it (id, slug, type, name, counts)."""
    articles = {row.id: row.slug for row in lib.rows(None, 0, 1000)}
    kinds = sorted(r[0] for r in lib.db.execute("SELECT DISTINCT type FROM entities"))
    entities = sorted((r.id, r.slug, r.type, r.name, r.mentions, r.articles)
                      for kind in kinds for r in lib.entity_rows(kind, 0, 1000))
    return articles, entities


@pytest.mark.parametrize("at_once", [False, True], ids=["one-at-a-time", "all-at-once"])
def test_a_re_open_after_one_change_keeps_every_slug_and_gives_the_next_free_ones(
        tmp_path: Path, store: str | None, monkeypatch: pytest.MonkeyPatch, at_once: bool) -> None:
    """A re-open asks the index for the few slugs and keys it needs, where a large update reads them all: both
    keep every other article's and entity's slug (the links and fixes that name them) and give a new one the
    next free slug, a file's name and an entity's name sharing one space."""
    import contextlib

    from brief.pipeline.index import writer

    if at_once:
        monkeypatch.setattr(writer, "LOOKUPS", 0)
    root = write_corpus(tmp_path / "news", 10)
    (root / "008.txt").rename(root / "per-jane-velmora.txt")
    (root / "009.txt").rename(tmp_path / "later.txt")
    with contextlib.ExitStack() as stack:
        if store is None:
            lib = _lib(root, tmp_path)
        else:  # an index of its own, so that the two runs of the test are alike
            from pg import fresh_schema

            lib = Library([root], cache_dir=tmp_path / "cache", index_url=stack.enter_context(fresh_schema()))
        lib.update()
        articles, entities = _slugs(lib)
        assert "per-jane-velmora" in articles.values() and not any("velmora" in e[1] for e in entities)
        edited = root / "003.txt"
        edited.write_text(edited.read_text() + "Jane Velmora, an analyst at the firm, said the figures were poor.\n")
        (root / "more").mkdir()
        (tmp_path / "later.txt").rename(root / "more" / "000.txt")
        report = lib.update()
        assert report.added == 2 and not report.removed
        now, now_entities = _slugs(lib)
        assert {i: s for i, s in now.items() if i in articles} == articles  # the edited article's too
        assert sorted(set(now.values()) - set(articles.values())) == ["000-2"]
        kept = {e[0]: e[1] for e in entities}
        assert all(kept[i] == slug for i, slug, *_ in now_entities if i in kept)
        velmora = [e for e in now_entities if "Velmora" in e[3]]
        assert [(e[1], e[2]) for e in velmora] == [("per-jane-velmora-2", "person")]


# --- a disk that fills on a first index ------------------------------------------------------------


@pytest.mark.sqlite_only("the disk under the SQLite file")
@pytest.mark.parametrize("size", ["64k", "512k"])  # too small for the schema; full after a few batches
def test_a_first_index_on_a_full_disk_leaves_nothing_behind(tmp_path: Path, size: str) -> None:
    root = write_corpus(tmp_path / "news", 120)
    disk = tmp_path / "small"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        done = subprocess.run(export(root, disk, batch=10), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-500:]
        assert "working without it" in done.stderr
        assert len(json.loads(done.stdout)["articles"]) == 120
        assert sorted(p.name for p in disk.iterdir()) == []  # no -wal holding the disk full
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)



# --- an index from the brief before ----------------------------------------------------------------


@pytest.mark.sqlite_only("a SQLite file of schema 4")
def test_an_index_of_schema_4_is_kept_and_then_sees_every_edit(tmp_path: Path, analysed: list[str]) -> None:
    import sqlite3

    root = write_corpus(tmp_path / "news", 6)
    (root / "000-repost.txt").write_text((root / "000.txt").read_text().replace("declined to", "refused to"))
    lib = _lib(root, tmp_path)
    lib.update()
    expected = {r.slug: r.articles for r in lib.entity_rows("person", 0, 1000)}
    lib.close()
    assert lib.path is not None
    with sqlite3.connect(lib.path) as db:  # as brief 4 left it: no inodes, copies counted in an entity's articles
        db.executescript("CREATE TABLE old (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,"
                         " hash TEXT NOT NULL, article_id INTEGER, parent TEXT);"
                         "INSERT INTO old SELECT path, mtime_ns, size, hash, article_id, parent FROM files;"
                         "DROP TABLE files; ALTER TABLE old RENAME TO files;"
                         "ALTER TABLE affiliations DROP COLUMN rule; ALTER TABLE deals DROP COLUMN rule;")
        db.execute("UPDATE entities SET article_count = (SELECT count(DISTINCT article_id) FROM mentions"
                   " WHERE entity_id = entities.id)")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    before = len(analysed)
    lib = _lib(root, tmp_path)
    report = lib.update()
    # no file is read again; the stored texts are analysed again once, for the relation rules of schema 5
    assert (report.added, report.removed, report.unchanged) == (0, 0, 7)
    assert len(analysed) <= before + 7
    assert {r.slug: r.articles for r in lib.entity_rows("person", 0, 1000)} == expected
    _same_size_edit(root / "003.txt", "revenue rose", "revenue sank")
    lib = _lib(root, tmp_path)
    assert lib.update().added == 1
    assert any("revenue sank" in a.body for a in lib.briefing().articles)


def test_a_fix_keeps_counting_each_story_once_and_weighing_the_evidence(tmp_path: Path) -> None:
    """A merge recounts the entities it touched: copies of one story still count once, and the type
    votes keep the weights the index writer gave them (a merge must not bring the model's tags back)."""
    from brief.config import Fix

    root = write_corpus(tmp_path / "news", 6)
    story = (root / "000.txt").read_text()
    (root / "000-repost.txt").write_text(story.replace("declined to comment", "did not comment"))
    lib = _lib(root, tmp_path)
    lib.update()
    with lib.db as db:  # the index's own connection: the same on either store
        votes = dict(db.execute("SELECT e.slug, sum(v.weight) FROM entity_votes v JOIN entities e"
                                " ON e.id = v.entity_id GROUP BY e.id").fetchall())
    rows = sorted(lib.entity_rows("person", 0, 1000), key=lambda r: -r.articles)
    first, second = rows[0], rows[1]
    lib.correct(Fix("merge", second.name, first.name))
    merged = next(r for r in lib.entity_rows("person", 0, 1000) if r.name == first.name)
    assert merged.articles == len(lib.search(f"entity:{merged.slug}"))  # what its row says, the list shows
    with lib.db as db:
        after = db.execute("SELECT sum(v.weight) FROM entity_votes v JOIN entities e ON e.id = v.entity_id"
                           " WHERE e.slug = ?", (merged.slug,)).fetchone()[0]
    assert after == pytest.approx(votes[first.slug] + votes[second.slug])
