"""A small corpus of invented articles, indexed into a real ``Library`` in a temp folder (conftest's ``corpus``),
and the Pilot steps the profile and quotes tests share.

Two articles report one investment with different amounts (a disagreement across sources);
a third, older one names other people, so a profile's lists have something to leave out.
"""

from __future__ import annotations

from ui_helpers import until_indexed

from brief.ui.screens.main import MainScreen
from brief.ui.screens.profile import AcrossScreen, ProfileScreen
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

ARTICLES = {
    "quay.md": """---
title: Harbor Bank buys a stake in Fennel Labs
date: 2025-03-02
source: The Quay Ledger
---

Harbor Bank agreed to invest $120 million in Fennel Labs, the robotics startup, on Monday. Ada Okafor, chief \
executive of Harbor Bank, said the deal would close in May. "We have watched this team for years," Okafor said.

Tom Reyes, founder of Fennel Labs, said the company would hire 300 engineers. "We will build the first \
robots in Lisbon," he said.
""",
    "northgate.md": """---
title: Fennel Labs raises money from Harbor Bank
date: 2025-03-05
source: Northgate Daily
---

Fennel Labs raised about $150 million in a round led by Harbor Bank, according to people familiar with the \
deal. Ada Okafor, chief executive of Harbor Bank, declined to comment.

Tom Reyes said Fennel Labs would open an office in Lisbon.
""",
    "orchid.md": """---
title: Orchid Systems names a new chair
date: 2025-01-10
source: Northgate Daily
---

Orchid Systems named Lena Marsh as its chair on Friday. Marsh previously led the board of Pike Mutual.
""",
}


async def click(pilot, reader: Reader, highlight) -> None:
    """A click on the first character of a highlight in the reader, scrolled into view."""
    reader.scroll_to_highlight(highlight)
    await pilot.pause()
    y = reader.line_of(highlight) - reader.scroll_offset.y
    x = highlight.start - reader._lines[reader.line_of(highlight)].start
    region = reader.content_region
    await pilot.click(offset=(region.x + x, region.y + y))
    await pilot.pause()


async def ready(app, pilot) -> MainScreen:
    screen = await until_indexed(app, pilot)
    assert isinstance(screen, MainScreen)
    return screen


def slug_of(library, name: str) -> str:
    return next(r.slug for kind in ("person", "organization") for r in library.entity_rows(kind) if r.name == name)


async def open_profile_of(app, pilot, library, name: str, panel: str = "#people") -> ProfileScreen:
    main = await ready(app, pilot)
    entities = main.query_one(panel, Panel)
    entities.focus()
    entities.select_entity(slug_of(library, name))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ProfileScreen)
    return app.screen


def highlighted_text(reader: Reader) -> str:
    current = reader.current
    assert current is not None
    return reader.document.blocks[current.block].text[current.start:current.end]


def on_screen(reader: Reader) -> bool:
    top = reader.scroll_offset.y
    return top <= reader.line_of(reader.current) < top + reader.scrollable_content_region.height


async def across_shown(app, pilot) -> AcrossScreen:
    for _ in range(200):  # the figures are grouped in a thread
        if isinstance(app.screen, AcrossScreen):
            break
        await pilot.pause(0.05)
    assert isinstance(app.screen, AcrossScreen)
    await pilot.pause()
    return app.screen
