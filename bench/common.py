"""What several benches share: the generated corpus of N articles (made once in the temporary folder) and the
URL of one schema of a PostgreSQL server."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from bench.make_corpus import make


def corpus(n: int, folder: Path | None = None, dated: int = 0) -> Path:
    """The folder of ``n`` generated articles (``dated``: dated over that many days), made if it is not there."""
    folder = folder or Path(tempfile.gettempdir()) / (f"brief-bench-dated-{n}" if dated else f"brief-bench-{n}")
    if not folder.exists():
        make(n, folder, dated=dated)
    return folder


def schema_url(url: str, schema: str) -> str:
    """``url`` with the search path on ``schema`` (the index's tables are found there)."""
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"
