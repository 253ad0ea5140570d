"""What the tagger sees: the stretches of a text where a name can be, and each token's features.

Names are capitalised, so only the *regions* of a text need tagging: runs of capitalised
tokens (or words glued to them, "eBay"), with the few lower-case connectors that stand inside
names ("Bank of America", "Ursula von der Leyen", "AT&T"). Every other token is outside any name
and costs nothing. The same cut is made when training and when tagging, so the model learns
exactly the decisions it is asked to make.

A token's features are the word's own (its lower case, shape, suffix, lexicon classes) plus
its neighbours' words. Both are strings cached per distinct word, so tagging a text is mostly
list concatenation; the model (``tagger``) weighs them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from brief.pipeline.extract.lexicon import (
    CONNECTORS,
    CORP_SUFFIXES,
    CREDIT_WORDS,
    DEMONYMS,
    FUNCTION,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEADS,
    SENTENCE_ENDS,
    SPORTS,
    TITLES,
    common_words,
    given_names,
    listed_firms,
    places,
)
from brief.pipeline.extract.tokens import NL

_OPENING = frozenset(('rs-1="', "rs-1=(", "rs-1=“", "rs-1=-"))
_BOS = (["r-1=<s>", "rL-1=", "rs-1=<s>"], ["r-2=<s>"])
_EOS = (["r+1=</s>", "rL+1=", "rs+1=</s>"], ["r+2=</s>"])
_LENGTH = tuple(f"rn={k}" for k in range(6))
_SHAPE = re.compile(r"[A-Z]+|[a-z]+|\d+|[^A-Za-z\d]")


def is_name_word(w: str) -> bool:
    """Can this token start or continue a name? Capitalised, or lower-case with a capital inside."""
    c = w[0]
    return c.isupper() or (c.islower() and not w.islower() and w.isalnum())


def regions(words: list[str]) -> Iterator[tuple[int, int]]:
    """(first, end) token ranges the tagger reads: capitalised runs with the connectors inside them."""
    n = len(words)
    if len(_NAME_WORD) > CACHE_MAX:
        _NAME_WORD.clear()
    flags = [_NAME_WORD.get(w) for w in words]
    for i, f in enumerate(flags):
        if f is None:
            flags[i] = _NAME_WORD[words[i]] = is_name_word(words[i])
    k = 0
    while k < n:
        if not flags[k]:
            k += 1
            continue
        a = k
        k += 1
        w = words[a]
        if w.lower() in FUNCTION and (len(w) == 1 or w[1:].islower()):
            if k < n and flags[k]:
                a = k  # "The Federal Reserve", "In Paris": a capitalised function word starts no name
                k += 1
            else:
                continue
        while k < n:
            if flags[k]:
                k += 1
                continue
            w = words[k]
            # up to two connectors between capitalised words: "von der Leyen", "Bank of America"
            j = k
            while j < n and j - k < 3 and words[j].lower() in CONNECTORS:
                j += 1
            if j > k and j < n and flags[j]:
                k = j
                continue
            if w == "," and k + 1 < n and flags[k + 1] and _firm_after_comma(words, k + 1):
                k += 1  # "Goldman, Sachs & Co.", "Smith Barney, Harris Upham & Co."
                continue
            if w == "/" and k + 1 < n and flags[k + 1] and _slash_joins(words, k):
                k += 1  # "Bridgestone/Firestone Inc.", "MGM/UA", not the credit "REUTERS/Jane Roe"
                continue
            if w == "(":
                j = _firm_parenthesis(words, k)
                if j:
                    k = j  # "Drexel Burnham Lambert (HK) Ltd.": a firm's country in its name
                    continue
            break
        yield a, k


_NAME_WORD: dict[str, bool] = {}
CACHE_MAX = 200_000  # words per cache: a long-running process keeps a bounded vocabulary


def _firm_after_comma(words: list[str], k: int) -> bool:
    """Does a firm's name go on after this comma: "& Co." or a corporate suffix within a few words?"""
    for w in words[k : k + 5]:
        if w == "&" or w.lower() in CORP_SUFFIXES:
            return True
        if not (is_name_word(w) or w.lower() in CONNECTORS):
            return False
    return False


def _slash_joins(words: list[str], k: int) -> bool:
    """Does the slash at ``k`` join two parts of one name? Not after an agency's capitals or a
    photo word, where a photographer's name follows (unless that is in capitals too: "MGM/UA")."""
    left, right = words[k - 1], words[k + 1]
    return not (left.isupper() or left in CREDIT_WORDS) or right.isupper()


def _firm_parenthesis(words: list[str], k: int) -> int:
    """If "(" at ``k`` opens a firm's place inside its name ("Baring Securities (Hong Kong) Ltd.",
    "Hudbay Oil (Indonesia) Ltd."), the token after the ")"; else 0."""
    n = len(words)
    j = k + 1
    while j < n and j - k <= 3 and words[j] != ")" and is_name_word(words[j]):
        j += 1
    if j == k + 1 or j >= n or words[j] != ")":
        return 0
    tail = words[j + 1 : j + 3]
    if tail and (tail[0].lower() in CORP_SUFFIXES or len(tail) > 1 and is_name_word(tail[0])
                 and tail[1].lower() in CORP_SUFFIXES):
        return j + 1
    return 0


def _shape(w: str) -> str:
    """"McDonald" -> "XxXx", "U.S." -> "X.X.", "AT&T" -> "X&X", "737" -> "d"."""
    out = []
    for m in _SHAPE.findall(w):
        c = m[0]
        out.append("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c)
    return "".join(out)[:6]


class Featurizer:
    """Builds and caches feature strings per word; one per process (the lexicons load once)."""

    __slots__ = ("_self", "_ctx", "_given", "_places", "_countries", "_major", "_firms", "_firm_heads", "_common",
                 "_inner")

    def __init__(self) -> None:
        self._self: dict[str, list[str]] = {}
        self._ctx: dict[str, tuple[list[str], list[str], list[str], list[str], str, str]] = {}
        self._given = given_names()
        self._places, self._countries, self._major = places()
        self._firms, self._firm_heads = listed_firms()
        self._common = common_words()
        self._inner: dict[str, tuple[str, str, tuple[str, ...], str]] = {}

    def classes(self, low: str) -> list[str]:
        """The lexicon classes of a lower-cased word (PyPI lexicons and the project's word lists)."""
        out = []
        if low in self._given:
            out.append("given")
        if low in self._countries:
            out.append("country")
        elif low in self._major:
            out.append("majorplace")
        elif low in self._places:
            out.append("place")
        if low in DEMONYMS:
            out.append("demonym")
        if low in CORP_SUFFIXES:
            out.append("corp")
        if low in HONORIFICS or low.rstrip(".") in HONORIFICS:
            out.append("honorific")
        if low in TITLES:
            out.append("title")
        if low in ORG_HEADS:
            out.append("orghead")
        if low in MONTHS:
            out.append("month")
        if low in NAME_PARTICLES:
            out.append("particle")
        if low in self._common:
            out.append("common")
        return out

    def own(self, w: str) -> list[str]:
        """The features of a word in itself."""
        f = self._self.get(w)
        if f is None:
            if len(self._self) > CACHE_MAX:
                self._self.clear()
            low = w.lower().replace("’", "'")
            shape = _shape(w)
            f = ["b", "w=" + low, "sh=" + shape, "s4=" + low[-4:], "s3=" + low[-3:], "s2=" + low[-2:],
                 "p3=" + low[:3]]
            if w.isupper() and len(w) > 1:
                f.append("upper")
            if "." in w:
                f.append("dot")
            if "-" in w:
                f.append("hyph")
            f.extend("L=" + c for c in self.classes(low))
            self._self[w] = f
        return f

    def ctx(self, w: str) -> tuple[list[str], list[str], list[str], list[str], str, str]:
        """What a word says about a neighbour, as ready strings: as the word before a region
        (next to it, two before), after it (next to it, two after), and inside one (before, after)."""
        c = self._ctx.get(w)
        if c is None:
            if len(self._ctx) > CACHE_MAX:
                self._ctx.clear()
            low = w.lower().replace("’", "'")
            cl = "|".join(self.classes(low))
            sh = "C" if w[0].isupper() else "l" if w[0].isalpha() else _shape(w)
            c = (["r-1=" + low, "rL-1=" + cl, "rs-1=" + sh], ["r-2=" + low],
                 ["r+1=" + low, "rL+1=" + cl, "rs+1=" + sh], ["r+2=" + low], "w-1=" + low, "w+1=" + low)
            self._ctx[w] = c
        return c

    def inner(self, w: str) -> tuple[str, str, tuple[str, ...], str]:
        """What a word says of the region it stands in: as its first word, as its last, its
        lexicon classes; and its lower case."""
        r = self._inner.get(w)
        if r is None:
            if len(self._inner) > CACHE_MAX:
                self._inner.clear()
            low = w.lower()
            r = self._inner[w] = ("rf=" + low, "rl=" + low, tuple("rc=" + c for c in self.own(w) if c[:2] == "L="), low)
        return r

    def firms(self, words: list[str], a: int, b: int) -> list[str]:
        """Per token of ``words[a:b]``, whether it is in a listed firm's name ("G=firm"), or
        is the first word of one that stands for it alone ("G=firmhead"), or neither ("")."""
        out = [""] * (b - a)
        firms = self._firms
        i = a
        while i < b:
            low = words[i].lower()
            for seq in firms.get(low, ()):
                n = len(seq)
                if i + n <= b and (n == 1 or tuple(w.lower() for w in words[i : i + n]) == seq):
                    out[i - a : i - a + n] = ["G=firm"] * n
                    i += n
                    break
            else:
                if low in self._firm_heads:
                    out[i - a] = "G=firmhead"
                i += 1
        return out

    def region(self, words: list[str], a: int, b: int, line: tuple[str, ...], lower_vocab: set[str],
               cues: dict[str, list[str]] | None = None) -> list[list[str]]:
        """Features of each token of ``words[a:b]`` (a region), with its context outside.

        The words around the region are features of its first and last tokens only: that keeps
        the features per token (what tagging costs) few."""
        n = len(words)
        own = self.own
        ctx = self.ctx
        left = (ctx(words[a - 1])[0] if a > 0 else _BOS[0]) + (ctx(words[a - 2])[1] if a > 1 else _BOS[1])
        right = (ctx(words[b])[2] if b < n else _EOS[0]) + (ctx(words[b + 1])[3] if b + 1 < n else _EOS[1])
        if a == 0 or words[a - 1] in SENTENCE_ENDS or left[2] in _OPENING:
            left.append("sent0")
        out = []
        last = b - 1
        # What the whole region says, on every token of it: its first and last words, its
        # length, and the classes of its words ("Fulton Prebon Inc." ends in a corporate suffix).
        inner = self.inner
        first = inner(words[a])
        whole = [first[0], inner(words[last])[1] if last > a else first[1], _LENGTH[min(b - a, 5)],
                 "o-1=" + left[0][4:], "o+1=" + right[0][4:]]
        if last > a:
            # sorted: a score is a sum, and where two labels tie the hash seed must not decide
            whole.extend(sorted({c for i in range(a, b) for c in inner(words[i])[2]}))
        else:
            whole.extend(first[2])
        firms = self.firms(words, a, b)
        if any(firms):
            whole.append("rG=firm")
        for i in range(a, b):
            w = words[i]
            f = own(w) + list(line) + whole
            if firms[i - a]:
                f.append(firms[i - a])
            if i == a:
                f += left
                f.append("pos=0e" if i == last else "pos=0m")
            else:
                f.append(ctx(words[i - 1])[4])
                f.append("bg=" + inner(words[i - 1])[3] + "|" + inner(w)[3])
                f.append("pos=1e" if i == last else "pos=1m")
            if i == last:
                f += right
            else:
                f.append(ctx(words[i + 1])[5])
            if inner(w)[3] in lower_vocab:
                f.append("lowseen")
            if cues and w in cues:
                f += cues[w]
            out.append(f)
        return out


def doc_cues(texts: list[list[str]]) -> dict[str, list[str]]:
    """What the rest of the article says of a capitalised word, as features of its every
    mention: it followed a courtesy title ("Mr. Varsk"), it followed a first name (a surname),
    or it stood in a name that a corporate suffix ends ("Varsk Holdings Inc.")."""
    given = given_names()
    found: dict[str, set[str]] = {}
    for words in texts:
        n = len(words)
        for i, w in enumerate(words):
            if not (w[0].isupper() and len(w) > 1):
                continue
            if i > 0:
                prev = words[i - 1]
                if prev.lower().rstrip(".") in HONORIFICS:
                    found.setdefault(w, set()).add("d:hon")
                elif prev[0].isupper() and prev.lower() in given:
                    found.setdefault(w, set()).add("d:surname")
            if i + 1 < n and words[i + 1].lower() in CORP_SUFFIXES:
                k = i
                while k >= 0 and words[k][0].isupper() and words[k].lower() not in FUNCTION:
                    found.setdefault(words[k], set()).add("d:corp")
                    k -= 1
    return {w: sorted(v) for w, v in found.items()}


def line_features(words: list[str], lower_vocab: set[str]) -> list[tuple[str, ...]]:
    """Per token, what its line and article say about capitals: a line in capitals (a headline),
    a short line with numbers (a results table or a list of prices), an article about sport."""
    flags: list[tuple[str, ...]] = [()] * len(words)
    sport = ("sport",) if len(lower_vocab & SPORTS) >= 3 else ()
    a = 0
    n = len(words)
    while a < n:
        try:
            k = words.index(NL, a)
        except ValueError:
            k = n
        line = words[a:k]
        long_words = [w for w in line if len(w) > 1 and w[0].isalpha()]
        f: tuple[str, ...] = sport
        if long_words and sum(map(str.isupper, long_words)) >= 0.7 * len(long_words):
            f += ("capsline",)
        if len(line) <= 14 and any(w[0].isdigit() for w in line):
            f += ("numline",)
        if f:
            flags[a:k] = [f] * (k - a)
        a = k + 1
    return flags
