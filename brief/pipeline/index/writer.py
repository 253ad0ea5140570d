"""Writing the index: add an analysed article, resolve its entities against the index, remove one.

Resolution is incremental. Within the article the rules of ``brief.pipeline.resolve`` group its
mentions ("Park" with "Nina Park"); each group then finds its entity in the index through
name keys:

    p:<first> <last>   a person's full name          ps:<last>   surnames of full names
    p1:<word>          a person known by one word     o:<core>    an organization's core name
    oi:<initials>      initials of a multi-word org   d:<name>    an entity the user declared

A one-word person joins the one full name with that surname, and an acronym the one
organization it spells; when a later article makes that match unique, the two entities merge.
Counts, aliases and display names of the entities an article touched are recomputed in
``finish`` from the mentions, so removing an article needs no bookkeeping of its own.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any

from brief.pipeline.analysis import raw_mentions
from brief.pipeline.index import dedup
from brief.pipeline.resolve import (
    RawMention,
    _name,
    _resolve_orgs,
    _resolve_people,
    canonical_name,
    initials,
    is_acronym,
    org_core,
    person_tokens,
    tokens,
)
from brief.pipeline.text import fold


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


class Writer:
    """Adds and removes articles in one open index; call ``finish`` to settle the entities touched."""

    def __init__(self, db: sqlite3.Connection, declared: Callable[[str], str | None] = lambda text: None) -> None:
        self.db = db
        self.declared = declared
        self.touched: set[int] = set()
        self.merged: dict[int, int] = {}  # retired entity id -> the one it became
        self._keys: dict[str, list[int]] | None = None  # the entity_keys table, read once
        self._slugs: set[str] | None = None
        self._version: int | None = None  # the database's data_version the two were read at

    def begin(self) -> None:
        """Start a write transaction, after any other brief process's (they take turns).

        What this writer remembers of the index is dropped if another connection has committed
        since: resolving against a stale copy created entities twice ("UNIQUE constraint failed").
        """
        self.db.execute("BEGIN IMMEDIATE")
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._keys = self._slugs = None
            self._version = version

    def commit(self) -> None:
        self.finish()
        self.db.execute("COMMIT")

    @property
    def keys(self) -> dict[str, list[int]]:
        if self._keys is None:
            self._keys = {}
            self._keys_of: dict[int, set[str]] = {}
            for key, entity in self.db.execute("SELECT key, entity_id FROM entity_keys"):
                self._keys.setdefault(key, []).append(entity)
                self._keys_of.setdefault(entity, set()).add(key)
        return self._keys

    def _taken(self, slug: str) -> bool:
        if self._slugs is None:
            rows = self.db.execute("SELECT slug FROM entities UNION ALL SELECT slug FROM articles")
            self._slugs = {r[0] for r in rows}
        return slug in self._slugs

    def _take(self, base: str) -> str:
        slug, n = base, 1
        while self._taken(slug):
            n += 1
            slug = f"{base}-{n}"
        assert self._slugs is not None
        self._slugs.add(slug)
        return slug

    def _current(self, entity: int) -> int:
        while entity in self.merged:
            entity = self.merged[entity]
        return entity

    # --- entities -------------------------------------------------------------------------------

    def _lookup(self, key: str) -> list[int]:
        return self.keys.get(key, [])

    def _key(self, key: str, entity: int) -> None:
        owners = self.keys.setdefault(key, [])
        if entity not in owners:
            owners.append(entity)
            self._keys_of.setdefault(entity, set()).add(key)
            self.db.execute("INSERT OR IGNORE INTO entity_keys VALUES (?, ?)", (key, entity))

    def _forget_keys(self, entity: int, replacement: int | None = None) -> None:
        """Take ``entity`` out of the key cache (its keys pass to ``replacement`` if given)."""
        for key in self.keys and self._keys_of.pop(entity, set()):
            owners = [e for e in self._keys[key] if e != entity]  # type: ignore[index]
            if replacement is not None and replacement not in owners:
                owners.append(replacement)
                self._keys_of.setdefault(replacement, set()).add(key)
            self._keys[key] = owners  # type: ignore[index]

    def _create(self, kind: str, name: str, key: str, declared: str = "") -> int:
        slug = self._take(f"{'per' if kind == 'person' else 'org'}-{_slug(name)}")
        cur = self.db.execute("INSERT INTO entities (slug, type, name, declared) VALUES (?, ?, ?, ?)",
                              (slug, kind, name, declared))
        entity = int(cur.lastrowid or 0)
        self._key(key, entity)
        return entity

    def _one(self, key: str, kind: str, name: str, declared: str = "") -> int:
        found = self._lookup(key)
        return found[0] if found else self._create(kind, name, key, declared)

    def _merge(self, source: int, target: int) -> None:
        """Everything of entity ``source`` becomes ``target``'s."""
        if source == target:
            return
        db = self.db
        db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (target, source))
        db.execute("UPDATE roles SET entity_id = ? WHERE entity_id = ?", (target, source))
        db.execute("UPDATE roles SET org_id = ? WHERE org_id = ?", (target, source))
        db.execute("INSERT OR IGNORE INTO entity_keys SELECT key, ? FROM entity_keys WHERE entity_id = ?",
                   (target, source))
        self._forget_keys(source, target)
        db.execute("INSERT INTO aliases SELECT ?, alias, count FROM aliases WHERE entity_id = ? AND true"
                   " ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + excluded.count", (target, source))
        db.execute("UPDATE entities SET mention_count = mention_count + (SELECT mention_count FROM entities"
                   " WHERE id = ?), article_count = (SELECT count(DISTINCT article_id) FROM mentions"
                   " WHERE entity_id = ?) WHERE id = ?", (source, target, target))
        for table in ("entity_keys", "aliases", "entities"):
            db.execute(f"DELETE FROM {table} WHERE {'id' if table == 'entities' else 'entity_id'} = ?", (source,))
        self.merged[source] = target
        self.touched.discard(source)
        self.touched.add(target)

    def _person(self, group: list[RawMention]) -> int:
        declared = next((m.declared for m in group if m.declared), "")
        if declared:
            return self._one(f"d:{fold(declared)}", "person", declared, declared)
        words = max((person_tokens(_name(m)) for m in group), key=len)
        if len(words) >= 2:
            surname = words[-1]
            entity = self._one(f"p:{words[0]} {surname}", "person", group[0].text)
            self._key(f"ps:{surname}", entity)
            if len(self._lookup(f"ps:{surname}")) == 1:  # a lone surname known so far now has its full name
                for single in self._lookup(f"p1:{surname}"):
                    self._merge(single, entity)
            return entity
        word = words[0] if words else fold(group[0].text)
        owners = self._lookup(f"ps:{word}")
        return owners[0] if len(owners) == 1 else self._one(f"p1:{word}", "person", group[0].text)

    def _organization(self, group: list[RawMention]) -> int:
        declared = next((m.declared for m in group if m.declared), "")
        if declared:
            return self._one(f"d:{fold(declared)}", "organization", declared, declared)
        names = [m for m in group if not is_acronym(m.text)]
        if not names:
            code = fold(group[0].text).replace(".", "").replace("&", "")
            owners = self._lookup(f"oi:{code}")
            return owners[0] if len(owners) == 1 else self._one(f"o:{code}", "organization", group[0].text)
        entity = self._one(f"o:{org_core(_name(names[0]))}", "organization", names[0].text)
        for m in names:
            if len(tokens(m.text)) > 1:
                code = initials(m.text)
                self._key(f"oi:{code}", entity)
                if len(self._lookup(f"oi:{code}")) == 1:  # an acronym seen alone before now has its name
                    for alone in self._lookup(f"o:{code}"):
                        self._merge(alone, entity)
        return entity

    # --- articles -------------------------------------------------------------------------------

    def _unique_slug(self, path: str) -> str:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", re.split(r"[/\\]", path.rstrip("/\\"))[-1])
        return self._take(_slug(stem) if stem else "article")

    def _duplicate_of(self, sketch: bytes | None, url: str | None) -> int | None:
        """The article this one repeats: the same URL, or a text that overlaps it almost whole."""
        if url:
            row = self.db.execute("SELECT coalesce(dup_of, id) FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone()
            if row:
                return int(row[0])
        if sketch is None:
            return None
        keys = dedup.keys(sketch)
        candidates = {r[0] for r in self.db.execute(
            f"SELECT DISTINCT article_id FROM bands WHERE value IN ({','.join('?' * len(keys))})", keys)}
        for cid in sorted(candidates):
            row = self.db.execute("SELECT sketch, coalesce(dup_of, id) FROM articles WHERE id = ?", (cid,)).fetchone()
            if row and row[0] and dedup.similarity(row[0], sketch) >= dedup.SAME_STORY:
                return int(row[1])
        return None

    def add(self, path: str, content_hash: str, analysis: dict[str, Any], raw: str, url: str | None = None,
            summary_only: bool = False) -> int:
        """Index one analysed article; returns its id."""
        p = analysis["parsed"]
        sketch = analysis.get("sketch")
        dup = self._duplicate_of(sketch, url)
        cur = self.db.execute(
            "INSERT INTO articles (hash, slug, path, title, title_derived, source, author, published, url,"
            " summary_only, standfirst, body, headings, raw, sketch, dup_of)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (content_hash, self._unique_slug(path), path, p["title"], int(p["title_derived"]), p["source"],
             p["author"], p["published"], url, int(summary_only), p["standfirst"], p["body"],
             json.dumps(p["headings"]),
             zlib.compress(raw.encode("utf-8", "replace")), sketch, dup),
        )
        article = int(cur.lastrowid or 0)
        self.db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                        (article, p["title"], f"{p['standfirst']}\n{p['body']}"))
        if sketch is not None:
            self.db.executemany("INSERT INTO bands VALUES (?, ?)", [(v, article) for v in dedup.keys(sketch)])

        mentions = raw_mentions(analysis, self.declared)
        entity_of: dict[tuple[str, int], int] = {}
        for group in _resolve_people([m for m in mentions if m.label == "person"]):
            entity = self._person(group)
            entity_of.update({(m.field, m.start): entity for m in group})
        for group in _resolve_orgs([m for m in mentions if m.label == "organization"]):
            entity = self._organization(group)
            entity_of.update({(m.field, m.start): entity for m in group})
        entity_of = {key: self._current(entity) for key, entity in entity_of.items()}  # after any merge
        rows = [(article, entity_of[(m.field, m.start)], m.field, m.start, m.end, m.text) for m in mentions]
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)
        self._count(rows, +1)

        def entity(i: int) -> int:
            return entity_of[(mentions[i].field, mentions[i].start)]

        self.db.executemany("INSERT INTO roles VALUES (?, ?, ?, ?)",
                            [(entity(person), article, title, None if org is None else entity(org))
                             for person, title, org in analysis["roles"]])
        figures = analysis["figure_groups"]
        self.db.executemany(
            "INSERT INTO figures (article_id, kind, value, value_max, currency, unit, approximate, text, field, start,"
            " end, about, occurrences, sent_start, sent_end, words)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article, f["kind"], f["value"], f["value_max"], f["currency"], f["unit"], int(f["approximate"]),
              f["text"], f["field"], f["start"], f["end"], f["about"], json.dumps(f["occurrences"]),
              f["sentence"][0], f["sentence"][1], json.dumps(f["words"])) for f in figures],
        )
        self.db.execute("UPDATE articles SET n_people = ?, n_orgs = ?, n_figures = ? WHERE id = ?",
                        (len({entity_of[(m.field, m.start)] for m in mentions if m.label == "person"}),
                         len({entity_of[(m.field, m.start)] for m in mentions if m.label == "organization"}),
                         len(figures), article))
        return article

    def remove(self, article: int) -> None:
        """Take an article and everything found in it out of the index."""
        db = self.db
        self._count(db.execute("SELECT * FROM mentions WHERE article_id = ?", (article,)).fetchall(), -1)
        row = db.execute("SELECT title, standfirst, body FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            return
        db.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                   (article, row[0], f"{row[1]}\n{row[2]}"))
        for table in ("mentions", "roles", "figures", "bands"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article,))
        copies = [r[0] for r in db.execute("SELECT id FROM articles WHERE dup_of = ? ORDER BY id", (article,))]
        if copies:
            db.execute("UPDATE articles SET dup_of = NULL WHERE id = ?", (copies[0],))
            db.execute("UPDATE articles SET dup_of = ? WHERE dup_of = ?", (copies[0], article))
        db.execute("DELETE FROM articles WHERE id = ?", (article,))

    def _count(self, rows: list[tuple[Any, ...]], sign: int) -> None:
        """Add (or take away) one article's mentions to its entities' counts and aliases.

        Kept up to date as articles come and go, so settling an entity never recounts all its
        mentions (a much-named entity has tens of thousands at 100,000 articles).
        """
        forms: Counter[tuple[int, str]] = Counter()
        mentioned: Counter[int] = Counter()
        for _article, entity, field, _s, _e, text in rows:
            forms[(entity, re.sub(r"['’]s$", "", text))] += 1
            mentioned[entity] += field != "author"
        self.db.executemany(
            "INSERT INTO aliases VALUES (?, ?, ?) ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + ?",
            [(e, text, sign * n, sign * n) for (e, text), n in forms.items()])
        self.db.executemany("UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + ?"
                            " WHERE id = ?", [(sign * n, sign, e) for e, n in mentioned.items()])
        self.touched.update(mentioned)

    def finish(self) -> None:
        """Name the entities touched after their aliases; drop those left with no mention."""
        if not self.touched:
            return
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM touched")
        db.executemany("INSERT INTO touched VALUES (?)", [(e,) for e in self.touched])
        db.execute("DELETE FROM aliases WHERE count <= 0 AND entity_id IN (SELECT id FROM touched)")
        forms: dict[int, Counter[str]] = {}
        for entity, alias, n in db.execute(
                "SELECT entity_id, alias, count FROM aliases WHERE entity_id IN (SELECT id FROM touched)"):
            forms.setdefault(entity, Counter())[alias] = n
        kinds = {e: (k, d) for e, k, d in db.execute(
            "SELECT id, type, declared FROM entities WHERE id IN (SELECT id FROM touched)")}
        gone = [(e,) for e in kinds if e not in forms]
        db.executemany("DELETE FROM entity_keys WHERE entity_id = ?", gone)
        db.executemany("DELETE FROM roles WHERE entity_id = ?", gone)
        db.executemany("UPDATE roles SET org_id = NULL WHERE org_id = ?", gone)
        db.executemany("DELETE FROM entities WHERE id = ?", gone)
        for (e,) in gone:
            self._forget_keys(e)
        db.executemany("UPDATE entities SET name = ? WHERE id = ?",
                       [(kinds[e][1] or canonical_name(kinds[e][0], c), e) for e, c in forms.items() if e in kinds])
        self.touched.clear()
