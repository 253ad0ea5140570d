#!/usr/bin/env python3
"""A PostgreSQL index of 1,000,000 generated articles, for the read targets of issue 20 (search, profile).

    python bench/make_million.py --url postgresql:///brief?host=/tmp/pg   # or BRIEF_TEST_PG; .ci/pg starts one

How the index is made (one command; resumable: run it again after an interruption and it goes on):
1. Base: ``--base`` (10,000) articles written by ``bench/make_corpus.py`` (dated over a year) are indexed
   through the real pipeline (``Library(index_url=...).update()``) into the schema ``--schema`` of the server
   ("million"): every row of the base is what brief itself writes.
2. Copies: the base is multiplied on the server, in SQL, to ``--total`` articles: copy c (1..N-1) of every
   table of the schema (articles with their tsvector, files, bands, reading, mentions, figures, quotes,
   affiliations, deals, entities, aliases, entity_keys, entity_votes) with ids shifted by c times the base's
   largest id, paths under ``copy-NNN/``, slugs ``<slug>-cNNN``, hashes of their own, dates moved back c*37
   days (so the corpus spans about ten years), the near-duplicate links (dup_of) kept within the copy.
   Entities are shared across copies as a real corpus's are, by how often the base names them:
   - frequent (in >= ``--shared`` base articles): one entity across all copies (a few end in 100,000+ articles);
   - medium (>= ``--grouped``): one entity per group of ten copies ("<name> gNN");
   - the long tail: one entity per copy ("<name> cNNN"), so the entity table and its posting lists grow.
   Counts are kept as the writer keeps them (mention_count, article_count, alias counts: scaled by the
   copies an entity spans; ``schema.check`` passes), the generation counter moves, ANALYZE at the end.
   The reading state: the base (copy 0) is "new since the last opening" and 2,000 articles of copy 1 are read.
What it does not make: new words. The bodies of the copies are the base's texts, so a word's posting list is
the base's times the copies (a phrase found in k base articles is in k*N), and a rare name is found by the full
text in every copy (its entity, by ``person:``/``org:``, only in its own copy).

Cost on 2 busy cores: the base 130 s, the copies 6 min, the indexes 3 min (the full-text one 100 s); 7 GB on disk.
Read it with ``brief --index 'URL&options=-csearch_path%3Dmillion' ...`` or ``bench/bench_million.py``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import corpus, schema_url  # noqa: E402


def _base(url: str, schema: str, n: int, workers: int | None) -> None:
    """Index ``n`` generated articles through the real pipeline into ``schema``."""
    from brief.pipeline.index import store
    from brief.pipeline.index.library import Library

    base = corpus(n, Path(tempfile.gettempdir()) / f"brief-million-base-{n}", dated=365)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="brief-million-cache-") as cache:  # (the index is the server's)
        lib = Library([base], index_url=schema_url(url, schema), cache_dir=Path(cache))
        report = lib.update(workers=workers)
        lib.close()
        store.close_pools()
    print(f"base: {report.added:,} articles indexed through the pipeline in {time.perf_counter() - start:.0f} s",
          flush=True)


TIER = {"shared": 0, "grouped": 1, "own": 2}
GROUP = 10
"""Copies that share one entity of the medium tier."""
_KEY = f"CASE t.tier WHEN 0 THEN 0 WHEN 1 THEN {{c}} / {GROUP} ELSE {{c}} END"
"""The copy key k of an entity in copy c: its id there is id + E * k (k = 0: the base's own entity)."""


def _entity(column: str, alias: str, c: str = "c") -> str:
    """The id in copy ``c`` of the entity in ``column`` (NULL stays NULL), its tier read from ``alias``."""
    return f"{column} + :E * {_KEY.format(c=c).replace('t.tier', f'{alias}.tier')}"


def _suffix(alias: str, k: str) -> str:
    """What the name of a copied entity (tier in ``alias``, copy key ``k``) is given: " c17" (own), " g3" (grouped)."""
    return f"CASE {alias}.tier WHEN 1 THEN ' g' ELSE ' c' END || {k}"


_HASH = "left(a.hash, 56) || lpad(to_hex(c), 8, '0')"
"""A copy's content hash: its own, so the reading state and the files are the copy's."""
_DAY = "(left(a.published, 10)::date - 37 * c)::text || substr(a.published, 11)"
"""A copy's date: 37 days earlier a copy, so that 100 copies of a year span eleven years."""

# Every table of the schema: how copy c of a base row is written (columns not named are copied as they are);
# "from" joins the entity tiers an entity column needs. A table added to the schema and not here stops the run.
ROWS = {
    "articles": ({"id": "a.id + :A * c", "hash": _HASH, "slug": "a.slug || '-c' || c",
                  "path": "'copy-' || lpad(c::text, 3, '0') || '/' || a.path",
                  "dup_of": "a.dup_of + :A * c",
                  "published": f"CASE WHEN a.published ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}' THEN {_DAY} END",
                  "published_text": f"CASE WHEN a.published_text = a.published THEN {_DAY} ELSE a.published_text END"},
                 "articles a", "a.id"),
    "files": ({"path": "'copy-' || lpad(c::text, 3, '0') || '/' || a.path",
               "real": "CASE WHEN a.real IS NOT NULL THEN 'copy-' || lpad(c::text, 3, '0') || '/' || a.real END",
               "parent": "CASE WHEN a.parent IS NOT NULL THEN 'copy-' || lpad(c::text, 3, '0') || '/' || a.parent END",
               "hash": f"CASE WHEN a.hash = '' THEN '' ELSE {_HASH} END",
               "article_id": "a.article_id + :A * c"}, "files a", "a.path"),
    "bands": ({"value": "a.value # (c::bigint << 40)", "article_id": "a.article_id + :A * c"}, "bands a", "a.rowid"),
    "reading": ({"hash": _HASH, "added_at": "a.added_at - 3 * 86400 * c",
                 "read_at": "NULL"}, "reading a JOIN articles b ON b.hash = a.hash", "a.hash"),
    "mentions": ({"article_id": "a.article_id + :A * c", "entity_id": _entity("a.entity_id", "t")},
                 "mentions a JOIN million_tier t ON t.id = a.entity_id", "a.rowid"),
    "figures": ({"id": "a.id + :F * c", "article_id": "a.article_id + :A * c"}, "figures a", "a.id"),
    "quotes": ({"article_id": "a.article_id + :A * c", "speaker_id": _entity("a.speaker_id", "t")},
               "quotes a LEFT JOIN million_tier t ON t.id = a.speaker_id", "a.rowid"),
    "affiliations": ({"article_id": "a.article_id + :A * c", "person_id": _entity("a.person_id", "t"),
                      "org_id": _entity("a.org_id", "o")},
                     "affiliations a LEFT JOIN million_tier t ON t.id = a.person_id"
                     " LEFT JOIN million_tier o ON o.id = a.org_id", "a.rowid"),
    "deals": ({"article_id": "a.article_id + :A * c", "buyer_id": _entity("a.buyer_id", "t"),
               "target_id": _entity("a.target_id", "o")},
              "deals a LEFT JOIN million_tier t ON t.id = a.buyer_id LEFT JOIN million_tier o ON o.id = a.target_id",
              "a.rowid"),
}
"""The rows of articles: copied for each copy c."""
ENTITY_ROWS = {
    "entities": ({"id": "a.id + :E * k", "slug": "a.slug || replace(" + _suffix("t", "k") + ", ' ', '-')",
                  "name": "a.name || " + _suffix("t", "k")}, "entities a JOIN million_tier t ON t.id = a.id", "a.id"),
    "aliases": ({"entity_id": "a.entity_id + :E * k", "alias": "a.alias || " + _suffix("t", "k")},
                "aliases a JOIN million_tier t ON t.id = a.entity_id", "a.entity_id"),
    "entity_keys": ({"entity_id": "a.entity_id + :E * k", "key": "a.key || " + _suffix("t", "k")},
                    "entity_keys a JOIN million_tier t ON t.id = a.entity_id", "a.entity_id"),
    "entity_votes": ({"entity_id": "a.entity_id + :E * k"},
                     "entity_votes a JOIN million_tier t ON t.id = a.entity_id", "a.entity_id"),
}
"""The rows of entities: copied for each copy key k > 0 of their tier (one per copy, or per group of copies)."""
NOT_COPIED = {"meta", "fixes", "article_words"}  # article_words: written by its trigger as the articles are
SCALED = {"entities": ("mention_count", "article_count"), "aliases": ("count",), "entity_votes": ("weight",)}
"""Counts of an entity's rows, multiplied by the copies the entity spans (the copies are the base's rows)."""


def multiply(url: str, total: int, shared: int, grouped: int, chunk: int = 5) -> None:
    """Copy the base in ``url`` (the index's schema) to ``total`` articles, ``chunk`` copies a transaction."""
    import psycopg

    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as db:
        def run(sql: str, **values: int) -> int:
            for name, value in values.items():
                sql = sql.replace(f":{name}", str(value))
            return db.execute(sql).rowcount

        db.execute("SET maintenance_work_mem = '512MB'")
        db.execute("CREATE TABLE IF NOT EXISTS million_state (key text PRIMARY KEY, value text NOT NULL)")
        state = dict(db.execute("SELECT key, value FROM million_state").fetchall())
        if "A" not in state:  # the base, as indexed: its largest ids and its entities' tiers
            (a,), (e,), (f,) = (db.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()
                                for t in ("articles", "entities", "figures"))
            base = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            state = {"A": str(a), "E": str(e), "F": str(f), "copies": str(max(1, round(total / base))), "done": "0"}
            db.execute("DROP TABLE IF EXISTS million_tier")
            db.execute("CREATE TABLE million_tier AS SELECT id, CASE WHEN article_count >= %s THEN 0"
                       " WHEN article_count >= %s THEN 1 ELSE 2 END AS tier FROM entities", (shared, grouped))
            db.execute("ALTER TABLE million_tier ADD PRIMARY KEY (id)")
            with db.transaction():
                db.execute("CREATE TABLE IF NOT EXISTS million_indexes (def text NOT NULL)")
                db.execute("INSERT INTO million_indexes SELECT indexdef FROM pg_indexes WHERE schemaname ="
                           " current_schema() AND indexname NOT LIKE '%%_pkey' AND indexname NOT LIKE '%%_key'"
                           " AND tablename NOT LIKE 'million_%%'")
                for (name,) in db.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                                          " AND indexname NOT LIKE '%%_pkey' AND indexname NOT LIKE '%%_key'"
                                          " AND tablename NOT LIKE 'million_%%'").fetchall():
                    db.execute(f"DROP INDEX {name}")  # rebuilt once at the end: far cheaper than row by row
                db.cursor().executemany("INSERT INTO million_state VALUES (%s, %s)", list(state.items()))
        A, E, F, copies = (int(state[k]) for k in ("A", "E", "F", "copies"))
        tables = {r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                                           " AND tablename NOT LIKE 'million_%%'")}
        if unknown := tables - set(ROWS) - set(ENTITY_ROWS) - NOT_COPIED:
            raise SystemExit(f"make_million: say how to copy the table(s) {', '.join(sorted(unknown))}")
        columns = {t: [r[0] for r in db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = %s AND is_generated = 'NEVER' AND column_name != 'rowid' ORDER BY ordinal_position",
            (t,))] for t in tables}

        def copy(table: str, spec: tuple[dict[str, str], str, str], series: str, limit: str = "true") -> int:
            given, source, order = spec
            names = columns[table]
            values = ", ".join(given.get(n, f"a.{n}" if n != "end" else 'a."end"') for n in names)
            quoted = ", ".join(f'"{n}"' for n in names)
            return run(f"INSERT INTO {table} ({quoted}) SELECT {values} FROM {source} CROSS JOIN {series}"
                       f" WHERE {limit} ORDER BY c, {order}", A=A, E=E, F=F)

        if state.get("entities") != "1":
            with db.transaction():
                keys = (f"(SELECT k FROM generate_series(1, {copies - 1}) k) s(c)"
                        f" CROSS JOIN LATERAL (SELECT CASE WHEN t.tier = 1 THEN c / {GROUP} ELSE c END AS k) kk")
                for table, spec in ENTITY_ROWS.items():
                    n = copy(table, spec, keys, f"t.tier = 2 OR (t.tier = 1 AND c % {GROUP} = 0)")
                    print(f"entities: {n:,} rows of {table}", flush=True)
                db.execute("UPDATE million_state SET value = '1' WHERE key = 'entities'"
                           if "entities" in state else "INSERT INTO million_state VALUES ('entities', '1')")
        done = db.execute("SELECT value FROM million_state WHERE key = 'done'").fetchone()[0]
        done = copies if done == "finished" else int(done)
        for first in range(max(1, done + 1), copies, chunk):
            last = min(copies - 1, first + chunk - 1)
            with db.transaction():
                for table, spec in ROWS.items():
                    copy(table, spec, f"generate_series({first}, {last}) c",
                         f"b.id <= {A}" if table == "reading" else
                         f"a.{'id' if table == 'articles' else 'article_id'} <= {A}"
                         if table != "files" else f"(a.article_id IS NULL OR a.article_id <= {A})")
                db.execute("UPDATE million_state SET value = %s WHERE key = 'done'", (str(last),))
            print(f"copies {first}-{last} of {copies - 1} written ({time.perf_counter() - t0:.0f} s)", flush=True)
        if db.execute("SELECT value FROM million_state WHERE key = 'done'").fetchone()[0] != "finished":
            with db.transaction():
                for table, counted in SCALED.items():  # id = e + E * k: the base's entity e, copy key k
                    key = "id" if table == "entities" else "entity_id"
                    span = (f"CASE t.tier WHEN 0 THEN {copies} WHEN 1 THEN"
                            f" least({GROUP}, {copies} - {GROUP} * ((a.{key} - 1) / {E})) ELSE 1 END")
                    sets = ", ".join(f"{c} = a.{c} * ({span})" for c in counted)
                    run(f"UPDATE {table} a SET {sets} FROM million_tier t WHERE t.id = (a.{key} - 1) % {E} + 1"
                        " AND t.tier < 2")
                # the reading state: the base is new since the last opening, 2,000 articles of copy 1 read
                added = db.execute("SELECT min(added_at) FROM reading r JOIN articles b ON b.hash = r.hash"
                                   f" WHERE b.id <= {A}").fetchone()[0]
                db.execute("INSERT INTO meta VALUES ('since', %s), ('opened_at', %s) ON CONFLICT (key) DO UPDATE"
                           " SET value = excluded.value", (repr(added - 1), repr(time.time())))
                run(f"UPDATE reading SET read_at = added_at + 60 WHERE hash IN (SELECT hash FROM articles"
                    f" WHERE id > {A} AND id <= {A} + 2000)")
                db.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE"
                           " SET value = (meta.value::bigint + 1)::text")
                db.execute("UPDATE million_state SET value = 'finished' WHERE key = 'done'")
            print(f"counts scaled ({time.perf_counter() - t0:.0f} s)", flush=True)
        for (definition,) in db.execute("SELECT def FROM million_indexes").fetchall():
            start = time.perf_counter()
            db.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
            print(f"{definition.split(' ON ')[0][13:]} ({time.perf_counter() - start:.0f} s)", flush=True)
        db.execute("DROP TABLE million_indexes")
        db.execute("VACUUM ANALYZE")
        n = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"{n:,} articles, {db.execute('SELECT count(*) FROM entities').fetchone()[0]:,} entities"
              f" ({time.perf_counter() - t0:.0f} s)", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default=os.environ.get("BRIEF_TEST_PG"))
    ap.add_argument("--schema", default="million")
    ap.add_argument("--base", type=int, default=10_000)
    ap.add_argument("--total", type=int, default=1_000_000)
    ap.add_argument("--shared", type=int, default=30, help="base articles from which an entity is one in all copies")
    ap.add_argument("--grouped", type=int, default=5, help="... from which it is one per ten copies")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    if not args.url:
        ap.error("a PostgreSQL server: --url or BRIEF_TEST_PG (.ci/pg start DIR prints one)")
    import psycopg

    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {args.schema}")
        has = conn.execute("SELECT to_regclass(%s)", (f"{args.schema}.articles",)).fetchone()
        count = conn.execute(f"SELECT count(*) FROM {args.schema}.articles").fetchone()[0] if has and has[0] else 0
    if count == 0:
        _base(args.url, args.schema, args.base, args.workers)
    multiply(schema_url(args.url, args.schema), args.total, args.shared, args.grouped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
