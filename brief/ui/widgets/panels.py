"""Side panels: people, companies, figures, quotes and deals of the articles in view, a page at a time.

Every panel is one ``Panel`` widget driven by an entry of ``PANELS``: its id and title, what its rows are,
how a row is counted, read and drawn, and what enter on a row asks for. A new panel is one more entry (and,
if it wants one, a title colour in ``styles/main.tcss``).

Each panel reads its rows for a ``Scope`` (the list's search, the open article, or all articles) and its title
says which: "People · search · 41".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.content import Content
from textual.message import Message

from brief.ui import messages
from brief.ui.format import format_value, plural, safe
from brief.ui.sparkline import sparkline
from brief.ui.widgets.navlist import NavList

if TYPE_CHECKING:
    from brief.models import Figure
    from brief.pipeline.index.query import Scope
    from brief.pipeline.index.reader import DealRow, EntityRow, QuoteRow
    from brief.ui.source import Source

UNNAMED = "?"
"""A side of a deal the text does not name."""
SPARK_CELLS = 14
"""The widest sparkline on a People or Companies row (a third of the row at the most)."""
NAME_STYLES = {"person": "$text-primary", "organization": "$text-success"}
"""The sparkline takes the colour the reader gives the entity's mentions."""


# -- what a row shows -------------------------------------------------------------------------------


def entity_prompt(name: str, role: str | None, mentions: int, articles: int) -> list[Content]:
    """The name, then the role (when known) and how often / where it is mentioned."""
    counts = f"{plural(mentions, 'mention')} · {plural(articles, 'article')}"
    lines = [Content(safe(name)).stylize("bold")]
    if role:
        lines.append(Content(safe(role)).stylize("italic"))
    lines.append(Content(counts).stylize("$text-muted"))
    return lines


def entity_lines(row: EntityRow, width: int) -> list[Content]:
    """``entity_prompt`` with the mentions per day as a sparkline at the right of the name (the same days on
    every row of the panel, so the rows compare: ``brief.pipeline.index.timeline``)."""
    lines = entity_prompt(row.name, row.role, row.mentions, row.articles)
    spark = sparkline(row.per_day, min(SPARK_CELLS, width // 3))
    if spark:
        name = lines[0].truncate(max(width - len(spark) - 1, 1), ellipsis=True, pad=True)
        lines[0] = Content.assemble(name, " ", (spark, NAME_STYLES.get(row.type, "$text-accent")))
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
    lines.append(_article(article_title))
    return lines


def quote_prompt(row: QuoteRow) -> list[Content]:
    """The speaker (or the words naming them, or "unattributed"), the quote, its article."""
    if row.speaker:
        speaker = Content(safe(row.speaker)).stylize("bold $text-primary")
    elif row.quote.speaker_text:
        speaker = Content(safe(row.quote.speaker_text)).stylize("bold")
    else:
        speaker = Content("unattributed").stylize("$text-muted italic")
    quote = Content(safe(f"“{' '.join(row.quote.text.split())}”")).stylize("italic $text-secondary")
    return [speaker, quote, _article(row.article_title)]


def deal_prompt(row: DealRow) -> list[Content]:
    """From → kind → to; the amount and stake (when stated); the article."""
    parties = Content.assemble((safe(row.buyer or UNNAMED), "bold"), (f" → {row.kind} → ", "$text-muted"),
                               (safe(row.target or UNNAMED), "bold"))
    terms = " · ".join(part for part in (row.amount, f"{row.stake} stake" if row.stake else "") if part)
    amount = Content(safe(terms)).stylize("bold $text-warning") if terms else \
        Content("no amount stated").stylize("$text-muted italic")
    return [parties, amount, _article(row.article_title)]


def _article(title: str) -> Content:
    return Content(safe(" ".join(title.split()))).stylize("$text-muted italic")


# -- the table of panels ----------------------------------------------------------------------------

Count = Callable[["Source", "Scope | None"], int]
Rows = Callable[["Source", "Scope | None", int, int], Sequence[Any]]


@dataclass(frozen=True)
class PanelSpec:
    """One side panel, as data."""

    id: str
    """The widget's id (``#people``): tests, CSS (its title's colour) and the layout find it by it."""
    title: str
    """What the panel lists ("People"): its title before the scope and count, and its tab's label."""
    kind: str
    """What a row is: "person", "organization", "figure", "quote" or "deal"."""
    count: Count
    """How many rows ``scope`` has."""
    rows: Rows
    """A page of ``scope``'s rows: (source, scope, offset, limit)."""
    lines: Callable[[Any, int], list[Content]]
    """A row's lines at a width (up to ``NavList.ROW_LINES``)."""
    chosen: Callable[[Any], Message]
    """The message enter on a row posts (``brief.ui.messages``)."""
    target: bool = False
    """w, x and f act on its focused row (a name or a figure: ``MainScreen.target``)."""
    page: int = NavList.PAGE
    """Rows read at a time."""


def _entities(kind: str) -> tuple[Count, Rows]:
    def count(source: Source, scope: Scope | None) -> int:
        return source.entity_count(kind, scope)

    def rows(source: Source, scope: Scope | None, offset: int, limit: int) -> list[EntityRow]:
        return source.with_days(source.entity_rows(kind, offset, limit, scope), scope)  # the page shown only

    return count, rows


ENTITY_PAGE = 25
"""People and companies read at a time: each page reads its rows' mentions per day too (10 ms for 100 rows of
10,000 articles, 0.9 ms without), and a panel shows a few rows."""

PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("people", "People", "person", *_entities("person"), entity_lines, messages.EntityChosen, target=True,
              page=ENTITY_PAGE),
    PanelSpec("companies", "Companies", "organization", *_entities("organization"), entity_lines,
              messages.EntityChosen, target=True, page=ENTITY_PAGE),
    PanelSpec("figures", "Figures", "figure", lambda s, scope: s.figure_count(scope),
              lambda s, scope, offset, limit: s.figure_rows(offset, limit, scope),
              lambda row, width: figure_prompt(row.figure, row.article_title), messages.FigureChosen, target=True),
    PanelSpec("quotes", "Quotes", "quote", lambda s, scope: s.quote_count(scope),
              lambda s, scope, offset, limit: s.quote_rows(offset, limit, scope),
              lambda row, width: quote_prompt(row), messages.QuoteChosen),
    PanelSpec("deals", "Deals", "deal", lambda s, scope: s.deal_count(scope),
              lambda s, scope, offset, limit: s.deal_rows(offset, limit, scope),
              lambda row, width: deal_prompt(row), messages.DealChosen),
)
"""The side panels, top to bottom (and the tabs, left to right, in a narrow terminal)."""


class Panel(NavList):
    """A side panel: the rows of ``spec`` for the articles in scope, most relevant first."""

    def __init__(self, spec: PanelSpec, *, classes: str | None = None) -> None:
        super().__init__(id=spec.id, classes=classes)
        self.spec = spec
        self.PAGE = spec.page  # type: ignore[misc]
        self.source: Source | None = None
        self.scope: Scope | None = None
        """The articles the rows come from (None: all)."""
        self._read: tuple[int, list[Any]] | None = None
        """The count and first page a worker read, while the panel reloads with them."""

    @property
    def label(self) -> str:
        return self.spec.title

    @property
    def kind(self) -> str:
        return self.spec.kind

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

    def count_in(self, scope: Scope | None) -> int:
        return 0 if self.source is None else self.spec.count(self.source, scope)

    def rows_in(self, scope: Scope | None, offset: int, limit: int) -> list[Any]:
        return [] if self.source is None else list(self.spec.rows(self.source, scope, offset, limit))

    def fetch_count(self) -> int:
        return self.count_in(self.scope) if self._read is None else self._read[0]

    def fetch(self, offset: int, limit: int) -> list[Any]:
        if self._read is not None and offset == 0 and len(self._read[1]) >= min(limit, self._read[0]):
            return self._read[1][:limit]
        return self.rows_in(self.scope, offset, limit)

    def row_lines(self, row: Any, index: int, width: int) -> list[Content]:
        return self.spec.lines(row, width)

    def reload(self, keep: bool = True) -> None:
        super().reload(keep)
        self.border_title = f"{self.label} · {'all' if self.scope is None else self.scope.name} · {self.count:,}"

    def select_entity(self, slug: str, within: int = 500) -> None:
        """Move the cursor to the entity if it is under it already or among the first ``within`` rows."""
        current = self.highlighted_row
        if getattr(current, "slug", None) == slug:
            return
        for index in range(min(self.count, within)):
            if getattr(self.row(index), "slug", None) == slug:
                self.highlighted = index
                return

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.spec.chosen(event.row))
