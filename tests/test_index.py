"""The index: incremental, recoverable, searchable, and the same with worker processes."""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from invented import write_corpus

from brief.pipeline.build import load_briefing
from brief.pipeline.index.connection import Connections
from brief.pipeline.index.library import Library
from brief.pipeline.index.query import QueryError
from brief.pipeline.index.schema import VERSION

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

WORDS = ("The harbour board of {town} approved a plan on {day} to widen the channel, officials said. "
         "Mara Quell, who chairs the board, said the work would cost about ${n} million and take {k} years. "
         "Shipping firms including Orlan Freight welcomed the decision. ")


def _article(i: int) -> str:
    body = WORDS.format(town=f"Port {chr(65 + i % 26)}{i}", day=f"day {i}", n=10 + i, k=2 + i % 5) * 3
    return f"Harbour plan {i} approved\n\nBy Ada Lenk\n\n{body}\n"


@pytest.fixture
def corpus(tmp_path: Path, seeds: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(seeds, root)
    return root


def _lib(root: Path, tmp_path: Path, **kw) -> Library:  # noqa: ANN003
    return Library([root], cache_dir=tmp_path / "cache", **kw)


def test_unchanged_files_are_not_read_again_and_removed_ones_leave(corpus: Path, tmp_path: Path,
                                                                    analysed: list[str]) -> None:
    calls = analysed
    first = _lib(corpus, tmp_path).update()
    assert (first.added, len(calls)) == (2, 2)
    again = _lib(corpus, tmp_path)
    report = again.update()
    assert (report.added, report.unchanged, len(calls)) == (0, 2, 2)
    changed = corpus / "000_8aa2c54d586f50ac.txt"
    changed.write_text(changed.read_text() + "\nOne more line.\n")
    (corpus / "003_aeb58425c267ccad.txt").unlink()
    lib = _lib(corpus, tmp_path)
    report = lib.update()
    assert (report.added, report.removed, len(calls)) == (1, 1, 3)
    briefing = lib.briefing()
    assert [a.path for a in briefing.articles] == [str(changed)]
    assert not any(e.name == "Mark Zuckerberg" for e in briefing.entities)  # only the removed article named him
    wang = next(e for e in briefing.entities if e.name == "Alexandr Wang")
    assert list(wang.articles) == [briefing.articles[0].id]


def test_copies_and_near_copies_are_one_story(tmp_path: Path, seeds: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    story = (seeds / "000_8aa2c54d586f50ac.txt").read_text()
    (root / "a.txt").write_text(story)
    (root / "b.txt").write_text(story)  # the same file saved twice
    (root / "c.txt").write_text(story.replace("Yet, just two months later, signs of discord are emerging",
                                              "Only weeks later, there are signs of discord"))  # an edited repost
    (root / "d.txt").write_text((seeds / "003_aeb58425c267ccad.txt").read_text())
    lib = _lib(root, tmp_path)
    lib.update()
    assert lib.count() == 2
    rows = lib.rows()
    assert sorted(r.copies for r in rows) == [0, 1]
    b = lib.briefing()
    assert len(b.articles) == 3  # every distinct text stays in the export
    near = next(a for a in b.articles if a.path.endswith("c.txt"))
    assert near.duplicate_of == next(a.id for a in b.articles if a.path.endswith("a.txt"))


def test_a_surname_alone_and_its_full_name_in_one_batch_count_both_stories(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A person named by the surname alone in one file and in full in the next, in the same batch: the surname joins
    the full name, whose list row counts both stories (on PostgreSQL the join counts the stories of both names over the
    articles written so far: a batch's new articles, sent together, must be there when it does)."""
    from brief.pipeline.index import writer

    monkeypatch.setattr(writer, "LOOKUPS", 0)  # a batch of a cold index: every key and slug read at once
    root = tmp_path / "news"
    root.mkdir()
    (root / "a-alone.txt").write_text("Quenby sets out a plan for the ports\n\nBy Omar Takel\n\nMr. Quenby said on "
                                      "Tuesday that the plan would go ahead. Quenby told reporters the ports would "
                                      "reopen in May.\n")
    (root / "b-full.txt").write_text("Lantica Holdings appoints Dariel Quenby\n\nBy Kofi Marand\n\nDariel Quenby, "
                                     "the chief executive of Lantica Holdings, said on Wednesday that profit rose 9% "
                                     "to $85 million.\n")
    lib = _lib(root, tmp_path)
    assert lib.update(workers=1).added == 2
    person = next(r for r in lib.entity_rows("person", 0, 100) if "Quenby" in r.name)
    assert (person.name, person.articles) == ("Dariel Quenby", 2)
    assert {r.title for r in lib.rows(lib.query("person:Quenby"), 0, 10)} == {
        "Quenby sets out a plan for the ports", "Lantica Holdings appoints Dariel Quenby"}


def test_worker_processes_give_the_same_index(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(60):
        (root / f"{i:03d}.txt").write_text(_article(i))
    serial = _lib(root, tmp_path / "one", use_cache=False)
    serial.update(workers=1)
    parallel = _lib(root, tmp_path / "two")
    seen: list[int] = []
    parallel.update(progress=lambda done, total, path: seen.append(done), workers=2)
    assert seen[-1] == 60
    serial_briefing, parallel_briefing = serial.briefing(), parallel.briefing()
    assert serial_briefing.articles == parallel_briefing.articles
    assert serial_briefing.entities == parallel_briefing.entities


def test_search_language(corpus: Path, tmp_path: Path) -> None:
    lib = _lib(corpus, tmp_path)
    lib.update()

    def titles(q: str) -> list[str]:
        return [r.title[:20] for r in lib.search(q)]

    assert len(titles("person:Wang")) == 2
    assert titles("person:Zuckerberg") == ["Meta is reportedly i"]
    assert titles('org:"Safe Superintelligence"') == ["Meta is reportedly i"]
    assert titles("source:techcrunch") == ["Meta is reportedly i"]
    assert titles("percent>40") == ["Meta is reportedly i"]
    assert titles("money>60bn") == ["Meta’s $14.3B Scale "]
    assert titles("Midjourney") == ["Meta’s $14.3B Scale "]
    assert titles("Midjourney -source:webpronews") == []
    assert titles('"data labeling" person:Wang money>1e10') != []
    for bad in ("color:red", 'org:"unclosed', "money>lots", "person:"):
        with pytest.raises(QueryError):
            lib.query(bad)


@pytest.mark.sqlite_only("the SQLite file")
def test_a_corrupt_index_is_rebuilt_and_a_newer_one_set_aside(corpus: Path, tmp_path: Path) -> None:
    lib = _lib(corpus, tmp_path)
    path = lib.path
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    lib.update()
    assert len(lib.briefing().articles) == 2 and any("rebuilt" in r for _, r in lib.skipped)
    lib.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    again = _lib(corpus, tmp_path)
    again.update()
    assert len(again.briefing().articles) == 2
    assert any("newer brief" in r for _, r in again.skipped)
    assert path.with_name(path.name + ".corrupt").exists()


@pytest.mark.sqlite_only("the cache folder")
def test_an_unusable_cache_folder_still_loads(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    briefing = load_briefing([corpus], cache_dir=blocker / "cache")
    assert len(briefing.articles) == 2
    assert any("working without it" in reason for _, reason in briefing.skipped)


@pytest.mark.sqlite_only("the cache folder")
def test_the_index_lives_under_xdg_cache_home(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_briefing([corpus])
    assert list((tmp_path / "xdg" / "brief").glob("index-*.sqlite3"))


def test_two_processes_on_one_corpus(corpus: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from brief.pipeline.build import load_briefing; "
            "b = load_briefing([Path(sys.argv[1])], cache_dir=Path(sys.argv[2])); print(len(b.articles))")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(corpus), str(tmp_path / "cache")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert [o[0].strip() for o in outs] == ["2", "2"]


def test_panels_read_in_pages(corpus: Path, tmp_path: Path) -> None:
    lib = _lib(corpus, tmp_path)
    lib.update()
    people = lib.entity_rows("person", 0, 3)
    assert people[0].name == "Alexandr Wang" and people[0].role == "CEO of Scale AI" and people[0].articles == 2
    assert lib.entity_count("person") >= 8 and len(lib.entity_rows("person", 3, 100)) == lib.entity_count("person") - 3
    figures = lib.figure_rows(0, 100)
    assert len(figures) == lib.figure_count() and any(f.figure.text == "49%" and f.figure.value == 49 for f in figures)
    row = lib.rows()[0]
    assert lib.copies(row.id) == [] and lib.article(row.id).id == row.slug and lib.article_id(row.slug) == row.id


def test_indexing_stops_when_progress_says_so(tmp_path: Path) -> None:
    import time

    root = tmp_path / "many"
    root.mkdir()
    for i in range(400):
        (root / f"{i:03d}.txt").write_text(_article(i))

    class Stop(Exception):
        pass

    def progress(done: int, total: int, path: str) -> None:
        if done:  # the first report, before any batch, only gives the total
            raise Stop

    lib = _lib(root, tmp_path)
    start = time.perf_counter()
    with pytest.raises(Stop):
        lib.update(progress=progress, workers=2)
    indexed = lib.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert indexed == 0  # the batch in hand is not written (the generated articles are near copies: count all)
    assert time.perf_counter() - start < 60
    assert lib.update().added == 400  # all of it on the next run


@pytest.mark.parametrize("stopped", [False, True])
def test_a_large_load_gives_the_collector_back_as_it_found_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              stopped: bool) -> None:
    """A load of many articles holds off Python's full collections while it writes (each batch's analyses outlived the
    young ones, and full ones walked the whole process every few batches); as it ends, finished or stopped, the
    collector is as it was: a reader left without full collections would keep every cycle it makes."""
    import gc

    from brief.pipeline.index import update as update_module
    from brief.pipeline.index.writer import Writer

    monkeypatch.setattr(update_module, "BATCH", 5)
    root = write_corpus(tmp_path / "news", 30)
    was = gc.get_threshold()
    during: list[int] = []
    commit = Writer.commit

    def committing(self: Writer) -> None:
        during.append(gc.get_threshold()[2])
        if stopped and len(during) == 2:
            raise KeyboardInterrupt
        commit(self)

    monkeypatch.setattr(Writer, "commit", committing)
    try:
        _lib(root, tmp_path).update(workers=1)
    except KeyboardInterrupt:
        assert stopped
    assert during and min(during) >= update_module.OLDEST_WHILE_WRITING
    assert gc.get_threshold() == was


@pytest.mark.parametrize("moment", ["reading", "writing"])
def test_a_quit_during_a_large_load_stops_within_an_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              moment: str) -> None:
    """The user quits (the reader's q: its progress raises from then on) while a large transaction's articles are
    read or written: no more articles are analysed or written after it than the one in hand (the batches grow
    with the index, to 1,000 articles: here BATCH 10 and GROWING 1 make them grow to 50 from 50 held), and the
    next open completes the index to what a fresh one shows."""
    from brief.pipeline import analysis as analysis_module
    from brief.pipeline.export import render_json
    from brief.pipeline.index import update as update_module
    from brief.pipeline.index.writer import Writer

    monkeypatch.setattr(update_module, "BATCH", 10)
    monkeypatch.setattr(update_module, "GROWING", 1)
    root = write_corpus(tmp_path / "news", 100)
    lib = _lib(root, tmp_path)
    other = _lib(root, tmp_path)  # another reader of the index: what is committed
    at: dict[str, int] = {}

    def committed() -> int:
        return int(other.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    analysed, written = [0], [0]

    def press_q(step: str, count: list[int]) -> None:
        if step == moment and count[0] == 55 and not at:  # mid-batch (SQLite's: 10, 10, 20, 40; PostgreSQL's: 10)
            at.update(committed=committed(), analysed=analysed[0], written=written[0])

    analyse, add = analysis_module.analyse_parsed, Writer.add

    def analysing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        analysed[0] += 1
        press_q("reading", analysed)
        return analyse(*args, **kwargs)

    def adding(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        written[0] += 1
        press_q("writing", written)
        return add(self, *args, **kwargs)

    monkeypatch.setattr(analysis_module, "analyse_parsed", analysing)
    monkeypatch.setattr(Writer, "add", adding)

    class Quit(Exception):
        pass

    def progress(done: int, total: int, path: str) -> None:
        if at:
            raise Quit

    with pytest.raises(Quit):
        lib.update(progress=progress, workers=1)
    assert at, "the quit was asked"
    assert committed() == at["committed"]  # nothing written after it: the batch in hand is not
    assert analysed[0] - at["analysed"] <= 1 and written[0] - at["written"] <= 1
    lib.close()
    monkeypatch.setattr(analysis_module, "analyse_parsed", analyse)
    monkeypatch.setattr(Writer, "add", add)
    again = _lib(root, tmp_path)
    assert again.update(workers=1).added == 100 - at["committed"]
    if not os.environ.get("BRIEF_INDEX_URL"):
        fresh = _lib(root, tmp_path / "fresh")
        fresh.update(workers=1)
        assert render_json(again.briefing()) == render_json(fresh.briefing())
        return
    from pg import fresh_schema

    with fresh_schema() as url:
        fresh = _lib(root, tmp_path / "fresh", index_url=url)
        fresh.update(workers=1)
        assert render_json(again.briefing()) == render_json(fresh.briefing())



def test_progress_never_goes_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts a user's bar (``brief index``, the reader's "indexing X / N") is given only grow, batch after
    batch, and end at the total: asked before each article written (so that a quit is seen at once), progress said
    the articles committed, a batch fewer than the files read it had just said."""
    from brief.pipeline.index import update as update_module

    monkeypatch.setattr(update_module, "BATCH", 10)
    monkeypatch.setattr(update_module, "GROWING", 1)
    root = write_corpus(tmp_path / "news", 100)
    seen: list[tuple[int, int]] = []
    _lib(root, tmp_path).update(progress=lambda done, total, path: seen.append((done, total)), workers=1)
    counts = [done for done, _ in seen]
    back = [(a, b) for a, b in itertools.pairwise(counts) if b < a]
    assert not back, back[:3]
    assert counts[-1] == 100 and {total for _, total in seen} == {100}
    assert {10, 20, 40, 80} <= set(counts)  # it moved as the batches were read (SQLite's grow; PostgreSQL's: 10)


def _wire(entries: int) -> str:
    items = "".join(f"<item><title>Velmora port news {i}</title><guid>g{i}</guid><description>Jane Roe said the port "
                    f"of Velmora moved {i + 2} million tonnes, up {i + 3}% on the year.</description></item>"
                    for i in range(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Wire</title>{items}</channel></rss>'


@pytest.mark.parametrize("interrupt", [Exception, KeyboardInterrupt], ids=["quit", "ctrl-c"])
def test_a_feed_cut_short_by_a_quit_anywhere_is_read_in_full_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: str | None, interrupt: type[BaseException]) -> None:
    """A feed's entries span transactions (BATCH 2, six entries); the user quits (the reader's q: progress raises)
    or presses Ctrl-C (``brief index``: a KeyboardInterrupt from wherever it lands) at each call of progress in
    turn: between batches, as an article is written, just after a commit. Whatever was written, the next update
    gives all six entries (the feed's row, committed with its first entries, had it taken as unchanged)."""
    import contextlib

    from pg import fresh_schema

    from brief.pipeline.index import update as update_module

    monkeypatch.setattr(update_module, "BATCH", 2)
    stopped = []
    for n in itertools.count(1):
        home = tmp_path / str(n)
        (home / "news").mkdir(parents=True)
        (home / "news" / "wire.xml").write_text(_wire(6))
        with fresh_schema() if store else contextlib.nullcontext() as url:
            lib = Library([home / "news"], cache_dir=home / "cache", index_url=url)
            calls: list[int] = []

            def progress(done: int, total: int, path: str, calls: list[int] = calls, n: int = n) -> None:
                calls.append(done)
                if len(calls) == n:
                    raise interrupt("q")

            try:
                lib.update(progress=progress, workers=1)
            except interrupt:
                stopped.append(lib.count())
            else:
                break
            finally:
                lib.close()
            again = Library([home / "news"], cache_dir=home / "cache", index_url=url)
            again.update(workers=1)
            assert (again.count(), len(again.briefing().articles)) == (6, 6), (n, stopped)
            again.close()
    assert {0, 2, 4} <= set(stopped), stopped  # quits before any batch, and after one and two were written


def test_writers_that_take_turns_see_each_others_entities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes on one cache leapfrog: one writes a batch while the other is between batches.
    The one behind must resolve against the entities the other created, not a stale copy of them."""
    from brief.pipeline.index import update as update_module

    monkeypatch.setattr(update_module, "BATCH", 10)
    root = write_corpus(tmp_path / "news", 40)
    clean = _lib(root, tmp_path / "clean")
    clean.update(workers=1)

    class Enough(Exception):
        pass

    def other_writes_one_batch(done: int, total: int, path: str) -> None:
        if done == 10:  # after our first batch: another brief indexes the next one, then stops
            def stop(done: int, total: int, path: str) -> None:
                if done:
                    raise Enough
            with pytest.raises(Enough):
                _lib(root, tmp_path).update(progress=stop, workers=1)

    first = _lib(root, tmp_path)
    first.update(progress=other_writes_one_batch, workers=1)
    mine, theirs = first.briefing(), clean.briefing()
    assert (mine.articles, mine.entities) == (theirs.articles, theirs.entities)



def test_an_edited_file_keeps_its_article_id_place_and_entities(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 60)
    lib = _lib(root, tmp_path)
    lib.update(workers=2)
    before = lib.briefing()
    lib.close()
    for path in sorted(root.iterdir()):  # every file edited: a correction at the end
        path.write_text(path.read_text() + "\nThis article was corrected on Tuesday.\n")
    again = _lib(root, tmp_path)
    report = again.update(workers=2)
    assert report.added == 60
    after = again.briefing()
    assert [(a.id, a.path) for a in after.articles] == [(a.id, a.path) for a in before.articles]
    assert sorted(e.id for e in after.entities) == sorted(e.id for e in before.entities)  # the same slugs
    assert all("corrected on Tuesday" in a.body for a in after.articles)


@pytest.mark.sqlite_only("the disk under the SQLite file")
def test_a_full_disk_under_an_existing_cache_means_working_in_memory(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_corpus(tmp_path / "news", 40)
    aside = tmp_path / "aside"
    aside.mkdir()
    for path in sorted(root.iterdir())[20:]:
        path.rename(aside / path.name)
    _lib(root, tmp_path).update()
    for path in aside.iterdir():  # new articles, and no room left for them on the cache's disk
        path.rename(root / path.name)
    real_open = Connections._open

    def full(self: Connections, target: Path | None) -> sqlite3.Connection:
        db = real_open(self, target)
        if target is not None:
            db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(Connections, "_open", full)
    lib = _lib(root, tmp_path)
    report = lib.update()
    assert report.added == 20 and lib.count() == 40
    assert len(lib.briefing().articles) == 40
    assert [reason for _, reason in lib.skipped if "full" in reason] == [
        "cannot use the cache (database or disk is full); working without it"]


@pytest.mark.parametrize("damage", [
    "DELETE FROM articles WHERE id % 5 = 0",
    "DELETE FROM entities WHERE id % 3 = 0",
    "DELETE FROM mentions WHERE article_id % 2 = 0",
    "DELETE FROM aliases",
    "DROP TABLE entities",
    "DROP TABLE articles_fts",
    "DROP TABLE figures",
])
@pytest.mark.sqlite_only("the SQLite file, damaged by hand")
def test_an_index_damaged_by_hand_is_rebuilt_on_open(tmp_path: Path, damage: str) -> None:
    root = write_corpus(tmp_path / "news", 20)
    clean = _lib(root, tmp_path / "clean")
    clean.update()
    lib = _lib(root, tmp_path)
    lib.update()
    lib.close()
    assert lib.path is not None
    db = sqlite3.connect(lib.path)
    db.execute(damage)
    db.commit()
    db.close()
    again = _lib(root, tmp_path)
    again.update()
    mine, theirs = again.briefing(), clean.briefing()
    assert (mine.articles, mine.entities) == (theirs.articles, theirs.entities)
    assert len(again.search("revenue")) == len(clean.search("revenue")) > 0
    assert any("damaged" in reason and "rebuilt" in reason for _, reason in again.skipped)


@pytest.mark.sqlite_only("an index per cache folder (test_pg_index has its PostgreSQL run)")
def test_indexing_resumed_after_any_batch_gives_the_index_of_one_run(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """What a run after a kill does: a new writer carries on from what the last one committed.
    (A merged entity's id, reused by SQLite for the next new one, once sent its mentions astray.)"""
    from brief.pipeline.index import update as update_module

    monkeypatch.setattr(update_module, "BATCH", 6)
    root = write_corpus(tmp_path / "news", 60)
    clean = _lib(root, tmp_path / "clean")
    clean.update(workers=1)
    briefing = clean.briefing()
    expected = (briefing.articles, briefing.entities)

    class Stop(Exception):
        pass

    for stop_at in range(6, 60, 6):
        def progress(done: int, total: int, path: str, stop_at: int = stop_at) -> None:
            if done >= stop_at:
                raise Stop
        with pytest.raises(Stop):
            _lib(root, tmp_path / f"stopped-{stop_at}").update(progress=progress, workers=1)
        resumed = _lib(root, tmp_path / f"stopped-{stop_at}")
        resumed.update(workers=1)
        briefing = resumed.briefing()
        assert (briefing.articles, briefing.entities) == expected, f"resumed after {stop_at}"


def test_percent_and_underscore_in_a_filter_are_the_characters_themselves(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 6)
    (root / "000.txt").rename(root / "harbour_wire.txt")
    (root / "001.txt").rename(root / "harbourXwire.txt")
    lib = _lib(root, tmp_path)
    lib.update()
    assert lib.count() == 6 and len(lib.search("person:a")) == 6  # names with an "a" are in every article
    for query in ("person:_", "person:%", "org:_", 'org:"%"', "author:_", "author:%", "said:_", "with:%",
                  "quote:%", "source:r%w"):
        assert lib.search(query) == [], query
    assert [r.slug for r in lib.search("source:r_w")] == ["harbour-wire"]
    assert len(lib.search("-person:_")) == 6


def test_the_figures_panel_and_the_article_agree_on_every_field_of_a_figure(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "news", 8)
    lib = _lib(root, tmp_path)
    lib.update()
    rows = lib.figure_rows(0, 1000)
    assert rows and len(rows) == lib.figure_count()
    for row in rows:
        article = lib.article(row.article_id)
        assert article is not None and row.article_title == article.title
        same = [f for f in article.figures if (f.field, f.start) == (row.figure.field, row.figure.start)]
        assert len(same) == 1 and same[0].occurrences
        assert row.figure == replace(same[0], occurrences=())
        assert getattr(article, row.figure.field)[row.figure.start:row.figure.end] == row.figure.text


@pytest.mark.sqlite_only("the SQLite file as brief 6 left it")
def test_an_index_of_schema_6_gains_the_wider_indexes_without_reading_any_article_again(
        corpus: Path, tmp_path: Path, analysed: list[str]) -> None:
    lib = _lib(corpus, tmp_path)
    lib.update()
    searches = {q: [r.slug for r in lib.search(q)] for q in ("person:Wang", "Midjourney", "money>60bn")}
    slug = lib.entity_rows("person", 0, 1)[0].slug
    profile = lib.profile(slug)
    path = lib.path
    lib.close()
    with sqlite3.connect(path) as db:  # the indexes of schema 6
        db.executescript("DROP INDEX articles_day; DROP INDEX articles_dated; DROP INDEX mentions_by_article;"
                         " DROP INDEX mentions_by_entity; CREATE INDEX articles_published ON articles(published);"
                         " CREATE INDEX mentions_article ON mentions(article_id);"
                         " CREATE INDEX mentions_entity ON mentions(entity_id, article_id);"
                         " UPDATE meta SET value = '6' WHERE key = 'schema_version';")
    read = len(analysed)
    again = _lib(corpus, tmp_path)
    again.update()
    assert len(analysed) == read  # nothing analysed again
    assert {q: [r.slug for r in again.search(q)] for q in searches} == searches
    assert again.profile(slug) == profile
    again.close()
    with sqlite3.connect(path) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"articles_day", "articles_dated", "mentions_by_article", "mentions_by_entity"} <= names
        assert not names & {"articles_published", "mentions_article", "mentions_entity"}
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(VERSION),)


@pytest.mark.sqlite_only("SQLite's commits (a server's writers take turns by transaction: theirs stay BATCH)")
def test_a_large_update_writes_fewer_larger_transactions_and_the_same_index(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """As the index grows, a large update's transactions hold more articles (a commit of a large SQLite index writes a
    page per row of its scattered indexes): what they leave is what transactions of one size leave."""
    from brief.pipeline.index import update as update_module
    from brief.pipeline.index.writer import Writer

    root = write_corpus(tmp_path / "news", 60)
    commits: list[int] = []
    real = Writer.commit
    monkeypatch.setattr(Writer, "commit", lambda self: (commits.append(1), real(self))[1])
    monkeypatch.setattr(update_module, "BATCH", 3)
    monkeypatch.setattr(update_module, "GROWING", 1_000_000)  # transactions of BATCH articles
    fixed = _lib(root, tmp_path / "fixed")
    fixed.update(workers=1)
    one_size = len(commits)
    commits.clear()
    monkeypatch.setattr(update_module, "GROWING", 3)  # a third of the index, up to 5 times BATCH
    grown = _lib(root, tmp_path / "grown")
    grown.update(workers=1)
    assert len(commits) < one_size
    assert grown.briefing() == fixed.briefing()
    assert [r.slug for r in grown.search("revenue")] == [r.slug for r in fixed.search("revenue")]
    # the reader's process keeps SQLite's own settings once the update is written
    assert grown.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
