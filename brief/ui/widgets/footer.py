"""The footer, recomposed only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer rebuilds all its keys on every focus or binding change; moving between
    panes with tab does not change what brief's footer shows, so this one skips those rebuilds
    (they cost more than the rest of the first screen)."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[str, str, bool, str], ...] | None = None

    @staticmethod
    def _signature(screen: Screen) -> tuple[tuple[str, str, bool, str], ...]:
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        signature = self._signature(screen)
        if signature == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = signature
