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
    from brief.pipeline.analysis import analyse
    from brief.pipeline.ingest import decode_text

def one_input(data: bytes) -> None:
    try:
        text = decode_text(data)
    except ValueError:
        return  # refused with a reason: that is the expected outcome for such bytes
    result = analyse(text)
    parsed = result["parsed"]
    for field, spans in result["entities"].items():
        for start, end, _label in spans:
            assert 0 <= start < end <= len(parsed[field]), (field, start, end)
    for field, rows in result["figures"].items():
        for start, end, *_ in rows:
            assert 0 <= start < end <= len(parsed[field]), (field, start, end)
    for start, end in parsed["headings"]:
        assert 0 <= start < end <= len(parsed["body"])


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
