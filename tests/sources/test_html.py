"""HTML pages: the article's body and metadata, without navigation, ads, comments or footers."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import pytest

from brief.pipeline.sources import is_web_input, load

PAGES = Path(__file__).resolve().parent / "pages"

PAGE_FILES = sorted(PAGES.glob("*.html"))


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def _scores(out: str, gold: str) -> tuple[float, float, float]:
    """Word-level precision, recall and F1 of an extraction against the hand-made gold text."""
    o, g = _tokens(out), _tokens(gold)
    common = sum((o & g).values())
    p, r = common / max(1, sum(o.values())), common / max(1, sum(g.values()))
    return p, r, 2 * p * r / max(p + r, 1e-9)


def _one(path: Path, tmp_path: Path):
    docs, skipped = load(str(path), fetch_dir=tmp_path / "fetched")
    assert skipped == []
    assert len(docs) == 1
    return docs[0]


def test_news_page_body_and_metadata(tmp_path: Path) -> None:
    doc = _one(PAGES / "harbour-news.html", tmp_path)
    assert doc.title == "Port of Halden expands container terminal as trade rebounds"
    assert doc.author == "Ingrid Solberg"
    assert doc.published == "2024-03-12T08:30:00+01:00"
    assert doc.source == "The Northern Ledger"
    assert doc.url == "https://www.northernledger.example/business/2024/03/12/halden-port-expansion"
    assert doc.origin == str(PAGES / "harbour-news.html")
    assert not doc.summary_only
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("The Port of Halden will spend $420 million")  # no title line
    assert "## Financing from three lenders" in paragraphs
    assert "## Concerns from residents" in paragraphs
    assert paragraphs[-1].startswith("The port said it would publish")
    for boilerplate in ("cookie", "Subscribe", "Advertisement", "Related stories", "Comments", "ruin the harbour",
                        "newsletter", "All rights reserved", "Share on"):
        assert boilerplate not in doc.text


def test_blog_keeps_headings_and_table_and_drops_comments(tmp_path: Path) -> None:
    doc = _one(PAGES / "garden-blog.html", tmp_path)
    assert doc.title == "Why our allotment switched to no-dig beds"
    assert (doc.author, doc.source) == ("Priya Lowe", "Muddy Boots Gardening")
    assert doc.published == "2023-10-04T17:12:45+00:00"
    assert "## The first season" in doc.text
    assert "Potatoes | 38 kg | 51 kg" in doc.text
    assert "Wool pellets" not in doc.text and "Leave a Reply" not in doc.text
    assert "Recent Posts" not in doc.text and "buy us a coffee" not in doc.text


def test_layout_table_page_loses_its_sidebar_and_byline(tmp_path: Path) -> None:
    doc = _one(PAGES / "bergbahn-br.html", tmp_path)
    assert doc.title == "Neue Seilbahn am Hochkopf: Bauarbeiten beginnen im Juni"
    assert doc.author == "Lena Huber"
    assert doc.published == "2024-04-18T06:00:00+02:00"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("Die Bergbahnen Hochkopf beginnen im Juni")
    assert len(paragraphs) == 5  # <br><br> paragraphs stay apart
    assert "Skischule" not in doc.text and "Startseite" not in doc.text


def test_legacy_encoding_and_inline_ads(tmp_path: Path) -> None:
    doc = _one(PAGES / "council-divsoup.html", tmp_path)
    assert "funding gap of £2.3 million" in doc.text  # ISO-8859-1 page decoded
    assert "Cheap flights" not in doc.text and "ADVERTISEMENT" not in doc.text
    assert "Typical. They waste money" not in doc.text
    assert doc.published == "2022-11-30"


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_body_at_least_as_good_as_trafilatura_default(page: Path, tmp_path: Path) -> None:
    """Our configuration must not lose text that trafilatura's defaults keep, nor add noise."""
    import trafilatura

    gold = page.with_suffix("").with_suffix(".gold.txt").read_text(encoding="utf-8")
    ours = _one(page, tmp_path).text
    baseline = trafilatura.extract(page.read_bytes()) or ""
    p, r, f = _scores(ours, gold)
    bp, br, bf = _scores(baseline, gold)
    assert r >= br - 0.01, f"recall {r:.3f} below trafilatura's {br:.3f}"
    assert f >= bf, f"F1 {f:.3f} below trafilatura's {bf:.3f}"
    assert r >= 0.95


def test_gzipped_page(tmp_path: Path) -> None:
    target = tmp_path / "story.html.gz"
    target.write_bytes(gzip.compress((PAGES / "harbour-news.html").read_bytes()))
    assert is_web_input(str(target))
    doc = _one(target, tmp_path)
    assert doc.title == "Port of Halden expands container terminal as trade rebounds"
    assert doc.origin == str(target)


def test_terminal_escapes_and_controls_are_removed(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(
        "<html><head><title>Evil \x1b]52;c;aGk=\x07title</title></head><body><article><h1>Evil title</h1>"
        + "<p>Ordinary words \x1b[2J\x1b[31mred\x1b[0m and a \u202eoverride and zero\u200bwidth here.</p>" * 5
        + "</article></body></html>", encoding="utf-8")
    doc = _one(page, tmp_path)
    for field in (doc.text, doc.title or ""):
        assert "\x1b" not in field and "\x07" not in field and "\u202e" not in field and "\u200b" not in field
    assert "red and a override" in doc.text


def test_page_without_article_text_is_skipped_with_a_reason(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    docs, skipped = load(str(page), fetch_dir=tmp_path / "f")
    assert docs == []
    assert skipped == [(str(page), "no article text found in the page")]


def test_input_files_are_never_written(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    data = (PAGES / "garden-blog.html").read_bytes()
    page.write_bytes(data)
    before = page.stat().st_mtime_ns
    load(str(page), fetch_dir=tmp_path / "fetched")
    assert page.read_bytes() == data and page.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.html"]  # nothing fetched, nothing cached


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_text_conversion_keeps_every_word_trafilatura_extracted(page: Path) -> None:
    """Turning trafilatura's body tree into brief text (headings, items, tables) drops no word."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    from brief.pipeline.sources.textify import tree_to_text

    doc = trafilatura.bare_extraction(page.read_bytes(), with_metadata=True, include_comments=False)
    assert _tokens(tree_to_text(doc.body)) == _tokens(xmltotxt(doc.body, False))


def test_html_fragments_become_text() -> None:
    from brief.pipeline.sources.textify import html_to_text

    assert html_to_text("<ul><li><p>a para</p><p>second</p></li><li>plain <b>bold</b></li><li></li></ul><p>end</p>") \
        == "- a para\n\nsecond\n\n- plain bold\n\nend"
    assert html_to_text("<h2><span>Head</span> line</h2>text<br>more") == "## Head line\n\ntext\nmore"
    assert html_to_text("AT&amp;T &lt;b&gt; 5 &lt; 6") == "AT&T <b> 5 < 6"
    assert html_to_text("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>") == "A | B\n1 | 2"
    assert html_to_text("<pre>code\n  indented\n\nx</pre>") == "code\n  indented\nx"
    assert html_to_text("<p>x</p></div><p>y</p><!-- note -->") == "x\n\ny"
