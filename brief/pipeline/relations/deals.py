"""Investments, acquisitions, stakes, funding rounds, mergers and partnerships.

Each sentence that holds a deal word is rewritten once with its mentions as tokens (``@O3@`` an
organization, ``@H5@`` a person, ``@M0@`` a money figure, ``@P2@`` a price per share, which is never a
deal's amount, ``@Q1@`` a percent), so the patterns
below read like the sentences they match: "@O invested @M in @O", "its @M acquisition of @O",
"a round led by @O". The patterns are an ordered list of named entries (``DEAL_RULES``: name, kind,
words, regex), and each deal found carries the name of the entry that found it.

A side the pattern does not name is the sentence's subject: the nearest party before the deal
word that is not already a target in that sentence. "its", "it" and "the company" stand for the
last organization named before; "the startup" as a target for the last one that is not the
buyer. A deal is kept only when both sides are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from brief.models import DealKind
from brief.pipeline.relations.context import ORG_NOUNS, ORGANIZATION, PERSON, Doc, positions
from brief.pipeline.relations.lazy import lazy_regex
from brief.pipeline.relations.model import DealSpan

# Words a sentence needs besides the rules' own (``_RULE_WORDS``): with none of either it is not read further.
_PLAIN_TRIGGERS = ("invest", "stake", "acqui", "buy", "bought", "purchas", "takeover", "take over", "took over",
             "taking over", "takes over", "snap", "merg", "partner", "teamed up", "team up", "teaming up", "led ",
             "sold ", "sell", "sale of", "bid for", "offer for", "% of", "percent of", "per cent of", "inject",
             "pump", "poured", "pour ", "rescue", "bailout", "owner of", "collaborat", "alliance",
             "relationship between", "joint venture", "funding for", "financing for", "offered", "pay ", "pays ",
             "paid ", "paying ", "bid ")
_REF = rf"(?:@O\d+@|\b(?:the|this|that)\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{ORG_NOUNS})\b)"
_PARTY = r"@[OH]\d+@"
# Words between a verb and its object that keep it one noun phrase ("the data labeling firm Acme").
_NP = (r"(?:(?:the|a|an)\s+)?(?:(?!(?:from|with|at|by|on|to|for|into|as|and|or|but|that|which|who|than|of|"
       r"stake|stakes|shares?|stock|interest|assets?|bonds?|units?|rights|products?|services?)\b)"
       r"[a-z][\w-]*\s+){0,4}?")
_AMT = r"(?P<amt>@M\d+@)"
_FOR_AMT = (r"(?:\s+(?:for|in\s+a\s+(?:deal|transaction)\s+(?:worth|valued\s+at)|worth|valued\s+at)\s+"
            r"(?:about\s+|roughly\s+|some\s+)?(?P<amt2>@M\d+@))?")
# "a company owned by talent manager": the owner is the party behind the deal
_OWNED_BY = (r"(?:(?:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?:company|firm|group|fund|vehicle|consortium|entity)\s+"
             r"(?:owned|controlled|run|backed|led|set\s+up)\s+by\s+)?(?:(?-i:[a-z][\w-]*)\s+){0,3}?")
_AUX = (r"(?:(?:has|have|had|is|are|was|were|will|would|agreed\s+to|agrees\s+to|plans\s+to|plan\s+to|to|also|"
        r"reportedly)\s+)*")



@dataclass(frozen=True, slots=True)
class DealRule:
    """One entry: its name, the kind of deal it finds, the words without which it cannot match (any
    one, lower case), its pattern over the masked sentence (groups ``b`` buyer, ``t`` target,
    ``amt``/``amt2`` the amount, ``pct`` the stake), and what it reads in a line, for the user who asks
    why brief names a deal (``w``). The list below gives each entry as (name, kind, words, says, pattern)."""

    name: str
    kind: DealKind
    words: tuple[str, ...]
    pattern: re.Pattern[str]
    says: str = ""


DEAL_RULES: tuple[DealRule, ...] = tuple(
    DealRule(name, cast("DealKind", kind), words, lazy_regex(rx, re.IGNORECASE), says)
    for name, kind, words, says, rx in [
        ("acquired-by", "acquisition", ("acquired", "bought", "purchased", "taken over"),
         "“Beta was acquired by Acme”: the buyer after “by”, the target before the passive verb.",
         rf"(?P<t>{_REF}),?\s+(?:which\s+)?(?:(?:has\s+)?(?:agreed|agrees|plans|is\s+set)\s+)?(?:was|were|is|has\s+been|had\s+been|will\s+be|would\s+be|being|to\s+be)\s+"
         rf"(?:\w+\s+)?(?:acquired|bought(?:\s+out)?|purchased|taken\s+over)\s+by\s+{_OWNED_BY}(?P<b>{_PARTY}){_FOR_AMT}"),
        ("which-bought", "acquisition", ("acquired", "bought", "purchased"),
         "“Beta, which Acme bought”: the target, then its buyer in the clause after it.",
         rf"(?P<t>@O\d+@),\s+which\s+(?P<b>{_PARTY})\s+{_AUX}(?:acquired|bought|purchased)"
         rf"(?:\s+(?:in|last)\s+\w+)?{_FOR_AMT}"),
        ("merge-pair", "merger", ("merg",),
         "“Acme and Beta will merge”: two named parties, then the verb.",
         rf"(?P<b>{_PARTY})\s+and\s+(?P<t>{_PARTY})\s+{_AUX}(?:\w+\s+)?(?:to\s+)?merg(?:e|ed|ing)\b"),
        ("merger-of", "merger", ("merger",),
         "“the merger of Acme and Beta”: the two parties after “merger of” or “merger between”.",
         rf"merger\s+(?:of|between)\s+(?P<b>{_PARTY})\s+and\s+(?P<t>{_PARTY})"),
        ("merge-with", "merger", ("merg",),
         "“Acme merged with Beta”: the other party after “merge with”; the first is the sentence's subject.",
         rf"\bmerg(?:e|ed|es|ing|er)\s+with\s+{_NP}(?P<t>{_REF})"),
        ("partner-pair", "partnership", ("partner", "team"),
         "“Acme and Beta formed a partnership”, “Acme, Beta team up”: two named parties, then the verb.",
         rf"(?P<b>{_PARTY})\s*(?:,|\s+and|\s+&)\s+(?P<t>{_PARTY})\s+{_AUX}(?:partner(?:ed)?|team(?:ed)?\s+up|"
         rf"(?:formed|form|signed|sign|announced?|unveil(?:ed)?|strike|struck|ink(?:ed)?)\s+(?:a\s+|an\s+)?"
         rf"(?:[\w-]+\s+){{0,2}}?(?:partnership|alliance|collaboration))"),
        ("partnership-between", "partnership", ("partnership", "collaborat", "alliance", "relationship", "venture"),
         "“a partnership between Acme and Beta”: the two parties after “between”.",
         rf"(?:partnership|collaboration|alliance|relationship|joint\s+venture)\s+between\s+(?:the\s+)?(?P<b>{_PARTY})"
         rf"\s+and\s+(?:the\s+)?(?P<t>{_PARTY})"),
        ("partner-with", "partnership", ("partner", "team", "collaborat", "alliance", "venture", "forces"),
         "“Acme partnered with Beta”, “Acme joined forces with Beta”: the partner after “with”; the other is the "
         "sentence's subject.",
         rf"\b(?:partner(?:ed|s|ing)?|(?:partnership|collaboration|alliance)(?:\s+(?:agreement|deal|pact))?|"
         rf"team(?:ed|s|ing)?\s+up|collaborat(?:e|ed|es|ing)|join(?:ed|s|ing)?\s+forces|"
         rf"joint\s+venture)\s+with\s+{_NP}(?P<t>{_REF})"),
        ("owner-of", "acquisition", ("owner of",),
         "“Acme is now the owner of Beta”: the owner before the verb, what it owns after “owner of”.",
         rf"(?P<b>{_PARTY})\s+(?:is|was|became|has\s+become|will\s+be)\s+(?:now\s+)?(?:the\s+)?(?:new\s+|sole\s+|"
         rf"majority\s+)?owner\s+of\s+{_NP}(?P<t>{_REF})"),
        ("inject-into", "investment", ("inject", "pump", "pour"),
         "“Acme injected $5 million into Beta”: money put into the target named after “into”.",
         rf"\b(?:inject(?:ed|s|ing)?|pump(?:ed|s|ing)?|pour(?:ed|s|ing)?)\s+(?:(?:about|roughly|some|another|an\s+"
         rf"additional|up\s+to)\s+)?{_AMT}\s+(?:more\s+)?in(?:to)?\s+{_NP}(?P<t>{_REF})"),
        ("rescue-of", "investment", ("rescue", "bailout"),
         "“a $5 million rescue of Beta”: the rescued party after “rescue of” or “bailout for”.",
         rf"(?:{_AMT}\s+)?(?:rescue|bailout)\s+(?:(?:deal|package|plan)\s+)?(?:of|for)\s+{_NP}(?P<t>{_REF})"),
        ("share-of", "stake", ("@q",),  # a percent figure, "@Q1@ of"
         "“Acme bought 20% of Beta”: a share of the target, with its percent and any amount.",
         rf"\b(?:acquire[sd]?|acquiring|buy|buys|bought|buying|take|takes|took|taking|purchase[sd]?|purchasing|"
         rf"owns?|owned|owning|holds?|held|holding)\s+"
         rf"(?:(?:a|an|another|additional|about|roughly|nearly|some)\s+)*(?P<pct>@Q\d+@)\s+(?:of|in)\s+{_NP}"
         rf"(?P<t>{_REF}){_FOR_AMT}"),
        ("stake-in", "stake", ("stake",),
         "“a 20% stake in Beta”: the stake's target after “stake in”, with its percent and any amount.",
         rf"(?:(?P<pct>@Q\d+@)\s+)?(?:(?:minority|majority|controlling|equity|ownership)\s+)?stake\s+in\s+"
         rf"{_NP}(?P<t>{_REF}){_FOR_AMT}"),
        ("invest-in", "investment", ("invest",),
         "“Acme invested $5 million in Beta”: the investor is the sentence's subject, the target after “in”.",
         rf"\binvest(?:ed|s|ing)?\s+(?:(?:about|roughly|some|another|an\s+additional)\s+)?(?:{_AMT}(?:\s+dollars)?\s+)?"
         rf"(?:more\s+)?in(?:to)?\s+{_NP}(?P<t>{_REF})"),
        ("investment-in", "investment", ("investment",),
         "“Acme's $5 million investment in Beta”: the target after “investment in”.",
         rf"(?:{_AMT}\s+(?:\w+\s+)?)?investment\s+in(?:to)?\s+{_NP}(?P<t>{_REF})"),
        ("investment-from", "investment", ("investment",),
         "“an investment from Acme”: the investor after “from”; the target is the sentence's subject.",
         rf"(?:{_AMT}\s+(?:\w+\s+)?)?investment\s+from\s+(?P<b>{_PARTY})"),
        ("acquisition-of", "acquisition", ("acquisition", "purchase", "takeover", "buyout"),
         "“Acme's acquisition of Beta for $5 million”: the target after “acquisition of” (or purchase, takeover, "
         "buyout).",
         rf"(?:{_AMT}\s+(?:\w+\s+)?)?(?:acquisition|purchase|takeover|buyout)\s+of\s+{_NP}(?P<t>{_REF}){_FOR_AMT}"),
        ("named-purchase", "acquisition", ("acquisition", "purchase", "takeover", "buyout"),
         "“Acme's $5 million Beta acquisition”: the buyer owns the word, the target stands before it.",
         rf"(?:\b(?:its|their)|(?P<b>{_PARTY})['’]s?)\s+(?:[\w-]+\s+){{0,2}}?(?:{_AMT}\s+)?(?P<t>@O\d+@)\s+"
         rf"(?:acquisition|purchase|takeover|buyout)\b"),
        ("buy", "acquisition", ("acqui", "buy", "bought", "purchas", "take", "took", "snap"),
         "“Acme agreed to buy Beta for $5 million”: the buyer is the sentence's subject, the target its object.",
         rf"\b(?:acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing|take\s+over|took\s+over|"
         rf"takes\s+over|taking\s+over|snap(?:ped|s)?\s+up)\s+{_NP}(?P<t>{_REF})(?!['’]){_FOR_AMT}"),
        ("sold-to", "acquisition", ("sold ", "sell"),
         "“Acme sold Beta to Gamma”: the target sold, the buyer after “to”.",
         rf"\b(?:sold|sells?|selling)\s+{_NP}(?P<t>{_REF})\s+to\s+{_NP}(?P<b>{_PARTY}){_FOR_AMT}"),
        ("sale-of-to", "acquisition", ("sale of",),
         "“the sale of Beta to Gamma”: the target after “sale of”, the buyer after “to”.",
         rf"\bsale\s+of\s+{_NP}(?P<t>{_REF})\s+to\s+{_NP}(?P<b>{_PARTY}){_FOR_AMT}"),
        ("was-sold-to", "acquisition", ("sold to",),
         "“Beta was sold to Acme”: the target before the passive verb, the buyer after “to”.",
         rf"(?P<t>{_REF}),?\s+(?:which\s+)?{_AUX}(?:being\s+|been\s+|be\s+)?sold\s+to\s+{_OWNED_BY}(?P<b>{_PARTY})"
         rf"{_FOR_AMT}"),
        ("bid-for", "acquisition", ("bid for", "offer for"),
         "“Acme's $5 million bid for Beta”: a bid or an offer for the target; the bidder is the subject.",
         rf"(?:{_AMT}\s+)?(?:(?:takeover|buyout|cash|all-stock|all-cash|hostile|tender|public)\s+)*(?:bid|offer)\s+for\s+"
         rf"{_NP}(?P<t>{_REF})"),
        ("pay-for", "acquisition", ("offer", "pay ", "pays ", "paid ", "paying ", "bid"),
         "“Acme offered $20 a share, or $5 million, for Beta”: the total paid (never the price per share).",
         rf"\b(?:offered|offers|offering|pay|pays|paid|paying|bid|bids|bidding)\s+(?:(?:about|roughly|some|nearly)\s+)?[$€£¥]?@[MP]\d+@"
         rf"(?:\s+(?:a|per|each)\s+share|\s+apiece)?(?:,?\s+or\s+(?:about\s+)?{_AMT}(?:\s+in\s+(?:total|all))?,?)?\s+(?:in\s+cash\s+)?for\s+{_NP}"
         rf"(?P<t>{_REF})(?!\s*['’]s?\s+(?:stake|shares?)\b)"),
        ("raised-led-by", "funding", ("led by",),
         "“Beta raised $5 million in a round led by Acme”: the company raises, the leader invests.",
         rf"(?P<t>{_REF})(?:,[^,@;]{{1,60}},)?\s+{_AUX}(?:raised|raises|raising|secured|closed|landed)\s+(?:about\s+)?{_AMT}"
         rf"[^@.;]{{0,60}}?\bled\s+by\s+(?P<b>{_PARTY})"),
        ("led-round-first", "funding", ("led by",),
         "“In a round led by Acme, Beta raised $5 million”: the leader first, then the company.",
         rf"\b(?:round|funding|financing)\s+led\s+by\s+(?P<b>{_PARTY})\s*,\s*(?P<t>{_REF})\s+{_AUX}"
         rf"(?:raised|raises|secured|closed|landed|got)\s+(?:about\s+)?{_AMT}"),
        ("funding-from", "funding", ("funding for", "financing for"),
         "“funding for Beta comes from Acme”: the target after “for”, the investor after “from”.",
         rf"\b(?:funding|financing|money)\s+for\s+{_NP}(?P<t>{_REF})\s+(?:comes|came|will\s+come|is\s+coming)\s+"
         rf"from\s+{_NP}(?P<b>{_PARTY})"),
        ("raised-from", "funding", ("raised", "raises", "raising", "secured", "secures", "received", "receives",
                                    "got ", "gets ", "landed", "won ", "wins ", "obtained", "closed", "closes"),
         "“Beta raised $5 million from Acme”, “Beta won a grant from Acme”: money the company gets, from the "
         "investor after “from”.",
         rf"(?P<t>{_REF})(?:,[^,@;]{{1,60}},)?\s+{_AUX}(?:raised|raises|raising|secured|secures|received|receives|got|"
         rf"gets|landed|lands|won|wins|obtained|closed|closes)\s+(?:[\w-]+\s+){{0,3}}?(?:{_AMT}|funding|investment|"
         rf"grant|financing|backing)[^@.;]{{0,40}}?\bfrom\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<b>{_PARTY})"),
        ("grant-to", "funding", ("grant", "funding", "financing", "donation"),
         "“Acme awarded a $5 million grant to Beta”: money given to the company after “to”; the giver is the "
         "sentence's subject.",
         rf"(?:{_AMT}\s+(?:in\s+)?(?:[\w-]+\s+){{0,2}}?)?\b(?:grant|funding|financing|donation)s?\s+to\s+{_NP}"
         rf"(?P<t>{_REF})"),
        ("gave-grant", "funding", ("gave", "give", "award", "grant"),
         "“Acme gave Beta a $5 million grant”: the company given the money right after the verb.",
         rf"\b(?:gave|gives|give|giving|awarded|awards|award|granted|grants)\s+(?P<t>{_REF})\s+(?:a|an)\s+"
         rf"(?:{_AMT}\s+)?(?:[\w-]+\s+){{0,2}}?(?:grant|donation|investment)\b"),
        ("backed-with", "investment", ("backed", "funded", "financed", "bankrolled"),
         "“Acme backed Beta with $5 million”, “Acme funded Beta”: the company backed is the verb's object.",
         rf"\b(?:backed|backs|funded|funds|financed|finances|bankrolled|bankrolls)\s+{_NP}(?P<t>{_REF})"
         rf"(?!\s*['’])(?:\s+with\s+{_AMT})?"),
        ("led-owned-round", "funding", ("led ",),
         "“Acme led Beta's $5 million round”: the leader invests in the company whose round it is.",
         rf"(?P<b>{_PARTY})\s+{_AUX}led\s+(?P<t>@O\d+@)['’]s?\s+(?:{_AMT}\s+)?(?:[\w-]+\s+){{0,3}}?"
         rf"(?:round|financing|funding)"),
        ("round-led-by", "funding", ("led by",),
         "“a $5 million round led by Acme”: the round's leader invests in the sentence's subject.",
         rf"(?:{_AMT}\s+)?(?:[\w-]+\s+){{0,3}}?(?:round|funding|financing)[^@.;]{{0,30}}?\bled\s+by\s+(?P<b>{_PARTY})"),
        ("led-round", "funding", ("led ",),
         "“Acme led a $5 million round in Beta”: the leader invests in the company named after it.",
         rf"(?P<b>{_PARTY})\s+{_AUX}led\s+(?:a|an|the)\s+(?:{_AMT}\s+)?(?:[\w-]+\s+){{0,3}}?(?:round|financing)"
         rf"(?:\s+(?:in|for)\s+{_NP}(?P<t>{_REF}))?"),
    ]
)
"""The rules, in order: where two matches overlap in a sentence, the earlier entry's wins."""
_RULE_WORDS = frozenset(w for rule in DEAL_RULES for w in rule.words)
_TRIGGERS = tuple(sorted(_RULE_WORDS.union(_PLAIN_TRIGGERS)))
"""Words without which no rule can match: each rule's own, so a form its pattern reads is never passed over."""
_BUYER_WORD = lazy_regex(rf"(?:@[OH]\d+@|\b(?:its|it|their|he|she|his|her)\b|{_REF})", re.IGNORECASE)
# Between a deal word and a subject further back, one of these starts another clause with its own subject.
_CLAUSE_BREAK = lazy_regex(r";|\b(?:when|while|but|after|before|because|although|though|if|whereas|unless|since)\b",
                           re.IGNORECASE)
_OPENING_ORG = lazy_regex(r"\s*@O(\d+)@")
_MONEY = lazy_regex(r"@M(\d+)@")
_TOKEN = lazy_regex(r"@([OHMQP])(\d+)@")
_PER_SHARE = lazy_regex(r"\s*(?:(?:a|per|each)\s+(?:share|unit|ADS|ADR)\b|apiece\b)", re.IGNORECASE)


def find_deals(doc: Doc, headline: Doc | None = None) -> list[DealSpan]:
    """The body's deals, once per kind and pair of sides, then those the headline states whose two
    sides the body names but has no deal between (located at the body's first sentence naming the
    target; rule "headline:<name>")."""
    found: list[DealSpan] = []
    seen: dict[tuple[str, ...], DealSpan] = {}
    for lo, hi in _sentences_with_deals(doc):
        for deal in _sentence_deals(doc, lo, hi):
            _keep(doc, deal, seen, found)
    if headline is not None and headline.text:
        first: dict[str, int] = {}
        for _, _, i in doc.spans:
            first.setdefault(doc.canon(i), i)

        def in_body(i: int | None) -> int | None:
            """The body's first mention of the headline's name ("Velmora" -> "Velmora Systems Inc.")."""
            if i is None:
                return None
            name = headline.canon(i)
            return first.get(name, next((k for n, k in first.items() if n.startswith(name + " ")), None))

        # the headline sums up the body: a pair of sides the body has a deal between (of any kind) takes no other
        pairs = {frozenset((doc.canon(d.buyer), doc.canon(d.target))) for d in found
                 if d.buyer is not None and d.target is not None}
        for lo, hi in _sentences_with_deals(headline):
            for deal in _sentence_deals(headline, lo, hi):
                buyer, target = in_body(deal.buyer), in_body(deal.target)
                if buyer is None or target is None or frozenset((doc.canon(buyer), doc.canon(target))) in pairs:
                    continue
                start, end = doc.sentence(doc.entities[target].start)
                _keep(doc, DealSpan(deal.kind, buyer, target, None, None, start, end, f"headline:{deal.rule}"),
                      seen, found)
    return found


def _keep(doc: Doc, deal: DealSpan, seen: dict[tuple[str, ...], DealSpan], found: list[DealSpan]) -> None:
    """Add ``deal`` unless one of its kind between the same sides is there (which takes its missing figures)."""
    if deal.buyer is None or deal.target is None:
        return
    key: tuple[str, ...] = (deal.kind, doc.canon(deal.buyer), doc.canon(deal.target))
    if deal.kind in ("merger", "partnership"):
        key = (deal.kind, *sorted(key[1:]))
    if key in seen:
        first = seen[key]
        first.amount = first.amount if first.amount is not None else deal.amount
        first.stake = first.stake if first.stake is not None else deal.stake
        return
    for first in found:  # "a partnership between Acme and Beta" ... "our collaboration with Beta", said of Acme Health
        if first.kind == deal.kind and _fuller_sides(doc, first, deal):
            return
    seen[key] = deal
    found.append(deal)


def _fuller_sides(doc: Doc, first: DealSpan, deal: DealSpan) -> bool:
    """Whether ``deal`` is ``first`` with a side named shorter or longer ("Acme" and "Acme Health", the
    other side the same): ``first`` then takes the fuller names and the figures it lacks."""
    assert first.buyer is not None and first.target is not None and deal.buyer is not None and deal.target is not None

    def fuller(a: int, b: int) -> int | None:
        """The side of the two names that says most, or None when they name two parties."""
        x, y = doc.canon(a), doc.canon(b)
        return a if x == y or x.startswith(y + " ") else b if y.startswith(x + " ") else None

    orders = [(deal.buyer, deal.target)]
    if deal.kind in ("merger", "partnership"):
        orders.append((deal.target, deal.buyer))
    for buyer, target in orders:
        b, t = fuller(first.buyer, buyer), fuller(first.target, target)
        if b is not None and t is not None:
            first.buyer, first.target = b, t
            first.amount = first.amount if first.amount is not None else deal.amount
            first.stake = first.stake if first.stake is not None else deal.stake
            return True
    return False


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
        if f.kind == "money":  # a price per share ("$54.20 a share") is never the deal's value
            items.append((f.start, f.end, "P" if _PER_SHARE.match(doc.text, f.end) else "M", k))
        elif f.kind == "percent":
            items.append((f.start, f.end, "Q", k))
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
    matches: list[tuple[int, DealRule, re.Match[str]]] = []
    folded = masked.lower()
    present = {w for w in _RULE_WORDS if w in folded}
    for rule in DEAL_RULES:  # earlier entries win where two overlap
        if present.isdisjoint(rule.words):
            continue
        for m in rule.pattern.finditer(masked):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append((m.start(), m.end()))
                matches.append((m.start(), rule, m))
    for _, rule, m in sorted(matches, key=lambda x: x[0]):  # sides resolve in reading order
        kind = rule.kind
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
        if target is None and not groups.get("t") and buyer is not None:
            # "Acme said it raised ... led by Beta", "Acme won an investment from Beta"
            target = _subject(doc, masked, m.start(), offsets, {doc.canon(buyer)})
        if buyer is None or target is None or doc.canon(buyer) == doc.canon(target):
            continue
        if kind == "funding" and doc.label[target] == PERSON:
            continue
        targets.add(doc.canon(target))
        buyers.append(buyer)
        amount = _figure(m, "amt") if _figure(m, "amt") is not None else _figure(m, "amt2")
        if amount is None and kind in ("acquisition", "investment", "funding", "stake"):
            amount = _only_money(masked, m)  # "a $2 billion deal to buy Acme"
        out.append(DealSpan(kind, buyer, target, amount, _figure(m, "pct"), lo, hi, rule.name))
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
    t = _TOKEN.fullmatch(m.group(group))
    return int(t.group(2)) if t else None


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
