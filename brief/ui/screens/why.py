"""The "why, and fix it" dialog: what made brief type a name as it did, and the user's fix for it.

Opened with ``w`` on a row of the People or Companies panel, or on the highlighted name in the
reader. It shows the model's confidence, the rule or the lexicon behind each way the entity is
tagged, and how its mentions voted on its type; the user can change the type, mark it as no
entity, merge it into another entity, or split off a name that was wrongly joined to it. The fix
is kept in the corpus's index with who made it and when (``Library.correct``), or, ticked "for every
corpus", in the config file; it applies to the index at once, and the panels and the reader are read
again. ``u`` on the main screen undoes the last fix made for the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from brief.config import LABELS, Fix
from brief.paths import styles_dir
from brief.pipeline.index.fixes import a_type as _a
from brief.pipeline.index.fixes import describe
from brief.ui.format import plural, safe

if TYPE_CHECKING:
    from brief.pipeline.index.fixes import Why
    from brief.ui.screens.main import MainScreen


def source_text(source: str, low: float, high: float | None = None) -> str:
    """What made a tag, for people: "the model, confidence 0.87" (or "0.55–0.90" over several
    mentions), "rule appositive", "lexicon companies", "declared in your config", "the rules"."""
    high = low if high is None else high
    score = f"{low:.2f}" if low == high else f"{low:.2f}–{high:.2f}"
    if source == "model":
        return f"the model, confidence {score}"
    if source == "declared":
        return "declared in your config"
    kind, _, name = source.partition(":")
    if kind in ("rule", "lexicon") and name:
        return f"{kind} {name.replace('_', ' ')}"
    return "the rules" if low >= 1 else f"confidence {score}"  # the built-in rules do not name themselves


def explanation(why: Why) -> Content:
    """The dialog's text: the entity, how it is written, what tagged it, the votes and the user's fixes."""
    lines = [Content.assemble((safe(why.name), "bold"), f"  {why.type} · {plural(why.mentions, 'mention')} · "
                              f"{plural(why.articles, 'article')}")]
    if why.declared:
        lines.append(Content("Declared in your config file: its name and type are yours."))
    if why.mention is not None:
        text, label, score, source = why.mention
        lines.append(Content.assemble(("This mention: ", "bold"), f"\u201c{safe(text)}\u201d, {label} by ",
                                      source_text(source, score)))
    if why.names:
        written = ", ".join(f"{safe(n)} \u00d7{count}" for n, count in why.names[:6])
        lines.append(Content.assemble(("Written as ", "bold"), written + (" …" if len(why.names) > 6 else "")))
    for label, source, count, low, high in why.sources[:6]:
        by = source_text(source, low, high)
        lines.append(Content.assemble(("Tagged ", "bold"), f"{label} {plural(count, 'time')}, by {by}"))
    if len(why.votes) > 1:
        votes = " · ".join(f"{label} {weight:.2f}" for label, weight in why.votes)
        lines.append(Content.assemble(("Type by the weight of its mentions: ", "bold"), votes))
    made = {fix: (who, when) for fix, who, when in why.by_whom}
    for fix in why.fixes:
        if fix in made:  # this corpus's, kept in its index
            who, when = made[fix]
            said = f"Fixed for this corpus by {who}, {when.replace('T', ' ')[:16]}: "
        else:
            said = "Your fix, for every corpus: "
        lines.append(Content.assemble((safe(said), "bold $accent"), safe(describe(fix))))
    return Content("\n").join(lines)


class _Names(Suggester):
    """Completes a merge target from the names in the index."""

    def __init__(self, lookup: Callable[[str], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip():
            return None
        low = value.casefold()
        return next((n for n in self._lookup(value) if n.casefold().startswith(low) and n != value), None)


class WhyScreen(ModalScreen[list[Fix] | None]):
    """Why an entity is typed as it is; returns the fixes the user chose (None: closed)."""

    CSS_PATH = styles_dir() / "why.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close", id="why.close"),
    ]

    def __init__(self, why: Why, lookup: Callable[[str], list[str]]) -> None:
        super().__init__()
        self.why = why
        self._lookup = lookup

    @property
    def everywhere(self) -> bool:
        """Whether the fix is for every corpus (the config file), not this corpus alone (its index)."""
        return self.query_one("#why-everywhere", Checkbox).value

    def compose(self) -> ComposeResult:
        why = self.why
        with Vertical(id="dialog") as dialog:
            dialog.border_title = Content(f"Why \u201c{safe(why.name)}\u201d is {_a(why.type)}")
            dialog.border_subtitle = "enter to apply · escape to close"
            yield Static(explanation(why), id="why-text")
            yield Label("Fix it:", classes="why-heading")
            options = [Option(f"Change the type to {label}", id=f"type:{label}") for label in LABELS
                       if label != why.type]
            options.append(Option("Not an entity: never list it", id="ignore"))
            options += [Option(Content(f"Split off \u201c{safe(name)}\u201d ({plural(count, 'mention')}): "
                                       "another entity"), id=f"split:{index}")
                        for index, (name, count) in enumerate(why.names) if name != why.name]
            yield OptionList(*options, id="why-actions")
            yield Input(placeholder="or merge it into… (a name in the index, enter)", id="why-merge",
                        suggester=_Names(self._lookup))
            yield Checkbox("For every corpus (saved in config.toml), not this one alone", id="why-everywhere")
            yield Static("", id="why-error")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#why-actions")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        action, _, value = (event.option.id or "").partition(":")
        why = self.why
        if action == "type":
            self.dismiss([Fix("type", why.name, value)])
        elif action == "ignore":  # every way it is written, so no part of it comes back
            names = [why.name, *(n for n, _ in why.names if n.casefold() != why.name.casefold())]
            self.dismiss([Fix("ignore", n) for n in names])
        elif action == "split":
            self.dismiss([Fix("split", why.names[int(value)][0], why.name)])

    @on(Input.Submitted, "#why-merge")
    def _merge(self, event: Input.Submitted) -> None:
        target = event.value.strip()
        known = next((n for n in self._lookup(target) if n.casefold() == target.casefold()), None)
        error = self.query_one("#why-error", Static)
        if not target:
            return
        if known is None:
            error.update(Content(f"No person or organization is named \u201c{safe(target)}\u201d."))
        elif known.casefold() == self.why.name.casefold():
            error.update(Content("That is this entity."))
        else:
            self.dismiss([Fix("merge", self.why.name, known)])


def ask_why(screen: MainScreen, slug: str, at: tuple[int, str, int] | None = None,
            done: Callable[[], object] | None = None) -> None:
    """Open the dialog on entity ``slug``; apply what the user chooses and show it at once (then ``done``: the
    screen it was opened from reads itself again)."""
    source = screen.source
    why = getattr(source, "why", None)
    if source is None or why is None:
        return
    if screen.indexing:
        screen.notify("Wait until indexing is done: fixes apply to the whole index.", timeout=3)
        return
    found = why(slug, at)
    if found is None:
        screen.notify("This briefing is not an index: there is nothing to explain or fix.", timeout=3)
        return
    dialog = WhyScreen(found, source.entity_names_like)  # type: ignore[union-attr]

    def chosen(fixes: list[Fix] | None) -> None:
        if not fixes:
            return
        from brief.config import config_file

        everywhere = dialog.everywhere
        try:
            source.correct(*fixes, everywhere=everywhere)  # type: ignore[union-attr]
        except (OSError, ValueError) as error:  # ConfigError among them: the file is left as it was
            screen.notify(safe(str(error)), title="Could not save the fix", severity="error", markup=False)
            return
        refresh(screen)
        if done is not None:
            done()
        if everywhere:
            where = f"saved in {config_file()}"
        elif getattr(source, "path", True) is None:  # --no-cache, or a cache folder that cannot be written
            where = ("applied for this session only: no index is kept on disk "
                     "(tick \u201cFor every corpus\u201d to keep it)")
        else:
            where = "saved for this corpus (u undoes it)"
        screen.notify(safe(f"{describe(fixes[0])}: {where}"), title="Fixed", markup=False)

    screen.app.push_screen(dialog, chosen)


def undo_last(screen: MainScreen) -> None:
    """``u``: undo the last fix this user made for the corpus; what only analysing again can undo is done by
    bringing the index up to date (the articles keep their place)."""
    source = screen.source
    undo = getattr(source, "undo_fix", None)
    if source is None or undo is None:
        screen.notify("The articles are still loading.", timeout=3)
        return
    if screen.indexing:
        screen.notify("Wait until indexing is done: fixes apply to the whole index.", timeout=3)
        return
    try:
        undone = undo()
    except LookupError as error:
        screen.notify(safe(f"Nothing to undo: {error}."), timeout=4, markup=False)
        return
    except (OSError, ValueError) as error:
        screen.notify(safe(str(error)), title="Could not undo the fix", severity="error", markup=False)
        return
    refresh(screen)
    screen.update_index()  # (nothing to do unless the fix was an ignore, a merge or a split)
    screen.notify(safe("; ".join(describe(fix) for fix in undone) + ": no longer"), title="Fix undone", markup=False)


def refresh(screen: MainScreen) -> None:
    """Read the panels, the counts and the open article again, keeping the reader where it was."""
    from brief.ui.widgets.article_list import ArticleList
    from brief.ui.widgets.reader import Reader

    screen.reload()
    article = screen.query_one(ArticleList).open_article
    if article is not None:
        reader = screen.query_one(Reader)
        y = reader.scroll_offset.y
        reader.show_message("")
        screen.open_article(article)
        reader.scroll_to(y=y, animate=False, immediate=True)
