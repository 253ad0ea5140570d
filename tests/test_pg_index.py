"""The shared index on PostgreSQL (``brief --index postgresql://...``): the same briefing and the same search as
the SQLite file gives, a correction one client makes seen by another, several writers and a reader at once.

Run against the server ``BRIEF_TEST_PG`` names (``.ci/run`` starts one; skipped when none is named)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from invented import write_corpus
from pg import COMMITS, fresh_schema, server

from brief.config import Fix
from brief.pipeline.index.library import Library

REPO = Path(__file__).resolve().parent.parent


def _brief(*args: str, index: str | None = None, cache: Path) -> str:
    """``brief ARGS`` as a user runs it, on the SQLite file in ``cache`` or on the shared index ``index``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("BRIEF_INDEX_URL", None)
    given = ["--index", index] if index else []
    done = subprocess.run([sys.executable, "-m", "brief", *given, "--cache-dir", str(cache), *args],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: a search that found nothing
    return done.stdout


@pytest.fixture
def news(tmp_path: Path, seeds: Path) -> Path:
    """Invented articles with recurring people and firms, the bundled ones (quotes, deals), a near copy, an accent."""
    root = write_corpus(tmp_path / "news", 24)
    for path in seeds.iterdir():
        shutil.copy(path, root / path.name)
    story = (root / "000.txt").read_text()
    (root / "000-repost.txt").write_text(story.replace("declined to comment", "did not comment"))
    (root / "zurich.txt").write_text("Velmora opens in Zürich\n\nBy Jane Roe\n\nVelmora Systems said on Monday it "
                                     "would open an office in Zürich, hiring 40 engineers at a cost of $12 million.\n")
    return root


def test_the_json_export_and_searches_are_the_same_from_sqlite_and_postgresql(news: Path, tmp_path: Path) -> None:
    with fresh_schema() as url:
        for args in (["export", "--format", "json"], ["export", "--full"],
                     *(["search", query, "--format", "json"] for query in (
                         "revenue", '"chief executive"', "zurich", "revenue -comment", "money>1e8",
                         "person:a -org:labs", "said:a", "deal:acquisition", 'with:"scale"'))):
            sqlite = _brief(*args, str(news), cache=tmp_path / "cache")
            shared = _brief(*args, str(news), index=url, cache=tmp_path / "unused")
            assert shared == sqlite, args
            assert sqlite.strip() not in ("", "[]"), args  # each finds something: the comparison says something
    assert not (tmp_path / "unused").exists() or not list((tmp_path / "unused").glob("index-*"))


def test_a_fix_made_by_one_client_is_seen_by_another(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_corpus(tmp_path / "news", 12)
    with fresh_schema() as url:
        monkeypatch.setenv("BRIEF_INDEX_URL", url)
        analyst = Library([root])
        analyst.update(workers=1)
        reader = Library([root])  # another client, its connection open before the fix
        rows = sorted(reader.entity_rows("person", 0, 1000), key=lambda r: (-r.articles, r.name))
        first, second = rows[0], rows[1]
        merged_away = reader.query(f"entity:{second.slug}")
        assert reader.count(merged_away) == second.articles > 0  # (the reader keeps a search's ids until a write)
        analyst.correct(Fix("merge", second.name, first.name))
        after = {r.name: r for r in reader.entity_rows("person", 0, 1000)}
        assert second.name not in after
        assert after[first.name].mentions == first.mentions + second.mentions
        assert reader.count(merged_away) == 0  # the search run again, not the ids it kept
        assert reader.count(reader.query(f"entity:{first.slug}")) == after[first.name].articles


def test_fixes_read_marks_and_the_review_are_shared_by_the_clients(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus's fixes live in the shared index: one made by one user is listed, with who, by another client,
    which can undo it for both; the articles one reader opened are read for the other; the review follows."""
    root = write_corpus(tmp_path / "news", 12)
    monkeypatch.setenv("BRIEF_CONFIG", str(tmp_path / "config.toml"))
    with fresh_schema() as url:
        monkeypatch.setenv("BRIEF_INDEX_URL", url)
        monkeypatch.setenv("BRIEF_USER", "ana")
        analyst = Library([root])
        analyst.update(workers=1)
        monkeypatch.setenv("BRIEF_USER", "rob")
        reader = Library([root])
        rows = sorted(reader.entity_rows("person", 0, 1000), key=lambda r: (-r.articles, r.name))
        first, second = rows[0].name, rows[1].name
        analyst.correct(Fix("merge", second, first))
        analyst.correct(Fix("type", first, "organization"))
        assert [(m.fix, m.by) for m in reader.fixes_made()] == [
            (Fix("merge", second, first), "ana"), (Fix("type", first, "organization"), "ana")]
        assert first in {r.name for r in reader.entity_rows("organization", 0, 1000)}
        assert first not in {u.name for u in reader.unsure()}  # reviewed: a fix settles its type
        with pytest.raises(LookupError):
            reader.undo_fix()  # rob made none
        assert reader.undo_fix("1") == [Fix("merge", second, first)]
        reader.update(workers=1)  # a merge is undone by analysing again
        assert {first, second} <= {r.name for r in analyst.entity_rows("organization", 0, 1000)} | {
            r.name for r in analyst.entity_rows("person", 0, 1000)}
        assert [(m.id, m.undone_by) for m in analyst.fixes_made()] == [("1", "rob"), ("2", None)]
        assert analyst.undo_fix() == [Fix("type", first, "organization")]  # ana's last one
        assert first in {r.name for r in reader.entity_rows("person", 0, 1000)}
        analyst.mark_opened()
        assert reader.unread_count() == analyst.unread_count() == 12
        analyst.mark_read([r.id for r in analyst.rows()][:3])
        assert reader.unread_count() == 9
        assert len(reader.search("unread:yes")) == 9


WRITER = COMMITS + """
import sys
from brief.pipeline.index import library, update
update.BATCH = 4  # many small transactions: the writers interleave (on PostgreSQL a batch holds BATCH articles)
report = library.Library([sys.argv[1]]).update(workers=1)
assert report.added == int(sys.argv[2]), report
print(commits)
"""

READER = """
import sys, time
from pathlib import Path
from brief.pipeline.index.library import Library
lib, seen, stop = Library([sys.argv[1]]), [], Path(sys.argv[2])
while not stop.exists():
    n = lib.count()
    assert not seen or n >= seen[-1], (seen[-1], n)  # committed batches only ever add
    lib.entity_rows("person", 0, 50)
    lib.search("revenue")
    seen.append(n)
    time.sleep(0.05)
print(len(seen), len(set(seen)))
"""


def _entities(lib: Library) -> list[tuple[str, str, int, int]]:
    return sorted((e.name, e.type, e.mention_count, len(e.articles)) for e in lib.briefing().entities)


def test_three_writers_and_a_reader_at_once_resolve_entities_as_one_writer(tmp_path: Path) -> None:
    """Three desks index their folders into one index at once (the same people and firms in all three), while
    a reader reads: the entities are those one writer makes of the three folders, each once."""
    server()
    whole = write_corpus(tmp_path / "all", 36)
    desks = [tmp_path / f"desk{i}" for i in range(3)]
    for i, desk in enumerate(desks):
        desk.mkdir()
        for path in sorted(whole.iterdir())[i::3]:
            shutil.copy(path, desk / path.name)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with fresh_schema() as url:
        env["BRIEF_INDEX_URL"] = url
        Library([desks[0]], index_url=url).count()  # (the schema made first: the reader opens no empty index)
        stop = tmp_path / "stop"
        reader = subprocess.Popen([sys.executable, "-c", READER, str(desks[0]), str(stop)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(desk), "12"], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for desk in desks]
        for w in writers:
            out, err = w.communicate(timeout=600)
            assert w.returncode == 0, err
            assert int(out.split()[-1]) >= 3, out  # each wrote its 12 articles in several transactions
        time.sleep(0.3)
        stop.touch()
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, err
        reads, distinct = map(int, out.split())
        assert distinct >= 2, out  # it saw batches land while the writers wrote
        shared = Library([*desks], index_url=url)
        assert shared.count() == 36
        together = _entities(shared)
    with fresh_schema() as url:
        alone = Library([*desks], index_url=url)
        alone.update(workers=1)
        assert together == _entities(alone)
    names = [name for name, kind, *_ in together]
    assert len(names) == len(set(zip(names, [k for _, k, *_ in together], strict=True)))


def test_an_older_schema_is_brought_up_to_date_and_a_newer_one_refused(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """As a version that adds a table and a column finds an index of a version before: both added, the articles
    kept; an index of a newer brief is refused with the reason (never rebuilt: others read it)."""
    import psycopg

    from brief.pipeline.index.schema import VERSION
    from brief.pipeline.index.store import IndexUnavailable

    root = write_corpus(tmp_path / "news", 4)
    with fresh_schema() as url:
        monkeypatch.setenv("BRIEF_INDEX_URL", url)
        Library([root]).update(workers=1)
        from brief.pipeline.index import store

        store.close_pools()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE deals")
            conn.execute("ALTER TABLE quotes DROP COLUMN rule")
            conn.execute("DROP TABLE reading")  # 5 -> 6: what is read and new, the fixes, ids following types
            conn.execute("DROP TABLE fixes")
            (slug,) = conn.execute("SELECT slug FROM entities WHERE type = 'person' LIMIT 1").fetchone()
            conn.execute("UPDATE entities SET slug = %s WHERE slug = %s", (slug.replace("per-", "org-", 1), slug))
            conn.execute("DROP INDEX mentions_by_entity")  # 6 -> 7: the wider indexes of a large index's reads
            conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        again = Library([root])
        assert again.count() == 4
        assert again.deal_count() == 0 and again.quote_count() >= 0
        assert again.update(workers=1).unchanged == 4
        again.mark_opened()
        assert again.new_ids() == set() and again.unread_count() == 4  # indexed before: not new, unread
        again.mark_read([again.rows()[0].id])
        assert again.unread_count() == 3
        assert slug in {r.slug for r in again.entity_rows("person", 0, 100)}  # the id of its type again
        assert again.fixes_made() == []
        with psycopg.connect(url, autocommit=True) as conn:
            assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(VERSION),)
            assert conn.execute("SELECT to_regclass('mentions_by_entity')").fetchone()[0] is not None
            if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").fetchone():
                assert conn.execute("SELECT to_regclass('entities_name_trgm')").fetchone()[0] is not None
            conn.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(VERSION + 1),))
        store.close_pools()
        with pytest.raises(IndexUnavailable, match="newer brief"):
            Library([root]).count()


def test_a_version_6_index_moves_its_words_to_their_own_table_and_searches_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout of version 6 (the words a generated column of ``articles`` with its GIN index) moves to
    ``article_words`` when a version-7 brief opens it: the same search results, nothing analysed again, and an
    article added after is found (the trigger keeps the words)."""
    import psycopg

    from brief.pipeline.index import store

    root = write_corpus(tmp_path / "news", 12)
    with fresh_schema() as url:
        monkeypatch.setenv("BRIEF_INDEX_URL", url)
        lib = Library([root])
        lib.update(workers=1)
        texts = sorted({r.title.split()[0] for r in lib.rows()})[:3]
        queries = [*texts, f"{texts[0]} -{texts[1]}", f'"{lib.rows()[0].title}"']
        before = {q: [r.slug for r in lib.search(q)] for q in queries}
        assert all(before.values())
        store.close_pools()
        with psycopg.connect(url, autocommit=True) as conn:  # version 6's words, as 1d8d187's store made them
            conn.execute("DROP TRIGGER articles_words ON articles")
            conn.execute("DROP TABLE article_words")
            conn.execute("ALTER TABLE articles ADD COLUMN fts tsvector GENERATED ALWAYS AS (to_tsvector("
                         f"'{store.FTS_CONFIG}', brief_words(title || ' ' || standfirst || ' ' || body))) STORED")
            conn.execute("CREATE INDEX articles_fts ON articles USING gin (fts)")
            conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
        again = Library([root])
        assert {q: [r.slug for r in again.search(q)] for q in queries} == before
        assert again.update(workers=1).unchanged == 12
        (root / "late.txt").write_text("Zorvant Mills reopens\n\nZorvant Mills reopened its plant on Monday.\n")
        again.update(workers=1)
        assert [r.title for r in again.search("zorvant")] == ["Zorvant Mills reopens"]
        with psycopg.connect(url, autocommit=True) as conn:
            left = conn.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()"
                                " AND table_name = 'articles' AND column_name = 'fts'").fetchone()
            assert left == (0,)


@pytest.mark.parametrize("command", [["export"], ["search", "revenue"], []])
def test_an_index_that_cannot_be_opened_is_one_line_saying_why(tmp_path: Path, command: list[str]) -> None:
    """No server behind the URL (no PostgreSQL needed for this): the reason in one line, no traceback, no
    password shown; the reader says it before it opens."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    url = f"postgresql://desk:s3cret@/news?host={tmp_path}"
    done = subprocess.run([sys.executable, "-m", "brief", "--index", url, *command], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert done.stderr.startswith("brief: cannot open the index at postgresql://desk:***@/news")
    assert "No such file" in done.stderr and "Traceback" not in done.stderr and "s3cret" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_shared_index_is_named_by_option_environment_or_config_file(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from brief.config import ConfigError, load_settings

    config = tmp_path / "config.toml"
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    config.write_text('index_url = "postgresql://desk@db.example/news"\n')
    assert load_settings().index_url == "postgresql://desk@db.example/news"
    monkeypatch.setenv("BRIEF_INDEX_URL", "postgresql://desk@db.example/other")
    assert load_settings().index_url == "postgresql://desk@db.example/other"
    assert load_settings(index_url="postgres://me@/mine").index_url == "postgres://me@/mine"
    config.write_text('index_url = "sqlite:///tmp/x"\n')
    monkeypatch.delenv("BRIEF_INDEX_URL")
    with pytest.raises(ConfigError, match="index_url: expected a postgresql:// URL"):
        load_settings()


@contextlib.contextmanager
def _new_on_both(tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """A new index on SQLite (a file) and one on PostgreSQL (a fresh schema), to be given the same calls."""
    import sqlite3

    from brief.pipeline.index import store
    from brief.pipeline.index.schema import migrate

    with fresh_schema() as url:
        lite = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
        migrate(lite)
        yield lite, store.connect(url)
        store.close_pools()


def test_rows_written_many_at_once_end_as_written_one_by_one_on_sqlite(tmp_path: Path) -> None:
    """The writer's batched rows, sent to PostgreSQL as a few statements of many rows, leave what SQLite's row after
    row leaves: a key added to twice in one batch counted twice, the last of two updates of a row kept, deletions
    and a new article's or figure's id (one more than the largest, again after the largest is deleted); a float added
    to in the order written (to the last bit)."""

    batches = [
        ("INSERT INTO entities (id, slug, type, name, declared) VALUES (?, ?, ?, ?, ?)",
         [(i, f"per-velmora-{i}", "person", f"Velmora {i}", "") for i in (1, 2, 3)]),
        ("INSERT INTO aliases VALUES (?, ?, ?) ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + ?",
         [(1, "Velmora", 2, 2), (2, "Quorvex", 1, 1), (1, "Velmora", 3, 3), (1, "Velmora", -1, -1)]),
        ("INSERT INTO entity_votes VALUES (?, ?, ?) ON CONFLICT (entity_id, label) DO UPDATE SET weight = weight + ?",
         [(1, "person", 0.1, 0.1), (1, "person", 0.2, 0.2), (1, "organization", 0.7, 0.7)]),
        ("INSERT INTO entity_votes VALUES (?, ?, ?) ON CONFLICT (entity_id, label) DO UPDATE SET weight = weight + ?",
         [(1, "person", 0.3, 0.3), (2, "person", 0.1, 0.1), (1, "person", 1e-17, 1e-17)]),  # (0.1 + 0.2) + 0.3 ...
        ("INSERT INTO figures (article_id, kind, value, text, field, start, end) VALUES (?, ?, ?, ?, ?, ?, ?)",
         [(1, "money", 1e6, "$1 million", "body", n, n + 10) for n in range(3)]),
        ("DELETE FROM figures WHERE id = ?", [(3,)]),
        ("INSERT INTO figures (article_id, kind, value, text, field, start, end) VALUES (?, ?, ?, ?, ?, ?, ?)",
         [(2, "percent", 5.0, "5%", "body", n, n + 2) for n in range(2)]),
        ("UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + ? WHERE id = ?",
         [(2, 1, 1), (5, 1, 2), (1, 0, 1)]),
        ("UPDATE entities SET name = ? WHERE id = ?", [("Jane Roe", 2), ("Jane Q. Roe", 2), ("Velmora", 1)]),
        ("INSERT OR IGNORE INTO entity_keys VALUES (?, ?)", [("p:jane roe", 2), ("p:jane roe", 2), ("o:velmora", 1)]),
        ("DELETE FROM entities WHERE id = ?", [(3,), (3,)]),
    ]
    reads = ("SELECT entity_id, alias, count FROM aliases ORDER BY 1, 2",
             "SELECT entity_id, label, weight FROM entity_votes ORDER BY 1, 2",
             "SELECT id, name, mention_count, article_count FROM entities ORDER BY id",
             "SELECT key, entity_id FROM entity_keys ORDER BY 1, 2",
             "SELECT id, article_id, value FROM figures ORDER BY id")
    article = ("INSERT INTO articles (id, hash, slug, path, title, title_derived, source, author, published,"
               " published_text, url, summary_only, standfirst, body, headings, raw, sketch, dup_of)"
               " VALUES (?, ?, ?, ?, 'Velmora', 0, '', '', NULL, '', NULL, 0, '', 'Quorvex', '[]', ?, NULL, NULL)")
    seen = []
    with _new_on_both(tmp_path) as both:
        for db in both:
            db.execute("BEGIN IMMEDIATE")
            for sql, rows in batches:
                db.executemany(sql, rows)
            ids = [db.execute(article, (None, f"h{n}", f"a{n}", f"a{n}.txt", b"")).lastrowid for n in range(3)]
            db.execute("DELETE FROM articles WHERE id = ?", (ids[-1],))
            ids.append(db.execute(article, (None, "h9", "a9", "a9.txt", b"")).lastrowid)
            db.execute("COMMIT")
            seen.append(([db.execute(sql).fetchall() for sql in reads], ids))
            db.close()
    assert seen[0] == seen[1], seen
    assert seen[0][1] == [1, 2, 3, 3]
    assert [row[0] for row in seen[0][0][-1]] == [1, 2, 3, 4]


def test_articles_written_together_are_read_updated_rolled_back_and_refused_as_on_sqlite(tmp_path: Path) -> None:
    """PostgreSQL holds a write transaction's new articles and writes them together (one statement, not one each): an
    article is there for a statement that updates it, for the commit with nothing after it, and gone with a rollback
    (not written with the next transaction's); its bytes as given; a hash taken twice is refused and the transaction
    rolled back, the rows before it gone with it, as on SQLite."""
    import zlib

    article = ("INSERT INTO articles (id, hash, slug, path, title, title_derived, source, author, published,"
               " published_text, url, summary_only, standfirst, body, headings, raw, sketch, dup_of, n_figures)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")  # (the writer's, every value given)
    raw = zlib.compress("Velmora \x00\u00e9\n".encode() * 9)

    def add(db: Any, n: int) -> int:
        new = db.execute(article, (None, f"h{n}", f"a{n}", f"a{n}.txt", "Velmora", 0, "", "", None, "", None, 0, "",
                                   "Quorvex harbour", "[]", raw, bytes([n, 0, 255]), None, 0)).lastrowid
        db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, 'Velmora', 'Quorvex harbour')", (new,))
        return new

    seen = []
    with _new_on_both(tmp_path) as both:
        for db in both:
            db.execute("BEGIN IMMEDIATE")
            ids = [add(db, n) for n in range(3)]
            db.executemany("UPDATE articles SET n_figures = ? WHERE id = ?", [(7, ids[1])])
            ids += [add(db, n) for n in range(3, 14)]  # (more than one statement takes on PostgreSQL)
            db.execute("COMMIT")  # (nothing after the last ones: written by the commit)
            db.execute("BEGIN IMMEDIATE")
            add(db, 20)
            db.execute("ROLLBACK")
            db.execute("BEGIN IMMEDIATE")
            ids.append(add(db, 21))  # the id the rolled back one had
            db.execute("COMMIT")
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO meta VALUES ('velmora', '1')")
            add(db, 22)
            with pytest.raises(Exception, match="(?i)unique"):
                add(db, 0)  # a hash taken: SQLite refuses it here, PostgreSQL at the next read or the commit
                db.execute("COMMIT")
            db.execute("ROLLBACK")
            rows = db.execute("SELECT id, hash, n_figures, raw, sketch FROM articles ORDER BY id").fetchall()
            seen.append((ids, rows,
                         db.execute("SELECT count(*) FROM meta WHERE key = 'velmora'").fetchone()[0],
                         sorted(r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                                                         ("harbour",)))))
            db.close()
    assert seen[0] == seen[1], seen
    ids, rows, meta, found = seen[0]
    assert ids == list(range(1, 16)) and meta == 0 and found == ids
    assert [(row[1], row[2], bytes(row[3]), bytes(row[4])) for row in rows] == [
        (f"h{n}", 7 if n == 1 else 0, raw, bytes([n, 0, 255])) for n in [*range(14), 21]]


@contextlib.contextmanager
def _on_both(tmp_path: Path, count: int) -> Iterator[tuple[Library, Library]]:
    """One invented corpus of ``count`` articles indexed on SQLite and on PostgreSQL (a fresh schema)."""
    root = write_corpus(tmp_path / "news", count)
    local = Library([root], cache_dir=tmp_path / "cache")
    local.update(workers=1)
    with fresh_schema() as url:
        shared = Library([root], index_url=url)
        shared.update(workers=1)
        yield local, shared


def test_a_broad_search_counts_and_pages_as_on_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL a search of many matches is counted, and its first page read, without reading all its ids
    (``read.WALKED``; set to 0 here so that these few articles take that path): the same count and rows as SQLite."""
    from brief.pipeline.index import read

    with _on_both(tmp_path, 12) as (local, shared):
        for lib in (local, shared):
            lib.mark_opened()
            lib.mark_read([r.id for r in lib.rows()][:2])
        monkeypatch.setattr(read, "WALKED", 0)
        texts = sorted({r.title.split()[0] for r in local.rows()})[:2]
        for text in (*texts, f"{texts[0]} -{texts[1]}", "unread:yes", "unread:no", "new:no", f"unread:yes {texts[0]}"):
            pages = []
            for lib in (local, shared):
                lib._kept = type(lib._kept)()  # nothing kept: each read as a first one
                query = lib.query(text)
                pages.append((lib.count(query), [r.slug for r in lib.rows(query, 0, 3)],
                              [r.slug for r in lib.rows(query, 3, 3)]))
            assert pages[0] == pages[1], text
            assert pages[0][0] > 0 or text.startswith("new:"), text


def test_dropping_one_teams_corpus_leaves_the_others_search_whole(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Two corpora in one new database (a schema each, as a team names them in the URL), the server's extensions
    installed by brief itself: dropping the first corpus's schema (``DROP SCHEMA ... CASCADE``, as an admin clears
    a desk) keeps the second's accent-blind search and its names' trigram index (they were in the first's schema)."""
    import uuid
    from urllib.parse import quote

    import psycopg

    from brief.pipeline.index import store

    url = server()
    database = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {database}")
    base = url.replace("/brief?", f"/{database}?", 1)
    assert base != url, "the test server's URL names the database brief (.ci/pg)"
    urls = {}
    try:
        with psycopg.connect(base, autocommit=True) as conn:
            for desk in ("desk_a", "desk_b"):
                conn.execute(f"CREATE SCHEMA {desk}")
                urls[desk] = f"{base}&options={quote(f'-csearch_path={desk}')}"
        root = write_corpus(tmp_path / "news", 4)
        (root / "zurich.txt").write_text("Velmora opens in Zürich\n\nVelmora Systems said on Monday it would open "
                                         "an office in Zürich.\n")
        for desk in urls:
            monkeypatch.setenv("BRIEF_INDEX_URL", urls[desk])
            Library([root]).update(workers=1)
        store.close_pools()
        with psycopg.connect(base, autocommit=True) as conn:
            trigrams = conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
            conn.execute("DROP SCHEMA desk_a CASCADE")
        monkeypatch.setenv("BRIEF_INDEX_URL", urls["desk_b"])
        again = Library([root])
        assert [r.title for r in again.search("zurich")] == ["Velmora opens in Zürich"]
        assert again.count() == 5
        if trigrams:
            with psycopg.connect(urls["desk_b"], autocommit=True) as conn:
                assert conn.execute("SELECT to_regclass('entities_name_trgm')").fetchone()[0] is not None
    finally:
        store.close_pools()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def test_filters_together_and_words_left_out_match_as_on_sqlite(tmp_path: Path) -> None:
    """PostgreSQL counts a search's filters from the ids they give together, each name's entities looked up by id, and
    matches its words and the words left out at once (``reader._probed``, ``reader._looked_up``,
    ``reader._words_at_once``), and one filter left out as all the stories less those it keeps (``reader._kept_in``):
    every match the same as SQLite's, in order, those that match nothing included (words that give no word to match
    leave nothing, whatever is left out)."""
    with _on_both(tmp_path, 24) as (local, shared):
        person = local.entity_rows("person", 0, 1)[0]
        org = local.entity_rows("organization", 0, 1)[0]
        first, second = sorted({r.title.split()[0] for r in local.rows()})[:2]
        texts = [f'person:"{person.name}" org:"{org.name}"', f'person:"{person.name}" money>1', f"entity:{org.slug}"
                 f" {first}", f"{first} -{second}", f'"..." -{second}', f'{first} -"..."', f"-{first} money>1",
                 f'{first} -{second} org:"{org.name}" -person:"{person.name}"', f"{first} {second} -{second}",
                 f'with:"{org.name}" said:"{person.name}"', f'with:"{person.name}"', f"said:{person.name.split()[0]}",
                 f"-{first}", f'-person:"{person.name}"', "-money>1", "unread:yes", "new:no", f'-with:"{org.name}"']
        for lib in (local, shared):
            lib.mark_opened()
            lib.mark_read([r.id for r in lib.rows()][:3])
        found = {}
        for lib in (local, shared):
            for text in texts:
                query = lib.query(text)
                found.setdefault(text, []).append((lib.count(query), [r.slug for r in lib.rows(query, 0, 100)]))
        for text, (sqlite, postgresql) in found.items():
            assert postgresql == sqlite, text
        assert sum(1 for (n, _), _pg in found.values() if n) >= 5  # most find something: the comparison says something


def test_two_corpora_in_two_schemas_of_one_database_load_and_write_apart(tmp_path: Path) -> None:
    """Two teams' corpora in two schemas of one database (the README's ``?options=-csearch_path%3Ddeals``): while one
    is loaded cold, the other, whose own load was killed midway, gets its indexes back as it is opened; while one's
    writer holds its transaction, the other indexes (the advisory locks were the database's: each waited for the
    other)."""
    import threading

    import psycopg

    from brief.pipeline.index import bulk, store

    root = write_corpus(tmp_path / "news", 6)
    with fresh_schema() as news, fresh_schema() as deals:
        made = Library([root], cache_dir=tmp_path / "deals", index_url=deals)
        assert made.count() == 0  # (the schema created)
        made.close()
        with psycopg.connect(deals, autocommit=True) as conn:  # what a load of deals killed midway left
            for name in bulk.READERS + bulk.SERVER_READERS:
                conn.execute(f"DROP INDEX {name}")
            conn.execute("INSERT INTO meta VALUES (%s, %s)", (bulk.MARK, " ".join(bulk.READERS + bulk.SERVER_READERS)))
        loading = store.connect(news)
        load = bulk.cold_load(loading, bulk.COLD_FROM)  # a cold load of news, running
        load.__enter__()
        try:
            opened = Library([root], cache_dir=tmp_path / "deals", index_url=deals)
            there = {r[0] for r in opened.db.raw(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
            assert set(bulk.READERS + bulk.SERVER_READERS) <= there
            assert opened.db.raw("SELECT 1 FROM meta WHERE key = %s", (bulk.MARK,)).fetchone() is None
            opened.close()
        finally:
            load.__exit__(None, None, None)
        loading.execute("BEGIN IMMEDIATE")  # a writer of news in its transaction
        added: list[int] = []
        other = threading.Thread(target=lambda: added.append(
            Library([root], cache_dir=tmp_path / "deals", index_url=deals).update(workers=1).added))
        other.start()
        other.join(60)
        waited = other.is_alive()
        loading.execute("ROLLBACK")
        other.join()
        loading.close()
        assert not waited and added == [6]


def test_a_filter_that_keeps_most_articles_counts_and_pages_as_on_sqlite_without_an_array_of_its_ids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search's filters are counted on PostgreSQL from one array of the ids they give (``reader._probed``); a filter
    that keeps most articles (of a larger index, an array of millions of ids: a name's once per mention) is joined
    with the stories instead, past ``reader.PROBED_MOST`` ids (set to 4 here): the same count and pages as SQLite,
    below and above it."""
    from brief.pipeline.index import reader

    statements: list[str] = []
    search = reader._search

    def recorded(db, sql, params):  # noqa: ANN001, ANN202
        statements.append(sql)
        return search(db, sql, params)

    monkeypatch.setattr(reader, "_search", recorded)
    monkeypatch.setattr(reader, "PROBED_MOST", 4)
    with _on_both(tmp_path, 24) as (local, shared):
        rare = local.entity_rows("organization", 0, 1000)[-1]
        found = {}
        for text in ("person:a", "money>1", "person:e money>1", f'org:"{rare.name}"', f'person:a org:"{rare.name}"'):
            pages = []
            for lib in (local, shared):
                lib._kept = type(lib._kept)()  # nothing kept: each read as a first one
                statements.clear()
                query = lib.query(text)
                pages.append((lib.count(query), [r.slug for r in lib.rows(query, 0, 5)],
                              [r.slug for r in lib.rows(query, 5, 5)]))
            found[text] = pages[0][0]
            assert pages[0] == pages[1], text
            joined = [sql for sql in statements if "a.id IN (" in sql]  # the statements run again, joined
            if pages[0][0] > 4 or text.startswith("org:"):  # (the ids a filter gives: at least its stories)
                assert bool(joined) != text.startswith("org:"), text
        assert found["person:a"] > 12 and 0 < found[f'org:"{rare.name}"'] <= 4  # broad and narrow, as meant
