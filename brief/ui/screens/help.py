"""The help screen: every key, by where it works."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from brief.paths import styles_dir

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("tab / shift+tab", "Move to the next / previous pane"),
        ("/", "Search (its language: under Search box, below)"),
        ("n / N", "Next / previous highlighted mention (or searched word) in the reader"),
        ("w", "Why brief typed a name so, and fix it (type, no entity, merge, split) here or in every corpus"),
        ("u", "Undo the last fix you made for this corpus ('brief fixes' lists them all)"),
        ("R", "Review: the names brief is unsure of, most mentioned first; w fixes each in one pass"),
        ("f", "Only the articles that mention it, its mentions marked"),
        ("x", "Across sources: a figure as other articles report it"),
        ("", "  w, f and x act on the reader's current name or figure (n / N) if the reader moved last,"),
        ("", "  else on the row of the focused panel; the dialog names what it is about"),
        ("z", "The reader alone, the whole width; z again brings the panels back"),
        ("p", "Hide / show the side panels (below 120 columns they are tabs: tab to them, then left / right)"),
        ("r", "Refresh: fetch the feeds and links again, in the background (a failed one keeps its copy)"),
        ("a", "Add a file, folder, feed, OPML list or web address to the corpus: remembered, read in the background"),
        ("v", "Panels cover: the list's articles, the open article, all"),
        ("e", "Export the articles in view (as the panels) to Markdown or HTML"),
        ("s", "The files that were skipped, and why"),
        ("escape", "Clear the search"),
        ("ctrl+p", "Command palette: open an article, jump to or fix an entity, review, undo"),
        ("?", "This help"),
        ("q", "Quit"),
    ]),
    ("Search box", [
        ("words", "words, \"a phrase\", person:NAME, org:NAME, source:SITE, money>1e9, -word"),
        ("", "  and said:NAME, quote:\"words\", deal:acquisition, with:\"Org Name\" (quotes, deals, ties)"),
        ("", "  new:yes (added since you last opened the corpus), unread:yes (not opened yet)"),
        ("enter", "Show only the matching articles"),
        ("escape", "Clear the search and show every article"),
    ]),
    ("Lists (articles, people, companies, figures, quotes, deals)", [
        ("up / down, k / j", "Move in the list (the reader follows the article list)"),
        ("home / end, g / G", "First / last item"),
        ("pageup / pagedown", "Move a page"),
        ("enter", "Open the article; a figure, quote or deal opens its article at it"),
        ("enter (people, companies)", "Its profile: roles, figures, articles, names beside it"),
        ("", "  the bars at the right of a name: its mentions per day, oldest to newest day in view"),
    ]),
    ("Profile", [
        ("enter", "Open the article at the row's mention or figure"),
        ("tab / shift+tab", "Next / previous list"),
        ("f", "Only the articles that mention it"),
        ("x (a figure, a deal)", "Across sources"),
        ("p (named with)", "That person's or company's profile"),
        ("w (a role, quote, deal)", "Why brief states it: the rule that read it, in which sentence; enter opens it"),
        ("w (named with)", "Why brief typed that name so, and fix it"),
        ("w (elsewhere)", "Why brief typed this profile's name so, and fix it"),
        ("escape", "Back"),
    ]),
    ("Review (R)", [
        ("w", "Why brief typed the name so, and fix it; the next name comes under the cursor"),
        ("enter", "Its profile"),
        ("u", "Undo the last fix"),
        ("escape", "Back"),
    ]),
    ("Reader", [
        ("up / down, k / j", "Scroll a line"),
        ("space / b", "Page down / up"),
        ("home / end, g / G", "Top / bottom of the article"),
        ("click a name", "Its profile (as enter on that person or company)"),
        ("enter", "The profile of the current name (n / N go to one)"),
        ("y", "Copy the current quote (or the quote of the current name) with its citation, as Markdown"),
        ("drag, then ctrl+c", "Select text and copy it"),
    ]),
]


def keys_content() -> Content:
    width = max(len(key) for _, rows in KEYS for key, _ in rows) + 2
    lines: list[Content] = []
    for section, rows in KEYS:
        if lines:
            lines.append(Content(""))
        lines.append(Content(section).stylize("bold $accent"))
        for key, description in rows:
            lines.append(Content.assemble((key.ljust(width), "bold"), description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by where it works."""

    CSS_PATH = styles_dir() / "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape to close"
            yield Static(keys_content(), id="keys")
