"""The app's screens. The main screen is the app's default (first) screen; the others open over it."""

from __future__ import annotations

from typing import Any

from textual.app import App


def back_to_main(app: App[Any]) -> None:
    """Close the profiles and dialogs over the main screen (the app's first)."""
    while len(app.screen_stack) > 1:
        app.pop_screen()
