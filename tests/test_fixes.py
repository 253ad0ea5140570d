"""Fixes from the config file applied to the index as it is: at once, to later articles too, and
without analysing anything again; the file keeps what the user wrote."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from brief.config import LABELS, ConfigError, Fix, load_settings
from brief.pipeline.corrections import write_fix
from brief.pipeline.extract.spans import Label
from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL

STORIES = [
    "Port fees\n\nHarbour Wire said fees rise. Mara Quell agreed; Quell left. Tovin Labs and Ferro Works met.\n",
    "Fees again\n\nHarbour Wire reported a vote. Breaking Update: Mara Quell spoke.\n",
]
TAGS = [(r"Harbour Wire", "person", 0.6), (r"Mara Quell|Quell", "person", 0.9),
        (r"Tovin Labs|Ferro Works|Breaking Update", "organization", 0.8)]


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("# notes\n")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    return path


def panels(lib: Library) -> dict[str, dict[str, int]]:
    return {kind: {r.name: r.mentions for r in lib.entity_rows(kind, 0, 100)} for kind in ("person", "organization")}


def reopen(tmp_path: Path) -> Library:
    lib = Library([tmp_path / "corpus"], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    return lib


def test_fixes_written_by_hand_apply_in_place_and_to_later_articles(tagged, config: Path, tmp_path: Path,
                                                                    analysed: list[str]) -> None:
    tagged(STORIES, TAGS)
    assert len(analysed) == 2
    config.write_text('# notes\nignore = ["Breaking Update"]\n\n[[retype]]\nname = "Harbour Wire"\n'
                      'type = "organization"\n\n[[merge]]\nname = "Ferro Works"\ninto = "Tovin Labs"\n\n'
                      '[[split]]\nname = "Quell"\nfrom = "Mara Quell"\n')
    lib = reopen(tmp_path)
    assert len(analysed) == 2  # applied to the index as it is
    assert panels(lib) == {"person": {"Mara Quell": 2, "Quell": 1},
                           "organization": {"Harbour Wire": 2, "Tovin Labs": 2}}
    (tmp_path / "corpus" / "02.txt").write_text(
        "Later\n\nHarbour Wire said so. Quell and Mara Quell agreed. Ferro Works grew. Breaking Update.\n")
    lib = reopen(tmp_path)
    assert len(analysed) == 3  # the new article only
    assert panels(lib) == {"person": {"Mara Quell": 3, "Quell": 2},
                           "organization": {"Harbour Wire": 3, "Tovin Labs": 3}}


def test_a_fix_from_the_dialog_is_saved_and_applied_at_once(tagged, config: Path, tmp_path: Path,
                                                            analysed: list[str]) -> None:
    lib = tagged(STORIES, TAGS)
    assert "Harbour Wire" in panels(lib)["person"]
    lib.correct(Fix("type", "Harbour Wire", "organization"), everywhere=True)
    assert "Harbour Wire" in panels(lib)["organization"] and "Harbour Wire" not in panels(lib)["person"]
    first = next(r for r in lib.rows() if r.title == "Port fees")
    assert (first.people, first.organizations) == (1, 3)
    why = lib.why(next(r.slug for r in lib.entity_rows("organization") if r.name == "Harbour Wire"))
    assert why is not None and why.type == "organization" and why.fixes == [Fix("type", "Harbour Wire", "organization")]
    assert why.sources == [("person", "model", 2, 0.6, 0.6)]  # what the extractor said, kept
    assert load_settings().fixes == (Fix("type", "Harbour Wire", "organization"),)
    assert config.read_text().startswith("# notes\n")
    reopen(tmp_path)
    assert len(analysed) == 2


def test_the_why_of_one_mention_and_an_entity_voted_on(tagged) -> None:  # noqa: ANN001
    lib = tagged(["A\n\nHarbour Wire said so.\n", "B\n\nHarbour Wire reported it, Harbour Wire said.\n"],
                 [(r"Harbour Wire(?= said)", "person", 0.55), (r"Harbour Wire(?= reported)", "organization", 0.9)])
    row = next(r for r in lib.entity_rows("person"))
    article = next(r.id for r in lib.rows() if r.title == "A")
    body = lib.article(article).body
    why = lib.why(row.slug, (article, "body", body.index("Harbour Wire")))
    assert why.mention == ("Harbour Wire", "person", 0.55, "model")
    assert [label for label, _ in why.votes] == ["person", "organization"]  # 1.10 against 0.90
    assert lib.why("no-such-entity") is None


def test_write_fix_keeps_the_file_and_checks_what_it_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('cache_dir = "/tmp/x"  # mine\n\n[[entities]]\nname = "Acme"  # kept\n')
    for fix in (Fix("ignore", "Live Blog"), Fix("type", "Lake Varn", "place"), Fix("ignore", "live blog"),
                Fix("split", "AC", "Acme")):
        write_fix(path, fix)
    text = path.read_text()
    assert 'cache_dir = "/tmp/x"  # mine' in text and 'name = "Acme"  # kept' in text
    data = tomllib.loads(text)
    assert data["ignore"] == ["Live Blog"] and data["retype"] == [{"name": "Lake Varn", "type": "place"}]
    assert data["split"] == [{"name": "AC", "from": "Acme"}]
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    assert load_settings().index_fixes == (Fix("ignore", "Live Blog"), Fix("type", "Lake Varn", "place"),
                                           Fix("split", "AC", "Acme"))
    path.write_text('[[retype]]\nname = "X"\ntype = "colour"\n')
    with pytest.raises(ConfigError, match="retype"):
        load_settings()
    assert LABELS == tuple(Label)


def test_the_config_file_is_parsed_once_at_start_and_once_per_fix(tagged, config: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is read again before fixes are applied; bytes already parsed are not parsed again."""
    calls: list[str] = []
    loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: calls.append(text) or loads(text))
    config.write_text('# notes\nignore = ["Breaking Update"]\n')
    tagged(STORIES, TAGS)
    lib = reopen(tmp_path)
    assert len(calls) == 1  # read at start; the first update's look at the file parses nothing
    lib.correct(Fix("type", "Harbour Wire", "organization"), everywhere=True)  # a global fix: config.toml
    assert len(calls) == 2  # the written text, checked once; it is what the index is brought to
    assert "Harbour Wire" in panels(lib)["organization"]
