"""A quote with its citation, as one line of Markdown for a notes app (``y`` in the reader).

``> "We will pay in cash" — Lena Marsh, [The Daily Ledger](https://…), 5 Mar 2024``: the words, who said them,
where (a link only to an http(s) URL) and when, as the reader shows the date. The article's text is data: what
Markdown would read as markup is escaped as in the briefing's tables (``export.cell``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brief.pipeline.dates import shown_date
from brief.pipeline.export import _link, cell

if TYPE_CHECKING:
    from brief.models import Article, Quote


def quote_markdown(quote: Quote, article: Article, speaker: str | None = None) -> str:
    """The quote as a Markdown block quote with its citation; ``speaker`` is its speaker's name (None: the words
    naming them as written, if any). Parts the article lacks (a source, a link, a date) are left out."""
    who = speaker or quote.speaker_text
    where = cell(article.source or article.title)
    link = _link(article.url).strip("<>")
    cited = [cell(who) if who else "", f"[{where}]({link})" if link and where else where,
             cell(shown_date(article.published, article.published_text))]
    citation = ", ".join(part for part in cited if part)
    said = f'> "{cell(quote.text)}"'
    return f"{said} — {citation}" if citation else said
