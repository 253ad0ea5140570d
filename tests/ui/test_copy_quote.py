"""``y`` copies the reader's current quote with its citation as Markdown (issue 19, item 3), through the
terminal's clipboard (OSC 52), and says so; on anything that is not a quote it says why and copies nothing.

On a real index of an invented feed (a link, a date with its zone, Markdown-like words in the quote).
"""

from __future__ import annotations

from pathlib import Path

from ui_helpers import until_indexed

from brief.models import Article, Quote
from brief.pipeline.cite import quote_markdown
from brief.ui.app import make_app
from brief.ui.widgets.panels import Panel
from brief.ui.widgets.reader import Reader

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quorvex Wire</title><link>https://wire.example/</link><description>x</description>
<item><title>Quorvex opens a plant</title><link>https://wire.example/quorvex-plant?a=1&amp;b=2</link>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description><![CDATA[<p>Quorvex Industries will open a plant in the north. \
\u201cWe will build *everything* here, [all] of it,\u201d said Jane Roe, \
chief executive of Quorvex Industries. The plant will employ 400 people.</p>]]></description>
</item></channel></rss>
"""
COPIED = ('> "We will build \\*everything\\* here, \\[all\\] of it" \u2014 Jane Roe, '
          "[Quorvex Wire](https://wire.example/quorvex-plant?a=1&b=2), 5 Mar 2024")
"""What a notes app shows as the quote, the speaker, the linked source and the day, the words' markup escaped."""


def _app(tmp_path: Path):  # noqa: ANN202
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "wire.rss").write_text(FEED, encoding="utf-8")
    return make_app([folder], cache_dir=tmp_path / "cache")


def _notes(app) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(n.title, n.message) for n in app._notifications]


async def test_y_on_a_quote_opened_from_its_panel_copies_it_with_its_citation(tmp_path) -> None:  # noqa: ANN001
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await until_indexed(app, pilot)
        screen.query_one("#quotes", Panel).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(Reader).current.kind == "quote"
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == COPIED
        assert _notes(app)[-1] == ("Quote copied as Markdown", COPIED)


async def test_y_on_the_speakers_name_copies_their_quote_and_elsewhere_says_why(tmp_path) -> None:  # noqa: ANN001
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await until_indexed(app, pilot)
        reader = screen.query_one(Reader)
        reader.focus()
        await pilot.press("n")  # the first name: the company, which said nothing
        await pilot.pause()
        assert reader.current is not None and reader.current.kind == "organization"
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert "Move to a quote first" in _notes(app)[-1][1]
        while reader.current.kind != "person":  # on to Jane Roe, who said it
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == COPIED


def test_the_citation_leaves_out_what_the_article_lacks_and_links_only_to_the_web() -> None:
    quote = Quote("Fine", 0, 4, speaker_text="a spokeswoman")
    bare = Article(id="a", path="/a.txt", title="Notes", body="Fine")
    assert quote_markdown(quote, bare) == '> "Fine" \u2014 a spokeswoman, Notes'
    odd = Article(id="a", path="/a.txt", title="Notes", body="Fine", source="Wire]", url="javascript:alert(1)",
                  published="2024-03-05")
    assert quote_markdown(Quote("Fine", 0, 4), odd, "Jane Roe") == '> "Fine" \u2014 Jane Roe, Wire\\], 5 Mar 2024'
