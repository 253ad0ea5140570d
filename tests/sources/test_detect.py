"""Which targets the web loaders take, and the import contract that keeps plain-text runs light."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from brief.pipeline.sources import is_web_input, load

FEEDS = Path(__file__).resolve().parent / "feeds"
REPO = Path(__file__).resolve().parents[2]


def test_urls_and_suffixes(tmp_path: Path) -> None:
    assert is_web_input("https://example.com/story")
    assert is_web_input("HTTP://example.com")
    assert not is_web_input("ftp://example.com/feed.xml")
    for name in ("a.html", "a.htm", "a.HTML.gz", "a.rss", "a.atom", "a.opml", "a.urls"):
        (tmp_path / name).write_text("anything")
        assert is_web_input(str(tmp_path / name)), name  # by name, whatever the content
    for name in ("a.txt", "a.md"):
        (tmp_path / name).write_text("<rss>")
    for name in ("a.txt", "a.md", "missing.xml", "missing.json", "missing.html"):
        assert not is_web_input(str(tmp_path / name)), name


def test_xml_json_and_unknown_suffixes_are_sniffed(tmp_path: Path) -> None:
    cases = {
        "feed.xml": (FEEDS / "courier.rdf").read_bytes(),
        "feed.json": (FEEDS / "arkwright.json").read_bytes(),
        "saved-feed": (FEEDS / "ledger.atom").read_bytes(),
        "page.php": b"<!DOCTYPE html><html><body><p>x</p></body></html>",
        "broken.xml": b"not even xml",
        "feed.xml.gz": gzip.compress((FEEDS / "harbour-wire.rss").read_bytes()),
    }
    other = {
        "pom.xml": b"<?xml version='1.0'?><project><modelVersion>4.0.0</modelVersion></project>",
        "package.json": b'{"name": "x", "version": "1.0.0"}',
        "notes.txt": b"<html><body>a text file that looks like html</body></html>",
        "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 100,
    }
    for name, data in {**cases, **other}.items():
        (tmp_path / name).write_bytes(data)
    assert [n for n in cases if is_web_input(str(tmp_path / n))] == list(cases)
    assert [n for n in other if is_web_input(str(tmp_path / n))] == []


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "gone.html"
    assert load(str(missing), fetch_dir=tmp_path) == ([], [(str(missing), "no such file or directory")])
    folder = tmp_path / "d.html"
    folder.mkdir()
    assert load(str(folder), fetch_dir=tmp_path) == ([], [(str(folder), "a folder, not a page, feed or list")])


def test_importing_and_sniffing_loads_no_heavy_library(tmp_path: Path) -> None:
    """`brief export` on text files must not pay for textual, trafilatura, feedparser or httpx."""
    (tmp_path / "a.xml").write_bytes((FEEDS / "courier.rdf").read_bytes())
    code = (
        "import sys\n"
        "from brief.pipeline.sources import is_web_input, SourceDoc\n"
        f"assert is_web_input({str(tmp_path / 'a.xml')!r})\n"
        "heavy = [m for m in ('textual', 'trafilatura', 'feedparser', 'httpx', 'lxml') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""


def test_feed_loading_does_not_import_textual_or_trafilatura() -> None:
    code = (
        "import sys, pathlib, tempfile\n"
        "from brief.pipeline.sources import load\n"
        f"docs, _ = load({str(FEEDS / 'ledger.atom')!r}, fetch_dir=pathlib.Path(tempfile.mkdtemp()))\n"
        "assert len(docs) == 3\n"
        "print(','.join(m for m in ('textual', 'trafilatura', 'httpx') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""
