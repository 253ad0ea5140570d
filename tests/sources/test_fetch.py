"""Links: fetched once into the cache folder with their fetch time, read offline afterwards.

Everything here talks to the test server on 127.0.0.1 only (see conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from brief.pipeline.sources import fetch as fetch_module
from brief.pipeline.sources import is_web_input, load


def test_page_is_fetched_cached_and_read_offline(site, tmp_path: Path) -> None:
    url = site.url("/page.html")
    assert is_web_input(url)
    docs, skipped = load(url, fetch_dir=tmp_path)
    assert skipped == []
    (doc,) = docs
    assert doc.origin == url
    assert doc.title == "Port of Halden expands container terminal as trade rebounds"
    assert doc.url == "https://www.northernledger.example/business/2024/03/12/halden-port-expansion"  # canonical
    assert "## Financing from three lenders" in doc.text
    meta_files = list(tmp_path.glob("*.json"))
    assert len(meta_files) == 1
    meta = json.loads(meta_files[0].read_text())
    assert meta["url"] == url and meta["fetched_at"] and meta["content_type"].startswith("text/html")
    assert site.hits["/page.html"] == 1
    # again: from the cache, no request
    assert load(url, fetch_dir=tmp_path) == (docs, [])
    assert site.hits["/page.html"] == 1


def test_cached_copy_works_with_the_server_gone(site, tmp_path: Path) -> None:
    url = site.url("/feed.xml")
    first = load(url, fetch_dir=tmp_path)
    assert len(first[0]) == 3
    site.routes.clear()  # the site is now empty: every path is a 404
    assert load(url, fetch_dir=tmp_path) == first


def test_refresh_fetches_again(site, tmp_path: Path) -> None:
    url = site.url("/counter")
    (first,), _ = load(url, fetch_dir=tmp_path)
    assert "visited 1 times" in first.text
    (again,), _ = load(url, fetch_dir=tmp_path)
    assert "visited 1 times" in again.text
    (fresh,), skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert skipped == [] and "visited 2 times" in fresh.text
    (after,), _ = load(url, fetch_dir=tmp_path)
    assert "visited 2 times" in after.text


def test_refresh_uses_etag_and_keeps_the_body_on_304(site, tmp_path: Path) -> None:
    url = site.url("/etag")
    docs, _ = load(url, fetch_dir=tmp_path)
    meta_path, _ = fetch_module.cache_paths(tmp_path, url)
    first_time = json.loads(meta_path.read_text())["fetched_at"]
    meta = json.loads(meta_path.read_text())
    meta["fetched_at"] = "2000-01-01T00:00:00+00:00"
    meta_path.write_text(json.dumps(meta))
    again, skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert (again, skipped) == (docs, [])
    assert site.hits["/etag"] == 2
    assert json.loads(meta_path.read_text())["fetched_at"] >= first_time


def test_failed_refresh_falls_back_to_the_cached_copy(site, tmp_path: Path) -> None:
    url = site.url("/feed.json")
    docs, _ = load(url, fetch_dir=tmp_path)
    site.routes.pop("/feed.json")
    again, skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert again == docs
    assert len(skipped) == 1 and skipped[0][0] == url
    assert skipped[0][1].startswith("refresh failed (HTTP 404 Not Found); using the copy fetched ")


def test_redirect_is_followed(site, tmp_path: Path) -> None:
    docs, skipped = load(site.url("/redirect"), fetch_dir=tmp_path)
    assert skipped == [] and len(docs) == 1 and docs[0].origin == site.url("/redirect")


def test_feed_served_with_a_wrong_type_is_sniffed(site, tmp_path: Path) -> None:
    docs, skipped = load(site.url("/atom"), fetch_dir=tmp_path)
    assert skipped == [] and [d.title for d in docs][0] == "Oslo container volumes hit record high"
    assert docs[0].origin == site.url("/atom") + "#urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"


def _reason(url: str, tmp_path: Path, client: httpx.Client | None = None) -> str:
    docs, skipped = load(url, fetch_dir=tmp_path, client=client)
    assert docs == [] and len(skipped) == 1 and skipped[0][0] == url
    assert "\n" not in skipped[0][1]
    assert not list(tmp_path.glob("*")), "a failed fetch leaves nothing in the cache"
    return skipped[0][1]


def test_timeout(site, tmp_path: Path) -> None:
    with httpx.Client(timeout=0.3) as client:
        assert _reason(site.url("/slow"), tmp_path, client) == "timed out waiting for the server (after 0.3 s)"


def test_not_found(site, tmp_path: Path) -> None:
    assert _reason(site.url("/missing"), tmp_path) == "HTTP 404 Not Found"


def test_redirect_loop(site, tmp_path: Path) -> None:
    a, b = site.url("/loop-a"), site.url("/loop-b")
    assert _reason(a, tmp_path) == f"redirect loop ({a} -> {b} -> {a})"


def test_too_large(site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 20_000)
    assert _reason(site.url("/big.html"), tmp_path) == "too large (0.0 MB; the limit is 0 MB)"
    assert _reason(site.url("/endless"), tmp_path) == "too large (more than the 0 MB limit)"


def test_wrong_content_type(site, tmp_path: Path) -> None:
    assert _reason(site.url("/image.png"), tmp_path) == "wrong content type: image/png (not a web page or feed)"
    assert _reason(site.url("/notes.txt"), tmp_path) == "wrong content type: text/plain (not a web page or feed)"


def test_connection_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port on 127.0.0.1 that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert _reason(f"http://127.0.0.1:{port}/x", tmp_path) == "could not connect: connection refused"


def test_charset_from_the_http_header_wins(site, tmp_path: Path) -> None:
    """Bytes that would pass for UTF-8 are read as the Latin-1 the server says they are."""
    sentence = "<p>The menu lists the dish as Ã© and the waiter could not explain why it did so today.</p>"
    body = f"<html><head><title>Menu</title></head><body><article>{sentence * 3}</article></body></html>"
    url = site.add("/latin1.html", body.encode("latin-1"), "text/html; charset=ISO-8859-1")
    (doc,), _ = load(url, fetch_dir=tmp_path)
    assert "dish as Ã© and" in doc.text
