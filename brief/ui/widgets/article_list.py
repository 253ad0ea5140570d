"""The article list (left pane): title, source, date and counts of each story, a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.content import Content
from textual.message import Message
from textual.reactive import var

from brief.pipeline.dates import shown_date
from brief.ui.document import wrap_offsets
from brief.ui.format import plural, safe
from brief.ui.widgets.navlist import NavList

if TYPE_CHECKING:
    from brief.pipeline.index.query import Query
    from brief.pipeline.index.reader import ArticleRow
    from brief.ui.source import Source


def _title_lines(title: str, width: int, lines: int) -> list[str]:
    """The title wrapped to ``width``, at most ``lines`` lines, the last one cut with "…" if need be."""
    text = " ".join(title.split())
    starts = wrap_offsets(text, max(width, 1))
    parts = [text[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1] + " " + text[starts[lines]:]  # truncated with "…" when drawn
    return parts


NEW = "new"
"""The mark of an article that arrived while the app is open (the watcher, ``r``), until opened."""


def article_prompt(row: ArticleRow, width: int = 1000, is_open: bool = False, title_lines: int = 2,
                   is_new: bool = False) -> list[Content]:
    """The title (bold, up to two lines), [new ·] source · date · "+N sources", and the counts (dim)."""
    lead = 1 if is_open else 0
    titles = _title_lines(safe(row.title), width - lead, title_lines)
    lines = [Content(t).stylize("bold") for t in titles]
    if is_open:
        lines[0] = Content.assemble(("▌", "$accent"), lines[0])
    when = shown_date(row.published, row.published_text)
    meta = Content(safe(" · ".join(part for part in (row.source, when) if part))).stylize("$text-muted")
    if row.copies:
        extra = Content(f"+{plural(row.copies, 'source')}").stylize("$text-accent")
        meta = Content.assemble(meta, (" · ", "$text-muted"), extra) if meta else extra
    if is_new:
        mark = Content(NEW).stylize("bold $text-success")
        meta = Content.assemble(mark, (" · ", "$text-muted"), meta) if meta else mark
    if meta:
        lines.append(meta)
    counts = " · ".join(
        (plural(row.people, "person", "people"), plural(row.organizations, "company", "companies"),
         plural(row.figures, "figure"))
    )
    lines.append(Content(counts).stylize("$text-muted italic"))
    return lines


class ArticleList(NavList["ArticleRow"]):
    """Every story, newest first, or those matching ``search``."""

    ROW_LINES: ClassVar[int] = 4

    class Selected(Message):
        """The user opened an article (enter or click)."""

        def __init__(self, row: ArticleRow) -> None:
            super().__init__()
            self.row = row
            self.article_id = row.id

    search: var[Query | None] = var(None, init=False, always_update=True)
    """The search the list shows the matches of, or None for every article."""
    open_article: var[int | None] = var(None, init=False)
    """The article shown in the reader (marked in the list)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source: Source | None = None
        self.total = 0
        self.label = ""
        self._recount = True
        """What the list is filtered by, for the border ("3 of 10 · Ada Okafor")."""
        self.new_ids: set[int] = set()
        """The articles marked new (the main screen keeps the set)."""

    def set_source(self, source: Source | None) -> None:
        self.source = source
        self.reload(keep=False)

    def fetch_count(self) -> int:
        if self.source is None:
            return 0
        if self.search is None or self._recount:
            self.total = self.source.count(None)
        self._recount = False
        return self.total if self.search is None else self.source.count(self.search)

    def fetch(self, offset: int, limit: int) -> list[ArticleRow]:
        return [] if self.source is None else self.source.rows(self.search, offset, limit)

    def row_lines(self, row: ArticleRow, index: int, width: int) -> list[Content]:
        return article_prompt(row, width, row.id == self.open_article, is_new=row.id in self.new_ids)

    def reload(self, keep: bool = True, recount: bool = True) -> None:
        """Read the rows again; ``recount`` counts every article too (not needed for another search)."""
        self._recount = recount
        super().reload(keep)
        if self.search is None:
            self.border_subtitle = f"{self.total:,}"
        else:
            self.border_subtitle = f"{self.count:,} of {self.total:,} · {self.label or self.search.text}"

    @property
    def shown_ids(self) -> list[str]:
        """The slugs of every row listed (tests, on small sources)."""
        return [row.slug for row in self.fetch(0, self.count)]

    def index_of(self, article_id: int, within: int = NavList.PAGE) -> int | None:
        """The row of ``article_id`` if it is among the first ``within`` rows (one page: no extra reads)."""
        for index in range(min(self.count, within)):
            row = self.row(index)
            if row is not None and row.id == article_id:
                return index
        return None

    def watch_search(self, query: Query | None) -> None:
        self.set_class(query is not None, "-filtered")
        self.reload(keep=False, recount=False)
        if query is not None:
            self.message = "No article matches."
        elif self.message == "No article matches.":
            self.message = "No articles were found."

    def watch_open_article(self, old: int | None, new: int | None) -> None:
        drawn = {index for index, _ in self._strips}
        self.forget_rows({i for i in drawn if (row := self.row(i)) is not None and row.id in (old, new)})

    @on(NavList.OptionSelected)
    def _selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Selected(event.row))  # type: ignore[arg-type]
