"""Invented news articles for tests and the fault campaign: made-up words, names and figures.

Every article is its own story (no two are near copies), while the people and companies recur
across articles, so that indexing them resolves, merges and names entities as real news does.
The same seed always gives the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = ("ka", "lo", "mir", "sen", "tu", "vash", "el", "dro", "pim", "zor", "qua", "ne", "bri", "fal", "gor", "hu")
FIRST = ("Ada", "Mara", "Tomas", "Ines", "Kofi", "Lena", "Omar", "Nadia", "Viktor", "Rosa", "Felix", "Hana")
KINDS = ("Freight", "Holdings", "Bank", "Labs", "Motors", "Foods", "Telecom", "Airlines")


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def article(rng: random.Random, n: int, people: list[str], companies: list[str]) -> str:
    """One article: a title, a byline, made-up sentences and a few recurring names and figures."""
    person, other = rng.sample(people, 2)
    company, rival = rng.sample(companies, 2)
    filler = [" ".join(word(rng) for _ in range(12)).capitalize() + "." for _ in range(6)]
    return (f"{company} {word(rng)} report {n}\n\nBy {other}\n\n"
            f"{person}, the chief executive of {company}, said on Monday that revenue rose "
            f"{rng.randint(2, 60)}% to ${rng.randint(2, 900)} million. {' '.join(filler[:3])} "
            f"{rival} declined to comment, {other} wrote. {' '.join(filler[3:])}\n")


def write_corpus(folder: Path, count: int, seed: int = 11) -> Path:
    """``count`` article files in ``folder`` (created), named 000.txt, 001.txt, ..."""
    rng = random.Random(seed)
    people = [f"{rng.choice(FIRST)} {word(rng).capitalize()}" for _ in range(max(4, count // 2))]
    companies = [f"{word(rng).capitalize()} {rng.choice(KINDS)}" for _ in range(max(4, count // 3))]
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:03d}.txt").write_text(article(rng, n, people, companies), encoding="utf-8")
    return folder


def downgrade_to_schema_3(index: Path) -> None:
    """Make a fresh index look as schema 3 left it (roles, no quotes, affiliations or deals): the
    cache of a user who indexed before relations existed."""
    import sqlite3

    with sqlite3.connect(index) as db:
        db.executescript("DROP TABLE quotes; DROP TABLE affiliations; DROP TABLE deals;"
                         "CREATE TABLE roles (entity_id INTEGER, article_id INTEGER, role TEXT, org_id INTEGER);"
                         "UPDATE meta SET value = '3' WHERE key = 'schema_version';")
