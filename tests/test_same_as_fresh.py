"""After any change to the files (an edit, a copy, a file gone), the index shows what a fresh index of the same files
shows: the same articles under the same ids, the same stories with their copies, the same entities with their counts
(issue 20: the index is a function of the files, whoever indexed them in whatever order). Each on both stores."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")


def _shown(lib: Library) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, str, int, int]]]:
    articles = sorted((r.slug, r.title, r.copies) for r in lib.rows(None, 0, 1000))
    entities = sorted((r.slug, r.type, r.name, r.mentions, r.articles) for kind in ("person", "organization", "place")
                      for r in lib.entity_rows(kind, 0, 1000))
    return articles, entities


def _as_fresh(lib: Library, root: Path, tmp_path: Path) -> None:
    """``lib`` (updated after a change) shows what a new index of ``root`` shows."""
    lib.update(workers=1)
    fresh = Library([root], cache_dir=tmp_path / "fresh")
    fresh.update(workers=1)
    assert _shown(lib) == _shown(fresh)
    fresh.close()


def test_a_name_written_two_ways_in_a_small_update_gets_two_ids(tmp_path: Path) -> None:
    """A re-open's few articles: one writes a place with a space and with a hyphen (two entities whose ids clash)."""
    root = tmp_path / "news"
    root.mkdir()
    (root / "first.txt").write_text("Velmora council meets\n\nBy Hana Sorel\n\nThe council of Velmora met on Monday.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (root / "floods.txt").write_text("Floods in New York\n\nBy Hana Sorel\n\nThe office in New York shut on Monday; "
                                     "the New-York office stays open.\n")
    report = lib.update(workers=1)
    assert not report.skipped and report.added == 1
    slugs = {r.slug for r in lib.entity_rows("place", 0, 100)}
    assert {"place-new-york", "place-new-york-2"} <= slugs
    _as_fresh(lib, root, tmp_path)


def test_ids_of_one_name_number_down_when_an_earlier_file_by_path_takes_one(tmp_path: Path) -> None:
    """Two files named ``report.txt`` (``report``, ``report-2``); a copy of the first put under a name earlier by
    path is shown there: the article's id moves, and the other report takes ``report``, as in a fresh index."""
    root = tmp_path / "news"
    for desk, text in (("north", "Orlane Telecom cuts prices\n\nBy Nadia Fenwick\n\nOrlane Telecom cut its prices "
                                 "by 10% on Friday, its chief executive Mara Velko said.\n"),
                       ("south", "Tesmir Motors recalls cars\n\nBy Felix Arnaud\n\nTesmir Motors recalled 4,000 cars "
                                 "on Wednesday, the company said.\n")):
        (root / desk).mkdir(parents=True)
        (root / desk / "report.txt").write_text(text)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert sorted(r.slug for r in lib.rows()) == ["report", "report-2"]
    shutil.copy(root / "north" / "report.txt", root / "north" / "a-report.txt")
    _as_fresh(lib, root, tmp_path)
    assert sorted(r.slug for r in lib.rows()) == ["a-report", "report"]


def test_when_the_first_file_of_a_story_goes_its_copy_is_shown_as_in_a_fresh_index(tmp_path: Path) -> None:
    """``a.txt`` and ``z.txt`` the same text, ``m.txt`` a near copy of it: one story shown as ``a``. With ``a.txt``
    gone, the story is shown at the first of what is left by path (``m``), not at the other file of ``a``'s text."""
    root = tmp_path / "news"
    root.mkdir()
    story = ("Velmora floods close the coastal road\n\nBy Lena Ostrava\n\nFloods in Velmora closed the coastal road "
             "on Sunday, the regional council said. About 1,200 homes lost power and 40 families were moved to the "
             "school in Velmora. The council said repairs would cost $12 million and take three weeks. Quorvex Corp. "
             "sent two trucks of water.\n")
    (root / "a.txt").write_text(story)
    (root / "z.txt").write_text(story)
    (root / "m.txt").write_text(story.replace("two trucks of water.", "two trucks of water today."))
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert [(r.slug, r.copies) for r in lib.rows()] == [("a", 1)]
    (root / "a.txt").unlink()
    _as_fresh(lib, root, tmp_path)
    assert [(r.slug, r.copies) for r in lib.rows()] == [("m", 1)]
