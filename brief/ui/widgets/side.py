"""The side column: every panel of ``PANELS`` stacked, or, in a narrow terminal, one at a time under tabs.

At 80 columns five stacked panels showed one row each. Below ``NARROW_BELOW`` columns the main screen has the
``-narrow`` class (Textual's breakpoints) and the stylesheet shows the tab bar and only the panel of the active
tab, at the column's full height. One set of panels serves both layouts: switching keeps their scope, rows and
cursors (Textual's ``TabbedContent`` always shows one pane, so the wide layout would need a second set).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Tab, Tabs

from brief.ui.widgets.panels import PANELS, Panel

NARROW_BELOW = 120
"""Columns under which the panels become tabs."""


class SidePanels(Vertical):
    """The panels, and the tabs that choose one of them when the screen is narrow."""

    def compose(self) -> ComposeResult:
        yield Tabs(*(Tab(spec.title, id=f"tab-{spec.id}") for spec in PANELS), id="panel-tabs")
        for spec in PANELS:
            yield Panel(spec, classes="-shown" if spec is PANELS[0] else None)

    def show(self, panel_id: str) -> None:
        """Make ``panel_id``'s tab the active one (its panel is the one shown when narrow)."""
        self.query_one(Tabs).active = f"tab-{panel_id}"

    @on(Tabs.TabActivated)
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        chosen = (event.tab.id or "").removeprefix("tab-")
        for panel in self.query(Panel):
            panel.set_class(panel.id == chosen, "-shown")
