"""The reader's layout rules, without an app: wrapping, paragraphs, where highlights land (real index)."""

from __future__ import annotations

from brief.ui.document import build_document, layout, line_of, wrap_offsets


def test_wrap_breaks_between_words_and_folds_long_words() -> None:
    text = "one two three four"
    starts = wrap_offsets(text, 9)
    assert [text[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)] == [
        "one two", "three", "four"
    ]
    assert wrap_offsets("abcdefghij", 4) == [0, 4, 8]


def _types(library) -> dict[str, str]:
    return {r.slug: r.type for kind in ("person", "organization") for r in library.entity_rows(kind)}


def _deal(library):
    return library.article(library.article_id("deal"))


def test_highlights_point_at_their_text(news) -> None:
    for row in news.library.rows():
        article = news.library.article(row.id)
        document = build_document(article, _types(news.library))
        assert document.highlights, article.id
        for highlight in document.highlights:
            block = document.blocks[highlight.block]
            field_text = article.field_text(highlight.field)
            start, length = highlight.field_start, highlight.end - highlight.start
            assert block.text[highlight.start:highlight.end] == field_text[start:start + length]


def test_headings_become_heading_blocks(news) -> None:
    document = build_document(_deal(news.library), _types(news.library))
    headings = [b.text for b in document.blocks if b.role == "heading"]
    assert headings == ["The Road To The Deal", "What Comes Next"]


def test_line_of_finds_the_wrapped_line(news) -> None:
    document = build_document(_deal(news.library), _types(news.library))
    lines = layout(document, 30)
    for highlight in document.highlights:
        line = lines[line_of(lines, highlight.block, highlight.start)]
        assert line.block == highlight.block
        assert line.start <= highlight.start < max(line.end, line.start + 1)
