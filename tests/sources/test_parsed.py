"""SourceDoc -> ingest.Parsed: heading markers become offsets, metadata passes through."""

from __future__ import annotations

from brief.pipeline.sources import SourceDoc
from brief.pipeline.sources.parsed import as_parsed


def test_headings_become_offsets() -> None:
    doc = SourceDoc(origin="x.html", text="First para.\n\n## Section One\n\n- item\n\nLast.", title="T",
                    author="A", published="2024-01-02", source="S", url="https://s.example/x")
    parsed = as_parsed(doc)
    assert parsed.body == "First para.\n\nSection One\n\n- item\n\nLast."
    assert [parsed.body[s:e] for s, e in parsed.headings] == ["Section One"]
    assert (parsed.title, parsed.author, parsed.published, parsed.source) == ("T", "A", "2024-01-02", "S")
    assert not parsed.title_derived


def test_untitled_doc_takes_its_first_sentence() -> None:
    parsed = as_parsed(SourceDoc(origin="f#1", text="## Intro\n\nThe council met on Tuesday. It voted."))
    assert parsed.title == "The council met on Tuesday" and parsed.title_derived
    assert as_parsed(SourceDoc(origin="f#2", text="")).title == "(untitled)"
