"""``w`` on a profile's role, deal or quote says what brief read and why, on a real index of invented articles:
the relation in a line, the rule entry that made it and what that entry reads, the sentence with its parties
marked, the article's title; enter opens the article there. ``w`` on a name keeps the entity dialog."""

from __future__ import annotations

from pathlib import Path

from library_corpus import highlighted_text, slug_of
from ui_corpus import indexed
from ui_helpers import until_indexed, widget_text

from brief.pipeline.relations.explain import rule_says
from brief.ui.app import make_app
from brief.ui.screens.main import MainScreen
from brief.ui.screens.profile import ProfileScreen
from brief.ui.screens.relation_why import Passage, RelationWhyScreen
from brief.ui.screens.why import WhyScreen
from brief.ui.widgets.items import ItemList
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)
ARTICLES = {
    "tandrix.md": """---
title: Quorvex to buy Tandrix Labs
date: 2025-06-02
source: The Harbour Wire
---

Quorvex agreed to buy Tandrix Labs for $1.2 billion on Monday.

Velmora CEO Jane Roe said rivals would [/follow] soon. "We will keep every engineer [b]," said Jane Roe.
""",
    "rivals.md": """---
title: Velmora waits
date: 2025-06-01
source: Money Desk
---

Velmora has not said what it will do. Tom Reyes of Pike Mutual said the market was calm.
""",
}


def _app(tmp_path: Path):  # noqa: ANN202
    folder, cache, library = indexed(tmp_path, ARTICLES)
    return make_app([folder], cache_dir=cache), library


async def _profile_row(app, pilot, library, name: str, row) -> ProfileScreen:  # noqa: ANN001
    """The profile of ``name``, the cursor on the first row of its About list for which ``row(item)`` holds."""
    main = await until_indexed(app, pilot)
    assert isinstance(main, MainScreen)
    main.open_profile(slug_of(library, name))
    await pilot.pause()
    profile = app.screen
    assert isinstance(profile, ProfileScreen)
    facts = profile.query_one("#profile-facts", ItemList)
    facts.focus()
    facts.highlighted = facts.index_of(next(i for i in facts.items if row(i)))
    await pilot.pause()
    return profile


async def _why(app, pilot) -> RelationWhyScreen:  # noqa: ANN001
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(app.screen, RelationWhyScreen)
    return app.screen


def _said(app, dialog: RelationWhyScreen) -> str:  # noqa: ANN001
    """The dialog's words as on screen, its lines joined (a line wrapped at a space reads as one)."""
    lines = widget_text(app, dialog.query_one("#dialog")).splitlines()[1:-1]
    return " ".join(" ".join(line.strip().strip("│▊▎").split()) for line in lines)


def _marked(dialog: RelationWhyScreen) -> list[str]:
    """The words of the passage drawn highlighted, in order."""
    content = dialog.query_one(Passage).render()
    return [content.plain[s.start:s.end] for s in content.spans]


async def _opened_at(app, pilot) -> tuple[Reader, str]:  # noqa: ANN001
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MainScreen)
    reader = app.screen.query_one(Reader)
    return reader, highlighted_text(reader)


async def test_w_on_a_role_says_which_rule_read_it_in_which_sentence(tmp_path) -> None:
    app, library = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _profile_row(app, pilot, library, "Jane Roe", lambda i: i.text == "CEO of Velmora")
        dialog = await _why(app, pilot)
        text = _said(app, dialog)
        assert "Jane Roe, CEO of Velmora" in text
        assert "org-title-name" in text and rule_says("affiliation", "org-title-name") in text
        assert "Velmora CEO Jane Roe said rivals would [/follow] soon." in text  # the article's words, as written
        assert "Quorvex to buy Tandrix Labs" in text  # the article it was read in
        assert _marked(dialog) == ["Velmora", "Jane Roe"]
        reader, current = await _opened_at(app, pilot)
        assert reader.article_id == "tandrix" and current == "Jane Roe"


async def test_w_on_a_deal_names_its_rule_and_marks_both_sides_and_the_amount(tmp_path) -> None:
    app, library = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _profile_row(app, pilot, library, "Quorvex", lambda i: i.deal_id is not None)
        dialog = await _why(app, pilot)
        text = _said(app, dialog)
        assert "Quorvex: acquisition of Tandrix Labs · $1.2 billion" in text
        assert "Rule buy" in text and rule_says("deal", "buy") in text
        assert "Quorvex agreed to buy Tandrix Labs for $1.2 billion on Monday." in text
        assert _marked(dialog) == ["Quorvex", "Tandrix Labs", "$1.2 billion"]
        reader, current = await _opened_at(app, pilot)
        assert reader.article_id == "tandrix" and current == "$1.2 billion"


async def test_w_on_a_quote_names_the_attribution_rule_and_marks_the_quote_and_its_speaker(tmp_path) -> None:
    app, library = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _profile_row(app, pilot, library, "Jane Roe", lambda i: i.quote_id is not None)
        dialog = await _why(app, pilot)
        text = _said(app, dialog)
        assert "Jane Roe said “We will keep every engineer [b],”" in text or \
            "Jane Roe said “We will keep every engineer [b]" in text
        assert "said-name" in text and rule_says("quote", "said-name") in text
        marked = _marked(dialog)
        assert marked[0].startswith("We will keep every engineer [b]") and marked[-1] == "Jane Roe"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)  # escape closes the dialog, back on the profile


async def test_w_on_a_name_opens_its_dialog_and_elsewhere_the_profile_s_own(tmp_path) -> None:
    app, library = _app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        profile = await _profile_row(app, pilot, library, "Jane Roe", lambda i: i.text == "CEO of Velmora")
        articles = profile.query_one("#profile-articles", ItemList)
        articles.focus()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and app.screen.why.name == "Jane Roe"  # the profile's own name
        await pilot.press("escape")
        await pilot.pause()
        related = profile.query_one("#profile-related", ItemList)
        related.focus()
        related.highlighted = related.index_of(next(i for i in related.items if i.text == "Velmora"))
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyScreen) and app.screen.why.name == "Velmora"


def test_the_relation_dialog_as_drawn(snap_compare, tmp_path) -> None:
    app, library = _app(tmp_path)

    async def open_it(pilot) -> None:  # noqa: ANN001
        await _profile_row(pilot.app, pilot, library, "Jane Roe", lambda i: i.text == "CEO of Velmora")
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(app, run_before=open_it, terminal_size=SIZE)
