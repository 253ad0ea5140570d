"""The main screen: articles, reader and the people/companies/figures panels."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header

from brief.models import Article, Briefing
from brief.ui.format import plural, safe
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.footer import KeysFooter
from brief.ui.widgets.panels import EntityPanel, FigurePanel
from brief.ui.widgets.reader import Reader


class MainScreen(Screen[None]):
    """Loads the briefing in a worker, then keeps the list, reader and panels in step."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_mention", "Next mention", id="main.next_mention"),
        Binding("N", "previous_mention", "Prev mention", id="main.previous_mention"),
        Binding("escape", "clear_filter", "Clear filter", id="main.clear_filter"),
        Binding("e", "export", "Export", id="main.export"),
    ]

    briefing: var[Briefing | None] = var(None)
    """Everything loaded; None while loading."""
    filter_entity: var[str | None] = var(None)
    """The entity chosen in a panel: the list shows its articles, the reader marks it."""

    class Loaded(Message):
        def __init__(self, briefing: Briefing) -> None:
            super().__init__()
            self.briefing = briefing

    class Progress(Message):
        def __init__(self, done: int, total: int, name: str) -> None:
            super().__init__()
            self.done, self.total, self.name = done, total, name

    class LoadFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        paths: Sequence[Path] | None = None,
        *,
        cache_dir: Path | None = None,
        briefing: Briefing | None = None,
    ) -> None:
        super().__init__()
        self._paths = list(paths) if paths else None
        self._cache_dir = cache_dir
        self._initial = briefing

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="body"):
            yield ArticleList(id="articles")
            yield Reader(id="reader")
            with Vertical(id="side"):
                yield EntityPanel("person", id="people")
                yield EntityPanel("organization", id="companies")
                yield FigurePanel(id="figures")
        yield KeysFooter()

    def on_mount(self) -> None:
        titles = {"articles": "Articles", "reader": "Reader", "people": "People",
                  "companies": "Companies", "figures": "Figures"}
        for widget_id, title in titles.items():
            self.query_one(f"#{widget_id}").border_title = title
        self.query_one(ArticleList).focus()
        if self._initial is not None:
            self.briefing = self._initial
        else:
            self.sub_title = "loading…"
            self.query_one(Reader).show_message("Loading articles…")
            self.query_one(ArticleList).show_loading()
            self.load()

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Build the briefing off the event loop (the pipeline blocks), then post it back."""
        from brief.paths import seeds_dir

        paths = self._paths or [seeds_dir()]
        try:
            from brief.pipeline.build import load_briefing

            def progress(done: int, total: int, name: str) -> None:
                self.post_message(self.Progress(done, total, name))

            briefing = load_briefing(paths, cache_dir=self._cache_dir, progress=progress)
        except Exception as error:  # shown to the user rather than crashing the app
            self.post_message(self.LoadFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(self.Loaded(briefing))

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        if self.briefing is None:
            self.sub_title = f"loading {event.done}/{event.total} · {safe(Path(event.name).name)}"

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.briefing = event.briefing

    @on(LoadFailed)
    def _load_failed(self, event: LoadFailed) -> None:
        self.query_one(ArticleList).clear_options()
        self.sub_title = "could not load the articles"
        self.query_one(Reader).show_message(f"Could not load the articles.\n\n{event.error}")
        self.notify(safe(event.error), title="Loading failed", severity="error", timeout=10, markup=False)

    def watch_briefing(self, briefing: Briefing | None) -> None:
        if briefing is None:
            return
        self.query_one(ArticleList).set_briefing(briefing)
        self.query_one("#people", EntityPanel).set_briefing(briefing)
        self.query_one("#companies", EntityPanel).set_briefing(briefing)
        self.query_one(FigurePanel).set_briefing(briefing)
        people = sum(e.type == "person" for e in briefing.entities)
        figures = sum(len(a.figures) for a in briefing.articles)
        self.sub_title = " · ".join((
            plural(len(briefing.articles), "article"), plural(people, "person", "people"),
            plural(len(briefing.entities) - people, "company", "companies"), plural(figures, "figure"),
        ))
        if briefing.skipped:
            self.notify(
                safe("\n".join(f"{Path(path).name}: {reason}" for path, reason in briefing.skipped[:5])),
                title=f"{plural(len(briefing.skipped), 'file')} skipped", severity="warning", markup=False,
            )
        if briefing.articles:
            self.open_article(briefing.articles[0].id)
        else:
            self.query_one(Reader).show_message("No articles were found.")

    # -- opening and filtering ----------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        if self.briefing is None:
            return None
        return next((a for a in self.briefing.articles if a.id == article_id), None)

    def open_article(self, article_id: str, at: tuple[str, int, str | None] | None = None) -> None:
        """Show an article in the reader; ``at`` = (field, offset, kind) makes that highlight current."""
        article = self.article(article_id)
        if article is None or self.briefing is None:
            return
        self.query_one(Reader).show_article(article, self.briefing, at)  # type: ignore[arg-type]
        self.query_one(ArticleList).open_article = article_id

    def choose_entity(self, entity_id: str) -> None:
        """Filter the list to the entity's articles and mark (and go to) its mentions."""
        if self.briefing is None or self.briefing.entity(entity_id) is None:
            return
        self.filter_entity = entity_id
        for panel in self.query(EntityPanel):
            panel.select_entity(entity_id)
        reader = self.query_one(Reader)
        mentioning = [a.id for a in self.briefing.articles_mentioning(entity_id)]
        if reader.article_id not in mentioning and mentioning:
            self.open_article(mentioning[0])
        reader.current = None
        reader.move(1)

    def watch_filter_entity(self, entity_id: str | None) -> None:
        self.query_one(ArticleList).filter_entity = entity_id
        self.query_one(Reader).marked = entity_id
        self.refresh_bindings()

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    @on(EntityPanel.EntityChosen)
    def _entity_chosen(self, event: EntityPanel.EntityChosen) -> None:
        self.choose_entity(event.entity_id)

    @on(Reader.MentionClicked)
    def _mention_clicked(self, event: Reader.MentionClicked) -> None:
        self.choose_entity(event.entity_id)

    @on(FigurePanel.FigureChosen)
    def _figure_chosen(self, event: FigurePanel.FigureChosen) -> None:
        article = self.article(event.article_id)
        if article is not None and event.figure_index < len(article.figures):
            figure = article.figures[event.figure_index]
            self.open_article(article.id, at=(figure.field, figure.start, "figure"))

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # n/N/e stay in the footer while loading (they do nothing yet): one footer layout, not two
        if action == "clear_filter":
            return self.filter_entity is not None
        return True

    def _move(self, step: int) -> None:
        if self.briefing is None:
            return
        if self.query_one(Reader).move(step) is None:
            self.notify("No highlighted mentions in this article.", timeout=2)

    def action_next_mention(self) -> None:
        self._move(1)

    def action_previous_mention(self) -> None:
        self._move(-1)

    def action_clear_filter(self) -> None:
        self.filter_entity = None

    def action_export(self) -> None:
        from brief.ui.screens.export import ExportScreen

        if self.briefing is None:
            self.notify("The articles are still loading.", timeout=3)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export(path)

        self.app.push_screen(ExportScreen(), chosen)

    @work(thread=True, exclusive=True, group="export")
    def export(self, path: Path, force: bool = False) -> None:
        """Render and write the Markdown off the event loop; ask before replacing a file."""
        from brief.pipeline.export import render_markdown, write_text

        assert self.briefing is not None
        try:
            write_text(path, render_markdown(self.briefing), force=force)
        except FileExistsError:
            self.app.call_from_thread(self._confirm_overwrite, path)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, f"{path}: {error.strerror or error}", title="Export failed", severity="error",
                markup=False,
            )
        else:
            self.app.call_from_thread(self.notify, str(path), title="Briefing written", markup=False)

    def _confirm_overwrite(self, path: Path) -> None:
        from brief.ui.screens.export import ConfirmOverwrite

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.export(path, force=True)
            else:
                self.notify("Nothing was written.", title="Export cancelled", timeout=3)

        self.app.push_screen(ConfirmOverwrite(path), answered)
