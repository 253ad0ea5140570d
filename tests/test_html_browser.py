"""The HTML briefing as a reader sees it: exported by the real ``brief export --format html``, opened in headless
Chromium (Debian's ``chromium``, installed by ``.ci/run``) and read through the DevTools protocol.

What is asserted is what a person would notice: the highlights and their legend drawn in colour, the sections,
a name's link scrolling to its profile, the connections picture with its labelled lines, the timeline, hostile
article text shown as text with no script run, and no request made (the browser's own network log) and no
console error. Skipped, with the reason, where Chromium is not installed or cannot start.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_export_html import HOSTILE, _hostile_corpus
from test_export_pictures import ARTICLES, _news

from brief.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/, beside tests/ in a checkout

from bench.browser import CHROMIUM, BrowserError, Chromium, Page  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set BRIEF_CHROMIUM)")
    try:
        started = Chromium().__enter__()
    except (BrowserError, OSError) as err:
        pytest.skip(f"Chromium at {CHROMIUM} does not start here: {err}")
    try:
        yield started
    finally:
        started.__exit__(None, None, None)


def _open(browser: Chromium, tmp_path: Path, *args: str) -> Page:
    out = tmp_path / "briefing.html"
    assert main(["export", "--no-cache", "--format", "html", "-o", str(out), *args]) == 0
    return browser.open(out)


def _quiet(page: Page) -> None:
    """Nothing fetched but the file itself, no console error, no script run."""
    page.settle()
    assert page.requests == [page.url]
    assert [text for level, text in page.console if level in ("error", "warning")] == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0


def test_the_sample_briefing_in_a_browser(browser: Chromium, tmp_path: Path) -> None:
    page = _open(browser, tmp_path)
    # the sections, each with its heading shown
    shown = page.evaluate("[...document.querySelectorAll('h2')].filter(h => h.offsetHeight > 0).map(h => h.id)")
    for wanted in ("sources", "people", "companies", "whos-who", "who-said-what", "deals", "figures", "across",
                   "timeline", "connections", "articles", "profiles"):
        assert wanted in shown
    # the legend and the highlights in the articles, drawn in the legend's colours, labelled on hover
    legend = page.evaluate("""Object.fromEntries([...document.querySelectorAll('#legend mark')].map(
        m => [m.className, getComputedStyle(m).backgroundColor]))""")
    assert {"person", "organization", "figure"} <= set(legend)
    assert len({legend["person"], legend["organization"], legend["figure"]}) == 3
    assert "rgba(0, 0, 0, 0)" not in (legend["person"], legend["organization"], legend["figure"])
    marks = page.evaluate("""[...document.querySelectorAll('article mark')].map(
        m => [m.className.split(' ')[0], m.title, getComputedStyle(m).backgroundColor])""")
    assert {kind for kind, _t, _c in marks} >= {"person", "organization", "figure"}
    for kind, title, colour in marks:
        assert title and (kind == "place" or colour == legend[kind])
    # the picture: names as nodes with the ties between them labelled, drawn (a size on screen)
    edges = page.evaluate("""[...document.querySelectorAll('svg.graph text.edge')].map(
        t => [t.textContent, t.getBBox().width])""")
    assert edges and all(label and width > 0 for label, width in edges)
    assert page.evaluate("document.querySelectorAll('svg.graph circle').length") >= 3
    # the sample's two prices for one deal, side by side on one scale
    assert page.evaluate("document.querySelectorAll('svg.chart rect.bar').length") == 2
    _quiet(page)


def test_a_name_leads_to_its_profile(browser: Chromium, tmp_path: Path) -> None:
    page = _open(browser, tmp_path)
    href = page.evaluate("document.querySelector('#whos-who ~ table td a').getAttribute('href')")
    name = page.evaluate("document.querySelector('#whos-who ~ table td a').textContent")
    page.evaluate("document.querySelector('#whos-who ~ table td a').click()")
    page.settle()
    assert page.evaluate("location.hash") == href
    target = page.evaluate("""(() => { const t = document.querySelector(':target');
        return [t.id, t.className, t.querySelector('h3').textContent, t.getBoundingClientRect().top, scrollY]; })()""")
    assert f"#{target[0]}" == href and target[1] == "profile" and name in target[2]
    assert abs(target[3]) < 5 and target[4] > 1000  # scrolled down to it: its top at the window's
    _quiet(page)


def test_the_timeline_in_a_browser(browser: Chromium, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, str(_news(tmp_path / "news")))
    lanes = page.evaluate("[...document.querySelectorAll('svg.timeline text.lane')].map(t => t.textContent)")
    assert lanes == ["Articles", "Deals", "Figures"]
    bars = page.evaluate("""[...document.querySelectorAll('svg.timeline rect.articles')].map(r => {
        const b = r.getBoundingClientRect();
        return [b.left, b.width, b.height, r.querySelector('title').textContent]; })""")
    assert len(bars) == sum(1 for _t, day, _s, _b in ARTICLES.values() if day)
    assert all(width > 0 and height > 0 for _x, width, height, _t in bars)
    assert [x for x, *_ in bars] == sorted(x for x, *_ in bars)
    assert "Velmora Systems to buy Quorvex Labs" in bars[0][3]
    page.evaluate("document.querySelector('svg.timeline rect.articles').parentNode.dispatchEvent("
                  "new MouseEvent('click', {bubbles: true}))")
    page.settle()
    assert page.evaluate("location.hash") == "#a1"
    _quiet(page)


def test_hostile_article_text_is_shown_as_text_and_nothing_runs(browser: Chromium, tmp_path: Path) -> None:
    page = _open(browser, tmp_path, str(_hostile_corpus(tmp_path / "corpus")))
    # what is drawn on screen (innerText), each article scrolled to: the page lays out an article near the window
    text = page.evaluate("""(async () => { const seen = [document.body.innerText];
        for (const a of document.querySelectorAll('article')) {
            a.scrollIntoView(); await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            seen.push(a.innerText); }
        return seen.join('\\n'); })()""")
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in " ".join(text.split())
    for tag in ("script", "img", "iframe", "meta[http-equiv=refresh]", "a[href^=javascript]", "svg[onload]"):
        assert page.evaluate(f"document.querySelectorAll({tag!r}).length") == 0, tag
    assert page.evaluate("getComputedStyle(document.body).display") == "block"  # no injected style applies
    _quiet(page)


def test_the_view_exported_as_html_in_a_browser(browser: Chromium, tmp_path: Path) -> None:
    """``brief export -q QUERY --format html``: the page holds the matching articles only."""
    page = _open(browser, tmp_path, "-q", "org:Brindle", str(_news(tmp_path / "news")))
    titles = page.evaluate("[...document.querySelectorAll('article h3')].map(h => h.textContent)")
    assert titles == ["[1] Brindle Bank has a slow spring"]
    assert "Velmora" not in page.evaluate("document.body.innerText")
    _quiet(page)
