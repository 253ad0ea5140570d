"""The HTML briefing (``brief export --format html``), read as a browser would parse it.

The page is parsed twice: by lxml (the tree: sections, links, highlights) and by the standard
library's tokenizer, which reads ``<script>`` and ``<style>`` content as a browser's does, so text
that escapes a block would show up as an element here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest

from brief.cli import main
from brief.models import Article, Briefing, Entity, Mention
from brief.pipeline.export_html import CSP, render_html, safe_url

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "</style><script>window.__pwned = 2</script><style>",
    "}</style><style>body { display: none } * { background: url(http://tracker.invalid/x.png) }",
    "<a href=\"javascript:window.__pwned=3\">click</a>",
    "javascript:window.__pwned=4",
    "<svg onload=\"window.__pwned=5\"></svg><iframe src=\"https://tracker.invalid/\"></iframe>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://tracker.invalid/\">",
]


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _export(tmp_path: Path, *paths: Path) -> str:
    out = tmp_path / "briefing.html"
    assert main(["export", "--format", "html", "-o", str(out), *map(str, paths)]) == 0
    return out.read_text(encoding="utf-8")


def assert_safe(page: str) -> None:
    """No script, no event handler, no link but to the page itself or to http(s), nothing fetched, the CSP set."""
    tags = Tags()
    tags.feed(page)
    names = [t for t, _ in tags.tags]
    for banned in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "img", "audio", "video"):
        assert banned not in names, banned
    assert names.count("style") == 1 and names.count("meta") == 5  # the page's own, none from an article
    assert "tracker.invalid" not in "".join(tags.styles) and "</" not in "".join(tags.styles)
    for tag, attrs in tags.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "xlink:href", "action", "formaction"):
                assert value is not None and re.match(r"#[\w-]+$|https?://", value), (tag, name, value)
            if tag == "a" and name == "href" and value and not value.startswith("#"):
                assert ("rel", "noopener noreferrer") in attrs
    tree = lxml.html.fromstring(page)
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    # the page's own style sheet, and only it, applies: the browser hashes the <style> text as written
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert csp == [CSP.format(digest)] and CSP.startswith("default-src 'none'; ") and "unsafe" not in CSP
    assert "script-src" not in CSP and "font-src" not in CSP
    assert not tree.xpath("//script | //*[@style] | //meta[@http-equiv='refresh']")


def _ids_and_links(tree: lxml.html.HtmlElement) -> tuple[set[str], set[str]]:
    return set(tree.xpath("//@id")), {h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")}


def test_the_sample_briefing_as_a_reader_sees_it(tmp_path: Path, seeds: Path) -> None:
    page = _export(tmp_path)
    assert len(page.encode()) < 300_000
    assert_safe(page)
    tree = lxml.html.fromstring(page)
    sections = tree.xpath("//h2/@id")
    for wanted in ("sources", "people", "companies", "whos-who", "who-said-what", "deals", "figures", "across",
                   "articles", "profiles"):
        assert wanted in sections
    legend = tree.get_element_by_id("legend")
    assert {m.get("class") for m in legend.iter("mark")} >= {"person", "organization", "figure"}
    # highlights in the articles carry their label on hover (title), and the print sheet writes it out
    marks = tree.xpath("//article//mark")
    assert {m.get("title") for m in marks} >= {"person", "company", "figure"}
    assert 'content: " company"' in page and "@media print" in page
    # every link inside the page lands somewhere, and a row of the briefing lands on its evidence
    ids, links = _ids_and_links(tree)
    assert links <= ids
    evidence = tree.xpath("//h2[@id='whos-who']/following-sibling::table[1]//a[@class='ref']/@href")
    assert evidence and all(re.fullmatch(r"#a\d+-b\d+", h) for h in evidence)
    # a person's name leads to their profile, with its roles and the articles naming them
    name = tree.xpath("//h2[@id='whos-who']/following-sibling::table[1]//td[1]/a")[0]
    profile = tree.get_element_by_id(name.get("href")[1:])
    assert profile.tag == "section" and name.text_content() in profile.findtext("h3")
    assert {"Roles", "Articles"} <= {h.text for h in profile.iter("h4")}
    # the picture: names as nodes, the ties between them labelled
    svg = tree.xpath("//*[local-name()='svg'][@class='graph']")
    assert svg and svg[0].xpath(".//*[local-name()='text'][@class='edge']")


def _hostile_corpus(folder: Path) -> Path:
    folder.mkdir()
    body = ("Jane Roe, the chief executive of Velmora Industries, said the company would buy Quorvex for "
            "$2.5 billion. \"We are ready,\" Jane Roe said.\n\n" + "\n\n".join(HOSTILE))
    (folder / "hostile.txt").write_text("Velmora " + HOSTILE[1] + " buys Quorvex\n\n" + body, encoding="utf-8")
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link><description>{_xml(text)}</description></item>"
                    for i, (link, text) in enumerate([("javascript:window.__pwned=6", HOSTILE[0]),
                                                      ("data:text/html,<script>1</script>", HOSTILE[3])]))
    (folder / "feed.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
                                     f"{items}</channel></rss>", encoding="utf-8")
    return folder


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_hostile_article_text_renders_as_text(tmp_path: Path) -> None:
    page = _export(tmp_path, _hostile_corpus(tmp_path / "corpus"))
    assert_safe(page)
    shown = lxml.html.fromstring(page).text_content()
    for text in HOSTILE:
        assert text in shown  # the reader sees what the article says, character for character
    assert "Jane Roe" in shown and "Velmora" in shown


def test_only_http_links_are_written() -> None:
    assert safe_url("https://example.com/a?b=c") == "https://example.com/a?b=c"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x",
                "//evil.invalid/x", "/etc/passwd", 'https://x.invalid/"onmouseover="alert(1)', "https://",
                "vbscript:x", "https://a.invalid/\x00"):
        assert safe_url(bad) is None, bad
    text = "Jane Roe runs Velmora."
    article = Article(id="a", path="a.txt", title="T", body=text, url="javascript:window.__pwned=1",
                      mentions=[Mention("person-jane-roe", "Jane Roe", 0, 8)])
    briefing = Briefing(articles=[article], entities=[Entity(id="person-jane-roe", type="person", name="Jane Roe",
                                                             articles=["a"], mention_count=1)])
    page = render_html(briefing)
    assert_safe(page)
    assert "javascript:" not in page.replace(text, "")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_format_is_offered_on_the_command_line(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out.lstrip().startswith("<!DOCTYPE html>") == (fmt == "html")


def test_rows_profiles_and_picture_of_invented_articles(tmp_path: Path) -> None:
    """A role, a quote and a deal, each from its row to the words in the article, the profile and the picture."""
    tree = lxml.html.fromstring(_export(tmp_path, _hostile_corpus(tmp_path / "corpus")))
    ids, links = _ids_and_links(tree)
    assert links <= ids
    said = tree.xpath("//h2[@id='who-said-what']/following-sibling::ul[1]/li")[0]
    anchor = tree.get_element_by_id(said.xpath("a[@class='ref']/@href")[0][1:])
    assert anchor.getnext().tag == "q" and anchor.getnext().text == "We are ready"  # the quote, at its place
    deal = tree.xpath("//h2[@id='deals']/following-sibling::table[1]//tr[td]")[0]
    assert [td.text_content() for td in deal.xpath("td")][:4] == ["Velmora Industries", "acquisition", "Quorvex",
                                                                   "$2.5 billion"]
    buyer = tree.get_element_by_id(deal.xpath("td[1]/a/@href")[0][1:])
    sections = {h.text: h.getnext().text_content() for h in buyer.iter("h4")}
    assert "Quorvex" in sections["Deals"] and "Jane Roe" in sections["Named with"]
    jane = tree.get_element_by_id(tree.xpath("//a[.='Jane Roe']/@href")[0][1:])
    assert "We are ready" in {h.text: h.getnext().text_content() for h in jane.iter("h4")}["Quotes"]
    edges = {t.text for t in tree.xpath("//*[local-name()='text'][@class='edge']")}
    assert edges == {"CEO of", "acquired, $2.5 billion"}
    nodes = {t.text for t in tree.xpath("//*[local-name()='svg']//*[local-name()='a']/*[local-name()='text']")}
    assert nodes == {"Jane Roe", "Velmora Industries", "Quorvex"}
