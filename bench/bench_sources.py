"""Benchmark the web-input loaders: a 1,000-entry feed and 1,000 HTML pages.

Prints seconds and documents per second for brief's ``load`` next to the libraries alone
(trafilatura for pages, feedparser for the feed) as the yardstick, and the body quality of
brief and of trafilatura's defaults against the known article text of the generated pages
(word-level precision, recall and F1; the pages carry navigation, cookie banners, ads,
newsletter boxes, related links, reader comments and footers around the article).

    python bench/bench_sources.py                 # 1,000 pages, 1,000 entries
    python bench/bench_sources.py --pages 200 --entries 200
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from brief.pipeline.sources import load  # noqa: E402

WORDS = ("port council budget terminal freight company analysts shareholders minister contract workers union "
         "energy prices market growth quarter revenue profit investment plan government agency report data "
         "research project city region residents network service traffic production factory plant supply "
         "demand costs rates bank lenders capacity expansion shipping rail vans battery cells trial results "
         "customers orders deliveries schedule decision vote meeting committee board officials spokesperson").split()
NAMES = ("Ingrid Solberg", "Harald Myhre", "Anne Whitfield", "Tom Barker", "Elena Voss", "Martin Gruber",
         "Kari Nilsen", "Priya Lowe", "Ola Berg", "Jonas Lind")
ORGS = ("Nordbank", "Fjord Maritime Research", "Greenway Logistics", "Arkwright Labs", "Valley Motors",
        "Riverside District Council", "Nordic Rail Cargo", "Halden Port Authority")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
    if rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(ORGS))
    if rng.random() < 0.3:
        words.append(f"by {rng.randint(2, 40)} percent")
    if rng.random() < 0.3:
        words = [f"{rng.choice(NAMES)} said"] + words
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """A title and the article's blocks: ("p", text), ("h2", text) or ("li", text)."""
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9))).capitalize()
    blocks: list[tuple[str, str]] = []
    for i in range(rng.randint(6, 14)):
        if i and i % 4 == 0:
            blocks.append(("h2", " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()))
        blocks.append(("p", " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))))
        if rng.random() < 0.08:
            blocks.extend(("li", sentence(rng)) for _ in range(3))
    return title, blocks


def _body_html(blocks: list[tuple[str, str]], rng: random.Random, ads: bool) -> str:
    out, in_list = [], False
    for n, (kind, text) in enumerate(blocks):
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{kind}>{html.escape(text)}</{kind}>")
        if ads and n == 2:
            out.append('<div class="ad ad-inline"><span>Advertisement</span><div class="slot"></div></div>')
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _chrome(rng: random.Random) -> tuple[str, str, str]:
    nav = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in rng.sample(WORDS, 7))
    related = "".join(f'<li><a href="/r{i}">{sentence(rng)}</a></li>' for i in range(4))
    comments = "".join(f'<div class="comment"><p class="comment-author">{rng.choice(NAMES)}</p>'
                       f"<p>{sentence(rng)} {sentence(rng)}</p></div>" for _ in range(rng.randint(2, 6)))
    return nav, related, comments


def page(rng: random.Random, n: int) -> tuple[str, str]:
    """An HTML page in one of four site styles, and the article's text as brief should give it."""
    title, blocks = article(rng)
    author = rng.choice(NAMES)
    site = rng.choice(("The Northern Ledger", "Valley Courier", "Harbour Wire", "Muddy Boots"))
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    nav, related, comments = _chrome(rng)
    style = n % 4
    head = (f'<head><meta charset="utf-8"><title>{html.escape(title)} | {site}</title>'
            f'<meta property="og:site_name" content="{site}"><meta name="author" content="{author}">'
            f'<meta property="article:published_time" content="{day}T08:00:00+00:00">'
            '<script>var dataLayer=[];</script><style>.ad{height:250px}</style></head>')
    if style == 0:  # a news site with semantic markup
        body = (f'<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>'
                f'<header><a href="/">{site}</a><nav><ul>{nav}</ul></nav><a href="/subscribe">Subscribe</a></header>'
                f'<main><article><h1>{html.escape(title)}</h1><div class="byline">By {author}</div>'
                f'<div class="story-body">{_body_html(blocks, rng, ads=True)}</div>'
                '<div class="newsletter"><h3>Get our newsletter</h3><p>Sign up for the morning briefing and get '
                'the news in your inbox every day.</p></div></article>'
                f'<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>'
                f'<section id="comments"><h3>Comments</h3>{comments}</section></main>'
                f'<footer><p>© 2024 {site}. All rights reserved.</p><ul><li><a href="/privacy">Privacy policy'
                '</a></li><li><a href="/terms">Terms</a></li></ul></footer>')
    elif style == 1:  # a blog
        body = (f'<div id="page"><header id="masthead"><p class="site-title">{site}</p>'
                f'<nav class="main-navigation"><ul>{nav}</ul></nav></header><div id="primary"><main>'
                f'<article class="post"><header class="entry-header"><h1 class="entry-title">{html.escape(title)}'
                f'</h1><span class="byline">by {author}</span></header><div class="entry-content">'
                f'{_body_html(blocks, rng, ads=False)}<div class="sharedaddy"><h3>Share this:</h3><ul>'
                '<li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div></div></article>'
                f'<div id="comments" class="comments-area"><h2>Comments</h2><ol class="comment-list">{comments}'
                '</ol></div></main></div><aside class="widget-area"><h2 class="widget-title">Recent Posts</h2>'
                f'<ul>{related}</ul></aside><footer class="site-footer">Proudly powered by WordPress</footer></div>')
    elif style == 2:  # div soup
        paras = "".join(f'<div class="para">{html.escape(t)}</div>' if k != "h2" else f"<h2>{html.escape(t)}</h2>"
                        for k, t in blocks)
        body = (f'<div id="top"><a href="/login">Log in</a> | <a href="/register">Register</a></div>'
                f'<div id="menu">{nav}</div><div id="left"><b>Most read</b><ul>{related}</ul></div>'
                f'<div id="main-col"><div class="headline">{html.escape(title)}</div><div class="story">{paras}</div>'
                f'<div class="readers-comments"><b>Readers\' comments</b>{comments}</div></div>'
                f'<div id="bottom">Copyright © 2024 {site} Ltd.</div>')
    else:  # a layout table with <br><br> paragraphs
        paras = "<br><br>\n".join(html.escape(t) if k != "h2" else f"<h2>{html.escape(t)}</h2>" for k, t in blocks)
        body = (f'<table width="100%"><tr><td class="nav">{nav}</td></tr></table><table><tr>'
                f'<td class="sidebar"><b>Anzeige</b><br><a href="http://ads.example/1">Book now!</a></td>'
                f'<td class="content"><h1>{html.escape(title)}</h1>{paras}</td></tr></table>'
                f'<div class="footer">Impressum | Datenschutz | © {site}</div>')
    gold = "\n\n".join(("## " if k == "h2" else "- " if k == "li" else "") + t for k, t in blocks)
    return f"<!DOCTYPE html><html lang='en'>{head}<body>{body}</body></html>", gold


def feed(rng: random.Random, entries: int) -> str:
    items = []
    for i in range(entries):
        title, blocks = article(rng)
        content = _body_html(blocks, rng, ads=False)
        items.append(f"<item><title>{html.escape(title)}</title><link>https://wire.example/{i}</link>"
                     f"<guid>wire-{i}</guid><dc:creator>{rng.choice(NAMES)}</dc:creator>"
                     f"<pubDate>Tue, 12 Mar 2024 08:{i % 60:02d}:00 GMT</pubDate>"
                     f"<description>{html.escape(sentence(rng))}</description>"
                     f"<content:encoded><![CDATA[{content}]]></content:encoded></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>Wire</title><link>https://wire.example/</link>{''.join(items)}</channel></rss>")


def scores(out: str, gold: str) -> tuple[float, float, float]:
    o = Counter(re.findall(r"\w+", out.casefold()))
    g = Counter(re.findall(r"\w+", gold.casefold()))
    common = sum((o & g).values())
    p, r = common / max(1, sum(o.values())), common / max(1, sum(g.values()))
    return p, r, 2 * p * r / max(p + r, 1e-9)


def timed(label: str, n: int, unit: str, fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:7.2f} s  {n / seconds:8.1f} {unit}/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(6)
    import feedparser
    import trafilatura

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fetch_dir = root / "fetched"
        feed_path = root / "wire.rss"
        feed_path.write_text(feed(rng, args.entries), encoding="utf-8")
        golds = []
        for n in range(args.pages):
            markup, gold = page(rng, n)
            (root / f"page{n:04d}.html").write_text(markup, encoding="utf-8")
            golds.append(gold)
        paths = sorted(root.glob("page*.html"))
        raw = [p.read_bytes() for p in paths]

        print(f"feed: {args.entries} entries, {feed_path.stat().st_size / 1e6:.1f} MB")
        timed("feedparser.parse alone (yardstick)", args.entries, "entries",
              lambda: feedparser.parse(feed_path.read_bytes()))
        result: dict[str, object] = {}
        timed("brief load (feedparser + text)", args.entries, "entries",
              lambda: result.update(feed=load(str(feed_path), fetch_dir=fetch_dir)))
        docs, skipped = result["feed"]  # type: ignore[misc]
        assert len(docs) == args.entries and not skipped, skipped

        print(f"html: {args.pages} pages, {sum(map(len, raw)) / 1e6:.1f} MB")
        baseline: list[str] = []
        timed("trafilatura.extract, defaults (yardstick)", args.pages, "pages",
              lambda: baseline.extend(trafilatura.extract(d) or "" for d in raw))
        timed("trafilatura.bare_extraction as brief calls it", args.pages, "pages",
              lambda: [trafilatura.bare_extraction(d, with_metadata=True, include_comments=False) for d in raw])
        ours: list[str] = []

        def run() -> None:
            for p in paths:
                found, bad = load(str(p), fetch_dir=fetch_dir)
                ours.append(found[0].text if found else "")

        timed("brief load (trafilatura + metadata + text)", args.pages, "pages", run)

        print("html body quality against the generated article text (mean word precision / recall / F1):")
        for label, outs in (("trafilatura defaults", baseline), ("brief", ours)):
            rows = [scores(o, g) for o, g in zip(outs, golds, strict=True)]
            p, r, f = (sum(x[i] for x in rows) / len(rows) for i in range(3))
            worst = min(x[2] for x in rows)
            print(f"  {label:<22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (worst page F1 {worst:.3f})")


if __name__ == "__main__":
    main()
