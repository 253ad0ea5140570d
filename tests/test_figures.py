"""Figures a reader would expect highlighted: money, percentages and counts, with their values."""

from __future__ import annotations

import random

import pytest

from brief.pipeline.extract import extract_figures


def figures(text: str) -> dict[str, object]:
    """Spans keyed by their text, so assertions read like the sentence."""
    return {text[f.start:f.end]: f for f in extract_figures(text)}


@pytest.mark.parametrize(
    ("text", "span", "value", "currency"),
    [
        ("Globex paid $8.2 billion for the unit.", "$8.2 billion", 8.2e9, "USD"),
        ("Globex's $8.2B bet paid off.", "$8.2B", 8.2e9, "USD"),
        ("The fund raised €3bn in May.", "€3bn", 3e9, "EUR"),
        ("It sold the stake for 4.5 million euros.", "4.5 million euros", 4.5e6, "EUR"),
        ("Investors put in US$ 7 million.", "US$ 7 million", 7e6, "USD"),
        ("Revenue reached NT$250 million.", "NT$250 million", 250e6, "TWD"),
        ("The bank lent HK$1.5 billion.", "HK$1.5 billion", 1.5e9, "HKD"),
        ("Ottawa pledged C$40 million.", "C$40 million", 40e6, "CAD"),
        ("The club spent £12m on a striker.", "£12m", 12e6, "GBP"),
        ("Profit rose to ¥80 billion.", "¥80 billion", 80e9, "JPY"),
        ("Tickets cost 300 yuan each.", "300 yuan", 300, "CNY"),
        ("The state spent Rs 5 crore on roads.", "Rs 5 crore", 5e7, "INR"),
        ("Sales hit 2.5 billion Swiss francs.", "2.5 billion Swiss francs", 2.5e9, "CHF"),
        ("A loan of EUR 200 million was agreed.", "EUR 200 million", 200e6, "EUR"),
        ("The dividend is 45 cents a share.", "45 cents", 0.45, "USD"),
    ],
)
def test_money_value_and_currency(text: str, span: str, value: float, currency: str) -> None:
    f = figures(text)[span]
    assert f.kind == "money"
    assert f.value == pytest.approx(value)
    assert f.currency == currency


def test_money_ranges_carry_both_ends() -> None:
    found = figures("Spending will be $30 billion to $35 billion, or $30-35 billion, next year.")
    for span in ("$30 billion to $35 billion", "$30-35 billion"):
        assert found[span].value == pytest.approx(30e9)
        assert found[span].value_max == pytest.approx(35e9)
    found = figures("Analysts expect between $2 billion and $3 billion.")
    assert found["between $2 billion and $3 billion"].value_max == pytest.approx(3e9)


def test_a_change_followed_by_a_level_is_not_a_range() -> None:
    found = figures("The stock rose $2 to $41.50 on Friday.")
    assert all(f.value_max is None for f in found.values())


@pytest.mark.parametrize("qualifier", ["nearly", "about", "almost", "roughly", "more than", "over",
                                       "well over", "up to", "some"])
def test_qualifiers_are_part_of_the_span_and_approximate(qualifier: str) -> None:
    f = figures(f"The startup is worth {qualifier} $6 billion today.")[f"{qualifier} $6 billion"]
    assert f.approximate and f.value == pytest.approx(6e9)


def test_exact_figures_are_not_approximate() -> None:
    assert not figures("It paid $6 billion.")["$6 billion"].approximate


def test_redundant_dollars_word_is_left_out() -> None:
    f = figures("They are spending almost $9 billion dollars on chips.")["almost $9 billion"]
    assert f.value == pytest.approx(9e9) and f.currency == "USD"


def test_percentages_and_percentage_points() -> None:
    found = figures("Turnout was 61%, up 3.5 percent; the rate rose 2 percentage points, or 4 per cent.")
    assert found["61%"].value == 61 and found["61%"].unit == "percent"
    assert found["3.5 percent"].value == 3.5
    assert found["2 percentage points"].unit == "percentage points"
    assert found["4 per cent"].value == 4
    assert found["2 percentage points"].kind == "percent"


def test_percent_ranges_and_qualifiers() -> None:
    found = figures("Margins of 15% to 18% are likely, well over 9% last year, and 6-7% next.")
    assert found["15% to 18%"].value_max == 18
    assert found["well over 9%"].approximate
    assert found["6-7%"].value == 6 and found["6-7%"].value_max == 7


def test_percent_ranges_after_a_change_falling_ranges_and_tallies() -> None:
    found = figures("Fares will rise 10% to 12% next year; yields eased to 8 1/2% to 8 3/8% on Friday.")
    assert found["10% to 12%"].value_max == 12
    assert (found["8 1/2% to 8 3/8%"].value, found["8 1/2% to 8 3/8%"].value_max) == (8.5, 8.375)
    # a vote is two figures, and so is a change from one level to another
    assert {"59%", "41%"} <= set(figures("Voters rejected the plan 59% to 41%."))
    assert {"5%", "6%"} <= set(figures("The rate went from 5% to 6% in March."))
    assert {"about 10 percent", "20 percent"} <= set(figures("Cuts ranged from about 10 percent to 20 percent."))


def test_qualifiers_the_annotated_news_leaves_outside_the_span() -> None:
    found = figures("An estimated 11% of staff left, slightly more than 4% last year; only about 3% stayed.")
    assert found["11%"].approximate and found["4%"].approximate
    assert found["only about 3%"].approximate


def test_a_price_per_unit_keeps_its_unit() -> None:
    from brief.pipeline.export import format_value

    found = figures("Panels fell to $0.23/W from $0.30/W, and power to 12 cents/kWh; rent is $5/sq ft.")
    assert found["$0.23/W"].value == pytest.approx(0.23) and found["$0.23/W"].unit == "/W"
    assert found["12 cents/kWh"].value == pytest.approx(0.12)
    assert "$5/sq ft" in found
    assert format_value("money", 0.23, "USD", "/W") == "$0.23/W"


def test_fractions_in_percentages() -> None:
    assert figures("Bonds yielded 7 3/4% in March.")["7 3/4%"].value == pytest.approx(7.75)


def test_counts_need_a_counted_noun() -> None:
    found = figures("The chain has 4,200 employees and 2.5 million customers, and three dozen stores.")
    assert found["4,200 employees"].kind == "count" and found["4,200 employees"].unit == "employees"
    assert found["2.5 million customers"].value == pytest.approx(2.5e6)
    assert found["three dozen stores"].value == 36


@pytest.mark.parametrize(
    "text",
    [
        "In 1998 the company moved; by 2031 it plans to expand.",
        "The meeting is on March 14 at 10:30 a.m.",
        "The 34-year-old chief, aged 51 at the time, spoke.",
        "Call 555-0142 or +1 212 555 0199 for details.",
        "She finished 2nd in the 400m and the team won 3-1.",
        "Orion 7 and the X-200 beat the Falcon 9 in tests; COVID-19 deaths fell.",
        "He bought the car in 2019 for cash.",
    ],
)
def test_years_dates_ages_phones_and_model_numbers_are_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_weights_and_milestones_are_not_money() -> None:
    assert figures("The parcel weighs 40 pounds and sales passed the 1 million mark.") == {}


@pytest.mark.parametrize(
    "text",
    ["", " ", "$", "%", "$$$ 1,,,000 %%", "1/0%", "$-", "US$", "between and", "€" * 50, "9" * 400 + "%",
     "\x00\ufffd 12 \u202e%", "half a", "a few billion", "12 percentage", "Rs. crore"],
)
def test_odd_input_raises_nothing(text: str) -> None:
    for f in extract_figures(text):
        assert 0 <= f.start < f.end <= len(text)


def test_random_text_spans_stay_inside() -> None:
    rng = random.Random(7)
    alphabet = "0123456789 ,.$€£¥%-/abcdefmnoptuy\n"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
        for f in extract_figures(text):
            assert 0 <= f.start < f.end <= len(text)
            assert f.kind in ("money", "percent", "count")
