"""The bundled samples, scored by the project's answer key as a user's export: what every release keeps."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from brief.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_the_samples_export_scores_full_marks(tmp_path: Path) -> None:
    gold, scorer = SHARED / "gold" / "seeds.json", SHARED / "eval" / "score.py"
    if not (gold.exists() and scorer.exists()):
        pytest.skip("no answer key beside the repo")
    out = tmp_path / "index.json"
    assert main(["export", "--no-cache", "--format", "json", "-o", str(out)]) == 0
    report = subprocess.run([sys.executable, str(scorer), str(gold), str(out)], capture_output=True, text=True,
                            check=True).stdout
    total = next(line for line in report.splitlines() if line.startswith("TOTAL"))
    f1 = {k: float(v) for k, v in re.findall(r"(\w+) P [\d.]+ R [\d.]+ F1 ([\d.]+)", total)}
    assert {k: f1[k] for k in ("person", "organization", "figures", "quotes")} == dict.fromkeys(
        ("person", "organization", "figures", "quotes"), 1.0), total
    assert f1["affiliations"] >= 0.9 and f1["deals"] >= 0.9, total
    assert "metadata 10/10" in total
