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


def _closure(requirements: list[str]) -> set[str]:
    """The distributions a plain ``pip install`` of these requirements brings, as the installed metadata says."""
    import importlib.metadata as metadata
    import re

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        if name in seen or (req.marker and not req.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            todo += [Requirement(r) for r in metadata.requires(req.name) or []]
        except metadata.PackageNotFoundError:
            pass
    return seen


def test_the_html_export_imports_only_what_brief_declares(tmp_path: Path) -> None:
    """``brief export --format html`` (its connections picture laid out by networkx, which needs numpy) runs on a
    plain ``pip install .``: every module it imports comes from the standard library or a declared dependency."""
    import importlib.metadata as metadata
    import re
    import tomllib

    script = ("import sys; from brief.cli import main; "
              f"code = main(['--cache-dir', {str(tmp_path / 'cache')!r}, 'export', '--format', 'html', '-o', "
              f"{str(tmp_path / 'b.html')!r}]); print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    bare = "import sys; print(' '.join(m.split('.')[0] for m in sys.modules))"
    at_start = subprocess.run([sys.executable, "-c", bare],  # what site itself loads (.pth hooks)
                              capture_output=True, text=True, check=True).stdout.split()
    assert "<svg class=\"graph\"" in (tmp_path / "b.html").read_text(encoding="utf-8")
    declared = _closure(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"])
    owners = metadata.packages_distributions()
    missing = {}
    for module in done.stdout.split():
        if module in sys.stdlib_module_names or module in ("brief", *at_start) or module not in owners:
            continue
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in owners[module]}
        if not dists & declared:
            missing[module] = sorted(dists)
    assert missing == {}
