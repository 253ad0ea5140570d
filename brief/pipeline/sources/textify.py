"""Turn markup into brief's article text: paragraphs between blank lines, ``## `` headings.

Two kinds of tree come here: trafilatura's extracted body (``p``, ``head``, ``list``/``item``,
``quote``, ``table``/``row``/``cell``, ``lb``) and HTML fragments from feed entries. Both are
walked the same way: block elements start a new paragraph, inline elements add their text,
and every piece of text in the tree (tails included) ends up somewhere, so nothing the
extractor kept is lost on the way. Markup is never passed on: the result is plain text.
"""

from __future__ import annotations

import re
from typing import Any

from brief.pipeline.text import clean

HEADINGS = {"head", "h1", "h2", "h3", "h4", "h5", "h6"}
ITEMS = {"item", "li", "dt", "dd"}
ROWS = {"row", "tr"}
CELLS = {"cell", "td", "th"}
PREFORMATTED = {"code", "pre"}
BREAKS = {"lb", "br"}
DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "title",
           "button", "select", "form", "input", "textarea", "audio", "video", "canvas", "map"}
BLOCKS = HEADINGS | ITEMS | ROWS | PREFORMATTED | {
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "blockquote", "quote",
    "list", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "caption", "figure", "figcaption",
    "hr", "address", "details", "summary", "center", "body", "html", "doc", "fieldset", "legend",
}


# The 7-bit escape sequences of brief.pipeline.text, matched on raw bytes: parsers drop the ESC
# byte itself (it is not valid in XML) but keep the rest, so '\x1b[31m' would survive as '[31m'.
_ESCAPE_BYTES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[@-Z\\-_]?")


# A numeric character reference that may name no character, as parsers read it (the ';' may be
# missing in HTML): hex D800-DFFF or of six digits and more, decimal of five digits and more.
_REFERENCE = re.compile(rb"&#(?:[xX]0*([dD][89a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{6,})(?![0-9a-fA-F])"
                        rb"|0*([0-9]{5,}))")


def _mended_reference(m: re.Match[bytes]) -> bytes:
    digits = m.group(1) or m.group(2)
    if len(digits) > 8:  # beyond any code point, however it is read
        return b"&#xFFFD"
    code = int(digits, 16 if m.group(1) else 10)
    return b"&#xFFFD" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m.group()


def strip_escapes(data: bytes) -> bytes:
    """A document made safe to parse (ASCII-based encodings): terminal escape sequences removed, and
    character references to no character (a surrogate, ``&#55296;``, or beyond U+10FFFF) made U+FFFD,
    as a bad byte is: feedparser and lxml would otherwise fail on the whole feed for one of them.
    """
    if b"\x1b" in data:
        data = _ESCAPE_BYTES.sub(b"", data)
    return _REFERENCE.sub(_mended_reference, data) if b"&#" in data else data


class _Writer:
    """Collects paragraphs; ``parts`` holds the paragraph being written, ``prefix`` its marker."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.parts: list[str] = []
        self.prefix = ""
        self.layout: set[Any] = set()  # cells of layout tables, walked as blocks

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts = []
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:  # the marker waits for the first text of its block (an <li> may start with a <p>)
            prefix, self.prefix = self.prefix, ""
            self.paragraphs.append(prefix + (text.replace("\n", " ") if prefix == "## " else text))


def _tag(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _walk(el: Any, out: _Writer) -> None:
    tag = _tag(el)
    if not tag or tag in DROPPED:
        return
    if tag in BREAKS:
        out.add("\n")
        return
    if tag in PREFORMATTED and not any(_tag(c) in BLOCKS - PREFORMATTED for c in el):
        out.flush()
        code = "".join(el.itertext()).strip("\n")
        if code.strip():
            out.paragraphs.append("\n".join(line.rstrip() for line in code.splitlines() if line.strip()))
        return
    if tag in CELLS and el not in out.layout:
        out.add(" | " if out.parts and not out.parts[-1].endswith("\n") else "")
        _inline(el, out)
        return
    if tag not in BLOCKS and el not in out.layout:
        _inline(el, out)
        return
    out.flush()
    if tag in HEADINGS:
        out.prefix = "## "
    elif tag in ITEMS:
        out.prefix = "- "
    elif tag == "table":
        _table(el, out)
        return
    out.add(el.text)
    for child in el:
        _walk(child, out)
        if _tag(child) in BLOCKS:
            out.flush()
        out.add(child.tail)
    out.flush()
    out.prefix = ""


def _inline(el: Any, out: _Writer) -> None:
    out.add(el.text)
    for child in el:
        _walk(child, out)
        if _tag(child) in BLOCKS and _tag(child) not in CELLS:
            out.flush()
        out.add(child.tail)


def _table(el: Any, out: _Writer) -> None:
    """A table as one paragraph, a line per row, cells separated by `` | ``.

    A layout table (old sites put the whole page in one) has paragraphs or headings in its
    cells: its cells are read as blocks, so the article's paragraphs stay apart.
    """
    rows = [r for r in el.iter() if _tag(r) in ROWS]
    cells = [c for c in el.iter() if _tag(c) in CELLS]
    if any(_tag(d) in BLOCKS - ROWS - CELLS for c in cells for d in c.iterdescendants()):
        out.layout.update(cells)
        out.layout.update(rows)
        _inline(el, out)
        out.flush()
        return
    if not rows:
        _inline(el, out)
        out.flush()
        return
    lines = []
    for row in rows:
        cells = [" ".join("".join(c.itertext()).split()) for c in row if _tag(c) in CELLS]
        cells = [c for c in cells if c]
        if cells:
            lines.append(" | ".join(cells))
    caption = [c for c in el if _tag(c) == "caption"]
    if caption:
        lines.insert(0, " ".join("".join(caption[0].itertext()).split()))
    if lines:
        out.paragraphs.append("\n".join(lines))


def tree_to_text(root: Any) -> str:
    """The text of an element tree as brief article text."""
    out = _Writer()
    _walk(root, out)
    out.flush()
    return clean("\n\n".join(out.paragraphs))


def html_to_text(markup: str) -> str:
    """An HTML fragment (a feed entry's content) as brief article text."""
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        return plain_to_text(markup)
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several types for hopeless markup; fall back to stripping tags
        return plain_to_text(re.sub(r"<[^>]*>", " ", markup))
    return tree_to_text(root)


def plain_to_text(text: str) -> str:
    """Plain text: blank-line paragraphs kept, runs of spaces folded, lines inside a paragraph kept."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", clean(text)):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)
