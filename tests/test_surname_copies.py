"""A surname alone said in several copies of one story, then a second full name of that surname: the copies go back to
the surname's own entity together, and the story counts once for it and not at all for the first full name, as in an
index that had all the articles from the start (the writer moves them at once; each is counted as if moved in turn)."""

from __future__ import annotations

from pathlib import Path

import pytest

NAMED = ("Quorvex Corp. names Tomas Brell chief executive\n\nBy Hana Sorel\n\nQuorvex Corp. named Tomas Brell its chief"
         " executive on Monday. Tomas Brell said revenue rose 12% to $340 million last year.\n")
ALONE = ("Brell sets out a plan for the ports\n\nBy Omar Takel\n\nMr. Brell said on Tuesday that the plan for the ports"
         " of Velmora would go ahead after the winter storms. Brell told reporters that the northern ports would"
         " reopen in May, that the southern ones would follow in June, and Brell added that the costs of the harbour"
         " works would fall by 8% next year as the council pays its share.{}\n")
SECOND = ("Lantica Holdings appoints Ines Brell\n\nBy Kofi Marand\n\nInes Brell, the chief executive of Lantica"
          " Holdings, said on Wednesday that profit rose 9% to $85 million.\n")


@pytest.mark.usefixtures("store")
def test_copies_of_a_story_that_name_a_surname_alone_count_it_once_when_a_second_full_name_comes(
        tmp_path: Path) -> None:
    from brief.pipeline import ingest
    from brief.pipeline.index import dedup
    from brief.pipeline.index.library import Library

    copies = [ALONE.format(""), ALONE.format(" The works begin on Monday."), ALONE.format(" Fares stay as they are.")]
    sketches = [dedup.sketch(ingest.parse(text).body) for text in copies]
    assert all(dedup.similarity(sketches[0], s) >= dedup.SAME_STORY for s in sketches[1:])  # one story

    def counts(lib: Library) -> dict[str, int]:
        return {row.slug: row.articles for row in lib.entity_rows("person")}

    later = tmp_path / "later"
    later.mkdir()
    (later / "named.txt").write_text(NAMED, encoding="utf-8")
    for i, text in enumerate(copies):
        (later / f"alone-{i}.txt").write_text(text, encoding="utf-8")
    lib = Library([later], cache_dir=tmp_path / "cache-later")
    lib.update(workers=1)
    assert counts(lib)["per-tomas-brell"] == 2  # (the surname alone is his while he is the only Brell)
    (later / "second.txt").write_text(SECOND, encoding="utf-8")
    lib.update(workers=1)
    together = tmp_path / "together"
    together.mkdir()
    for path in later.iterdir():
        (together / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    cold = Library([together], cache_dir=tmp_path / "cache-together")
    cold.update(workers=1)
    assert counts(lib) == counts(cold)
    assert counts(lib)["per-brell"] == 1 and counts(lib)["per-tomas-brell"] == 1
