"""``brief export --wikilinks``: people's and companies' names as ``[[Name]]`` for Obsidian and Logseq, everything
else escaped as before, and a name a link cannot hold left as escaped text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_export_pictures import ARTICLES, _news

from brief.cli import main
from brief.models import Article, Briefing, Entity, Mention
from brief.pipeline.export import render_markdown, wikilink


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _section(md: str, heading: str) -> str:
    return md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("full", [False, True])
def test_names_become_note_links(tmp_path: Path, capsys: pytest.CaptureFixture[str], full: bool) -> None:
    news = _news(tmp_path / "news")
    code, md, _ = _export(capsys, str(news), "--wikilinks", *(["--full"] if full else []))
    assert code == 0
    people = _section(md, "People")
    assert "| [[Jane Roe]] |" in people
    assert "| [[Velmora Systems]] |" in _section(md, "Companies and organizations")
    deals = _section(md, "Deals and stakes")
    assert "| [[Velmora Systems]] | acquisition | [[Quorvex Labs]] | $1.8 billion |" in deals
    assert "- [[Velmora Systems]] → [[Quorvex Labs]], amount: $1.8 billion [1] [3]; $2.4 billion [2]" in \
        _section(md, "Across sources")
    if full:
        assert "| [[Jane Roe]] | CEO at [[Quorvex Labs]] | [1] |" in _section(md, "Who's who")
    # only names are links: titles, sources and figures are as without the flag
    links = set(re.findall(r"\[\[([^\]]+)\]\]", md))
    assert links <= {"Jane Roe", "Velmora Systems", "Quorvex Labs", "Brindle Bank", "Ostrava Partners", "Sam Quill"}
    _code, plain, _ = _export(capsys, str(news), *(["--full"] if full else []))
    assert "[[" not in plain
    assert re.sub(r"\[\[([^\]]+)\]\]", r"\1", md) == plain


def test_a_name_a_link_cannot_hold_stays_escaped_text() -> None:
    for name in ("Velmora | Quorvex", "R&amp;D Labs", "<script>x</script>", "Quorvex]] [[Evil", "AC/DC Holdings",
                 "Jane Roe #1", "*Velmora*", "Velmora:Quorvex"):
        written = wikilink(name)
        assert not written.startswith("[[") and "|" not in written.replace("\\|", "")
        assert "<" not in written.replace("\\<", "") and "]]" not in written.replace("\\]\\]", "")
    assert wikilink("Jane Roe") == "[[Jane Roe]]" and wikilink("AT&T") == "[[AT&T]]"
    assert wikilink("  Jane\x1b[31m Roe ") == "[[Jane Roe]]"  # control sequences go, as everywhere
    body = "Quorvex | Velmora hired Jane Roe. [[Velmora]] is not a name here."
    article = Article(id="a", path="a.txt", title="[[Velmora]] | title", body=body,
                      mentions=[Mention("org-q", "Quorvex | Velmora", 0, 17), Mention("person-j", "Jane Roe", 25, 33)])
    briefing = Briefing(articles=[article], entities=[
        Entity(id="org-q", type="organization", name="Quorvex | Velmora", articles=["a"], mention_count=1),
        Entity(id="person-j", type="person", name="Jane Roe", articles=["a"], mention_count=1)])
    md = render_markdown(briefing, full=True, wikilinks=True)
    assert "| Quorvex \\| Velmora |" in md and "| [[Jane Roe]] |" in md
    assert "\\[\\[Velmora\\]\\] \\| title" in md  # the title is article text: escaped, no link


def test_wikilinks_are_for_markdown_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    news = _news(tmp_path / "news", {"a.md": ARTICLES["a.md"]})
    for fmt in ("html", "json"):
        code, out, err = _export(capsys, str(news), "--wikilinks", "--format", fmt)
        assert code == 2 and out == "" and "--wikilinks is for the Markdown briefing" in err
