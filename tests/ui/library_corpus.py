"""A small corpus of invented articles, indexed into a real ``Library`` in a temp folder, for the UI tests.

Two articles report one investment with different amounts (a disagreement across sources);
a third, older one names other people, so a profile's lists have something to leave out.
"""

from __future__ import annotations

from pathlib import Path

from brief.pipeline.index.library import Library

ARTICLES = {
    "quay.md": """---
title: Harbor Bank buys a stake in Fennel Labs
date: 2025-03-02
source: The Quay Ledger
---

Harbor Bank agreed to invest $120 million in Fennel Labs, the robotics startup, on Monday. Ada Okafor, chief \
executive of Harbor Bank, said the deal would close in May. "We have watched this team for years," Okafor said.

Tom Reyes, founder of Fennel Labs, said the company would hire 300 engineers.
""",
    "northgate.md": """---
title: Fennel Labs raises money from Harbor Bank
date: 2025-03-05
source: Northgate Daily
---

Fennel Labs has raised about $150 million from Harbor Bank, according to people familiar with the deal. Ada \
Okafor, chief executive of Harbor Bank, declined to comment.

Tom Reyes said Fennel Labs would open an office in Lisbon.
""",
    "orchid.md": """---
title: Orchid Systems names a new chair
date: 2025-01-10
source: Northgate Daily
---

Orchid Systems named Lena Marsh as its chair on Friday. Marsh previously led the board of Pike Mutual.
""",
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def indexed_corpus(tmp_path: Path) -> tuple[Path, Path, Library]:
    """The corpus folder, its cache folder and the library, already indexed (the app then opens warm)."""
    folder, cache = write_corpus(tmp_path / "articles"), tmp_path / "cache"
    library = Library([folder], cache_dir=cache)
    library.update(workers=1)
    return folder, cache, library
