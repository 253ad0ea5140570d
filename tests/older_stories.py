"""An index as an older brief (schema 8) grouped its stories: three articles a fresh index shows as one story (the
second a near copy of the first and of the third, which are not near copies of each other), kept as two, and a fourth
of its own. Opened again, the migration to schema 9 marks it, and the next update regroups it."""

from __future__ import annotations

import random
from pathlib import Path

from invented import word

from brief.pipeline.index import dedup
from brief.pipeline.index.library import Library
from brief.pipeline.index.schema import STORIES

NAME = "Jane Roe of Velmora Systems said on Monday"
HARBOUR = ("The harbour board of Port Quell approved a plan on Monday to widen the channel, officials said, at a"
           " cost of $12 million. Jane Roe of Velmora Systems welcomed it. ")


def bridged() -> tuple[str, str, str]:
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


def write_bridged(root: Path) -> Path:
    """The four articles in ``root`` (created): a.txt, b.txt, c.txt (one story) and d.txt."""
    root.mkdir(parents=True, exist_ok=True)
    for name, body in zip(("a", "b", "c"), bridged(), strict=True):
        (root / f"{name}.txt").write_text(f"Velmora report {name}\n\nBy Ada Lenk\n\n{body}.\n")
    (root / "d.txt").write_text(f"Harbour plan approved\n\nBy Ada Lenk\n\n{HARBOUR * 2}\n")
    return root


def as_older_brief_left_it(lib: Library) -> None:
    """``lib``'s index as an older brief left it when c came before b: b joined the first story it overlapped (a's),
    c stayed its own; the entities named in both count two stories (as that brief kept them); schema 8."""
    db = lib.db
    ids = {path.rsplit("/", 1)[-1]: i for i, path in db.execute("SELECT id, path FROM articles")}
    sketch = dict(db.execute("SELECT id, sketch FROM articles"))
    assert dedup.similarity(sketch[ids["a.txt"]], sketch[ids["c.txt"]]) < dedup.SAME_STORY  # the premise
    assert sorted(r.copies for r in lib.rows()) == [0, 2]  # a fresh index: a, b and c one story, shown as a
    db.execute("BEGIN IMMEDIATE")
    db.execute("UPDATE articles SET dup_of = NULL WHERE id != ?", (ids["b.txt"],))
    db.execute("UPDATE articles SET dup_of = ? WHERE id = ?", (ids["a.txt"], ids["b.txt"]))
    db.execute(f"UPDATE entities SET article_count = {STORIES.format(entity='entities.id')}")
    db.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    db.execute("COMMIT")
