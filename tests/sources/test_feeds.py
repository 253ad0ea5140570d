"""Feeds: every entry becomes an article; full content when there is some, else a marked summary."""

from __future__ import annotations

import json
from pathlib import Path

from brief.pipeline.sources import SourceDoc, is_web_input, load

FEEDS = Path(__file__).resolve().parent / "feeds"


def _load(path: Path, tmp_path: Path) -> list[SourceDoc]:
    docs, skipped = load(str(path), fetch_dir=tmp_path / "fetched")
    assert skipped == []
    return docs


def test_rss2_content_summary_and_title_only_entries(tmp_path: Path) -> None:
    path = FEEDS / "harbour-wire.rss"
    full, summary, bare = _load(path, tmp_path)
    assert full.origin == f"{path}#hw-1001"
    assert (full.title, full.author, full.source) == ("Halden port approves second terminal", "Ingrid Solberg",
                                                      "Harbour Wire")
    assert full.published == "2024-03-12T08:30:00+01:00"  # as the feed wrote it, zone kept
    assert full.url == "https://harbourwire.example/2024/03/halden-terminal"
    assert not full.summary_only
    assert full.text == (
        "The Port of Halden will spend $420 million on a second container terminal, its board said on Tuesday."
        "\n\n## Financing\n\nA consortium of three lenders led by Nordbank will finance the project."
        "\n\n- Capacity rises to 2 million TEU.\n\n- Opening is planned for 2027.")
    # escaped HTML in a description becomes text, entities decoded; 'email (Name)' gives the name
    assert summary.summary_only
    assert summary.text == ("Nordic Rail Cargo has ordered 20 electric locomotives worth €90 million."
                            "\n\nDeliveries start in 2026.")
    assert summary.author == "Ola Berg"
    assert summary.origin == f"{path}#https://harbourwire.example/2024/03/locomotives"
    # an entry with a title only is still an article; a javascript: link is not kept
    assert (bare.title, bare.text, bare.url, bare.summary_only) == ("Tug crews vote to strike", "", None, True)
    assert bare.origin == f"{path}#3"


def test_atom_html_text_and_xhtml_content(tmp_path: Path) -> None:
    html, summary, xhtml = _load(FEEDS / "ledger.atom", tmp_path)
    assert html.title == "Oslo container volumes hit record high"  # type="html" title is text
    assert html.text == ("Container volumes through Oslo rose 9 percent in February.\n\n## Why it matters"
                         "\n\nOslo is the country's largest port.")
    # the day and time in the zone the feed wrote them in (the same instant as feedparser's UTC)
    assert (html.author, html.published, html.summary_only) == ("Kari Nilsen", "2024-03-10T07:15:00+01:00", False)
    assert summary.summary_only and summary.text == "Spot rates for containers from Asia fell again in March."
    assert summary.author == "Ledger Business Desk"  # Atom entries inherit the feed's author
    assert summary.published == "2024-03-09T12:00:00+00:00"  # updated, when nothing says published
    assert xhtml.text == ("Color Line will add a night sailing between Oslo and Kiel from June."
                          "\n\nThe ship leaves at 23:30.")
    assert {d.source for d in (html, summary, xhtml)} == {"The Northern Ledger: Business"}


def test_rdf_rss1(tmp_path: Path) -> None:
    first, second = _load(FEEDS / "courier.rdf", tmp_path)
    assert (first.title, first.author, first.source) == ("Riverside council approves budget", "Tom Barker",
                                                         "Valley Courier")
    assert first.published == "2022-11-30T07:00:00+00:00"
    assert first.summary_only and first.text == "Parking charges rise by 20 pence an hour."
    assert second.url == "https://valleycourier.example/n/8813"


def test_json_feed(tmp_path: Path) -> None:
    path = FEEDS / "arkwright.json"
    assert is_web_input(str(path))
    html, text, summary = _load(path, tmp_path)
    assert html.title == "First results of solid-state battery trial"  # terminal escapes removed
    assert html.text == ("Across 40 vans, the cells kept 96% of their capacity.\n\n## Next steps"
                         "\n\nPilot production starts in 2026.")
    assert (html.author, html.published, html.origin) == ("Elena Voss", "2025-01-21T09:00:00+00:00",
                                                          f"{path}#2025-01-21-trial")
    assert text.text == "The Sunderland site opened on Monday.\n\nIt employs 80 people."
    assert text.url == "https://arkwright.example/press/2024-12"  # relative to the feed URL
    assert text.author == "Arkwright Press Office" and not text.summary_only
    assert summary.summary_only and summary.text == "Arkwright Labs raised £120 million."
    assert summary.published is None  # "not a date" is not passed on
    assert {d.source for d in (html, text, summary)} == {"Arkwright Labs News"}


def test_sniffed_feed_without_a_feed_suffix(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes((FEEDS / "ledger.atom").read_bytes())
    assert is_web_input(str(path))
    assert len(_load(path, tmp_path)) == 3


def test_script_in_entry_is_dropped_and_markup_never_passes(tmp_path: Path) -> None:
    path = tmp_path / "evil.rss"
    path.write_text("""<rss version="2.0"><channel><title>T</title><item><title>X</title>
<description><![CDATA[<p>Safe words.</p><script>steal()</script><style>p{}</style><iframe src="x"></iframe>
<p onclick="x()">More [link=https://evil.example]words[/link].</p>]]></description></item></channel></rss>""")
    (doc,) = _load(path, tmp_path)
    assert doc.text == "Safe words.\n\nMore [link=https://evil.example]words[/link]."
    assert "steal" not in doc.text and "<" not in doc.text


def test_malformed_and_empty_feeds_give_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss version='2.0'><channel><title>T</title><item><title>A & B</title></item>")
    empty = tmp_path / "empty.rss"
    empty.write_text("<rss version='2.0'><channel><title>Nothing yet</title></channel></rss>")
    notfeed = tmp_path / "notes.json"
    notfeed.write_text(json.dumps({"hello": "world"}))
    badjson = tmp_path / "bad.json"
    badjson.write_text('{"version": "https://jsonfeed.org/version/1.1", "items": [')
    docs, skipped = load(str(broken), fetch_dir=tmp_path)
    assert len(docs) == 1 and docs[0].title == "A & B"  # a recoverable feed still gives its entries
    for path, reason in ((empty, "the feed has no entries"),
                         (notfeed, "not a JSON Feed: no jsonfeed.org version or items list")):
        assert load(str(path), fetch_dir=tmp_path) == ([], [(str(path), reason)])
    docs, skipped = load(str(badjson), fetch_dir=tmp_path)
    assert docs == [] and len(skipped) == 1 and skipped[0][1].startswith("malformed JSON Feed: ")
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"<<<\x00\x01 not xml at all")
    docs, skipped = load(str(garbage), fetch_dir=tmp_path)
    assert docs == [] and len(skipped) == 1 and "\n" not in skipped[0][1]


def test_duplicate_entry_ids_get_distinct_origins(tmp_path: Path) -> None:
    path = tmp_path / "dupes.rss"
    item = "<item><guid>same</guid><title>T</title><description>D</description></item>"
    path.write_text(f"<rss version='2.0'><channel><title>F</title>{item * 3}</channel></rss>")
    origins = [d.origin for d in _load(path, tmp_path)]
    assert origins == [f"{path}#same", f"{path}#same~2", f"{path}#same~3"]


def test_rss_091(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text("""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Wire</title><link>http://old.example/</link><description>d</description>
<language>en-us</language>
<item><title>First &amp; only</title><link>http://old.example/1</link>
<description>An item from 2001 with an &lt;i&gt;italic&lt;/i&gt; word.</description></item>
</channel></rss>""", encoding="latin-1")
    assert is_web_input(str(path))
    (doc,) = _load(path, tmp_path)
    assert (doc.title, doc.source, doc.url) == ("First & only", "Old Wire", "http://old.example/1")
    assert doc.text == "An item from 2001 with an italic word." and doc.summary_only
