"""Fixtures for the UI tests: invented articles as files in a temp folder, on a real index.

``news`` holds the reader's usual articles (ui_corpus.py); ``corpus``, ``library`` and ``app`` the
profile and quotes tests' ones (library_corpus.py).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from library_corpus import ARTICLES, slug_of  # noqa: E402
from ui_corpus import indexed  # noqa: E402

from brief.pipeline.index.library import Library  # noqa: E402
from brief.ui.app import BriefApp, make_app  # noqa: E402


@dataclass
class News:
    """A folder of articles, its cache and its indexed ``Library``: the app opens on them as ``brief`` does."""

    folder: Path
    cache: Path
    library: Library

    def app(self) -> BriefApp:
        return make_app([self.folder], cache_dir=self.cache)

    def slug(self, name: str) -> str:
        """The entity id the index gave to ``name``."""
        return slug_of(self.library, name)


@pytest.fixture
def news(tmp_path: Path) -> News:
    return News(*indexed(tmp_path))


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path, Library]:
    """Invented articles in a folder, indexed: (folder, cache folder, library)."""
    return indexed(tmp_path, ARTICLES)


@pytest.fixture
def library(corpus: tuple[Path, Path, Library]) -> Library:
    return corpus[2]


@pytest.fixture
def app(corpus: tuple[Path, Path, Library]) -> BriefApp:
    """The app on the indexed invented articles, as ``brief FOLDER`` opens it."""
    folder, cache, _ = corpus
    return make_app([folder], cache_dir=cache)
