"""The PostgreSQL server of the tests: ``BRIEF_TEST_PG`` (``.ci/run`` starts one with ``.ci/pg``)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

COMMITS = """
from brief.pipeline.index.writer import Writer

commits = 0


def counted(self, commit=Writer.commit):
    global commits
    commits += 1
    commit(self)


Writer.commit = counted
"""
"""The start of a writer process's script that counts its transactions in ``commits`` (a test of writers that
interleave checks each wrote several)."""

SKIP = ("no PostgreSQL server for the tests of the shared index: set BRIEF_TEST_PG=postgresql://... "
        "(`.ci/pg start DIR` starts one and prints it)")


def server() -> str:
    """The server's URL; the test is skipped when none is given (one given but unreachable fails it)."""
    url = os.environ.get("BRIEF_TEST_PG")
    if not url:
        pytest.skip(SKIP)
    return url


@contextmanager
def fresh_schema() -> Iterator[str]:
    """An index URL of its own on the test server: a new schema, dropped afterwards."""
    import psycopg

    from brief.pipeline.index import store

    url = server()
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")  # not in a schema dropped below
    own = f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={name}')}"
    try:
        yield own
    finally:
        store.close_pools()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")
