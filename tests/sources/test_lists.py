"""OPML subscription lists and .urls files: every link in them is fetched and read."""

from __future__ import annotations

from pathlib import Path

from brief.pipeline.sources import is_web_input, load


def _opml(site, tmp_path: Path) -> Path:
    path = tmp_path / "subscriptions.opml"
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Shipping">
      <outline type="rss" text="Harbour Wire" xmlUrl="{site.url('/feed.xml')}" htmlUrl="https://harbourwire.example/"/>
      <outline type="rss" text="Ledger" xmlURL="{site.url('/atom')}"/>
    </outline>
    <outline type="rss" text="Arkwright" xmlUrl="{site.url('/feed.json')}"/>
    <outline type="rss" text="Gone" xmlUrl="{site.url('/gone.xml')}"/>
    <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
    <outline type="rss" text="Again" xmlUrl="{site.url('/feed.xml')}"/>
  </body>
</opml>""")
    return path


def test_opml_reads_every_feed(site, tmp_path: Path) -> None:
    path = _opml(site, tmp_path)
    assert is_web_input(str(path))
    docs, skipped = load(str(path), fetch_dir=tmp_path / "fetched")
    sources = [d.source for d in docs]
    assert sources == ["Harbour Wire"] * 3 + ["The Northern Ledger: Business"] * 3 + ["Arkwright Labs News"] * 3
    assert docs[0].origin == site.url("/feed.xml") + "#hw-1001"
    assert skipped == [
        (f"{path}: Local", "not an http(s) URL: file:///etc/passwd"),
        (site.url("/gone.xml"), "HTTP 404 Not Found"),
    ]
    assert site.hits["/feed.xml"] == 1  # listed twice, fetched once
    # offline afterwards
    site.routes.clear()
    assert load(str(path), fetch_dir=tmp_path / "fetched")[0] == docs


def test_urls_file_mixes_pages_and_feeds(site, tmp_path: Path) -> None:
    path = tmp_path / "reading.urls"
    path.write_text(f"""# links for Monday
{site.url('/page.html')}

   {site.url('/feed.json')}   # the lab's news
not a link
# {site.url('/missing')}
{site.url('/image.png')}
""")
    assert is_web_input(str(path))
    docs, skipped = load(str(path), fetch_dir=tmp_path / "fetched")
    assert [d.origin for d in docs][:2] == [site.url("/page.html"), site.url("/feed.json") + "#2025-01-21-trial"]
    assert len(docs) == 4
    assert skipped == [
        (f"{path}:5", "not an http(s) URL: not a link"),
        (site.url("/image.png"), "wrong content type: image/png (not a web page or feed)"),
    ]
    assert site.hits["/missing"] == 0  # commented out


def test_opml_over_http_is_followed(site, tmp_path: Path) -> None:
    opml = _opml(site, tmp_path).read_text()
    site.add("/subs.opml", opml, "text/x-opml")
    docs, skipped = load(site.url("/subs.opml"), fetch_dir=tmp_path / "fetched")
    assert len(docs) == 9 and len(skipped) == 2


def test_broken_lists_give_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "none.urls"
    empty.write_text("# nothing yet\n\n")
    notopml = tmp_path / "x.opml"
    notopml.write_text("<html><body>hello</body></html>")
    noout = tmp_path / "y.opml"
    noout.write_text("<opml version='2.0'><body><outline text='folder'/></body></opml>")
    assert load(str(empty), fetch_dir=tmp_path) == ([], [(str(empty), "the file lists no URLs")])
    docs, skipped = load(str(notopml), fetch_dir=tmp_path)
    assert docs == [] and len(skipped) == 1  # sniffed as a page: too short to be an article
    assert load(str(noout), fetch_dir=tmp_path) == (
        [], [(str(noout), "the OPML list names no feeds (no outline with an xmlUrl)")])


def test_opml_entities_are_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "evil.opml"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<opml version="2.0"><body><outline type="rss" text="&secret;" xmlUrl="ftp://x/&secret;"/></body></opml>""")
    docs, skipped = load(str(path), fetch_dir=tmp_path / "f")
    assert docs == []
    assert all("etc" not in reason.replace("file:///etc/hostname", "") for _, reason in skipped)
