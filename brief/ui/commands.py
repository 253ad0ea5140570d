"""Command palette: "open: <article title>" and "jump: <entity name>"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from brief.models import Briefing
from brief.ui.format import safe


def _highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but the text stays plain (that one parses it as markup)."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class BriefCommands(Provider):
    """Searches the loaded briefing; does nothing while it loads."""

    def _entries(self) -> list[tuple[str, Callable[[], None], str]]:
        from brief.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen) or screen.briefing is None:
            return []
        briefing: Briefing = screen.briefing
        entries: list[tuple[str, Callable[[], None], str]] = []
        for article in briefing.articles:
            entries.append((f"open: {safe(' '.join(article.title.split()))}", partial(screen.open_article, article.id),
                            safe(article.source or "Open this article in the reader")))
        for entity in briefing.entities:
            kind = "person" if entity.type == "person" else "company"
            entries.append((f"jump: {safe(entity.name)}", partial(screen.choose_entity, entity.id),
                            f"{kind} · show the articles that mention it"))
        return entries

    async def discover(self) -> Hits:
        for text, callback, help_text in self._entries():
            yield DiscoveryHit(Content(text), callback, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), callback, text=text, help=escape(help_text))
