"""The reader's layout rules, without an app: wrapping, paragraphs, where highlights land."""

from __future__ import annotations

from brief.ui.document import build_document, layout, line_of, wrap_offsets


def test_wrap_breaks_between_words_and_folds_long_words() -> None:
    text = "one two three four"
    starts = wrap_offsets(text, 9)
    assert [text[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)] == [
        "one two", "three", "four"
    ]
    assert wrap_offsets("abcdefghij", 4) == [0, 4, 8]


def test_highlights_point_at_their_text(briefing) -> None:
    for article in briefing.articles:
        document = build_document(article, {e.id: e.type for e in briefing.entities})
        assert document.highlights, article.id
        for highlight in document.highlights:
            block = document.blocks[highlight.block]
            field_text = article.field_text(highlight.field)
            start, length = highlight.field_start, highlight.end - highlight.start
            assert block.text[highlight.start:highlight.end] == field_text[start:start + length]


def test_headings_become_heading_blocks(briefing) -> None:
    document = build_document(briefing.articles[0], {e.id: e.type for e in briefing.entities})
    headings = [b.text for b in document.blocks if b.role == "heading"]
    assert headings == ["The Road To The Deal", "What Comes Next"]


def test_line_of_finds_the_wrapped_line(briefing) -> None:
    document = build_document(briefing.articles[0], {e.id: e.type for e in briefing.entities})
    lines = layout(document, 30)
    for highlight in document.highlights:
        line = lines[line_of(lines, highlight.block, highlight.start)]
        assert line.block == highlight.block
        assert line.start <= highlight.start < max(line.end, line.start + 1)
