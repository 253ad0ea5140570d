"""Mentions per day (``brief.pipeline.index.timeline``), read from a real index of invented dated articles."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "ui"))

from timeline_corpus import DAYS, DAYS_COUNT, RISING  # noqa: E402
from ui_corpus import indexed  # noqa: E402

from brief.pipeline.index.query import article_scope, search_scope  # noqa: E402
from brief.pipeline.index.timeline import mentions_per_day  # noqa: E402


@pytest.fixture
def library(tmp_path: Path, store: str | None):  # noqa: ANN201  (each test on SQLite and on PostgreSQL)
    return indexed(tmp_path, DAYS)[2]


def _ids(library) -> dict[str, int]:  # noqa: ANN001
    return {row.name: row.id for row in library.entity_rows("person")}


def test_one_count_per_day_from_the_first_dated_article_to_the_last(library) -> None:  # noqa: ANN001
    ids = _ids(library)
    days = library.mentions_per_day([ids["Mira Castell"], ids["Oren Vasquez"]])
    mira, oren = days[ids["Mira Castell"]], days[ids["Oren Vasquez"]]
    assert len(mira) == len(oren) == DAYS_COUNT  # one axis for both
    assert library.day_span() == (date(2024, 5, 1), DAYS_COUNT)
    assert mira[:2] == (0, 0) and mira[-1] == max(mira) and list(mira) == sorted(mira)  # rises
    assert oren[-2:] == (0, 0) and list(oren) == sorted(oren, reverse=True)  # fades


def test_undated_articles_and_other_entities_are_not_counted(library) -> None:  # noqa: ANN001
    ids = _ids(library)
    mira = next(r for r in library.entity_rows("person") if r.name == "Mira Castell")
    series = library.mentions_per_day([mira.id])
    assert list(series) == [mira.id]  # only what was asked
    assert sum(series[mira.id]) == mira.mentions - 1  # the undated notes name her once
    assert library.mentions_per_day([]) == {}
    assert ids  # the corpus has people


def test_a_scope_counts_its_own_days(library) -> None:  # noqa: ANN001
    ids = _ids(library)
    newest = library.rows(None, 0, 1)[0]
    assert newest.published == "2024-05-08"
    scoped = library.mentions_per_day([ids["Mira Castell"]], article_scope(newest.id))
    assert scoped[ids["Mira Castell"]] == (RISING[-1] + 1,)  # one article: one day, its mentions
    # the articles naming Quorvex Partners are those of 1 to 6 May: six days, the last with one mention of Oren's
    search = library.mentions_per_day([ids["Oren Vasquez"]], search_scope(library.query('"Quorvex Partners"')))
    assert search[ids["Oren Vasquez"]] == (5, 4, 3, 3, 2, 2)


def test_a_long_corpus_keeps_its_last_days(library) -> None:  # noqa: ANN001
    ids = _ids(library)
    last3 = mentions_per_day(library.db, [ids["Mira Castell"]], None, max_days=3)[ids["Mira Castell"]]
    assert last3 == library.mentions_per_day([ids["Mira Castell"]])[ids["Mira Castell"]][-3:]
