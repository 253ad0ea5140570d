"""The user's corrections: declared entities applied to extracted spans, and fixes written to the file.

Declared names are found wherever the text spells them (whole words, case as written or in
capitals) and win over overlapping extractor spans. The other corrections (names that are not
entities, types, merges, splits) are applied to the index itself (``brief.pipeline.index.fixes``);
``write_fix`` adds one to the config file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from brief.config import Fix, UserEntity
from brief.pipeline.extract import EntitySpan
from brief.pipeline.text import fold


class Corrections:
    def __init__(self, entities: Sequence[UserEntity]) -> None:
        self.canonical: dict[str, tuple[str, str]] = {}  # folded name -> (declared name, type)
        for e in entities:
            for n in e.names:
                self.canonical[fold(n)] = (e.name, e.type)
        names = sorted({n for e in entities for n in e.names}, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
            if names else None
        )

    def __bool__(self) -> bool:
        return bool(self.canonical)

    def apply(self, texts: Sequence[str], spans: Sequence[Sequence[EntitySpan]]) -> list[list[EntitySpan]]:
        out = []
        for text, found in zip(texts, spans, strict=True):
            declared = []
            if self._pattern is not None:
                for m in self._pattern.finditer(text):
                    if m.group()[:1].isupper():  # "Acme", "ACME", not the word "acme"
                        kind = self.canonical[fold(m.group())][1]
                        declared.append(EntitySpan(m.start(), m.end(), kind, 1.0, "declared"))
            kept = [s for s in found if not any(d.start < s.end and s.start < d.end for d in declared)]
            out.append(sorted(kept + declared, key=lambda s: s.start))
        return out

    def declared_name(self, text: str) -> str | None:
        hit = self.canonical.get(fold(re.sub(r"['’]s$", "", text)))
        return hit[0] if hit else None


def write_fix(path: Path, fix: Fix) -> None:
    """Add ``fix`` to the config file at ``path``, keeping everything else in it as it was written.

    The file is parsed and written back by tomlkit (comments, order and spacing kept), through a
    temporary file renamed over it, so an interrupted write leaves the old file whole.
    """
    import tomlkit

    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = tomlkit.document()
    if fix.action == "ignore":
        names = document.get("ignore")
        if names is None:
            names = tomlkit.array()
            document["ignore"] = names
        if fold(fix.name) not in {fold(str(n)) for n in names}:
            names.append(fix.name)
    else:
        table, keys = fix.table()
        tables = document.get(table)
        if tables is None:
            tables = tomlkit.aot()
            if document.body:
                document.add(tomlkit.nl())
            document.append(table, tables)
        entry = tomlkit.table()
        entry.update(keys)
        entry.add(tomlkit.nl())
        tables.append(entry)
    text = tomlkit.dumps(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
