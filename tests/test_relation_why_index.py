"""Why the index holds a relation (``Library.relation_why``), on a real index of invented articles: the rule
entry, its description, and the words the relation was read in with its parties marked -- the headline for a
deal the headline states, the speaker's words too for a quote that goes on after "she said"."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.pipeline.index.library import Library
from brief.pipeline.relations.explain import rule_says

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

ARTICLES = {
    "team.md": "---\ntitle: Velmora Systems, Quorvex Labs Team Up On Sensors\ndate: 2025-06-03\n---\n\n"
               "Velmora Systems Inc. makes sensors in Ohio. Quorvex Labs Inc. will sell them to hospitals, the "
               "company said.\n",
    "roe.md": "---\ntitle: Velmora hires\ndate: 2025-06-04\n---\n\n"
              "Jane Roe, chief executive of Velmora, spoke on Monday. \u201cWe will grow,\u201d she said. "
              "\u201cWe will hire 300 engineers in Lisbon this year.\u201d\n\nThe shares rose.\n",
}


def _library(tmp_path: Path) -> Library:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    library = Library([folder], cache_dir=tmp_path / "cache")
    library.update()
    return library


def _marked(why) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(why.passage[m.start:m.end], m.kind) for m in why.marks]


def test_a_deal_the_headline_states_is_shown_in_the_headline(tmp_path: Path) -> None:
    library = _library(tmp_path)
    rowids = [r for (r,) in library.db.execute("SELECT rowid FROM deals WHERE rule LIKE 'headline:%'")]
    assert len(rowids) == 1
    why = library.relation_why("deal", rowids[0])
    assert why is not None and why.passage == "Velmora Systems, Quorvex Labs Team Up On Sensors"
    assert why.says.startswith("The headline states it") and why.says == rule_says("deal", why.rule)
    assert _marked(why) == [("Velmora Systems", "organization"), ("Quorvex Labs", "organization")]


def test_a_quote_that_goes_on_after_she_said_shows_where_its_speaker_is_named(tmp_path: Path) -> None:
    library = _library(tmp_path)
    rowid, rule = library.db.execute("SELECT rowid, rule FROM quotes WHERE text LIKE 'We will hire%'").fetchone()
    assert rule == "continues"
    why = library.relation_why("quote", rowid)
    assert why is not None and why.rule == "continues" and why.says == rule_says("quote", "continues")
    assert why.text == "Jane Roe said \u201cWe will hire 300 engineers in Lisbon this year.\u201d"
    assert why.passage.startswith("Jane Roe, chief executive of Velmora") and "The shares rose" not in why.passage
    assert _marked(why) == [("Jane Roe", "person"), ("We will hire 300 engineers in Lisbon this year.", "quote")]


def test_a_relation_no_longer_in_the_index_has_no_why(tmp_path: Path) -> None:
    library = _library(tmp_path)
    assert library.relation_why("affiliation", 10_000) is None
