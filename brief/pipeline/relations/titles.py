"""Titles a person holds, as one regex, and the one spelling each is written in.

Spelling: executive titles are written as their usual capitalised initials ("chief executive
officer", "chief executive" and "CEO" are all "CEO"; likewise CFO, COO, CTO, CMO, CIO, CPO);
every other title is written in full and in lower case ("Sen." is "senator", "VP" is "vice
president", "Co-Founder" is "co-founder"), with its modifier kept ("former CEO", "acting
governor"). Initials only count in capitals, so a word like "coo" is never a title.
"""

from __future__ import annotations

import re

from brief.pipeline.extract.lexicon import JOB_TITLES
from brief.pipeline.relations.lazy import lazy_regex

# Every job title (``lexicon.JOB_TITLES``, in its order), and "chief <anything> officer"
_WORDS = "|".join([r"chief\s+[a-z]+\s+officer", *(r"\s+".join(map(re.escape, t.split())) for t in JOB_TITLES)])
_INITIALS = r"(?-i:C[EFOTMIP]O|CSO|CDO|CRO|EVP|SVP|VP)"
_ABBREVIATIONS = {
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "lt. gov.": "lieutenant governor",
    "pres.": "president", "gen.": "general", "prof.": "professor", "sec.": "secretary",
    "amb.": "ambassador", "atty. gen.": "attorney general", "supt.": "superintendent", "adm.": "admiral",
    "col.": "colonel", "capt.": "captain", "sgt.": "sergeant", "lt.": "lieutenant", "maj.": "major",
    "cmdr.": "commander", "gov.-elect": "governor-elect",
}
_ABBREVIATED = r"(?-i:Lt\.\s+Gov|Atty\.\s+Gen|Sen|Rep|Gov|Pres|Gen|Prof|Sec|Amb|Supt|Adm|Col|Capt|Sgt|Lt|Maj|Cmdr)\."
MODS = (r"(?:(?:former|then|acting|interim|deputy|senior|executive|vice|assistant|associate|founding|current|"
        r"new|outgoing|incoming|longtime|long-time|lead)[-\s]+)*")
ONE_TITLE = rf"(?:\b{_ABBREVIATED}|\b{_INITIALS}\b|\b(?:{_WORDS})\b)"
TITLE = rf"{MODS}{ONE_TITLE}(?:\s*(?:and|&|/)\s*{MODS}{ONE_TITLE})?"
# A title that several people hold, in front of their names: "co-founders", "chief executive officers"
PLURAL_TITLE = rf"{MODS}(?:\b(?:{_WORDS})|\b(?-i:C[EFOTMIP]O))s\b"
# A list of titles one person holds: "Founder, Chief Executive Officer and Director"
TITLES = rf"{MODS}{ONE_TITLE}(?:\s*,\s*{MODS}{ONE_TITLE}){{0,3}}(?:,?\s*(?:and|&|/)\s*{MODS}{ONE_TITLE})?"
TITLE_RE = lazy_regex(TITLE, re.IGNORECASE)

# The last word of every title: only where the text before a name ends in one of these can a title
# stand there, so the (slower) title regex runs only then.
TITLE_ENDS = frozenset(
    {t.rsplit(None, 1)[-1] for t in JOB_TITLES}
    | {x.casefold() for x in "CEO CFO COO CTO CMO CIO CPO CSO CDO CRO EVP SVP VP".split()}
    | {a.rsplit(None, 1)[-1] for a in _ABBREVIATIONS if not a.endswith("-elect")}
)

# A band's players: a bare one ("former frontman Jane Roe"), or several ("founding members Jane Roe and
# John Doe"), belongs to the band the article is about
_BAND = (r"\b(?:frontman|frontwoman|vocalist|singer|guitarist|drummer|bassist|keyboardist|instrumentalist|"
         r"founding\s+member)$")
_BAND_RE = lazy_regex(_BAND)
# Titles of a company's people: a bare one ("CEO Jane Roe") belongs to the company the article is about.
_CORPORATE = lazy_regex(
    r"\b(?:C[EFOTMIP]O|chief\s+\w+|founder|co-founder|vice\s+president|"
    r"senior\s+vice\s+president|executive\s+vice\s+president|general\s+counsel|board\s+member|"
    r"managing\s+director)$|" + _BAND
)
_EXECUTIVE = {
    "chief executive officer": "CEO", "chief executive": "CEO", "chief financial officer": "CFO",
    "chief financial": "CFO", "chief operating officer": "COO", "chief operating": "COO",
    "chief technology officer": "CTO", "chief technical officer": "CTO", "chief technology": "CTO",
    "chief marketing officer": "CMO", "chief information officer": "CIO", "chief product officer": "CPO",
    "vp": "vice president", "svp": "senior vice president", "evp": "executive vice president",
    "vice-president": "vice president", "cofounder": "co-founder", "co founder": "co-founder", "co-ceo": "co-CEO",
}


def spell(role: str) -> str:
    """A title as written in the text, in brief's one spelling: 'Sen.' -> 'senator', 'Chief Executive' -> 'CEO'."""
    parts = []
    for part in re.split(r"\s*(?:,\s*(?:and\b)?|\band\b|&|/)\s*", " ".join(role.split())):
        mods = re.match(MODS, part, re.IGNORECASE)
        head = part[mods.end():] if mods else part
        folded = head.casefold()
        if folded in _ABBREVIATIONS:
            head = _ABBREVIATIONS[folded]
        elif folded in _EXECUTIVE:
            head = _EXECUTIVE[folded]
        elif re.fullmatch(r"C[A-Z]O", head):
            pass
        else:
            head = folded
        mod = " ".join(part[:mods.end()].replace("-", " ").split()).casefold() if mods and mods.end() else ""
        parts.append(f"{mod} {head}".strip())
    parts = [p for p in parts if p]
    return " and ".join(parts) if len(parts) < 3 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def band(role: str) -> bool:
    """Whether a title is a band player's (so several of them in front of names are the article's band's)."""
    return bool(_BAND_RE.search(role.split(" and ")[-1]))


def corporate(role: str) -> bool:
    """Whether a title is one a company gives (so a bare one can be tied to the article's company)."""
    return bool(_CORPORATE.search(role.split(" and ")[-1]))
