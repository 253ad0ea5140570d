"""The Markdown briefing and the JSON index, as a reader of them would check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.models import Article, Briefing, Entity
from brief.pipeline.build import load_briefing
from brief.pipeline.export import cell, render_json, render_markdown, write_text


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
    md = render_markdown(seeds_briefing)
    for heading in ("## Sources", "## Summaries", "## People", "## Companies", "## Figures", "## Across sources"):
        assert heading in md
    assert "by Lucas Greene" in md and "TechCrunch" in md
    assert "| $19 billion |" in md


def test_table_cells_cannot_break_the_table_or_inject_links() -> None:
    nasty = "Evil | Corp `x` <script>alert(1)</script> [click](http://x)"
    escaped = cell(nasty)
    assert "|" not in escaped.replace("\\|", "")
    assert "<script>" not in escaped and "](" not in escaped
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
    md = render_markdown(briefing)
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
