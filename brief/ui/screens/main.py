"""The main screen: articles (with the search box), reader and the people/companies/figures/quotes/deals panels.

The panels show what the list shows (its search), or with ``v`` the open article only, or the whole corpus.

Everything is read from one ``Source`` a page at a time. With an index, the screen shows what
the index already holds at once, then a worker brings it up to date and the lists fill in.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from brief.pipeline.index import stories
from brief.pipeline.index.query import ALL, QueryError, article_scope, search_scope
from brief.pipeline.text import one_line
from brief.ui import messages
from brief.ui.format import plural, safe
from brief.ui.reading import ReadMarks
from brief.ui.screens import back_to_main
from brief.ui.screens.add import AddScreen, remember, where
from brief.ui.screens.export import ConfirmOverwrite, ExportScreen
from brief.ui.screens.review import open_review
from brief.ui.screens.skipped import SkippedScreen
from brief.ui.source import Source, entity_names, open_library
from brief.ui.target import NOTHING, Target, cannot
from brief.ui.widgets.article_list import ArticleList
from brief.ui.widgets.footer import KeysFooter
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader
from brief.ui.widgets.search import SearchBar
from brief.ui.widgets.side import NARROW_BELOW, SidePanels
from brief.ui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from brief.config import Settings
    from brief.models import Article
    from brief.pipeline.index.query import Query, Scope
    from brief.pipeline.index.reader import EntityRow, FigureRow
    from brief.ui.document import Highlight

REFRESH_EVERY = 0.5
"""Seconds between refreshes of the lists while the index grows."""
PROGRESS_EVERY = 0.25
"""Seconds between progress messages from the indexing worker."""
SKIPPED_SHOWN = 5
"""Skipped files named in the notification (``s`` lists them all)."""
READING = "Reading articles…"
"""What the empty list and reader say until the first update is done (not "No articles were found")."""
NONE_FOUND = "No articles were found."
CHECKING = "checking the files…"
REFRESHING = "refreshing"
STAGES = (stories.REGROUPING, stories.WAITING)
"""The update's progress names that say what it does (shown as they are), not a file's."""
"""The header while ``r`` fetches the feeds and links again ("refreshing 2 / 5")."""
KEPT = ("refresh failed", "kept the copy")
"""What the index says of a feed or link whose refresh failed and whose copy was kept (``brief.pipeline.sources``)."""
SAID_AT_MOST = 40
"""Characters of a highlight quoted in a notice (what w, x or f found instead of what they act on)."""
VIEWS = ("search", "article", "all")
"""What the panels cover, in the order ``v`` goes through them: what the list shows (its search, all articles
without one), the open article, the whole corpus."""


class IndexingCancelled(Exception):
    """Raised from the progress callback to stop an update when the app closes."""


class MainScreen(Screen[None]):
    """Opens the source, keeps the list, reader and panels in step, and the index up to date."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", key_display="/", id="main.search"),
        Binding("n", "next_mention", "Next mention", id="main.next_mention"),
        Binding("N", "previous_mention", "Prev mention", id="main.previous_mention"),
        Binding("escape", "clear_filter", "Clear search", id="main.clear_filter"),
        Binding("e", "export", "Export", id="main.export"),
        Binding("s", "skipped", "Skipped", id="main.skipped"),
        Binding("s", "app.say('No file was skipped.')", show=False, id="main.none_skipped"),  # when s is hidden
        Binding("f", "filter", "Filter", id="main.filter"),  # what enter on a name did before the profile
        Binding("x", "across", "Across sources", show=False, id="main.across"),
        Binding("w", "why", "Why", show=False, id="main.why"),
        Binding("z", "zoom", "Reader only", show=False, id="main.zoom"),
        Binding("p", "side", "Panels", show=False, id="main.side"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="main.copy_quote"),
        Binding("v", "view", "Panels: view", show=False, id="main.view"),
        Binding("r", "refresh_links", "Refresh", show=False, id="main.refresh"),
        Binding("a", "add", "Add", show=False, id="main.add"),
        Binding("u", "undo_fix", "Undo fix", show=False, id="main.undo_fix"),
        Binding("R", "review", "Review", show=False, id="main.review"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    """Below ``NARROW_BELOW`` columns the side panels are tabs (``brief.ui.widgets.side``)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's, without its repaint of the whole screen on every focus change (a search, tab): the widgets
    that gain and lose focus restyle and redraw themselves."""
    source: var[Source | None] = var(None, init=False)
    """Where everything shown comes from; None until the index is open."""
    marked: var[EntityRow | None] = var(None, init=False)
    """The person or company chosen in a panel: its search runs and the reader marks it."""
    indexing: var[bool] = var(False, init=False)
    """The worker is bringing the index up to date."""
    up_to_date: var[bool] = var(False, init=False)
    """The index has been brought up to date (or failed to be) since the app started."""
    skipped: var[list[tuple[str, str]]] = var(list, init=False)
    zoomed: var[bool] = var(False, init=False)
    """The reader alone, the whole width (``z``): the list and the panels hidden."""
    view: var[str] = var("search", init=False)
    side_hidden: var[bool] = var(False, init=False)
    """The side panels hidden (``p``): the list and a wider reader."""
    """What the side panels cover (one of ``VIEWS``; ``v`` goes to the next)."""

    class Progress(Message):
        def __init__(self, done: int, total: int, name: str) -> None:
            super().__init__()
            self.done, self.total, self.name = done, total, name

    class Indexed(Message):
        def __init__(self, added: int, removed: int, skipped: list[tuple[str, str]], analysed: bool,
                     new: Sequence[int] = (), gone: Sequence[int] = (), refreshed: bool = False,
                     regrouped: int = 0) -> None:
            super().__init__()
            self.added, self.removed, self.skipped = added, removed, skipped
            self.analysed = analysed
            """Articles were analysed: new files, or the index's own articles again (an older schema)."""
            self.regrouped = regrouped
            """Articles whose story changed as an older brief's stories were grouped again (no file changed)."""
            self.new, self.gone = set(new), set(gone)
            """The ids of the articles this update indexed, and of those that left."""
            self.refreshed = refreshed
            """The feeds and links were fetched again (``r``)."""

    class Opened(Message):
        """The corpus is marked opened (its first update done): ``new`` are the stories new since the time before."""

        def __init__(self, new: set[int]) -> None:
            super().__init__()
            self.new = new

    class FilesChanged(Message):
        """Files changed in a folder watched (``brief.pipeline.index.watch``): the index is brought up to date."""

    class Failed(Message):
        def __init__(self, error: str, opening: bool) -> None:
            super().__init__()
            self.error, self.opening = error, opening

    def __init__(
        self,
        paths: Sequence[Path | str] | None = None,
        *,
        settings: Settings | None = None,
        source: Source | None = None,
    ) -> None:
        super().__init__()
        self._paths = list(paths) if paths else None
        self._settings = settings
        self._refresh = bool(settings and settings.refresh)  # links and feeds are fetched again once, not each update
        self._given = source
        self._open_id: int | None = None
        self._open_article: Article | None = None
        """What the reader shows of it, to tell when the index has changed it."""
        self._words: list[str] = []
        self._counted: list[str] = []
        self._unread: int | None = None  # said in the title; counted again when articles are written as read
        """The corpus's counts the header said last ("3 articles", "2 people", ...)."""
        self._last_reload = 0.0
        self._progress = ""
        self._listing = False
        self._reader_last = False
        """The reader's current highlight moved after any panel's cursor: w, x and f act on it (``target``)."""
        self._scoping = False
        """The panels are being given another scope (their cursors move, no one moved them)."""
        self._updating: str | None = None
        """What the update running does, "indexing" or ``REFRESHING`` (the feeds and links fetched again), from
        its start, before its first progress message; None when none runs."""
        self._again = False
        """Files changed or ``r`` was pressed while an update ran: another follows it."""
        self._new: set[int] = set()
        """The articles that arrived while the app is open (the watcher, ``r``), until opened."""
        self._stop_watching = threading.Event()
        self._watcher: threading.Thread | None = None
        self._opened = False
        """The corpus was marked opened (``Source.mark_opened``), once its first update was done."""
        self._reads: ReadMarks | None = None
        self._read: set[int] = set()
        """The articles marked read in this session (each is written once)."""
        self.watching = False
        """The corpus's folders are watched (set from the watcher's thread once it is in place)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield SearchBar(id="search")
                yield ArticleList(id="articles")
            yield Reader(id="reader")
            yield SidePanels(id="side")
        yield KeysFooter()

    def on_mount(self) -> None:
        titles = {"articles": "Articles", "reader": "Reader"}
        for widget_id, title in titles.items():
            self.query_one(f"#{widget_id}").border_title = title
        for panel in self.query(Panel):
            panel.reload()  # its title: "People · all · 0" until the index is open
        articles = self.query_one(ArticleList)
        articles.focus()
        # the reader follows the cursor; watched rather than messaged so both change in one frame
        self.watch(articles, "highlighted", self._cursor_moved, init=False)
        self.watch(self.query_one(Reader), "current", self._reader_moved, init=False)
        for panel in self.query(Panel):
            if panel.spec.target:
                self.watch(panel, "highlighted", self._panel_moved, init=False)
        if self._given is not None:
            self.source = self._given
            self.up_to_date = True
            self.skipped = list(self._given.skipped)
            self._notify_skipped()
        else:
            # Opened here, before the first frame: an index opens in a few milliseconds (its text is read a
            # page at a time), and a frame drawn while "opening" would cost as much as the full screen itself.
            try:
                source = open_library(self._paths, self._settings)
            except Exception as error:  # a broken config file, an unreadable cache: shown, not fatal
                self.post_message(self.Failed(f"{type(error).__name__}: {error}", opening=True))
                return
            self.source = source

    # -- opening and indexing -----------------------------------------------------------------

    def update_index(self, refresh: bool = False) -> None:
        """Bring the index up to date now, or after the update running (files changed, or ``r``)."""
        self._refresh = self._refresh or refresh
        if self._updating is not None:
            self._again = True
            return
        self._updating, self._again = REFRESHING if self._refresh else "indexing", False
        self.index()

    @work(thread=True, exclusive=True, group="index")
    def index(self) -> None:
        """Bring the index up to date; progress is posted a few times a second, not per batch."""
        assert self.source is not None
        worker = get_current_worker()
        last = 0.0
        analysed = False

        def progress(done: int, total: int, name: str) -> None:
            nonlocal last, analysed
            if worker.is_cancelled:
                raise IndexingCancelled
            analysed = analysed or done > 0
            now = time.monotonic()
            if done >= total or now - last >= PROGRESS_EVERY:
                last = now
                self.post_message(self.Progress(done, total, name))

        self.post_message(self.Progress(0, 0, ""))
        refresh, self._refresh = self._refresh, False
        try:
            report = self.source.update(progress=progress, refresh=refresh)
        except IndexingCancelled:
            return
        except Exception as error:
            self.post_message(self.Failed(f"{type(error).__name__}: {error}", opening=False))
            return
        if not self._opened:  # new and unread are kept in the index: what is new since the last opening is marked
            self._opened = True
            try:
                self.source.mark_opened()
                self.post_message(self.Opened(self.source.new_ids()))
            except Exception as error:  # noqa: BLE001 - the marks are not worth a failed opening
                self.post_message(self.Failed(f"{type(error).__name__}: {error}", opening=False))
        self.post_message(self.Indexed(report.added, report.removed, list(self.source.skipped), analysed,
                                       getattr(report, "new", ()), getattr(report, "gone", ()), refresh,
                                       getattr(report, "regrouped", 0)))

    def watch_folders(self) -> None:
        """Watch the corpus's folders in a thread of their own until the screen goes.

        Not a Textual worker: it never completes, and ``app.workers.wait_for_complete()`` would wait for it.
        A daemon thread, so that even a screen never unmounted cannot hold the process open.
        """
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="brief-watch", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        """Post ``FilesChanged`` when files change in the corpus's folders, until ``_stop_watching`` is set."""
        from brief.pipeline.index.watch import changes

        library = self.source
        assert library is not None  # watched once the index is open
        roots, cache = library.roots, library.path
        ignore = [cache.parent] if isinstance(cache, Path) else []

        def ready() -> None:  # what changed since the update before the watcher began is read now
            self.watching = True
            self.post_message(self.FilesChanged())

        try:
            for _changed in changes(roots, self._stop_watching, ignore, ready):
                self.post_message(self.FilesChanged())
        except Exception as error:  # too many folders for the system's watches, a folder gone: said, not fatal
            self.watching = False
            if not self._stop_watching.is_set():
                self.app.call_from_thread(self.notify, safe(f"{type(error).__name__}: {error}"),
                                          title="Not watching the folders (restart brief to see new files)",
                                          severity="warning", timeout=8, markup=False)

    def on_unmount(self) -> None:
        if self._reads is not None:
            self._reads.close()  # what was opened is written as read before brief ends
        self._stop_watching.set()
        if self._watcher is not None:
            self._watcher.join(timeout=0.5)  # it looks at the event every 0.1 s (watch.STEP_MS)

    @on(Opened)
    def _on_opened(self, event: Opened) -> None:
        self._new |= event.new - self._read
        self._new.discard(self._open_id)  # type: ignore[arg-type]
        self.query_one(ArticleList).new_ids = self._new
        self.query_one(ArticleList).refresh()
        self._update_title()

    @on(ReadMarks.Written)
    def _on_read(self) -> None:
        self._update_title(recount=False, unread=True)

    @on(FilesChanged)
    def _on_files_changed(self) -> None:
        self.update_index()

    @on(Progress)
    def _on_progress(self, event: Progress) -> None:
        self.indexing = True
        stage = event.name if event.name in STAGES else None  # (else a file's name)
        doing = stage or self._updating or "indexing"
        self._progress = f"{doing} {event.done:,} / {event.total:,}" if event.total else \
            f"{doing}…" if stage or doing == REFRESHING else CHECKING
        now = time.monotonic()
        if event.done and now - self._last_reload >= REFRESH_EVERY:
            self._last_reload = now
            self.reload()
        else:
            self._update_title(recount=False)  # four times a second: the counts change only with a reload

    @on(Indexed)
    def _on_indexed(self, event: Indexed) -> None:
        self.indexing = False
        first = not self.up_to_date
        self.up_to_date = True
        self._progress = ""
        if not first:  # arrived while the app is open: marked until opened
            self._new = (self._new - event.gone) | event.new
            self._new.discard(self._open_id)  # type: ignore[arg-type]
            self.query_one(ArticleList).new_ids = self._new
            if self._open_id in event.gone - event.new:  # its file was deleted: the reader opens the cursor's row
                self._open_id = self._open_article = None
        if event.added or event.removed or event.analysed or event.regrouped or not self.query_one(ArticleList).count:
            # an index of an older schema adds and removes nothing, but its quotes and deals are new
            self.reload()
            self._keep_cursor()
            self._reopen()
        else:
            self._update_title()
        before = set(self.skipped)
        self.skipped = event.skipped
        self._notify_skipped(None if first else before, event.refreshed and not first, len(event.new))
        self._updating = None
        if first and self._given is None:
            self.watch_folders()  # once the first update is done: its imports do not compete with it
        if self._again:
            self.update_index()

    @on(Failed)
    def _on_failed(self, event: Failed) -> None:
        self.indexing = False
        self.up_to_date = True
        self._progress = ""
        self._updating, self._again = None, False
        if event.opening:
            self.sub_title = "could not open the articles"
            self.query_one(ArticleList).message = "Could not open the articles."
            self.query_one(ArticleList).refresh()
            self.query_one(Reader).show_message(f"Could not open the articles.\n\n{event.error}")
        else:
            self._update_title()
            self._after_reload()  # no longer "Reading articles…"
        self.notify(safe(event.error), title="Indexing failed", severity="error", timeout=10, markup=False)

    def _notify_skipped(self, before: set[tuple[str, str]] | None = None, refreshed: bool = False,
                        new: int = 0) -> None:
        """Name the files skipped (``before``: those already said, not again), and what ``r`` brought."""
        skipped = [item for item in self.skipped if before is None or item not in before]
        kept = [item for item in skipped if any(words in item[1] for words in KEPT)]
        if refreshed:
            said = f"{plural(new, 'new article')}" if new else "Nothing new"
            if kept:
                self.notify(safe("\n".join(one_line(f"{path}: {reason}") for path, reason in kept[:SKIPPED_SHOWN])),
                            title=f"Refresh failed for {plural(len(kept), 'link')}: kept the copy you had",
                            severity="warning", timeout=10, markup=False)
            self.notify(said, title="Refreshed", timeout=4, markup=False)
            skipped = [item for item in skipped if item not in kept]
        if not skipped:
            return
        lines = [one_line(f"{Path(path).name}: {reason}") for path, reason in skipped[:SKIPPED_SHOWN]]
        if len(skipped) > SKIPPED_SHOWN:
            lines.append(f"… and {len(skipped) - SKIPPED_SHOWN:,} more: press s to see them all")
        self.notify(safe("\n".join(lines)), title=f"{plural(len(skipped), 'file')} skipped", severity="warning",
                    markup=False)

    def watch_skipped(self) -> None:
        self.refresh_bindings()

    def watch_source(self, source: Source | None) -> None:
        articles = self.query_one(ArticleList)
        articles.message = READING if self._given is None else NONE_FOUND
        if self._given is None and not self.up_to_date:
            self._progress = CHECKING  # from the first frame: the update starts after it
        self._listing = True
        articles.set_source(source)
        self._listing = False
        for panel in self.query(Panel):
            panel.set_source(source)
        self._last_reload = time.monotonic()
        self._update_title()
        self._after_reload()
        if self._given is None and source is not None:
            # after the first full screen: the update imports the extractors, which competes with drawing it
            self.call_after_refresh(self.update_index)

    def reload(self, panels: bool = True) -> None:
        """Read the counts and visible rows again (the index grew); ``panels=False``: not the panels (their scope
        is read again in a worker)."""
        self._last_reload = time.monotonic()
        self.query_one(ArticleList).reload()
        for panel in self.query(Panel) if panels else ():
            panel.reload()
        self._update_title()
        self._after_reload()

    def _after_reload(self) -> None:
        articles = self.query_one(ArticleList)
        if self.up_to_date and self.source is not None and not articles.count and articles.search is None:
            articles.message = NONE_FOUND
        if self._open_id is None and articles.count:
            row = articles.highlighted_row
            if row is not None:
                self.open_article(row.id, read=False)  # shown, not chosen: still unread
        elif not articles.count and self._open_id is None:
            self.query_one(Reader).show_message(articles.message)

    def _keep_cursor(self) -> None:
        """The list's cursor on the open article again, when rows arrived above it (without opening another)."""
        articles = self.query_one(ArticleList)
        index = None if self._open_id is None else articles.index_of(self._open_id)
        if index is not None and index != articles.highlighted:
            self._listing = True
            try:
                articles.highlighted = index
            finally:
                self._listing = False

    def _update_title(self, recount: bool = True, unread: bool = False) -> None:
        """The progress, the unread count and the corpus's counts (the panels' titles count what they show);
        ``recount=False`` keeps the counts said last (a progress message, an article opened: the index did not
        change); ``unread`` counts the unread again (articles were written as read)."""
        if recount or not self._counted:
            self._counted = self._counts()
        if recount or unread or self._unread is None:
            self._unread = None if self.source is None else self.source.unread_count()
        parts = [self._progress] if self._progress else []
        if self._new:
            parts.append(f"{len(self._new):,} new")
        if self._unread is not None and self._unread < self.query_one(ArticleList).total:  # all unread, as a
            parts.append(f"{self._unread:,} unread")  # corpus opened for the first time is: not said
        self.sub_title = " · ".join(parts + self._counted)

    def _counts(self) -> list[str]:
        if self.source is None:
            return []
        people, companies = (self.source.entity_count(kind) for kind in ("person", "organization"))
        return [plural(self.query_one(ArticleList).total, "article"), plural(people, "person", "people"),
                plural(companies, "company", "companies"), plural(self.source.figure_count(), "figure")]

    # -- opening articles and searching ---------------------------------------------------------

    def open_article(self, article_id: int, at: tuple[str, int, str | None] | None = None, read: bool = True) -> None:
        """Show an article in the reader; ``at`` = (field, offset, kind) makes that highlight current. ``read``: the
        user opened it (not the first article shown at the start), so it is marked read in the index."""
        if self.source is None:
            return
        article = self.source.article(article_id)
        if article is None:
            return
        kinds = {slug: kind for slug, (kind, _) in
                 entity_names(self.source, {m.entity for m in article.mentions}).items()}
        copies = [(row.title, row.source) for row in self.source.copies(article_id)]
        self._open_id = article_id
        if article_id in self._new:  # read: no longer new
            self._new.discard(article_id)
            self._update_title(recount=False)
        if read and article_id not in self._read:
            self._read.add(article_id)
            if self._reads is None:
                self._reads = ReadMarks(self.source, lambda: self.post_message(ReadMarks.Written()))
            self._reads.mark(article_id)
        shown, self._open_article = self._open_article, article
        again = shown is not None and shown.id == article.id and shown != article  # the index analysed it again
        reader = self.query_one(Reader)
        reader.show_article(article, kinds, at, copies=copies, matches=self._words, again=again)  # type: ignore[arg-type]
        self.query_one(ArticleList).open_article = article_id
        if self.view == "article":
            self._rescope(later=True)  # read in a worker: the reader is drawn first

    def _reopen(self) -> None:
        """Show the open article as the index now has it, if its analysis changed (its quotes, once re-analysed)."""
        if self._open_id is not None and self.source is not None:
            article = self.source.article(self._open_id)
            if article is not None and article != self._open_article:
                self.open_article(self._open_id, read=False)

    def search(self, text: str, entity: EntityRow | None = None) -> bool:
        """Show only the articles matching ``text``; False (and a message under the box) if it cannot be read."""
        if self.source is None:
            return False
        bar = self.query_one(SearchBar)
        text = text.strip()
        if not text:
            self.clear_search()
            return True
        try:
            query = self.source.query(text)
            self.source.count(query)  # runs it (the list reuses the result): a query SQLite refuses is said here
        except QueryError as error:
            bar.show_error(str(error))
            return False
        bar.show_error(None)
        self.marked = entity
        articles = self.query_one(ArticleList)
        articles.label = entity.name if entity is not None else ""
        self._words = [w for w in query.highlight if entity is None or w != entity.name]
        self._filter(query)
        return True

    def clear_search(self) -> None:
        self.query_one(SearchBar).close()
        self.marked = None
        self._words = []
        self._filter(None)

    def _filter(self, query: Query | None) -> None:
        """List the matches of ``query`` (all articles when None); the reader follows once, not on each move."""
        self._listing = True
        try:
            self.query_one(ArticleList).search = query
        finally:
            self._listing = False
        if self.view == "search":
            self._rescope(later=True)
        self._show_matches()

    def _show_matches(self) -> None:
        """Keep the open article if it is among the first matches, else open the first; go to the first hit."""
        articles = self.query_one(ArticleList)
        reader = self.query_one(Reader)
        index = None if self._open_id is None else articles.index_of(self._open_id)
        if index is not None:
            articles.highlighted = index
        if self._open_id is not None and (index is not None or articles.search is None):
            self.open_article(self._open_id)
        elif articles.count:
            articles.highlighted = 0
            row = articles.highlighted_row
            if row is not None:
                self.open_article(row.id)
        reader.marked = self.marked.slug if self.marked is not None else None
        reader.current = None
        if self.marked is not None or self._words:
            reader.move(1)
        self.refresh_bindings()

    def choose_entity(self, row: EntityRow) -> None:
        """Search for the person or company by its id (``entity:per-ann-lee``: not "Ann Leeds" too), mark its
        mentions and go to the first."""
        text = f"entity:{row.slug}"
        self.query_one(SearchBar).open(text, focus=False)
        for panel in self.query(Panel) if self.view != "search" else ():  # else they list the search's, from the top
            if panel.kind == row.type:
                panel.select_entity(row.slug)
        self.search(text, entity=row)

    def choose_slug(self, slug: str) -> None:
        """Choose an entity known by its id (a click on a name in the reader)."""
        from brief.pipeline.index.reader import EntityRow

        if self.source is None:
            return
        found = entity_names(self.source, [slug]).get(slug)
        if found is not None:
            self.choose_entity(EntityRow(0, slug, found[0], found[1], "", 0, 0))

    def _cursor_moved(self, index: int | None) -> None:
        if self._listing:
            return
        row = self.query_one(ArticleList).highlighted_row
        if row is not None and row.id != self._open_id:
            self.open_article(row.id)

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    @on(messages.EntityChosen)
    def _entity_chosen(self, event: messages.EntityChosen) -> None:
        self.open_profile(event.row.slug)

    @on(Reader.MentionClicked)
    def _mention_clicked(self, event: Reader.MentionClicked) -> None:
        self.open_profile(event.entity_id)

    def open_profile(self, slug: str) -> None:
        """The entity's profile over this screen."""
        # here, not at the top: 8 ms of the start (its widgets, the sparkline); the other screens cost 1-2 ms each
        from brief.ui.screens import profile as profiles

        profiles.open_profile(self.app, self.source, slug)

    @on(messages.QuoteChosen)
    def _quote_chosen(self, event: messages.QuoteChosen) -> None:
        self.open_article(event.row.article_id, at=("body", event.row.quote.start, "quote"))

    @on(messages.DealChosen)
    def _deal_chosen(self, event: messages.DealChosen) -> None:
        """Open the deal's article at its amount as a figure, else at the first name or figure in its words."""
        row = event.row
        article = None if self.source is None else self.source.article(row.article_id)
        if article is None:
            return
        inside: list[tuple[int, bool, str | None]] = [
            (f.start, f.text != (row.amount or row.stake), "figure") for f in article.figures
            if f.field == "body" and row.start <= f.start < row.end]
        inside += [(m.start, True, None) for m in article.mentions
                   if m.field == "body" and row.start <= m.start < row.end]
        start, _, kind = min(inside, key=lambda x: (x[1], x[0]), default=(row.start, True, None))
        self.open_article(row.article_id, at=("body", start, kind))

    # -- what the panels cover (v) --------------------------------------------------------------

    def scope(self) -> Scope:
        """The articles the panels cover now (and ``e`` exports): ``view`` applied to the list and reader."""
        if self.view == "article" and self._open_id is not None:
            return article_scope(self._open_id)
        if self.view == "search":
            return search_scope(self.query_one(ArticleList).search)
        return ALL

    def _rescope(self, later: bool = False) -> None:
        """Show the panels' rows for the scope now; ``later``, read off the event loop (after a search: the list
        and the reader are drawn first, the panels when read)."""
        if later:  # the thread starts once they are drawn: before, it held the GIL while they were (search, j)
            self.call_after_refresh(self._read_later)
            return
        scope = self.scope()
        panels = list(self.query(Panel))
        self.workers.cancel_group(self, "scope")
        self._show_scope(None if scope.everything else scope, panels, [None] * len(panels))

    def _read_later(self) -> None:
        scope = self.scope()  # as it is now: a v pressed since is not undone
        self._read_scope(None if scope.everything else scope, list(self.query(Panel)))

    @work(thread=True, exclusive=True, group="scope")
    def _read_scope(self, scope: Scope | None, panels: list[Panel]) -> None:
        read = [panel.read_scope(scope) for panel in panels]
        if not get_current_worker().is_cancelled:  # a newer scope is read instead
            self.app.call_from_thread(self._show_scope, scope, panels, read)

    def _show_scope(self, scope: Scope | None, panels: list[Panel],
                    read: list[tuple[int, list[Any]] | None]) -> None:
        self._scoping = True  # the cursors go to the first rows: no one moved them (``target``)
        try:
            for panel, counted in zip(panels, read, strict=True):
                panel.set_scope(scope, counted)
        finally:
            self._scoping = False

    def action_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]

    def watch_view(self, view: str) -> None:
        self._rescope()  # the panel titles say which: "People · this article · 9"

    @on(messages.FigureChosen)
    def _figure_chosen(self, event: messages.FigureChosen) -> None:
        self.open_figure(event.row)

    def open_figure(self, row: FigureRow) -> None:
        """Open the figure's article scrolled to the figure."""
        if self.source is not None:
            self.open_article(row.article_id, at=(row.figure.field, row.figure.start, "figure"))

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        keep = self.marked if self.marked is not None and self.query_one(SearchBar).value.strip() == \
            self._entity_text(self.marked) else None
        if self.search(event.text, entity=keep) and event.text.strip():
            self.query_one(ArticleList).focus()

    @staticmethod
    def _entity_text(row: EntityRow) -> str:
        return f'{"person" if row.type == "person" else "org"}:"{row.name.replace(chr(34), "")}"'

    @on(SearchBar.Cleared)
    def _search_cleared(self) -> None:
        self.clear_search()
        self.query_one(ArticleList).focus()

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # n/N/e stay in the footer while loading (they do nothing yet): one footer layout, not two
        if action == "clear_filter":
            searching = [bar.has_class("-active") for bar in self.query(SearchBar)]
            return any(searching) or any(a.search is not None for a in self.query(ArticleList))
        if action == "skipped":
            return bool(self.skipped)
        return True  # w, x and f too: with nothing to act on, they say why (``target``)

    def action_refresh_links(self) -> None:
        """``r``: fetch the feeds and links again (and read the files changed), in the background."""
        if self.source is None:
            self.notify("The articles are still loading.", timeout=3)
            return
        self._progress = f"{REFRESHING}…"
        self._update_title(recount=False)
        self.update_index(refresh=True)

    def action_side(self) -> None:
        self.side_hidden = not self.side_hidden

    def watch_side_hidden(self, hidden: bool) -> None:
        self.set_class(hidden, "-no-side")
        self._title_reader()
        if hidden and self.focused is not None and self.query_one(SidePanels) in self.focused.ancestors_with_self:
            self.query_one(Reader).focus()  # what had focus is hidden

    def action_add(self) -> None:
        """``a``: add a file, folder, feed or address to the corpus; it is remembered and read in the background."""
        if self.source is None:
            self.notify("The articles are still loading.", timeout=3)
            return
        source = self.source

        def added(target: str | None) -> None:
            if remember(self, source, target):
                self.watch_again()
                self.update_index()

        self.app.push_screen(AddScreen(where(source)), added)

    def watch_again(self) -> None:
        """Watch the corpus's folders as they are now (``a`` added one)."""
        if self._watcher is None:
            return
        self._stop_watching.set()
        self._stop_watching, self._watcher = threading.Event(), None
        self.watch_folders()

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed

    def watch_zoomed(self, zoomed: bool) -> None:
        self.set_class(zoomed, "-zoomed")
        self._title_reader()
        if zoomed:
            self.query_one(Reader).focus()  # what had focus is hidden

    def _title_reader(self) -> None:
        """The reader's title says which key brings back what ``z`` or ``p`` hid."""
        self.query_one(Reader).border_title = "Reader · z brings the panels back" if self.zoomed else \
            "Reader · p brings the panels back" if self.side_hidden else "Reader"

    def action_search(self) -> None:
        self.zoomed = False
        self.query_one(SearchBar).open()

    def _move(self, step: int) -> None:
        if self.source is None:
            self.notify("The articles are still loading.", timeout=3)
            return
        if self.query_one(Reader).move(step) is None:
            self.notify("No highlighted mentions in this article.", timeout=2)

    def action_next_mention(self) -> None:
        self._move(1)

    def action_previous_mention(self) -> None:
        self._move(-1)

    def action_clear_filter(self) -> None:
        self.clear_search()

    # -- w, x and f: on the reader's current name or figure if the reader moved last, else the focused row -----

    def _reader_moved(self, current: Highlight | None) -> None:
        if current is not None:
            self._reader_last = True

    def _panel_moved(self) -> None:
        if self._scoping:
            return
        if any(panel.has_focus and panel.spec.target for panel in self.query(Panel)):
            self._reader_last = False

    def target(self) -> Target:
        """What w, x and f act on (``brief.ui.target``)."""
        reader = self.query_one(Reader)
        current = reader.current_target()
        focused = self.focused
        row = focused.highlighted_row if isinstance(focused, Panel) and focused.spec.target else None
        if current is not None and (self._reader_last or row is None):
            text = one_line(reader.document.blocks[current.block].text[current.start:current.end])
            text = text if len(text) <= SAID_AT_MOST else text[:SAID_AT_MOST - 1] + "…"  # a quote can be long
            kind = {"match": "the searched word", "figure": "the figure", "quote": "the quote"}.get(current.kind,
                                                                                                  "the name")
            return Target(f"{kind} \u201c{text}\u201d in the reader", highlight=current)
        if row is not None:
            name = getattr(row, "name", None) or row.figure.text  # type: ignore[union-attr]
            return Target(f"\u201c{one_line(name)}\u201d in {focused.label}", row=row)  # type: ignore[union-attr]
        return NOTHING

    def _cannot(self, action: str, target: Target) -> None:
        self.notify(safe(cannot(action, target)), timeout=4, markup=False)

    def action_why(self) -> None:
        target = self.target()
        slug = target.entity
        if slug is None:
            self._cannot("why", target)
            return
        here = target.highlight
        at = (self._open_id, here.field, here.field_start) if here is not None and self._open_id else None
        self.post_message(messages.WhyAsked(slug, at))

    def action_undo_fix(self) -> None:
        self.post_message(messages.UndoAsked())

    # -- what any screen asks of this one (brief.ui.messages; from a screen over it, through the app) -------------

    def _can_fix(self) -> bool:
        if self.source is not None and self.indexing:
            self.notify("Wait until indexing is done: fixes apply to the whole index.", timeout=3)
        return self.source is not None and not self.indexing

    @on(messages.WhyAsked)
    def _why_asked(self, event: messages.WhyAsked) -> None:
        # not at the start: it imports the index's fixes, 17 ms (the screens imported at the top cost 1-2 ms each)
        from brief.ui.screens.why import ask_why

        event.stop()
        if self._can_fix():
            ask_why(self, self.source, event.slug, event.at, fixed=lambda: self._fixed(event.done))  # type: ignore[arg-type]

    @on(messages.UndoAsked)
    def _undo_asked(self, event: messages.UndoAsked) -> None:
        from brief.ui.screens.why import undo_last

        event.stop()
        if self.source is None:
            self.notify("The articles are still loading.", timeout=3)
        elif self._can_fix():
            undo_last(self, self.source, undone=lambda: self._fixed(event.done, undone=True))

    def _fixed(self, done: Callable[[], object] | None, undone: bool = False) -> None:
        """Read the panels, the counts and the open article again, keeping the reader where it was; an undone fix
        may need the index brought up to date (an ignore, a merge or a split: the articles analysed again)."""
        self.reload(panels=self.view != "article" or self._open_id is None)  # else opening it reads them
        if self._open_id is not None:
            reader = self.query_one(Reader)
            y = reader.scroll_offset.y
            reader.show_message("")
            self.open_article(self._open_id)
            reader.scroll_to(y=y, animate=False, immediate=True)
        if undone:
            self.update_index()
        if done is not None:
            done()

    @on(messages.EvidenceChosen)
    def _evidence_chosen(self, event: messages.EvidenceChosen) -> None:
        """Back to this screen with the article open, scrolled to the evidence and highlighting it."""
        event.stop()
        back_to_main(self.app)
        evidence = event.evidence
        self.open_article(evidence.article_id, at=(evidence.field, evidence.start, evidence.kind))  # type: ignore[arg-type]
        self.query_one(Reader).focus()

    @on(messages.FilterAsked)
    def _filter_asked(self, event: messages.FilterAsked) -> None:
        """``f`` on a profile: back here, its articles listed."""
        event.stop()
        back_to_main(self.app)
        self.choose_entity(event.row)

    @on(messages.ProfileAsked)
    def _profile_asked(self, event: messages.ProfileAsked) -> None:
        event.stop()
        self.open_profile(event.slug)

    @on(messages.AcrossAsked)
    def _across_asked(self, event: messages.AcrossAsked) -> None:
        from brief.ui.screens import profile as profiles  # loaded when first shown (see open_profile)

        event.stop()
        profiles.show_across(self, self.source, event.key, deal=event.deal)

    @on(messages.ReviewAsked)
    def _review_asked(self, event: messages.ReviewAsked) -> None:
        event.stop()  # else it bubbles to the app, which hands it back here
        self.action_review()

    def action_review(self) -> None:
        open_review(self, self.source)

    def action_filter(self) -> None:
        target = self.target()
        row = target.row
        if row is not None and hasattr(row, "slug"):
            self.choose_entity(row)  # type: ignore[arg-type]
        elif target.entity is not None:
            self.choose_slug(target.entity)
        else:
            self._cannot("filter", target)

    def action_across(self) -> None:
        from brief.ui.screens import profile as profiles  # loaded when first shown (see open_profile)

        target = self.target()
        if not target.is_figure:
            self._cannot("across", target)
        elif target.row is not None:
            profiles.show_across(self, self.source, target.row.id)
        elif target.highlight is not None:
            profiles.across_figure(self, self.source, self._open_id, self._open_article, target.highlight)

    def action_copy_quote(self) -> None:
        """``y``: the reader's current quote with its citation, as Markdown, to the clipboard (OSC 52)."""
        from brief.pipeline.cite import quote_markdown
        from brief.ui.quotes import quote_at

        article, reader = self._open_article, self.query_one(Reader)
        index = None if article is None else quote_at(reader.current_target(), reader.document.highlights,
                                                      article.quotes)
        if article is None or index is None or self.source is None:
            self.notify("Move to a quote first: enter on a row of Quotes, or n / N to a name in it or to its "
                        "speaker.", timeout=4)
            return
        quote = article.quotes[index]
        speaker = entity_names(self.source, [quote.speaker]).get(quote.speaker, ("", None))[1] \
            if quote.speaker else None
        text = quote_markdown(quote, article, speaker)
        self.app.copy_to_clipboard(text)
        self.notify(safe(text), title="Quote copied as Markdown", timeout=5, markup=False)

    def action_skipped(self) -> None:
        self.app.push_screen(SkippedScreen(self.skipped))

    def action_export(self) -> None:
        if self.source is None:
            self.notify("The articles are still loading.", timeout=3)
            return

        scope = self.scope()

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export(path, scope=scope)

        self.app.push_screen(ExportScreen(what=self._export_what(scope)), chosen)

    def _export_what(self, scope: Scope) -> str:
        """What ``e`` exports, as the dialog says it."""
        if scope.everything:
            return f"All {plural(self.query_one(ArticleList).total, 'article')}"
        if scope.query is not None:
            shown = plural(self.query_one(ArticleList).count, "article")
            return f"The {shown} of the search {one_line(scope.query.text)}"
        article = self._open_article
        return f"This article only: {one_line(article.title) if article is not None else ''}"

    @work(thread=True, exclusive=True, group="export")
    def export(self, path: Path, force: bool = False, scope: Scope | None = None) -> None:
        """Read the briefing of ``scope`` (what the panels show), render and write it off the event loop (HTML for a
        .html name, else Markdown); ask before replacing a file."""
        from brief.pipeline.export_html import render_for
        from brief.pipeline.output import write_text

        assert self.source is not None
        source, shown = self.source, None if scope is None or scope.everything else scope

        def rendered() -> str:  # read and rendered once the file may be written: not before the question
            return render_for(path, source.briefing(shown), source)

        try:  # never over one of the articles read, even when confirmed
            write_text(path, rendered, force=force, inputs=source.roots)
        except FileExistsError:
            self.app.call_from_thread(self._confirm_overwrite, path, scope)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, f"{path}: {error.strerror or error}", title="Export failed", severity="error",
                markup=False,
            )
        else:
            self.app.call_from_thread(self.notify, str(path), title="Briefing written", markup=False)

    def _confirm_overwrite(self, path: Path, scope: Scope | None = None) -> None:
        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.export(path, force=True, scope=scope)
            else:
                self.notify("Nothing was written.", title="Export cancelled", timeout=3)

        self.app.push_screen(ConfirmOverwrite(path), answered)
