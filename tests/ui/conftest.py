"""Fixtures for the UI tests: hand-built briefings (ui_briefings.py), a real index of invented articles
(library_corpus.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from library_corpus import indexed_corpus  # noqa: E402
from ui_briefings import markup_briefing, sample_briefing  # noqa: E402

from brief.models import Briefing  # noqa: E402
from brief.pipeline.index.library import Library  # noqa: E402
from brief.ui.app import BriefApp, make_app  # noqa: E402


@pytest.fixture
def briefing() -> Briefing:
    return sample_briefing()


@pytest.fixture
def tricky_briefing() -> Briefing:
    return markup_briefing()


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path, Library]:
    """Invented articles in a folder, indexed: (folder, cache folder, library)."""
    return indexed_corpus(tmp_path)


@pytest.fixture
def library(corpus: tuple[Path, Path, Library]) -> Library:
    return corpus[2]


@pytest.fixture
def app(corpus: tuple[Path, Path, Library]) -> BriefApp:
    """The app on the indexed invented articles, as ``brief FOLDER`` opens it."""
    folder, cache, _ = corpus
    return make_app([folder], cache_dir=cache)
