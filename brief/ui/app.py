"""The brief app and ``make_app``, the one factory the CLI, Pilot tests and snapshots use."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from brief.paths import styles_dir
from brief.ui import messages
from brief.ui.commands import BriefCommands
from brief.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from typing import Unpack

    from textual.driver import Driver

    from brief.config import Overrides, Settings

GC_YOUNG = 10_000
"""Objects allocated (less freed) before the collector runs, once the app is drawn (Python's default: 700)."""
GC_IDLE_EVERY = 0.1
"""Seconds between checks whether the middle generation is due (``BriefApp._collect_between_keys``)."""
SHEETS = ("base.tcss", "main.tcss", "profile.tcss")
"""The dialogs bring their own sheets (help.tcss, export.tcss) when opened. The profile is not a dialog: a first
profile that read its sheet then restyled every widget of the app again, 130 ms of the first enter on a name."""


class BriefApp(App[None]):
    CSS_PATH = [styles_dir() / sheet for sheet in SHEETS]
    TITLE = "brief"
    COMMANDS = App.COMMANDS | {BriefCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", key_display="?", id="app.help"),
    ]

    def __init__(
        self,
        paths: Sequence[Path | str] | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self._tune_gc = False
        self._main = MainScreen(paths, settings=settings)

    async def run_async(self, *args: Any, **kwargs: Any) -> None:
        """Run the app (``brief`` and the benchmarks do; Pilot tests do not), with the collector tuned.

        Until the first frame there is no collection: everything imported lives as long as the app,
        and collecting during the start cost 30-50 ms of it. At the first frame (``on_ready``)
        what exists is frozen out of later passes, and the young generation may grow to 10,000
        objects before it is collected: with Python's default of 700, a session of moving and
        searching spent 2 s in some 2,700 collections, full ones of 30-80 ms each, in the middle of
        keypresses; tuned, 0.7 s in 160 (bench/bench_tui.py).
        """
        self._tune_gc = True
        gc.freeze()
        gc.disable()
        try:
            return await super().run_async(*args, **kwargs)
        finally:
            gc.enable()

    def on_ready(self) -> None:
        if self._tune_gc:
            gc.freeze()
            gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
            gc.enable()
            self.set_interval(GC_IDLE_EVERY, self._collect_between_keys)

    def _collect_between_keys(self) -> None:
        """Collect the middle generation now if the next young collection would: between keypresses.

        Drawn screens leave many young objects (each line drawn is a strip with its caches), so
        that collection took 30-40 ms, in the keypress that happened to trigger it: the worst
        times of opening a profile were those (bench/bench_tui.py). The check is a counter read.
        """
        if gc.get_count()[1] >= gc.get_threshold()[1] - 1:
            gc.collect(1)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, or one on the terminal when a standard stream is redirected (``brief.ui.terminal``)."""
        from textual import constants

        if constants.DRIVER is None and os.name == "posix":
            from brief.ui import terminal

            if terminal.redirected():
                return terminal.TerminalDriver
        return super().get_driver_class()

    def get_default_screen(self) -> Screen[None]:
        return self._main

    @on(messages.WhyAsked)
    @on(messages.UndoAsked)
    @on(messages.EvidenceChosen)
    @on(messages.ProfileAsked)
    @on(messages.AcrossAsked)
    @on(messages.FilterAsked)
    @on(messages.ReviewAsked)
    def _to_main(self, event: Message) -> None:
        """What a screen over the main screen asks of it (it bubbled here): the main screen holds the corpus and
        handles it (and stops it there, so it does not come back)."""
        self._main.post_message(event)

    def action_say(self, message: str) -> None:
        """What a key says when it cannot act (its binding's fallback: ``app.say('why')``)."""
        self.notify(message, timeout=3)

    def action_help(self) -> None:
        from brief.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(
    paths: Sequence[Path | str] | None = None,
    *,
    settings: Settings | None = None,
    **overrides: Unpack[Overrides],
) -> BriefApp:
    """The app on the index of ``paths`` (the bundled seeds when None).

    ``settings`` (as the command line built them) and ``overrides`` say where and how the index is
    kept, as ``brief.pipeline.index.library.Library`` takes them. Without either, the settings are
    loaded when the index opens, so a broken config file shows in the app rather than raising here.
    """
    if overrides:
        from brief.config import resolve

        settings = resolve(settings, **overrides)
    return BriefApp(paths, settings=settings)
