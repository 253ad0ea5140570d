"""The JSON export's published schema (docs/index.schema.json): up to date with its pydantic models,
followed by what ``brief export --format json`` writes, and pydantic kept off the start and the export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from invented import write_corpus
from pydantic import ValidationError

from brief.cli import main
from brief.pipeline import export_schema
from brief.pipeline.export_schema import Index

REPO = Path(__file__).resolve().parent.parent
DEALS = ("Velmora Capital agreed to buy a 30% stake in Quorvex Labs for $120 million, the companies said.\n\n"
         "Jane Roe, the chief executive of Quorvex Labs, said: \"We are glad.\" Revenue rose 12% to $40 million.\n")


def test_the_published_schema_is_up_to_date() -> None:
    assert export_schema.PUBLISHED.read_text(encoding="utf-8") == export_schema.published_text(), \
        "run python -m brief.pipeline.export_schema"
    assert export_schema.main(["--check"]) == 0
    published = json.loads(export_schema.PUBLISHED.read_text(encoding="utf-8"))
    assert published["$id"] == "brief.index/2" and set(published["required"]) == {
        "schema", "articles", "entities", "disagreements", "skipped"}


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    root = write_corpus(tmp_path / "news", 30)
    (root / "deal.txt").write_text("Quorvex Labs sells a stake\n\n" + DEALS)
    (root / "deal-again.txt").write_text("Quorvex Labs stake sold\n\n" + DEALS.replace("$40", "$44"))
    (root / "notes.txt").write_bytes(b"\x00\x01\x02" * 50)
    assert main(["export", "--format", "json", "--cache-dir", str(tmp_path / "cache"), str(root)]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_export_follows_the_schema(exported: dict) -> None:
    index = Index.model_validate(exported)  # every field there, none unknown
    assert len(index.articles) == 32 and index.entities and index.skipped and index.disagreements
    assert any(a.deals for a in index.articles) and any(a.figures for a in index.articles)


def test_an_export_that_drifts_from_the_schema_is_refused(exported: dict) -> None:
    article = next(a for a in exported["articles"] if a["deals"])
    article["deals"][0]["buyer"] = article["deals"][0].pop("from")  # a field renamed
    with pytest.raises(ValidationError, match="from"):
        Index.model_validate(exported)
    del article["deals"][0]["buyer"]
    article["deals"][0]["from"] = None
    article["summary"] = ""  # a field the schema does not publish
    with pytest.raises(ValidationError, match="summary"):
        Index.model_validate(exported)


def test_the_config_file_and_the_export_do_not_load_pydantic(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('ignore = ["Live"]\n\n[[retype]]\nname = "Quorvex Labs"\ntype = "Organization"\n')
    root = tmp_path / "news"
    root.mkdir()
    (root / "deal.txt").write_text("Quorvex Labs sells a stake\n\n" + DEALS)
    code = ("import sys; from brief.cli import main; import brief.ui.app\n"
            f"assert main(['export', '--format', 'json', '--cache-dir', {str(tmp_path / 'cache')!r}, {str(root)!r},"
            f" '-o', {str(tmp_path / 'out.json')!r}]) == 0\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "BRIEF_CONFIG": str(config), "PYTHONPATH": str(REPO)})
    assert done.stdout.strip() == "[]"
    assert json.loads((tmp_path / "out.json").read_text())["schema"] == "brief.index/2"
