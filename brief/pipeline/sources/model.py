"""What a web-input loader hands to the pipeline: one article's text and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from brief.pipeline.text import one_line


@dataclass
class SourceDoc:
    """One article from a page, a feed entry or a fetched link; all text already cleaned."""

    origin: str
    """What the article's ``path`` shows: the file path, the URL, or ``feed-path#entry-id``."""
    text: str
    """Paragraphs separated by blank lines, section headings as lines starting ``## ``, no title line."""
    title: str | None = None
    author: str | None = None
    published: str | None = None
    """An ISO 8601 date or datetime (``brief.pipeline.dates.iso_date``)."""
    published_text: str | None = None
    """The date as the feed or page wrote it, when that is not ``published`` itself."""
    source: str | None = None
    """The site's name or the feed's title."""
    url: str | None = None
    """The canonical http(s) URL when known."""
    summary_only: bool = False
    """A feed entry that carried only its summary (or nothing but a title), not the full article."""


class LoadError(ValueError):
    """Something that cannot be loaded; the message is the one-line reason shown to the user."""


def unexpected(err: BaseException) -> str:
    """The one-line reason for a bug or a library surprise, which ends one input, never the briefing."""
    return f"unexpected error: {type(err).__name__}: {one_line(str(err))[:300]}"


@dataclass
class Found:
    """What one loader found in one document: articles, links to follow (lists), (origin, reason) skipped."""

    docs: list[SourceDoc] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
