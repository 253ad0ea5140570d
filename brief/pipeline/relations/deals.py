"""Investments, acquisitions, stakes, funding rounds, mergers and partnerships.

Each sentence that holds a deal word is rewritten once with its mentions as tokens (``@O3@`` an
organization, ``@H5@`` a person, ``@M0@`` a money figure, ``@Q1@`` a percent), so the patterns
below read like the sentences they match: "@O invested @M in @O", "its @M acquisition of @O",
"a round led by @O". The patterns are an ordered list of named entries (name, kind, regex).

A side the pattern does not name is the sentence's subject: the nearest party before the deal
word that is not already a target in that sentence. "its", "it" and "the company" stand for the
last organization named before; "the startup" as a target for the last one that is not the
buyer. A deal is kept only when both sides are known.
"""

from __future__ import annotations

import re

from brief.pipeline.relations.context import ORG_NOUNS, ORGANIZATION, PERSON, Doc, positions
from brief.pipeline.relations.model import DealSpan

# Words without which no pattern below can match: a sentence holding none is not read further.
_TRIGGERS = ("invest", "stake", "acqui", "buy", "bought", "purchas", "takeover", "take over", "took over",
             "taking over", "takes over", "snap", "merg", "partner", "teamed up", "team up", "teaming up", "led ",
             "sold ", "sell", "sale of", "bid for", "offer for", "% of", "percent of", "per cent of")
_REF = rf"(?:@O\d+@|\b(?:the|this|that)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{ORG_NOUNS})\b)"
_PARTY = r"@[OH]\d+@"
# Words between a verb and its object that keep it one noun phrase ("the data labeling firm Acme").
_NP = (r"(?:(?:the|a|an)\s+)?(?:(?!(?:from|with|at|by|on|to|for|into|as|and|or|but|that|which|who|than|of|"
       r"stake|stakes|shares?|stock|interest|assets?|bonds?|units?|rights|products?|services?)\b)"
       r"[a-z][\w-]*\s+){0,4}?")
_AMT = r"(?P<amt>@M\d+@)"
_FOR_AMT = (r"(?:\s+(?:for|in\s+a\s+(?:deal|transaction)\s+(?:worth|valued\s+at)|worth|valued\s+at)\s+"
            r"(?:about\s+|roughly\s+|some\s+)?(?P<amt2>@M\d+@))?")
_AUX = (r"(?:(?:has|have|had|is|are|was|were|will|would|agreed\s+to|agrees\s+to|plans\s+to|plan\s+to|to|also|"
        r"reportedly)\s+)*")

_PATTERNS: list[tuple[str, str, tuple[str, ...], re.Pattern[str]]] = [
    (name, kind, words, re.compile(rx, re.IGNORECASE)) for name, kind, words, rx in [
        ("acquired-by", "acquisition", ("acquired", "bought", "purchased", "taken over"),
         rf"(?P<t>{_REF})\s+(?:was|were|is|has\s+been|had\s+been|will\s+be|would\s+be|being)\s+(?:\w+\s+)?"
         rf"(?:acquired|bought|purchased|taken\s+over)\s+by\s+(?P<b>{_PARTY}){_FOR_AMT}"),
        ("which-bought", "acquisition", ("acquired", "bought", "purchased"),
         rf"(?P<t>@O\d+@),\s+which\s+(?P<b>{_PARTY})\s+{_AUX}(?:acquired|bought|purchased)"
         rf"(?:\s+(?:in|last)\s+\w+)?{_FOR_AMT}"),
        ("merge-pair", "merger", ("merg",),
         rf"(?P<b>{_PARTY})\s+and\s+(?P<t>{_PARTY})\s+{_AUX}(?:\w+\s+)?(?:to\s+)?merg(?:e|ed|ing)\b"),
        ("merger-of", "merger", ("merger",), rf"merger\s+(?:of|between)\s+(?P<b>{_PARTY})\s+and\s+(?P<t>{_PARTY})"),
        ("merge-with", "merger", ("merg",), rf"\bmerg(?:e|ed|es|ing|er)\s+with\s+{_NP}(?P<t>{_REF})"),
        ("partner-pair", "partnership", ("partner", "team"),
         rf"(?P<b>{_PARTY})\s+and\s+(?P<t>{_PARTY})\s+{_AUX}(?:partnered|teamed\s+up|formed\s+a\s+partnership|"
         rf"signed\s+a\s+partnership)"),
        ("partnership-between", "partnership", ("partnership",),
         rf"partnership\s+between\s+(?P<b>{_PARTY})\s+and\s+(?P<t>{_PARTY})"),
        ("partner-with", "partnership", ("partner", "team"),
         rf"\b(?:partner(?:ed|s|ing)?|partnership|team(?:ed|s|ing)?\s+up)\s+with\s+{_NP}(?P<t>{_REF})"),
        ("share-of", "stake", ("@q",),  # a percent figure, "@Q1@ of"
         rf"\b(?:acquire[sd]?|acquiring|buy|buys|bought|buying|take|takes|took|taking|purchase[sd]?|purchasing|"
         rf"owns?|owned|owning|holds?|held|holding)\s+"
         rf"(?:(?:a|an|another|additional|about|roughly|nearly|some)\s+)*(?P<pct>@Q\d+@)\s+(?:of|in)\s+{_NP}"
         rf"(?P<t>{_REF}){_FOR_AMT}"),
        ("stake-in", "stake", ("stake",),
         rf"(?:(?P<pct>@Q\d+@)\s+)?(?:(?:minority|majority|controlling|equity|ownership)\s+)?stake\s+in\s+"
         rf"{_NP}(?P<t>{_REF}){_FOR_AMT}"),
        ("invest-in", "investment", ("invest",),
         rf"\binvest(?:ed|s|ing)?\s+(?:(?:about|roughly|some|another|an\s+additional)\s+)?(?:{_AMT}(?:\s+dollars)?\s+)?"
         rf"(?:more\s+)?in(?:to)?\s+{_NP}(?P<t>{_REF})"),
        ("investment-in", "investment", ("investment",),
         rf"(?:{_AMT}\s+(?:\w+\s+)?)?investment\s+in(?:to)?\s+{_NP}(?P<t>{_REF})"),
        ("investment-from", "investment", ("investment",),
         rf"(?:{_AMT}\s+(?:\w+\s+)?)?investment\s+from\s+(?P<b>{_PARTY})"),
        ("acquisition-of", "acquisition", ("acquisition", "purchase", "takeover", "buyout"),
         rf"(?:{_AMT}\s+(?:\w+\s+)?)?(?:acquisition|purchase|takeover|buyout)\s+of\s+{_NP}(?P<t>{_REF}){_FOR_AMT}"),
        ("named-purchase", "acquisition", ("acquisition", "purchase", "takeover", "buyout"),
         rf"(?:\b(?:its|their)|(?P<b>{_PARTY})['’]s?)\s+(?:[\w-]+\s+){{0,2}}?(?:{_AMT}\s+)?(?P<t>@O\d+@)\s+"
         rf"(?:acquisition|purchase|takeover|buyout)\b"),
        ("buy", "acquisition", ("acqui", "buy", "bought", "purchas", "take", "took", "snap"),
         rf"\b(?:acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing|take\s+over|took\s+over|"
         rf"takes\s+over|taking\s+over|snap(?:ped|s)?\s+up)\s+{_NP}(?P<t>{_REF}){_FOR_AMT}"),
        ("sold-to", "acquisition", ("sold ", "sell"),
         rf"\b(?:sold|sells?|selling)\s+{_NP}(?P<t>{_REF})\s+to\s+{_NP}(?P<b>{_PARTY}){_FOR_AMT}"),
        ("sale-of-to", "acquisition", ("sale of",),
         rf"\bsale\s+of\s+{_NP}(?P<t>{_REF})\s+to\s+{_NP}(?P<b>{_PARTY}){_FOR_AMT}"),
        ("bid-for", "acquisition", ("bid for", "offer for"),
         rf"(?:{_AMT}\s+)?(?:(?:takeover|buyout|cash|all-stock|hostile)\s+)?(?:bid|offer)\s+for\s+{_NP}(?P<t>{_REF})"),
        ("raised-led-by", "funding", ("led by",),
         rf"(?P<t>{_REF})(?:,[^,@;]{{1,60}},)?\s+{_AUX}(?:raised|raises|raising|secured|closed|landed)\s+(?:about\s+)?{_AMT}"
         rf"[^@.;]{{0,60}}?\bled\s+by\s+(?P<b>{_PARTY})"),
        ("round-led-by", "funding", ("led by",),
         rf"(?:{_AMT}\s+)?(?:[\w-]+\s+){{0,3}}?(?:round|funding|financing)[^@.;]{{0,30}}?\bled\s+by\s+(?P<b>{_PARTY})"),
        ("led-round", "funding", ("led ",),
         rf"(?P<b>{_PARTY})\s+{_AUX}led\s+(?:a|an|the)\s+(?:{_AMT}\s+)?(?:[\w-]+\s+){{0,3}}?(?:round|financing)"
         rf"(?:\s+(?:in|for)\s+{_NP}(?P<t>{_REF}))?"),
    ]
]
_BUYER_WORD = re.compile(rf"(?:@[OH]\d+@|\b(?:its|it|their|he|she|his|her)\b|{_REF})", re.IGNORECASE)
# Between a deal word and a subject further back, one of these starts another clause with its own subject.
_CLAUSE_BREAK = re.compile(r";|\b(?:when|while|but|after|before|because|although|though|if|whereas|unless|since)\b",
                           re.IGNORECASE)
_OPENING_ORG = re.compile(r"\s*@O(\d+)@")
_MONEY = re.compile(r"@M(\d+)@")
_TOKEN = re.compile(r"@([OHMQ])(\d+)@")


def find_deals(doc: Doc) -> list[DealSpan]:
    """The body's deals, once per kind and pair of sides."""
    found: list[DealSpan] = []
    seen: dict[tuple[str, str, str], DealSpan] = {}
    for lo, hi in _sentences_with_deals(doc):
        for deal in _sentence_deals(doc, lo, hi):
            key = (deal.kind, doc.canon(deal.buyer), doc.canon(deal.target))
            if deal.kind in ("merger", "partnership"):
                key = (deal.kind, *sorted(key[1:]))
            if key in seen:
                first = seen[key]
                first.amount = first.amount if first.amount is not None else deal.amount
                first.stake = first.stake if first.stake is not None else deal.stake
                continue
            seen[key] = deal
            found.append(deal)
    return found


def _sentences_with_deals(doc: Doc) -> list[tuple[int, int]]:
    """The sentences holding a deal word, in order (found by plain substring search, which is cheap)."""
    out: list[tuple[int, int]] = []
    for k in positions(doc.text, _TRIGGERS):
        if out and k < out[-1][1]:
            continue
        out.append(doc.sentence(k))
    return out


def _mask(doc: Doc, lo: int, hi: int) -> tuple[str, list[int]]:
    """The sentence with its mentions as tokens, and the body offset of each masked character."""
    items = [(doc.entities[i].start, doc.entities[i].end, "O" if doc.label[i] == ORGANIZATION else "H", i)
             for i in doc.within(lo, hi)]
    for k in doc.figures_within(lo, hi):
        f = doc.figures[k]
        if f.kind in ("money", "percent"):
            items.append((f.start, f.end, "M" if f.kind == "money" else "Q", k))
    items.sort()
    parts: list[str] = []
    offsets: list[int] = []
    at = lo
    for s, e, kind, i in items:
        if s < at:
            continue
        parts.append(doc.text[at:s])
        offsets.extend(range(at, s))
        token = f"@{kind}{i}@"
        parts.append(token)
        offsets.extend([s] * len(token))
        at = e
    parts.append(doc.text[at:hi])
    offsets.extend(range(at, hi))
    offsets.append(hi)
    return "".join(parts), offsets


def _sentence_deals(doc: Doc, lo: int, hi: int) -> list[DealSpan]:
    masked, offsets = _mask(doc, lo, hi)
    taken: list[tuple[int, int]] = []
    out: list[DealSpan] = []
    targets: set[str] = set()
    buyers: list[int] = []
    matches: list[tuple[int, str, re.Match[str]]] = []
    folded = masked.lower()
    for _name, kind, words, rx in _PATTERNS:  # earlier entries win where two overlap
        if not any(w in folded for w in words):
            continue
        for m in rx.finditer(masked):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                matches.append((m.start(), kind, m))
    for _, kind, m in sorted(matches, key=lambda x: x[0]):  # sides resolve in reading order
        groups = m.groupdict()
        target = _token(groups.get("t"))
        buyer = _token(groups.get("b"))
        if buyer is None:
            avoid = targets | ({doc.canon(target)} if target is not None else set())
            buyer = _subject(doc, masked, m.start(), offsets, avoid)
            if buyer is None and buyers:
                buyer = buyers[-1]  # "Acme invested $5m in Beta and took a stake in Gamma"
        if target is None and groups.get("t"):  # "the startup": the last organization but the buyer
            avoid = {doc.canon(buyer)} if buyer is not None else set()
            target = doc.last_before(offsets[m.start("t")], ORGANIZATION, avoid)
        if target is None and kind == "funding" and buyer is not None:  # "Acme said it raised ... led by Beta"
            target = _subject(doc, masked, m.start(), offsets, {doc.canon(buyer)})
        if buyer is None or target is None or doc.canon(buyer) == doc.canon(target):
            continue
        if kind == "funding" and doc.label[target] == PERSON:
            continue
        targets.add(doc.canon(target))
        buyers.append(buyer)
        amount = _figure(m, "amt") if _figure(m, "amt") is not None else _figure(m, "amt2")
        if amount is None and kind in ("acquisition", "investment", "funding"):
            amount = _only_money(masked, m)  # "a $2 billion deal to buy Acme"
        out.append(DealSpan(kind, buyer, target, amount, _figure(m, "pct"), lo, hi))
    return out


def _only_money(masked: str, m: re.Match[str]) -> int | None:
    """The one money figure close around a match (none when there are two: which would be the price?)."""
    near = _MONEY.findall(masked, max(0, m.start() - 40), min(len(masked), m.end() + 40))
    return int(near[0]) if len(near) == 1 else None


def _token(token: str | None) -> int | None:
    """The entity index of a mention token ("@O3@" -> 3); None for a phrase like "the startup"."""
    t = _TOKEN.fullmatch(token) if token else None
    return int(t.group(2)) if t and t.group(1) in "OH" else None


def _figure(m: re.Match[str], group: str) -> int | None:
    if group not in m.re.groupindex or not m.group(group):
        return None
    return int(_TOKEN.fullmatch(m.group(group)).group(2))


def _subject(doc: Doc, masked: str, before: int, offsets: list[int], avoid: set[str]) -> int | None:
    """The nearest party before ``before`` in the sentence that is not on the other side already."""
    for w in reversed(list(_BUYER_WORD.finditer(masked, max(0, before - 300), before))):
        if _CLAUSE_BREAK.search(masked, w.end(), before):
            return None
        word = w.group()
        if word.casefold() in ("he", "she", "his", "her"):
            return doc.last_before(offsets[w.start()], PERSON, avoid)
        t = _TOKEN.fullmatch(word)
        if t:
            i = int(t.group(2))
            if doc.canon(i) not in avoid:
                return i
            continue
        # "it"/"its" is the sentence's subject when the sentence opens with an organization
        opening = _OPENING_ORG.match(masked, 0, w.start())
        if opening and doc.canon(int(opening.group(1))) not in avoid:
            return int(opening.group(1))
        return doc.last_before(offsets[w.start()], ORGANIZATION, avoid)
    return None
