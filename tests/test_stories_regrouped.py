"""An index an older brief wrote has its stories grouped by the rule of now once it is opened (schema 9): a story is
every article linked by near copies of near copies, shown as its first by path, where an older brief joined an
article to the first story it overlapped and left the stories it bridged apart. Both stores."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from invented import word

from brief.pipeline.export import render_json
from brief.pipeline.index import dedup
from brief.pipeline.index.library import Library
from brief.pipeline.index.schema import STORIES

pytestmark = pytest.mark.usefixtures("store")

NAME = "Jane Roe of Velmora Systems said on Monday"


def _bridged() -> tuple[str, str, str]:
    """Three texts: the second a near copy of the first and of the third, which are not near copies of each other
    (found by the sketches themselves, from invented words; the name in all three)."""
    for seed in range(200):
        rng = random.Random(seed)
        words = [word(rng) for _ in range(160)]
        words[60:60] = NAME.split()
        for shift in range(8, 16):
            a, b, c = (" ".join(words[k * shift:k * shift + 110]) for k in range(3))
            sa, sb, sc = (dedup.sketch(t) for t in (a, b, c))

            def near(x: bytes, y: bytes) -> bool:
                return bool(set(dedup.keys(x)) & set(dedup.keys(y))) and dedup.similarity(x, y) >= dedup.SAME_STORY

            if near(sa, sb) and near(sb, sc) and dedup.similarity(sa, sc) < dedup.SAME_STORY:
                return a, b, c
    raise AssertionError("no bridge found")


def _export(lib: Library) -> str:
    return render_json(lib.briefing())


def test_an_index_an_older_brief_grouped_shows_the_stories_of_a_fresh_one(tmp_path: Path, store: str | None) -> None:
    root = tmp_path / "news"
    root.mkdir()
    for name, body in zip(("a", "b", "c"), _bridged(), strict=True):
        (root / f"{name}.txt").write_text(f"Velmora report {name}\n\nBy Ada Lenk\n\n{body}.\n")
    harbour = ("The harbour board of Port Quell approved a plan on Monday to widen the channel, officials said, at a"
               " cost of $12 million. Jane Roe of Velmora Systems welcomed it. ")
    (root / "d.txt").write_text(f"Harbour plan approved\n\nBy Ada Lenk\n\n{harbour * 2}\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    fresh = _export(lib)
    db = lib.db
    ids = {path.rsplit("/", 1)[-1]: i for i, path in db.execute("SELECT id, path FROM articles")}
    sketch = dict(db.execute("SELECT id, sketch FROM articles"))
    assert dedup.similarity(sketch[ids["a.txt"]], sketch[ids["c.txt"]]) < dedup.SAME_STORY  # the test's premise
    assert sorted(r.copies for r in lib.rows()) == [0, 2]  # a fresh index: a, b and c one story, shown as a
    # As an older brief left it when c came before b: b joined the first story it overlapped (a's), c stayed its own;
    # the entities named in both count two stories (their counts as that brief kept them); schema 8
    db.execute("BEGIN IMMEDIATE")
    db.execute("UPDATE articles SET dup_of = NULL WHERE id != ?", (ids["b.txt"],))
    db.execute("UPDATE articles SET dup_of = ? WHERE id = ?", (ids["a.txt"], ids["b.txt"]))
    db.execute(f"UPDATE entities SET article_count = {STORIES.format(entity='entities.id')}")
    db.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    db.execute("COMMIT")
    assert _export(lib) != fresh
    lib.close()
    opened = Library([root], cache_dir=tmp_path / "cache")
    opened.update(workers=1)  # as the reader and every command open it
    assert _export(opened) == fresh
    opened.close()
    if not os.environ.get("BRIEF_INDEX_URL"):
        return
    from pg import fresh_schema

    with fresh_schema() as url:  # and a fresh index elsewhere exports the same
        other = Library([root], cache_dir=tmp_path / "other", index_url=url)
        other.update(workers=1)
        assert _export(other) == fresh
