"""An index an older brief wrote has its stories grouped by the rule of now once it is opened (schema 9): a story is
every article linked by near copies of near copies, shown as its first by path, where an older brief joined an
article to the first story it overlapped and left the stories it bridged apart. Both stores."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from older_stories import as_older_brief_left_it, write_bridged

from brief.pipeline.export import render_json
from brief.pipeline.index import stories
from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")


def _export(lib: Library) -> str:
    return render_json(lib.briefing())


def test_an_index_an_older_brief_grouped_shows_the_stories_of_a_fresh_one(tmp_path: Path, store: str | None) -> None:
    root = write_bridged(tmp_path / "news")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    fresh = _export(lib)
    as_older_brief_left_it(lib)
    assert _export(lib) != fresh
    lib.close()
    opened = Library([root], cache_dir=tmp_path / "cache")
    report = opened.update(workers=1)  # as the reader and every command open it
    assert _export(opened) == fresh
    assert report.regrouped == 1  # c's story changed (the reader lists the stories again)
    opened.close()
    if not os.environ.get("BRIEF_INDEX_URL"):
        return
    from pg import fresh_schema

    with fresh_schema() as url:  # and a fresh index elsewhere exports the same
        other = Library([root], cache_dir=tmp_path / "other", index_url=url)
        other.update(workers=1)
        assert _export(other) == fresh


def _older(tmp_path: Path) -> tuple[Path, str, str]:
    """The corpus, its fresh export, and its export as an older brief left it (the index closed)."""
    root = write_bridged(tmp_path / "news")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    fresh = _export(lib)
    as_older_brief_left_it(lib)
    older = _export(lib)
    lib.close()
    return root, fresh, older


class Quit(Exception):
    """As the reader's worker raises from its progress when the user quits."""


def test_a_quit_during_the_regroup_stops_it_and_the_next_update_does_it(tmp_path: Path, store: str | None,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root, fresh, older = _older(tmp_path)
    monkeypatch.setattr(stories, "BANDS_AT_ONCE", 1)  # a range of band values at a time: many steps, as a large index
    said: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, name: str) -> None:
        said.append((done, total, name))
        if len(said) == 3:
            raise Quit  # the user pressed q as the stories were regrouped

    opened = Library([root], cache_dir=tmp_path / "cache")
    with pytest.raises(Quit):
        opened.update(progress, workers=1)
    assert [name for _, _, name in said] == [stories.REGROUPING] * 3  # shown as it goes, and stopped at once
    assert said[-1][0] < said[-1][1]  # (before its end)
    assert _export(opened) == older  # nothing of it written
    opened.close()
    again = Library([root], cache_dir=tmp_path / "cache")
    assert again.update(workers=1).regrouped == 1  # the next update regroups them
    assert _export(again) == fresh
    again.close()


SECOND = """
import sys, time
from pathlib import Path
from brief.pipeline.index import connection
from brief.pipeline.index.library import Library
connection.WAIT_S = {wait}  # (30 s in brief: the regroup below is held longer than this)
flag = Path({flag!r})
while not flag.exists():
    time.sleep(0.05)
said = set()
lib = Library([Path({root!r})], cache_dir=Path({cache!r}))
lib.update(lambda done, total, name: said.add(name), workers=1)
print("said", sorted(said))
"""


def test_a_second_brief_waits_for_the_regroup_another_runs(tmp_path: Path, store: str | None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A second brief opened while the first regroups a large index's stories (a minute at 1,000,000 articles)
    waits for it, saying so, rather than failing with "database is locked" once its wait for the lock runs out."""
    root, fresh, _ = _older(tmp_path)
    flag = tmp_path / "regrouping"
    wait = 1.0
    real = stories.regroup

    def slow(db, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        flag.touch()
        time.sleep(wait * 3)  # as a large index's regroup, longer than the second brief waits for a lock
        return real(db, *args, **kwargs)

    monkeypatch.setattr(stories, "regroup", slow)
    script = SECOND.format(wait=wait, flag=str(flag), root=str(root), cache=str(tmp_path / "cache"))
    second = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        first = Library([root], cache_dir=tmp_path / "cache")
        report = first.update(workers=1)
        out, err = second.communicate(timeout=120)
    finally:
        if second.poll() is None:
            second.kill()
    assert second.returncode == 0, err  # no "database is locked"
    assert stories.WAITING in out  # it said what it waited for
    assert report.regrouped == 1 and _export(first) == fresh
    first.close()
