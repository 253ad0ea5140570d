"""Article dates as users meet them: written many ways in the files, read once into ISO 8601, listed newest
first by `brief search`, shown as "1 Jan 2020" in the briefing, and both forms kept in the JSON export."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from dated import NEWEST_FIRST, SHOWN, write_dated

from brief.pipeline.dates import iso_date, shown_date
from brief.pipeline.index.library import Library


def brief(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def dated(tmp_path: Path) -> tuple[Path, Path]:
    return write_dated(tmp_path / "news"), tmp_path / "cache"


def test_brief_search_lists_the_newest_first_with_dates_as_people_write_them(dated: tuple[Path, Path]) -> None:
    folder, cache = dated
    out = brief("search", "harbour", str(folder), "--cache-dir", str(cache))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert [next(t for t in NEWEST_FIRST if t in line) for line in lines] == NEWEST_FIRST
    for line, title in zip(lines, NEWEST_FIRST, strict=True):
        assert line.startswith(f"{SHOWN[title]}  {title}"), line
    assert "January 1," not in out.stdout and "T10:00" not in out.stdout


def test_the_briefing_shows_dates_as_people_write_them_and_the_json_keeps_both(dated: tuple[Path, Path]) -> None:
    folder, cache = dated
    md = brief("export", str(folder), "--cache-dir", str(cache))
    assert md.returncode == 0, md.stderr
    sources = {line.split("**")[1]: line for line in md.stdout.splitlines() if line.startswith("[")}
    for title, shown in SHOWN.items():
        assert f"**{title}** — {shown}" in sources[title]
    assert "January 1, 2020" not in md.stdout and "+01:00" not in md.stdout

    js = brief("export", "--format", "json", str(folder), "--cache-dir", str(cache))
    assert js.returncode == 0, js.stderr
    dates = {a["title"]: (a["published"], a["published_text"]) for a in json.loads(js.stdout)["articles"]}
    assert dates == {
        "Velmora widens its quay": ("2024-03-05T10:00:00+01:00", "2024-03-05T10:00:00+01:00"),
        "Tallis Bay quay vote passes": ("2024-03-05T07:00:00+00:00", "Tue, 05 Mar 2024 07:00:00 GMT"),
        "Quorvex harbour plan returns": ("2020-01-01", "January 1, 2020"),
        "Fenwick quay plan first aired": ("2019-11-20", "20 Nov 2019"),
        "Ostrel harbour board meets": (None, "yesterday"),
    }


def test_an_index_that_stored_dates_as_written_sorts_them_once_opened(dated: tuple[Path, Path]) -> None:
    """A schema-4 index kept "January 1, 2020" as the date: opened, its dates are read into ISO 8601."""
    folder, cache = dated
    library = Library([folder], cache_dir=cache)
    library.update(workers=1)
    path = library.path
    library.close()
    with sqlite3.connect(path) as db:  # as brief's previous schema left it: the date as written, no ISO
        db.execute("UPDATE articles SET published = published_text")
        db.execute("ALTER TABLE articles DROP COLUMN published_text")
        db.execute("ALTER TABLE affiliations DROP COLUMN rule")
        db.execute("ALTER TABLE deals DROP COLUMN rule")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    db.close()
    library = Library([folder], cache_dir=cache)
    try:  # read before any update: the stored articles themselves, not an index rebuilt from the files
        rows = library.rows(library.query(""), 0, 10)
        assert [r.title for r in rows] == NEWEST_FIRST
        assert [shown_date(r.published, r.published_text) for r in rows] == [SHOWN[t] for t in NEWEST_FIRST]
        library.update(workers=1)  # the relations are found anew; the dates stay read
        assert [r.title for r in library.rows(library.query(""), 0, 10)] == NEWEST_FIRST
    finally:
        library.close()


@pytest.mark.parametrize(("written", "iso"), [
    ("January 1, 2020", "2020-01-01"),
    ("Jan. 5, 2021 10:30 am", "2021-01-05T10:30:00"),
    ("20 Nov 2019", "2019-11-20"),
    ("2024-03-05T10:00:00+01:00", "2024-03-05T10:00:00+01:00"),
    ("2024-03-05T09:00:00Z", "2024-03-05T09:00:00+00:00"),
    ("Tue, 05 Mar 2024 09:00:00 EST", "2024-03-05T09:00:00-05:00"),
    ("yesterday", None),
    ("3 min read", None),
    ("March 2024", None),  # no day: not a date the list can place
    ("", None),
])
def test_a_date_is_read_into_iso_8601_only_when_it_is_a_whole_date(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso
