"""Tokens: the cheap first pass of the entity extractor.

One compiled regex splits a text into words, numbers, punctuation and newlines, and already
knows what a name needs: the period of "Corp." or "J." belongs to the word, the "'s" of
"Acme's" is a token of its own, and a hyphen before a lower-case word ends the word
("Francisco-based", "Exxon-owned"). Tokens are kept as three parallel lists (text, start,
end) built by comprehensions, with no per-token Python logic: this runs on every word.
"""

from __future__ import annotations

import re

from brief.pipeline.extract.lexicon import HONORIFICS

# Words whose following period is part of the word, not a sentence end.
ABBREV = HONORIFICS | frozenset(
    """inc corp co cie ltd jr sr st gov sen rep gen col lt sgt capt adm maj prof rev hon bros no mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec cos vs messrs cmdr gens atty supt dept univ
    assn ave blvd calif conn fla ill mass mich minn tenn tex va wash wis ariz colo okla penn
    ala ark del ga ind kan ky md miss mo mont neb nev ore pa vt wyo""".split()
)
_ABBREV_RE = "|".join(sorted((re.escape(a.rstrip(".")) for a in ABBREV), key=len, reverse=True))

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # dotted abbreviations: U.S., U.N., e.g.
    r"|[A-Z]\.(?!\w)"  # initials: George W. Bush
    r"|[a-z](?:[\w&]|[.\-](?=[^\W_])|['’](?=[^\W_])(?![sS]\b))*"  # lower-case words: co-founder
    r"|[^\W\d_](?:[\w&]|\.(?=[^\W_])|['’](?=[^\W_])(?![sS]\b)|-(?=[^\W_])(?![a-z]))*"  # names
    r"|['’][sS]\b"  # possessive
    r"|\d[\d,.]*[^\W_]*"  # numbers (with letters glued on: 12.7B)
    r"|\n"
    r"|[^\w\s]"
)

POSSESSIVES = frozenset(("'s", "’s", "'S", "’S"))
POS = "'s"
NL = "\n"


def _positions(words: list[str], token: str) -> list[int]:
    """Where ``token`` stands in ``words`` (``list.index`` scans in C, a loop would not)."""
    out = []
    k = -1
    try:
        while True:
            k = words.index(token, k + 1)
            out.append(k)
    except ValueError:
        return out


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """Split ``text`` into (words, starts, ends); offsets are into ``text``, end-exclusive."""
    ms = list(_TOKEN.finditer(text))
    words = [m.group() for m in ms]
    starts = [m.start() for m in ms]
    ends = [m.end() for m in ms]
    # Glue the period to abbreviations ("Corp.", "Mr."): only the few "." tokens are visited.
    merge = []
    k = 0
    try:
        while True:
            k = words.index(".", k + 1)
            if ends[k - 1] == starts[k] and words[k - 1].lower() in ABBREV:
                merge.append(k)
    except ValueError:
        pass
    # A plural possessive reads as one: "Walgreens' chief executive" (the apostrophe glued to an "s", a
    # lower-case word after it); a closing quote is left alone.
    quotes = sorted(k for q in ("'", "’") if q in text for k in _positions(words, q))
    for k in quotes:
        if 0 < k < len(words) - 1 and ends[k - 1] == starts[k] and words[k - 1][-1] in "sS" \
                and starts[k + 1] > ends[k] and words[k + 1][0].islower() \
                and not (k >= 2 and words[k - 2] == words[k] and ends[k - 2] == starts[k - 1]):
            words[k] = POS
    if merge:
        for k in merge:
            words[k - 1] += "."
            ends[k - 1] = ends[k]
        drop = set(merge)
        keep = [i for i in range(len(words)) if i not in drop]
        words = [words[i] for i in keep]
        starts = [starts[i] for i in keep]
        ends = [ends[i] for i in keep]
    return words, starts, ends


def is_cap(w: str) -> bool:
    """A capitalised word (a possible name part): "Acme", "McDonald", "AT&T", "U.S."."""
    return w[0].isupper() and w[0].isalpha()
