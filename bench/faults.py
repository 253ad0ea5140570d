#!/usr/bin/env python3
"""A fault campaign against the real ``brief`` command: kills, concurrent writers, a full disk, slow servers.

    python bench/faults.py            # about 3-6 minutes on 2 cores
    python bench/faults.py --quick    # fewer rounds

Not part of the test run (tests/test_processes.py and tests/test_index.py hold one case of each).
Every case runs brief in new processes on invented articles (tests/invented.py) and compares
what it gives with a clean run; it prints each case tried, what failed, and "N failed" last.
The full-disk case mounts a 2 MB tmpfs (it needs root) and is skipped with a note otherwise;
the slow servers listen on 127.0.0.1 only and stop by themselves.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from invented import write_corpus  # noqa: E402
from running import alive, articles_in, children, export  # noqa: E402


def run(command: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


class Campaign:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.tried: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []

    def case(self, name: str, body: Callable[[], str | None]) -> None:
        """Run one case: it returns None when brief behaved, or what went wrong."""
        started = time.monotonic()
        try:
            problem = body()
        except Exception as err:  # the campaign goes on; the case counts as failed
            problem = f"{type(err).__name__}: {err}"
        took = time.monotonic() - started
        self.tried.append(name)
        if problem and problem.startswith("skipped:"):
            self.skipped.append((name, problem))
            print(f"  skip  {name}: {problem[8:].strip()}", flush=True)
            return
        if problem:
            self.failed.append((name, problem))
        print(f"  {'FAIL' if problem else 'ok  '}  {name} ({took:.1f} s){': ' + problem if problem else ''}",
              flush=True)


# --- the cases -----------------------------------------------------------------------------------


def kill_points(c: Campaign, root: Path, clean: str, points: list[int]) -> None:
    for how in (signal.SIGKILL, signal.SIGTERM):
        for point in points:
            def body(point: int = point, how: signal.Signals = how) -> str | None:
                cache = Path(tempfile.mkdtemp(dir=c.work))
                proc = subprocess.Popen(export(root, cache, batch=10), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                deadline = time.monotonic() + 300
                while articles_in(cache) < point and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.02)
                if proc.poll() is not None:
                    return f"brief ended before the kill point ({proc.returncode})"
                helpers = children(proc.pid)
                proc.send_signal(how)
                proc.wait(timeout=60)
                end = time.monotonic() + 15
                while any(alive(p) for p in helpers) and time.monotonic() < end:
                    time.sleep(0.1)
                if left := [p for p in helpers if alive(p)]:
                    return f"{len(left)} of brief's processes outlived it"
                again = run(export(root, cache))
                if again.returncode != 0 or "Traceback" in again.stderr:
                    return f"the rerun failed: {again.stderr.strip()[-300:]}"
                return None if again.stdout == clean else "the rerun's export differs from a clean run"
            c.case(f"{how.name} at {point} articles indexed, then a rerun", body)


def ctrl_c(c: Campaign, root: Path) -> None:
    def body() -> str | None:
        cache = Path(tempfile.mkdtemp(dir=c.work))
        proc = subprocess.Popen(export(root, cache), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        end = time.monotonic() + 120
        while len(children(proc.pid)) < 3 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        helpers = children(proc.pid)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        time.sleep(2)
        if proc.returncode != 130 or "Traceback" in err:
            return f"exit {proc.returncode}: {err.strip()[-300:]}"
        return f"{len(helpers)} processes left" if any(alive(p) for p in helpers) else None
    c.case("Ctrl-C (SIGINT to the process group) during a first index", body)


def concurrent_writers(c: Campaign, root: Path, clean: str, rounds: int) -> None:
    for n in range(rounds):
        def body() -> str | None:
            cache = Path(tempfile.mkdtemp(dir=c.work))
            procs = [subprocess.Popen(export(root, cache, batch=10), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True) for _ in range(3)]
            outs = [p.communicate(timeout=600) for p in procs]
            bad = [f"exit {p.returncode}: {err.strip()[-200:]}" for p, (_, err) in zip(procs, outs, strict=True)
                   if p.returncode != 0 or "Traceback" in err]
            if bad:
                return "; ".join(bad)
            differ = sum(out != clean for out, _ in outs)
            return f"{differ} of 3 exports differ from a clean run" if differ else None
        c.case(f"three exports at once on one new cache (round {n + 1})", body)


def small_disk(c: Campaign, name: str, size: str, case: str) -> Path | None:
    """A tmpfs of ``size`` mounted at ``c.work / name`` (the caller unmounts it), or None with ``case``
    recorded as skipped where mounting is not permitted."""
    mount = c.work / name
    mount.mkdir()
    tried = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True,
                           text=True)
    if tried.returncode != 0:
        c.case(case, lambda: f"skipped: no tmpfs here ({tried.stderr.strip()})")
        return None
    return mount


def full_disk(c: Campaign, root: Path, clean: str) -> None:
    mount = small_disk(c, "small-disk", "2m", "a full disk under an existing cache")
    if mount is None:
        return
    try:
        def body() -> str | None:
            some = c.work / "some"
            some.mkdir()
            files = sorted(root.iterdir())
            for path in files[:10]:
                shutil.copy(path, some / path.name)
            first = run(export(some, mount))
            if first.returncode != 0:
                return f"the first, small index failed: {first.stderr.strip()[-200:]}"
            for path in files[10:]:  # now the rest, and the disk nearly full already
                shutil.copy(path, some / path.name)
            free = os.statvfs(mount)
            (mount / "filler").write_bytes(b"\0" * max(0, free.f_bavail * free.f_frsize - 64 * 1024))
            full = run(export(some, mount))
            if full.returncode != 0 or "Traceback" in full.stderr:
                return f"exit {full.returncode}: {full.stderr.strip()[-300:]}"
            if "working without it" not in full.stderr:
                return f"the disk did not fill up, or brief did not say so: {full.stderr.strip()[-200:]}"
            want = json.loads(run(export(some, c.work / "clean-some")).stdout)
            got = json.loads(full.stdout)
            got["skipped"] = [entry for entry in got["skipped"] if "working without it" not in str(entry)]
            return None if got == want else "the export differs from a clean run"
        c.case("a full disk (2 MB tmpfs) under an existing cache", body)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


class _Slow(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def slow_server(mode: str, lasts: float) -> tuple[_Slow, str]:
    """A server on 127.0.0.1 that drips its headers or its body a byte at a time for ``lasts`` seconds."""
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Drip</title><item><title>One</title>'
            b"<description>Mara Quell said revenue rose.</description></item></channel></rss>")

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            end = time.monotonic() + lasts
            status = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            body = feed + b" " * 1_000_000
            if mode == "headers":
                prompt, drip = status, b"".join(b"X-Drip-%d: x\r\n" % i for i in range(10_000))
            else:
                prompt, drip = status + b"Content-Length: %d\r\n\r\n" % len(body), body
            try:
                self.wfile.write(prompt)
                for byte in drip:
                    if time.monotonic() > end:
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass

    server = _Slow(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Timer(lasts + 5, server.shutdown).start()  # self-stopping, whatever brief does
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def slow_servers(c: Campaign) -> None:
    deadline, lasts = 8.0, 40.0
    for mode in ("headers", "body"):
        def body(mode: str = mode) -> str | None:
            server, url = slow_server(mode, lasts)
            try:
                started = time.monotonic()
                got = run(export(url, Path(tempfile.mkdtemp(dir=c.work)), deadline=deadline), timeout=lasts + 30)
                took = time.monotonic() - started
            finally:
                server.shutdown()
            if "Traceback" in got.stderr:
                return got.stderr.strip()[-300:]
            if took > deadline + 15:
                return f"took {took:.0f} s with a {deadline:g} s fetch deadline"
            return None if "skipped" in got.stderr else f"no reason given: {got.stderr.strip()[-200:]}"
        c.case(f"a server dripping its {mode} a byte every 0.5 s (fetch deadline {deadline:g} s)", body)


FIX_WRITER = """
import sys, time
from pathlib import Path
from brief.config import Fix
from brief.pipeline.index.library import Library
root, cache, go, i = sys.argv[1:]
lib = Library([root], cache_dir=cache)
lib.db  # open, as a reader already running
while not Path(go).exists():
    time.sleep(0.01)
lib.correct(Fix("ignore", f"Quorvex Item {i}") if int(i) % 2 else Fix("type", f"Velmora Item {i}", "place"))
"""


def concurrent_fix_writers(c: Campaign, root: Path, count: int = 20) -> None:
    """``count`` processes save one ``w`` fix each at the same moment, on one config.toml and one index."""
    def body() -> str | None:
        import tomllib

        here = Path(tempfile.mkdtemp(dir=c.work))
        shutil.copytree(c.work / "clean", here / "cache")  # the index of the clean run, as it is
        config, go = here / "config.toml", here / "go"
        config.write_text("# the user's own notes\nmerge = []\n")
        env = {**os.environ, "BRIEF_CONFIG": str(config), "PYTHONPATH": str(REPO)}
        writers = [subprocess.Popen([sys.executable, "-c", FIX_WRITER, str(root), str(here / "cache"), str(go), str(i)],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for i in range(count)]
        time.sleep(2)
        go.touch()
        failures = [w.communicate(timeout=300)[1].strip()[-200:] for w in writers]
        if any(w.returncode for w in writers):
            return f"a writer failed: {next(f for f, w in zip(failures, writers, strict=True) if w.returncode)}"
        text = config.read_text()
        data = tomllib.loads(text)
        held = len(data.get("ignore", [])) + len(data.get("retype", []))
        if held != count or not text.startswith("# the user's own notes\n"):
            return f"{held} of {count} fixes in the file"
        again = subprocess.run(export(root, here / "cache"), capture_output=True, text=True, timeout=300, env=env)
        return None if again.returncode == 0 else f"brief export after the fixes: {again.stderr.strip()[-200:]}"
    c.case(f"{count} processes saving a fix to config.toml at once (all {count} kept)", body)


def empty_refresh(c: Campaign) -> None:
    """A page fetched once, then served as an empty 200 or a maintenance page: --refresh keeps the article."""
    story = (b"<html><head><title>Velmora Mill Sold</title></head><body><article><h1>Velmora Mill Sold</h1>"
             b"<p>Jane Roe of Quorvex Holdings said on Monday that the company had bought the Velmora mill for "
             b"$5 million, and that the mill would reopen in the spring with forty workers.</p>"
             b"</article></body></html>")
    maintenance = b"<html><body><h1>Down for maintenance</h1></body></html>"
    for name, broken in (("an empty 200", b""), ("a 'down for maintenance' 200", maintenance)):
        def body(broken: bytes = broken) -> str | None:
            served = [story]

            class Handler(http.server.BaseHTTPRequestHandler):
                def log_message(self, *args: object) -> None:
                    pass

                def do_GET(self) -> None:  # noqa: N802 - the http.server name
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(served[0])))
                    self.end_headers()
                    self.wfile.write(served[0])

            server = _Slow(("127.0.0.1", 0), Handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
            cache = Path(tempfile.mkdtemp(dir=c.work))
            try:
                first = run(export(url, cache))
                served[0] = broken
                refresh = export(url, cache)
                refresh.insert(refresh.index("export") + 1, "--refresh")
                again = run(refresh)
            finally:
                server.shutdown()
                server.server_close()
            offline = run(export(url, cache))  # the server gone: the cache alone
            for what, got in (("the first export", first), ("the refresh", again), ("the offline export", offline)):
                if got.returncode != 0 or "Traceback" in got.stderr:
                    return f"{what}: exit {got.returncode}: {got.stderr.strip()[-300:]}"
                if [a["title"] for a in json.loads(got.stdout)["articles"]] != ["Velmora Mill Sold"]:
                    return f"{what} lost the article"
            return None if "kept the copy fetched" in again.stderr else f"the refresh did not say so: {again.stderr!r}"
        c.case(f"{name} on --refresh keeps the cached article", body)


def partial_write(c: Campaign, root: Path) -> None:
    """A disk that fills in the middle of the output: the kernel takes the first 64 KB of a larger write.

    Standard output redirected there, and ``-o`` replacing a file there: exit 1 with the error said,
    and a replaced file left whole as it was (no temporary file left behind).
    """
    mount = small_disk(c, "small-output-disk", "64k", "a partial write on a 64 KB tmpfs")
    if mount is None:
        return
    try:
        cache = Path(tempfile.mkdtemp(dir=c.work))

        def to_stdout() -> str | None:
            with open(mount / "briefing.json", "w") as out:
                got = subprocess.run(export(root, cache), stdout=out, stderr=subprocess.PIPE, text=True, timeout=600)
            size = (mount / "briefing.json").stat().st_size
            (mount / "briefing.json").unlink()
            if size < 64 * 1024 - 4096:
                return f"the briefing did not fill the disk ({size} bytes): the case tests nothing"
            said = got.stderr.strip()
            if got.returncode != 1 or said != "brief: write error: No space left on device":
                return f"exit {got.returncode} after {size} bytes: {said[-300:]!r}"
            return None

        def replacing() -> str | None:
            old = mount / "old.json"
            old.write_text("the old briefing\n")
            got = run([*export(root, cache), "-o", str(old), "--force"])
            if got.returncode != 1 or "No space left on device" not in got.stderr or "Traceback" in got.stderr:
                return f"exit {got.returncode}: {got.stderr.strip()[-300:]!r}"
            left = sorted(p.name for p in mount.iterdir())
            if old.read_text() != "the old briefing\n" or left != ["old.json"]:
                return f"the old file was not kept whole, or a temporary file was left: {left}"
            return None

        c.case("standard output on a disk that fills after 64 KB (tmpfs)", to_stdout)
        c.case("-o --force replacing a file on a disk that fills after 64 KB (tmpfs)", replacing)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# --- appended: one story syndicated as 1,000 near-duplicates (issue 16, "Quadratic 'where sources disagree'") ---

_MAXRSS = ("import resource, sys; from brief.cli import main; code = main(sys.argv[1:]); "
           "print(f'maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr); sys.exit(code)")


def near_duplicates(c: Campaign, copies: int = 1_000) -> None:
    """A wire story run by 1,000 outlets, each copy a little different (its outlet, a sentence of its own, one
    in ten giving another price): the export ends within minutes and 1.5 GB, and "Across sources" stays short
    (before the sort-and-sweep, 400 copies took 29 s and 1.5 GB, and 600 ran out of memory)."""
    def body() -> str | None:
        root = c.work / "syndicated"
        root.mkdir()
        for i in range(copies):
            price = "$1.5 billion" if i % 10 == 0 else "$1.2 billion"
            (root / f"{i:04d}.md").write_text(
                f"---\ntitle: Velmora Capital to buy Quorvex Systems\nsource: Outlet {i}\n---\n\n"
                f"Velmora Capital agreed to buy Quorvex Systems for {price}, Outlet {i} reported on Monday. "
                f"Velmora Capital will pay $45 a share. Quorvex Systems raised $300 million last year in a round "
                f"led by Brantis Labs. Quorvex Systems shares jumped 12% on the news. Jane Roe, chief executive of "
                f"Quorvex Systems, said {i + 100} engineers would stay. Outlet {i} has {1_000 + 7 * i} readers.\n",
                encoding="utf-8")
        started = time.monotonic()
        got = run([sys.executable, "-c", _MAXRSS, "export", "--cache-dir", str(c.work / "syndicated-cache"),
                   str(root)], timeout=900)
        took = time.monotonic() - started
        if got.returncode != 0 or "Traceback" in got.stderr:
            return f"exit {got.returncode}: {got.stderr.strip()[-300:]}"
        rss = next((int(line.split()[1]) for line in got.stderr.splitlines() if line.startswith("maxrss ")), 0)
        across = got.stdout.split("## Across sources")[-1]
        if rss > 1_500_000:
            return f"{rss / 1e6:.1f} GB at most in memory"
        if took > 600:
            return f"took {took:.0f} s"
        return f"'Across sources' has {across.count(chr(10))} lines" if across.count("\n") > 5_000 else None
    c.case(f"{copies:,} near-duplicates of one story", body)


def far_future_mtime(c: Campaign, root: Path) -> None:
    """Files dated after 2262 (an archive's or a camera's dates): indexed, found up to date, and an edit
    that keeps the size and the date is seen (its inode and change time moved)."""
    def body() -> str | None:
        folder = c.work / "future"
        shutil.copytree(root, folder)
        files = sorted(folder.iterdir())
        far = 2**63 // 10**9 + 400 * 86400  # past 2262-04-11, the end of SQLite's int64 in nanoseconds
        for n, path in enumerate(files[:20]):
            os.utime(path, (far + n, far + n))
        cache = Path(tempfile.mkdtemp(dir=c.work))
        first, again = run(export(folder, cache)), run(export(folder, cache))
        for got in (first, again):
            if got.returncode != 0 or "Traceback" in got.stderr:
                return f"exit {got.returncode}: {got.stderr.strip()[-300:]}"
        if first.stdout != again.stdout:
            return "the run that found the index up to date gives another export"
        edited = files[0]
        st = edited.stat()
        text = edited.read_text(encoding="utf-8")
        changed = text.replace("revenue rose", "revenue sank", 1)
        if changed == text:
            return "skipped: the first invented article says nothing to edit"
        time.sleep(0.05)
        edited.write_text(changed, encoding="utf-8")
        os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns))
        later, fresh = run(export(folder, cache)), run(export(folder, Path(tempfile.mkdtemp(dir=c.work))))
        if later.returncode != 0 or "Traceback" in later.stderr:
            return f"after the edit, exit {later.returncode}: {later.stderr.strip()[-300:]}"
        # (the articles and entities: an edited article's figures are numbered after the others, so the
        # disagreements may list them in another order than a fresh index does)
        mine, theirs = json.loads(later.stdout), json.loads(fresh.stdout)
        if "revenue sank" not in later.stdout or any(mine[k] != theirs[k] for k in ("articles", "entities")):
            return "an edit that kept the size and the date was not seen"
        return None
    c.case("files dated after 2262 (a far-future mtime), and a same-size edit that keeps the date", body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round of each, two kill points")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brief-faults-") as tmp:
        work = Path(tmp)
        c = Campaign(work)
        root = write_corpus(work / "news", 120)
        clean = run(export(root, work / "clean"))
        if clean.returncode != 0:
            print(f"brief cannot index the invented corpus: {clean.stderr}")
            return 1
        print(f"brief fault campaign on {len(list(root.iterdir()))} invented articles (yardstick: a clean run)")
        kill_points(c, root, clean.stdout, [0, 30] if args.quick else [0, 10, 60, 110])
        ctrl_c(c, root)
        concurrent_writers(c, root, clean.stdout, 1 if args.quick else 3)
        full_disk(c, root, clean.stdout)
        slow_servers(c)
        concurrent_fix_writers(c, root)
        empty_refresh(c)
        partial_write(c, root)
        near_duplicates(c)
        far_future_mtime(c, root)
        print(f"tried {len(c.tried)} cases, {len(c.skipped)} skipped")
        for name, problem in c.failed:
            print(f"failed: {name}: {problem}")
        print(f"{len(c.failed)} failed")
        return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())

