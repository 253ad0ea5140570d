"""The article list (left pane): title, source, date and counts of each article."""

from __future__ import annotations

from collections.abc import Mapping

from textual import on
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets.option_list import Option

from brief.models import Article, Briefing
from brief.ui.format import article_counts, entity_types, plural, safe
from brief.ui.widgets.navlist import NavList


def article_prompt(article: Article, types: Mapping[str, str], is_open: bool = False) -> Content:
    """Three lines: the title (bold), source · date, and the counts (dim)."""
    people, companies, figures = article_counts(article, types)
    title = Content(safe(" ".join(article.title.split()))).stylize("bold")
    if is_open:
        title = Content.assemble(("▌", "$accent"), title)
    notes = (
        "summary only" if article.summary_only else None,
        "repeats another article" if article.duplicate_of else None,
    )
    meta = " · ".join(part for part in (article.source, article.published, *notes) if part)
    counts = " · ".join(
        (plural(people, "person", "people"), plural(companies, "company", "companies"), plural(figures, "figure"))
    )
    lines = [title]
    if meta:
        lines.append(Content(safe(meta)).stylize("$text-muted"))
    lines.append(Content(counts).stylize("$text-muted italic"))
    return Content("\n").join(lines)


class ArticleList(NavList):
    """Lists the articles; filtered to those mentioning one entity while ``filter_entity`` is set."""

    class Selected(Message):
        """The user opened an article (enter or click)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    filter_entity: var[str | None] = var(None)
    """The entity the list is filtered by, or None for every article."""
    open_article: var[str | None] = var(None)
    """The article shown in the reader (marked in the list)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.briefing: Briefing | None = None
        self._types: dict[str, str] = {}

    def show_loading(self) -> None:
        """A static placeholder: an animated indicator would compete with the loading thread."""
        self.set_options([Option(Content("Loading…").stylize("italic $text-muted"), disabled=True)])

    def set_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self._types = entity_types(briefing)
        self.filter_entity = None
        self._rebuild()

    @property
    def shown_ids(self) -> list[str]:
        return [option.id for option in self.options if option.id is not None]

    def _articles(self) -> list[Article]:
        if self.briefing is None:
            return []
        if self.filter_entity is None:
            return list(self.briefing.articles)
        return self.briefing.articles_mentioning(self.filter_entity)

    def _rebuild(self) -> None:
        briefing = self.briefing
        if briefing is None:
            return
        keep = self.highlighted_option.id if self.highlighted_option is not None else self.open_article
        articles = self._articles()
        self.set_separated(Option(article_prompt(a, self._types, a.id == self.open_article), id=a.id) for a in articles)
        ids = [a.id for a in articles]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = 0
        total = len(briefing.articles)
        entity = briefing.entity(self.filter_entity) if self.filter_entity else None
        self.border_subtitle = f"{len(ids)} of {total} · {entity.name}" if entity else str(total)

    def watch_filter_entity(self, entity_id: str | None) -> None:
        self.set_class(entity_id is not None, "-filtered")
        self._rebuild()

    def watch_open_article(self, old: str | None, new: str | None) -> None:
        if self.briefing is None:
            return
        for article_id, is_open in ((old, False), (new, True)):
            if article_id is None or article_id not in self.shown_ids:
                continue
            article = next(a for a in self.briefing.articles if a.id == article_id)
            self.replace_option_prompt(article_id, article_prompt(article, self._types, is_open))

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Selected(event.option_id))
