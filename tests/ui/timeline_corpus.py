"""Invented articles over eight days: one name rises, one fades, one is named once (the sparklines' corpus).

Mira Castell (of Velmora Systems) is named more each day; Oren Vasquez (of Quorvex Partners) less each day.
Every article is dated, one a day from 1 to 8 May 2024; a ninth is undated and names both (not counted by day).
"""

from __future__ import annotations

FIRST_DAY = 1
DAYS_COUNT = 8
RISING = (0, 0, 1, 1, 2, 2, 3, 4)
"""Mira Castell's mentions in the body each day (with the sentence that names her with her company, below)."""
FADING = (4, 3, 2, 2, 1, 1, 0, 0)


NEWS = (
    "Rain closed the harbour road, and the trucks waited at the old depot until noon.",
    "A supplier in the north raised its prices twice, citing freight and a shortage of steel.",
    "The union asked for a vote on pensions before any agreement is signed by the board.",
    "Lawyers for both sides met in a hotel by the station and ordered lunch for twenty people.",
    "An analyst wrote that the merger would close the smallest factory within two years.",
    "Regulators sent a letter asking about the market share of the combined firm in Spain.",
    "Shareholders filled the hall on Friday; several asked why the dividend had been cut.",
    "The weekend was quiet: no statement, no leak, only a photograph of the empty offices.",
)
"""What else each day's article says, so that no two read as the same story (the index shows copies once)."""


def _day(n: int) -> str:
    mira = " ".join(["Mira Castell spoke again."] * RISING[n])
    oren = " ".join(["Oren Vasquez stayed quiet."] * FADING[n])
    intro = ("Mira Castell, chief executive of Velmora Systems, said the plan holds. " if RISING[n] else "") + \
        ("Oren Vasquez, a partner at Quorvex Partners, said little. " if FADING[n] else "")
    return (f"---\ntitle: Day {n + 1} of the Velmora talks\ndate: 2024-05-0{n + FIRST_DAY}\nsource: The Wire\n---\n\n"
            f"{intro}{mira} {oren}\n\n{NEWS[n]}\n")


DAYS = {f"day{n + 1}.md": _day(n) for n in range(DAYS_COUNT)}
DAYS["undated.md"] = ("---\ntitle: Notes on Velmora\nsource: The Wire\n---\n\n"
                      "Mira Castell, chief executive of Velmora Systems, met Oren Vasquez, a partner at Quorvex "
                      "Partners.\n")
