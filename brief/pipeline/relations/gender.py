"""Which first names are a man's or a woman's, so "she said" skips back past "John Roe".

The names come from gender-guesser's table as ``lexicon.first_names`` reads it, once per process
for both (the given-name lexicon reads it too). A name the table gives both
ways, or does not know, fits either pronoun.
"""

from __future__ import annotations

from functools import lru_cache

from brief.pipeline.extract.lexicon import first_names

_MALE = {"M", "1M", "?M"}
_FEMALE = {"F", "1F", "?F"}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    sure: dict[str, str] = {}  # "M"/"F" lines: a name given one way outright beats "mostly" the other way
    for code, name in first_names():
        if code not in _MALE and code not in _FEMALE:
            continue
        sex = "m" if code in _MALE else "f"
        table = sure if code in ("M", "F") else out
        if table.setdefault(name, sex) != sex:
            table[name] = "?"
    out.update(sure)
    return out


def fits(full_name: str, pronoun: str) -> bool:
    """Whether a person of this name can be "he" (or "she")."""
    first = full_name.split()[0].casefold() if full_name.split() else ""
    sex = _table().get(first, "?") if " " in full_name.strip() else "?"
    return sex == "?" or sex == ("m" if pronoun.casefold() == "he" else "f")
