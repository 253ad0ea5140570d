"""Command palette: "open: <article title>", "jump: <entity name>", "fix: <entity name>", "review", "undo".

A corpus can hold 100,000 articles, so the palette offers the first few hundred of each list
(newest articles, most mentioned names) and, once words are typed, the articles whose text has
them, found through the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from brief.ui import messages
from brief.ui.format import safe

ARTICLES = 300
ENTITIES = 150
FOUND = 50

Entry = tuple[str, Callable[[], None], str]


def _highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but the text stays plain (that one parses it as markup)."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _profile(screen, slug: str) -> None:  # noqa: ANN001 - the MainScreen
    screen.post_message(messages.ProfileAsked(slug))


def _why(screen, slug: str) -> None:  # noqa: ANN001 - the MainScreen
    screen.post_message(messages.WhyAsked(slug))


def _review(screen) -> None:  # noqa: ANN001 - the MainScreen
    screen.post_message(messages.ReviewAsked())


def _undo(screen) -> None:  # noqa: ANN001 - the MainScreen
    screen.post_message(messages.UndoAsked())


class BriefCommands(Provider):
    """Searches the open index; does nothing while it opens."""

    def _screen(self):  # noqa: ANN202 - the MainScreen, imported lazily
        from brief.ui.screens.main import MainScreen

        screen = self.screen
        return screen if isinstance(screen, MainScreen) and screen.source is not None else None

    def _article_entries(self, rows: list) -> list[Entry]:
        screen = self._screen()
        return [(f"open: {safe(' '.join(row.title.split()))}", partial(screen.open_article, row.id),
                 safe(row.source or "Open this article in the reader")) for row in rows]

    def _entries(self, words: str = "") -> list[Entry]:
        screen = self._screen()
        if screen is None:
            return []
        source = screen.source
        rows = source.rows(None, 0, ARTICLES)
        terms = re.findall(r"\w+", re.sub(r"^(?:open|jump|fix|review|undo):", "", words))
        if terms:
            seen = {row.id for row in rows}
            query = source.query(" ".join(f'"{t}"' for t in terms))
            rows += [row for row in source.rows(query, 0, FOUND) if row.id not in seen]
        entries = self._article_entries(rows)
        entries += [("review: the names brief is unsure of", partial(_review, screen),
                     "types its mentions disagree on, weak evidence; most mentioned first, w fixes each (R)"),
                    ("undo: the last fix", partial(_undo, screen), "the last fix you made for this corpus (u)")]
        for kind, label in (("person", "person"), ("organization", "company")):
            for entity in source.entity_rows(kind, 0, ENTITIES):
                entries.append((f"jump: {safe(entity.name)}", partial(_profile, screen, entity.slug),
                                f"{label} · its profile: roles, figures, articles"))
                entries.append((f"fix: {safe(entity.name)}", partial(_why, screen, entity.slug),
                                f"{label} · why brief typed it so, and fix it (w)"))
        return entries

    async def discover(self) -> Hits:
        for text, callback, help_text in self._entries():
            yield DiscoveryHit(Content(text), callback, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._entries(query):
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), callback, text=text, help=escape(help_text))
