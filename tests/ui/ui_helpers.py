"""Helpers for the UI tests."""

from __future__ import annotations

from rich.console import Console
from textual.app import App


def screen_text(app: App) -> str:
    """The characters on screen now, as a user sees them."""
    width, height = app.size
    with open("/dev/null", "w") as sink:
        console = Console(width=width, height=height, record=True, file=sink, force_terminal=True,
                          color_system=None, legacy_windows=False)
        console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
        return console.export_text()


def widget_text(app: App, widget: object) -> str:
    """The characters on screen inside one widget's region (a panel, not the reader beside it)."""
    region = widget.region  # type: ignore[attr-defined]
    lines = screen_text(app).splitlines()[region.y:region.bottom]
    return "\n".join(line[region.x:region.right] for line in lines)


async def until_indexed(app: App, pilot: object, tries: int = 400) -> object:
    """The main screen once its index is up to date (the app indexes in a worker thread)."""
    screen = app.screen
    for _ in range(tries):
        if getattr(screen, "up_to_date", True):
            break
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return screen
