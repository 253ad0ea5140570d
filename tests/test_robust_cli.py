"""The command line under attack: odd outputs, lost output, escape codes in names, bad config, odd queries.

Each test drives the real ``brief`` (``brief.cli.main`` or a subprocess of it) the way a user
would, and each failed before the fix it guards.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from brief.cli import main
from brief.pipeline.output import is_briefing


def a_briefing(text: str) -> bool:
    """The Markdown briefing: brief's marker (a comment renderers hide), then its title."""
    return is_briefing(text) and text.split("\n\n", 1)[1].startswith("# Briefing\n")

OSC52 = "\x1b]52;c;aGVsbG8=\x07"  # writes "hello" to the terminal's clipboard
ARTICLES = {
    "vote.txt": "Harbour Toll Vote\n\n- Kestrel Shipping lost the vote on Monday, said Ines Morrow of the Quay "
                "Authority. The board will meet again in March.\n",
    "year.txt": "The Year of the Quay\n\n1986. That was the year the Quay Authority first raised its tolls, "
                "Tomas Reyl said on Friday. Shippers paid $4 million more.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def brief(*args: str, **kw) -> subprocess.CompletedProcess[str]:  # noqa: ANN003
    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, **kw)


def one_clean_line(err: str) -> str:
    """The message brief gave: exactly one line, no traceback, no escape code."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err and "\x1b" not in err, err
    return lines[0]


# --- export -o: only a regular file is replaced; streams are written into; the rest is refused -------------


def test_export_into_a_fifo_writes_a_stream_and_leaves_the_fifo(tmp_path: Path, corpus: Path) -> None:
    fifo = tmp_path / "briefing.md"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    assert main(["export", str(corpus), "--no-cache", "-o", str(fifo), "--force"]) == 0
    reader.join(30)
    assert got and a_briefing(got[0])
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_through_a_symlink_writes_its_target(tmp_path: Path, corpus: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes" / "briefing.md"
    target.parent.mkdir()
    target.write_text("my old notes")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert main(["export", str(corpus), "--no-cache", "-o", str(link)]) == 1
    assert "--force" in capsys.readouterr().err and target.read_text() == "my old notes"
    assert main(["export", str(corpus), "--no-cache", "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert a_briefing(target.read_text())
    assert sorted(p.name for p in target.parent.iterdir()) == ["briefing.md"]


def test_export_never_replaces_a_socket_or_a_directory(tmp_path: Path, corpus: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    sock_path = tmp_path / "s.md"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    folder = tmp_path / "folder.md"
    folder.mkdir()
    try:
        assert main(["export", str(corpus), "--no-cache", "-o", str(sock_path), "--force"]) == 1
        assert "not a regular file" in one_clean_line(capsys.readouterr().err)
        assert stat.S_ISSOCK(sock_path.lstat().st_mode)
    finally:
        sock.close()
    assert main(["export", str(corpus), "--no-cache", "-o", str(folder), "--force"]) == 1
    assert "is a directory" in one_clean_line(capsys.readouterr().err)
    assert folder.is_dir() and not any(folder.iterdir())


async def export_in_the_reader(tmp_path: Path, corpus: Path, output: Path) -> list[str]:
    """Press `e` in the reader on ``corpus``, name ``output``, press enter: the notices shown."""
    from textual.widgets import Input

    from brief.ui.app import make_app
    from brief.ui.screens.export import ConfirmOverwrite

    app = make_app([corpus], cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):  # 30 s at most: an app that failed fails the test rather than hanging it
            if app.screen.up_to_date:
                break
            await pilot.pause(0.05)
        assert app.screen.up_to_date
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = str(output)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmOverwrite)
        return [n.message for n in app._notifications]


async def test_the_readers_export_refuses_a_socket_with_a_message(tmp_path: Path, corpus: Path) -> None:
    sock_path = tmp_path / "s.md"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        assert any("not a regular file" in n for n in await export_in_the_reader(tmp_path, corpus, sock_path))
    finally:
        sock.close()
    assert stat.S_ISSOCK(sock_path.lstat().st_mode)


async def test_the_readers_export_never_writes_over_an_article(tmp_path: Path, corpus: Path) -> None:
    article = corpus / "year.txt"
    before = article.read_bytes()
    notices = await export_in_the_reader(tmp_path, corpus, article)
    assert any("is one of the articles read" in n for n in notices)
    assert article.read_bytes() == before


def test_export_to_dev_null_with_force_writes_into_it(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def guarded(src, dst, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202 - a regression must not break the machine
        if os.path.realpath(dst) == os.devnull:
            raise AssertionError("brief tried to replace /dev/null")
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", guarded)
    assert main(["export", str(corpus), "--no-cache", "-o", os.devnull, "--force"]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_export_to_dev_stdout_is_standard_output(corpus: Path) -> None:
    out = brief("export", str(corpus), "--no-cache", "-o", "/dev/stdout")
    assert out.returncode == 0, out.stderr
    assert a_briefing(out.stdout)


# --- standard output is checked ---------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("command", [["export"], ["export", "--format", "json"], ["search", "Quay"],
                                     ["search", "Quay", "--format", "json"]])
def test_a_full_disk_on_standard_output_is_a_write_error(corpus: Path, command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        out = subprocess.run([sys.executable, "-m", "brief", *command, str(corpus), "--no-cache"], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=120)
    assert out.returncode != 0
    assert one_clean_line(out.stderr) == "brief: write error: No space left on device"


def test_a_closed_standard_output_is_a_write_error(corpus: Path) -> None:
    """`brief export >&-`: Python starts with no sys.stdout at all."""
    out = subprocess.run(["sh", "-c", f'exec "{sys.executable}" -m brief export "{corpus}" --no-cache >&-'],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert one_clean_line(out.stderr) == "brief: write error: Bad file descriptor"


def test_a_closed_pipe_ends_quietly(corpus: Path) -> None:
    """`brief export | head -c1`: the reader of the pipe is gone before brief writes."""
    proc = subprocess.Popen([sys.executable, "-m", "brief", "export", str(corpus), "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and err.decode() == ""


# --- escape codes from file names, URLs and config.toml never reach the terminal or the export -----------


def test_a_file_name_with_an_escape_code_is_reported_without_it(tmp_path: Path, corpus: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / f"clip{OSC52}board.txt").write_text("")
    out = tmp_path / "b.md"
    assert main(["export", str(corpus), "--no-cache", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "clipboard.txt: empty file" in err and "\x1b" not in err and "\x07" not in err
    markdown = out.read_text()
    assert "clipboard.txt" in markdown and "\x1b" not in markdown and "\x07" not in markdown
    assert main(["export", str(corpus), "--no-cache", "--format", "json"]) == 0
    skipped = json.loads(capsys.readouterr().out)["skipped"]
    assert any(path.endswith("clipboard.txt") for path, _ in skipped)
    assert not any("\x1b" in path or "\x07" in path for path, _ in skipped)


def test_a_url_with_an_escape_code_is_reported_without_it(tmp_path: Path, corpus: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.md"
    assert main(["export", str(corpus), f"http://127.0.0.1:9/{OSC52}x", "--no-cache", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "127.0.0.1:9" in err and "\x1b" not in err and "\x07" not in err
    assert "\x1b" not in out.read_text() and "\x07" not in out.read_text()


def test_an_entity_from_config_with_an_escape_code_is_exported_without_it(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[entities]]\nname = "Kestrel\\u001b]52;c;aGVsbG8=\\u0007 Shipping"\ntype = "organization"\n'
                      'aliases = ["Kestrel\\u009b31m Line"]\n', encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    assert main(["export", str(corpus), "--no-cache", "--full"]) == 0  # every name
    markdown = capsys.readouterr().out
    assert "| Kestrel Shipping |" in markdown
    assert "\x1b" not in markdown and "\x07" not in markdown and "\x9b" not in markdown


# --- a bad config file is one line naming the file and the key, for every command -------------------------


@pytest.mark.parametrize(("content", "key"), [
    ("entities = 5", "entities"),
    ('entities = "Acme"', "entities"),
    ('[entities]\nname = "Acme"', "entities"),
    ("cache_dir = 5", "cache_dir"),
    ("ignore = [1, 2]", "ignore[0]"),
    ("[[entities]]\nname = 7", "entities[0].name"),
])
def test_a_wrongly_typed_config_is_one_line_for_export_and_search(
        tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        content: str, key: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(content + "\n", encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    for command in (["export", str(corpus), "--no-cache"], ["search", "Quay", str(corpus), "--no-cache"]):
        assert main(command) == 2
        line = one_clean_line(capsys.readouterr().err)
        assert str(config) in line and f" {key}: " in line


def test_a_wrongly_typed_config_stops_the_reader_before_it_opens(tmp_path: Path, corpus: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("entities = 5\n", encoding="utf-8")
    out = brief(str(corpus), env={**os.environ, "BRIEF_CONFIG": str(config)})
    assert out.returncode == 2
    assert f"{config}: entities: " in one_clean_line(out.stderr)


# --- queries -----------------------------------------------------------------------------------------------


def test_a_query_of_a_thousand_filters_is_refused_with_the_limit(corpus: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    query = " ".join(f"person:Name{i}" for i in range(999))
    assert main(["search", query, str(corpus), "--no-cache"]) == 2
    assert "too many terms" in one_clean_line(capsys.readouterr().err)


async def test_a_query_of_a_thousand_filters_in_the_reader_is_an_error_under_the_box(tmp_path: Path,
                                                                                     corpus: Path) -> None:
    from ui.ui_helpers import screen_text

    from brief.ui.app import make_app
    from brief.ui.widgets.search import SearchBar

    app = make_app([corpus], cache_dir=tmp_path / "cache")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):  # 30 s at most: an app that failed fails the test rather than hanging it
            if app.screen.up_to_date:
                break
            await pilot.pause(0.05)
        assert app.screen.up_to_date
        await pilot.press("slash")
        app.screen.query_one(SearchBar).input.value = " ".join(f"-person:Name{i}" for i in range(999))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and "too many terms" in screen_text(app)
        assert app.screen.query_one("ArticleList").count == len(ARTICLES)


@pytest.mark.parametrize(("query", "says"), [("money>", "money> needs a number"), ("percent>=", "needs a number"),
                                             ("money>1e999", "too large"), ("count<9e400", "too large"),
                                             pytest.param("person:" + "x" * 60_000, "too long", id="long-name")])
def test_comparisons_without_a_usable_number_are_errors(corpus: Path, capsys: pytest.CaptureFixture[str],
                                                        query: str, says: str) -> None:
    assert main(["search", query, str(corpus), "--no-cache"]) == 2
    assert says in one_clean_line(capsys.readouterr().err)


def test_search_takes_a_leading_minus_and_options_after_the_paths(tmp_path: Path, corpus: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cache = tmp_path / "cache"
    assert main(["search", "-person:Morrow", str(corpus), "--cache-dir", str(cache)]) == 0
    assert capsys.readouterr().out.splitlines() == ["The Year of the Quay"]
    assert main(["search", "Kestrel", "--cache-dir", str(cache), str(corpus)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Harbour Toll Vote"]
    assert any(cache.glob("index-*.sqlite3"))


# --- Markdown: text that looks like Markdown stays text ---------------------------------------------------


def test_summaries_that_start_like_lists_and_odd_file_names_render_as_written(
        tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "odd_name*[1].txt").write_text("")
    (corpus / "back`tick.txt").write_text("")
    assert main(["export", str(corpus), "--no-cache", "--full"]) == 0  # with the summaries
    html = MarkdownIt("commonmark").render(capsys.readouterr().out)
    assert "<p>- Kestrel Shipping lost the vote" in html
    assert "<p>1986. That was the year" in html
    assert f"<code>{corpus / 'odd_name*[1].txt'}</code>: empty file" in html
    assert f"<code>{corpus / 'back`tick.txt'}</code>: empty file" in html


# --- one settings object: --cache-dir governs the index and the fetched pages alike ----------------------


@pytest.fixture
def page_url() -> Iterator[str]:
    body = ("<html><head><title>Quay Tolls Rise</title></head><body><article><h1>Quay Tolls Rise</h1>"
            + "<p>The Quay Authority raised tolls by 12% on Monday, said Ines Morrow, its director.</p>" * 4
            + "</article></body></html>").encode()

    class Page(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tolls.html"
    finally:
        server.shutdown()
        server.server_close()


def test_cache_dir_on_the_command_line_wins_for_the_index_and_fetched_pages(
        tmp_path: Path, page_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from_env, chosen = tmp_path / "env-cache", tmp_path / "chosen"
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(from_env))
    assert main(["export", page_url, "--cache-dir", str(chosen)]) == 0
    assert "Quay Tolls Rise" in capsys.readouterr().out
    assert any(chosen.glob("index-*.sqlite3")) and any((chosen / "fetched").iterdir())
    assert not from_env.exists()
    assert main(["export", page_url]) == 0  # without the option, the environment's folder
    assert "Quay Tolls Rise" in capsys.readouterr().out
    assert any(from_env.glob("index-*.sqlite3")) and any((from_env / "fetched").iterdir())
