"""Formatting of figures and counts for the UI (display only, never extraction)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.models import Figure


def format_value(figure: Figure) -> str:
    """The normalised value for humans ("$12.7B", "49%"): the export's wording, so both agree."""
    from brief.pipeline.export import figure_value

    return figure_value(figure)


_CONTROL = {code: "\ufffd" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROL.update({ord("\t"): " ", ord("\n"): "\n"})


def safe(text: str) -> str:
    """Text with control characters (ESC, CR, ...) shown as "�", one for one, so offsets still hold.

    Textual passes most control characters straight to the terminal (an ESC sequence in an
    article would restyle or clear the screen) and deletes a few (which would shift offsets).
    """
    return text.translate(_CONTROL)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters with an ellipsis (article titles in narrow panels)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"
