"""Export: the briefing as a Markdown document a person pastes into notes, or as the JSON index.

The Markdown briefing is compact by default (the names in more than one article, the figures several sources
give, deals, quotes, what the sources disagree on, and the sources cited); ``full=True`` has everything: each
article's summary, every name and every figure.

Article text is untrusted: what Markdown would read as markup is escaped so a ``|``, a backtick,
``<script>`` or ``](`` in a name cannot break the table or smuggle a link, and a "- " or "1986. " at the start
of a line is no list; what it would not ("Disney+", "0.48%", "(AP)") is left as written. Everything goes
through ``text.one_line`` first, so no escape sequence reaches the file whatever it came from (an article,
a file name, a URL, config.toml).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from brief.pipeline import export_relations as relations
from brief.pipeline.dates import shown_date
from brief.pipeline.extract.spans import PANEL_LABELS
from brief.pipeline.output import OutputRefused, marker_line, write_text  # noqa: F401 - the writing, once here
from brief.pipeline.text import one_line

if TYPE_CHECKING:
    from brief.models import Article, Briefing, Disagreement, Entity, Figure
    from brief.pipeline.export_relations import Names

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~])|(?<!\w)_|_(?!\w)|&(?=#?[0-9A-Za-z]+;)")
"""What Markdown reads as markup anywhere in a line: escapes, code, emphasis (``_`` only at a word's edge: "snake_case"
is no emphasis), links and images (``](`` needs a ``]``), HTML and its entities ("&lt;"), table pipes and
strikethrough."""
_LINE_START = re.compile(r"^(?:([-=])|([+#])(?=\s|$)|([0-9]+)([.)])(?=\s|$))")
"""At a line's start only: a list item, a rule or a setext line ("-", "="), a "+ " item or a "# " heading,
"1986. " a numbered item (not "0.48%")."""


def _escaped(text: str) -> str:
    return _MD_SPECIAL.sub(lambda m: "\\" + m[0], one_line(text))


def cell(text: str | None) -> str:
    """Text made safe for one Markdown table cell."""
    return _escaped(text or "")


def inline(text: str | None) -> str:
    """Text made safe for a Markdown line outside a table, at its start too ("- ", "1986. " are not lists)."""
    return _LINE_START.sub(lambda m: f"\\{m[1] or m[2]}" if m[1] or m[2] else f"{m[3]}\\{m[4]}",
                           _escaped(text or ""))


_NOT_IN_A_LINK = re.compile(r"[#^|:/?\"*\\\[\]]")
"""What a ``[[wikilink]]`` or the note's file name cannot hold (Obsidian's and Logseq's rules), beside Markdown's."""


def wikilink(name: str | None) -> str:
    """An entity's name as a note link, ``[[Jane Roe]]``, for Obsidian and Logseq (``--wikilinks``); escaped as
    any cell is when it holds what a link cannot ("A|B", "R&amp;D", "<x>", "Foo/Bar"): text, never markup."""
    text = one_line(name or "")
    if not text or _MD_SPECIAL.search(text) or _NOT_IN_A_LINK.search(text):
        return cell(text)
    return f"[[{text}]]"


def code(text: str | None) -> str:
    """Text as one Markdown code span, shown exactly: fenced by more backticks than it holds, never escaped."""
    text = one_line(text or "")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def format_value(kind: str, value: float, currency: str | None = None, unit: str | None = None) -> str:
    """A figure's normalised value for people: '$12.7B', '€2B', '49%', '3,000 employees'."""
    if kind == "percent":
        pts = unit and "point" in unit
        return f"{value:g} pts" if pts else f"{value:g}%"
    if kind == "money":
        symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"}.get(currency or "", "")
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if abs(value) >= size:
                number = f"{value / size:.3g}{suffix}"
                break
        else:
            number = f"{value:,.2f}".rstrip("0").rstrip(".")
        per = unit or ""  # a price per unit: "$0.23/W"
        return f"{symbol}{number}{per}" if symbol else f"{number} {currency or ''}".strip() + per
    return f"{value:,.0f} {unit or ''}".strip() if value == int(value) else f"{value:,g} {unit or ''}".strip()


def figure_value(f: Figure) -> str:
    low = format_value(f.kind, f.value, f.currency, f.unit)
    if f.value_max is not None:
        low = f"{low}–{format_value(f.kind, f.value_max, f.currency, f.unit)}"
    return ("~" if f.approximate else "") + low


def _link(url: str | None) -> str:
    """An http(s) URL as a Markdown autolink; anything else (or anything odd in it) is left out."""
    if not url or not re.fullmatch(r"https?://[^\s<>()\[\]`|\\]+", url):
        return ""
    return f"<{url}>"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def _numbers(briefing: Briefing) -> dict[str, str]:
    """Each article's number in the Sources list, which the tables refer to: '[2]'."""
    return {a.id: f"[{i}]" for i, a in enumerate(briefing.articles, 1)}


def _entity_rows(briefing: Briefing, kind: str, entities: list[Entity] | None = None,
                 names: Names | None = None) -> list[list[str]]:
    refs = _numbers(briefing)
    return [
        [(names or cell)(e.name), cell("; ".join(e.roles)), str(e.mention_count), " ".join(refs[a] for a in e.articles)]
        for e in (briefing.entities if entities is None else entities) if e.type == kind
    ]


COMPACT_ENTITIES = 15
"""People (and companies) in a compact briefing: those named in more than one article, at most this many (the
most named first); the most named of all when no one is named twice."""
COMPACT_FIGURES = 20
"""Figures in a compact briefing: those most sources give first, then money, then the largest."""
COMPACT_SPEAKERS = 8
COMPACT_QUOTES = 2
"""Speakers in a compact briefing (the most named first), and quotes each."""
COMPACT_DEALS = 25
"""Deals in a compact briefing, the most reported first."""


def render_markdown(briefing: Briefing, title: str = "Briefing", full: bool = False, wikilinks: bool = False) -> str:
    """The briefing as one Markdown document: compact (to paste), or ``full`` (every summary, name and figure);
    ``wikilinks`` writes people's and companies' names as ``[[Name]]``, for notes apps."""
    names = wikilink if wikilinks else None
    if not full:
        return _compact(briefing, title, names)
    arts = briefing.articles
    refs = _numbers(briefing)
    out = _head(briefing, title) + _new(briefing, refs) + ["## Sources", ""]
    out += _sources(briefing, refs, arts)
    out += ["", "## Summaries", ""]
    for a in arts:
        out += [f"### {refs[a.id]} {inline(a.title)}", "", inline(a.lede), ""]
    out += ["## People", ""]
    out += _table(["Name", "Role", "Mentions", "Articles"], _entity_rows(briefing, "person", names=names))
    out += ["", "## Companies and organizations", ""]
    out += _table(["Name", "Role", "Mentions", "Articles"], _entity_rows(briefing, "organization", names=names))
    out += ["", "## Who's who", ""]
    out += _table(["Person", "Role at organization", "Sources"], relations.whos_who(briefing, refs, names))
    out += ["", "## Who said what", ""]
    out += relations.who_said_what(briefing, refs, names=names) or ["No quotes found."]
    out += ["", "## Deals and stakes", ""]
    out += _table(["From", "Kind", "To", "Amount", "Stake", "Sources"], relations.deals(briefing, refs, names))
    out += ["", "## Figures", ""]
    rows = [[cell(f.text), cell(figure_value(f)), cell(f.about), refs[a.id]] for a in arts for f in a.figures]
    out += _table(["Figure", "Value", "About", "Article"], rows)
    out += ["", "## Across sources", ""] + _across(briefing, names=names)
    out += _not_loaded(briefing)
    return "\n".join(out).rstrip() + "\n"


def _head(briefing: Briefing, title: str, said: str = "") -> list[str]:
    n = len(briefing.articles)
    return [marker_line(), "", f"# {inline(title)}", "",
            f"{date.today().isoformat()} · {n} article{'s' * (n != 1)}{said}", ""]


def new_since(briefing: Briefing) -> tuple[str, list[Article]] | None:
    """The heading "New since <when the reader last opened the corpus>" and the articles added since (first in the
    briefing, Markdown and HTML), or None when nothing is new."""
    if not briefing.new or briefing.new_since is None:
        return None
    from datetime import datetime

    when = datetime.fromtimestamp(briefing.new_since)
    new = set(briefing.new)
    heading = f"New since {shown_date(when.date().isoformat())}, {when:%H:%M}"
    return heading, [a for a in briefing.articles if a.id in new]


def _new(briefing: Briefing, refs: dict[str, str]) -> list[str]:
    found = new_since(briefing)
    if found is None:
        return []
    heading, articles = found
    lines = [f"- {refs[a.id]} {inline(a.title)}" + (f" — {inline(a.source)}" if a.source else "") for a in articles]
    return [f"## {heading}", ""] + lines + [""]


def _sources(briefing: Briefing, refs: dict[str, str], arts: Sequence[Article]) -> list[str]:
    out = []
    for a in arts:
        extra = (a.source, a.author and f"by {a.author}", shown_date(a.published, a.published_text),
                 a.summary_only and "feed summary only")
        bits = [f"**{inline(a.title)}**"] + [inline(x) for x in extra if x]
        if a.duplicate_of in refs:
            bits.append(f"same story as {refs[a.duplicate_of]}")
        if _link(a.url):
            bits.append(_link(a.url))
        out.append(f"{refs[a.id]} " + " — ".join(bits) + "  ")
    return out


def _not_loaded(briefing: Briefing) -> list[str]:
    if not briefing.skipped:
        return []
    return ["", "## Not loaded", ""] + [f"- {code(p)}: {inline(r)}" for p, r in briefing.skipped]


def _compact_entities(briefing: Briefing, kind: str) -> tuple[list[Entity], int]:
    """The entities of ``kind`` a compact briefing names, and how many it leaves out."""
    every = [e for e in briefing.entities if e.type == kind]
    shared = [e for e in every if len(e.articles) > 1]
    shown = (shared or every)[:COMPACT_ENTITIES]
    return shown, len(every) - len(shown)


def _compact_figures(briefing: Briefing, refs: dict[str, str]) -> tuple[list[list[str]], int]:
    """The figures of a compact briefing, one row per value with every article giving it, and how many are left out."""
    told: dict[str, list[tuple[Figure, str]]] = {}
    for a in briefing.articles:
        for f in a.figures:
            told.setdefault(figure_value(f), []).append((f, a.id))
    ranked = sorted(told.items(), key=lambda item: (-len({a for _, a in item[1]}), item[1][0][0].kind != "money",
                                                    -abs(item[1][0][0].value)))
    rows = []
    for value, places in ranked[:COMPACT_FIGURES]:
        first = places[0][0]
        about = next((f.about for f, _ in places if f.about), None)
        rows.append([cell(first.text), cell(value), cell(about), " ".join(dict.fromkeys(refs[a] for _, a in places))])
    return rows, max(0, len(ranked) - COMPACT_FIGURES)


_CITED = re.compile(r"\[[0-9]+\]")


def _compact(briefing: Briefing, title: str, names: Names | None = None) -> str:
    """The briefing to paste: who is named across the articles, the figures, deals, quotes and disagreements, then
    the sources cited (numbered as in the full briefing)."""
    refs = _numbers(briefing)
    body: list[str] = _new(briefing, refs)
    left: list[str] = []
    for kind, heading in (("person", "People"), ("organization", "Companies and organizations")):
        shown, more = _compact_entities(briefing, kind)
        body += [f"## {heading}", ""] + _table(["Name", "Role", "Mentions", "Articles"],
                                               _entity_rows(briefing, kind, shown, names)) + [""]
        if more:
            left.append(f"{more} more {'people' if kind == 'person' else 'organizations'}")
    quotes = relations.who_said_what(briefing, refs, speakers=COMPACT_SPEAKERS, per_person=COMPACT_QUOTES,
                                     names=names)
    body += ["## Who said what", ""] + (quotes or ["No quotes found."]) + [""]
    deals = sorted(relations.deals(briefing, refs, names), key=lambda row: -len(_CITED.findall(row[-1])))
    body += ["## Deals and stakes", ""]
    body += _table(["From", "Kind", "To", "Amount", "Stake", "Sources"], deals[:COMPACT_DEALS]) if deals else \
        ["No deal found."]
    if len(deals) > COMPACT_DEALS:
        left.append(f"{len(deals) - COMPACT_DEALS} more deals")
    figures, more = _compact_figures(briefing, refs)
    body += ["", "## Figures", ""] + (_table(["Figure", "Value", "About", "Sources"], figures) if figures else
                                      ["No figure found."])
    if more:
        left.append(f"{more} more figures")
    body += ["", "## Across sources", ""] + _across(briefing, shared=False, names=names)
    cited = set(_CITED.findall("\n".join(body)))
    arts = [a for a in briefing.articles if refs[a.id] in cited]
    said = f" ({len(arts)} cited below)" if len(arts) < len(briefing.articles) else ""
    out = _head(briefing, title, said) + body + ["", "## Sources", ""] + _sources(briefing, refs, arts)
    out += _not_loaded(briefing)
    more_said = "; ".join(left + (["every article's summary"] if briefing.articles else []))
    out += ["", f"*A compact briefing: `brief export --full` adds {inline(more_said)}.*"]
    return "\n".join(out).rstrip() + "\n"


def _across(briefing: Briefing, shared: bool = True, names: Names | None = None) -> list[str]:
    refs = _numbers(briefing)
    out: list[str] = []
    deals = relations.deal_differences(briefing)
    figures = relations.figure_disagreements(briefing, deals)  # a deal's amounts are said once, with the deal
    if figures:
        out += ["Figures on one subject, reported differently:", ""]
        for d in figures:
            out.append(f"- {inline(d.about) or 'same subject'}: {_figure_reports(d, refs)}")
        out.append("")
    out += relations.differences(briefing, refs, deals, names)
    out += _contradictions(briefing, refs, names)
    named = [e for e in briefing.entities if len(e.articles) > 1 and e.type in PANEL_LABELS] if shared else []
    if named:  # a compact briefing's People and Companies are these already
        out += ["In more than one article:", ""]
        out += [f"- {(names or inline)(e.name)} ({e.type}): " + " ".join(refs[a] for a in e.articles) for e in named]
    if not out:
        out = ["Nothing links these articles yet."]
    return out


def _contradictions(briefing: Briefing, refs: dict[str, str], names: Names | None = None) -> list[str]:
    """What happened to a person and when an event happened, where the articles' words exclude each other."""
    from brief.pipeline.contradictions import contradictions

    lines = []
    for c in contradictions(briefing):
        name = " → ".join((names or inline)(relations._name(briefing, x)) for x in c.subject.split("|"))
        told = "; ".join(f"{inline(value)} " + " ".join(refs[a] for a in where if a in refs) for value, where in c.told)
        lines.append(f"- {name}, {inline(c.what)}: {told}")
    return ["Told differently:", "", *lines, ""] if lines else []


def _figure_reports(d: Disagreement, refs: dict[str, str]) -> str:
    """'$1.2 billion [1] [3]; $1.5 billion [2]': each value as written once, with every article giving it."""
    told: dict[str, list[str]] = {}
    for f in d.figures:
        told.setdefault(f.text, []).append(refs[f.article])
    return "; ".join(f"{inline(text)} {' '.join(where)}" for text, where in told.items())


def render_json(briefing: Briefing) -> str:
    """The index in its stable JSON form (schema ``brief.index/2``, in ``brief.models.SCHEMA``)."""
    return json.dumps(as_json(briefing), ensure_ascii=False, indent=1)


def as_json(briefing: Briefing) -> dict[str, Any]:
    """The briefing as JSON data: the models' fields, a deal's buyer and target as "from" and "to"."""
    return {"schema": briefing.schema, "articles": [_article(a) for a in briefing.articles],
            "entities": [_plain(e) for e in briefing.entities],
            "disagreements": [_plain(d) for d in briefing.disagreements],
            "skipped": [[one_line(p), one_line(r)] for p, r in briefing.skipped]}  # sanitised as everywhere


def _article(a: Article) -> dict[str, Any]:
    out = {name: _plain(getattr(a, name)) for name in a.__dataclass_fields__ if name not in _NOT_IN_JSON}
    # an affiliation without its organization is a role alone: shown in the panels, not exported
    out["affiliations"] = [_plain(x) for x in a.affiliations if x.organization is not None]
    out["deals"] = [{"kind": d.kind, "from": d.buyer, "to": d.target, "amount": d.amount, "stake": d.stake,
                     "start": d.start, "end": d.end, "rule": d.rule} for d in a.deals]
    return out


_NOT_IN_JSON = frozenset({"content_hash", "affiliations", "deals"})


def _plain(value: Any) -> Any:
    """A model (frozen dataclass), a sequence of them or a plain value, as JSON data."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__ if name[0] != "_"}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def render(briefing: Briefing, fmt: str, full: bool = False, wikilinks: bool = False) -> str:
    return render_json(briefing) if fmt == "json" else render_markdown(briefing, full=full, wikilinks=wikilinks)
