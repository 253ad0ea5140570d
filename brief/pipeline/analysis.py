"""What brief learns from one article on its own: structure, entity spans, figures and relations.

``analyse`` is the per-article, cacheable part of the pipeline (it runs in worker processes);
its result, an ``Analysis``, is plain typed data that pickles on its way to the index writer,
which resolves the entities and stores it all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from brief.models import Figure, Occurrence
from brief.pipeline import ingest
from brief.pipeline.corrections import Corrections
from brief.pipeline.extract import EntitySpan, extract_entities, extract_figures
from brief.pipeline.extract.rules import source
from brief.pipeline.extract.spans import FigureSpan
from brief.pipeline.index import dedup
from brief.pipeline.relations import Relations, extract_relations
from brief.pipeline.resolve import RawMention
from brief.pipeline.subjects import about, key_words
from brief.pipeline.text import fold, one_line, sentence_at, sentences

FIELDS = ("title", "standfirst", "body")
BYLINE = source("byline")  # what types the author of a byline a person
EntityExtractor = Callable[[Sequence[str]], list[list[EntitySpan]]]


@dataclass(slots=True)
class FoundFigure:
    """A figure of the article, with what says which subject it reports on (its sentence's key words)."""

    figure: Figure
    sentence: tuple[int, int]
    words: list[str]


@dataclass(slots=True)
class Analysis:
    """One article analysed: its structure, the spans found in each field, its figures and relations.

    ``entities`` and ``spans`` hold one list per field of ``FIELDS``; ``relations`` indexes the
    body's entity and figure spans (``entities[2]``, ``spans[2]``), as ``extract_relations`` gives them.
    """

    parsed: ingest.Parsed
    entities: list[list[EntitySpan]]
    spans: list[list[FigureSpan]]
    figures: list[FoundFigure]
    relations: Relations
    sketch: bytes | None = None

    def text(self, field_name: str) -> str:
        return getattr(self.parsed, field_name)  # type: ignore[no-any-return]


def analyse(text: str, entities: EntityExtractor = extract_entities,
            corrections: Corrections | None = None) -> Analysis:
    """Everything brief learns from one article's saved text on its own."""
    return analyse_parsed(ingest.parse(text), entities, corrections)


def analyse_parsed(parsed: ingest.Parsed, entities: EntityExtractor = extract_entities,
                   corrections: Corrections | None = None) -> Analysis:
    """Everything brief learns from an article whose structure is known (a web page, a feed entry)."""
    # A title derived from the first sentence repeats the body, cut short: nothing to find in it.
    texts = ["" if parsed.title_derived else parsed.title, parsed.standfirst, parsed.body]
    found = entities(texts)
    if corrections:
        found = corrections.apply(texts, found)
    spans = [extract_figures(t) for t in texts]
    result = Analysis(parsed, [list(f) for f in found], spans, [], Relations(),
                      # too short a text cannot be told apart from another story
                      dedup.sketch(parsed.body) if len(parsed.body) >= 200 else None)
    result.figures = group_figures(result)
    result.relations = extract_relations(parsed.body, result.entities[2], spans[2], texts[0], result.entities[0])
    return result


def failure(err: BaseException) -> str:
    """Why one document could not be analysed, as its one-line skip reason: one bad document is
    skipped (and read again on the next update), the rest of the run goes on."""
    detail = one_line(str(err))[:300]
    return f"could not be analysed ({type(err).__name__}{': ' + detail if detail else ''})"


def raw_mentions(analysis: Analysis, declared: Callable[[str], str | None]) -> list[RawMention]:
    """The article's entity spans as mentions, the byline's author included (field "author")."""
    out: list[RawMention] = []
    for f, found in zip(FIELDS, analysis.entities, strict=True):
        text = analysis.text(f)
        out.extend(RawMention(f, s.start, s.end, text[s.start:s.end], s.label, declared(text[s.start:s.end]) or "",
                              s.score, s.source) for s in found)
    author = analysis.parsed.author
    if author:
        out.append(RawMention("author", 0, len(author), author, "person", declared(author) or "", 1.0, BYLINE))
    return out


def group_figures(analysis: Analysis) -> list[FoundFigure]:
    """The article's figures: one per value as written, located at its first place in the body.

    The same value written alike is one figure with several occurrences; a headline's
    shorthand ("$12.7B") joins the body's figure of that value rather than counting twice.
    """
    grouped: dict[tuple[Any, ...], list[tuple[str, FigureSpan]]] = {}
    by_value: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for f in ("body", "standfirst", "title"):
        text = analysis.text(f)
        for span in analysis.spans[FIELDS.index(f)]:
            value_key = (span.kind, span.value, span.value_max, span.currency, span.unit)
            key = (*value_key, fold(text[span.start:span.end]))
            if key not in grouped and f == "title" and value_key in by_value:
                key = by_value[value_key]
            grouped.setdefault(key, []).append((f, span))
            by_value.setdefault(value_key, key)
    splits = {f: sentences(analysis.text(f)) for f in {f for places in grouped.values() for f, _ in places}}
    out = []
    for places in grouped.values():
        f, first = places[0]
        text = analysis.text(f)
        sentence = sentence_at(text, first.start, splits[f])
        figure = Figure(
            text=text[first.start:first.end], start=first.start, end=first.end, field=f,  # type: ignore[arg-type]
            kind=first.kind, value=first.value, value_max=first.value_max,  # type: ignore[arg-type]
            currency=first.currency, unit=first.unit, approximate=bool(first.approximate),
            about=about(text, first.start, first.end, sentence),
            occurrences=tuple(Occurrence(analysis.text(g)[s.start:s.end], s.start, s.end, g)  # type: ignore[arg-type]
                              for g, s in places),
        )
        out.append(FoundFigure(figure, sentence, sorted(key_words(text[sentence[0]:sentence[1]]))))
    out.sort(key=lambda x: (FIELDS.index(x.figure.field), x.figure.start))
    return out
