"""Build a Briefing from paths: ingest -> extract (cached) -> resolve -> index.

Per-article work (parsing and extraction) is cached by content hash; the cross-article work
(resolving entities, roles, figures on one subject) is cheap and done on every load.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from brief import paths as brief_paths
from brief.config import load_settings
from brief.models import Article, Briefing, Entity, Figure, FigureRef, Heading, Mention, Occurrence
from brief.pipeline import ingest
from brief.pipeline.corrections import Corrections
from brief.pipeline.extract import EXTRACTOR_VERSION, EntitySpan, extract_entities, extract_figures
from brief.pipeline.resolve import Cluster, RawMention, resolve
from brief.pipeline.roles import roles_for
from brief.pipeline.subjects import FigureSubject, about, disagreements, key_words
from brief.pipeline.text import fold, sentence_at, sentences

Progress = Callable[[int, int, str], None]
FIELDS = ("title", "standfirst", "body")


EntityExtractor = Callable[[Sequence[str]], list[list[EntitySpan]]]


def analyse(text: str, entities: EntityExtractor = extract_entities,
            corrections: Corrections | None = None) -> dict[str, Any]:
    """Everything brief learns from one article on its own (cacheable, JSON-ready)."""
    parsed = ingest.parse(text)
    # A title derived from the first sentence repeats the body, cut short: nothing to find in it.
    texts = ["" if parsed.title_derived else parsed.title, parsed.standfirst, parsed.body]
    spans = entities(texts)
    if corrections:
        spans = corrections.apply(texts, spans)
    return {
        "parsed": asdict(parsed),
        "entities": {f: [[s.start, s.end, s.label] for s in found] for f, found in zip(FIELDS, spans, strict=True)},
        "figures": {f: [list(asdict(x).values()) for x in extract_figures(t)]
                    for f, t in zip(FIELDS, texts, strict=True)},
    }


def load_briefing(
    paths: Sequence[Path] | None = None,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
    extractor: str | None = None,
) -> Briefing:
    """The briefing for the articles under ``paths`` (the bundled seeds when none are given).

    Raises ``ConfigError`` for an unusable config file and ``SpacyUnavailable`` when the spaCy
    extractor is asked for but not installed.
    """
    from brief.pipeline.store import Store

    settings = load_settings()
    corrections = Corrections(settings.entities, settings.ignore)
    version, entities = _extractor(extractor or settings.extractor, settings.spacy_model)
    version = f"{version}+{settings.corrections_key()}" if corrections else version
    files, skipped = ingest.discover(list(paths) if paths else [brief_paths.seeds_dir()])
    loaded: list[tuple[Path, str, dict[str, Any]]] = []
    with Store(brief_paths.cache_dir(cache_dir or settings.cache_dir) if use_cache else None) as store:
        for done, path in enumerate(files, 1):
            try:
                data, text = ingest.read_text(path)
            except (OSError, ValueError) as err:
                reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
                skipped.append((ingest.display_path(path), reason))
                continue
            key = hashlib.sha256(data).hexdigest()
            analysis = store.get(key, version)
            if analysis is None:
                analysis = analyse(text, entities, corrections)
                store.put(key, version, analysis, text)
            loaded.append((path, key, analysis))
            if progress:
                progress(done, len(files), ingest.display_path(path))
        if store.warning:
            skipped.append((str(store.path), store.warning))
    return assemble(loaded, skipped, corrections)


def _extractor(name: str, model: str) -> tuple[str, EntityExtractor]:
    """The entity extractor to use and the version string its cached results are kept under."""
    if name == "spacy":
        from brief.pipeline.extract import spacy_backend

        nlp = spacy_backend.load(model)
        return f"spacy-{model}-{nlp.meta.get('version', '?')}+{EXTRACTOR_VERSION}", (
            lambda texts: spacy_backend.extract_entities(texts, nlp))
    return EXTRACTOR_VERSION, extract_entities


def _article_ids(paths: list[Path]) -> list[str]:
    ids: list[str] = []
    taken: Counter[str] = Counter()
    for p in paths:
        base = re.sub(r"[^a-z0-9]+", "-", p.stem.casefold()).strip("-") or "article"
        taken[base] += 1
        ids.append(base if taken[base] == 1 else f"{base}-{taken[base]}")
    return ids


def _entity_ids(clusters: list[Cluster]) -> list[str]:
    ids, taken = [], Counter[str]()
    for c in clusters:
        base = f"{'per' if c.label == 'person' else 'org'}-" + (
            re.sub(r"[^a-z0-9]+", "-", fold(c.name)).strip("-") or "x")
        taken[base] += 1
        ids.append(base if taken[base] == 1 else f"{base}-{taken[base]}")
    return ids


def assemble(loaded: list[tuple[Path, str, dict[str, Any]]], skipped: list[tuple[str, str]],
             corrections: Corrections | None = None) -> Briefing:
    """Resolve entities across the analysed articles and index everything in a Briefing."""
    declared = corrections.declared_name if corrections else (lambda text: None)
    texts = [{f: a["parsed"][f] for f in FIELDS} for _, _, a in loaded]
    raw: list[list[RawMention]] = []
    for (_, _, a), fields in zip(loaded, texts, strict=True):
        ms = [RawMention(f, s, e, fields[f][s:e], label, declared(fields[f][s:e]) or "")
              for f in FIELDS for s, e, label in a["entities"][f]]
        author = a["parsed"]["author"]
        if author:
            ms.append(RawMention("author", 0, len(author), author, "person"))
        raw.append(ms)
    clusters = resolve(raw)
    ids = _entity_ids(clusters)
    where: dict[tuple[int, str, int], int] = {}
    for ci, c in enumerate(clusters):
        for ai, m in c.mentions:
            where[(ai, m.field, m.start)] = ci

    article_ids = _article_ids([p for p, _, _ in loaded])
    roles: dict[int, Counter[str]] = defaultdict(Counter)
    articles: list[Article] = []
    subjects: list[FigureSubject] = []
    for ai, ((path, key, a), fields) in enumerate(zip(loaded, texts, strict=True)):
        p = a["parsed"]
        mentions: list[Mention] = []
        org_spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for m in raw[ai]:
            if m.label == "organization" and m.field in FIELDS:
                org_spans[m.field].append((m.start, m.end, clusters[where[(ai, m.field, m.start)]].name))
        for m in raw[ai]:
            ci = where[(ai, m.field, m.start)]
            if m.field == "author":
                roles[ci]["author"] += 1
                continue
            mentions.append(Mention(entity=ids[ci], text=m.text, start=m.start, end=m.end, field=m.field))
            if m.label == "person":
                for role in roles_for(fields[m.field], m.start, m.end, org_spans[m.field]):
                    roles[ci][role] += 1
        mentions.sort(key=lambda m: (FIELDS.index(m.field), m.start))
        entity_ids = list(dict.fromkeys([ids[where[(ai, m.field, m.start)]] for m in raw[ai]]))
        splits = {f: sentences(t) for f, t in fields.items()}
        figures = _figures(a, fields, splits)
        for fig in figures:
            sent = sentence_at(fields[fig.field], fig.start, splits[fig.field])
            in_sentence = {m.entity for m in mentions if m.field == fig.field and sent[0] <= m.start < sent[1]}
            ref = FigureRef(article=article_ids[ai], text=fig.text, value=fig.value, value_max=fig.value_max,
                            about=fig.about)
            subjects.append(FigureSubject(article_ids[ai], fig.kind, fig.currency, ref, frozenset(in_sentence),
                                          key_words(fields[fig.field][sent[0]:sent[1]])))
        articles.append(Article(
            id=article_ids[ai], path=ingest.display_path(path), title=p["title"], title_derived=p["title_derived"],
            source=p["source"], author=p["author"], published=p["published"], standfirst=p["standfirst"],
            body=p["body"], headings=[Heading(text=p["body"][s:e], start=s, end=e) for s, e in p["headings"]],
            mentions=mentions, figures=figures, entities=entity_ids, content_hash=key,
        ))

    entities = []
    for ci, c in enumerate(clusters):
        in_articles = sorted({ai for ai, _ in c.mentions})
        names = {re.sub(r"['’]s$", "", f) for f in c.forms}
        entities.append(Entity(
            id=ids[ci], type=c.label, name=c.name,  # type: ignore[arg-type]
            aliases=sorted(n for n in names if n != c.name),
            roles=_distinct(r for r, _ in roles[ci].most_common()),
            articles=[article_ids[ai] for ai in in_articles],
            mention_count=sum(1 for _, m in c.mentions if m.field != "author"),
        ))
    entities.sort(key=lambda e: (-e.mention_count, e.name.casefold()))
    return Briefing(articles=articles, entities=entities, disagreements=disagreements(subjects), skipped=skipped)


def _distinct(roles: Any, limit: int = 3) -> list[str]:
    out: list[str] = []
    for r in roles:
        if not any(fold(r) == fold(o) or fold(r) in fold(o) for o in out):
            out = [o for o in out if fold(o) not in fold(r)] + [r]
        if len(out) >= limit:
            break
    return out


def _figures(a: dict[str, Any], fields: dict[str, str], splits: dict[str, list[tuple[int, int]]]) -> list[Figure]:
    """The article's figures: one per value as written, located at its first place in the body.

    The same value written alike is one figure with several occurrences; a headline's
    shorthand ("$14.3B") joins the body's figure of that value rather than counting twice.
    """
    grouped: dict[tuple[Any, ...], list[tuple[str, list[Any]]]] = {}
    by_value: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for f in ("body", "standfirst", "title"):
        text = fields[f]
        for row in a["figures"][f]:
            start, end, kind, value, value_max, currency, unit, _approximate = row
            value_key = (kind, value, value_max, currency, unit)
            key = (*value_key, fold(text[start:end]))
            if key not in grouped and f == "title" and value_key in by_value:
                key = by_value[value_key]
            grouped.setdefault(key, []).append((f, row))
            by_value.setdefault(value_key, key)
    figures = []
    for (kind, value, value_max, currency, unit, _), places in grouped.items():
        f, (start, end, *_rest) = places[0]
        text = fields[f]
        figures.append(Figure(
            text=text[start:end], start=start, end=end, field=f, kind=kind, value=value,  # type: ignore[arg-type]
            value_max=value_max, currency=currency, unit=unit, approximate=places[0][1][7],
            about=about(text, start, end, sentence_at(text, start, splits[f])),
            occurrences=[Occurrence(text=fields[g][r[0]:r[1]], start=r[0], end=r[1], field=g)  # type: ignore[arg-type]
                         for g, r in places],
        ))
    figures.sort(key=lambda x: (FIELDS.index(x.field), x.start))
    return figures
