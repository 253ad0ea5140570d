"""The briefing's relations sections: who's who, who said what, deals and stakes, and where sources differ.

Built from each article's affiliations, quotes and deals (entity ids resolved to names through
the briefing). Every cell goes through ``brief.pipeline.export.cell`` and every line through
``inline``: quotes and names are article text, never Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.models import Briefing, Deal, Disagreement, Entity

Names = Callable[[str], str]
"""How the Markdown writes an entity's name: escaped (the default, None) or as a ``[[wikilink]]``
(``brief.pipeline.export.wikilink``)."""

QUOTES_PER_PERSON = 3


def _name(briefing: Briefing, entity: str | None) -> str:
    found = briefing.entity(entity) if entity else None
    return found.name if found is not None else ""


def _refs(numbers: dict[str, str], articles: Mapping[str, object]) -> str:
    return " ".join(numbers[a] for a in articles if a in numbers)


def _role(briefing: Briefing, role: str | None, organization: str | None, names: Names | None = None) -> str:
    """'CEO at Acme', 'at Acme' (tied, no title) or 'senator' (a title at no organization); with ``names``, as
    Markdown: the title escaped, the organization written by ``names`` ('CEO at [[Acme]]')."""
    from brief.pipeline.export import cell

    org = _name(briefing, organization)
    if names is not None:
        return " ".join(x for x in (cell(role), f"at {names(org)}" if org else "") if x)
    return " ".join(x for x in (role or "", f"at {org}" if org else "") if x)


def roles_stated(briefing: Briefing, names: Names | None = None) -> list[tuple[str, str, dict[str, int]]]:
    """(person id, role at organization, {article: where its sentence starts}): one per role as stated,
    most mentioned person first, then the role most articles state. The Markdown and HTML briefings' "Who's who"."""
    rows: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for a in briefing.articles:
        for x in a.affiliations:
            role = _role(briefing, x.role, x.organization, names)
            if role and _name(briefing, x.person):
                rows[(x.person, role)].setdefault(a.id, x.start)
    order = {e.id: i for i, e in enumerate(briefing.entities)}  # most mentioned first, as the People table
    return [(person, role, where)
            for (person, role), where in sorted(rows.items(), key=lambda r: (order.get(r[0][0], 0), -len(r[1])))]


def whos_who(briefing: Briefing, numbers: dict[str, str], names: Names | None = None) -> list[list[str]]:
    """Person | role at organization | sources: one row per role as stated, with every article stating it."""
    from brief.pipeline.export import cell

    return [[(names or cell)(_name(briefing, person)), role if names else cell(role), _refs(numbers, where)]
            for person, role, where in roles_stated(briefing, names)]


def _telling(text: str) -> float:
    """How much a quote says: long enough to be a statement (a figure or a name helps), not a fragment."""
    words = text.split()
    capitals = sum(w[:1].isupper() for w in words[1:])
    digits = any(ch.isdigit() for ch in text)
    return min(len(words), 40) + 2 * min(capitals, 3) + 5 * digits - (20 if len(words) < 5 else 0)


def best_quotes(briefing: Briefing,
                per_person: int = QUOTES_PER_PERSON) -> list[tuple[Entity, list[tuple[str, str, int]]]]:
    """For each speaker, most mentioned first, the quotes that say most (at most ``per_person``) as
    (text, article, where it starts)."""
    said: dict[str, dict[str, tuple[float, str, int]]] = defaultdict(dict)
    for a in briefing.articles:
        for q in a.quotes:
            text = " ".join(q.text.split())
            if q.speaker and text and text not in said[q.speaker]:
                said[q.speaker][text] = (_telling(text), a.id, q.start)
    out = []
    for e in briefing.entities:
        quotes = said.get(e.id)
        if quotes:
            best = sorted(quotes.items(), key=lambda q: -q[1][0])[:per_person]
            out.append((e, [(text, article, start) for text, (_score, article, start) in best]))
    return out


def who_said_what(briefing: Briefing, numbers: dict[str, str], speakers: int | None = None,
                  per_person: int = QUOTES_PER_PERSON, names: Names | None = None) -> list[str]:
    """For each speaker (the first ``speakers``), most mentioned first, the quotes that say most (at most
    ``per_person``), with their article."""
    from brief.pipeline.export import inline

    out: list[str] = []
    for e, best in best_quotes(briefing, per_person)[:speakers]:
        out += [f"**{(names or inline)(e.name)}**", ""]
        out += [f"- “{inline(text)}” {numbers.get(article, '')}".rstrip() for text, article, _start in best]
        out.append("")
    return out[:-1]


def _deal_key(d: Deal) -> tuple[str, str | None, str | None]:
    return d.kind, d.buyer, d.target


def deals_reported(briefing: Briefing) -> list[tuple[str, str | None, str | None, str, str, dict[str, int]]]:
    """(kind, buyer, target, amount, stake, {article: where its sentence starts}): one per deal as reported."""
    rows: dict[tuple[str, str | None, str | None, str, str], dict[str, int]] = defaultdict(dict)
    for a in briefing.articles:
        for d in a.deals:
            rows[(*_deal_key(d), d.amount or "", d.stake or "")].setdefault(a.id, d.start)
    return [(*key, where) for key, where in rows.items()]


def deals(briefing: Briefing, numbers: dict[str, str], names: Names | None = None) -> list[list[str]]:
    """From | kind | to | amount | stake | sources, one row per deal as reported (same figures, one row)."""
    from brief.pipeline.export import cell

    name = names or cell
    return [[name(_name(briefing, buyer)), kind, name(_name(briefing, target)), cell(amount), cell(stake),
             _refs(numbers, where)] for kind, buyer, target, amount, stake, where in deals_reported(briefing)]


DealDifference = tuple[str, str, str, list[tuple[str, dict[str, None]]]]
"""(buyer, target, "amount"/"stake", [(text, articles)]): ``deal_differences``' rows."""


def differences(briefing: Briefing, numbers: dict[str, str], deals: list[DealDifference],
                names: Names | None = None) -> list[str]:
    """Deals between the same parties reported with different amounts or stakes (``deals``, from
    ``deal_differences``), and people given different roles, by different articles: the lines
    "Across sources" adds for relations."""
    out: list[str] = []
    lines = _deal_differences(briefing, numbers, deals, names)
    if lines:
        out += ["Deals reported differently:", "", *lines, ""]
    lines = _role_differences(briefing, numbers, names)
    if lines:
        out += ["One person, different roles:", "", *lines, ""]
    return out


def deal_differences(briefing: Briefing) -> list[DealDifference]:
    """(buyer, target, "amount"/"stake", [(text, articles)]) for each deal between two parties whose amount
    (one measure in one currency: no per-share price, conversion or valuation) or stake differs between
    articles, each giving one value, once rounding and "nearly" are allowed for ("$2 billion" and "$2bn" agree)."""
    from brief.pipeline.subjects import deal_amount, differ

    # (buyer, target) -> ("amount"/"stake", currency, measure) -> value -> (the text first written for it, articles)
    reported: dict[tuple[str, str], dict[tuple[str, str | None, str], dict[object, tuple[str, dict[str, None]]]]] = \
        defaultdict(lambda: defaultdict(dict))
    for a in briefing.articles:
        for d in a.deals if not a.duplicate_of else ():  # a copy of a story is not another source
            if not (d.buyer and d.target):
                continue
            two = sorted((d.buyer, d.target)) if d.kind in ("merger", "partnership") else (d.buyer, d.target)
            currency = next((f.currency for f in a.figures if f.text == d.amount and f.kind == "money"), None)
            amount = deal_amount(a.body, d.amount, (d.start, d.end), currency)  # None: a per-share price, ...
            for fact, text, value in ((amount and ("amount", *amount), d.amount, d.amount_value),
                                      (("stake", None, "stake"), d.stake, d.stake_value)):
                if text and fact:
                    told = reported[(two[0], two[1])][fact]
                    told.setdefault(text if value is None else value, (text, {}))[1][a.id] = None
    out = []
    for (buyer, target), figures in reported.items():
        for (what, _currency, _measure), told in figures.items():
            given: dict[str, int] = defaultdict(int)  # article -> values it gives
            for _text, where in told.values():
                for article in where:
                    given[article] += 1
            said = [(text, None if isinstance(key, str) else float(key))  # type: ignore[arg-type]
                    for key, (text, _where) in told.items()]
            if len(given) > 1 and max(given.values()) == 1 and differ(said, "money" if what == "amount" else "percent"):
                out.append((buyer, target, what, list(told.values())))
    return out


def _deal_differences(briefing: Briefing, numbers: dict[str, str], deals: list[DealDifference],
                      names: Names | None = None) -> list[str]:
    """One line per deal whose amount or stake differs between articles."""
    from brief.pipeline.export import inline

    name = names or inline
    lines = []
    for buyer, target, what, told in deals:
        shown = "; ".join(f"{inline(text)} {_refs(numbers, where)}" for text, where in told)
        lines.append(f"- {name(_name(briefing, buyer))} → {name(_name(briefing, target))}, {what}: {shown}")
    return lines


def role_differences(briefing: Briefing, names: Names | None = None) -> list[tuple[str, dict[str, dict[str, None]]]]:
    """(person, {role at organization: articles}) where one article's title for the person excludes another's
    ("chief executive" against "president"); roles at other organizations, or beside a title ("founder"),
    are no contradiction."""
    from brief.pipeline.contradictions import role_contradictions

    out = []
    for person, organization, by_article in role_contradictions(briefing):
        given: dict[str, dict[str, None]] = defaultdict(dict)
        for article, roles in by_article.items():
            for role in sorted(roles):
                given[_role(briefing, role, organization, names)][article] = None
        if _name(briefing, person):
            out.append((person, dict(given)))
    return out


def _role_differences(briefing: Briefing, numbers: dict[str, str], names: Names | None = None) -> list[str]:
    """One line per person and organization where the articles' titles for the person exclude each other."""
    from brief.pipeline.export import inline

    return [f"- {(names or inline)(_name(briefing, person))}: "
            + "; ".join(f"{role if names else inline(role)} {_refs(numbers, where)}" for role, where in given.items())
            for person, given in role_differences(briefing, names)]


def figure_disagreements(briefing: Briefing, deals: list[DealDifference]) -> list[Disagreement]:
    """The briefing's figures told differently, less those a deal's amount already says (``deals``, from
    ``deal_differences``: "Deals reported differently" gives them with the deal's parties)."""
    by_deals = [{(a, text) for text, where in told for a in where} for *_, told in deals]
    return [d for d in briefing.disagreements
            if not any({(f.article, f.text) for f in d.figures} <= said for said in by_deals)]
