"""Wide characters, emoji, combining marks and right-to-left text keep the panes aligned."""

from __future__ import annotations

from rich.cells import cell_len
from ui_briefings import Spec, build_briefing
from ui_helpers import screen_text

from brief.ui.app import make_app

SIZE = (120, 40)
WIDE = [
    Spec(id="w1", title="東京の港湾計画、来年に延期 👩‍💻🚢", source="日本経済新聞",
         body="東京の港湾局は計画を延期した。 Ada Okafor said the plan 👩‍💻 would wait.", entities=["ada-okafor"]),
    Spec(id="w2", title="Cafe\u0301 owners in Zu\u0308rich meet", source="Ze\u0301itung",
         body="The owners met on Monday with Ada Okafor.", entities=["ada-okafor"]),
    Spec(id="w3", title="שביתה בנמל חיפה \u2014 strike at Haifa port", source="הארץ",
         body="The strike began on Sunday, Tom Reyes said.", entities=["tom-reyes"]),
]


async def test_wide_and_mixed_scripts_keep_every_line_and_border_in_place() -> None:
    app = make_app(briefing=build_briefing(WIDE))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("j", "j", "k"):
            await pilot.press(key)
            await pilot.pause()
            lines = screen_text(app).splitlines()
            assert all(cell_len(line) <= SIZE[0] for line in lines)
            framed = [line for line in lines[2:-2] if line.startswith("│")]
            columns = [{cell_len(line[:i]) for i, c in enumerate(line) if c == "│"} for line in framed]
            layout = max(columns, key=len)  # the pane edges, on a line where every pane has a border
            assert all(c <= layout for c in columns), "a pane border moved on a line with wide text"
            assert len(layout) >= 4
        assert "東京の港湾計画" in screen_text(app) or "東京の港湾" in screen_text(app)

