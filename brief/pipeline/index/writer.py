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

from brief.pipeline.analysis import Analysis, raw_mentions
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

RELATIONS = ("quotes", "affiliations", "deals")
ENTITY_COLUMNS = (("mentions", "entity_id"), ("affiliations", "person_id"), ("affiliations", "org_id"),
                  ("quotes", "speaker_id"), ("deals", "buyer_id"), ("deals", "target_id"))
"""Every column that holds an entity id: a merge moves them all. The first two need their entity, the rest
may lose it (NULL) when it leaves the index."""


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
        for table, column in ENTITY_COLUMNS:
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (target, source))
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

    def add(self, path: str, content_hash: str, analysis: Analysis, raw: str, url: str | None = None,
            summary_only: bool = False) -> int:
        """Index one analysed article; returns its id."""
        p = analysis.parsed
        dup = self._duplicate_of(analysis.sketch, url)
        cur = self.db.execute(
            "INSERT INTO articles (hash, slug, path, title, title_derived, source, author, published, url,"
            " summary_only, standfirst, body, headings, raw, sketch, dup_of)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (content_hash, self._unique_slug(path), path, p.title, int(p.title_derived), p.source,
             p.author, p.published, url, int(summary_only), p.standfirst, p.body, json.dumps(p.headings),
             zlib.compress(raw.encode("utf-8", "replace")), analysis.sketch, dup),
        )
        article = int(cur.lastrowid or 0)
        self.db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                        (article, p.title, f"{p.standfirst}\n{p.body}"))
        if analysis.sketch is not None:
            self.db.executemany("INSERT INTO bands VALUES (?, ?)", [(v, article) for v in dedup.keys(analysis.sketch)])
        self._found(article, analysis)
        return article

    def reanalysed(self, article: int, analysis: Analysis) -> None:
        """Replace what was found in an article (its text unchanged) with a new analysis of it."""
        self._forget_found(article)
        self._found(article, analysis)

    def _found(self, article: int, analysis: Analysis) -> None:
        """Store the article's mentions, resolved to entities, its figures and its relations."""
        mentions = raw_mentions(analysis, self.declared)
        entity_of: dict[tuple[str, int], int] = {}
        for group in _resolve_people([m for m in mentions if m.label == "person"]):
            entity = self._person(group)
            entity_of.update({(m.field, m.start): entity for m in group})
        for group in _resolve_orgs([m for m in mentions if m.label == "organization"]):
            entity = self._organization(group)
            entity_of.update({(m.field, m.start): entity for m in group})
        entity_of = {key: self._current(entity) for key, entity in entity_of.items()}  # after any merge
        rows = [(article, entity_of[(m.field, m.start)], m.field, m.start, m.end, m.text) for m in mentions
                if (m.field, m.start) in entity_of]
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)
        self._count(rows, +1)
        figures = [found.figure for found in analysis.figures]
        self.db.executemany(
            "INSERT INTO figures (article_id, kind, value, value_max, currency, unit, approximate, text, field, start,"
            " end, about, occurrences, sent_start, sent_end, words)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article, f.kind, f.value, f.value_max, f.currency, f.unit, int(f.approximate), f.text, f.field,
              f.start, f.end, f.about, json.dumps([[o.field, o.start, o.end] for o in f.occurrences]),
              found.sentence[0], found.sentence[1], json.dumps(found.words))
             for found, f in zip(analysis.figures, figures, strict=True)],
        )
        self._relations(article, analysis, mentions, entity_of)
        self.db.execute("UPDATE articles SET n_people = ?, n_orgs = ?, n_figures = ? WHERE id = ?",
                        (len({entity_of[(m.field, m.start)] for m in mentions if m.label == "person"}),
                         len({entity_of[(m.field, m.start)] for m in mentions if m.label == "organization"}),
                         len(figures), article))

    def _relations(self, article: int, analysis: Analysis, mentions: list[RawMention],
                   entity_of: dict[tuple[str, int], int]) -> None:
        """Quotes, affiliations and deals, their entity and figure indexes resolved to ids and figures."""
        body_spans, body_figures = analysis.entities[2], analysis.spans[2]

        def entity(i: int | None) -> int | None:
            return None if i is None or not 0 <= i < len(body_spans) else entity_of.get(("body", body_spans[i].start))

        def figure(i: int | None) -> tuple[str | None, float | None]:
            if i is None or not 0 <= i < len(body_figures):
                return None, None
            span = body_figures[i]
            return analysis.parsed.body[span.start:span.end], span.value

        rel = analysis.relations
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)",
                            [(article, q.start, q.end, q.text, entity(q.speaker), q.speaker_text) for q in rel.quotes])
        affiliations = [(article, entity(a.person), entity(a.organization), a.role or None, a.start, a.end)
                        for a in rel.affiliations]

        def mention(i: int | None) -> int | None:
            return None if i is None else entity_of.get((mentions[i].field, mentions[i].start))

        affiliations += [(article, mention(person), mention(org), title or None, 0, 0)
                         for person, title, org in analysis.roles]  # while no relations extractor is there
        self.db.executemany("INSERT INTO affiliations VALUES (?, ?, ?, ?, ?, ?)",
                            [a for a in affiliations if a[1] is not None])
        self.db.executemany("INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [(article, d.kind, entity(d.buyer), entity(d.target), *figure(d.amount), *figure(d.stake),
                              d.start, d.end) for d in rel.deals])

    def _forget_found(self, article: int) -> None:
        self._count(self.db.execute("SELECT * FROM mentions WHERE article_id = ?", (article,)).fetchall(), -1)
        for table in ("mentions", "figures", *RELATIONS):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article,))

    def remove(self, article: int) -> None:
        """Take an article and everything found in it out of the index."""
        db = self.db
        self._forget_found(article)
        row = db.execute("SELECT title, standfirst, body FROM articles WHERE id = ?", (article,)).fetchone()
        if row is None:
            return
        db.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                   (article, row[0], f"{row[1]}\n{row[2]}"))
        db.execute("DELETE FROM bands WHERE article_id = ?", (article,))
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
        db.executemany("DELETE FROM affiliations WHERE person_id = ?", gone)
        for table, column in ENTITY_COLUMNS[2:]:
            db.executemany(f"UPDATE {table} SET {column} = NULL WHERE {column} = ?", gone)
        db.executemany("DELETE FROM entities WHERE id = ?", gone)
        for (e,) in gone:
            self._forget_keys(e)
        db.executemany("UPDATE entities SET name = ? WHERE id = ?",
                       [(kinds[e][1] or canonical_name(kinds[e][0], c), e) for e, c in forms.items() if e in kinds])
        self.touched.clear()
