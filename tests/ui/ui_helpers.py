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


def article_reads_on_the_loop(monkeypatch) -> list[str]:  # noqa: ANN001
    """The kinds whose "this article" panel count is read on the event loop (the main thread) from now on: the
    reader reads them in a worker, so the next article is drawn without waiting for them."""
    import threading

    from brief.pipeline.index.library import Library

    on_the_loop: list[str] = []
    real = Library.entity_count

    def counted(self, kind, scope=None):  # noqa: ANN001, ANN202
        if scope is not None and scope.name == "this article" and threading.current_thread() is threading.main_thread():
            on_the_loop.append(kind)
        return real(self, kind, scope)

    monkeypatch.setattr(Library, "entity_count", counted)
    return on_the_loop
