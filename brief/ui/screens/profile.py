"""The profile of a person or company, and the view of one figure across sources.

Both are built from the index (``brief.pipeline.index.profile``) and list evidence items:
enter on one goes back to the main screen with its article open at that place. Neither holds the main
screen: they read the ``Source`` and ask the rest of it through ``brief.ui.messages`` (``f``, ``x``, ``p``, ``w``,
enter), which the main screen handles. The functions at the end are what it does on them (and on its own keys:
enter on a name, ``x``), kept here so that screen only routes to them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Sparkline, Static

from brief.paths import styles_dir
from brief.pipeline.dates import shown_date
from brief.ui import messages
from brief.ui.format import plural, safe
from brief.ui.screens import back_to_main
from brief.ui.screens.relation_why import explain_relation, relation_of
from brief.ui.widgets.footer import KeysFooter
from brief.ui.widgets.items import ItemList

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from brief.models import Article
    from brief.pipeline.index.profile import Across, Item, Profile
    from brief.ui.document import Highlight
    from brief.ui.source import Source

KIND_NAMES = {"person": "person", "organization": "company"}
PROFILE_SCREEN = "profile"
"""The name of the profile screen the app keeps: building one for each profile (its widgets, their styles) and
collecting it when closed cost as much as drawing it (bench/bench_tui.py)."""
NAME_STYLES = {"person": "bold $text-primary", "organization": "bold $text-success"}


def profile_head(profile: Profile) -> Content:
    """Name, type, aliases and how often the articles name it."""
    kind = KIND_NAMES.get(profile.type, profile.type)
    lines = [Content.assemble((safe(profile.name), NAME_STYLES.get(profile.type, "bold")), ("  ", ""),
                              (kind, "$text-muted italic"))]
    if profile.aliases:
        lines.append(Content.assemble(("also: ", "$text-muted"), safe(", ".join(profile.aliases))))
    lines.append(Content(f"{plural(profile.mentions, 'mention')} in {plural(profile.article_count, 'article')}")
                 .stylize("$text-muted"))
    return Content("\n").join(lines)


def days_caption(first: date, days: int) -> str:
    """What the profile's sparkline covers: "Mentions per day, 1 May 2024 – 8 May 2024"."""
    last = first + timedelta(days=days - 1)
    return f"Mentions per day, {shown_date(first.isoformat())} – {shown_date(last.isoformat())} "


class _EvidenceScreen(Screen[None]):
    """What the profile and the figure view share: enter on an item opens its article there (on the main screen,
    which handles ``messages.EvidenceChosen``)."""

    def on_item_list_chosen(self, event: ItemList.Chosen) -> None:
        if event.item.evidence is not None:
            self.post_message(messages.EvidenceChosen(event.item.evidence))


class ProfileScreen(_EvidenceScreen):
    """Everything the index knows of one entity, each item opening its article at the evidence."""

    CSS_PATH = styles_dir() / "profile.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="profile.back"),
        Binding("f", "filter", "Filter", id="profile.filter"),
        Binding("x", "across", "Across sources", id="profile.across"),
        Binding("p", "profile", "Their profile", id="profile.other"),
        Binding("w", "why", "Why", id="profile.why"),
        # what x and p say where they cannot act (the keys above are hidden there)
        Binding("x", "app.say('x compares a figure or a deal across sources: move to one under Figures or Deals.')",
                show=False, id="profile.across_none"),
        Binding("p", "app.say('p opens a profile: move to a name under \u201cMost often named with\u201d.')",
                show=False, id="profile.other_none"),
    ]

    def __init__(self, profile: Profile, source: Source) -> None:
        super().__init__()
        self.profile = profile
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(id="profile-top"):
            yield Static(id="profile-head")
            with Horizontal(id="profile-days"):
                yield Static(id="profile-days-caption")
                yield Sparkline(id="profile-sparkline")
        with Horizontal(id="profile-body"):
            facts = ItemList(id="profile-facts")
            facts.border_title = "About"
            yield facts
            with Vertical(id="profile-side"):
                articles = ItemList(id="profile-articles")
                articles.border_title = "Articles, newest first"
                yield articles
                related = ItemList(id="profile-related")
                related.border_title = "Most often named with"
                yield related
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show(self.profile)

    def show(self, profile: Profile) -> None:
        """Fill the screen with ``profile``, each list at its top and the first one focused (once mounted, again:
        the app keeps one profile screen and shows each profile in it, see ``open_profile``)."""
        self.profile = profile
        self.query_one("#profile-head", Static).update(profile_head(profile))
        self._show_days(profile)
        facts = self.query_one("#profile-facts", ItemList)
        facts.set_sections([
            ("Roles and affiliations", profile.roles, "No role stated in the articles."),
            ("Quotes", profile.quotes, "Not quoted."),
            ("Deals", profile.deals, "No deal named."),
            ("Figures", profile.figures, "No figure stated beside the name."),
        ])
        articles = self.query_one("#profile-articles", ItemList)
        more = profile.article_count - len(profile.articles)
        articles.border_subtitle = f"{more:,} more: f lists them all" if more > 0 else f"{len(profile.articles):,}"
        articles.set_sections([("", profile.articles, "None.")])
        self.query_one("#profile-related", ItemList).set_sections([("", profile.related, "Nobody else.")])
        for items in self.query(ItemList):
            items.scroll_to(y=0, animate=False, immediate=True)
        facts.focus()

    def _show_days(self, profile: Profile) -> None:
        """The sparkline of the entity's mentions per day across the corpus's dated days (hidden without any)."""
        span = self.source.day_span()
        series = () if span is None else self.source.mentions_per_day([profile.id]).get(profile.id, ())
        days = self.query_one("#profile-days")
        days.display = bool(span and len(series) > 1 and any(series))
        if days.display and span is not None:
            self.query_one("#profile-days-caption", Static).update(days_caption(*span))
            sparkline = self.query_one("#profile-sparkline", Sparkline)
            sparkline.data = series  # Textual's Sparkline stretches a short span to its width
            sparkline.set_class(profile.type == "organization", "-organization")

    def _item(self) -> Item | None:
        focused = self.focused
        return focused.item if isinstance(focused, ItemList) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self._item()
        if action == "across":
            return item is not None and (item.figure_id is not None or item.deal_id is not None)
        if action == "profile":
            return item is not None and item.entity is not None
        return True  # w too: on a row that is no role, quote, deal or name, it is about the profile's own entity

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(ItemList.OptionHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss()

    def action_filter(self) -> None:
        from brief.pipeline.index.reader import EntityRow

        profile = self.profile
        self.post_message(messages.FilterAsked(EntityRow(profile.id, profile.slug, profile.type, profile.name, "",
                                                         profile.mentions, profile.article_count)))

    def action_across(self) -> None:
        item = self._item()
        if item is not None and item.deal_id is not None:
            self.post_message(messages.AcrossAsked(item.deal_id, deal=True))
        elif item is not None and item.figure_id is not None:
            self.post_message(messages.AcrossAsked(item.figure_id))

    def action_profile(self) -> None:
        item = self._item()
        if item is not None and item.entity is not None:
            self.post_message(messages.ProfileAsked(item.entity))

    def action_why(self) -> None:
        """Why brief states this role, deal or quote; on a name, why it typed it so (and the fixes); elsewhere,
        why it typed the profile's own entity so."""
        item = self._item()
        if item is not None and relation_of(item) is not None:
            explain_relation(self, self.source, item)
        elif item is not None and item.entity is not None:
            self.post_message(messages.WhyAsked(item.entity, done=self._read_again))
        else:
            self.post_message(messages.WhyAsked(self.profile.slug, done=self._read_again))

    def _read_again(self) -> None:
        """After a fix: the profile as the index has it now (its id may have followed a new type; merged or
        ignored away, back to the main screen)."""
        profile = self.source.profile(self.profile.slug)
        if profile is None:
            back_to_main(self.app)
        else:
            self.show(profile)


class AcrossScreen(_EvidenceScreen, ModalScreen[None]):
    """One figure and how other articles report it: the sources' disagreement, if they disagree."""

    CSS_PATH = styles_dir() / "profile.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,x", "dismiss", "Close", id="across.close"),
    ]

    def __init__(self, across: Across) -> None:
        super().__init__()
        self.across = across

    def compose(self) -> ComposeResult:
        across = self.across
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Across sources"
            dialog.border_subtitle = "enter opens the article · escape closes"
            if across.disagree:
                said = f"{plural(len(across.others) + 1, 'article')} report it differently"
            else:
                said = "no other article reports it differently"
            about = f"{across.about}: " if across.about else ""
            yield Static(Content.assemble((safe(about), "bold"), (said, "$text-muted")), id="across-head")
            items = ItemList(id="across-items")
            items.set_sections([("This article", (across.item,), ""),
                                ("Other sources", across.others, "None found.")])
            yield items

    def on_mount(self) -> None:
        self.query_one(ItemList).focus()


# --- what the main screen does on the keys and messages above -----------------------------------------------------


def open_profile(app: App[Any], source: Source | None, slug: str) -> None:
    """Show the entity's profile."""
    profile = None if source is None else source.profile(slug)
    if source is None or profile is None:
        app.notify("That name is no longer in the index.", timeout=3)
        return
    kept = app.get_screen(PROFILE_SCREEN) if app.is_screen_installed(PROFILE_SCREEN) else None
    if isinstance(kept, ProfileScreen) and kept.source is source and kept not in app.screen_stack:
        kept.show(profile)
        app.push_screen(kept)
        return
    screen = ProfileScreen(profile, source)
    if kept is None:
        app.install_screen(screen, PROFILE_SCREEN)
    app.push_screen(screen)  # a profile opened from a profile (p) is a screen of its own, dropped when closed


def show_across(owner: Widget, source: Source | None, key: int, deal: bool = False) -> None:
    """Open the view across sources of a figure (or a ``deal``), read in a thread of ``owner``'s: grouping figures
    takes a while."""
    if source is None:
        owner.notify("The articles are still loading.", timeout=3)
        return
    build = source.deal_across if deal else source.across

    def shown(found: Across | None) -> None:
        if found is None:
            owner.notify("This figure is not in the index.", timeout=3)
        else:
            owner.app.push_screen(AcrossScreen(found))

    def read() -> None:
        found = build(key)
        owner.app.call_from_thread(shown, found)

    owner.run_worker(read, thread=True, exclusive=True, group="across")


def across_figure(owner: Widget, source: Source | None, open_id: int | None, article: Article | None,
                  figure: Highlight) -> None:
    """``x`` on the reader's current figure (of ``article``, the open one, index id ``open_id``): the figure as other
    articles report it."""
    if source is None:
        owner.notify("The articles are still loading.", timeout=3)
        return
    found = None if article is None else article.figures[int(figure.key.split(":")[1])]
    figure_id = None if found is None or open_id is None else source.figure_id_at(open_id, found.field, found.start)
    if figure_id is None:
        owner.notify("This figure is not in the index.", timeout=3)
    else:
        show_across(owner, source, figure_id)
