"""The HTML briefing's timeline and its figures across sources: what the pictures say, read from the page
``brief export --format html`` writes for invented articles (and, for the binning, from invented briefings)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import lxml.html
import pytest
from test_export_html import HOSTILE, assert_safe

from brief.cli import main
from brief.models import Article, Briefing
from brief.pipeline.pictures import MOST_BINS, MOST_TICKS, Told, figure_chart, timeline

ARTICLES = {
    "a.md": ("Velmora Systems to buy Quorvex Labs", "2024-05-02", "Ledger Wire",
             "Velmora Systems agreed to buy Quorvex Labs for $1.8 billion on Tuesday. Quorvex Labs employs 3,000 "
             "workers, its chief executive Jane Roe said."),
    "b.md": ("Quorvex Labs sold to Velmora Systems", "2024-05-09", "Money Desk",
             "Velmora Systems agreed to buy Quorvex Labs for $2.4 billion, people familiar said. Quorvex Labs employs "
             "4,500 workers, said Jane Roe, its chief executive."),
    "c.md": ("Velmora Systems deal for Quorvex Labs", "2024-06-20", "Harbour Post",
             "Velmora Systems will buy Quorvex Labs for $1.8 billion. Quorvex Labs employs 3,000 workers."),
    "d.md": ("Brindle Bank has a slow spring", "", "Ledger Wire",
             "Brindle Bank advised on two deals this spring, said Sam Quill, an analyst at Ostrava Partners."),
}


def _news(folder: Path, articles: dict[str, tuple[str, str, str, str]] = ARTICLES) -> Path:
    folder.mkdir()
    for name, (title, day, source, body) in articles.items():
        dated = f"date: {day}\n" if day else ""
        (folder / name).write_text(f"---\ntitle: {title}\n{dated}source: {source}\n---\n\n{body}\n", encoding="utf-8")
    return folder


def _page(tmp_path: Path, *args: str) -> tuple[str, lxml.html.HtmlElement]:
    out = tmp_path / "briefing.html"
    assert main(["export", "--no-cache", "--format", "html", "-o", str(out), *args]) == 0
    page = out.read_text(encoding="utf-8")
    return page, lxml.html.fromstring(page)


def _svg(tree: lxml.html.HtmlElement, cls: str) -> list[lxml.html.HtmlElement]:
    return tree.xpath(f"//*[local-name()='svg'][@class='{cls}']")


def _all(node: lxml.html.HtmlElement, tag: str, cls: str | None = None) -> list[lxml.html.HtmlElement]:
    test = f"[@class='{cls}']" if cls else ""
    return node.xpath(f".//*[local-name()='{tag}']{test}")


def test_the_timeline_puts_articles_deals_and_figures_on_one_axis(tmp_path: Path) -> None:
    page, tree = _page(tmp_path, str(_news(tmp_path / "news")))
    assert_safe(page)
    (svg,) = _svg(tree, "timeline")
    assert [t.text for t in _all(svg, "text", "lane")] == ["Articles", "Deals", "Figures"]
    articles = _all(svg, "rect", "articles")
    assert len(articles) == 3  # one bar per dated day; the undated article is said to be off the line
    said = tree.xpath("//h2[@id='timeline']/following-sibling::p[1]")[0].text_content()
    assert "Per day, 2 May 2024 to 20 Jun 2024" in said and "1 article without a date is not on the line" in said
    # a bar names what it holds on hover and leads to its article
    titles = [r.findtext("{*}title") or r.findtext("title") for r in articles]
    assert any("[1] Velmora Systems to buy Quorvex Labs" in t for t in titles)
    hrefs = [r.getparent().get("href") for r in articles]
    assert all(tree.get_element_by_id(h[1:]).tag == "article" for h in hrefs)
    deals = " ".join(r.findtext("title") for r in _all(svg, "rect", "deals"))
    assert "Velmora Systems acquired Quorvex Labs, $2.4 billion" in deals
    figures = " ".join(r.findtext("title") for r in _all(svg, "rect", "figures"))
    assert "4,500 workers" in figures
    # the bars are in date order along the axis, the axis labelled with the month and year
    xs = [float(r.get("x")) for r in articles]
    assert xs == sorted(xs) and xs[-1] - xs[0] > 500
    assert [t.text for t in _all(svg, "text", "tick")][:3] == ["2 May 2024", "9 May", "16 May"]


def test_no_dated_article_no_timeline_but_a_word_saying_so(tmp_path: Path) -> None:
    _page_text, tree = _page(tmp_path, str(_news(tmp_path / "news", {"d.md": ARTICLES["d.md"]})))
    assert not _svg(tree, "timeline")
    assert "No article has a date" in tree.xpath("//h2[@id='timeline']/following-sibling::p[1]")[0].text_content()


def _briefing(days: list[date]) -> Briefing:
    return Briefing(articles=[Article(id=f"a{i}", path=f"a{i}.txt", title=f"Velmora story {i}", body="Velmora.",
                                      published=d.isoformat()) for i, d in enumerate(days)])


@pytest.mark.parametrize(("days", "unit"), [(1, "day"), (40, "day"), (300, "week"), (1500, "month"),
                                            (20_000, "year")])
def test_the_timeline_bins_by_the_span_it_covers(days: int, unit: str) -> None:
    """1,000 articles over any span: at most MOST_BINS bars a lane and MOST_TICKS labels, each bar counting its
    articles, none lost."""
    first = date(1970, 1, 1)
    spread = [first + timedelta(days=(i * 7919) % days) for i in range(1000)]
    b = _briefing(spread)
    t = timeline(b, {a.id: i for i, a in enumerate(b.articles, 1)}, lambda a: [], lambda a: f"#{a}")
    assert t is not None and t["unit"] == unit
    lane = t["lanes"][0]
    assert len(lane["bars"]) <= MOST_BINS and len(t["ticks"]) <= MOST_TICKS
    assert sum(bar["count"] for bar in lane["bars"]) == lane["total"] == 1000
    assert all(t["left"] <= bar["x"] and bar["x"] + bar["w"] <= t["right"] for bar in lane["bars"])
    assert max(bar["h"] for bar in lane["bars"]) == pytest.approx(56)  # the busiest bin fills its lane


def test_figures_across_sources_are_drawn_on_one_scale_with_their_sources(tmp_path: Path) -> None:
    _page_text, tree = _page(tmp_path, str(_news(tmp_path / "news")))
    charts = _svg(tree, "chart")
    assert len(charts) == 2  # the workers (a figure) and the price (a deal's amount)
    for chart in charts:
        bars = {r.findtext("title"): float(r.get("width")) for r in _all(chart, "rect", "bar")}
        labels = [t.xpath("string()") for t in _all(chart, "text", "sources")]
        values = [t.text for t in _all(chart, "text", "value")]
        if "3,000 workers" in bars:
            assert bars["4,500 workers"] / bars["3,000 workers"] == pytest.approx(1.5, rel=0.01)
            assert values == ["3,000 workers", "4,500 workers"]
            assert labels == ["[1] Ledger Wire, [3] Harbour Post", "[2] Money Desk"]
        else:
            assert bars["$2.4 billion"] / bars["$1.8 billion"] == pytest.approx(2.4 / 1.8, rel=0.01)
            assert labels == ["[1] Ledger Wire, [3] Harbour Post", "[2] Money Desk"]
        # each source's label leads to the words where it gives the value
        for link in _all(chart, "a"):
            target = tree.get_element_by_id(link.get("href")[1:])
            assert re.fullmatch(r"a\d-b\d+", target.get("id"))
            assert target.getnext().text in bars


def test_a_range_and_a_negative_value_stay_on_the_scale() -> None:
    chart = figure_chart([Told("-2%", -2.0, None, [(1, "Ledger Wire", "#a1")]),
                          Told("3-5%", 3.0, 5.0, [(2, "Money Desk", "#a2")])], lambda v: f"{v:g}%")
    assert chart is not None
    low, high = chart["rows"]
    assert low["x"] + low["w"] == pytest.approx(chart["zero"])  # drawn leftwards from zero
    assert high["x"] == pytest.approx(chart["zero"]) and high["range_w"] > 0
    assert high["range_x"] + high["range_w"] == pytest.approx(chart["right"])
    assert [t["label"] for t in chart["ticks"]] == ["-2%", "0%", "5%"]
    assert figure_chart([Told("1", 1.0, None, [])], str) is None  # one value: nothing to set beside


def test_hostile_titles_and_sources_in_the_pictures_stay_text(tmp_path: Path) -> None:
    hostile = {f"h{i}.md": (f"Velmora {text}", f"2024-05-0{i + 1}", text.replace("\n", " "),
                            f"Velmora Systems agreed to buy Quorvex Labs for ${i + 1}.5 billion. {text}")
               for i, text in enumerate(HOSTILE[:3])}
    page, tree = _page(tmp_path, str(_news(tmp_path / "news", {k: (t.replace('"', "'"), d, s.replace('"', "'"), b)
                                                                 for k, (t, d, s, b) in hostile.items()})))
    assert_safe(page)
    (svg,) = _svg(tree, "timeline")
    assert "<script>" in " ".join(r.findtext("title") for r in _all(svg, "rect", "articles"))
