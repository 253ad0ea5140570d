"""A refresh never loses the good copy: what it fetches replaces the cache only when it holds an article.

Everything here talks to the test server on 127.0.0.1 only (see conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.cli import main
from brief.pipeline.sources import fetch as fetch_module
from brief.pipeline.sources import load

STORY = ("<html><head><title>Velmora Mill Sold</title></head><body><article><h1>Velmora Mill Sold</h1>"
         "<p>Jane Roe of Quorvex Holdings said on Monday that the company had bought the Velmora mill for "
         "$5 million, and that the mill would reopen in the spring with forty workers.</p>"
         "<p>The sale ends two years in which the mill stood empty, Jane Roe said in a statement.</p>"
         "</article></body></html>")
MAINTENANCE = ("<html><head><title>Down for maintenance</title></head><body><h1>Down for maintenance</h1>"
               "<p>Back soon.</p></body></html>")


@pytest.mark.parametrize("body", [b"", MAINTENANCE.encode(), b"\x00\x01\x02 not a page"],
                         ids=["empty", "maintenance page", "unreadable"])
def test_a_200_without_an_article_keeps_the_cached_copy_and_says_so(site, tmp_path: Path, body: bytes) -> None:
    url = site.add("/story.html", STORY)
    first, skipped = load(url, fetch_dir=tmp_path)
    assert [d.title for d in first] == ["Velmora Mill Sold"] and skipped == []
    site.add("/story.html", body)
    again, skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert again == first
    assert site.hits["/story.html"] == 2
    (note,) = skipped
    assert note[0] == url
    assert note[1].startswith("the refreshed copy holds no article (") and "; kept the copy fetched " in note[1]
    site.routes.clear()  # offline afterwards: the good copy is still the one in the cache
    assert load(url, fetch_dir=tmp_path) == (first, [])


def test_a_refresh_with_an_article_replaces_the_cached_copy(site, tmp_path: Path) -> None:
    url = site.add("/story.html", STORY)
    load(url, fetch_dir=tmp_path)
    site.add("/story.html", STORY.replace("forty workers", "sixty workers"))
    (doc,), skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert skipped == [] and "sixty workers" in doc.text
    site.routes.clear()
    (doc,), _ = load(url, fetch_dir=tmp_path)
    assert "sixty workers" in doc.text


def test_a_feed_refreshed_to_no_entries_keeps_the_cached_entries(site, tmp_path: Path) -> None:
    url = site.url("/feed.xml")
    first, _ = load(url, fetch_dir=tmp_path)
    assert len(first) == 3
    site.add("/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Down</title></channel></rss>',
             "application/rss+xml")
    again, skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert again == first and len(skipped) == 1 and "(the feed has no entries)" in skipped[0][1]


def test_a_non_ascii_etag_is_dropped_and_refreshes_still_work(site, tmp_path: Path) -> None:
    # http.server sends header values as Latin-1: the client reads 'é' back and could not send it again
    url = site.add("/story.html", STORY, ETag='"caf\u00e9"', **{"Last-Modified": "Mon, 1 Jan 2024 00:00:00 \u00e9"})
    load(url, fetch_dir=tmp_path)
    site.add("/story.html", STORY.replace("forty workers", "sixty workers"), ETag='"caf\u00e9"')
    (doc,), skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert skipped == [] and "sixty workers" in doc.text


def test_a_cached_non_ascii_validator_does_not_stop_a_refresh(site, tmp_path: Path) -> None:
    url = site.add("/story.html", STORY)
    load(url, fetch_dir=tmp_path)
    meta_path, _ = fetch_module.cache_paths(tmp_path, url)
    meta = json.loads(meta_path.read_text())
    meta.update(etag='"caf\u00e9"', last_modified="Mon, 1 Jan 2024 \u2603")  # written by an older brief
    meta_path.write_text(json.dumps(meta))
    site.add("/story.html", STORY.replace("forty workers", "sixty workers"))
    (doc,), skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert skipped == [] and "sixty workers" in doc.text


def test_any_error_during_a_refresh_falls_back_to_the_cache(site, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    url = site.add("/story.html", STORY)
    first, _ = load(url, fetch_dir=tmp_path)

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise UnicodeEncodeError("ascii", "\u00e9", 0, 1, "ordinal not in range(128)")

    monkeypatch.setattr(fetch_module, "_follow", broken)
    again, skipped = load(url, fetch_dir=tmp_path, refresh=True)
    assert again == first
    (note,) = skipped
    assert note[1].startswith("refresh failed (unexpected error: UnicodeEncodeError") and "using the copy" in note[1]


def test_brief_refresh_keeps_the_article_when_the_site_is_down_for_maintenance(
        site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = site.add("/story.html", STORY)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert main(["export", url, *cache]) == 0
    assert "Velmora Mill Sold" in capsys.readouterr().out
    site.add("/story.html", MAINTENANCE)
    assert main(["export", "--refresh", url, *cache]) == 0
    out, err = capsys.readouterr()
    assert "Velmora Mill Sold" in out and "Quorvex Holdings" in out
    assert err.count("the refreshed copy holds no article") == 1
    site.routes.clear()
    assert main(["export", url, *cache]) == 0
    assert "Velmora Mill Sold" in capsys.readouterr().out
