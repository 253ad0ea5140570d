"""Invented articles whose dates are written as sites and feeds write them, shared by the date tests."""

from __future__ import annotations

from pathlib import Path

_BODY = ("The harbour board of {town} voted on Tuesday to widen the north quay, its chair Jane Roe said.\n\n"
         "Work on the quay is due to start next spring, the board said in a statement.\n")

DATED = {
    "velmora.txt": ("Velmora widens its quay", "Date: 2024-03-05T10:00:00+01:00"),
    "tallis.txt": ("Tallis Bay quay vote passes", "Published: Tue, 05 Mar 2024 07:00:00 GMT"),
    "quorvex.txt": ("Quorvex harbour plan returns", "Date: January 1, 2020"),
    "fenwick.txt": ("Fenwick quay plan first aired", "20 Nov 2019"),
    "ostrava.txt": ("Ostrel harbour board meets", "Updated: yesterday"),
}
"""file: (title, date line as written)."""

NEWEST_FIRST = ["Velmora widens its quay", "Tallis Bay quay vote passes", "Quorvex harbour plan returns",
                "Fenwick quay plan first aired", "Ostrel harbour board meets"]
"""The order a reader expects: by date, newest first; the one with no real date ("yesterday") last."""

SHOWN = {"Velmora widens its quay": "5 Mar 2024", "Tallis Bay quay vote passes": "5 Mar 2024",
         "Quorvex harbour plan returns": "1 Jan 2020", "Fenwick quay plan first aired": "20 Nov 2019",
         "Ostrel harbour board meets": "yesterday"}
"""How each date is shown: as people write a date, or as written when it is none."""


def write_dated(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, line) in DATED.items():
        town = title.split()[0]
        (folder / name).write_text(f"{title}\n\n{line}\n\n{_BODY.format(town=town)}", encoding="utf-8")
    return folder
