"""Web inputs inside a briefing: mixed folders, feeds, links fetched once, refresh, one story twice."""

from __future__ import annotations

import shutil
from pathlib import Path

from brief.cli import main
from brief.pipeline.build import load_briefing

HERE = Path(__file__).resolve().parent


def test_a_folder_mixing_text_pages_and_feeds(tmp_path: Path, seeds: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(seeds / "003_aeb58425c267ccad.txt", folder)
    shutil.copy(HERE / "feeds" / "harbour-wire.rss", folder)
    page = next((HERE / "pages").glob("*.html"))
    shutil.copy(page, folder)
    (folder / "package.json").write_text('{"name": "not a feed"}')
    b = load_briefing([folder], cache_dir=tmp_path / "cache")
    paths = [a.path for a in b.articles]
    assert any(p.endswith("003_aeb58425c267ccad.txt") for p in paths)
    assert any(p.endswith(page.name) for p in paths)
    entries = [a for a in b.articles if "harbour-wire.rss#" in a.path]
    assert entries and all(a.source for a in entries)
    assert not any("package.json" in p for p in paths)
    summaries = [a for a in entries if a.summary_only]
    full = [a for a in entries if not a.summary_only]
    assert summaries and full  # the test feed has both kinds of entry


def test_links_are_fetched_once_then_read_offline_and_again_on_refresh(site, tmp_path: Path) -> None:  # noqa: ANN001
    body = "<html><head><title>Quay Tolls Rise</title></head><body><article><h1>Quay Tolls Rise</h1>" + (
        "<p>The Quay Authority raised tolls by 12% on Monday, said Ines Morrow, its director.</p>" * 4
    ) + "</article></body></html>"
    site.add("/tolls.html", body)
    url = site.url("/tolls.html")
    cache = tmp_path / "cache"
    first = load_briefing([url], cache_dir=cache)
    assert [a.title for a in first.articles] == ["Quay Tolls Rise"]
    assert first.articles[0].url == url
    assert site.hits["/tolls.html"] == 1
    site.routes.clear()  # the server forgets the page: the copy in the cache still serves
    again = load_briefing([url], cache_dir=cache)
    assert [a.title for a in again.articles] == ["Quay Tolls Rise"] and site.hits["/tolls.html"] == 1
    refreshed = load_briefing([url], cache_dir=cache, refresh=True)
    assert [a.title for a in refreshed.articles] == ["Quay Tolls Rise"]  # failed refresh: the saved copy stays
    assert any("refresh failed" in reason for _, reason in refreshed.skipped)


def test_the_same_story_from_a_feed_and_a_saved_page_is_one(site, tmp_path: Path) -> None:  # noqa: ANN001
    story = " ".join(f"Sentence {i} of the harbour story, with Ines Morrow of the Quay Authority." for i in range(40))
    url = site.url("/story")
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Port Wire</title><item><title>Harbour '
            f"story</title><link>{url}</link><description>{story}</description></item></channel></rss>")
    site.add("/story", f"<html><head><title>Harbour story</title></head><body><article><p>{story}</p>"
                       "</article></body></html>")
    folder = tmp_path / "both"
    folder.mkdir()
    (folder / "wire.rss").write_text(feed)
    b = load_briefing([folder, url], cache_dir=tmp_path / "cache")
    assert len(b.articles) == 2
    assert sum(a.duplicate_of is not None for a in b.articles) == 1


def test_cli_reports_an_unreachable_link_and_loads_the_rest(tmp_path: Path, seeds: Path, capsys) -> None:  # noqa: ANN001
    assert main(["export", str(seeds), "http://127.0.0.1:9/nothing-here", "--cache-dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "http://127.0.0.1:9/nothing-here" in captured.err and "## People" in captured.out
