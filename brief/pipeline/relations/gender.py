"""Which first names are a man's or a woman's, so "she said" skips back past "John Roe".

The names come from gender-guesser's table (already a dependency, for the given-name lexicon);
it is read once per process, only when a pronoun has to be resolved. A name the table gives both
ways, or does not know, fits either pronoun.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

_MALE = {"M", "1M", "?M"}
_FEMALE = {"F", "1F", "?F"}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    spec = importlib.util.find_spec("gender_guesser")
    if spec is None or not spec.origin:
        return {}
    path = os.path.join(os.path.dirname(spec.origin), "data", "nam_dict.txt")
    out: dict[str, str] = {}
    sure: dict[str, str] = {}  # "M"/"F" lines: a name given one way outright beats "mostly" the other way
    try:
        with open(path, encoding="iso-8859-1") as f:
            for line in f:
                code = line[:2].strip()
                if code not in _MALE and code not in _FEMALE:
                    continue
                name = line[3:29].strip().lower()
                sex = "m" if code in _MALE else "f"
                table = sure if code in ("M", "F") else out
                sex = sex.upper() if table is sure else sex
                if table.setdefault(name, sex) != sex:
                    table[name] = "?"
    except OSError:
        return {}
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
