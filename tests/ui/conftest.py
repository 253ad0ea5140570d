"""Fixtures for the UI tests: invented articles as files in a temp folder, on a real index (see ui_corpus.py)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

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
        return next(r.slug for kind in ("person", "organization") for r in self.library.entity_rows(kind)
                    if r.name == name)


@pytest.fixture
def news(tmp_path: Path) -> News:
    return News(*indexed(tmp_path))

