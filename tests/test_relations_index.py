"""Quotes, affiliations and deals in the index, the JSON and Markdown exports and the search language.

Invented articles in a temp folder, indexed by a real ``Library`` or exported by the real CLI.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from invented import downgrade_to_schema_3

from brief.cli import main
from brief.pipeline.analysis import analyse
from brief.pipeline.index import engine
from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

WIRE = """---
title: Harbor Bank to invest in Fennel Labs
date: 2025-03-02
source: The Quay Ledger
---

Harbor Bank agreed to invest $120 million in Fennel Labs, the robotics startup, on Monday. Ada Okafor, chief \
executive of Harbor Bank, said the deal would close in May. "We have watched this team for years and we like \
what we see," Okafor said.

Nina Park, an analyst at Pike Mutual, said the price was high.
"""
DAILY = """---
title: Fennel Labs lands Harbor Bank money
date: 2025-03-05
source: Northgate Daily
---

Harbor Bank invested $150 million in Fennel Labs on Monday. Ada Okafor, president of Harbor Bank, declined to \
comment.

Vantor Group agreed to acquire Orchid Systems for $2 billion. Nina Parker, a partner at Orchid Systems, said \
the price was fair. "This is a | pipe [and](a link) moment for us," Parker said.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "wire.md").write_text(WIRE, encoding="utf-8")
    (folder / "daily.md").write_text(DAILY, encoding="utf-8")
    return folder


def _export(corpus: Path, tmp_path: Path, fmt: str) -> str:
    target = tmp_path / f"out.{fmt}"
    assert main(["export", "--no-cache", "--format", fmt, "--full", "-o", str(target), str(corpus)]) == 0  # all of it
    return target.read_text(encoding="utf-8")


def test_the_analysis_travels_from_a_worker_whole() -> None:
    result = analyse(WIRE)
    again = pickle.loads(pickle.dumps(result))
    assert [q.text for q in again.relations.quotes] == [q.text for q in result.relations.quotes]
    assert [f.figure for f in again.figures] == [f.figure for f in result.figures]


def test_json_export_has_quotes_affiliations_and_deals_with_entity_ids(corpus: Path, tmp_path: Path) -> None:
    data = json.loads(_export(corpus, tmp_path, "json"))
    assert data["schema"] == "brief.index/2"
    names = {e["id"]: e["name"] for e in data["entities"]}
    by_title = {a["title"]: a for a in data["articles"]}
    wire, daily = by_title["Harbor Bank to invest in Fennel Labs"], by_title["Fennel Labs lands Harbor Bank money"]
    for a in (wire, daily):
        for q in a["quotes"]:
            assert a["body"][q["start"]:q["end"]] == q["text"] and q["text"][0] not in "\"“"
            assert q["speaker"] is None or q["speaker"] in names
        for x in (*a["affiliations"], *a["deals"]):
            assert 0 <= x["start"] < x["end"] <= len(a["body"])
    quote = next(q for q in wire["quotes"] if q["text"].startswith("We have watched"))
    assert names[quote["speaker"]] == "Ada Okafor"
    assert {(names[x["person"]], x["role"], names[x["organization"]]) for x in wire["affiliations"]} >= {
        ("Nina Park", "analyst", "Pike Mutual")}
    deal = next(d for d in daily["deals"] if d["kind"] == "acquisition")
    assert (names[deal["from"]], names[deal["to"]], deal["amount"], deal["stake"]) == (
        "Vantor Group", "Orchid Systems", "$2 billion", None)
    assert {names[d["from"]] for d in wire["deals"] if d["kind"] == "investment"} == {"Harbor Bank"}


def test_markdown_briefing_says_who_is_who_who_said_what_and_the_deals(corpus: Path, tmp_path: Path) -> None:
    md = _export(corpus, tmp_path, "markdown")
    sections = md.split("\n## ")
    whos_who = next(s for s in sections if s.startswith("Who's who"))
    assert "| Nina Park | analyst at Pike Mutual |" in whos_who
    said = next(s for s in sections if s.startswith("Who said what"))
    assert "**Ada Okafor**" in said and "We have watched this team" in said
    assert "a \\| pipe \\[and\\](a link) moment" in said  # article text, escaped where Markdown needs it: no link
    deals = next(s for s in sections if s.startswith("Deals and stakes"))
    assert "| Vantor Group | acquisition | Orchid Systems | $2 billion |  |" in deals
    across = next(s for s in sections if s.startswith("Across sources"))
    deal = next(line for line in across.splitlines() if line.startswith("- Harbor Bank → Fennel Labs, amount: "))
    assert "$120 million [" in deal and "$150 million [" in deal
    assert "Ada Okafor:" in across and "president at Harbor Bank" in across  # given different roles


def test_a_person_chosen_by_id_is_not_another_whose_name_contains_it(corpus: Path, tmp_path: Path) -> None:
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    park = next(r for r in lib.entity_rows("person", 0, 100) if r.name == "Nina Park")
    assert {r.title for r in lib.search("person:\"Nina Park\"")} == {"Harbor Bank to invest in Fennel Labs",
                                                                   "Fennel Labs lands Harbor Bank money"}
    assert [r.title for r in lib.search(f"entity:{park.slug}")] == ["Harbor Bank to invest in Fennel Labs"]


@pytest.mark.parametrize(("query", "titles"), [
    ("said:Okafor", {"Harbor Bank to invest in Fennel Labs"}),
    ("said:Parker", {"Fennel Labs lands Harbor Bank money"}),
    ('quote:"watched this team"', {"Harbor Bank to invest in Fennel Labs"}),
    ("deal:acquisition", {"Fennel Labs lands Harbor Bank money"}),
    ("deal:investments", {"Harbor Bank to invest in Fennel Labs", "Fennel Labs lands Harbor Bank money"}),
    ('with:"Orchid Systems"', {"Fennel Labs lands Harbor Bank money"}),
    ('with:"Pike Mutual"', {"Harbor Bank to invest in Fennel Labs"}),
    ("-deal:acquisition", {"Harbor Bank to invest in Fennel Labs"}),
])
def test_search_by_quotes_deals_and_ties(corpus: Path, tmp_path: Path, query: str, titles: set[str]) -> None:
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert {r.title for r in lib.search(query)} == titles


def test_brief_search_reads_the_new_terms_and_says_what_a_deal_is(corpus: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cache = str(tmp_path / "cache")
    assert main(["search", "deal:acquisition", str(corpus), "--cache-dir", cache]) == 0
    found = capsys.readouterr().out.splitlines()
    assert found == ["5 Mar 2025  Fennel Labs lands Harbor Bank money  (Northgate Daily)"]
    assert main(["search", "deal:gift", str(corpus), "--cache-dir", cache]) == 2
    assert "acquisition" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "said:" in capsys.readouterr().out


@pytest.mark.sqlite_only("a SQLite file of schema 3")
def test_an_index_of_the_previous_schema_is_analysed_again_without_reading_the_files(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    path = lib.path
    lib.close()
    downgrade_to_schema_3(path)

    def no_reading(path: object, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(engine, "read_regular", no_reading)
    again = Library([corpus], cache_dir=tmp_path / "cache")
    report = again.update(workers=1)
    assert (report.added, report.unchanged) == (0, 2)
    briefing = again.briefing()
    assert sum(len(a.quotes) for a in briefing.articles) == 2
    assert any(d.kind == "acquisition" for a in briefing.articles for d in a.deals)
    ada = next(e for e in briefing.entities if e.name == "Ada Okafor")
    assert {"CEO of Harbor Bank", "president of Harbor Bank"} <= set(ada.roles)


def test_the_quotes_of_every_article_read_in_pages(corpus: Path, tmp_path: Path) -> None:
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert lib.quote_count() == 2
    rows = lib.quote_rows(0, 10)
    assert [(r.speaker, r.article_title) for r in rows] == [("Nina Parker", "Fennel Labs lands Harbor Bank money"),
                                                           ("Ada Okafor", "Harbor Bank to invest in Fennel Labs")]
    article = lib.article(rows[1].article_id)
    assert article is not None and article.body[rows[1].quote.start:rows[1].quote.end] == rows[1].quote.text
    assert lib.quote_rows(1, 10) == rows[1:]


def test_a_deal_is_reported_differently_only_when_the_values_differ() -> None:
    from brief.models import Article, Briefing, Deal, Entity
    from brief.pipeline.export import render_markdown

    def article(slug: str, amount: str, value: float, stake: str | None = None) -> Article:
        deal = Deal("acquisition", "org-vantor", "org-orchid", amount, stake, 0, 10, value, 40.0 if stake else None)
        return Article(id=slug, path=f"{slug}.md", title=slug, body="Vantor buys Orchid.", deals=(deal,))

    entities = [Entity("org-vantor", "organization", "Vantor"), Entity("org-orchid", "organization", "Orchid")]
    same = Briefing(articles=[article("a", "$2 billion", 2e9), article("b", "$2bn", 2e9, "40%")], entities=entities)
    assert "Deals reported differently" not in render_markdown(same)
    other = Briefing(articles=[*same.articles, article("c", "$3 billion", 3e9)], entities=entities)
    line = next(x for x in render_markdown(other).splitlines() if x.startswith("- Vantor → Orchid, amount:"))
    assert line == "- Vantor → Orchid, amount: $2 billion [1] [2]; $3 billion [3]"
