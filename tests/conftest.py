"""Shared fixtures: every test gets its own cache and config folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from brief.pipeline.index.library import Library

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("BRIEF_CACHE_DIR", raising=False)


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the articles analysed so far (read and analysed, not only found known)."""
    from brief.pipeline import analysis as analysis_module

    calls: list[str] = []
    real = analysis_module.analyse_parsed
    monkeypatch.setattr(analysis_module, "analyse_parsed",
                        lambda parsed, *rest: calls.append(parsed.title) or real(parsed, *rest))
    return calls


@pytest.fixture
def tagged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201
    """``tagged(articles, tags)``: the index of these article texts, with these names tagged."""
    from tagging import tag_with

    from brief.pipeline.index.library import Library

    def build(articles: Sequence[str], tags: Sequence[tuple[str, str, float]]) -> Library:
        tag_with(monkeypatch, tags)
        root = tmp_path / "corpus"
        root.mkdir(exist_ok=True)
        for i, text in enumerate(articles):
            (root / f"{i:02d}.txt").write_text(text)
        lib = Library([root], cache_dir=tmp_path / "cache")
        lib.update(workers=1)
        return lib

    return build


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): a test of the SQLite file itself (its folder, a "
                                       "damaged file, a full disk), or of several indexes side by side: run on "
                                       "SQLite only where a module's tests run on both stores")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run of a ``sqlite_only`` test is left out (not skipped: there is nothing to run)."""
    kept, left = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        on_pg = params is not None and params.params.get("store") == "postgresql"
        (left if on_pg and item.get_closest_marker("sqlite_only") else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Runs a test on each store of the index: SQLite (the file in the cache), then PostgreSQL (a schema of its
    own on the server ``BRIEF_TEST_PG`` names, as ``.ci/pg start`` prints it; skipped when it names none).
    Yields the index URL the test's Libraries open (``BRIEF_INDEX_URL``), or None for SQLite."""
    if request.param == "sqlite":
        yield None
        return
    from pg import fresh_schema

    with fresh_schema() as url:
        monkeypatch.setenv("BRIEF_INDEX_URL", url)
        yield url
