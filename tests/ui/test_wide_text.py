"""Wide characters, emoji, combining marks and right-to-left text keep the panes aligned."""

from __future__ import annotations

from rich.cells import cell_len
from ui_corpus import indexed
from ui_helpers import screen_text, until_indexed

from brief.ui.app import make_app

SIZE = (120, 40)
WIDE = {
    "w1.md": "---\ntitle: 東京の港湾計画、来年に延期 👩‍💻🚢\ndate: 2024-03-07\nsource: 日本経済新聞\n---\n\n"
             "東京の港湾局は計画を延期した。 Ada Okafor said the plan 👩‍💻 would wait.\n",
    "w2.md": "---\ntitle: Cafe\u0301 owners in Zu\u0308rich meet\ndate: 2024-03-06\nsource: Ze\u0301itung\n---\n\n"
             "The owners met on Monday with Ada Okafor.\n",
    "w3.md": "---\ntitle: שביתה בנמל חיפה \u2014 strike at Haifa port\ndate: 2024-03-05\nsource: הארץ\n---\n\n"
             "The strike began on Sunday, Tom Reyes said.\n",
}


async def test_wide_and_mixed_scripts_keep_every_line_and_border_in_place(tmp_path) -> None:
    folder, cache, library = indexed(tmp_path, WIDE)
    assert [r.slug for r in library.rows()] == ["w1", "w2", "w3"]
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await until_indexed(app, pilot)
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

