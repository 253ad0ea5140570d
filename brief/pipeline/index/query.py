"""The search language: what a user types after ``/`` or in ``brief search``.

    harbour deal                articles with both words (full text)
    "data labeling"             the phrase
    person:Park                 articles that mention a person whose name contains "Park"
    org:"Harbor Bank"           ... an organization (also company:)
    source:harbourwire          publisher or path contains it; author:roe likewise
    money>1e9  money>=2bn       a money figure above a value ($, k/m/bn/b/t suffixes allowed)
    percent>10  count>1000      likewise for percentages and counts
    said:Park                   articles quoting someone whose name contains "Park"
    quote:"moving target"       articles with a quote that contains the words
    deal:acquisition            articles reporting a deal of that kind: investment, acquisition,
                                stake, funding, merger or partnership
    with:"Harbor Bank"          articles where a deal or an affiliation involves it
    entity:per-nina-park        articles that mention that one entity (its id, as the panels choose it)
    new:yes                     articles added since the corpus was last opened in the reader
    unread:yes                  articles not opened in the reader yet (new:no, unread:no: the others)
    -word  -person:Park         leave out what matches

Terms combine with AND. ``parse`` turns the text into SQL over the index, or raises
``QueryError`` with a message that says what is wrong and how to write it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import get_args

from brief.models import DealKind

FIELDS = {"person": "person", "people": "person", "org": "organization", "company": "organization",
          "organization": "organization", "source": "source", "author": "author", "said": "said", "quote": "quote",
          "deal": "deal", "with": "with", "entity": "entity", "id": "entity",
          "new": "new", "unread": "unread"}
DEAL_KINDS: tuple[str, ...] = get_args(DealKind)
KINDS = ("money", "percent", "count")
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}
_TOKEN = re.compile(
    r'\s*(?P<neg>-)?(?:(?P<key>[a-z]+):(?:"(?P<qval>[^"]*)"|(?P<val>[^\s"]+))'
    r'|(?P<kind>money|percent|count)\s*(?P<op>>=|<=|!=|=|>|<)\s*(?P<num>[^\s<>=!][^\s]*)'
    r'|"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))',
    re.IGNORECASE,
)
MAX_TERMS = 100
"""At most this many words and filters in one query: SQLite refuses an expression 1,000 deep, and a
person's query is a handful of terms."""
MAX_TERM_CHARS = 1000
"""At most this long a word, phrase or filter value (SQLite refuses a LIKE pattern of 50,000 bytes)."""
_BARE_COMPARISON = re.compile(r"(money|percent|count)\s*(>=|<=|!=|=|>|<)", re.IGNORECASE)
HELP = ("try words, \"a phrase\", person:NAME, org:NAME, source:SITE, author:NAME, money>1e9, percent>10, "
        "said:NAME, quote:WORDS, deal:KIND, with:NAME, new:yes, unread:yes")


NEW_SINCE = ("SELECT coalesce(max(CASE key WHEN 'since' THEN CAST(value AS REAL) END),"
             " max(CASE key WHEN 'opened_at' THEN CAST(value AS REAL) END)) FROM meta")
"""When the reader opened the corpus the time before this one (else this time, its first): "new" is after."""
NEW = f"a.id IN (SELECT x.id FROM reading r CROSS JOIN articles x ON x.hash = r.hash WHERE r.added_at > ({NEW_SINCE}))"
"""SQL on ``articles a``: added since the corpus was last opened (``new:yes``). By id, as every other term: on
PostgreSQL a search on ids reads the narrow ``article_words``, not the articles (``reader._matching``)."""
UNREAD = "a.id NOT IN (SELECT x.id FROM reading r CROSS JOIN articles x ON x.hash = r.hash WHERE r.read_at IS NOT NULL)"
"""SQL on ``articles a``: never opened in the reader (``unread:yes``), by id as ``NEW``."""


class QueryError(ValueError):
    """A query brief cannot read; the message says why."""


WORDS = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
"""The condition of a search's words (``reader`` finds it to match them with the words left out at once)."""
NOT_WORDS = "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


@dataclass
class Query:
    """A parsed query: SQL conditions on the ``articles a`` table, their parameters, the words to highlight."""

    text: str
    where: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.where

    def sql(self) -> tuple[str, list[object]]:
        return (" AND ".join(self.where) or "1"), list(self.params)


def number(text: str) -> float:
    """'1e9', '2bn', '$1.5B', '10%', '3,000' -> a float."""
    m = re.fullmatch(r"[$€£¥]?\s*([0-9][0-9,]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([a-z]*)%?", text.strip(), re.I)
    if not m or (m.group(2) and m.group(2).lower() not in _SCALE):
        raise QueryError(f"{text!r} is not a number (write e.g. 1e9, 2bn, 1.5m, 10)")
    value = float(m.group(1).replace(",", "")) * _SCALE.get(m.group(2).lower(), 1.0)
    if not math.isfinite(value):
        raise QueryError(f"{text!r} is too large a number (write e.g. 1e12)")
    return value


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse(text: str) -> Query:
    q = Query(text)
    if text.count('"') % 2:
        raise QueryError('a quote is not closed: write "like this"')
    pos = 0
    words: list[str] = []
    excluded: list[str] = []
    terms = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        terms += 1
        if terms > MAX_TERMS:
            raise QueryError(f"too many terms: a query takes at most {MAX_TERMS} words and filters")
        if len(m.group()) > MAX_TERM_CHARS:
            raise QueryError(f"a term is too long: at most {MAX_TERM_CHARS} characters each")
        negate = bool(m.group("neg"))
        if m.group("key"):
            value: str = m.group("qval") if m.group("qval") is not None else m.group("val")
            _filter(q, m.group("key").lower(), value, negate)
        elif m.group("kind"):
            _figure(q, m.group("kind").lower(), m.group("op"), number(m.group("num")), negate)
        else:
            term = m.group("phrase") if m.group("phrase") is not None else m.group("word")
            if m.group("word") and term[:-1].lower() in ("new", "unread") and term.endswith(":"):
                raise QueryError(f"{term} needs yes or no: {term}yes")
            if m.group("word") and re.fullmatch(r"[a-z]+:", term, re.IGNORECASE):
                raise QueryError(f"{term} needs a value, e.g. {term}\"some name\"")
            if m.group("word") and _BARE_COMPARISON.fullmatch(term):
                raise QueryError(f"{term} needs a number, e.g. {term}1e9")
            if term.strip():
                (excluded if negate else words).append(_fts_phrase(term))
                if not negate:
                    q.highlight.append(term)
    if text[pos:].strip():
        raise QueryError(f"cannot read {text[pos:].strip()!r}; {HELP}")
    if words:
        q.where.append(WORDS)
        q.params.append(" ".join(words))
    if excluded:
        q.where.append(NOT_WORDS)
        q.params.append(" OR ".join(excluded))
    return q


def _filter(q: Query, key: str, value: str, negate: bool) -> None:
    if key not in FIELDS:
        raise QueryError(f"unknown filter {key}:; {HELP}")
    if not value.strip():
        raise QueryError(f"{key}: needs a value, e.g. {key}:\"some name\"")
    what = FIELDS[key]
    like = _like(value.strip())
    if what in _RELATIONS:
        cond, params = _RELATIONS[what](value.strip())
        q.where.append(f"NOT ({cond})" if negate else cond)
        q.params.extend(params)
        if what == "quote" and not negate:
            q.highlight.append(value.strip())
        return
    if what in ("source", "author"):
        column = "coalesce(a.source, '') || ' ' || a.path" if what == "source" else "coalesce(a.author, '')"
        cond = f"{column} LIKE ? ESCAPE '\\'"
    else:
        # the matching entities first (a few), then their articles through the mentions index
        cond = ("a.id IN (SELECT article_id FROM mentions WHERE entity_id IN ("
                "SELECT id FROM entities WHERE type = ? AND name LIKE ? ESCAPE '\\' UNION "
                "SELECT x.entity_id FROM aliases x JOIN entities e ON e.id = x.entity_id "
                "WHERE e.type = ? AND x.alias LIKE ? ESCAPE '\\'))")
        q.params.extend([what, like, what])
        if not negate:
            q.highlight.append(value.strip())
    q.where.append(f"NOT ({cond})" if negate else cond)
    q.params.append(like)


def _figure(q: Query, kind: str, op: str, value: float, negate: bool) -> None:
    op = "<>" if op == "!=" else op
    cond = f"a.id IN (SELECT article_id FROM figures WHERE kind = ? AND value {op} ?)"
    q.where.append(f"NOT ({cond})" if negate else cond)
    q.params.extend([kind, value])


_NAMED = ("SELECT id FROM entities WHERE name LIKE ? ESCAPE '\\'"
          " UNION SELECT entity_id FROM aliases WHERE alias LIKE ? ESCAPE '\\'")
"""The entities of any type with a name (or a way of writing it) that contains the value."""


def _like(value: str) -> str:
    """A LIKE pattern for text that contains ``value``: its ``%`` and ``_`` are themselves (escaped with
    a backslash, every LIKE here says ``ESCAPE '\\'``), not wildcards that make ``person:_`` match all."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _said(value: str) -> tuple[str, list[object]]:
    like = _like(value)
    return f"a.id IN (SELECT article_id FROM quotes WHERE speaker_id IN ({_NAMED}))", [like, like]


def _quote(value: str) -> tuple[str, list[object]]:
    return "a.id IN (SELECT article_id FROM quotes WHERE text LIKE ? ESCAPE '\\')", [_like(value)]


def _deal(value: str) -> tuple[str, list[object]]:
    asked = value.casefold()
    kind = next((k for k in DEAL_KINDS if asked in (k, k + "s")), None)  # deal:acquisitions reads as well
    if kind is None:
        raise QueryError(f"deal:{value} is not a kind of deal; write one of {', '.join(DEAL_KINDS)}")
    return "a.id IN (SELECT article_id FROM deals WHERE kind = ?)", [kind]


def _with(value: str) -> tuple[str, list[object]]:
    like = _like(value)
    parts = [f"SELECT article_id FROM {table} WHERE {column} IN (SELECT id FROM named)"
             for table, column in (("deals", "buyer_id"), ("deals", "target_id"), ("affiliations", "org_id"),
                                   ("affiliations", "person_id"))]
    # the entities named so read once for the four (a short name is in 33,000 names at 1,000,000 articles: 0.45 s each)
    return f"a.id IN (WITH named AS ({_NAMED}) {' UNION '.join(parts)})", [like] * 2


def _entity(value: str) -> tuple[str, list[object]]:
    """By id: "Ann Lee" chosen in a panel must not also find the articles of "Ann Leeds"."""
    from brief.pipeline.index.schema import entity_of_slug

    entity, params = entity_of_slug(value)
    return f"a.id IN (SELECT article_id FROM mentions WHERE entity_id = {entity})", params


def _state(name: str, cond: str) -> Callable[[str], tuple[str, list[object]]]:
    """``new:yes``/``new:no`` (``unread:`` likewise): yes and no, as a person answers, are the only values."""
    def build(value: str) -> tuple[str, list[object]]:
        answer = value.casefold()
        if answer not in ("yes", "no"):
            raise QueryError(f"{name}:{value} is not yes or no; write {name}:yes (or {name}:no)")
        return (cond if answer == "yes" else f"NOT ({cond})"), []
    return build


_RELATIONS = {"said": _said, "quote": _quote, "deal": _deal, "with": _with, "entity": _entity,
              "new": _state("new", NEW), "unread": _state("unread", UNREAD)}


@dataclass(frozen=True)
class Scope:
    """Which articles the side panels and an export cover: a search's matches, one article, or all of them.

    ``where`` is SQL on ``articles a`` (as ``Query.where``); no ``where`` is the whole corpus. ``ids``, when
    known (the matches the list already read), are used instead of running the search again for each panel.
    """

    name: str
    """What a panel title says: "search", "this article", "all"."""
    where: str = ""
    params: tuple[object, ...] = ()
    query: Query | None = field(default=None, compare=False)
    """The search the scope is the matches of (the index keeps its ids)."""
    ids: tuple[int, ...] | None = field(default=None, compare=False)

    @property
    def everything(self) -> bool:
        return not self.where

    def articles(self) -> tuple[str, list[object]]:
        """A subquery of the ids in scope (``x.article_id IN (...)``), and its parameters."""
        if self.ids is not None:  # one parameter however many: SQLite limits their number
            return "SELECT value FROM json_each(?)", [json.dumps(self.ids)]
        return f"SELECT a.id FROM articles a WHERE {self.where or '1'}", list(self.params)

    @property
    def key(self) -> tuple[object, ...]:
        return (self.where, self.params)


ALL = Scope("all")
"""The whole corpus."""


def search_scope(query: Query | None) -> Scope:
    """The articles the list shows for ``query`` (stories, not their copies); all of them when None or empty."""
    if query is None or query.empty:
        return ALL
    where, params = query.sql()
    return Scope("search", f"+a.dup_of IS NULL AND {where}", tuple(params), query=query)


def article_scope(article_id: int) -> Scope:
    """One article."""
    return Scope("this article", "a.id = ?", (article_id,))
