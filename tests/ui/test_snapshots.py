"""Snapshots of each screen and the main states, on the deterministic hand-built briefing.

Update after an intended change of look with ``pytest tests/ui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from ui_briefings import markup_briefing, sample_briefing

from brief.ui.app import make_app

SIZE = (120, 40)


def test_main_screen(snap_compare) -> None:
    assert snap_compare(make_app(briefing=sample_briefing()), terminal_size=SIZE)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(make_app(briefing=sample_briefing()), press=["question_mark"], terminal_size=SIZE)


def test_filtered_by_a_person_with_the_current_mention(snap_compare) -> None:
    async def choose(pilot) -> None:
        await pilot.pause()
        people = pilot.app.screen.query_one("#people")
        people.focus()
        people.select_entity("ada-okafor")
        await pilot.press("enter", "n")

    assert snap_compare(make_app(briefing=sample_briefing()), run_before=choose, terminal_size=SIZE)


def test_export_modal(snap_compare) -> None:
    assert snap_compare(make_app(briefing=sample_briefing()), press=["e"], terminal_size=SIZE)


def test_markup_like_text(snap_compare) -> None:
    assert snap_compare(make_app(briefing=markup_briefing()), terminal_size=SIZE)
