"""The view across sources (``x``) on invented outlets: a real disagreement is shown, a round's size is
never set against one investor's part of it.

The usual invented articles (library_corpus.py) give Harbor Bank's investment ($120 million) in one
and the size of the round it led (about $150 million) in the other: two facts, not one told two
ways. Here a third version of the story gives Harbor Bank's own investment as about $150 million:
that one is reported differently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from library_corpus import ARTICLES, across_shown, highlighted_text, open_profile_of, ready
from ui_corpus import indexed
from ui_helpers import screen_text

from brief.ui.app import BriefApp, make_app
from brief.ui.widgets.items import ItemList
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

SIZE = (120, 40)
ROUND = "Fennel Labs raised about $150 million in a round led by Harbor Bank"
OWN_SHARE = "Harbor Bank invested about $150 million in Fennel Labs"


@pytest.fixture
def differing(tmp_path: Path) -> tuple[BriefApp, object]:
    """The app on the usual articles, but the second outlet gives Harbor Bank's own investment differently."""
    assert ROUND in ARTICLES["northgate.md"]
    articles = {**ARTICLES, "northgate.md": ARTICLES["northgate.md"].replace(ROUND, OWN_SHARE)}
    folder, cache, library = indexed(tmp_path, articles)
    return make_app([folder], cache_dir=cache), library


async def _across_of(app, pilot, figure: str):  # noqa: ANN001, ANN202
    """The view across sources of ``figure``, chosen in the Figures panel."""
    main = await ready(app, pilot)
    figures = main.query_one("#figures", Panel)
    figures.focus()
    figures.highlighted = next(i for i in range(figures.count) if figures.row(i).figure.text == figure)
    await pilot.press("x")
    return await across_shown(app, pilot)


async def test_x_on_a_figure_shows_the_other_sources_amount(differing) -> None:  # noqa: ANN001
    app, _library = differing
    async with app.run_test(size=SIZE) as pilot:
        across = await _across_of(app, pilot, "$120 million")
        assert "2 articles report it differently" in screen_text(app)
        assert [i.text for i in across.query_one(ItemList).items] == ["$120 million", "about $150 million"]
        await pilot.press("down", "enter")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.article_id == "northgate" and highlighted_text(reader) == "about $150 million"


async def test_a_deal_reported_with_two_amounts_is_compared(differing) -> None:  # noqa: ANN001
    app, library = differing
    async with app.run_test(size=SIZE) as pilot:
        profile = await open_profile_of(app, pilot, library, "Fennel Labs", panel="#companies")
        facts = profile.query_one("#profile-facts", ItemList)
        deals = [i for i in facts.items if i.deal_id is not None]
        assert {d.note.split(" · ")[0] for d in deals} == {"$120 million", "about $150 million"}
        facts.highlighted = facts.index_of(deals[0])
        await pilot.pause()
        await pilot.press("x")
        across = await across_shown(app, pilot)
        assert across.across.disagree and len(across.across.others) == 1
        assert "2 articles report it differently" in screen_text(app)


async def test_a_rounds_size_is_not_one_investors_part(app, library) -> None:  # noqa: ANN001
    async with app.run_test(size=SIZE) as pilot:
        across = await _across_of(app, pilot, "$120 million")
        assert not across.across.disagree and "report it differently" not in screen_text(app)
