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
        sex = sex.upper() if table is sure else sex
        if table.setdefault(name, sex) != sex:
            table[name] = "?"
    out.update(sure)
    return out


def fits(full_name: str, pronoun: str, loosely: bool = False) -> bool:
    """Whether a person of this name can be "he" (or "she"); ``loosely``, only a name the table gives
    one way outright rules out the other pronoun (a woman named Taylor, "mostly" a man's name)."""
    first = full_name.split()[0].casefold() if full_name.split() else ""
    sex = _table().get(first, "?") if " " in full_name.strip() else "?"
    if loosely:
        return sex != ("F" if pronoun.casefold() == "he" else "M")
    return sex == "?" or sex.lower() == ("m" if pronoun.casefold() == "he" else "f")
