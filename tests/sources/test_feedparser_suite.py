"""feedparser's own test feeds (hundreds of well- and ill-formed feeds) are read without an exception.

The suite ships in feedparser's source distribution, not in the wheel, so this test runs when
``BRIEF_FEEDPARSER_SUITE`` names its ``tests`` folder:

    pip download --no-deps --no-binary :all: feedparser -d /tmp/fp && tar xzf /tmp/fp/feedparser-*.tar.gz -C /tmp/fp
    BRIEF_FEEDPARSER_SUITE=$(echo /tmp/fp/feedparser-*/tests) python -m pytest tests/sources/test_feedparser_suite.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brief.pipeline.sources import load

SUITE = os.environ.get("BRIEF_FEEDPARSER_SUITE", "")


@pytest.mark.skipif(not SUITE or not Path(SUITE).is_dir(), reason="BRIEF_FEEDPARSER_SUITE is not set")
def test_every_feed_of_the_feedparser_suite(tmp_path: Path) -> None:
    files = sorted(p for p in Path(SUITE).rglob("*") if p.is_file() and p.suffix != ".py")
    assert len(files) > 1000
    docs = failures = 0
    unexpected: list[tuple[str, str]] = []
    for path in files:
        found, skipped = load(str(path), fetch_dir=tmp_path)  # must not raise
        docs += len(found)
        for origin, reason in skipped:
            failures += 1
            assert reason and "\n" not in reason
            if reason.startswith("unexpected error"):
                unexpected.append((origin, reason))
        for doc in found:
            assert doc.origin.startswith(str(path) + "#")
            assert "\x1b" not in doc.text
    print(f"{len(files)} files, {docs} entries read as articles, {failures} one-line skips, "
          f"{len(unexpected)} unexpected errors")
    assert unexpected == []
    assert docs > 1000


@pytest.mark.skipif(not SUITE or not Path(SUITE).is_dir(), reason="BRIEF_FEEDPARSER_SUITE is not set")
def test_no_file_of_the_feedparser_suite_vanishes(tmp_path: Path) -> None:
    """The whole suite as one folder: each file gives articles, is listed as a copy, or is named."""
    from accounting import export, unaccounted

    from brief.pipeline.sources.detect import WEB_SUFFIXES
    from brief.pipeline.sources.targets import TEXT_SUFFIXES, InputKind, classify

    files = sorted(p for p in Path(SUITE).rglob("*") if p.is_file() and p.suffix != ".py")
    passed_over = [p for p in files if (t := classify(p, in_folder=True)).kind is InputKind.OTHER and not t.reason]
    # only files of no kind brief reads (raw deflate '.z', a '.gz' of no known name) are passed over
    assert not [p for p in passed_over if p.name.lower().removesuffix(".gz").endswith(WEB_SUFFIXES + TEXT_SUFFIXES)]
    paths, stderr = export(Path(SUITE), tmp_path / "cache")
    inputs = [p for p in files if p not in passed_over]
    lost = unaccounted(inputs, paths, stderr)
    print(f"{len(files)} files, {len(passed_over)} not inputs, {len(paths)} articles, {len(lost)} vanished")
    assert lost == []
