"""Side panels across all articles: people, companies and figures, a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.content import Content
from textual.message import Message

from brief.ui.format import format_value, plural, safe
from brief.ui.widgets.navlist import NavList

if TYPE_CHECKING:
    from brief.models import Figure
    from brief.pipeline.index.reader import EntityRow, FigureRow
    from brief.ui.source import Source


def entity_prompt(name: str, role: str | None, mentions: int, articles: int) -> list[Content]:
    """The name, then the role (when known) and how often / where it is mentioned."""
    counts = f"{plural(mentions, 'mention')} · {plural(articles, 'article')}"
    lines = [Content(safe(name)).stylize("bold")]
    if role:
        lines.append(Content(safe(role)).stylize("italic"))
    lines.append(Content(counts).stylize("$text-muted"))
    return lines


def figure_prompt(figure: Figure, article_title: str) -> list[Content]:
    """The figure as written and its normalised value, what it is about, and its article."""
    value = format_value(figure)
    first = Content(safe(figure.text)).stylize("bold")
    if value != figure.text:
        first = Content.assemble(first, ("  → ", "$text-muted"), (value, "bold $text-warning"))
    lines = [first]
    if figure.about:
        lines.append(Content(safe(figure.about)))
    lines.append(Content(safe(" ".join(article_title.split()))).stylize("$text-muted italic"))
    return lines


class _SourcePanel(NavList):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source: Source | None = None

    def set_source(self, source: Source | None) -> None:
        self.source = source
        self.reload(keep=False)

    def reload(self, keep: bool = True) -> None:
        super().reload(keep)
        self.border_subtitle = f"{self.count:,}"


class EntityPanel(_SourcePanel):
    """People (``kind="person"``) or companies (``kind="organization"``), most mentioned first."""

    ROW_LINES: ClassVar[int] = 3
    class EntityChosen(Message):
        """Enter on an entity: search for it and mark its mentions."""

        def __init__(self, row: EntityRow) -> None:
            super().__init__()
            self.row = row
            self.entity_id = row.slug

    def __init__(self, kind: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.kind = kind

    def fetch_count(self) -> int:
        return 0 if self.source is None else self.source.entity_count(self.kind)

    def fetch(self, offset: int, limit: int) -> list[EntityRow]:
        return [] if self.source is None else self.source.entity_rows(self.kind, offset, limit)

    def row_lines(self, row: EntityRow, index: int, width: int) -> list[Content]:
        return entity_prompt(row.name, row.role, row.mentions, row.articles)

    def select_entity(self, slug: str, within: int = 500) -> None:
        """Move the cursor to the entity if it is under it already or among the first ``within`` rows."""
        current = self.highlighted_row
        if current is not None and current.slug == slug:
            return
        for index in range(min(self.count, within)):
            row = self.row(index)
            if row is not None and row.slug == slug:
                self.highlighted = index
                return

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.EntityChosen(event.row))  # type: ignore[arg-type]


class FigurePanel(_SourcePanel):
    """Every figure of every article, in article order."""

    ROW_LINES: ClassVar[int] = 3

    class FigureChosen(Message):
        """Enter on a figure: open its article scrolled to it."""

        def __init__(self, row: FigureRow) -> None:
            super().__init__()
            self.row = row
            self.article_id = row.article_id

    def fetch_count(self) -> int:
        return 0 if self.source is None else self.source.figure_count()

    def fetch(self, offset: int, limit: int) -> list[FigureRow]:
        return [] if self.source is None else self.source.figure_rows(offset, limit)

    def row_lines(self, row: FigureRow, index: int, width: int) -> list[Content]:
        return figure_prompt(row.figure, row.article_title)

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.FigureChosen(event.row))  # type: ignore[arg-type]
