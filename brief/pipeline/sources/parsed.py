"""A ``SourceDoc`` as the ``ingest.Parsed`` the rest of the pipeline analyses.

Web inputs arrive with their metadata already known, so nothing is guessed from the text
as ``ingest.parse`` must for saved text: ``## `` lines become heading offsets, the rest is
the body as it is. Only a doc without a title gets one, from its first sentence.
"""

from __future__ import annotations

from brief.pipeline.ingest import Parsed
from brief.pipeline.sources.model import SourceDoc
from brief.pipeline.text import one_line, sentences, shorten


def as_parsed(doc: SourceDoc) -> Parsed:
    """The doc's body without heading markers, with heading offsets, and its metadata."""
    parts: list[str] = []
    prose: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for para in doc.text.split("\n\n"):
        if not para.strip():
            continue
        if para.startswith("## "):
            para = para[3:].strip()
            headings.append((pos, pos + len(para)))
        else:
            prose.append(para)
        parts.append(para)
        pos += len(para) + 2
    title = one_line(doc.title or "")
    derived = not title
    if derived:
        first = (prose or parts or [""])[0]
        start, end = (sentences(first) or [(0, len(first))])[0]
        title = shorten(first[start:end].rstrip("."), 12) or "(untitled)"
    return Parsed(title=title, body="\n\n".join(parts), title_derived=derived, author=doc.author,
                  source=doc.source, published=doc.published,
                  published_text=doc.published_text or doc.published, headings=headings)
