"""Export: the briefing as one self-contained HTML page that opens offline in any browser and prints well.

At the top the briefing (the same rows as the Markdown export, read from the same functions), then
every article with its names, figures and quotes highlighted in the reader's colours, then a profile
per person and company as the reader's profile screen shows it (``brief.pipeline.index.profile``). Its pictures
are laid out here at export time: the connections (networkx), the timeline and the figures told differently
(``brief.pipeline.pictures``), drawn by the template as inline SVG.

Article text is data: every string reaches the page through Jinja2 with autoescape, no article text
goes into the style sheet, a link is written only for an http(s) URL, and a Content-Security-Policy
forbids any script, font, frame or image from anywhere (images only as ``data:``). Jinja2 and
networkx are imported here only, so the reader's start-up does not pay for them.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from brief.models import Occurrence
from brief.pipeline import export_relations as relations
from brief.pipeline import pictures
from brief.pipeline.dates import shown_date
from brief.pipeline.export import figure_value, format_value, new_since
from brief.pipeline.text import one_line

if TYPE_CHECKING:
    from brief.models import Article, Briefing, Deal, Entity
    from brief.pipeline.index.profile import Evidence, Item, Profile

TEMPLATES = Path(__file__).with_name("templates")
CSP = "default-src 'none'; style-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'"
"""Nothing is fetched and nothing runs: the page's own style sheet (its hash: no other style applies, not even
an attribute) and inline SVG are all it has."""
PROFILES_SHOWN = 200
"""People and companies given a profile, most mentioned first: each is a few index queries (about 2 ms),
so a 1,000-article corpus with 5,000 names still writes in well under its 3 s."""
LABELS = {"person": "person", "organization": "company", "place": "place", "figure": "figure", "quote": "quote"}
"""A highlight's class and the label the legend, the hover title and the printed page give it."""
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\{}|^]+", re.IGNORECASE)


class ProfileSource(Protocol):
    """What the page reads of the index for the profiles (``Library`` has both)."""

    def profile(self, slug: str) -> Profile | None: ...
    def article_id(self, slug: str) -> int | None: ...


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with a host, else None: no ``javascript:``, ``data:`` or relative link is ever written."""
    url = (url or "").strip()
    if not _URL.fullmatch(url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of an article's text with one look: ``kind`` a highlight class (or None), ``quote`` inside a quote,
    ``anchor`` an id placed where it starts, ``target`` the profile the highlight links to."""

    text: str
    kind: str | None = None
    quote: bool = False
    anchor: str | None = None
    target: str | None = None


@dataclass
class Page:
    """Ids in the page: articles ``a3``, a place in one ``a3-b120`` (field's initial, offset), entities ``e7``."""

    briefing: Briefing
    numbers: dict[str, int] = field(default_factory=dict)  # article id -> its number in Sources
    entity_ids: dict[str, str] = field(default_factory=dict)  # entity id -> html id of its profile
    anchors: dict[str, set[tuple[str, int]]] = field(default_factory=lambda: defaultdict(set))
    by_id: dict[str, Article] = field(default_factory=dict)  # the briefing's articles by id, made once

    def article(self, article_id: str) -> Article | None:
        if not self.by_id:
            self.by_id = {a.id: a for a in self.briefing.articles}
        return self.by_id.get(article_id)

    def at(self, article: str, where: str = "body", start: int | None = None) -> str:
        """The link to an article, or to a place in it (remembered, so the article renders the anchor)."""
        if start is None:
            return f"#a{self.numbers[article]}"
        self.anchors[article].add((where, start))
        return f"#a{self.numbers[article]}-{where[0]}{start}"

    def refs(self, where: Mapping[str, int] | Mapping[str, None]) -> list[tuple[int, str]]:
        """(number, link) of each article in ``where``: to the offset it maps to, else to the article."""
        return [(self.numbers[a], self.at(a, "body", at) if isinstance(at, int) else self.at(a))
                for a, at in where.items() if a in self.numbers]

    def entity(self, entity_id: str | None) -> dict[str, str | None]:
        found = self.briefing.entity(entity_id) if entity_id else None
        return {"name": found.name if found else "", "href": self._profile(entity_id)}

    def _profile(self, entity_id: str | None) -> str | None:
        return f"#{self.entity_ids[entity_id]}" if entity_id in self.entity_ids else None


def render_html(briefing: Briefing, index: ProfileSource | None = None, title: str = "Briefing") -> str:
    """The whole briefing as one HTML document; ``index`` supplies the profiles (none without it)."""
    import jinja2
    import markupsafe

    page = Page(briefing, numbers={a.id: i for i, a in enumerate(briefing.articles, 1)})
    profiled = [e for e in briefing.entities if e.type in ("person", "organization")][:PROFILES_SHOWN]
    page.entity_ids = {e.id: f"e{i}" for i, e in enumerate(profiled, 1)}
    profiles = _profiles(page, profiled, index) if index is not None else []
    context = {
        "title": one_line(title), "today": date.today().isoformat(), "labels": LABELS,
        "new": _new(page),
        "sources": [_source(page, a) for a in briefing.articles],
        "people": _entity_rows(page, "person"), "companies": _entity_rows(page, "organization"),
        "whos_who": [(page.entity(p), role, page.refs(where)) for p, role, where in relations.roles_stated(briefing)],
        "quotes": [(page.entity(e.id), [(text, page.refs({a: start})) for text, a, start in best])
                   for e, best in relations.best_quotes(briefing)],
        "deals": [(page.entity(b), kind, page.entity(t), amount, stake, page.refs(where))
                  for kind, b, t, amount, stake, where in relations.deals_reported(briefing)],
        "figures": [(f.text, figure_value(f), f.about, page.refs({a.id: f.start}) if f.field == "body"
                     else [(page.numbers[a.id], page.at(a.id, f.field, f.start))])
                    for a in briefing.articles for f in a.figures],
        "across": _across(page), "profiles": profiles, "graph": _graph(page),
        "timeline": pictures.timeline(briefing, page.numbers, lambda a: _deal_text(page, a), page.at),
        "skipped": [(one_line(p), one_line(r)) for p, r in briefing.skipped],
    }
    # the articles last: every anchor the rows above link to is known by now
    context["articles"] = [_article(page, a) for a in briefing.articles]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # the style sheet is brief's own (the labels above are its only values): inserted as is, allowed by its hash
    style = env.get_template("briefing.css.j2").render(labels=LABELS)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    context["csp"] = CSP.format(digest)
    return env.get_template("briefing.html.j2").render(style=markupsafe.Markup(style), **context)


def _new(page: Page) -> dict[str, Any] | None:
    """The "New since …" section, as the Markdown briefing has it: the articles added since the corpus was last
    opened, each a link to it in the page."""
    found = new_since(page.briefing)
    if found is None:
        return None
    heading, articles = found
    rows = [(page.numbers[a.id], page.at(a.id), one_line(a.title), one_line(a.source or "")) for a in articles]
    return {"heading": heading, "rows": rows}


def _source(page: Page, a: Article) -> dict[str, Any]:
    dup = page.numbers.get(a.duplicate_of or "")
    return {"number": page.numbers[a.id], "href": page.at(a.id), "title": one_line(a.title),
            "about": [one_line(x) for x in (a.source, a.author and f"by {a.author}",
                                             shown_date(a.published, a.published_text),
                                             a.summary_only and "feed summary only") if x],
            "same_as": dup and (dup, f"#a{dup}"), "url": safe_url(a.url)}


def _entity_rows(page: Page, kind: str) -> list[tuple[dict[str, str | None], str, int, list[tuple[int, str]]]]:
    return [(page.entity(e.id), "; ".join(e.roles), e.mention_count, page.refs(dict.fromkeys(e.articles)))
            for e in page.briefing.entities if e.type == kind]


def _figure_start(page: Page, article: str, text: str) -> dict[str, int] | dict[str, None]:
    """Where an article states a figure written ``text`` (its body only), for the link to it."""
    a = page.article(article)
    f = next((f for f in a.figures if f.text == text and f.field == "body"), None) if a else None
    return {article: f.start} if f else {article: None}


def _across(page: Page) -> dict[str, Any]:
    """The "Across sources" part: figures, deals and roles told differently, contradictions, shared names."""
    from brief.pipeline.contradictions import contradictions

    b = page.briefing
    figures = []
    deal_differences = relations.deal_differences(b)
    for d in relations.figure_disagreements(b, deal_differences):
        told: dict[str, list[tuple[int, str]]] = {}
        values: dict[str, tuple[float, float | None, list[str]]] = {}
        for f in d.figures:
            told.setdefault(f.text, []).extend(page.refs(_figure_start(page, f.article, f.text)))
            values.setdefault(f.text, (f.value, f.value_max, []))[2].append(f.article)
        chart = pictures.figure_chart([_told(page, text, *given) for text, given in values.items()],
                                      functools.partial(format_value, d.kind))
        figures.append((d.about or "same subject", list(told.items()), chart))
    deals = []
    for buyer, target, what, reported in deal_differences:
        kind = "money" if what == "amount" else "percent"
        bars = [_told(page, text, value, None, list(where)) for text, where in reported
                if (value := _deal_value(page, what, text, where)) is not None]
        deals.append((page.entity(buyer), page.entity(target), what,
                      [(text, page.refs(where)) for text, where in reported],
                      pictures.figure_chart(bars, functools.partial(format_value, kind))))
    roles = [(page.entity(person), [(role, page.refs(where)) for role, where in given.items()])
             for person, given in relations.role_differences(b)]
    told_differently = []
    for c in contradictions(b):
        names = [page.entity(x)["name"] or "" for x in c.subject.split("|")]
        told_differently.append((" → ".join(names), c.what,
                                 [(value, page.refs(dict.fromkeys(where))) for value, where in c.told]))
    shared = [(page.entity(e.id), e.type, page.refs(dict.fromkeys(e.articles)))
              for e in b.entities if len(e.articles) > 1 and e.type in ("person", "organization")]
    return {"figures": figures, "deals": deals, "roles": roles, "told": told_differently, "shared": shared}


def _told(page: Page, text: str, value: float, value_max: float | None, articles: Sequence[str]) -> pictures.Told:
    """A value for the chart of figures across sources, with each source giving it and the link to where."""
    sources = []
    for article in dict.fromkeys(articles):
        a = page.article(article)
        if a is not None:
            (number, href), = page.refs(_figure_start(page, article, text))
            sources.append((number, one_line(a.source or a.title)[:SOURCE_NAME], href))
    return pictures.Told(text, value, value_max, sources)


SOURCE_NAME = 24
"""Characters of a source's name (or its article's title) beside a bar."""


def _deal_value(page: Page, what: str, text: str, where: Mapping[str, object]) -> float | None:
    """The number a deal's amount or stake written ``text`` stands for, as the article's deal read it."""
    for a in filter(None, map(page.article, where)):
        for d in a.deals:
            if what == "amount" and d.amount == text and d.amount_value is not None:
                return d.amount_value
            if what == "stake" and d.stake == text and d.stake_value is not None:
                return d.stake_value
    return None


def _deal_said(d: Deal) -> tuple[str, str]:
    """A deal's verb ("acquired") and what it was said to be worth ("$1.2B, 30% stake"; "" for nothing)."""
    worth = (d.amount, d.stake and f"{d.stake} stake")
    return DEAL_VERBS.get(d.kind, d.kind), ", ".join(one_line(x) for x in worth if x)


def _deal_text(page: Page, a: Article) -> list[str]:
    """Each deal of an article as the timeline's hover text names it: "Quorvex acquired Velmora, $1.2B"."""
    out = []
    for d in a.deals:
        buyer, target = page.entity(d.buyer)["name"], page.entity(d.target)["name"]
        verb, said = _deal_said(d)
        named = " ".join(x for x in (buyer, verb, target) if x)
        out.append(f"{named}, {said}" if said else named)
    return out


# --- profiles ------------------------------------------------------------------------------------


def _profiles(page: Page, entities: Sequence[Entity], index: ProfileSource) -> list[dict[str, Any]]:
    """Each entity's profile from the index, its evidence turned into links into the page's articles."""
    slugs: dict[int, str] = {}
    for a in page.briefing.articles:
        found = index.article_id(a.id)
        if found is not None:
            slugs[found] = a.id
    out = []
    for e in entities:
        p = index.profile(e.id)
        if p is None:
            continue

        def rows(items: Sequence[Item]) -> list[dict[str, Any]]:
            return [_item(page, slugs, item) for item in items]

        out.append({"id": page.entity_ids[e.id], "name": p.name, "type": LABELS.get(p.type, p.type),
                    "aliases": p.aliases, "mentions": p.mentions, "articles_count": p.article_count,
                    "sections": [(title, rows(items)) for title, items in (
                        ("Roles", p.roles), ("Quotes", p.quotes), ("Deals", p.deals), ("Figures", p.figures),
                        ("Articles", p.articles), ("Named with", p.related)) if items]})
    return out


def _item(page: Page, slugs: Mapping[int, str], item: Item) -> dict[str, Any]:
    evidence: Evidence | None = item.evidence
    article = slugs.get(evidence.article_id) if evidence is not None else None
    href = page.at(article, evidence.field, evidence.start) if article and evidence is not None else None
    number = page.numbers.get(article or "")
    other = page.entity(item.entity)["href"] if item.entity else None
    return {"text": item.text, "note": item.note, "detail": item.detail, "href": href, "number": number,
            "profile": other, "source": item.article_title, "date": shown_date(item.published, None)}


# --- articles ------------------------------------------------------------------------------------


def _article(page: Page, a: Article) -> dict[str, Any]:
    n = page.numbers[a.id]
    fields = [(f, _pieces(page, a, f)) for f in ("standfirst", "body") if a.field_text(f)]
    return {"number": n, "id": f"a{n}", "title": _pieces(page, a, "title"), "fields": fields,
            "about": _source(page, a)["about"], "url": safe_url(a.url)}


def _pieces(page: Page, a: Article, where: str) -> list[Piece]:
    """The field's text cut where a highlight, a quote or an anchor starts or ends."""
    text = a.field_text(where)  # type: ignore[arg-type]
    spans: list[tuple[int, int, str, str | None]] = []  # start, end, kind, profile link
    for m in a.mentions:
        entity = page.briefing.entity(m.entity)
        if m.field == where and entity is not None and entity.type in LABELS:
            spans.append((m.start, m.end, entity.type, page.entity(m.entity)["href"]))
    for f in a.figures:
        for o in f.occurrences or [Occurrence(f.text, f.start, f.end, f.field)]:
            if o.field == where:
                spans.append((o.start, o.end, "figure", None))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str, str | None]] = []
    for s in spans:  # one highlight at a time: the first, longest, wins an overlap
        if (not kept or s[0] >= kept[-1][1]) and 0 <= s[0] < s[1] <= len(text):
            kept.append(s)
    quotes = [(q.start, q.end) for q in a.quotes if q.start < q.end] if where == "body" else []
    anchors = {start for f, start in page.anchors.get(a.id, ()) if f == where and 0 <= start <= len(text)}
    cuts = sorted({0, len(text), *anchors, *(x for s in kept for x in s[:2]), *(x for q in quotes for x in q)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        span = _covering(kept, start)
        out.append(Piece(text[start:end], span and span[2], any(q0 <= start < q1 for q0, q1 in quotes),
                         f"a{page.numbers[a.id]}-{where[0]}{start}" if start in anchors else None,
                         span and span[3]))
    return _merged(out)


def _covering(spans: list[tuple[int, int, str, str | None]], at: int) -> tuple[int, int, str, str | None] | None:
    import bisect

    i = bisect.bisect_right(spans, (at, float("inf"))) - 1  # type: ignore[arg-type]
    return spans[i] if i >= 0 and spans[i][0] <= at < spans[i][1] else None


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring runs with the same look in one piece (a cut only for an anchor need not show)."""
    out: list[Piece] = []
    for p in pieces:
        if out and p.anchor is None and p.kind is None and out[-1].kind is None and out[-1].quote == p.quote:
            out[-1] = Piece(out[-1].text + p.text, None, p.quote, out[-1].anchor)
        elif p.text or p.anchor:
            out.append(p)
    return out


# --- the connections picture ---------------------------------------------------------------------

GRAPH_NODES = 40
"""Names in the picture, most connected first: more and the labels crowd out the lines."""
DEAL_VERBS = {"acquisition": "acquired", "investment": "invested in", "funding": "funded", "stake": "stake in",
              "merger": "merged with", "partnership": "partner of"}
"""A deal's edge label: "acquired, $1.2B"; a kind not listed is shown as written."""


def _edges(page: Page) -> Iterator[tuple[str, str, str]]:
    """(person, organization, "CEO of") for each affiliation and (buyer, target, "acquired, $1.2B") for each deal."""
    for a in page.briefing.articles:
        for x in a.affiliations:
            if x.organization:
                yield x.person, x.organization, f"{one_line(x.role)} of" if x.role else "at"
        for d in a.deals:
            if d.buyer and d.target:
                verb, said = _deal_said(d)
                yield d.buyer, d.target, f"{verb}, {said}" if said else verb


def _graph(page: Page) -> dict[str, Any] | None:
    """People and companies as nodes, affiliations and deals as labelled edges, laid out now for an inline SVG.

    Each group of connected names is laid out by networkx's spring layout (fixed seed: the same briefing
    draws the same picture) in a square whose side grows with the group, the squares packed in rows,
    biggest first, so small groups do not crowd the big one into the middle.
    """
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a, b, label in _edges(page):
        if a != b and page.briefing.entity(a) and page.briefing.entity(b) and label not in labels[(a, b)]:
            labels[(a, b)].append(label)
    if not labels:
        return None
    import networkx as nx

    whole = nx.Graph()
    whole.add_edges_from(labels)
    keep = sorted(whole.degree, key=lambda nd: (-nd[1], nd[0]))[:GRAPH_NODES]
    g = whole.subgraph(n for n, _d in keep)
    groups = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    width, cell = 960.0, 140.0  # a group of n names gets a square of cell * n ** 0.6
    pos: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0  # the shelf being filled: where the next column starts, its top, its height
    column = (0.0, 0.0, 0.0)  # the last column on it: its left, width and how far down it is filled
    for group in groups:
        side = cell * len(group) ** 0.6
        if side <= column[1] and column[2] + side <= row:  # under the one before, in its column
            left, top = column[0], y + column[2]
            column = (column[0], column[1], column[2] + side)
        else:
            if x + side > width and x > 0:
                x, y, row = 0.0, y + row, 0.0
            left, top = x, y
            column = (x, side, side)
            x, row = x + side, max(row, side)
        size = len(group)  # k: the spring's rest length, longer than networkx's 1/sqrt(n) so a hub's ties spread out
        laid = nx.spring_layout(g.subgraph(group), seed=7, k=3 / size ** 0.5, iterations=200) if size > 1 else \
            {group[0]: (0.0, 0.0)}
        for name, (px, py) in laid.items():  # [-1, 1] into the square, a margin for the labels
            pos[name] = (round(left + side * (0.5 + 0.35 * float(px)), 1),
                         round(top + side * (0.5 + 0.35 * float(py)), 1))
    nodes = []
    for n, (nx_, ny) in sorted(pos.items()):
        e = page.briefing.entity(n)
        nodes.append({"x": nx_, "y": ny, "name": e.name if e else n, "kind": e.type if e else "organization",
                      "href": page.entity(n)["href"]})
    edges = []
    for (a, b), said in labels.items():
        if a in pos and b in pos:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            edges.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "label": "; ".join(said),
                          "lx": round((x1 + x2) / 2, 1), "ly": round((y1 + y2) / 2 - 3, 1)})
    return {"width": int(width) + 120, "height": int(y + row) + 10, "nodes": nodes, "edges": edges}


def render_for(path: Path, briefing: Briefing, index: object = None) -> str:
    """The briefing as the file's name asks: HTML for ``.html``/``.htm`` (with the profiles when ``index``
    has them), else Markdown. The reader's export (``e``) writes through this."""
    if path.suffix.lower() not in (".html", ".htm"):
        from brief.pipeline.export import render_markdown

        return render_markdown(briefing)
    source = index if hasattr(index, "profile") and hasattr(index, "article_id") else None
    return render_html(briefing, source)  # type: ignore[arg-type]


__all__ = ["CSP", "render_for", "render_html", "safe_url"]
