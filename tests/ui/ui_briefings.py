"""Hand-built, deterministic briefings for the UI tests (invented articles).

Mentions and figures are found by searching the text, so offsets always match the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from brief.models import Article, Briefing, Entity, Figure, Heading, Mention, Occurrence

PEOPLE = {
    "ada-okafor": ("Ada Okafor", "chief executive of Quillfeather"),
    "lena-marsh": ("Lena Marsh", "finance chief at Northwind"),
    "tom-reyes": ("Tom Reyes", ""),
}
COMPANIES = {
    "northwind": ("Northwind Motors", "Northwind"),
    "quillfeather": ("Quillfeather Robotics", "Quillfeather"),
    "harbor-bank": ("Harbor Bank", None),
}


@dataclass
class Spec:
    id: str
    title: str
    body: str
    source: str | None = None
    published: str | None = None
    author: str | None = None
    standfirst: str = ""
    entities: list[str] = field(default_factory=list)
    figures: list[tuple[str, str, float, str, str | None]] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)


def _find_all(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + len(needle))
    return found


def _names(entity_id: str) -> list[str]:
    if entity_id in PEOPLE:
        return [PEOPLE[entity_id][0]]
    name, alias = COMPANIES[entity_id]
    return [name, alias] if alias else [name]


def build_article(spec: Spec) -> Article:
    fields = {"title": spec.title, "standfirst": spec.standfirst, "body": spec.body}
    mentions: list[Mention] = []
    for entity_id in spec.entities:
        taken: list[tuple[str, int, int]] = []
        for name in _names(entity_id):  # the full name first, then the alias where it is not part of it
            for field_name, text in fields.items():
                for start in _find_all(text, name):
                    if any(f == field_name and s <= start < e for f, s, e in taken):
                        continue
                    taken.append((field_name, start, start + len(name)))
                    mentions.append(Mention(entity=entity_id, text=name, start=start, end=start + len(name),
                                            field=field_name))  # type: ignore[arg-type]
    mentions.sort(key=lambda m: (["title", "standfirst", "body"].index(m.field), m.start))
    figures = []
    for text, kind, value, about, currency in spec.figures:
        occurrences = [
            Occurrence(text=text, start=start, end=start + len(text), field=field_name)  # type: ignore[arg-type]
            for field_name in ("body", "title", "standfirst")
            for start in _find_all(fields[field_name], text)
        ]
        first = occurrences[0]
        figures.append(Figure(
            text=text, start=first.start, end=first.end, field=first.field, kind=kind,  # type: ignore[arg-type]
            value=value, currency=currency, unit="percent" if kind == "percent" else None, about=about,
            occurrences=occurrences,
        ))
    headings = [Heading(text=h, start=s, end=s + len(h)) for h in spec.headings for s in _find_all(spec.body, h)[:1]]
    return Article(
        id=spec.id, path=f"/articles/{spec.id}.txt", title=spec.title, source=spec.source,
        published=spec.published, author=spec.author, standfirst=spec.standfirst, body=spec.body,
        headings=headings, mentions=mentions, figures=figures,
        entities=sorted({m.entity for m in mentions}),
    )


def build_briefing(specs: list[Spec]) -> Briefing:
    articles = [build_article(spec) for spec in specs]
    counts: dict[str, int] = defaultdict(int)
    where: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for mention in article.mentions:
            counts[mention.entity] += 1
            if article.id not in where[mention.entity]:
                where[mention.entity].append(article.id)
    entities = []
    for entity_id in sorted(counts):
        if entity_id in PEOPLE:
            name, role = PEOPLE[entity_id]
            entities.append(Entity(id=entity_id, type="person", name=name, roles=[role] if role else [],
                                   articles=where[entity_id], mention_count=counts[entity_id]))
        else:
            name, alias = COMPANIES[entity_id]
            entities.append(Entity(id=entity_id, type="organization", name=name, aliases=[alias] if alias else [],
                                   articles=where[entity_id], mention_count=counts[entity_id]))
    return Briefing(articles=articles, entities=entities)


LONG_BODY = "\n\n".join(
    [
        "Northwind Motors agreed to buy Quillfeather Robotics for $2.4 billion on Monday, the largest deal "
        "in the company's history. Ada Okafor, who founded Quillfeather in 2014, will stay on to run it.",
        "The Road To The Deal",
        *[
            f"Paragraph {n} of background. Analysts had expected a smaller price for years, and the talks "
            f"stalled twice before the summer. Nothing in this paragraph names anyone at all, so the reader "
            f"has to scroll past it to reach the next mention."
            for n in range(1, 9)
        ],
        "Lena Marsh said the price was fair and that Northwind would pay in cash. Harbor Bank advised "
        "Northwind on the deal.",
        "What Comes Next",
        *[
            f"Closing paragraph {n}. Regulators will look at the deal in the new year; the review usually "
            f"takes months, and no one expects a quick answer."
            for n in range(1, 6)
        ],
        "Quillfeather's 1,200 employees will keep their jobs, Ada Okafor said. Shares of Northwind rose 18%.",
    ]
)

SPECS = [
    Spec(
        id="a1",
        title="Northwind Motors to buy Quillfeather Robotics for $2.4 billion",
        standfirst="The carmaker bets on warehouse robots.",
        source="The Daily Ledger",
        published="2024-03-05",
        author="Mina Patel",
        body=LONG_BODY,
        entities=["ada-okafor", "lena-marsh", "northwind", "quillfeather", "harbor-bank"],
        figures=[
            ("$2.4 billion", "money", 2.4e9, "Northwind purchase of Quillfeather", "USD"),
            ("1,200", "count", 1200, "Quillfeather employees", None),
            ("18%", "percent", 18, "rise in Northwind shares", None),
        ],
        headings=["The Road To The Deal", "What Comes Next"],
    ),
    Spec(
        id="a2",
        title="Why Quillfeather said yes",
        source="Robot Weekly",
        published="2024-03-04",
        body="Ada Okafor had turned down two offers before. Tom Reyes, an analyst, said Quillfeather "
        "needed cash: it burned 40% of its reserves last year.",
        entities=["ada-okafor", "tom-reyes", "quillfeather"],
        figures=[("40%", "percent", 40, "share of Quillfeather reserves burned", None)],
    ),
    Spec(
        id="a3",
        title="Harbor Bank's quiet year",
        source="Money Desk",
        body="Harbor Bank advised on four deals this year. Tom Reyes called it a quiet year for the bank.",
        entities=["harbor-bank", "tom-reyes"],
    ),
]

MARKUP_SPEC = Spec(
    id="m1",
    title="Why [bold]markup[/bold] and [/ break [red]things[/]",
    source="[link=https://example.com]Evil[/link] Source",
    published="2024-03-06",
    body="A body with [b]not bold[/b], a stray [/ and [@click=app.quit]a link[/] inside. "
    "Ada Okafor was not amused by [italic]any of it[/italic].",
    entities=["ada-okafor"],
)


def sample_briefing() -> Briefing:
    return build_briefing(SPECS)


def markup_briefing() -> Briefing:
    return build_briefing([MARKUP_SPEC, *SPECS[1:]])
