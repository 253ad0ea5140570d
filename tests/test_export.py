"""The Markdown briefing and the JSON index, as a reader of them would check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.models import Article, Briefing, Entity, Figure
from brief.pipeline.build import load_briefing
from brief.pipeline.export import cell, inline, render_json, render_markdown, write_text


@pytest.fixture(scope="module")
def seeds_briefing() -> Briefing:
    return load_briefing(None, use_cache=False)


def test_json_export_follows_the_schema_and_offsets_hold(seeds_briefing: Briefing) -> None:
    data = json.loads(render_json(seeds_briefing))
    assert data["schema"] == "brief.index/2"
    ids = {e["id"] for e in data["entities"]}
    for a in data["articles"]:
        assert {"id", "path", "title", "source", "author", "published", "body", "mentions", "figures"} <= set(a)
        for m in a["mentions"]:
            assert m["entity"] in ids
            assert a[m["field"]][m["start"]:m["end"]] == m["text"]
        for f in a["figures"]:
            assert a[f["field"]][f["start"]:f["end"]] == f["text"]
            assert f["kind"] in ("money", "percent", "count")


def test_each_figure_is_listed_once_per_article(seeds_briefing: Briefing) -> None:
    first = seeds_briefing.articles[0]
    values = [(f.kind, f.value, f.value_max) for f in first.figures]
    assert len(values) == len(set(values))
    repeated = next(f for f in first.figures if f.value == 14.3e9)
    assert len(repeated.occurrences) >= 3  # title, standfirst and body


def test_markdown_briefing_has_every_section(seeds_briefing: Briefing) -> None:
    md = render_markdown(seeds_briefing, full=True)
    for heading in ("## Sources", "## Summaries", "## People", "## Companies", "## Figures", "## Across sources"):
        assert heading in md
    assert "by Lucas Greene" in md and "TechCrunch" in md
    assert "| $19 billion |" in md


def test_table_cells_cannot_break_the_table_or_inject_links() -> None:
    nasty = "Evil | Corp `x` <script>alert(1)</script> [click](http://x)"
    escaped = cell(nasty)
    assert "|" not in escaped.replace("\\|", "")
    assert "<script>" not in escaped and "](" not in escaped.replace("\\]", "")  # "\](" is a bracket, no link
    briefing = Briefing(
        articles=[Article(id="a", path="a.txt", title="T | [x](y)", body="b")],
        entities=[Entity(id="org-x", type="organization", name=nasty, articles=["a"], mention_count=1)],
    )
    row = next(line for line in render_markdown(briefing).splitlines() if "Evil" in line)
    assert row.count(" | ") == 3  # four cells, none split


def test_write_text_refuses_to_overwrite_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    write_text(target, "first")
    with pytest.raises(FileExistsError):
        write_text(target, "second")
    assert target.read_text() == "first"
    write_text(target, "third", force=True)
    assert target.read_text() == "third"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]  # no temporary file left
    with pytest.raises(FileNotFoundError):
        write_text(tmp_path / "nope" / "x.md", "x")


def test_sources_show_dates_links_and_repeats() -> None:
    briefing = Briefing(articles=[
        Article(id="a", path="a", title="Harbour", body="b", published="2025-03-01T09:00:00+00:00",
                url="https://example.org/harbour"),
        Article(id="b", path="b", title="Harbour again", body="b", duplicate_of="a", summary_only=True,
                url="javascript:alert(1)"),
    ])
    md = render_markdown(briefing, full=True)  # a compact briefing lists only the sources it cites
    assert "[1] **Harbour** — 1 Mar 2025 — <https://example.org/harbour>" in md  # as people write dates
    assert "[2] **Harbour again** — feed summary only — same story as [1]  " in md
    assert "javascript" not in md


def test_an_exported_file_gets_a_normal_mode(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "b.md", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "b.md").stat().st_mode & 0o777 == 0o644


def _two_articles() -> Briefing:
    """Invented: Jane Roe and Velmora Systems are named in both articles, Sam Quill and Quorvex Labs in one."""
    a = Article(id="a", path="a.txt", title="Velmora buys Quorvex", body="b", figures=(
        Figure("$3 billion", 0, 10, "body", "money", 3e9, currency="USD", about="Velmora buys Quorvex"),
        Figure("0.48%", 20, 25, "body", "percent", 0.48)))
    b = Article(id="b", path="b.txt", title="Disney+ and Velmora", body="b", figures=(
        Figure("$3bn", 0, 4, "body", "money", 3e9, currency="USD"),))
    c = Article(id="c", path="c.txt", title="Nobody here", body="b")
    return Briefing(articles=[a, b, c], entities=[
        Entity(id="per-jane-roe", type="person", name="Jane Roe", articles=("a", "b"), mention_count=4),
        Entity(id="per-sam-quill", type="person", name="Sam Quill", articles=("a",), mention_count=9),
        Entity(id="org-velmora", type="organization", name="Velmora Systems", articles=("a", "b"), mention_count=5),
        Entity(id="org-quorvex", type="organization", name="Quorvex Labs", articles=("a",), mention_count=7),
    ])


def test_the_compact_briefing_names_what_several_articles_share_and_cites_its_sources() -> None:
    md = render_markdown(_two_articles())
    assert "| Jane Roe |" in md and "| Velmora Systems |" in md
    assert "Sam Quill" not in md and "Quorvex Labs |" not in md  # named in one article only, though more often
    assert "## Summaries" not in md
    figures = md.split("## Figures")[1].split("##")[0]
    assert "| $3 billion | $3B | Velmora buys Quorvex | [1] [2] |" in figures  # one row, both sources
    assert figures.index("$3B") < figures.index("0.48%")
    sources = md.split("## Sources")[1]
    assert "Velmora buys Quorvex" in sources and "Disney+ and Velmora" in sources
    assert "Nobody here" not in sources and "3 articles (2 cited below)" in md
    assert "`brief export --full` adds 1 more people; 1 more organizations; every article's summary" in md


def test_the_full_briefing_keeps_everything() -> None:
    md = render_markdown(_two_articles(), full=True)
    assert "Sam Quill" in md and "Quorvex Labs" in md and "## Summaries" in md and "Nobody here" in md


def test_plain_text_is_not_escaped_where_markdown_does_not_need_it() -> None:
    assert inline("Disney+ rose 0.48% (AP)") == "Disney+ rose 0.48% (AP)"
    assert inline("snake_case and C++ #1") == "snake_case and C++ #1"
    assert inline("- not a list") == "\\- not a list" and inline("1986. A year") == "1986\\. A year"
    assert inline("+ nor this") == "\\+ nor this" and inline("# nor a heading") == "\\# nor a heading"
    assert cell("a | b `c` <b>x</b> [l](u) *e* _f_ &lt;") == (
        "a \\| b \\`c\\` \\<b\\>x\\</b\\> \\[l\\](u) \\*e\\* \\_f\\_ \\&lt;")
