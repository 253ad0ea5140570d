"""Named corpora (``--corpus NAME``), what ``a`` adds to a corpus, and new and unread articles kept across starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from brief.cli import main
from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL


def article(folder: Path, name: str, title: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n")
    return path


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "morning", tmp_path / "evening"
    article(first, "a.txt", "Velmora buys Quorvex", "Velmora Holdings agreed to buy Quorvex Ltd for $2 billion, "
            "said Jane Roe, chief executive of Velmora.")
    article(second, "b.txt", "Quorvex results", "Quorvex reported revenue of $300 million, said John Doe.")
    return first, second


def titles(out: str) -> list[str]:
    return [line.split("  ")[0] for line in out.splitlines() if line]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env=os.environ.copy())


def test_a_named_corpus_grows_one_index_and_opens_by_name(two_folders: tuple[Path, Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    first, second = two_folders
    cache = tmp_path / "cache"
    assert main(["search", "--cache-dir", str(cache), "--corpus", "deals", "Quorvex", str(first)]) == 0
    assert titles(capsys.readouterr().out) == ["Velmora buys Quorvex"]
    index = sorted(cache.glob("index-*.sqlite3"))
    assert main(["search", "--cache-dir", str(cache), "--corpus", "deals", "Quorvex", str(second)]) == 0
    assert sorted(titles(capsys.readouterr().out)) == ["Quorvex results", "Velmora buys Quorvex"]
    assert sorted(cache.glob("index-*.sqlite3")) == index  # the same index, grown
    # by its name alone, from another folder: every path it was given
    out = run("--cache-dir", str(cache), "--corpus", "deals", "search", "Quorvex", cwd=tmp_path.parent)
    assert out.returncode == 0, out.stderr
    assert sorted(titles(out.stdout)) == ["Quorvex results", "Velmora buys Quorvex"]
    listed = run("corpora")
    assert listed.stdout.splitlines() == ["deals", f"  {first}", f"  {second}"]


@pytest.mark.sqlite_only("the cache folder's files")
def test_an_unnamed_corpus_opens_the_index_of_its_paths_as_before(two_folders: tuple[Path, Path], tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    first, second = two_folders
    cache = tmp_path / "cache"
    assert main(["search", "--cache-dir", str(cache), "Quorvex", str(first)]) == 0
    assert main(["search", "--cache-dir", str(cache), "Quorvex", str(first), str(second)]) == 0
    assert len(list(cache.glob("index-*.sqlite3"))) == 2  # a set of paths, an index
    capsys.readouterr()
    assert main(["corpora"]) == 1
    assert "no named corpus yet" in capsys.readouterr().err


def test_export_of_a_named_corpus(two_folders: tuple[Path, Path], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    first, second = two_folders
    assert main(["--corpus", "deals", "search", "Quorvex", str(first), str(second)]) == 0
    capsys.readouterr()
    assert main(["export", "--corpus", "deals", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert sorted(a["title"] for a in exported["articles"]) == ["Quorvex results", "Velmora buys Quorvex"]
    # the briefing is never written over one of the corpus's articles, even when only its name is given
    assert main(["export", "--corpus", "deals", "-o", str(first / "a.txt"), "--force"]) == 1
    assert "Velmora Holdings" in (first / "a.txt").read_text()


def test_a_command_on_a_named_corpus_reads_its_settings_once(two_folders: tuple[Path, Path],
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding to a corpus, listing its paths and opening its index use one reading of config.toml and the
    environment (it was read again for each)."""
    import brief.config

    first, _ = two_folders
    made: list[object] = []
    load = brief.config.load_settings
    monkeypatch.setattr(brief.config, "load_settings", lambda **kw: made.append(kw) or load(**kw))
    assert main(["--corpus", "deals", "search", "Quorvex", str(first)]) == 0
    assert len(made) == 1
    assert main(["export", "--corpus", "deals", "--format", "json"]) == 0
    assert len(made) == 2 and "Velmora buys Quorvex" in capsys.readouterr().out


def test_an_unknown_corpus_a_bad_name_or_a_missing_path_is_one_line(two_folders: tuple[Path, Path], tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = two_folders
    assert main(["--corpus", "deals", "search", "x", str(first)]) == 1  # made (nothing matches x)
    capsys.readouterr()
    assert main(["--corpus", "nope", "search", "x"]) == 2
    err = capsys.readouterr().err
    assert "no corpus named 'nope' (known: deals)" in err and len(err.splitlines()) == 1
    assert main(["--corpus", "a/b", "search", "x", str(first)]) == 2
    assert "cannot name a corpus" in capsys.readouterr().err
    assert main(["--corpus", "deals", "search", "x", str(tmp_path / "typo")]) == 2
    assert "typo: not found; nothing was added to the corpus deals" in capsys.readouterr().err
    assert main(["corpora"]) == 0
    assert "typo" not in capsys.readouterr().out


def test_paths_added_to_an_unnamed_corpus_come_back_with_its_paths(two_folders: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    first, second = two_folders
    library = Library([first], cache_dir=tmp_path / "cache")
    library.update(workers=1)
    assert "opened with" in library.add_paths([second])
    library.update(workers=1)
    assert library.count() == 2
    library.close()
    again = Library([first], cache_dir=tmp_path / "cache")
    assert again.path == library.path  # the index of the paths given, not of the paths grown
    again.update(workers=1)
    assert sorted(r.title for r in again.rows()) == ["Quorvex results", "Velmora buys Quorvex"]
    again.close()


def test_an_article_read_leaves_unread_yes_at_once_here_and_in_another_reader(two_folders: tuple[Path, Path],
                                                                                tmp_path: Path) -> None:
    """A search is kept until the index changes; marking an article read changes it, for this reader and for
    another open on the same index (on PostgreSQL the mark was written outside a write transaction, which moved
    neither: ``unread:yes`` kept listing it)."""
    first, second = two_folders
    cache = tmp_path / "cache"
    mine = Library([first, second], cache_dir=cache)
    mine.update(workers=1)
    other = Library([first, second], cache_dir=cache)
    other.update(workers=1)
    assert [len(lib.search("unread:yes")) for lib in (mine, other)] == [2, 2]
    mine.mark_read([mine.search("unread:yes")[0].id])
    assert [len(lib.search("unread:yes")) for lib in (mine, other)] == [1, 1]
    mine.close()
    other.close()


def test_new_and_unread_survive_a_restart(two_folders: tuple[Path, Path], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = two_folders
    cache = tmp_path / "cache"
    morning = Library([first], cache_dir=cache)
    morning.update(workers=1)
    assert morning.new_since() is None and not morning.search("new:yes")  # never opened: nothing is new
    morning.mark_opened()  # the reader opened it, its first update done
    assert morning.new_ids() == set() and morning.unread_count() == 1
    morning.close()
    article(first, "c.txt", "Velmora chief resigns", "Jane Roe resigned as chief executive of Velmora on Monday.")
    evening = Library([first], cache_dir=cache)  # brief started again
    evening.update(workers=1)
    evening.mark_opened()
    assert [r.title for r in evening.search("new:yes")] == ["Velmora chief resigns"]
    assert [r.title for r in evening.search("new:no")] == ["Velmora buys Quorvex"]
    (new,) = evening.new_ids()
    assert evening.unread_count() == 2
    evening.mark_read([new])
    evening.close()
    later = Library([first], cache_dir=cache)
    later.update(workers=1)
    assert later.unread_count() == 1 and later.new_ids() == set()  # read: not marked, though still new
    assert [r.title for r in later.search("unread:yes")] == ["Velmora buys Quorvex"]
    assert [r.title for r in later.search("-unread:yes")] == ["Velmora chief resigns"]
    later.close()
    # the briefing opens on what is new since the reader last opened the corpus
    assert main(["export", "--cache-dir", str(cache), str(first)]) == 0
    out = capsys.readouterr().out
    new_section = out.split("## New since ", 1)[1].split("\n## ", 1)[0]
    assert "Velmora chief resigns" in new_section and "Velmora buys Quorvex" not in new_section
    assert out.index("## New since") < out.index("## People")
    assert main(["export", "--full", "--cache-dir", str(cache), str(first)]) == 0
    assert "## New since" in capsys.readouterr().out
    # the HTML briefing opens on it too, before the sources, each article a link to it in the page
    page = tmp_path / "briefing.html"
    assert main(["export", "--format", "html", "-o", str(page), "--cache-dir", str(cache), str(first)]) == 0
    doc = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    (heading,) = doc.xpath("//h2[starts-with(., 'New since ')]")
    assert heading.text_content() == new_section_heading(out)
    (listed,) = heading.xpath("following-sibling::*[1]")
    assert "Velmora chief resigns" in listed.text_content() and "Velmora buys Quorvex" not in listed.text_content()
    (link,) = listed.xpath(".//a[contains(., 'Velmora chief resigns')]")
    (target,) = doc.xpath(f"//*[@id='{link.get('href')[1:]}']")
    assert "Velmora chief resigns" in target.text_content()
    assert doc.xpath("//h2").index(heading) < doc.xpath("//h2").index(doc.xpath("//h2[@id='sources']")[0])


def new_section_heading(markdown: str) -> str:
    """The Markdown briefing's "New since …" heading, without its ``##``."""
    return next(line[3:] for line in markdown.splitlines() if line.startswith("## New since "))


def test_no_new_section_when_nothing_is_new(two_folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    first, _ = two_folders
    assert main(["export", str(first)]) == 0
    assert "New since" not in capsys.readouterr().out
    assert main(["export", "--format", "html", "-o", str(tmp_path / "b.html"), str(first)]) == 0
    assert "New since" not in (tmp_path / "b.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("query", "said"), [("new:", "new: needs yes or no: new:yes"),
                                             ("unread:maybe", "unread:maybe is not yes or no")])
def test_new_and_unread_take_yes_or_no(two_folders: tuple[Path, Path], query: str, said: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", query, str(two_folders[0])]) == 2
    assert said in capsys.readouterr().err


@pytest.mark.sqlite_only("the SQLite file (PostgreSQL's 5 -> 6: test_pg_index)")
def test_an_index_of_version_5_keeps_its_articles_and_calls_none_new(two_folders: tuple[Path, Path],
                                                                     tmp_path: Path) -> None:
    import sqlite3

    first, _ = two_folders
    library = Library([first], cache_dir=tmp_path / "cache")
    library.update(workers=1)
    library.close()
    assert library.path is not None
    db = sqlite3.connect(library.path)
    db.executescript("DROP TABLE reading; UPDATE meta SET value = '5' WHERE key = 'schema_version';")
    db.close()
    again = Library([first], cache_dir=tmp_path / "cache")
    again.mark_opened()
    assert again.update(workers=1).added == 0  # not indexed again
    assert again.unread_count() == 1 and not again.search("new:yes")
    again.close()


def test_what_a_adds_to_a_named_corpus_is_in_it_next_time(two_folders: tuple[Path, Path], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    first, second = two_folders
    assert main(["--corpus", "deals", "search", "Quorvex", str(first)]) == 0
    library = Library(corpus="deals", cache_dir=tmp_path / "cache")
    assert library.add_paths([second]) == "in the corpus deals"
    library.close()
    capsys.readouterr()
    assert main(["--corpus", "deals", "search", "Quorvex"]) == 0
    assert sorted(titles(capsys.readouterr().out)) == ["Quorvex results", "Velmora buys Quorvex"]
