"""Money, percentages and counts in news text: compiled regexes plus a little arithmetic.

Every candidate starts at a number (digits, a currency sign or code, or a number word); what
follows it (scale, currency, percent sign, counted noun) decides its kind. Qualifiers in front
("nearly", "well over", "up to") are looked up backwards in a short window, and neighbouring
figures joined by "to" / "-" / "or" / "between ... and" become one range. No model, no lexicon
learned from data: the only tables are currencies, scales, qualifiers and countable nouns.

Span boundaries follow the OntoNotes newswire convention, which is what readers of that corpus
(and spaCy) expect: qualifiers belong to the figure ("well over 9%", "up to $5 billion"), units of
measure do not ("93 cents" in "93 cents a share"), and a dollar amount written with a bare sign
and no scale word or qualifier is annotated without its sign ("$100,980" -> "100,980"; the
currency is still reported as USD).
"""

from __future__ import annotations

import re

from brief.pipeline.extract.spans import FigureSpan

# The version of what this finds is FIGURES in version.py: bump it when the output changes.

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "hundred": 1e2,
}
# A sign before the number. "#" is the ASCII stand-in for "£" in older newswire; it is only
# trusted with a scale word ("#140 million"), never alone ("#1 seed").
_SIGNS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "NZ$": "NZD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD", "R$": "BRL", "MX$": "MXN", "€": "EUR",
    "£": "GBP", "#": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS",
    "Rs": "INR", "Rs.": "INR", "Rp": "IDR", "RM": "MYR", "DM": "DEM", "SFr": "CHF", "RMB": "CNY",
}
# ISO 4217 codes common in news; written before or after the amount, in capitals only.
_CODES = (
    "USD EUR GBP JPY CNY HKD TWD SGD AUD CAD NZD CHF SEK NOK DKK ISK INR PKR BDT LKR IDR MYR THB "
    "VND KRW RUB UAH PLN CZK HUF RON BGN TRY ILS AED SAR QAR KWD EGP NGN KES ZAR BRL MXN ARS CLP COP"
).split()
# Currency names after the amount; the longest form wins ("New Taiwan dollars" before "dollars").
_NAMES = {
    "us dollars": "USD", "us dollar": "USD", "u.s. dollar": "USD", "u.s. dollars": "USD",
    "american dollars": "USD", "dollars": "USD",
    "canadian dollars": "CAD", "australian dollars": "AUD", "new zealand dollars": "NZD",
    "hong kong dollars": "HKD", "new taiwan dollars": "TWD", "taiwan dollars": "TWD",
    "nt dollars": "TWD", "singapore dollars": "SGD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "sterling": "GBP", "pounds": "GBP", "quid": "GBP", "yen": "JPY",
    "yuan renminbi": "CNY", "yuan rmb": "CNY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "won": "KRW", "rupees": "INR", "rupiah": "IDR", "ringgit": "MYR", "baht": "THB",
    "mexican pesos": "MXN", "philippine pesos": "PHP", "argentine pesos": "ARS", "pesos": "MXN",
    "swiss francs": "CHF", "french francs": "FRF", "francs": "CHF", "deutsche marks": "DEM",
    "d-marks": "DEM", "finland marks": "FIM", "finnish marks": "FIM", "marks": "DEM",
    "irish punts": "IEP", "punts": "IEP", "turkish lira": "TRY", "lira": "TRY", "lire": "ITL",
    "rubles": "RUB", "roubles": "RUB", "kronor": "SEK", "norwegian kroner": "NOK", "kroner": "DKK",
    "rand": "ZAR", "reais": "BRL", "dinars": "KWD", "dirhams": "AED", "riyals": "SAR",
    "shekels": "ILS", "zlotys": "PLN", "zloty": "PLN", "forints": "HUF", "forint": "HUF",
    "drachmas": "GRD", "pesetas": "ESP", "escudos": "PTE", "guilders": "NLG", "naira": "NGN",
    "shillings": "KES", "hryvnias": "UAH", "dong": "VND", "cents": "USD", "cent": "USD",
    "pence": "GBP", "dollar": "USD", "mark": "DEM", "pound": "GBP",
}
_MINOR = {"cents": 100, "cent": 100, "pence": 100}  # minor units per major unit
_SINGULAR = {"dollar", "mark", "pound", "cent", "euro"}  # only as "90-cent", "100 million-mark"
_NEEDS_SCALE = {"pounds", "won", "pound"}  # "300 pounds" is a weight, "they won 3" a verb

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "half": 0.5, "half a": 0.5, "half an": 0.5, "several": 3,
    "a few": 3,
}
# Qualifiers that make a figure approximate (or not) but stay outside its span: OntoNotes' training
# set leaves them out more often than not ("estimated" 13 of 18, "under" 6 of 9). ("As high as" and
# "another" too, but not in the dev set: kept in.)
_OUTSIDE = {"in excess of", "estimated", "under"}
_VAGUE = {"a", "an", "half", "half a", "half an", "several", "a few"}  # need a scale word after them
_QUALIFIERS = {  # qualifier -> approximate?
    "about": True, "around": True, "approximately": True, "roughly": True, "nearly": True,
    "almost": True, "some": True, "close to": True, "more than": True, "less than": True,
    "fewer than": True, "over": True, "well over": True, "just over": True, "under": True,
    "just under": True, "well under": True, "a little under": True, "a little over": True,
    "up to": True, "as much as": True, "as many as": True, "as high as": True, "as low as": True,
    "as little as": True, "at least": True, "at most": True, "no more than": True,
    "upwards of": True, "upward of": True,
    "in excess of": True, "estimated": True, "just": False, "only": False, "another": False,
    "an additional": False, "additional": False,
}
# Things a bare number can count. Durations, ages and scores are deliberately absent.
_COUNT_NOUNS = (
    "people persons individuals employees workers staff staffers jobs positions users customers "
    "clients subscribers members shareholders investors students teachers residents citizens "
    "visitors tourists passengers patients doctors nurses children adults voters votes seats "
    "troops soldiers officers police deaths casualties victims refugees migrants cases infections "
    "shares units vehicles cars trucks homes houses households families companies firms startups "
    "businesses stores shops branches outlets factories plants schools hospitals banks projects "
    "contracts products devices phones smartphones computers copies downloads accounts "
    "transactions orders flights aircraft planes ships barrels tons tonnes acres hectares "
    "countries cities villages engineers researchers scientists developers executives managers "
    "farmers miners drivers protesters demonstrators delegates participants applicants"
).split()

# Every number starts with a digit, and the check that no letter or digit precedes it comes only
# after that digit: a pattern that opens with a character class lets the regex engine skip
# through text in C, which is most of the speed of this module.
_FRACTION = r"\d{1,2}/\d{1,2}(?!\d)"
_DIGITS_REST = rf"(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d?/\d{{1,2}}(?!\d)|\d*(?:\.\d+)?(?:[ ]{_FRACTION})?)"
_NUM = r"\d(?<![\w.,/-]\d)" + _DIGITS_REST  # "1,250.5", "8 1/2", "3/4"; not "A320", "1.5.2"
_NUM2 = r"\d" + _DIGITS_REST
_UNITS = "one two three four five six seven eight nine".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_SIGN = "|".join(sorted((re.escape(s) for s in _SIGNS), key=len, reverse=True))
_CODE = "|".join(_CODES)
_NAME = "|".join(sorted((re.escape(n).replace(r"\ ", r"\s+") for n in _NAMES), key=len, reverse=True))
_PCT = r"%|percentage\s+points?|per\s?cent\b|pct\b"


def _first_letter_alternation(words: list[str]) -> str:
    """Number words as one character class plus per-letter branches, for the same C-speed skip."""
    firsts = sorted({w[0] for w in words})
    branches = []
    for c in firsts:
        rests = sorted((w[1:] for w in words if w[0] == c), key=len, reverse=True)  # regex fragments
        branches.append(f"(?<=[{c}{c.upper()}])(?:{'|'.join(rests)})")
    return f"[{''.join(firsts)}{''.join(firsts).upper()}](?<![\\w-].)(?:{'|'.join(branches)})"


_SCALE_AHEAD = r"(?=\s+(?i:hundred|thousand|million|billion|trillion|dozen)\b)"
_WORDNUM = _first_letter_alternation(
    [w for w in _WORDS if " " not in w and w not in _VAGUE]
    + ["a" + _SCALE_AHEAD, "an" + _SCALE_AHEAD, r"half(?:\s+an?)?" + _SCALE_AHEAD,
       r"a\s+few" + _SCALE_AHEAD, "several" + _SCALE_AHEAD]
)
_TAIL = rf"""
    (?:(?P<sp>\s?)(?P<scale>(?i:(?:hundred\s+)?(?:{_SCALE})))(?![\w'’]))?
    (?:(?P<sep>\s+|-)(?P<name>(?i:{_NAME}))\b|\s+(?P<code2>(?:{_CODE}))\b)?
    (?:\s?(?P<pct>(?i:{_PCT})))?
"""
_DIGITS = re.compile(
    rf"""(?P<num>{_NUM})
    (?:(?:\s*[-–]\s*|(?<![12]\d\d\d)\s+to\s+(?={_NUM2}\s?(?i:{_SCALE}|{_PCT})))(?:{_SIGN})?(?P<num2>{_NUM2}))?
    """ + _TAIL,
    re.X,
)
_WORDY = re.compile(
    rf"(?P<word>{_WORDNUM}(?:-(?i:{'|'.join(_UNITS)}))?)(?![\w-](?!(?i:{_NAME})))" + _TAIL, re.X
)
# A currency sign or code just before the number: "$", "US$ ", "EUR ", "Rs ".
_PREFIX = re.compile(rf"(?:(?P<sign>{_SIGN})|(?<![\w$])(?P<code>{_CODE}))\s?\Z")
_MULTI = re.compile(r"\b(?i:(multi-?)?(million|billion|trillion)-dollar)\b")
_VAGUE_MONEY = re.compile(
    rf"\b(?i:(?:(several|many|tens|hundreds)\s+(?:of\s+)?)?(thousands|millions|billions|trillions)"
    rf"\s+of\s+(?:{_NAME}))\b"
)
_MULTIPLES = {"tens": 10, "hundreds": 100}  # "hundreds of millions of dollars"
_QUAL = re.compile(
    r"(?:^|(?<=[^\w'’-]))(?i:(" + "|".join(sorted((q.replace(" ", r"\s+") for q in _QUALIFIERS), key=len,
                                                  reverse=True)) + r"))\s+$"
)
_COUNT = re.compile(r"\s+(?:[A-Za-z]+(?:-[a-z]+)?\s+)?(?i:(" + "|".join(_COUNT_NOUNS) + r"))\b")
_BETWEEN = re.compile(r"(?i:\bbetween)\s+$")
_CHANGE = re.compile(
    r"(?i:\b(?:rose|rises?|rising|fell|falls?|falling|up|down|gained|gains?|lost|loses?|declined|"
    r"climbed|dropped|jumped|increased|decreased|slipped|advanced|added|eased|surged|plunged|"
    r"tumbled|soared|slid|by|from|off|(?:gain|loss|increase|decrease|rise|drop|decline|jump)s?\s+of))\s+$"
)
_PER = re.compile(r"/(?:sq\.?\s?ft|[A-Za-z]{1,6}\d?)(?![\w/])")  # "/W", "/kWh", "/oz", "/m2" right after a price
_FROM_BY = re.compile(r"(?i:\b(?:from|by)(?:\s+(?:about|around|roughly|nearly|almost|some|approximately))?)\s+$")
_SLIGHTLY = re.compile(r"(?i:\b(?:slightly|a\s+bit))\s+$")  # "slightly more than 11%": gold keeps "11%"
_ONLY = re.compile(r"(?i:\bonly)\s+$")  # "only about 5%" is one qualifier
_IN_YEAR = re.compile(r"(?i:\b(?:in|of|constant|real|nominal))\s+$")  # "in 1996 dollars"
_DOZEN = re.compile(r"\s+(?i:dozen)\b")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w.-]*\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[A-Z]\w*\s+$")
_JOIN = re.compile(r"\s*(?:-|–|—|to|or|and)\s*$")
_YEARISH = re.compile(r"(?:1[89]|20)\d\d")
_QWINDOW = 24


def _tidy(value: float) -> float:
    """Drop binary noise from scaling: 62.85 / 100 is 0.6285, not 0.6285000000000001."""
    return float(f"{value:.12g}")


def _key(raw: str) -> str:
    """Table key of a matched phrase: lower case, single spaces."""
    return " ".join(raw.lower().split())


def _fig(start: int, end: int, kind: str, value: float, value_max: float | None = None,
         currency: str | None = None, unit: str | None = None, approximate: bool = False,
         bare: int | None = None, minor: bool = False, adjective: bool = False) -> dict:
    """A figure still open to range joining; ``bare`` is where the span starts without its "$"."""
    return {"start": start, "end": end, "kind": kind, "value": value, "value_max": value_max,
            "currency": currency, "unit": unit, "approximate": approximate, "bare": bare, "minor": minor,
            "adjective": adjective}


def _number(raw: str) -> float:
    """Digits with thousands commas and an optional trailing fraction ("8 1/2")."""
    raw = raw.replace(",", "")
    whole, _, frac = raw.partition(" ")
    if "/" in whole:
        whole, frac = "0", whole
    value = float(whole)
    if frac:
        n, _, d = frac.partition("/")
        value += int(n) / int(d) if int(d) else 0.0
    return value


def _word_number(raw: str) -> float:
    raw = _key(raw)
    if "-" in raw:
        tens, _, unit = raw.partition("-")
        return _WORDS[tens] + _WORDS[unit]
    return float(_WORDS[raw])


def _qualifier(text: str, start: int) -> tuple[int, bool | None]:
    """Where a qualifier in front of ``start`` begins, and whether it makes the figure approximate."""
    m = _QUAL.search(text, max(0, start - _QWINDOW), start)
    if m is None:
        return start, None
    key = _key(m.group(1))
    if key in _OUTSIDE or _SLIGHTLY.search(text, max(0, m.start(1) - 10), m.start(1)):
        return start, _QUALIFIERS[key]
    only = _ONLY.search(text, max(0, m.start(1) - 6), m.start(1)) if key != "only" else None
    return (only.start() if only else m.start(1)), _QUALIFIERS[key]


def _single(m: re.Match[str], text: str) -> dict | None:
    """Read one regex match into a figure (a dict, so ranges can still be joined), or reject it."""
    g = m.groupdict()
    word, name, pct, num, num2 = g.get("word"), g["name"], g["pct"], g.get("num"), g.get("num2")
    start, end = m.start(), m.end()
    sign = code = None
    if num:
        p = _PREFIX.search(text[max(0, start - 5):start])
        if p:
            sign, code = p.group("sign"), p.group("code")
            start -= len(p.group())
    code = code or g["code2"]
    scale_word = _key((g["scale"] or ""))
    if scale_word in ("m", "b", "k") and (g["sp"] or not (sign or code)):
        scale_word = ""  # "5 m" is metres, "5b" without a currency is a label
    if g["scale"] and not scale_word:
        return None
    if sign == "#" and not scale_word:
        return None
    name_key = _key(name) if name else None
    if name_key and g["sep"] == "-" and name_key not in _SINGULAR and name_key not in ("yen", "yuan"):
        name_key = None
    if name_key and g["sep"] != "-" and name_key in _SINGULAR - {"cent"}:
        name_key = None
    if name_key in _NEEDS_SCALE and not scale_word and not sign:
        name_key = None
    if word:
        value = _word_number(word)
    else:
        value = _number(num or "")
    scale = 1.0
    for part in scale_word.split():
        scale *= _SCALES.get(part, 100.0)  # "hundred million"
    vmax = _number(num2) * scale if num2 else None
    if pct and not (sign or code):
        kind, unit, currency = "percent", "percentage points" if pct[0] in "pP" and "point" in pct.lower() \
            else "percent", None
        if unit == "percent" and pct.lower().startswith("percentage"):
            return None
    elif sign or code or name_key:
        kind, unit = "money", None
        currency = _SIGNS.get(sign or "") or (code if code in _CODES else None) or _NAMES.get(name_key or "")
        if code == "RMB":
            currency = "CNY"
        if name_key in _MINOR and not sign:
            value, vmax = value / _MINOR[name_key], vmax and vmax / _MINOR[name_key]
        if name_key is None and name:  # dropped currency word: span ends before it
            end = m.start("name") - len(g["sep"])
        if pct:
            end = m.start("pct")
        if sign and name_key == "dollars":  # "$15 billion dollars" reads as "$15 billion"
            end = m.start("name") - len(g["sep"])
        if num and not scale_word and _YEARISH.fullmatch(num) and not sign and not code:
            if _IN_YEAR.search(text, max(0, start - 10), start):
                return None  # "in 1996 dollars"
    else:
        return _count(m, text, value * scale, vmax, num, word)
    while end > start and text[end - 1].isspace():
        end -= 1
    per = _PER.match(text, end) if kind == "money" else None
    if per:  # a price per unit keeps its unit: "$0.23/W", "12 cents/kWh"
        end, unit = per.end(), per.group()
    if kind == "money" and not (num2 or scale_word or per) and sign and "$" in sign:
        bare = m.start("num")  # OntoNotes: "$100,980" -> "100,980"
    else:
        bare = None
    vague = bool(word and word.lower() in ("several", "a few"))
    return _fig(start, end, kind, value * scale, vmax, currency, unit, vague, bare, name_key in _MINOR)


def _count(m: re.Match[str], text: str, value: float, vmax: float | None, num: str | None,
           word: str | None) -> dict | None:
    """A bare number is a count only when a countable plural noun follows it."""
    g = m.groupdict()
    if g["name"] or g["code2"]:
        return None
    end = m.end("scale") if g["scale"] else m.end("word") if word else m.end("num2") if vmax else m.end("num")
    c = _COUNT.match(text, end)
    if c is None:
        return None
    raw = num or ""
    dozen = _DOZEN.match(text, end)
    if raw and (_YEARISH.fullmatch(raw) or "." in raw and not g["scale"] or "/" in raw):
        return None  # a year, a decimal or a fraction does not count people
    before = text[max(0, m.start() - 30):m.start()]
    if not g["scale"] and _NAME_BEFORE.search(before) and not _SENTENCE_START.search(before) \
            and _QUAL.search(before) is None:
        return None  # "Boeing 737 jets": a model number, not a count
    if word and _key(word) in _VAGUE and not (g["scale"] or dozen):
        return None
    if dozen:
        value *= 12
    return _fig(m.start(), c.end(), "count", value, vmax, unit=c.group(1).lower())


def _candidates(text: str) -> list[dict]:
    found = []
    for rx in (_DIGITS, _WORDY):
        for m in rx.finditer(text):
            f = _single(m, text)
            if f is not None:
                found.append(f)
    # Substring tests run in C and spare two regex scans on most texts.
    for m in _MULTI.finditer(text) if "illion-" in text else ():
        value = _SCALES[m.group(2).lower()]
        found.append(_fig(m.start(), m.end(), "money", value, currency="USD", approximate=True,
                          adjective=True))
    for m in _VAGUE_MONEY.finditer(text) if "illions of" in text or "housands of" in text else ():
        value = _SCALES[m.group(2).lower()[:-1]] * _MULTIPLES.get((m.group(1) or "").lower(), 1)
        name = _key(text[m.end(2):m.end()])[4:]  # after "of "
        currency = _NAMES.get(name, "USD")
        found.append(_fig(m.start(), m.end(), "money", value, currency=currency, approximate=True))
    found.sort(key=lambda f: (f["start"], -f["end"]))
    return found


def _is_range(a: dict, f: dict, conj: str, text: str) -> bool:
    """Do two neighbouring figures of one kind make a range? After a verb of change, money reads
    as a change and its result ("rose $2 to $41.50"); percentages still read as a range ("prices
    rise 10% to 12%", even "yields of 8 1/2% to 8 3/8%"), but not from one to the other ("from 5%
    to 6%", "by 5% to 17%"), nor a tally ("rejected 59% to 41%"). OntoNotes' training set annotates
    them so (range kept: 55 of 62 rising, 48 of 65 falling, 7 of 7 after a verb; apart: 6 of 10
    after "from", 21 of 25 for money after a verb)."""
    before = text[max(0, a["start"] - 16):a["start"]]
    if a["kind"] == "percent" and conj == "to":
        tally = a["value"] > f["value"] and abs(a["value"] + f["value"] - 100) < 0.5  # "rejected it 59% to 41%"
        return not (tally or _FROM_BY.search(before))
    return a["value"] < f["value"] and not _CHANGE.search(before)


def _join_ranges(found: list[dict], text: str) -> list[dict]:
    """"$64 billion to $72 billion", "7% or 8%", "between 25 cents and 30 cents" -> one figure."""
    out: list[dict] = []
    for f in found:
        if out:
            a = out[-1]
            if f["start"] < a["end"]:
                continue  # overlapping candidate from a second pattern
            gap = text[a["end"]:f["start"]]
            conj = gap.strip().lower()
            if (a["kind"] == f["kind"] != "count" and a["value_max"] is None and f["value_max"] is None
                    and (a["currency"], a["unit"], a["minor"]) == (f["currency"], f["unit"], f["minor"])
                    and len(gap) < 8 and _JOIN.match(gap) and _is_range(a, f, conj, text)):
                between = _BETWEEN.search(text, max(0, a["start"] - 10), a["start"])
                if conj != "and" or between:
                    a.update(end=f["end"], value_max=f["value"], bare=None)
                    if between:
                        a["start"] = between.start()
                    continue
        out.append(dict(f))
    return out


def extract_figures(text: str) -> list[FigureSpan]:
    """Money, percent and count spans of ``text``, in reading order; never raises on odd input."""
    if not isinstance(text, str) or not text:
        return []
    spans = []
    for f in _join_ranges(_candidates(text), text):
        start, approximate = f["start"], f["approximate"]
        qstart, approx = (start, None) if f["adjective"] else _qualifier(text, start)
        if approx is not None:
            start, approximate = qstart, approx or approximate
        elif f["bare"] is not None:
            start = f["bare"]
        end = f["end"]
        if not 0 <= start < end <= len(text):
            continue
        vmax = f["value_max"] and _tidy(f["value_max"])
        spans.append(FigureSpan(start, end, f["kind"], _tidy(f["value"]), vmax, f["currency"], f["unit"],
                                approximate))
    return spans
