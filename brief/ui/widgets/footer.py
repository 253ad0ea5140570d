"""The footer: the keys that work now, drawn as one line of text."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen


class FooterKey(NamedTuple):
    display: str
    description: str
    action: str
    node: DOMNode  # where the binding is: its action runs there
    enabled: bool


class KeysFooter(Widget):
    """The shown keys of the focused pane and the screen, and the command palette's key on the right.

    Textual's ``Footer`` is a row of widgets, mounted again and laid out whenever the keys change:
    opening or closing the search box did that, and it took longer than the search itself. This
    footer is one widget of one line; a change of keys redraws that line. A click on a key runs
    what the key does.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key", "keys-footer--description", "keys-footer--disabled", "keys-footer--separator",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        & > .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--disabled {
            text-style: dim;
        }
        & > .keys-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._keys: tuple[FooterKey, ...] = ()
        self._palette: FooterKey | None = None
        self._places: list[tuple[int, int, FooterKey]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        keys, palette = self._read(screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _read(self, screen: Screen) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
        """The keys to show, one per action (its first key), and the command palette's."""
        app = screen.app
        active = screen.active_bindings
        keys: dict[str, FooterKey] = {}
        for node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = FooterKey(app.get_key_display(binding), binding.description, binding.action,
                                                 node, enabled)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = FooterKey(app.get_key_display(binding), binding.description, binding.action, node, enabled)
            keys.pop(binding.action, None)
        return tuple(keys.values()), palette

    def render(self) -> Content:
        key_style = self.get_visual_style("keys-footer--key")
        description_style = self.get_visual_style("keys-footer--description")
        dim = self.get_visual_style("keys-footer--disabled")
        parts: list[tuple[str, object]] = []
        self._places = []
        x = 0

        def add(entry: FooterKey, key: str, description: str) -> None:
            nonlocal x
            parts.append((key, key_style + dim if not entry.enabled else key_style))
            parts.append((description, description_style + dim if not entry.enabled else description_style))
            self._places.append((x, x + len(key) + len(description), entry))
            x += len(key) + len(description)

        for entry in self._keys:
            add(entry, f" {entry.display} ", f"{entry.description} " if entry.description else "")
        if self._palette is not None:  # on the right, after a thin rule: "▏^p palette "
            palette = self._palette
            gap = max(self.size.width - x - len(palette.display) - len(palette.description) - 3, 1)
            parts += [(" " * gap, ""), ("▏", self.get_visual_style("keys-footer--separator"))]
            x += gap + 1
            add(palette, palette.display, f" {palette.description} ")
        return Content.assemble(*parts)  # type: ignore[arg-type]

    async def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, entry in self._places:
            if start <= event.x < end:
                if entry.enabled:
                    await self.app.run_action(entry.action, entry.node)
                else:
                    self.app.bell()
                return
