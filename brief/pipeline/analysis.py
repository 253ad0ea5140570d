"""What brief learns from one article on its own: structure, entity spans and figures.

``analyse`` is the per-article, cacheable part of the pipeline (it runs in worker processes);
the helpers turn its plain-JSON result into the mentions and figures the index stores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from brief.pipeline import ingest
from brief.pipeline.corrections import Corrections
from brief.pipeline.extract import EntitySpan, extract_entities, extract_figures
from brief.pipeline.index import dedup
from brief.pipeline.resolve import RawMention
from brief.pipeline.roles import Orgs, roles_for
from brief.pipeline.subjects import about, key_words
from brief.pipeline.text import fold, sentence_at, sentences

FIELDS = ("title", "standfirst", "body")
EntityExtractor = Callable[[Sequence[str]], list[list[EntitySpan]]]


def analyse(text: str, entities: EntityExtractor = extract_entities,
            corrections: Corrections | None = None) -> dict[str, Any]:
    """Everything brief learns from one article's saved text on its own (JSON-ready)."""
    return analyse_parsed(ingest.parse(text), entities, corrections)


def analyse_parsed(parsed: ingest.Parsed, entities: EntityExtractor = extract_entities,
                   corrections: Corrections | None = None) -> dict[str, Any]:
    """Everything brief learns from an article whose structure is known (a web page, a feed entry)."""
    # A title derived from the first sentence repeats the body, cut short: nothing to find in it.
    texts = ["" if parsed.title_derived else parsed.title, parsed.standfirst, parsed.body]
    spans = entities(texts)
    if corrections:
        spans = corrections.apply(texts, spans)
    result: dict[str, Any] = {
        "parsed": asdict(parsed),
        "entities": {f: [[s.start, s.end, str(s.label), s.score, s.source] for s in found]
                     for f, found in zip(FIELDS, spans, strict=True)},
        "figures": {f: [[x.start, x.end, x.kind, x.value, x.value_max, x.currency, x.unit, x.approximate]
                        for x in extract_figures(t)] for f, t in zip(FIELDS, texts, strict=True)},
    }
    result["roles"] = _roles(result)
    result["figure_groups"] = [asdict(g) for g in group_figures(result)]
    # too short a text cannot be told apart from another story
    result["sketch"] = dedup.sketch(parsed.body) if len(parsed.body) >= 200 else None
    return result


def _roles(analysis: dict[str, Any]) -> list[tuple[int, str, int | None]]:
    """(person mention, title, organization mention or None), as indexes into ``raw_mentions``."""
    fields = fields_of(analysis)
    mentions = raw_mentions(analysis, lambda text: None)
    orgs: dict[str, list[tuple[int, int, object]]] = {f: [] for f in FIELDS}
    for i, m in enumerate(mentions):
        if m.label == "organization" and m.field in orgs:
            orgs[m.field].append((m.start, m.end, i))
    index = {f: Orgs(spans) for f, spans in orgs.items()}
    out: list[tuple[int, str, int | None]] = []
    for i, m in enumerate(mentions):
        if m.label != "person":
            continue
        if m.field == "author":
            out.append((i, "author", None))
        else:
            out.extend((i, title, org) for title, org in roles_for(fields[m.field], m.start, m.end, index[m.field]))
    return out  # type: ignore[return-value]


def fields_of(analysis: dict[str, Any]) -> dict[str, str]:
    return {f: analysis["parsed"][f] for f in FIELDS}


def raw_mentions(analysis: dict[str, Any], declared: Callable[[str], str | None]) -> list[RawMention]:
    """The article's entity spans as mentions, the byline's author included (field "author")."""
    fields = fields_of(analysis)
    out = [RawMention(f, s, e, fields[f][s:e], label, declared(fields[f][s:e]) or "", score, source)
           for f in FIELDS for s, e, label, score, source in analysis["entities"][f]]
    author = analysis["parsed"]["author"]
    if author:
        out.append(RawMention("author", 0, len(author), author, "person", declared(author) or "", 1.0, "rule:byline"))
    return out


@dataclass
class FigureGroup:
    """One figure of an article: a value as written, with every place it appears."""

    kind: str
    value: float
    value_max: float | None
    currency: str | None
    unit: str | None
    approximate: bool
    field: str
    start: int
    end: int
    text: str
    about: str
    sentence: tuple[int, int]
    occurrences: list[tuple[str, int, int]]
    words: list[str]  # key words of its sentence: with its entities, what says two figures share a subject


def group_figures(analysis: dict[str, Any]) -> list[FigureGroup]:
    """The article's figures: one per value as written, located at its first place in the body.

    The same value written alike is one figure with several occurrences; a headline's
    shorthand ("$14.3B") joins the body's figure of that value rather than counting twice.
    """
    fields = fields_of(analysis)
    grouped: dict[tuple[Any, ...], list[tuple[str, list[Any]]]] = {}
    by_value: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for f in ("body", "standfirst", "title"):
        text = fields[f]
        for row in analysis["figures"][f]:
            start, end, kind, value, value_max, currency, unit, _approximate = row
            value_key = (kind, value, value_max, currency, unit)
            key = (*value_key, fold(text[start:end]))
            if key not in grouped and f == "title" and value_key in by_value:
                key = by_value[value_key]
            grouped.setdefault(key, []).append((f, row))
            by_value.setdefault(value_key, key)
    splits = {f: sentences(fields[f]) for f in {f for f, _ in sum(grouped.values(), [])}}
    out = []
    for (kind, value, value_max, currency, unit, _), places in grouped.items():
        f, (start, end, *_rest) = places[0]
        text = fields[f]
        sentence = sentence_at(text, start, splits[f])
        out.append(FigureGroup(
            kind=kind, value=value, value_max=value_max, currency=currency, unit=unit,
            approximate=bool(places[0][1][7]), field=f, start=start, end=end, text=text[start:end],
            about=about(text, start, end, sentence), sentence=sentence,
            occurrences=[(g, r[0], r[1]) for g, r in places],
            words=sorted(key_words(text[sentence[0]:sentence[1]])),
        ))
    out.sort(key=lambda x: (FIELDS.index(x.field), x.start))
    return out
