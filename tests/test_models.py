"""The data model the reader builds: plain frozen records, cheap to load on the way to the first screen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from brief.pipeline.index.library import Library


def test_an_up_to_date_index_is_read_without_pydantic_the_extractors_or_the_relations(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text('Orlan Corp. Hires\n\nVelt Merriam joined Orlan Corp. on Monday. "We are glad," '
                                  "Merriam said. Orlan Corp. paid $3 million for Kestrel Lines.\n")
    Library([corpus], cache_dir=tmp_path / "cache").update(workers=1)
    code = (
        "import sys, json; from pathlib import Path; from brief.pipeline.index.library import Library\n"
        f"lib = Library([Path({str(corpus)!r})], cache_dir=Path({str(tmp_path / 'cache')!r})); lib.update()\n"
        "row = lib.rows()[0]; article = lib.article(row.id); lib.entity_rows('person'); lib.figure_rows()\n"
        "print(json.dumps([len(article.mentions) > 0, sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'"
        " or m.startswith(('brief.pipeline.relations', 'brief.pipeline.analysis', 'brief.pipeline.extract.entities',"
        " 'brief.pipeline.index.writer')))]))"
    )
    found, loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                              check=True).stdout)
    assert found and loaded == []

