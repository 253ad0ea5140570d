"""A briefing held in memory behind the ``Source`` methods (the tests' hand-built briefings).

The same few methods as the index, in plain Python, with the index's order: newest first
(undated last), one row per story, entities most mentioned first; the query language is read
by the index's own parser, so errors and highlights match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from brief.ui.source import Progress, words_pattern

if TYPE_CHECKING:
    from brief.models import Article, Briefing
    from brief.pipeline.index.query import Query
    from brief.pipeline.index.reader import ArticleRow, EntityRow, FigureRow

_TERM = re.compile(
    r'\s*(?P<neg>-)?(?:(?P<key>[a-z]+):(?:"(?P<qval>[^"]*)"|(?P<val>[^\s"]+))'
    r'|(?P<kind>money|percent|count)\s*(?P<op>>=|<=|!=|=|>|<)\s*(?P<num>[^\s]+)'
    r'|"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))',
    re.IGNORECASE,
)
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _has_figure(kind: str, op: Callable[[float, float], bool], limit: float, article: Article) -> bool:
    return any(f.kind == kind and op(f.value, limit) for f in article.figures)


def _has_words(pattern: re.Pattern[str], article: Article) -> bool:
    return bool(pattern.search(article.title) or pattern.search(article.body))


@dataclass
class _Test:
    negate: bool
    check: Callable[[Article], bool]


@dataclass
class _Plan:
    tests: list[_Test] = field(default_factory=list)

    def __call__(self, article: Article) -> bool:
        return all(test.check(article) != test.negate for test in self.tests)


class MemorySource:
    """A ``Briefing`` behind the ``Source`` methods; ids are positions in ``briefing.articles`` plus one."""

    def __init__(self, briefing: Briefing) -> None:
        self._briefing = briefing
        self.skipped = list(briefing.skipped)
        self._articles = list(briefing.articles)
        self._ids = {a.id: i + 1 for i, a in enumerate(self._articles)}
        self._types = {e.id: e.type for e in briefing.entities}
        self._copies: dict[str, list[int]] = {}
        for i, article in enumerate(self._articles, 1):
            if article.duplicate_of:
                self._copies.setdefault(article.duplicate_of, []).append(i)
        stories = [i for i, a in enumerate(self._articles, 1) if not a.duplicate_of]
        stories.sort(key=lambda i: self._articles[i - 1].published or "", reverse=True)
        stories.sort(key=lambda i: self._articles[i - 1].published is None)  # stable: undated last
        self._order = stories
        self._plans: dict[str, _Plan] = {}

    # -- the index's methods ----------------------------------------------------------------

    def update(self, progress: Progress | None = None, workers: int | None = None, refresh: bool = False) -> Any:
        return None

    def briefing(self) -> Briefing:
        return self._briefing

    def why(self, slug: str, at: tuple[int, str, int] | None = None) -> None:
        """A briefing in memory keeps no tags' confidences and has no corrections file: nothing to say."""
        return None

    def correct(self, fix: Any) -> None:
        raise OSError("a briefing held in memory cannot be corrected")

    def entity_names_like(self, prefix: str, limit: int = 8) -> list[str]:
        return []

    def query(self, text: str) -> Query:
        from brief.pipeline.index.query import parse

        query = parse(text)  # the real parser: the same errors and highlights as the index
        self._plans[text] = self._plan(text)
        return query

    def count(self, query: Query | None = None) -> int:
        return len(self._matching(query))

    def rows(self, query: Query | None = None, offset: int = 0, limit: int = 100) -> list[ArticleRow]:
        return [self._row(i) for i in self._matching(query)[offset:offset + limit]]

    def article(self, article_id: int) -> Article | None:
        return self._articles[article_id - 1] if 0 < article_id <= len(self._articles) else None

    def copies(self, article_id: int) -> list[ArticleRow]:
        article = self.article(article_id)
        if article is None:
            return []
        root = self._ids.get(article.duplicate_of or "", article_id)
        story = [root, *self._copies.get(self._articles[root - 1].id, [])]
        return [self._row(i, copies=0) for i in sorted(story) if i != article_id]

    def article_id(self, slug: str) -> int | None:
        return self._ids.get(slug)

    def entity_count(self, kind: str) -> int:
        return sum(e.type == kind for e in self._briefing.entities)

    def entity_rows(self, kind: str, offset: int = 0, limit: int = 100) -> list[EntityRow]:
        from brief.pipeline.index.reader import EntityRow

        ranked = sorted((e for e in self._briefing.entities if e.type == kind),
                        key=lambda e: (-e.mention_count, e.name.casefold()))
        return [EntityRow(i, e.id, e.type, e.name, e.roles[0] if e.roles else "", e.mention_count, len(e.articles))
                for i, e in enumerate(ranked[offset:offset + limit], offset + 1)]

    def figure_count(self) -> int:
        return sum(len(a.figures) for a in self._articles)

    def figure_rows(self, offset: int = 0, limit: int = 100) -> list[FigureRow]:
        from brief.pipeline.index.reader import FigureRow

        found: list[FigureRow] = []
        number = 0
        for article_id, article in enumerate(self._articles, 1):
            for figure in article.figures:
                number += 1
                if number > offset and len(found) < limit:
                    found.append(FigureRow(number, article_id, article.title, figure))
        return found

    def entity_names(self, slugs: Iterable[str]) -> dict[str, tuple[str, str]]:
        return {s: (self._types[s], e.name) for s in slugs if (e := self._briefing.entity(s)) is not None}

    # -- plain-Python search: the query language over the articles in memory -------------------

    def _matching(self, query: Query | None) -> list[int]:
        if query is None or query.empty:
            return self._order
        plan = self._plans.get(query.text) or self._plan(query.text)
        return [i for i in self._order if plan(self._articles[i - 1])]

    def _plan(self, text: str) -> _Plan:
        from brief.pipeline.index.query import FIELDS, number

        plan = _Plan()
        for m in _TERM.finditer(text):
            negate = bool(m.group("neg"))
            if m.group("key"):
                value = (m.group("qval") if m.group("qval") is not None else m.group("val")).strip().casefold()
                what = FIELDS.get(m.group("key").lower(), "")
                plan.tests.append(_Test(negate, self._field_test(what, value)))
            elif m.group("kind"):
                kind, op, limit = m.group("kind").lower(), _OPS[m.group("op")], number(m.group("num"))
                plan.tests.append(_Test(negate, partial(_has_figure, kind, op, limit)))
            else:
                pattern = words_pattern(m.group("phrase") if m.group("phrase") is not None else m.group("word"))
                if pattern is not None:
                    plan.tests.append(_Test(negate, partial(_has_words, pattern)))
        return plan

    def _field_test(self, what: str, value: str) -> Callable[[Article], bool]:
        if what == "source":
            return lambda a: value in f"{a.source or ''} {a.path}".casefold()
        if what == "author":
            return lambda a: value in (a.author or "").casefold()
        if what == "entity":
            return lambda a: value in a.entities
        named = {e.id for e in self._briefing.entities
                 if e.type == what and any(value in n.casefold() for n in (e.name, *e.aliases))}
        return lambda a: any(m.entity in named for m in a.mentions)

    def _row(self, i: int, copies: int | None = None) -> ArticleRow:
        from brief.pipeline.index.reader import ArticleRow

        a = self._articles[i - 1]
        kinds = [self._types.get(e) for e in a.entities]
        return ArticleRow(i, a.id, a.title, a.source, a.published, kinds.count("person"),
                          kinds.count("organization"), len(a.figures),
                          len(self._copies.get(a.id, [])) if copies is None else copies)
