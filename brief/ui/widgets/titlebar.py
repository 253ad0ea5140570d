"""The top line: the app's title and what the screen says of itself (counts, indexing progress)."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "≡"
ICON_WIDTH = 8  # the icon's cell on the left (a click there opens the command palette), as Textual's Header
RIGHT_WIDTH = 10  # and the empty cell on the right that keeps the title centred


class TitleBar(Widget):
    """"brief — 3 articles · 12 people · …", centred, with the icon on the left.

    Textual's ``Header`` is four widgets (and watches a clock); this is one, redrawn when the
    screen's sub-title changes.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._changed, init=False)
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.app, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        room = max(width - ICON_WIDTH - RIGHT_WIDTH, 0)
        screen, app = self.screen, self.app
        title = app.format_title(screen.title if screen.title is not None else app.title,
                                 screen.sub_title if screen.sub_title is not None else app.sub_title)
        title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        icon = f" {ICON}".ljust(ICON_WIDTH)
        return Content.assemble(icon, " " * left, title, " " * (width - ICON_WIDTH - left - title.cell_length))

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")
