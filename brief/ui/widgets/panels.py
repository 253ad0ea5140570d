"""Side panels across all articles: people, companies and figures."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option, OptionDoesNotExist

from brief.models import Briefing, EntityType, Figure
from brief.ui.format import format_value, plural, safe, shorten
from brief.ui.widgets.navlist import NavList


def entity_prompt(name: str, role: str | None, mentions: int, articles: int) -> Content:
    """The name, then the role (when known) and how often / where it is mentioned."""
    counts = f"{plural(mentions, 'mention')} · {plural(articles, 'article')}"
    lines = [Content(safe(name)).stylize("bold")]
    if role:
        lines.append(Content(safe(role)).stylize("italic"))
    lines.append(Content(counts).stylize("$text-muted"))
    return Content("\n").join(lines)


def figure_prompt(figure: Figure, article_title: str) -> Content:
    """The normalised value, the figure as written, what it is about and its article."""
    value = format_value(figure)
    first = Content(safe(figure.text)).stylize("bold")
    if value != figure.text:
        first = Content.assemble(first, ("  → ", "$text-muted"), (value, "bold $text-warning"))
    lines = [first]
    if figure.about:
        lines.append(Content(safe(figure.about)))
    lines.append(Content(safe(shorten(article_title, 30))).stylize("$text-muted italic"))
    return Content("\n").join(lines)


def figure_option_id(article_id: str, index: int) -> str:
    return f"{article_id}#{index}"


def parse_figure_option_id(option_id: str) -> tuple[str, int]:
    article_id, _, index = option_id.rpartition("#")
    return article_id, int(index)


class EntityPanel(NavList):
    """People (``kind="person"``) or companies (``kind="organization"``), most mentioned first."""

    class EntityChosen(Message):
        """Enter on an entity: filter the articles by it and mark its mentions."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, kind: EntityType, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.kind = kind

    def set_briefing(self, briefing: Briefing) -> None:
        entities = sorted(
            (e for e in briefing.entities if e.type == self.kind),
            key=lambda e: (-e.mention_count, -len(e.articles), e.name.casefold()),
        )
        self.set_separated(
            Option(entity_prompt(e.name, e.roles[0] if e.roles else None, e.mention_count, len(e.articles)), id=e.id)
            for e in entities
        )
        self.border_subtitle = str(len(entities))

    def select_entity(self, entity_id: str) -> None:
        """Move the cursor to the entity, if it is one of this panel's."""
        try:
            self.highlighted = self.get_option_index(entity_id)
        except OptionDoesNotExist:
            pass

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.EntityChosen(event.option_id))


class FigurePanel(NavList):
    """Every figure of every article, in article order."""

    class FigureChosen(Message):
        """Enter on a figure: open its article scrolled to it."""

        def __init__(self, article_id: str, figure_index: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.figure_index = figure_index

    def set_briefing(self, briefing: Briefing) -> None:
        self.set_separated(
            Option(figure_prompt(figure, article.title), id=figure_option_id(article.id, index))
            for article in briefing.articles
            for index, figure in enumerate(article.figures)
        )
        self.border_subtitle = str(self.option_count)

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.FigureChosen(*parse_figure_option_id(event.option_id)))
