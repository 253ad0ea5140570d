"""The index's two stores: SQLite (one file per corpus, the default) and PostgreSQL (one shared index).

The index modules (reader, writer, query, profile, fixes, schema) are written once, in SQL that
SQLite runs as it is, and take a connection with SQLite's calls (``execute``, ``executemany``,
``executescript``, ``commit``, ``in_transaction``). ``PostgresConnection`` gives those calls on a
pooled psycopg connection and maps, once per statement text (``to_postgres``), the few places where
the two dialects differ: placeholders, the upsert forms, truthy integers, case-blind comparison, the
full-text match (FTS5 ``MATCH`` there, a ``tsvector`` with a GIN index here, behind the same search
language), and SQLite's statements of its own (``PRAGMA``, the FTS table's bookkeeping).

A write transaction (``BEGIN IMMEDIATE``) takes one advisory lock, so writers on several machines
take turns as SQLite's processes do on one file, and resolve entities against what the previous
one committed. Each write bumps a generation number in ``meta``: ``PRAGMA data_version`` reads it,
so a writer or a reader knows when another client has committed since it last looked. A write transaction's new
articles are held and written a few to a statement, before the next statement that names the articles (``_hold``).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

SQLITE, POSTGRESQL = "sqlite", "postgresql"
WRITE_LOCK = 0x627269656601  # the advisory lock writers take in turn ("brief" and 1)
MOVED_TABLE = "CREATE TEMP TABLE IF NOT EXISTS moved_articles (id bigint) ON COMMIT DELETE ROWS"
"""The session's own list of the articles whose mentions a write transaction's merges moved (``writer.MERGE`` fills
it, ``Writer._recount`` reads it): kept on the server, so that a merge is not a round trip that waits for them."""

SCHEMA_KEY = "hashtextextended(coalesce(current_schema(), ''), %s)"
"""An advisory lock's key (``WRITE_LOCK``, ``bulk.LOAD_LOCK`` given as the seed) for the index's own schema, in SQL:
advisory locks are the database's, and two corpora in two schemas of one database (``?options=-csearch_path%3Ddeals``)
are two indexes, whose writers and loads wait for none of the other's."""


def dialect(db: Any) -> str:
    """The store a connection is on (a plain ``sqlite3.Connection`` is SQLite)."""
    return getattr(db, "dialect", SQLITE)


# --- SQLite's statements as PostgreSQL runs them ---------------------------------------------------

_MATCH = re.compile(r"SELECT rowid FROM articles_fts WHERE articles_fts MATCH \?")
_ON_WORDS = re.compile(r"a\.id (NOT )?IN \(SELECT rowid FROM articles_fts WHERE articles_fts MATCH \?\)")
_REPLACE = re.compile(r"INSERT OR REPLACE INTO (\w+)\s*(?:\(([^)]*)\))?")
_TRUE = re.compile(r"\b(WHERE|AND|OR|ON|NOT)\s+1\b(?!\s*[-+*/=<>!.0-9])")
_SUM_TEST = re.compile(r"\bsum\(([^()]*?(?:!=|<>|=|<|>)[^()]*)\)")
_NOCASE_EQ = re.compile(r"([\w.]+) = \? COLLATE NOCASE")
_NOCASE = re.compile(r"([\w.]+) COLLATE NOCASE")
_PLAIN_INSERT = re.compile(r"(INSERT INTO \w+(?: \([^)]*\))? VALUES )(\((?:%s, )*%s\))( ON CONFLICT DO NOTHING)?")
_ADDING_UPSERT = re.compile(  # the row's value added to the one there, when there is one
    r"(INSERT INTO (\w+) VALUES )(\((?:%s, )*%s\)) ON CONFLICT \(([^)]*)\) DO UPDATE SET (\w+) = \2\.\5 \+ %s")
_SIMPLE_UPDATE = re.compile(r"UPDATE (\w+) SET ((?:\w+ = (?:\w+ \+ )?%s, )*\w+ = (?:\w+ \+ )?%s) WHERE (\w+) = %s")
_BY_ONE = re.compile(r"((?:DELETE FROM \w+|UPDATE \w+ SET \w+ = NULL) WHERE \w+) = %s")
MAX_PARAMS = 60000  # in one statement (PostgreSQL takes at most 65,535)
_IDS = re.compile(r"SELECT value FROM json_each\(\?\)")
_NAMES_ARTICLES = re.compile(r"\b(?:articles|article_words)\b", re.I)
"""A statement that reads or writes the articles (or their words, which their insert's trigger writes): the articles
a write transaction holds (``PostgresConnection._hold``) are written before it."""
HELD_AT_ONCE = 8
"""New articles in one statement at most (``PostgresConnection._send_held``): its text says how many, so that a few
texts, each prepared once by psycopg and the server, write them (8 of 10 sends at 10,000 articles hold 8 or fewer);
each text is prepared once its fifth run comes, and a text of each number up to 32 would mostly be run too few times
to be (the connection keeps up to 1,000: ``_configure``)."""


@lru_cache(maxsize=64)
def _numbered(head: str, rows: int, tail: str) -> str:
    """``head`` (``INSERT INTO t (c, ...) VALUES ``) with ``rows`` rows of its columns' parameters, numbered as the
    server reads them ($1, $2, ...) and cast to their columns' types: psycopg sends such a text as it is
    (``RawCursor``), where it reads again, in Python, every text of more than 50 of its own placeholders (0.5 ms for
    six articles), and its parameters all go as text of no type (``_untyped``), so that the text of a number of rows
    is one statement, prepared once, whichever of its values are NULL or small integers (psycopg prepares a text and
    its parameters' types: one for each mix, and most were planned again each time)."""
    table, named = re.match(r"INSERT INTO (\w+) \(([^)]*)\)", head).groups()  # type: ignore[union-attr]
    types = [_types(table)[c.strip().strip('"')] for c in named.split(",")]
    width = len(types)
    rows_sql = (f"({', '.join(f'${row * width + i + 1}::{t}' for i, t in enumerate(types))})" for row in range(rows))
    return f"{head}{', '.join(rows_sql)}{tail}"


def _untyped(cursor: Any) -> None:
    """Have ``cursor`` send integers and bytes as text of no type (as it sends strings and NULL), left to the
    statement's casts to read (``_numbered``)."""
    from psycopg.adapt import Dumper

    class Number(Dumper):
        oid = 0

        def dump(self, obj: int) -> bytes:
            return str(obj).encode()

    class Blob(Dumper):
        oid = 0

        def dump(self, obj: bytes) -> bytes:
            return b"\\x" + bytes(obj).hex().encode()

    cursor.adapters.register_dumper(int, Number)
    for kind in (bytes, bytearray, memoryview):
        cursor.adapters.register_dumper(kind, Blob)


@lru_cache(maxsize=2048)
def to_postgres(sql: str) -> tuple[str, bool]:
    """``sql`` as PostgreSQL reads it, and whether its parameters are numbered (``?1``: a mapping)."""
    if "FROM article_words a " in sql:  # the search on the narrow table (``reader._matching``): its words, in place
        sql = _ON_WORDS.sub(lambda m: "NOT (a.fts @@ brief_tsquery(?))" if m[1] else "a.fts @@ brief_tsquery(?)", sql)
    out = _MATCH.sub("SELECT id FROM article_words WHERE fts @@ brief_tsquery(?) AND dup_of IS NULL", sql)
    out = _IDS.sub("SELECT value::bigint FROM json_array_elements_text(?::json) AS j(value)", out)
    if out.startswith("INSERT OR IGNORE"):
        out = "INSERT" + out[len("INSERT OR IGNORE"):] + " ON CONFLICT DO NOTHING"
    elif (m := _REPLACE.match(out)) is not None:
        table = m.group(1)
        key, columns = _tables()[table][:2]
        named = [c.strip() for c in m.group(2).split(",")] if m.group(2) else columns
        rest = [c for c in named if c not in key]
        update = f"DO UPDATE SET {', '.join(f'{_q(c)} = excluded.{_q(c)}' for c in rest)}" if rest else "DO NOTHING"
        out = f"INSERT INTO {table}{out[m.end(1):]} ON CONFLICT ({', '.join(key)}) {update}"
    if (upsert := re.match(r"INSERT INTO (\w+)", out)) and " DO UPDATE SET " in out:  # the row there, named
        out = re.sub(r"(\w+) = \1 \+", lambda m: f"{m[1]} = {upsert[1]}.{m[1]} +", out)
    out = re.sub(r"\bINDEXED BY \w+", "", out)
    out = re.sub(r"(?<=[\s(,=])\+(?=[a-z])", "", out)  # SQLite's "+column": no index for this term
    out = out.replace(" AS REAL)", " AS double precision)")  # PostgreSQL's REAL is 4 bytes: a Unix time to 128 s
    out = out.replace("CROSS JOIN", "JOIN").replace(" IS ?", " IS NOT DISTINCT FROM ?")
    out = _TRUE.sub(r"\1 true", out)
    out = re.sub(r"([\w.]+) NOT IN \(\)", r"(\1 IS NULL OR \1 IS NOT NULL)", out)  # SQLite takes an empty list
    out = out.replace(" IN ()", " IN (NULL)")
    out = _SUM_TEST.sub(r"sum((\1)::int)", out)
    out = _NOCASE_EQ.sub(r"lower(\1) = lower(?)", out)
    out = _NOCASE.sub(r"lower(\1)", out)
    out = re.sub(r"(?<![\w\"])end(?![\w\"])", '"end"', out)  # a column name, reserved in PostgreSQL
    out = re.sub(r"(?<!\w)LIKE(?!\w)", "ILIKE", out)  # SQLite's LIKE ignores (ASCII) case
    out = out.replace("%", "%%")
    numbered = re.search(r"\?\d", out) is not None
    out = re.sub(r"\?(\d+)", r"%(p\1)s", out) if numbered else out.replace("?", "%s")
    return out, numbered


def _q(column: str) -> str:
    return f'"{column}"' if column == "end" else column


# --- the schema, once for both -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[list[str], list[str], str]]:
    """table -> (its primary key's columns, all its columns, its body), from ``schema.DDL`` (for upserts)."""
    from brief.pipeline.index.schema import DDL

    return read_tables(DDL)


def _columns(body: str) -> list[tuple[str, str]]:
    """(name, definition) of each column in a CREATE TABLE body (constraints left out)."""
    parts, depth, cur = [], 0, ""
    for ch in body:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for part in parts:
        words = part.split()
        if words and words[0].upper() not in ("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"):
            out.append((words[0], " ".join(words[1:])))
    return out


def read_tables(ddl: str) -> dict[str, tuple[list[str], list[str], str]]:
    """table -> (primary key, columns, body) of every CREATE TABLE in ``ddl`` (comments taken out)."""
    text = re.sub(r"--[^\n]*", "", ddl)
    out = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+)\s*\((.*?)\);", text, re.S):
        body = m.group(2)
        columns = _columns(body)
        key = re.search(r"PRIMARY KEY\s*\(([^)]*)\)", body)
        pk = [c.strip() for c in key.group(1).split(",")] if key else [
            name for name, definition in columns if "PRIMARY KEY" in definition.upper()]
        out[m.group(1)] = (pk, [name for name, _ in columns], body)
    return out


def _pg_type(definition: str) -> str:
    definition = re.sub(r"\bREFERENCES \w+\(\w+\)", "", definition)  # SQLite does not enforce them either
    definition = re.sub(r"\bINTEGER\b", "BIGINT", definition)
    definition = re.sub(r"\bREAL\b", "DOUBLE PRECISION", definition)
    definition = re.sub(r"\bBLOB\b", "BYTEA", definition)
    return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', definition)  # compared and sorted by code point, as SQLite does


FTS_CONFIG = "brief_fts"
# The text the full-text index reads: the punctuation that SQLite's unicode61 tokenizer splits on (ASCII, Latin-1
# and the General Punctuation block) made spaces, named by code point so that no locale changes what it is.
_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION brief_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(t, '[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u2000-\u206f]+',
                                ' ', 'g') $$;
CREATE OR REPLACE FUNCTION brief_tsquery(q text) RETURNS tsquery LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT websearch_to_tsquery('{config}', regexp_replace(q,
        '[\u0001-\u0021\u0023-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u2000-\u206f]+', ' ', 'g')) $$;
CREATE OR REPLACE FUNCTION substr(t text, s bigint, n bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT pg_catalog.substr(t, s::int, n::int) $$;
CREATE OR REPLACE FUNCTION brief_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN  -- SQLite's rowid: one more than the largest (writers take turns under the write lock)
    IF NEW.id IS NULL THEN
        EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
    END IF;
    RETURN NEW;
END $$;
"""


# (h-search, schema 7) The full-text index in a narrow table of its own: an article's id, its date and copy (what a
# search's count and order read) and its words, the words kept out of line. A search of a broad word visits one row
# per match: in ``articles`` (five rows to a page, the words 1 kB of each) "market" read 54,000 pages of 57,000
# matches; here a hundred rows share a page. A trigger on ``articles`` keeps it, so writers write articles only.
WORDS_DDL = (
    "CREATE TABLE IF NOT EXISTS article_words (id BIGINT PRIMARY KEY, published TEXT COLLATE \"C\", dup_of BIGINT,"
    " fts tsvector) WITH (toast_tuple_target = 128)",
    "ALTER TABLE article_words ALTER COLUMN fts SET STORAGE EXTERNAL",
    """CREATE OR REPLACE FUNCTION brief_article_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND OLD.title = NEW.title AND OLD.standfirst = NEW.standfirst
                AND OLD.body = NEW.body THEN  -- the same words: the date or the copy only
            UPDATE article_words SET published = NEW.published, dup_of = NEW.dup_of WHERE id = NEW.id;
            RETURN NEW;
        END IF;
        DELETE FROM article_words WHERE id = OLD.id;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
    END IF;
    INSERT INTO article_words VALUES (NEW.id, NEW.published, NEW.dup_of,
        to_tsvector('{config}', brief_words(NEW.title || ' ' || NEW.standfirst || ' ' || NEW.body)));
    RETURN NEW;
END $$""",
    # (h-pgw, schema 8) on an update of the columns it copies only: the writer's recount of an article's people and
    # organizations (each article of a batch) wrote its row of article_words again (34 -> 16 ms a batch at 10,000)
    "CREATE OR REPLACE TRIGGER articles_words AFTER INSERT OR DELETE OR UPDATE OF id, published, dup_of, title,"
    " standfirst, body ON articles FOR EACH ROW EXECUTE FUNCTION brief_article_words()",
    # the stories' words only: a search lists stories (``dup_of IS NULL`` in each of its statements), not copies
    "CREATE INDEX IF NOT EXISTS article_words_fts ON article_words USING gin (fts) WHERE dup_of IS NULL",
    # a story by its id, read from the index alone: a filter's article ids (an entity's mentions) kept to stories
    "CREATE INDEX IF NOT EXISTS article_words_story ON article_words (id) WHERE dup_of IS NULL",
    "CREATE INDEX IF NOT EXISTS article_words_list ON article_words ((published IS NULL), published DESC, id)"
    " WHERE dup_of IS NULL",
)


def postgres_ddl(ddl: str) -> list[str]:
    """The statements that create ``ddl``'s schema (SQLite's, ``schema.DDL``) on PostgreSQL.

    Tables, columns and indexes are read from the one description both stores use, so a table or a column
    added there is added here; the FTS5 table becomes ``article_words`` (``WORDS_DDL``) with a GIN index,
    and a table without a primary key gets a ``rowid`` (quotes, deals and mentions are named by it).
    """
    text = re.sub(r"--[^\n]*", "", ddl)
    out = [_FUNCTIONS.replace("{config}", FTS_CONFIG)]
    for name, (pk, _names, body) in read_tables(text).items():
        columns = [f"{_q(c)} {_pg_type(d)}" for c, d in _columns(body)]
        keys = re.findall(r"PRIMARY KEY\s*\([^)]*\)", body)
        if not pk:
            columns.append("rowid BIGSERIAL")
        out.append(f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(columns + keys)})")
        if pk == ["id"]:
            out.append(f"CREATE OR REPLACE TRIGGER {name}_id BEFORE INSERT ON {name} FOR EACH ROW"
                       " EXECUTE FUNCTION brief_next_id()")
    out.extend(s.replace("{config}", FTS_CONFIG) for s in WORDS_DDL)
    for m in re.finditer(r"(CREATE (?:UNIQUE )?INDEX IF NOT EXISTS \w+ ON \w+)\s*\((.*?)\)\s*(WHERE [^;]*)?;", text):
        parts = [p.strip() for p in _columns_split(m.group(2))]
        cols = []
        for p in parts:
            p = _NOCASE.sub(r"lower(\1)", p)
            if re.fullmatch(r"\w+(?: (?:ASC|DESC))?", p):
                cols.append(_q(p.split()[0]) + p[len(p.split()[0]):])
            else:
                cols.append(f"({p})")
        out.append(f"{m.group(1)} ({', '.join(cols)}) {m.group(3) or ''}".strip())
    out.extend(re.findall(r"DROP INDEX IF EXISTS \w+", text))
    return out


def _columns_split(text: str) -> list[str]:
    return [name if not rest else f"{name} {rest}" for name, rest in _columns(text)]


# --- connections -------------------------------------------------------------------------------

_POOLS: dict[str, ConnectionPool] = {}
_POOLS_LOCK = threading.Lock()


class IndexUnavailable(RuntimeError):
    """The shared index cannot be opened: the message says where and why, in one line."""


def shown_url(url: str) -> str:
    """The URL without its password, to be said."""
    return re.sub(r"(://[^:/@?]*):[^@/?]*@", r"\1:***@", url)


def _pool(url: str) -> ConnectionPool:
    """One pool of connections per index URL in a process: each thread's connection comes from it."""
    with _POOLS_LOCK:
        pool = _POOLS.get(url)
        if pool is None:
            try:
                import psycopg
                from psycopg_pool import ConnectionPool
            except ImportError:
                raise IndexUnavailable("a shared index needs PostgreSQL's driver: pip install 'brief[postgresql]'"
                                       ) from None
            try:  # once, to say why when the server cannot be reached (the pool would only time out)
                psycopg.connect(url, connect_timeout=10).close()
            except psycopg.Error as err:
                reason = " ".join(str(err).split())
                raise IndexUnavailable(f"cannot open the index at {shown_url(url)}: {reason}") from None
            pool = _POOLS[url] = ConnectionPool(url, min_size=1, max_size=16, open=True, configure=_configure,
                                                kwargs={"autocommit": True}, timeout=30)
        return pool


def close_pools() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.close()
        _POOLS.clear()


def _configure(conn: psycopg.Connection[Any]) -> None:
    from psycopg.types.numeric import NumericLoader

    class Number(NumericLoader):  # sum() of integers is numeric in PostgreSQL: an int, as SQLite gives
        def load(self, data: Any) -> Any:
            value = super().load(data)
            return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else float(value)

    conn.adapters.register_loader("numeric", Number)
    # The reader's queries are short and run once each: compiling one (JIT, on for plans that look costly, as every
    # plan over 1,000,000 articles does) took 100 ms of a 150 ms search; their sorts and groups fit in 32 MB, not 4
    conn.execute("SET jit = off")
    conn.execute("SET work_mem = '32MB'")
    # the writer runs some hundred texts five times or more (each then prepared by psycopg and the server): past
    # psycopg's 100 a connection, the least used was dropped and its next run parsed and planned again
    conn.prepared_max = 1000


class _Rows:
    """The result of a statement PostgreSQL has no need to run (SQLite's own), or of one run here."""

    def __init__(self, rows: Sequence[tuple[Any, ...]] = (), lastrowid: int | None = None) -> None:
        self._rows = list(rows)
        self.lastrowid = lastrowid
        self.description = None
        self.rowcount = len(self._rows)

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


_TYPE = {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text", "BLOB": "bytea"}  # as _pg_type maps them


@lru_cache(maxsize=64)
def _types(table: str) -> dict[str, str]:
    """column -> its PostgreSQL type, without constraints (what an array of its values is cast to)."""
    return {"rowid": "bigint", **{c: _TYPE[d.split()[0].upper()] for c, d in _columns(_tables()[table][2])}}


def _unnest(table: str, columns: list[str], rows: list[Any], ordered: bool = False, joined: bool = False
            ) -> tuple[str, list[Any]]:
    """The ``rows`` (one value per column of ``columns``) as a table named v (with their order, seq, from 1), and
    the parameters that give them: one JSON array of the rows, read by the server (``json.dumps`` writes it in C,
    where psycopg wrote an array per column element by element in Python: 0.6 -> 0.1 ms of CPU for 1,000 rows), or,
    for what JSON cannot carry (bytes, NaN), one array per column. Rows ``joined`` with a table's rows say how many
    they are (a LIMIT of as many): the planner takes a JSON array for a hundred rows whatever it holds, and joined a
    batch's few to every entity (a scan of the table, 2.3 ms a statement at 10,000 articles)."""
    types = _types(table)
    seq = ", seq" if ordered else ""
    if all(types[c] != "bytea" for c in columns):
        try:
            document = json.dumps(rows, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            document = None
        if document is not None:  # (a float's shortest repr, read back by the server: the same float to the last bit)
            picked = ", ".join(f"(r->>{i})::{types[c]} AS {_q(c)}" for i, c in enumerate(columns))
            ordinality = " WITH ORDINALITY" if ordered else ""
            limit = " LIMIT %s" if joined else ""
            return (f"(SELECT {picked}{seq} FROM jsonb_array_elements(%s::jsonb){ordinality} AS r(r{seq}){limit}) AS v",
                    [document, len(rows)] if joined else [document])
    arrays = ", ".join(f"%s::{types[c]}[]" for c in columns)
    names = ", ".join(map(_q, columns)) + seq
    return (f"unnest({arrays}){' WITH ORDINALITY' if ordered else ''} AS v({names})",
            [list(column) for column in zip(*rows, strict=True)])


class PostgresConnection:
    """A pooled PostgreSQL connection with the calls of ``sqlite3.Connection`` the index makes."""

    dialect = POSTGRESQL

    def __init__(self, url: str) -> None:
        self.url = url
        self._pool = _pool(url)
        self._conn: psycopg.Connection[Any] | None = self._pool.getconn()
        self._writing = False
        self._pipeline: Any = None  # a writer's statements, sent without waiting for each (psycopg's pipeline mode)
        self._generation: str | None = None  # the last one seen or committed by this connection
        self._version = 0  # what PRAGMA data_version answers: moves when another client committed
        self.total_changes = 0  # as sqlite3's (rows there; write transactions committed here): moves with our own
        self._cursor: Any = None  # the cursor of a write transaction's writes
        self._raw: Any = None  # and of its articles written together (_send_held), its parameters numbered
        self._last_id: dict[str, int] = {}  # table -> its largest id, in a write transaction (see _next_id)
        self._held: tuple[str, list[Any]] | None = None  # a write transaction's new articles, not yet sent (_hold)
        self._written: dict[str, int] = {}  # table -> rows this connection inserted into it
        self._analysed: dict[str, int] = {}  # table -> as many, when it last had the server analyse it

    @property
    def conn(self) -> psycopg.Connection[Any]:
        if self._conn is None:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        return self._conn

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        head = sql.lstrip()[:24].upper()
        if head.startswith("BEGIN"):
            self.conn.execute("BEGIN")
            if "IMMEDIATE" in head or "EXCLUSIVE" in head:  # a writer: after the one before it, never beside it
                self.conn.execute(f"SELECT pg_advisory_xact_lock({SCHEMA_KEY})", (WRITE_LOCK,))
                self._writing = True
                self._last_id.clear()
                self._held = None
                self._pipelined = contextlib.ExitStack()
                self._pipeline = self._pipelined.enter_context(self.conn.pipeline())
                self.conn.execute(MOVED_TABLE)
            return _Rows()
        if head.startswith("COMMIT") or head.startswith("END"):
            self.commit()
            return _Rows()
        if head.startswith("ROLLBACK"):
            self.rollback()
            return _Rows()
        if head.startswith("PRAGMA"):
            return _Rows([(self._data_version(),)] if "DATA_VERSION" in sql.upper() else [])
        if "articles_fts" in sql and "MATCH" not in sql:
            return _Rows()  # the FTS5 table's own bookkeeping: article_words' trigger keeps it
        text, numbered = to_postgres(sql)
        if numbered:
            params = {f"p{i + 1}": v for i, v in enumerate(params)}  # type: ignore[arg-type]
        if text.startswith("INSERT"):
            self._wrote(text, 1)
        if text.startswith("INSERT INTO articles "):  # the one insert whose id is asked for (lastrowid)
            return self._insert_article(text, params)
        self._before(text)
        self._deleting(text)
        if self._pipeline is not None and text.startswith(("INSERT", "UPDATE", "DELETE")):
            return self._write(text, params)
        cursor = self.conn.execute(text, params)
        if self._pipeline is not None and not text.startswith("CREATE"):
            self._pipeline.sync()  # a read: its rows (and their names) now; the writes before it went together
        return cursor

    def _write(self, text: str, params: Any) -> Any:
        """A write in a write transaction, on the one cursor of its writes (a cursor made a statement costs as
        much as the statement's sending); nothing is read back from it."""
        if self._cursor is None:
            self._cursor = self.conn.cursor()
        self._cursor.execute(text, params)
        return self._cursor

    def _insert_article(self, text: str, params: Any) -> _Rows:
        """Insert an article and say its id: in a write transaction, the id SQLite would give (one more than the
        largest) is counted here from one read, so the insert goes with the others without a round trip of its
        own (no other writer inserts meanwhile: they wait for the write lock)."""
        if not (self._writing and text.startswith("INSERT INTO articles (id, ") and isinstance(params, Sequence)):
            self._before(text)
            row = self.conn.execute(text + " RETURNING id", params).fetchone()
            return _Rows(lastrowid=row[0] if row else None)
        article = self._next_id("articles", params[0])
        self._hold(text, (article, *params[1:]))
        return _Rows(lastrowid=article)

    def _hold(self, text: str, row: tuple[Any, ...]) -> None:
        """Keep a new article's row until a statement of the transaction names the articles (``_before``), or it
        commits: the articles in between are written together (``_send_held``: one INSERT of up to 8 rows), not one
        statement each (9,710 of a cold index's 30,644 statements at 10,000 articles; each cost psycopg and the
        server more than its row).
        Their words' trigger still runs row by row; an error (a hash or a slug taken) is raised as the pipeline's
        others are, at the next read or the commit, and rolls the transaction back."""
        if self._held is not None and self._held[0] != text:
            self._send_held()
        if self._held is None:
            self._held = (text, [])
        self._held[1].append(row)

    def _before(self, text: str) -> None:
        """Write the articles held before ``text`` if it names them (a read of them, or a write)."""
        if self._held is not None and _NAMES_ARTICLES.search(text):
            self._send_held()

    def _send_held(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        text, rows = held
        if len(rows) == 1 or (plain := _PLAIN_INSERT.fullmatch(text)) is None:
            for row in rows:
                self._write(text, row)
            return
        if self._raw is None:
            import psycopg

            self._raw = psycopg.RawCursor(self.conn)
            _untyped(self._raw)
        for at in range(0, len(rows), HELD_AT_ONCE):
            chunk = rows[at:at + HELD_AT_ONCE]
            self._raw.execute(_numbered(plain[1], len(chunk), plain[3] or ""),
                              [value for row in chunk for value in row])

    def _deleting(self, text: str) -> None:
        if (deleted := re.match(r"DELETE FROM (\w+)", text)) is not None:
            self._last_id.pop(deleted[1], None)  # SQLite gives the largest id again once its row is gone: read again

    def _next_id(self, table: str, given: int | None = None) -> int:
        """The id SQLite gives a new row of ``table`` (one more than the largest), or ``given``; counted here from one
        read a write transaction, under the write lock (no other writer inserts meanwhile)."""
        last = self._last_id.get(table)
        if last is None:
            self._before(table)
            row = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
            if self._pipeline is not None:
                self._pipeline.sync()
            last = int(row[0]) if row else 0
        new = last + 1 if given is None else given
        self._last_id[table] = max(last, new)
        return new

    def write(self, sql: str, params: Sequence[Any] | dict[str, Any]) -> None:
        """Run PostgreSQL's own SQL that writes and reads nothing back: in a write transaction, with the writer's other
        statements, without waiting for it (a writer's statement made for PostgreSQL, as ``writer.MERGE``)."""
        for table in re.findall(r"DELETE FROM (\w+)", sql):
            self._last_id.pop(table, None)  # (as ``_deleting``)
        self._before(sql)
        self._run(sql, params)

    def raw(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """Run PostgreSQL's own SQL (the schema), as written (after the articles held, whatever it reads)."""
        self._send_held()
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, seq: Any) -> Any:
        if "articles_fts" in sql:
            return _Rows()
        text, numbered = to_postgres(sql)
        rows = list(seq)
        if numbered:
            rows = [{f"p{i + 1}": v for i, v in enumerate(r)} for r in rows]
        if text.startswith("INSERT"):
            self._wrote(text, len(rows))
        self._before(text)
        self._deleting(text)
        if not numbered and rows and self._at_once(text, rows):
            return _Rows()
        with self.conn.cursor() as cur:
            if rows:
                cur.executemany(text, rows)
        return _Rows()

    def _at_once(self, text: str, rows: list[Any]) -> bool:
        """Run ``text`` for all ``rows`` in one statement that takes each column as an array, leaving what running it
        row after row leaves: a statement costs a server (and psycopg) far more than a row does, and its text is
        the same whatever the number of rows (prepared once, parsed once by psycopg). False for the forms it cannot.
        """
        if (plain := _PLAIN_INSERT.fullmatch(text)) is not None:
            table, named = re.match(r"INSERT INTO (\w+)(?: \(([^)]*)\))?", plain[1]).groups()  # type: ignore[union-attr]
            if table not in _tables():  # a temporary table of the writer's: its rows as they are
                self._values(plain[1], plain[2], plain[3] or "", rows)
                return True
            columns = [c.strip().strip('"') for c in named.split(",")] if named else _tables()[table][1]
            if self._writing and _tables()[table][0] == ["id"] and "id" not in columns:  # the ids SQLite gives, counted
                first = self._next_id(table)
                self._last_id[table] = first + len(rows) - 1
                columns, rows = ["id", *columns], [(i, *row) for i, row in enumerate(rows, first)]
            listed = ", ".join(map(_q, columns))
            source, params = _unnest(table, columns, rows)
            self._run(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {source}{plain[3] or ''}", params)
            return True
        if (one := _BY_ONE.fullmatch(text)) is not None:  # rows of one value, in any order: one list of them
            self._run(f"{one[1]} = ANY(%s)", [[row[0] for row in rows]])
            return True
        if (upsert := _ADDING_UPSERT.fullmatch(text)) is not None:
            table, column = upsert[2], upsert[5]
            names = _tables()[table][1]
            if len(rows[0]) != len(names) + 1 or column not in names:
                return False
            at = names.index(column)
            if any(row[-1] != row[at] for row in rows):  # added what it inserts: then excluded's value, the same
                return False
            key = ", ".join(_q(c.strip()) for c in upsert[4].split(","))
            rest = ", ".join(_q(c) for c in names if c != column)
            if _types(table)[column] == "bigint":  # integers: summed in any order, the row there not read first
                source, params = _unnest(table, names, [row[:-1] for row in rows])
                self._run(f"INSERT INTO {table} ({rest}, {_q(column)}) SELECT {rest}, sum({_q(column)})::bigint"
                          f" FROM {source} GROUP BY {rest} ON CONFLICT ({key})"
                          f" DO UPDATE SET {_q(column)} = {table}.{_q(column)} + excluded.{_q(column)}", params)
                return True
            # a key's row there first, then its rows in order, summed in that order: as many additions one after
            # the other (the same float, to the last bit)
            source, params = _unnest(table, names, [row[:-1] for row in rows], ordered=True, joined=True)
            self._run(f"WITH v AS (SELECT * FROM {source})"
                      f" INSERT INTO {table} ({rest}, {_q(column)})"
                      f" SELECT {rest}, sum({_q(column)} ORDER BY seq) FROM ("
                      f"SELECT {rest}, {_q(column)}, 0 AS seq FROM {table} WHERE ({key}) IN (SELECT {key} FROM v)"
                      f" UNION ALL SELECT {rest}, {_q(column)}, seq FROM v) AS t GROUP BY {rest}"
                      f" ON CONFLICT ({key}) DO UPDATE SET {_q(column)} = excluded.{_q(column)}", params)
            return True
        if (update := _SIMPLE_UPDATE.fullmatch(text)) is not None and not any(None in row for row in rows):
            table, sets, where = update[1], update[2].split(", "), update[3]
            columns = [s.split(" = ")[0] for s in sets]
            types = _types(table)
            adding = [" + " in s for s in sets]
            if any(add and types[c] != "bigint" for c, add in zip(columns, adding, strict=True)):
                return False  # a float added to: row after row, in order (never asked for yet)
            # a row's additions summed (integers: in any order), the last of its values set
            picked = ", ".join((f"sum({_q(c)})" if add else f"(array_agg({_q(c)} ORDER BY seq DESC))[1]")
                               + f" AS {_q(c)}" for c, add in zip(columns, adding, strict=True))
            assign = ", ".join(f"{_q(c)} = {table}.{_q(c)} + v.{_q(c)}" if add else f"{_q(c)} = v.{_q(c)}"
                               for c, add in zip(columns, adding, strict=True))
            # a row whose values are already those set is left as it is (an entity's name, settled again each batch:
            # an update writes the row and its index entries again)
            same = "" if any(adding) else (f" AND ROW({', '.join(f'{table}.{_q(c)}' for c in columns)}) IS DISTINCT"
                                           f" FROM ROW({', '.join(f'v.{_q(c)}' for c in columns)})")
            source, params = _unnest(table, [*columns, where], rows, ordered=True, joined=True)
            self._run(f"UPDATE {table} SET {assign} FROM (SELECT {_q(where)}, {picked} FROM {source}"
                      f" GROUP BY {_q(where)}) AS v WHERE {table}.{_q(where)} = v.{_q(where)}{same}", params)
            return True
        return False

    def _run(self, text: str, params: Any) -> None:
        if self._pipeline is not None:
            self._write(text, params)
        else:
            self.conn.execute(text, params)

    def _values(self, head: str, one_row: str, tail: str, rows: list[Any]) -> None:
        size = max(1, MAX_PARAMS // max(1, len(rows[0])))
        for at in range(0, len(rows), size):
            chunk = rows[at:at + size]
            self._run(f"{head}{', '.join([one_row] * len(chunk))}{tail}", [value for row in chunk for value in row])

    def executescript(self, script: str) -> Any:
        for statement in (s.strip() for s in script.split(";")):
            if statement and statement.upper() not in ("BEGIN", "COMMIT"):
                self.execute(statement)
        return _Rows()

    def commit(self) -> None:
        self._send_held()
        if not self.in_transaction:
            return
        if self._writing:
            row = self.conn.execute(
                "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE"
                " SET value = (meta.value::bigint + 1)::text RETURNING value").fetchone()
            self._generation = row[0] if row else None
            self.total_changes += 1
        self._writing = False
        self._end_pipeline()
        self.conn.execute("COMMIT")
        self._analyse()

    def _wrote(self, text: str, rows: int) -> None:
        if (table := re.match(r"INSERT INTO (\w+)", text)) is not None:
            self._written[table[1]] = self._written.get(table[1], 0) + rows

    def _analyse(self) -> None:
        """Have the server analyse the tables this connection has doubled (by 1,000 rows or more) since it last
        did: the planner of an index being filled reads the statistics of empty tables until autovacuum comes
        round (a minute), and resolving an article's counts then scans every entity of a type, not its few."""
        grown = sorted(table for table, n in self._written.items()
                       if n >= 1000 and n >= 2 * self._analysed.get(table, 0))
        if grown:
            self.conn.execute(f"ANALYZE {', '.join(grown)}")
            self._analysed.update({table: self._written[table] for table in grown})

    def rollback(self) -> None:
        self._writing = False
        self._held = None  # never sent
        with contextlib.suppress(Exception):  # the statements queued failed: rolled back all the same
            self._end_pipeline()
        if self.in_transaction:
            self.conn.execute("ROLLBACK")

    def _end_pipeline(self) -> None:
        cursors, self._cursor, self._raw = (self._cursor, self._raw), None, None
        try:
            if self._pipeline is not None:
                self._pipeline = None
                self._pipelined.close()
        finally:
            for cursor in cursors:
                if cursor is not None:
                    cursor.close()

    def _data_version(self) -> int:
        """As SQLite's: the same number until another connection commits a write."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        generation = row[0] if row else None
        if generation != self._generation:
            self._generation = generation
            self._version += 1
        return self._version

    def close(self) -> None:
        self._held = None
        if self._conn is not None:
            conn, self._conn = self._conn, None
            self._pool.putconn(conn)

    def __del__(self) -> None:  # a thread's connection, its thread gone: back to the pool, not lost to it
        try:
            self.close()
        except Exception:  # noqa: S110 - the pool closed already (the process ending)
            pass

    def __enter__(self) -> PostgresConnection:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        """As SQLite's: the transaction in hand committed (rolled back on an error), the connection kept open."""
        if kind is None:
            self.commit()
        else:
            self.rollback()


def connect(url: str) -> sqlite3.Connection:
    """A connection to the PostgreSQL index at ``url``, its schema created or brought up to date.

    Typed as SQLite's: the index modules make only the calls ``PostgresConnection`` gives.
    """
    from typing import cast

    from brief.pipeline.index.schema import SchemaError, migrate

    db = PostgresConnection(url)
    try:
        migrate(cast(sqlite3.Connection, db))
    except SchemaError as err:  # never set aside and rebuilt, as a file of one's own is: others read it
        db.close()
        raise IndexUnavailable(f"cannot open the index at {shown_url(url)}: {err}") from None
    except BaseException:
        db.close()
        raise
    return cast(sqlite3.Connection, db)
