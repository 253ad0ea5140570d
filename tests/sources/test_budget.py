"""Each document's parse has a budget in time and memory: a file over it is skipped with a reason, the rest loads."""

from __future__ import annotations

from pathlib import Path

from brief.pipeline.sources import load
from brief.pipeline.sources.budget import MAX_ATTRIBUTES, Budget
from brief.pipeline.sources.detect import Kind
from brief.pipeline.sources.formats import FORMATS

PARA = "<p>The Quay Authority raised its tolls on Monday, said Ines Morrow, its director, to the press.</p>\n"


def _page(path: Path, size: int) -> Path:
    path.write_text("<html><head><title>Tolls</title></head><body><article><h1>Tolls</h1>"
                    + PARA * (size // len(PARA)) + "</article></body></html>")
    return path


def test_a_feed_with_an_element_of_a_hundred_thousand_attributes_is_refused_at_once(tmp_path: Path) -> None:
    attrs = " ".join(f'a{i}="v"' for i in range(100_000))
    feed = tmp_path / "wide.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item {attrs}>'
                    "<title>Wide</title><description>Body.</description></item></channel></rss>")
    assert feed.stat().st_size > 1_000_000  # feedparser alone takes minutes on it
    docs, skipped = load(str(feed), fetch_dir=tmp_path)
    reason = f"an element with more than {MAX_ATTRIBUTES:,} attributes: not parsed"
    assert docs == [] and skipped == [(str(feed), reason)]


def test_a_page_over_the_time_budget_is_skipped_and_the_next_loads(tmp_path: Path) -> None:
    slow = _page(tmp_path / "slow.html", 1_500_000)
    quick = _page(tmp_path / "quick.html", 2_000)
    budget = Budget(seconds=0.5, watch_bytes=100_000)  # small limits, so the test is quick
    docs, skipped = load(str(slow), fetch_dir=tmp_path, budget=budget)
    assert docs == [] and skipped == [(str(slow), "took longer than 0.5 s to parse (the budget for one file): skipped")]
    docs, skipped = load(str(quick), fetch_dir=tmp_path, budget=budget)
    assert [d.title for d in docs] == ["Tolls"] and skipped == []


def test_a_page_over_the_memory_budget_is_skipped(tmp_path: Path) -> None:
    big = _page(tmp_path / "big.html", 3_000_000)
    docs, skipped = load(str(big), fetch_dir=tmp_path, budget=Budget(memory=64 << 20, watch_bytes=100_000))
    assert docs == [] and skipped == [
        (str(big), "needed more than 64 MB of memory to parse (the budget for one file): skipped")]


def test_a_page_over_the_memory_budget_is_skipped_while_other_threads_run(tmp_path: Path) -> None:
    """In the reader other threads run, so the parse starts a fresh interpreter rather than a fork: the same page
    is over the same budget (the fresh one measured its baseline before importing the parser, and parsed it)."""
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        test_a_page_over_the_memory_budget_is_skipped(tmp_path)
    finally:
        stop.set()
        other.join()


def test_a_watched_parse_within_its_budget_gives_the_same_article(tmp_path: Path) -> None:
    page = _page(tmp_path / "page.html", 150_000)
    watched, _ = load(str(page), fetch_dir=tmp_path, budget=Budget(watch_bytes=100_000))
    in_place, _ = load(str(page), fetch_dir=tmp_path)
    assert watched == in_place and len(watched) == 1


def test_files_over_the_cap_of_their_format_are_refused_before_parsing(tmp_path: Path) -> None:
    cap = FORMATS[Kind.HTML].max_bytes
    page = _page(tmp_path / "huge.html", cap + len(PARA))
    docs, skipped = load(str(page), fetch_dir=tmp_path)
    assert docs == [] and skipped == [(str(page), f"larger than the {cap >> 20} MB limit for a html, which keeps its "
                                                  "parse within the time budget")]
