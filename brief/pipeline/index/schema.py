"""The index's SQLite schema, its version, and how an older index is brought up to date.

One database file per corpus (the set of folders and files brief was given) holds everything:
files seen, articles with their text, entities with the keys they are found by, mentions,
figures, quotes, affiliations, deals, near-duplicate bands and a full-text index. ``migrate`` moves an older schema
forward; a newer or unreadable one is set aside and rebuilt by the caller (the index is a
cache: the articles are the user's files).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from brief.labels import LABELS

VERSION = 9

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,          -- as brief shows it
    mtime_ns INTEGER NOT NULL,          -- wrapped to 64 bits (a date after 2262 is larger)
    size INTEGER NOT NULL,
    hash TEXT NOT NULL,                 -- of the content; '' for a feed, page list or link list itself
    article_id INTEGER,
    parent TEXT,                        -- the feed, list or link an entry came from
    inode INTEGER,                      -- with ctime_ns: the file was replaced or touched (0 for an entry)
    ctime_ns INTEGER,
    real TEXT                           -- the resolved path: the same file however the folder is named
);
CREATE INDEX IF NOT EXISTS files_article ON files(article_id);
CREATE INDEX IF NOT EXISTS files_parent ON files(parent);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    title_derived INTEGER NOT NULL DEFAULT 0,
    source TEXT, author TEXT, url TEXT,
    published TEXT,                          -- ISO 8601 (brief.pipeline.dates.iso_date): what the list sorts by
    published_text TEXT,                     -- the date as written, shown when it is no date ("yesterday")
    summary_only INTEGER NOT NULL DEFAULT 0,  -- a feed entry that carried only its summary
    standfirst TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    headings TEXT NOT NULL DEFAULT '[]',     -- JSON [[start, end], ...]
    raw BLOB,                                -- zlib of the text as read
    n_people INTEGER NOT NULL DEFAULT 0,
    n_orgs INTEGER NOT NULL DEFAULT 0,
    n_figures INTEGER NOT NULL DEFAULT 0,
    sketch BLOB,                             -- MinHash of the body, for finding the same story
    dup_of INTEGER REFERENCES articles(id)   -- the same story, shown once: the first one indexed
);
CREATE INDEX IF NOT EXISTS articles_dup ON articles(dup_of);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
-- the article list: one row per story, newest first, undated last
CREATE INDEX IF NOT EXISTS articles_list ON articles(published IS NULL, published DESC, id) WHERE dup_of IS NULL;
CREATE TABLE IF NOT EXISTS bands (value INTEGER NOT NULL, article_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bands_lookup ON bands(value);
CREATE INDEX IF NOT EXISTS bands_article ON bands(article_id);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    declared TEXT NOT NULL DEFAULT '',
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_rank ON entities(type, mention_count DESC);
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT NOT NULL, entity_id INTEGER NOT NULL, PRIMARY KEY (key, entity_id)
);
CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity_id);
CREATE TABLE IF NOT EXISTS aliases (
    entity_id INTEGER NOT NULL, alias TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX IF NOT EXISTS aliases_text ON aliases(alias COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS entity_votes (  -- an entity's type is the label its mentions carry with most confidence
    entity_id INTEGER NOT NULL, label TEXT NOT NULL, weight REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, label)
);
-- relations, located in the body: who said what, who works where, who bought what
CREATE TABLE IF NOT EXISTS quotes (
    article_id INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    speaker_id INTEGER, speaker_text TEXT,
    rule TEXT NOT NULL DEFAULT ''  -- the quote rule that found the speaker
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id, article_id);
CREATE TABLE IF NOT EXISTS affiliations (
    article_id INTEGER NOT NULL, person_id INTEGER NOT NULL, org_id INTEGER, role TEXT,
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    rule TEXT NOT NULL DEFAULT ''  -- the relation rule that found it, for the user who asks why
);
CREATE INDEX IF NOT EXISTS affiliations_article ON affiliations(article_id);
CREATE INDEX IF NOT EXISTS affiliations_person ON affiliations(person_id);
CREATE INDEX IF NOT EXISTS affiliations_org ON affiliations(org_id, article_id);
CREATE TABLE IF NOT EXISTS deals (
    article_id INTEGER NOT NULL, kind TEXT NOT NULL, buyer_id INTEGER, target_id INTEGER,
    amount TEXT, amount_value REAL, stake TEXT, stake_value REAL,  -- the figures' text and value
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    rule TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS deals_article ON deals(article_id);
CREATE INDEX IF NOT EXISTS deals_kind ON deals(kind, article_id);
CREATE INDEX IF NOT EXISTS deals_buyer ON deals(buyer_id, article_id);
CREATE INDEX IF NOT EXISTS deals_target ON deals(target_id, article_id);
CREATE TABLE IF NOT EXISTS mentions (
    article_id INTEGER NOT NULL, entity_id INTEGER NOT NULL,
    field TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',          -- what the extractor typed this mention
    score REAL NOT NULL DEFAULT 1,           -- its confidence in that label (1 for a rule or a lexicon)
    source TEXT NOT NULL DEFAULT ''          -- what made the tag: model, rule:<name>, lexicon:<name>
);
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    kind TEXT NOT NULL, value REAL NOT NULL, value_max REAL, currency TEXT, unit TEXT,
    approximate INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL, field TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    about TEXT NOT NULL DEFAULT '',
    occurrences TEXT NOT NULL DEFAULT '[]',  -- JSON [[field, start, end], ...]
    sent_start INTEGER NOT NULL DEFAULT 0,   -- its sentence: the mentions there say what it is about
    sent_end INTEGER NOT NULL DEFAULT 0,
    words TEXT NOT NULL DEFAULT '[]'         -- JSON key words of the sentence
);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id);
DROP INDEX IF EXISTS figures_value;  -- replaced by figures_search, which also holds the article
CREATE INDEX IF NOT EXISTS figures_search ON figures(kind, value, article_id);  -- money>1e9 without table reads
-- 5 -> 6, new and unread (brief.pipeline.index.library, "reading"): what the reader has seen, by content, so it
-- outlives a re-index (a new extractor empties articles, not this); meta 'opened_at' and 'since' say when the
-- reader opened the corpus this time and the time before
CREATE TABLE IF NOT EXISTS reading (
    hash TEXT PRIMARY KEY,               -- articles.hash
    added_at REAL NOT NULL,              -- when the index first held it (Unix time; 0: before brief kept it)
    read_at REAL                         -- when it was first opened in the reader; NULL: unread
);
CREATE INDEX IF NOT EXISTS reading_read ON reading(read_at) WHERE read_at IS NOT NULL;  -- the few read: unread counted
-- schema 6 (h-review): the fixes made for this corpus (the reader's w, brief fixes), with who and when;
-- one undone keeps its row (undone_by, undone_at), so the list says what was done and by whom.
-- Plain SQL: the ids are given by brief (max + 1 in the write transaction), the times are ISO 8601 text.
CREATE TABLE IF NOT EXISTS fixes (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,                    -- ignore, type, merge, split (brief.config.Fix)
    name TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT '',
    choice INTEGER NOT NULL,                 -- the fixes of one choice in the dialog share it (the first's id)
    made_by TEXT NOT NULL,
    made_at TEXT NOT NULL,
    undone_by TEXT,
    undone_at TEXT
);
-- 6 -> 7 (h-million): what a large index's reads need, read from indexes alone and not from the rows (on PostgreSQL
-- at 1,000,000 articles, each row read is a page read): an article's copy and date by its id (the matches of a
-- search, a profile's articles), the ids by date (the sparklines' days), a mention's entity and field by its article
-- (who is named with whom) and its article and field by its entity, and the few articles added since the corpus was
-- last opened (what is new). The three widened replace the narrower ones.
DROP INDEX IF EXISTS articles_published;
DROP INDEX IF EXISTS mentions_article;
DROP INDEX IF EXISTS mentions_entity;
CREATE INDEX IF NOT EXISTS articles_day ON articles(published, id);
CREATE INDEX IF NOT EXISTS articles_dated ON articles(id, dup_of, published);
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions(article_id, entity_id, field);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity_id, article_id, field);
CREATE INDEX IF NOT EXISTS reading_added ON reading(added_at);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""


STORIES = ("(SELECT count(DISTINCT coalesce(a.dup_of, a.id)) FROM mentions m JOIN articles a ON a.id = m.article_id"
           " WHERE m.entity_id = {entity})")
"""The number of stories that name an entity: the copies of one story (``articles.dup_of``) count once,
as the article list shows them."""


PREFIX = {"person": "per", "organization": "org"}
"""Of entity slugs (``per-jane-roe``); other types are written in full (``place-velmora``)."""
SLUG_PREFIXES = sorted({PREFIX.get(label, label) for label in LABELS}, key=len, reverse=True)


def slug_rest(slug: str) -> str:
    """An entity's slug without the prefix of its type: what stays when its type changes."""
    prefix = next((p for p in SLUG_PREFIXES if slug.startswith(f"{p}-")), None)
    return slug[len(prefix) + 1:] if prefix else slug


def entity_of_slug(slug: str) -> tuple[str, list[object]]:
    """SQL for the id of the entity ``slug`` names, and its parameters. An id given before a retype
    (``place-velmora``, now ``org-velmora``) still finds the entity when one only has that name under
    another type's prefix."""
    others = [f"{p}-{slug_rest(slug)}" for p in SLUG_PREFIXES]
    return (f"coalesce((SELECT id FROM entities WHERE slug = ?), (SELECT min(id) FROM entities WHERE slug IN"
            f" ({', '.join('?' * len(others))}) HAVING count(*) = 1))", [slug, *others])


class SchemaError(sqlite3.DatabaseError):
    """The file is an index of a schema this brief cannot read."""


def migrate(db: sqlite3.Connection) -> None:
    """Create the schema, or bring an older one up to ``VERSION``; refuse a newer one."""
    from brief.pipeline.index.store import POSTGRESQL, dialect

    if dialect(db) == POSTGRESQL:
        _migrate_postgres(db)
        return
    has_meta = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    found = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() if has_meta else None
    version = int(found[0]) if found else 0
    if version > VERSION:
        raise SchemaError(f"made by a newer brief (schema version {version}, this brief reads {VERSION})")
    if version == 1:
        # Version 1 cached per-article analyses only; everything it held is redone from the files.
        db.executescript("DROP TABLE IF EXISTS analyses;")
    if 1 < version < 3:
        # Version 2 kept no label, score or source per mention: everything is redone from the files.
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta'").fetchall():
            if not name.startswith(("articles_fts_", "sqlite_")):
                db.execute(f"DROP TABLE IF EXISTS {name}")
        db.execute("DELETE FROM meta WHERE key != 'schema_version'")
    if version in (5, 6, 7, 8, VERSION):
        missing = sorted(set(TABLES) - {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
                         - (NEW_IN_6 if version == 5 else set()))
        if missing:  # before the DDL would quietly create them empty
            raise SchemaError(f"damaged: no table {', '.join(missing)}")
    if version in (5, 6, 7, 8, VERSION) and "rule" not in {r[1] for r in db.execute("PRAGMA table_info(quotes)")}:
        raise SchemaError("made before quotes kept their rule")  # a version 5 of before its release (5 -> 6: still)
    if version == 3:
        # Version 4 adds quotes, affiliations and deals (affiliations replace the roles): the
        # articles the index holds are analysed again from their stored text, files not re-read.
        db.executescript("DROP TABLE IF EXISTS roles;")
    if version == 4:
        # Version 5 stores the rule that found each quote's speaker, affiliation and deal; the relations
        # are found anew.
        for table in ("quotes", "affiliations", "deals"):
            if "rule" not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}:
                db.execute(f"ALTER TABLE {table} ADD COLUMN rule TEXT NOT NULL DEFAULT ''")
    ddl = DDL
    if version == VERSION:  # the reader's indexes a cold load dropped: built now, or left to the load that runs
        from brief.pipeline.index import bulk

        ddl = bulk.without(DDL, bulk.settle(db))
    db.executescript(f"BEGIN; {ddl} COMMIT;")  # one transaction: a new index's log holds each page once
    if "published_text" not in {r[1] for r in db.execute("PRAGMA table_info(articles)")}:
        _dates_as_iso(db)  # an index of version 3 or 4 (or of an unreleased 5)
    if version == VERSION:
        check(db)
        return  # nothing to write: opening an index never waits for another brief's writes
    if 0 < version < 6:
        # 5 -> 6, new and unread: the articles indexed before are not new (added at 0), and unread.
        db.execute("INSERT OR IGNORE INTO reading (hash, added_at) SELECT hash, 0 FROM articles")
    if version in (3, 4):
        # Version 5 keeps each file's inode, change time and resolved path (NULL until next seen), and
        # counts an entity's articles once per story (copies aside).
        have = {r[1] for r in db.execute("PRAGMA table_info(files)")}
        for column, kind in (("inode", "INTEGER"), ("ctime_ns", "INTEGER"), ("real", "TEXT")):
            if column not in have:
                db.execute(f"ALTER TABLE files ADD COLUMN {column} {kind}")
        db.execute(f"UPDATE entities SET article_count = {STORIES.format(entity='entities.id')}")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('reanalyse', '1')")
    if version == 5:
        # (h-review) Version 6: an entity's id follows its type; ids given before a retype still find it
        # (``entity_of_slug``).
        _ids_follow_types(db)
    _stories_regrouped(db, version)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(VERSION),))
    db.commit()


def _migrate_postgres(db: Any) -> None:
    """Create the schema on PostgreSQL, or bring an older one up to ``VERSION``; refuse a newer one.

    The tables, columns and indexes are ``DDL``'s (``store.postgres_ddl``): every statement there is
    idempotent and each column is added if missing, so a version that adds a table or a column to ``DDL``
    migrates here as it is (a version that changes what rows mean says so in a block of its own, as above).
    Under the write lock: two clients that open a new index at once create it once.
    """
    from brief.pipeline.index.store import FTS_CONFIG, SCHEMA_KEY, WRITE_LOCK, postgres_ddl, read_tables

    found = db.raw("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() \
        if db.raw("SELECT to_regclass('meta')").fetchone()[0] else None
    if found and int(found[0]) == VERSION and db.raw("SELECT to_regclass('article_words')").fetchone()[0]:
        from brief.pipeline.index import bulk

        bulk.heal(db)  # the indexes a load killed midway left to build (one read when there are none)
        return  # nothing to write: opening an index never waits for another brief's writes
    db.execute("BEGIN")
    try:
        db.raw(f"SELECT pg_advisory_xact_lock({SCHEMA_KEY})", (WRITE_LOCK,))
        exists = db.raw("SELECT to_regclass('meta')").fetchone()[0]
        found = db.raw("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if exists else None
        version = int(found[0]) if found else 0
        if version > VERSION:
            raise SchemaError(f"made by a newer brief (schema version {version}, this brief reads {VERSION})")
        if version < VERSION or not db.raw("SELECT to_regclass('article_words')").fetchone()[0]:
            _fts_config(db, FTS_CONFIG)
            _words_apart(db)  # 6 -> 7 (h-search), before the DDL indexes the table
            for statement in postgres_ddl(DDL):
                db.raw(statement)
            for table, (_key, _names, body) in read_tables(DDL).items():
                from brief.pipeline.index.store import _columns, _pg_type, _q

                for column, definition in _columns(body):
                    if "PRIMARY KEY" not in definition.upper():
                        db.raw(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {_q(column)} {_pg_type(definition)}")
            _name_trigrams(db)  # 6 -> 7
            # 7 -> 8 (h-pgw), PostgreSQL's own: article_words' trigger (``store.WORDS_DDL``, made again above by
            # ``postgres_ddl``) fires on an update of the columns it copies only; SQLite's index has nothing to do
            if 0 < version < 6:  # 5 -> 6 as ``migrate`` does it: the articles indexed before are not new, and unread
                db.execute("INSERT OR IGNORE INTO reading (hash, added_at) SELECT hash, 0 FROM articles")
            if version == 5:
                _move_ids(db)  # an entity's id follows its type
            _stories_regrouped(db, version)
            db.raw("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE"
                   " SET value = excluded.value", (str(VERSION),))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


# (h-leftovers, schema 9) A story is every article linked by near copies of near copies, shown as its first by path
# (``Writer._join``): an index an older brief wrote kept the stories it had joined by the first one overlapped, and
# their entities' counts, until those articles changed. Marked here (both stores), regrouped by the next update
# (``stories.settle``), in a write transaction: a migration that read every band would make the open wait.
def _stories_regrouped(db: Any, version: int) -> None:
    if 0 < version < 9:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('regroup', '1')")


def _extension(db: Any, name: str) -> str:
    """The schema of the server's extension ``name``, installed by brief if the database has it not: in ``public``,
    shared by every corpus of the database (installed in a corpus's own schema, dropping that corpus with CASCADE
    took the other corpora's accent-blind search and name indexes with it), else, where ``public`` is not ours to
    create in, in the index's schema. Raises when the server has no such extension or it is not ours to install."""
    found = db.raw("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = %s", (name,)).fetchone()
    if found:
        return str(found[0])
    db.raw("SAVEPOINT shared_extension")
    try:
        db.raw(f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public")
        db.raw("RELEASE SAVEPOINT shared_extension")
    except Exception:  # no CREATE on public (PostgreSQL 15's default for all but its owner)
        db.raw("ROLLBACK TO SAVEPOINT shared_extension")
        db.raw(f"CREATE EXTENSION IF NOT EXISTS {name}")
    return str(db.raw("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = %s",
                      (name,)).fetchone()[0])


def _fts_config(db: Any, name: str) -> None:
    """The text search configuration of the full-text index: words as written (no stemming, no stop words, as
    SQLite's unicode61), accents taken off when the server has ``unaccent`` (as ``remove_diacritics``)."""
    if db.raw("SELECT 1 FROM pg_ts_config WHERE cfgname = %s AND cfgnamespace = current_schema()::regnamespace",
              (name,)).fetchone():
        return
    db.raw(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = simple)")
    db.raw("SAVEPOINT accents")
    try:
        where = _extension(db, "unaccent")
        db.raw(f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word"
               f" WITH {where}.unaccent, simple")
        db.raw("RELEASE SAVEPOINT accents")
    except Exception:  # no unaccent on this server, or not ours to install: accents stay
        db.raw("ROLLBACK TO SAVEPOINT accents")


def _words_apart(db: Any) -> None:
    """6 -> 7 (h-search), PostgreSQL's own: the articles' words move from a column of ``articles`` to the narrow
    ``article_words`` (``store.WORDS_DDL``), copied as they are (not computed again); the DDL then indexes them."""
    from brief.pipeline.index.store import WORDS_DDL

    if db.raw("SELECT to_regclass('article_words')").fetchone()[0] or not db.raw(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'articles'"
            " AND column_name = 'fts'").fetchone():
        return  # a new index, or one moved already
    db.raw(WORDS_DDL[0])
    db.raw(WORDS_DDL[1])
    db.raw("SET LOCAL maintenance_work_mem = '256MB'")  # the GIN index of a large index, built in fewer passes
    db.raw("INSERT INTO article_words SELECT id, published, dup_of, fts FROM articles")
    db.raw("ANALYZE article_words")
    db.raw("ALTER TABLE articles DROP COLUMN fts")


def _name_trigrams(db: Any) -> None:
    """6 -> 7 (h-million), PostgreSQL's own: trigram indexes of the entities' names and their ways of writing them, so
    that person:, org:, said: and with: (a name that contains the words) read the few entities named so, not all of
    them (445,000 at 1,000,000 articles: 260 -> 16 ms for a rare name). Where the server has no ``pg_trgm`` (its
    contrib package), or it is not ours to install, the names are read as before."""
    db.raw("SAVEPOINT trigrams")
    try:
        where = _extension(db, "pg_trgm")
        db.raw(f"CREATE INDEX IF NOT EXISTS entities_name_trgm ON entities USING gin (name {where}.gin_trgm_ops)")
        # the aliases' without GIN's pending list (fastupdate off): the writer's alias upserts flushed it again and
        # again (47 ms a batch statement, 28 of a 40 s cold index of 2,000 articles). The names' keep it: their
        # rows are updated (counts) more than inserted, and each update would put the name's trigrams in again
        db.raw(f"CREATE INDEX IF NOT EXISTS aliases_alias_trgm ON aliases USING gin (alias {where}.gin_trgm_ops)"
               " WITH (fastupdate = off)")
        db.raw("ALTER INDEX aliases_alias_trgm SET (fastupdate = off)")  # one made before this line
        db.raw("RELEASE SAVEPOINT trigrams")
    except Exception:  # no pg_trgm on this server: LIKE reads every name, as on SQLite
        db.raw("ROLLBACK TO SAVEPOINT trigrams")


def _ids_follow_types(db: sqlite3.Connection) -> None:
    """Give each entity whose id names another type (``place-velmora``, an organization) the id of its type."""
    db.execute("BEGIN IMMEDIATE")  # read in the transaction: another brief may have done it meanwhile
    _move_ids(db)
    db.execute("COMMIT")


def _move_ids(db: sqlite3.Connection) -> None:
    taken = {r[0] for r in db.execute("SELECT slug FROM entities UNION ALL SELECT slug FROM articles")}
    moves = []
    for entity, slug, kind in db.execute("SELECT id, slug, type FROM entities ORDER BY id").fetchall():
        prefix = PREFIX.get(kind, kind)
        if slug.startswith(f"{prefix}-"):
            continue
        base = new = f"{prefix}-{slug_rest(slug)}"
        n = 1
        while new in taken:
            new, n = f"{base}-{n}", n + 1
        taken.add(new)
        moves.append((new, entity))
    db.executemany("UPDATE entities SET slug = ? WHERE id = ?", moves)


def _dates_as_iso(db: sqlite3.Connection) -> None:
    """Version 5 keeps each article's date as ISO 8601 and as written: the dates stored as written
    ("January 1, 2020") are read once, so the list sorts them among the others (undated when not a date)."""
    from brief.pipeline.dates import iso_date

    db.execute("ALTER TABLE articles ADD COLUMN published_text TEXT")
    rows = db.execute("SELECT id, published FROM articles WHERE published IS NOT NULL").fetchall()
    db.executemany("UPDATE articles SET published_text = ?, published = ? WHERE id = ?",
                   [(written, iso_date(written), aid) for aid, written in rows])
    db.commit()


NEW_IN_6 = {"fixes", "reading"}
"""The tables schema 6 adds: a version 5 index lacks them, and is not damaged for it."""

TABLES = re.findall(r"CREATE (?:VIRTUAL )?TABLE IF NOT EXISTS (\w+)", DDL) + [
    f"articles_fts_{shadow}" for shadow in ("data", "idx", "docsize", "config")]

# Each query gives two numbers that are equal in an index brief wrote. They read counts and small
# tables only (1-7 ms in all at 1,000 articles), so every open can afford them.
CHECKS = {
    "articles missing from the full-text index": "SELECT (SELECT count(*) FROM articles),"
                                                 " (SELECT count(*) FROM articles_fts_docsize)",
    "files pointing to missing articles": "SELECT (SELECT count(DISTINCT article_id) FROM files),"
                                          " min((SELECT count(DISTINCT article_id) FROM files),"
                                          " (SELECT count(*) FROM articles))",
    "mentions and names that do not add up": "SELECT (SELECT count(*) FROM mentions), (SELECT coalesce(sum(count), 0)"
                                             " FROM aliases)",
    "names of missing entities": "SELECT 0, EXISTS (SELECT 1 FROM aliases WHERE entity_id NOT IN"
                                 " (SELECT id FROM entities))",
}


def check(db: sqlite3.Connection) -> None:
    """Raise ``SchemaError`` for an index whose tables disagree (rows deleted by hand, say), so it is rebuilt."""
    for problem, query in CHECKS.items():
        expected, found = db.execute(query).fetchone()
        if expected != found:
            raise SchemaError(f"damaged: {problem}")
