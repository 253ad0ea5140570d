#!/usr/bin/env python3
"""Three writers on one PostgreSQL index against one writer: the same export, byte for byte (issue 20).

    python bench/bench_writers.py 3000 --url postgresql:///brief?host=/tmp/pg   # or BRIEF_TEST_PG; .ci/pg starts one

N generated articles (``bench/make_corpus.py``, dated) are dealt into three desk folders (article i to desk i mod 3,
hard links: so exact and near copies of a story land on different desks). Then, each into a new schema:
- one writer: ``brief index desk0 desk1 desk2`` (the default process pool);
- three writer processes at once (``--workers 1`` each, 2 cores), given by ``--split``:
  ``overlap`` (the default): writer i indexes desks i and i+1, so every desk is indexed by two writers in
  two orders, as a team's analysts add folders that overlap; ``thirds``: writer i indexes desk i only.
Both indexes are exported with the real command (``brief --index URL export --format json`` and
``--full`` Markdown) and compared byte for byte; the first differing lines are printed, with the times
(and the load, ``uptime``: two cores are shared). Exit status 1 when the exports differ.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import corpus, schema_url  # noqa: E402

DESKS = 3


def _desks(n: int, scratch: Path) -> list[Path]:
    """The corpus of ``n`` dated articles, dealt into three desk folders (article i to desk i mod 3)."""
    dated = corpus(n, dated=365)
    desks = [scratch / f"desk{i}" for i in range(DESKS)]
    for desk in desks:
        desk.mkdir(parents=True)
    for i, path in enumerate(sorted(dated.rglob("*.txt"))):
        os.link(path, desks[i % DESKS] / path.name)
    return desks


def _schema(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
    return schema_url(server, name)


def _brief(url: str, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "brief", "--index", url, *args], env=env, cwd=env["BENCH_CWD"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait(procs: list[subprocess.Popen[str]]) -> None:
    for p in procs:
        _out, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"bench_writers: {' '.join(map(str, p.args))} failed:\n{err}")


def _exports(url: str, env: dict[str, str], desks: list[str], out: Path) -> dict[str, str]:
    """The JSON export and the full Markdown briefing of the index, as ``brief export`` writes them."""
    texts = {}
    for name, extra in (("json", ["--format", "json"]), ("md", ["--format", "markdown", "--full"])):
        target = out.with_suffix(f".{name}")
        _wait([_brief(url, env, "export", *desks, *extra, "-o", str(target))])
        texts[name] = target.read_text(encoding="utf-8")
    return texts


def _load() -> str:
    return os.getloadavg().__repr__()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=3000)
    ap.add_argument("--url", default=os.environ.get("BRIEF_TEST_PG"))
    ap.add_argument("--split", choices=("overlap", "thirds"), default="overlap")
    ap.add_argument("--keep", type=Path, help="keep the exports in this folder (one.json, three.json, ...)")
    args = ap.parse_args()
    if not args.url:
        ap.error("a PostgreSQL server: --url or BRIEF_TEST_PG (.ci/pg start DIR prints one)")
    import psycopg

    from brief.pipeline.index import store

    scratch = Path(tempfile.mkdtemp(prefix="brief-bench-writers-"))
    names = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEF_CONFIG": str(scratch / "config.toml"),
           "XDG_CACHE_HOME": str(scratch / "cache"), "BENCH_CWD": str(scratch)}
    try:
        desks = [d.name for d in _desks(args.n, scratch)]
        plans = [desks[i:i + 1] if args.split == "thirds" else [desks[i], desks[(i + 1) % DESKS]]
                 for i in range(DESKS)]
        out = args.keep or scratch / "exports"
        out.mkdir(parents=True, exist_ok=True)
        exports, seconds = {}, {}
        for run, name in zip(("one", "three"), names, strict=True):
            url = _schema(args.url, name)
            store.connect(url).close()  # the schema made first: three writers do not all wait to make it
            start = time.perf_counter()
            if run == "one":
                _wait([_brief(url, env, "index", *desks)])
            else:
                _wait([_brief(url, env, "index", *plan, "--workers", "1") for plan in plans])
            seconds[run] = time.perf_counter() - start
            print(f"{run} writer{'s' * (run != 'one')}: {seconds[run]:7.1f} s  (load {_load()})", flush=True)
            exports[run] = _exports(url, env, desks, out / run)
        same = True
        for kind in ("json", "md"):
            one, three = exports["one"][kind], exports["three"][kind]
            if one == three:
                print(f"{kind:>4}: identical ({len(one):,} bytes)")
                continue
            same = False
            # GNU diff: difflib takes hours on the 3 million lines of a 30,000-article export
            diff = subprocess.run(["diff", "-U0", str(out / f"one.{kind}"), str(out / f"three.{kind}")],
                                  capture_output=True, text=True).stdout.splitlines()
            changed = sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))
            print(f"{kind:>4}: DIFFERENT, {changed:,} lines differ of {len(one.splitlines()):,}; the first:")
            for line in diff[2:22]:
                print(f"      {line[:160]}")
        print(f"split {args.split}: {', '.join('+'.join(p) for p in plans)}; three writers / one writer:"
              f" {seconds['three'] / seconds['one']:.2f}")
        return 0 if same else 1
    finally:
        store.close_pools()
        with psycopg.connect(args.url, autocommit=True) as conn:
            for name in names:
                conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
