"""One deadline covers a whole fetch: a server that drips its headers a byte at a time is cut off."""

from __future__ import annotations

import time
from pathlib import Path

from brief.pipeline.sources import load
from brief.pipeline.sources.fetch import make_client


def test_a_server_dripping_its_headers_is_cut_off_at_the_deadline(dripping: str, tmp_path: Path) -> None:
    started = time.monotonic()
    docs, skipped = load(dripping, fetch_dir=tmp_path, deadline=1.5)  # each byte comes well within the read timeout
    took = time.monotonic() - started
    assert docs == [] and skipped == [(dripping, "timed out: the fetch took longer than 1.5 s")]
    assert took < 6


def test_the_deadline_holds_for_several_links_fetched_side_by_side(dripping: str, tmp_path: Path) -> None:
    links = tmp_path / "links.urls"
    links.write_text("".join(f"{dripping}?n={n}\n" for n in range(3)))
    started = time.monotonic()
    docs, skipped = load(str(links), fetch_dir=tmp_path / "fetched", deadline=1.5, client=make_client(timeout=5))
    assert docs == [] and [reason for _, reason in skipped] == ["timed out: the fetch took longer than 1.5 s"] * 3
    assert time.monotonic() - started < 8
