"""The wheel carries what an installed brief needs: styles, the sample articles, the model and the HTML template."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contains_styles_and_seeds(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
                   cwd=REPO, check=True, capture_output=True)
    wheel = next(tmp_path.glob("brief-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "brief/_data/styles/base.tcss" in names
    seeds = sorted(p.name for p in (REPO / "seeds").iterdir())
    assert [n.rsplit("/", 1)[1] for n in sorted(names) if n.startswith("brief/_data/seeds/")] == seeds
    assert any(n.endswith("entry_points.txt") for n in names)
    model = ("ner.crfsuite", "the.json", "firms.json", "words.txt")
    assert {f"brief/pipeline/extract/model/{f}" for f in model} <= set(names)
    assert {f"brief/pipeline/templates/briefing.{x}.j2" for x in ("html", "css")} <= set(names)  # --format html
