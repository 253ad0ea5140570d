#!/usr/bin/env python3
"""Coverage-guided fuzzing of ingest and extraction with atheris (not part of the test run).

    pip install atheris
    python tests/fuzz/fuzz_ingest.py -max_total_time=300 tests/fuzz/corpus   # corpus folder optional

Bytes go in as a file would (decoding, charset detection, structure, extraction, figures,
roles, the near-duplicate sketch); any exception, or a span outside its text, is a finding.
The seeds and a few hostile snippets make the starting corpus. Findings are fixed and kept as
tests in tests/test_hostile.py.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from brief.pipeline.analysis import FIELDS, analyse
    from brief.pipeline.ingest import decode_text

def one_input(data: bytes) -> None:
    try:
        text = decode_text(data)
    except ValueError:
        return  # refused with a reason: that is the expected outcome for such bytes
    result = analyse(text)
    for field, spans, figures in zip(FIELDS, result.entities, result.spans, strict=True):
        for s in (*spans, *figures):
            assert 0 <= s.start < s.end <= len(result.text(field)), (field, s.start, s.end)
    for start, end in result.parsed.headings:
        assert 0 <= start < end <= len(result.parsed.body)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
