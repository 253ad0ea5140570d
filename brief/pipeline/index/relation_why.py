"""Why brief states a relation: the rule entry behind an affiliation, a deal or a quote's speaker, and
the words it read, from the index (the ``w`` dialog of the profile screen).

Each relation row keeps the name of the rule entry that made it (``rule``) and the sentence it was
read in (``body[start:end]``; a quote keeps its own words, and its passage is read around them). The
parties are marked in that passage by their mentions, the amount and stake by their text.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from brief.pipeline.relations.explain import Relation, rule_says
from brief.pipeline.text import describe

PASSAGE_BEFORE = 400
"""Characters shown before a quote at most (its speaker, named earlier in its paragraph, within them)."""
PASSAGE_AFTER = 300


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of the passage to highlight: ``passage[start:end]``, a "person", an "organization", a
    "figure" (an amount or a stake) or the "quote" itself."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class RelationWhy:
    """A relation as brief read it: in a line, the rule entry (its name and description), the passage it
    was read in with its parties marked, and the article's title."""

    relation: Relation
    text: str
    rule: str
    says: str
    passage: str
    marks: tuple[Mark, ...]
    article_id: int
    title: str


def relation_why(db: sqlite3.Connection, relation: Relation, rowid: int) -> RelationWhy | None:
    """Why the index holds the ``relation`` of this rowid (None: it is no longer there)."""
    read = {"affiliation": _affiliation, "deal": _deal, "quote": _quote}[relation]
    return read(db, rowid)


def _article(db: sqlite3.Connection, article: int) -> tuple[str, str, str]:
    """The article's body, its title as written and its title on one line."""
    body, title = db.execute("SELECT body, title FROM articles WHERE id = ?", (article,)).fetchone()
    return body, title, " ".join(title.split())


def _mentions(db: sqlite3.Connection, article: int, entities: list[int | None], lo: int, hi: int,
              field: str = "body") -> list[Mark]:
    """The mentions of these entities in the field's [lo:hi] (the body's, or the title's), as marks on that passage."""
    wanted = [e for e in entities if e is not None]
    if not wanted:
        return []
    rows = db.execute(
        "SELECT m.start, m.end, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ?"
        f" AND m.field = ? AND m.entity_id IN ({','.join('?' * len(wanted))}) AND m.start >= ? AND m.end <= ?",
        (article, field, *wanted, lo, hi)).fetchall()
    return [Mark(s - lo, e - lo, kind) for s, e, kind in rows]


def _affiliation(db: sqlite3.Connection, rowid: int) -> RelationWhy | None:
    row = db.execute(
        "SELECT f.article_id, f.person_id, f.org_id, f.role, f.start, f.end, f.rule, p.name, o.name FROM affiliations f"
        " JOIN entities p ON p.id = f.person_id LEFT JOIN entities o ON o.id = f.org_id WHERE f.rowid = ?",
        (rowid,)).fetchone()
    if row is None:
        return None
    article, person, org, role, start, end, rule, person_name, org_name = row
    body, _, title = _article(db, article)
    text = ", ".join(part for part in (person_name, describe(role or "", org_name)) if part)
    marks = _mentions(db, article, [person, org], start, end)
    return RelationWhy("affiliation", text, rule, rule_says("affiliation", rule), body[start:end],
                       _ordered(marks), article, title)


def _deal(db: sqlite3.Connection, rowid: int) -> RelationWhy | None:
    from brief.pipeline.index.profile import deal_text

    row = db.execute(
        "SELECT d.article_id, d.kind, d.buyer_id, d.target_id, d.amount, d.stake, d.start, d.end, d.rule, b.name,"
        " t.name FROM deals d LEFT JOIN entities b ON b.id = d.buyer_id LEFT JOIN entities t ON t.id = d.target_id"
        " WHERE d.rowid = ?", (rowid,)).fetchone()
    if row is None:
        return None
    article, kind, buyer, target, amount, stake, start, end, rule, buyer_name, target_name = row
    body, headline, title = _article(db, article)
    passage = body[start:end]
    field = "body"
    if rule.startswith("headline:"):  # read in the headline: the body's sentence only names the sides
        passage, start, end, field = headline, 0, len(headline), "title"
    figures = " · ".join(part for part in (amount, f"{stake} stake" if stake else None) if part)
    text = deal_text(kind, buyer_name, target_name) + (f" · {figures}" if figures else "")
    marks = _mentions(db, article, [buyer, target], start, end, field)
    for written in (amount, stake):
        at = passage.find(written) if written else -1
        if written and at >= 0:
            marks.append(Mark(at, at + len(written), "figure"))
    return RelationWhy("deal", text, rule, rule_says("deal", rule), passage, _ordered(marks), article, title)


def _quote(db: sqlite3.Connection, rowid: int) -> RelationWhy | None:
    row = db.execute(
        "SELECT q.article_id, q.start, q.end, q.text, q.speaker_id, q.rule, s.name FROM quotes q"
        " LEFT JOIN entities s ON s.id = q.speaker_id WHERE q.rowid = ?", (rowid,)).fetchone()
    if row is None:
        return None
    article, start, end, words, speaker, rule, speaker_name = row
    body, _, title = _article(db, article)
    lo, hi = _paragraph(body, start, end)
    named = db.execute(  # the speaker's mention nearest the quote, before it or just after
        "SELECT start, end FROM mentions WHERE article_id = ? AND field = 'body' AND entity_id = ? AND start >= ?"
        " AND end <= ? ORDER BY abs(start - ?) LIMIT 1",
        (article, speaker, start - PASSAGE_BEFORE, end + PASSAGE_AFTER, start)).fetchone() if speaker else None
    if named is not None:  # a quote that runs over paragraphs, or goes on after "he said": its speaker's too
        their = _paragraph(body, named[0], named[1])
        lo, hi = min(lo, their[0]), max(hi, their[1])
    lo, hi = max(lo, start - PASSAGE_BEFORE), min(hi, end + PASSAGE_AFTER)  # the speaker is within these
    marks = [Mark(start - lo, end - lo, "quote")]
    if named is not None:
        marks.append(Mark(named[0] - lo, named[1] - lo, "person"))
    said = " ".join(words.split())
    text = f"{speaker_name or 'Someone the text does not name'} said \u201c{said}\u201d"
    return RelationWhy("quote", text, rule, rule_says("quote", rule), body[lo:hi], _ordered(marks), article, title)


def _paragraph(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (lines between line breaks) holding body[start:end]."""
    lo = body.rfind("\n", 0, start) + 1
    found = re.compile(r"\n").search(body, end)
    return lo, found.start() if found else len(body)


def _ordered(marks: list[Mark]) -> tuple[Mark, ...]:
    """Marks in order, without overlaps (the first, longest one wins): a highlight over another would hide it."""
    out: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if not out or mark.start >= out[-1].end:
            out.append(mark)
    return tuple(out)
