"""Across sources tells the truth: invented stories, several invented outlets reporting one invented deal.

Each story is indexed by the real ``Library`` on a temp folder; what is checked is what a reader
sees: the "Across sources" section of the exported Markdown, and the view across sources (``x``)
of the figures on an entity's profile. A row says "reported differently" only for one fact (same
measure, same parties) that different articles give really different values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.cli import main
from brief.models import FigureRef
from brief.pipeline.export import render_markdown
from brief.pipeline.index.library import Library
from brief.pipeline.subjects import agree, disagreements, key_words, subject

pytestmark = pytest.mark.usefixtures("store")  # each test on SQLite and on PostgreSQL


def _write(folder: Path, articles: list[tuple[str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    for i, (outlet, body) in enumerate(articles):
        (folder / f"{i:02d}.md").write_text(
            f"---\ntitle: {outlet} on the Quorvex Systems deal\ndate: 2025-04-0{i + 1}\nsource: {outlet}\n---\n\n"
            f"{body}\n", encoding="utf-8")
    return folder


def _story(tmp_path: Path, articles: list[tuple[str, str]]) -> tuple[str, Library]:
    """The Markdown "Across sources" section of these articles and their library."""
    lib = Library([_write(tmp_path / "news", articles)], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    markdown = render_markdown(lib.briefing())
    return markdown.split("## Across sources")[1].split("\n## ")[0], lib


def _reported_differently(across: str) -> list[str]:
    """The lines under "Figures on one subject, reported differently" and "Deals reported differently"."""
    out, keep = [], False
    for line in across.splitlines():
        if line.endswith(":") and not line.startswith("- "):
            keep = line.startswith(("Figures on one subject", "Deals reported"))
        elif keep and line.startswith("- "):
            out.append(line)
    return out


def _x_views(lib: Library, name: str) -> dict[str, tuple[bool, list[str]]]:
    """The view across sources of each figure and deal on ``name``'s profile: the figure's text or the deal's
    "text (amount)" -> (disagree, the others' texts)."""
    row = next(r for r in lib.entity_rows("organization", 0, 100) if r.name == name)
    profile = lib.profile(row.slug)
    assert profile is not None
    out = {}
    for item in profile.figures:
        assert item.figure_id is not None
        view = lib.across(item.figure_id)
        assert view is not None
        out[item.text] = (view.disagree, [o.text for o in view.others])
    for item in profile.deals:
        assert item.deal_id is not None
        view = lib.deal_across(item.deal_id)
        assert view is not None
        out[f"{item.text} ({item.note})"] = (view.disagree, [o.text for o in view.others])
    return out


def test_one_acquisition_at_two_prices_in_two_outlets_surfaces(tmp_path: Path) -> None:
    across, lib = _story(tmp_path, [
        ("The Quay Ledger", "Velmora Capital agreed to buy Quorvex Systems for $1.2 billion on Monday."),
        ("Northgate Daily", "Velmora Capital agreed to buy Quorvex Systems for $1.5 billion, people said."),
    ])
    rows = _reported_differently(across)
    assert any("$1.2 billion [1]" in r and "$1.5 billion [2]" in r for r in rows), across
    views = _x_views(lib, "Quorvex Systems")
    assert views["$1.2 billion"] == (True, ["$1.5 billion"])
    assert views["$1.5 billion"] == (True, ["$1.2 billion"])
    deals = [view for text, view in views.items() if text.endswith("billion)")]
    assert len(deals) == 2 and all(disagree for disagree, _ in deals)


def test_the_deals_told_differently_are_found_once_per_export(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The Markdown and the HTML export each find the deals told differently once, for the deals' lines
    and to leave their amounts out of the figures'."""
    from brief.pipeline import export_relations
    from brief.pipeline.export_html import render_html

    _across_md, lib = _story(tmp_path, [
        ("The Quay Ledger", "Velmora Capital agreed to buy Quorvex Systems for $1.2 billion on Monday."),
        ("Northgate Daily", "Velmora Capital agreed to buy Quorvex Systems for $1.5 billion, people said."),
    ])
    calls: list[int] = []
    found = export_relations.deal_differences
    monkeypatch.setattr(export_relations, "deal_differences", lambda b: calls.append(1) or found(b))
    briefing = lib.briefing()
    markdown = render_markdown(briefing)
    assert len(calls) == 1 and "$1.5 billion [2]" in markdown
    page = render_html(briefing)
    assert len(calls) == 2 and "$1.5 billion" in page


def test_nearly_a_round_figure_above_the_exact_one_is_a_disagreement(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Velmora Capital invested $8.3 billion in Quorvex Systems in June."),
        ("Northgate Daily", "Velmora Capital is investing nearly $9 billion in Quorvex Systems."),
    ])
    assert any("$8.3 billion [1]" in r and "nearly $9 billion [2]" in r for r in _reported_differently(across))


@pytest.mark.parametrize(("first", "second"), [
    ("for $68.7 billion", "for $70 billion"),  # rounding
    ("for more than $1 billion", "for $1.2 billion"),  # a lower bound the exact value meets
    ("for about $2 billion", "for $2.04 billion"),
    ("for $1.2bn", "for $1.2 billion"),
])
def test_rounding_and_qualifiers_are_not_disagreement(tmp_path: Path, first: str, second: str) -> None:
    across, lib = _story(tmp_path, [
        ("The Quay Ledger", f"Velmora Capital agreed to buy Quorvex Systems {first} on Monday."),
        ("Northgate Daily", f"Velmora Capital agreed to buy Quorvex Systems {second}, people said."),
    ])
    assert _reported_differently(across) == [], across
    assert not any(disagree for disagree, _ in _x_views(lib, "Quorvex Systems").values())


MISLEADING = {
    "per-share price against the deal value": [
        ("The Quay Ledger", "Velmora Capital agreed to buy Quorvex Systems for $1.2 billion, or $45 a share."),
        ("Northgate Daily", "Velmora Capital will pay $45 a share for Quorvex Systems."),
        ("Harbor Wire", "Velmora Capital agreed to buy Quorvex Systems for $1.2 billion in cash."),
    ],
    "the same amount in another currency": [
        ("Rhein Courier", "Velmora Capital will buy Quorvex Systems for €2 billion ($2.2 billion), it said."),
        ("The Quay Ledger", "Velmora Capital will buy Quorvex Systems for $2.4 billion, it said."),
        ("Northgate Daily", "Velmora Capital will buy Quorvex Systems for 2 billion euros, or about $2.3 billion."),
    ],
    "a valuation as the investment": [
        ("The Quay Ledger", "Velmora Capital will invest $2 billion in Quorvex Systems, its biggest bet yet."),
        ("Northgate Daily", "Velmora Capital's investment values Quorvex Systems at $2.5 billion."),
        ("Harbor Wire", "Velmora Capital will invest $2 billion in Quorvex Systems at a $2.5 billion valuation."),
    ],
    "a round's size as one investor's share": [
        ("The Quay Ledger", "Quorvex Systems raised $100 million in a round led by Velmora Capital."),
        ("Northgate Daily", "Velmora Capital invested $80 million in Quorvex Systems, leading the round."),
    ],
    "one firm's investment in a third company": [
        ("The Quay Ledger", "Velmora Capital will invest $2 billion in Quorvex Systems, the robotics startup."),
        ("Northgate Daily", "Velmora Capital will invest $2 billion in Quorvex Systems. Last year Velmora Capital "
                            "invested $1.7 billion in Brantis Labs."),
    ],
}
"""Stories whose outlets agree, told with figures that are not one fact: no row, no disagreement in ``x``."""


@pytest.mark.parametrize("story", MISLEADING, ids=list(MISLEADING))
def test_figures_that_are_not_one_fact_are_never_set_against_each_other(tmp_path: Path, story: str) -> None:
    across, lib = _story(tmp_path, MISLEADING[story])
    assert _reported_differently(across) == [], across
    assert not any(disagree for disagree, _ in _x_views(lib, "Quorvex Systems").values())


def test_per_share_prices_that_differ_are_compared_with_each_other_only(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Velmora Capital agreed to buy Quorvex Systems for $1.2 billion, or $45 a share."),
        ("Northgate Daily", "Velmora Capital will pay $52 a share for Quorvex Systems, or $1.2 billion."),
    ])
    rows = _reported_differently(across)
    assert any("45 [1]" in r and "52 [2]" in r for r in rows), across
    assert not any("billion" in r for r in rows)


def test_a_share_jump_given_as_two_percentages_surfaces_but_not_two_days_moves(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Quorvex Systems shares jumped 12% on Monday after the deal was announced."),
        ("Northgate Daily", "Quorvex Systems shares jumped 15% on Monday, the biggest gain in a year."),
        ("Harbor Wire", "Quorvex Systems shares jumped 11% on Tuesday as investors cheered."),
    ])
    rows = _reported_differently(across)
    assert len(rows) == 1 and "12% [1]" in rows[0] and "15% [2]" in rows[0] and "[3]" not in rows[0], across


def test_one_article_is_never_set_against_itself(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Quorvex Systems shares rose 0.48% in early trading. Quorvex Systems shares rose 0.68% "
                            "by the close of trading."),
        ("Northgate Daily", "Quorvex Systems shares rose 0.6% in trading after the deal was announced."),
    ])
    for row in _reported_differently(across):
        refs = [part.rsplit(" ", 1)[-1] for part in row.split(": ", 1)[1].split("; ")]
        assert len(refs) == len(set(refs)), row


def test_the_seeds_two_articles_still_disagree_on_the_investment(seeds: Path, tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    assert main(["export", "--no-cache", "-o", str(target), str(seeds)]) == 0
    rows = _reported_differently(target.read_text(encoding="utf-8").split("## Across sources")[1])
    assert any("$14.3 billion [1]" in r and "nearly $15 billion [2]" in r for r in rows)
    lib = Library([seeds], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert _x_views(lib, "Scale AI")["$14.3 billion"] == (True, ["nearly $15 billion"])


# --- the rules on their own: what a figure measures, and which values agree -----------------------


def _measured(sentence: str, figure: str, kind: str = "money") -> str:
    start = sentence.index(figure)
    return subject("a", kind, "USD", None, FigureRef(article="a", text=figure, value=1.0), sentence, start,
                   start + len(figure), (0, len(sentence)), [], key_words(sentence)).measure


@pytest.mark.parametrize(("sentence", "figure", "measure"), [
    ("Velmora agreed to buy Quorvex for $1.2 billion.", "$1.2 billion", "price paid"),
    ("Velmora will pay $45 a share for Quorvex.", "$45", "per share"),
    ("Quorvex shares closed at $45 on Friday.", "$45", "per share"),
    ("Velmora will buy Quorvex for €2 billion ($2.2 billion).", "$2.2 billion", "conversion"),
    ("Velmora will buy Quorvex for 2 billion euros, or about $2.3 billion.", "about $2.3 billion", "conversion"),
    ("The deal values Quorvex at $10 billion.", "$10 billion", "valuation"),
    ("Quorvex is now worth $10 billion.", "$10 billion", "valuation"),
    ("It invested at a $10 billion valuation.", "$10 billion", "valuation"),
    ("The deal, valued at $1.2 billion, closes in May.", "$1.2 billion", "deal value"),
    ("The deal is worth $1.2 billion.", "$1.2 billion", "deal value"),
    ("Velmora invested $40 million in Quorvex.", "$40 million", "investment"),
    ("Velmora invested $40 million in Quorvex's $100 million round.", "$100 million", "round size"),
    ("Quorvex raised $100 million from Velmora.", "$100 million", "round size"),
    ("Meta made a $14.3 billion investment in Scale.", "$14.3 billion", "investment"),
    ("Velmora took a 49% stake in Quorvex.", "49%", "stake"),
    ("Quorvex shares jumped as much as 12% on Monday.", "12%", "share move"),
    ("Shares of Quorvex fell 3% in early trading.", "3%", "share move"),
    ("It was a 12% jump in Quorvex shares.", "12%", "share move"),
    ("Quorvex said revenue reached $40 million.", "$40 million", ""),
])
def test_what_a_figure_measures_is_read_from_the_words_around_it(sentence: str, figure: str, measure: str) -> None:
    kind = "percent" if figure.endswith("%") else "money"
    assert _measured(sentence, figure, kind) == measure


@pytest.mark.parametrize(("a", "b", "same"), [
    (("$70 billion", 70e9), ("$68.7 billion", 68.7e9), True),
    (("$1.2 billion", 1.2e9), ("$1.5 billion", 1.5e9), False),
    (("$14.3 billion", 14.3e9), ("nearly $15 billion", 15e9), False),
    (("nearly $70 billion", 70e9), ("$68.7 billion", 68.7e9), True),
    (("more than $1 billion", 1e9), ("$1.2 billion", 1.2e9), True),
    (("more than $1 billion", 1e9), ("$900 million", 0.9e9), False),
    (("$2 billion", 2e9), ("$2.3 billion", 2.3e9), False),
    (("12%", 12.0), ("12.4%", 12.4), True),
    (("12%", 12.0), ("15%", 15.0), False),
])
def test_values_agree_after_rounding_and_qualifiers(a: tuple[str, float], b: tuple[str, float], same: bool) -> None:
    kind = "percent" if a[0].endswith("%") else "money"
    refs = [FigureRef(article="x", text=t, value=v) for t, v in (a, b)]
    assert agree(refs, kind) is same


def test_a_range_agrees_with_a_value_inside_it() -> None:
    refs = [FigureRef(article="x", text="$1 billion to $1.5 billion", value=1e9, value_max=1.5e9),
            FigureRef(article="y", text="$1.3 billion", value=1.3e9)]
    assert agree(refs, "money") and not agree([refs[0], FigureRef("y", "$1.8 billion", 1.8e9)], "money")


def test_grouping_a_thousand_copies_of_one_report_gives_one_row() -> None:
    items = []
    for i in range(1000):
        text = f"Velmora agreed to buy Quorvex for {'$1.5 billion' if i % 10 == 0 else '$1.2 billion'}, Outlet{i} said."
        figure = "$1.5 billion" if i % 10 == 0 else "$1.2 billion"
        start = text.index(figure)
        items.append(subject(f"c{i}", "money", "USD", None,
                             FigureRef(article=f"c{i}", text=figure, value=float(figure[1:4]) * 1e9), text, start,
                             start + len(figure), (0, len(text)),
                             [("velmora", 0), ("quorvex", text.index("Quorvex")), (f"outlet{i}", text.index("Outlet"))],
                             key_words(text)))
    rows = disagreements(items)
    assert len(rows) == 1 and len(rows[0].figures) == 1000


# --- facts told differently in words ----------------------------------------------------------------


def _told_differently(across: str, heading: str = "Told differently:") -> list[str]:
    if heading not in across:
        return []
    return [line for line in across.split(heading)[1].split("\n\n")[1].splitlines() if line.startswith("- ")]


def test_fired_in_three_outlets_and_resigned_in_a_fourth_surfaces(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Quorvex Systems fired chief executive Jane Roe on Tuesday, the company said."),
        ("Northgate Daily", "Jane Roe was fired by Quorvex Systems after a board vote."),
        ("Harbor Wire", "Quorvex Systems ousted its chief executive Jane Roe this week."),
        ("Rhein Courier", "Jane Roe resigned as chief executive of Quorvex Systems on Tuesday."),
    ])
    assert _told_differently(across) == ["- Jane Roe, what happened: fired [1] [2] [3]; resigned [4]"], across


def test_a_firing_before_any_job_title_is_read(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Quorvex Systems fired its chief marketing officer Jane Roe on Tuesday."),
        ("Northgate Daily", "Jane Roe resigned from Quorvex Systems on Tuesday."),
    ])
    assert _told_differently(across) == ["- Jane Roe, what happened: fired [1]; resigned [2]"], across


@pytest.mark.parametrize("other", [
    "Jane Roe denied that she was fired by Quorvex Systems.",  # a negation states nothing
    "Jane Roe resigned from Quorvex Systems, though insiders said she was in effect fired.",  # says both
    "Jane Roe stepped down as chief executive of Quorvex Systems.",  # the same fate in other words
])
def test_a_fate_not_stated_against_another_is_no_contradiction(tmp_path: Path, other: str) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Jane Roe resigned as chief executive of Quorvex Systems on Tuesday."),
        ("Northgate Daily", other),
    ])
    assert _told_differently(across) == [], across


def test_the_date_of_an_event_told_differently_surfaces(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Velmora Capital agreed on March 3 to buy Quorvex Systems for $1.2 billion."),
        ("Northgate Daily", "Velmora Capital agreed on March 5 to buy Quorvex Systems for $1.2 billion."),
        ("Harbor Wire", "Velmora Capital agreed in March to buy Quorvex Systems for $1.2 billion."),
    ])
    assert _told_differently(across) == [
        "- Velmora Capital → Quorvex Systems, when announced: March 3 [1]; March 5 [2]; March [3]"], across


def test_the_month_an_executive_left_told_differently_surfaces(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Jane Roe resigned from Quorvex Systems in May, the company said."),
        ("Northgate Daily", "Jane Roe resigned from Quorvex Systems in June, filings show."),
    ])
    assert _told_differently(across) == ["- Jane Roe, when left: May [1]; June [2]"], across


def test_an_announcement_and_a_closing_are_two_events(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Velmora Capital agreed in March to buy Quorvex Systems for $1.2 billion."),
        ("Northgate Daily", "Velmora Capital will buy Quorvex Systems in a deal expected to close in June."),
        ("Harbor Wire", "Velmora Capital agreed to buy Quorvex Systems, which may close by the end of June."),
    ])
    assert _told_differently(across) == [], across


def test_one_person_given_two_titles_at_one_company_surfaces(tmp_path: Path) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Jane Roe, chief executive of Quorvex Systems, said the deal was good."),
        ("Northgate Daily", "Jane Roe, chief financial officer of Quorvex Systems, said the deal was good."),
    ])
    rows = _told_differently(across, "One person, different roles:")
    assert len(rows) == 1 and rows[0].startswith("- Jane Roe: ") and "[1]" in rows[0] and "[2]" in rows[0], across


@pytest.mark.parametrize("other", [
    "Jane Roe, CEO of Quorvex Systems, said the deal was good.",  # one title, written two ways
    "Jane Roe, former chief executive of Quorvex Systems, said the deal was good.",  # before and after leaving
    "Jane Roe, founder of Quorvex Systems, said the deal was good.",  # a role beside the title
    "Jane Roe, chief financial officer of Velmora Capital, said the deal was good.",  # another company
])
def test_roles_that_do_not_exclude_each_other_are_no_contradiction(tmp_path: Path, other: str) -> None:
    across, _lib = _story(tmp_path, [
        ("The Quay Ledger", "Jane Roe, chief executive of Quorvex Systems, said the deal was good."),
        ("Northgate Daily", other),
    ])
    assert _told_differently(across, "One person, different roles:") == [], across


STORY = [
    ("The Quay Ledger", "Velmora Capital agreed on Monday to buy Quorvex Systems for $1.2 billion, or $45 a share, in "
     "cash. Quorvex Systems shares jumped 12% on Monday. Quorvex Systems fired its chief executive Jane Roe in May. "
     "Velmora Capital invested $300 million in Brantis Labs last year. Tom Reyes, chief executive of Velmora "
     "Capital, said the deal would close in June."),
    ("Northgate Daily", "Velmora Capital will pay $1.5 billion for Quorvex Systems, or $45 a share. Quorvex Systems "
     "shares jumped 15% on Monday. Jane Roe was fired by Quorvex Systems in May. Tom Reyes, president of Velmora "
     "Capital, said the deal was expected to close in June. Quorvex Systems raised $80 million in a round led by "
     "Brantis Labs in 2021."),
    ("Rhein Courier", "Velmora Capital will buy Quorvex Systems for €1.1 billion ($1.2 billion). Jane Roe resigned "
     "as chief executive of Quorvex Systems in April. Brantis Labs invested $60 million in Quorvex Systems in 2021."),
]


def test_a_whole_story_in_three_outlets_gives_the_real_disagreements_only(tmp_path: Path) -> None:
    """The real command on one invented story: the price, the share jump, the fate, its month and a title differ;
    the per-share price, the conversion, the closing month, a round against one investor's part and an
    investment in a third company do not."""
    target = tmp_path / "briefing.md"
    assert main(["export", "--no-cache", "-o", str(target), str(_write(tmp_path / "news", STORY))]) == 0
    across = target.read_text(encoding="utf-8").split("## Across sources")[1]
    figures = _reported_differently(across)
    assert len(figures) == 2, across
    # the price once (as a deal, or as a figure where no deal was read), and the share jump
    assert sum("$1.2 billion [1]; $1.5 billion [2]" in row for row in figures) == 1, across
    assert sum("12% [1]; 15% [2]" in row for row in figures) == 1, across
    assert _told_differently(across) == ["- Jane Roe, what happened: fired [1] [2]; resigned [3]",
                                         "- Jane Roe, when left: May [1] [2]; April [3]"]
    assert _told_differently(across, "One person, different roles:") == [
        "- Tom Reyes: CEO at Velmora Capital [1]; president at Velmora Capital [2]"]
