"""The user's fixes applied to the index as it is, and why brief typed an entity as it did.

A fix names entities by what the reader shows: a display name, or any name an entity is
written as (its aliases). Each fix is applied to the stored mentions directly, so it shows at
once and no article is analysed again:

- "ignore": the mentions written so are deleted (and new articles' are dropped as they come in);
- "type": the entity takes that type, whatever its mentions vote;
- "merge": the entity's mentions become the other entity's (its keys too, so later articles join it);
- "split": the entity's mentions written so go to an entity of their own (an existing one of that
  name, or a new one); later articles are split again as they come in.

``Writer.finish`` applies them to the entities each batch touched; ``apply`` applies new fixes to
the whole index (the reader's dialog, or a fix added to the file by hand).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from brief.config import Fix
from brief.pipeline.extract.evidence import weight as evidence_weight
from brief.pipeline.index.schema import STORIES, entity_of_slug
from brief.pipeline.text import fold

if TYPE_CHECKING:
    from brief.pipeline.index.writer import Writer


def bare(text: str) -> str:
    """A name as fixes compare it: folded, without a possessive."""
    return fold(re.sub(r"['’]s$", "", text))


def named(db: sqlite3.Connection, name: str, display_only: bool = False) -> list[int]:
    """The entities shown as ``name``, else (unless ``display_only``) those written so somewhere."""
    key = bare(name)
    shown = [e for e, n in db.execute("SELECT id, name FROM entities WHERE name = ? COLLATE NOCASE", (name,))
             if bare(n) == key]
    if shown or display_only:
        return shown
    return written(db, name)


def written(db: sqlite3.Connection, name: str) -> list[int]:
    """The entities written ``name`` somewhere (one of their aliases)."""
    key = bare(name)
    return sorted({e for e, a in db.execute(
        "SELECT entity_id, alias FROM aliases WHERE alias = ? COLLATE NOCASE AND count > 0", (name,))
        if bare(a) == key})


def _mentions(db: sqlite3.Connection, entity: int) -> list[tuple[int, str, int]]:
    """(rowid, text, article) of each of the entity's mentions."""
    return db.execute("SELECT rowid, text, article_id FROM mentions WHERE entity_id = ?", (entity,)).fetchall()


def recount(db: sqlite3.Connection, entities: Iterable[int]) -> None:
    """Aliases, votes and counts of these entities, from their mentions (after mentions moved): votes
    weighed as the index writer weighs them, articles counted once per story (``schema.STORIES``)."""
    for entity in set(entities):
        rows = db.execute("SELECT field, text, label, score, source FROM mentions WHERE entity_id = ?",
                          (entity,)).fetchall()
        forms = Counter(re.sub(r"['’]s$", "", text) for _f, text, _l, _s, _src in rows)
        votes: defaultdict[str, float] = defaultdict(float)
        for _f, _t, label, score, source in rows:
            votes[label] += evidence_weight(source, score)
        db.execute("DELETE FROM aliases WHERE entity_id = ?", (entity,))
        db.executemany("INSERT INTO aliases VALUES (?, ?, ?)", [(entity, f, n) for f, n in forms.items()])
        db.execute("DELETE FROM entity_votes WHERE entity_id = ?", (entity,))
        db.executemany("INSERT INTO entity_votes VALUES (?, ?, ?)", [(entity, k, w) for k, w in votes.items()])
        db.execute(f"UPDATE entities SET mention_count = ?, article_count = {STORIES.format(entity='?')} WHERE id = ?",
                   (sum(f != "author" for f, *_ in rows), entity, entity))


def settle(writer: Writer, fixes: Sequence[Fix], entities: set[int] | None = None) -> None:
    """Apply the ignores, merges and splits among ``fixes`` to ``entities`` (None: the whole index)."""
    db = writer.db
    changed: set[int] = set()

    def concerned(ids: Iterable[int]) -> bool:
        return entities is None or any(writer._current(e) in entities for e in ids)

    for fix in fixes:
        if fix.action == "ignore":
            for entity in named(db, fix.name):
                if not concerned([entity]):
                    continue
                gone = [(rowid, a) for rowid, text, a in _mentions(db, entity) if bare(text) == bare(fix.name)]
                db.executemany("DELETE FROM mentions WHERE rowid = ?", [(r,) for r, _a in gone])
                writer._moved.update(a for _r, a in gone)  # (their people and organizations counted again)
                changed.add(entity)
                # (what the index said of it was taken out: its surname and its types are settled again, as fresh)
                writer._forgot = writer._forgot or bool(gone)
        elif fix.action == "merge":
            into = named(db, fix.value, display_only=True) or named(db, fix.value)
            sources = [e for e in named(db, fix.name) if e not in into]
            if len(into) == 1 and sources and concerned([*sources, *into]):
                for entity in sources:
                    writer._merge(writer._current(entity), writer._current(into[0]))
                changed.add(writer._current(into[0]))
        elif fix.action == "split":
            for entity in named(db, fix.value, display_only=True):
                if not concerned([entity]):
                    continue
                moved = [(rowid, a) for rowid, text, a in _mentions(db, entity) if bare(text) == bare(fix.name)]
                if moved:
                    target = _split_target(writer, entity, fix.name)
                    db.executemany("UPDATE mentions SET entity_id = ? WHERE rowid = ?",
                                   [(target, r) for r, _a in moved])
                    writer._moved.update(a for _r, a in moved)
                    changed.update((entity, target))
    if changed:
        recount(db, changed)
        writer.touched.update(changed)


def _split_target(writer: Writer, entity: int, name: str) -> int:
    """The entity that mentions split off ``entity`` go to: one already shown by that name, or a new one."""
    kind = writer.db.execute("SELECT type FROM entities WHERE id = ?", (entity,)).fetchone()[0]
    found = [e for e in named(writer.db, name, display_only=True) if e != entity]
    if found:
        return found[0]
    target = writer._create(kind, name, f"s:{entity}:{bare(name)}")
    writer.flush()  # its row now (the writer defers it): the statements that move and count mentions read it
    return target


def rename(writer: Writer, fixes: Sequence[Fix], entities: set[int]) -> None:
    """An entity others were merged into keeps the name the user merged them into."""
    for fix in fixes:
        if fix.action == "merge":
            targets = [e for e in named(writer.db, fix.value) if e in entities]
            if len(targets) == 1:
                writer.db.execute("UPDATE entities SET name = ? WHERE id = ?", (fix.value, targets[0]))


def retype(writer: Writer, fixes: Sequence[Fix], entities: set[int] | None = None) -> set[int]:
    """Give the entities the type their fixes say (the last fix of a name wins); the ids changed."""
    db = writer.db
    wanted: dict[int, str] = {}
    for fix in fixes:
        if fix.action == "type":
            for entity in named(db, fix.name):
                if entities is None or entity in entities:
                    wanted[entity] = fix.value
    kinds = dict(db.execute(f"SELECT id, type FROM entities WHERE id IN ({','.join('?' * len(wanted))})",
                            list(wanted))) if wanted else {}
    changed = {e: k for e, k in wanted.items() if kinds.get(e, k) != k}
    db.executemany("UPDATE entities SET type = ? WHERE id = ?", [(k, e) for e, k in changed.items()])
    return set(changed)


# --- why ---------------------------------------------------------------------------------------


class Why(NamedTuple):
    """What the reader's "why" dialog shows of an entity."""

    slug: str
    name: str
    type: str
    declared: bool  # the user declared it in the config file
    mentions: int
    articles: int
    names: list[tuple[str, int]]  # how it is written, most often first
    sources: list[tuple[str, str, int, float, float]]  # (label, source, mentions, lowest score, highest)
    votes: list[tuple[str, float]]  # summed confidence per label, highest first
    fixes: list[Fix]  # the user's fixes that name it
    mention: tuple[str, str, float, str] | None  # the one mention asked about: (text, label, score, source)
    by_whom: tuple[tuple[Fix, str, str], ...] = ()  # of its fixes made for this corpus: (fix, who, when)


def why(db: sqlite3.Connection, slug: str, fixes: Sequence[Fix] = (),
        at: tuple[int, str, int] | None = None) -> Why | None:
    """Why the entity ``slug`` is what it is; ``at`` = (article id, field, start) of one of its mentions."""
    entity, params = entity_of_slug(slug)  # (an id from before a retype too)
    row = db.execute("SELECT id, slug, name, type, declared, mention_count, article_count FROM entities"
                     f" WHERE id = {entity}", params).fetchone()
    if row is None:
        return None
    entity, slug, name, kind, declared, mentions, articles = row
    names = db.execute("SELECT alias, count FROM aliases WHERE entity_id = ? AND count > 0"
                       " ORDER BY count DESC, alias", (entity,)).fetchall()
    sources = db.execute(
        "SELECT label, source, count(*), min(score), max(score) FROM mentions WHERE entity_id = ?"
        " GROUP BY label, source ORDER BY count(*) DESC, label, source", (entity,)).fetchall()
    votes = db.execute("SELECT label, weight FROM entity_votes WHERE entity_id = ? AND weight > 0"
                       " ORDER BY weight DESC, label", (entity,)).fetchall()
    written = {bare(name)} | {bare(a) for a, _n in names}
    mine = [f for f in fixes if bare(f.name) in written or (f.value and bare(f.value) in written)]
    mention = None
    if at is not None:
        mention = db.execute("SELECT text, label, score, source FROM mentions WHERE entity_id = ? AND article_id = ?"
                             " AND field = ? AND start = ?", (entity, *at)).fetchone()
    by_whom = tuple((m.fix, m.by, m.at) for m in made(db) if m.undone_at is None and m.fix in mine)
    return Why(slug, name, kind, bool(declared), mentions, articles, [tuple(n) for n in names],
               [tuple(s) for s in sources], [tuple(v) for v in votes], mine, tuple(mention) if mention else None,
               by_whom)


def entity_names(db: sqlite3.Connection, prefix: str, limit: int = 8) -> list[str]:
    """Names of people and organizations that begin with ``prefix``, most mentioned first (merge targets)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [r[0] for r in db.execute(
        "SELECT name FROM entities WHERE name LIKE ? ESCAPE '\\' AND type IN ('person', 'organization')"
        " ORDER BY mention_count DESC LIMIT ?", (f"{escaped}%", limit))]


# --- keeping the index in step with the file ----------------------------------------------------


def applied(db: sqlite3.Connection) -> list[Fix] | None:
    """The fixes the index holds (None: never recorded)."""
    import json

    row = db.execute("SELECT value FROM meta WHERE key = 'fixes'").fetchone()
    return None if row is None else [Fix(*f) for f in json.loads(row[0])]


def record(db: sqlite3.Connection, current: Sequence[Fix]) -> None:
    import json

    db.execute("INSERT OR REPLACE INTO meta VALUES ('fixes', ?)",
               (json.dumps([[f.action, f.name, f.value] for f in current]),))


def sync(db: sqlite3.Connection, current: Callable[[], Sequence[Fix]], writer: Callable[[], Writer]) -> bool:
    """Bring the index to the ``current()`` fixes by applying the new ones; False (nothing done) when one
    it holds was taken away that only indexing again can undo (an ignore, a merge, a split: their mentions
    were deleted or moved). A retype taken away is undone in place: its entities are typed by their votes.
    ``current`` is asked again once the index is held: another process may have added a fix meanwhile."""
    if applied(db) == list(current()):
        return True
    db.execute("BEGIN IMMEDIATE")  # and read again: another process may have brought it further meanwhile
    try:
        now, held = list(current()), applied(db)
        gone = [f for f in held or [] if f not in now]
        if held == now or any(f.action != "type" for f in gone):
            db.execute("ROLLBACK")
            return held == now
        fixer = writer()
        for fix in gone:  # (the writer holds the fixes that stay: a retype left of that name still wins)
            # and those written so: the retype typed them when none was shown by that name, and one may be since (Dara
            # Quell, written "Quell" too, typed a firm by the fix of "Quell", stayed one when the town Quell came)
            fixer.touched.update(named(db, fix.name, display_only=True), written(db, fix.name))
        apply(fixer, [f for f in now if f not in (held or [])])
        record(db, now)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


def apply(writer: Writer, new: Sequence[Fix]) -> None:
    """Apply fixes new to the index to all of it (the writer holds every fix, new ones included)."""
    settle(writer, new)
    for fix in new:
        if fix.action == "type":
            writer.touched.update(named(writer.db, fix.name))
    writer.finish()


# --- the fixes made for one corpus, kept in its index (schema 6) --------------------------------


def a_type(word: str) -> str:
    return f"{'an' if word[:1] in tuple('aeiou') else 'a'} {word}"


def describe(fix: Fix) -> str:
    """A fix in words: "“Harbour Wire” is an organization"."""
    return {"ignore": f"\u201c{fix.name}\u201d is not an entity",
            "type": f"\u201c{fix.name}\u201d is {a_type(fix.value)}",
            "merge": f"\u201c{fix.name}\u201d is \u201c{fix.value}\u201d",
            "split": f"\u201c{fix.name}\u201d is not \u201c{fix.value}\u201d"}[fix.action]


class Made(NamedTuple):
    """A fix as ``brief fixes`` and the reader list it: what, for whom, by whom and when.

    ``id`` is the index's number for a fix of this corpus, ``g1``, ``g2``... for the config file's
    (which apply to every corpus: ``scope`` "global"); those have no author or time (``by`` and ``at`` "").
    """

    id: str
    fix: Fix
    scope: str  # "corpus" or "global"
    by: str
    at: str  # ISO 8601, UTC
    undone_by: str | None = None
    undone_at: str | None = None


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat()


def corpus_fixes(db: sqlite3.Connection) -> list[Fix]:
    """The fixes of this corpus in force, in the order they were made."""
    return [Fix(*row) for row in db.execute(
        "SELECT action, name, value FROM fixes WHERE undone_at IS NULL ORDER BY id")]


def made(db: sqlite3.Connection) -> list[Made]:
    """Every fix made for this corpus, undone ones too, in the order they were made."""
    return [Made(str(i), Fix(action, name, value), "corpus", by, at, undone_by, undone_at)
            for i, action, name, value, by, at, undone_by, undone_at in db.execute(
                "SELECT id, action, name, value, made_by, made_at, undone_by, undone_at FROM fixes ORDER BY id")]


def add(db: sqlite3.Connection, new: Sequence[Fix], by: str) -> list[int]:
    """Record ``new`` for this corpus as one choice (undone together by the reader's undo); a fix that one in
    force says already is not recorded twice. Several processes take turns (one write transaction)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        numbers: list[int] = []
        first = int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM fixes").fetchone()[0])
        for fix in new:
            held = [Fix(*row) for row in db.execute("SELECT action, name, value FROM fixes WHERE undone_at IS NULL"
                                                    " AND name = ? ORDER BY id", (fix.name,))]
            if fix in held and not (fix.action == "type" and [f for f in held if f.action == "type"][-1] != fix):
                continue  # (a retype back after another retype of the name is a fix: the last one wins)
            number = first + len(numbers)
            db.execute("INSERT INTO fixes (id, action, name, value, choice, made_by, made_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", (number, fix.action, fix.name, fix.value, first, by, _now()))
            numbers.append(number)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return numbers


def undo(db: sqlite3.Connection, numbers: Sequence[int], by: str) -> list[Fix]:
    """Mark this corpus's fixes ``numbers`` undone (``LookupError``: one is not in force)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        undone = []
        for number in numbers:
            row = db.execute("SELECT action, name, value FROM fixes WHERE id = ? AND undone_at IS NULL",
                             (number,)).fetchone()
            if row is None:
                raise LookupError(f"no fix {number} in force for these articles")
            db.execute("UPDATE fixes SET undone_by = ?, undone_at = ? WHERE id = ?", (by, _now(), number))
            undone.append(Fix(*row))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return undone


def last(db: sqlite3.Connection, by: str) -> list[int]:
    """The fixes in force of the last choice ``by`` made for this corpus (what the reader's undo takes back)."""
    row = db.execute("SELECT max(choice) FROM fixes WHERE undone_at IS NULL AND made_by = ?", (by,)).fetchone()
    if row is None or row[0] is None:
        return []
    return [int(r[0]) for r in db.execute("SELECT id FROM fixes WHERE choice = ? AND undone_at IS NULL ORDER BY id",
                                          (row[0],))]


_COLUMNS = "id, action, name, value, choice, made_by, made_at, undone_by, undone_at"


def held_in(path: object) -> list[tuple[object, ...]]:
    """The fixes table of an index about to be set aside and rebuilt (unreadable, damaged, of a newer brief),
    as far as it can be read: the corpus's corrections are the user's work, not a cache."""
    try:
        old = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return old.execute(f"SELECT {_COLUMNS} FROM fixes ORDER BY id").fetchall()
    except sqlite3.Error:
        return []
    finally:
        old.close()


def restore(db: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Put ``held_in``'s fixes into a new index (applied as its articles are indexed)."""
    if rows:
        db.execute("BEGIN IMMEDIATE")
        db.executemany(f"INSERT INTO fixes ({_COLUMNS}) VALUES ({', '.join('?' * 9)})", rows)
        db.execute("COMMIT")
