"""Side panels: people, companies, figures (and quotes, deals) of the articles in view, a page at a time.

Each panel reads its rows for a ``Scope`` (the list's search, the open article, or all articles) and its title
says which: "People · search · 41".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.content import Content
from textual.message import Message

from brief.ui.format import format_value, plural, safe
from brief.ui.widgets.navlist import NavList

if TYPE_CHECKING:
    from brief.models import Figure
    from brief.pipeline.index.query import Scope
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
    def __init__(self, *, id: str | None = None, classes: str | None = None, label: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.source: Source | None = None
        self.scope: Scope | None = None
        """The articles the rows come from (None: all)."""
        self.label = label
        """What the panel lists ("People"), its title before the scope and count."""
        self._read: tuple[int, list[Any]] | None = None
        """The count and first page a worker read, while the panel reloads with them."""

    def set_source(self, source: Source | None) -> None:
        self.source = source
        self.reload(keep=False)

    def set_scope(self, scope: Scope | None, read: tuple[int, list[Any]] | None = None) -> None:
        """List the rows of ``scope``'s articles, from the first; ``read`` is its count and first page when a
        worker has read them (``read_scope``)."""
        if scope == self.scope and read is None:
            return
        self.scope = scope
        if read is None:
            self.reload(keep=False)
            return
        self._read = read
        try:
            self.reload(keep=False)
        finally:
            self._read = None

    def read_scope(self, scope: Scope | None) -> tuple[int, list[Any]]:
        """The count and first page of ``scope`` (any thread: nothing of the widget is changed)."""
        count = self.count_in(scope)
        return count, self.rows_in(scope, 0, min(count, self.PAGE)) if count else []

    def fetch_count(self) -> int:
        return self.count_in(self.scope) if self._read is None else self._read[0]

    def fetch(self, offset: int, limit: int) -> list[Any]:
        if self._read is not None and offset == 0 and len(self._read[1]) >= min(limit, self._read[0]):
            return self._read[1][:limit]
        return self.rows_in(self.scope, offset, limit)

    def count_in(self, scope: Scope | None) -> int:
        raise NotImplementedError

    def rows_in(self, scope: Scope | None, offset: int, limit: int) -> list[Any]:
        raise NotImplementedError

    def reload(self, keep: bool = True) -> None:
        super().reload(keep)
        self.border_title = f"{self.label} · {'all' if self.scope is None else self.scope.name} · {self.count:,}"


class EntityPanel(_SourcePanel):
    """People (``kind="person"``) or companies (``kind="organization"``), most mentioned first."""

    ROW_LINES: ClassVar[int] = 3
    class EntityChosen(Message):
        """Enter on an entity: search for it and mark its mentions."""

        def __init__(self, row: EntityRow) -> None:
            super().__init__()
            self.row = row
            self.entity_id = row.slug

    def __init__(self, kind: str, *, id: str | None = None, classes: str | None = None, label: str = "") -> None:
        super().__init__(id=id, classes=classes, label=label)
        self.kind = kind

    def count_in(self, scope: Scope | None) -> int:
        return 0 if self.source is None else self.source.entity_count(self.kind, scope)

    def rows_in(self, scope: Scope | None, offset: int, limit: int) -> list[EntityRow]:
        return [] if self.source is None else self.source.entity_rows(self.kind, offset, limit, scope)

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
    """The figures of the articles in scope, in article order."""

    ROW_LINES: ClassVar[int] = 3

    class FigureChosen(Message):
        """Enter on a figure: open its article scrolled to it."""

        def __init__(self, row: FigureRow) -> None:
            super().__init__()
            self.row = row
            self.article_id = row.article_id

    def count_in(self, scope: Scope | None) -> int:
        return 0 if self.source is None else self.source.figure_count(scope)

    def rows_in(self, scope: Scope | None, offset: int, limit: int) -> list[FigureRow]:
        return [] if self.source is None else self.source.figure_rows(offset, limit, scope)

    def row_lines(self, row: FigureRow, index: int, width: int) -> list[Content]:
        return figure_prompt(row.figure, row.article_title)

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.FigureChosen(event.row))  # type: ignore[arg-type]
