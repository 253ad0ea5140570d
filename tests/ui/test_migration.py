"""An index left by the previous brief (schema 3: no quotes, affiliations or deals), opened by the app.

The app analyses its articles again from the stored text; the user then sees the quotes in their panel,
in the article open in the reader and in a profile, without restarting or moving.
"""

from __future__ import annotations

import pytest
from invented import downgrade_to_schema_3
from library_corpus import ARTICLES, highlighted_text, ready
from ui_corpus import indexed
from ui_helpers import widget_text

from brief.ui.app import make_app
from brief.ui.screens.profile import ProfileScreen
from brief.ui.widgets.items import ItemList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)
NEWEST_QUOTED = {**ARTICLES, "quay.md": ARTICLES["quay.md"].replace("2025-03-02", "2025-03-09")}
"""The article with the quotes is the newest, so the reader has it open from the start."""


@pytest.fixture
def old_cache(tmp_path):  # noqa: ANN001, ANN201
    """The invented articles and a cache of them as brief's previous schema left it."""
    folder, cache, library = indexed(tmp_path, NEWEST_QUOTED)
    path = library.path
    library.close()
    downgrade_to_schema_3(path)
    return folder, cache


async def test_an_old_cache_is_analysed_again_and_its_quotes_shown(old_cache) -> None:
    folder, cache = old_cache
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(app, pilot)
        quotes = main.query_one("#quotes", Panel)
        assert quotes.count == 2
        shown = widget_text(app, quotes)
        assert "Ada Okafor" in shown and "“We have watched" in shown

        reader = main.query_one(Reader)
        assert reader.article_id == "quay"  # open since the first frame, before the analysis
        marked = [h for h in reader.document.highlights if h.kind == "quote"]
        assert len(marked) == 2

        okafor = next(r.slug for r in main.source.entity_rows("person") if r.name == "Ada Okafor")
        main.open_profile(okafor)
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        facts = profile.query_one("#profile-facts", ItemList).items
        assert any(i.evidence is not None and i.evidence.kind == "quote" and "watched this team" in i.text
                   for i in facts)
        assert any(i.text == "CEO of Harbor Bank" for i in facts)  # her role, from the affiliations

        quote = next(i for i in facts if i.evidence is not None and i.evidence.kind == "quote")
        items = profile.query_one("#profile-facts", ItemList)
        items.highlighted = items.index_of(quote)
        await pilot.press("enter")
        await pilot.pause()
        assert highlighted_text(main.query_one(Reader)).startswith("We have watched this team")

        bank = next(r.slug for r in main.source.entity_rows("organization") if r.name == "Harbor Bank")
        main.open_profile(bank)
        await pilot.pause()
        deals = [i for i in app.screen.query_one("#profile-facts", ItemList).items if i.deal_id is not None]
        assert {d.note for d in deals} == {"$120 million", "about $150 million"}
