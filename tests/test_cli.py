"""The brief command without the UI: export, errors, help and version."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from brief.cli import main
from brief.pipeline.output import is_briefing


def a_briefing(text: str) -> bool:
    """The Markdown briefing: brief's marker (a comment renderers hide), then its title."""
    return is_briefing(text) and text.split("\n\n", 1)[1].startswith("# Briefing\n")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "brief", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_export_markdown_to_stdout_by_default() -> None:
    out = run("export")
    assert out.returncode == 0, out.stderr
    assert a_briefing(out.stdout) and "## People" in out.stdout


def test_export_json_to_a_file_and_refuse_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "index.json"
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["schema"] == "brief.index/2"
    before = target.read_text()
    assert main(["export", "-o", str(target)]) == 1
    assert "--force" in capsys.readouterr().err and target.read_text() == before
    assert main(["export", "-o", str(target), "--force"]) == 0
    assert a_briefing(target.read_text())


def test_unreadable_input_is_named_and_the_rest_loads(tmp_path: Path, seeds: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    assert main(["export", str(tmp_path / "empty.txt"), str(seeds)]) == 0
    captured = capsys.readouterr()
    assert f"skipped {tmp_path / 'empty.txt'}: empty file" in captured.err
    assert "## People" in captured.out


def test_nothing_loadable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt: no such file or directory" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.txt")]) == 2


def test_help_and_version() -> None:
    assert "export" in run("--help").stdout
    assert run("--version").stdout.startswith("brief ")
    assert "--format" in run("export", "--help").stdout


def test_pipeline_imports_without_textual() -> None:
    code = ("import sys, brief.cli, brief.pipeline.build, brief.pipeline.export; "
            "assert 'textual' not in sys.modules, 'the pipeline pulled in textual'")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).returncode == 0


def test_search_prints_matching_articles_and_explains_bad_queries(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "person:Zuckerberg"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and "(TechCrunch)" in out[0]
    assert main(["search", "money>1e10", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {r["source"] for r in found} == {"TechCrunch", "WebProNews"}
    assert main(["search", "nothing-like-this-anywhere"]) == 1
    assert main(["search", "colour:red"]) == 2
    assert "unknown filter colour:" in capsys.readouterr().err


@pytest.fixture
def reader_opened(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What the reader would be opened with: its paths and settings (the reader itself is not run)."""
    import brief.ui.app

    given: dict = {}

    class Ran:
        return_code = 0

        def run(self) -> None:
            pass

    def fake_make_app(paths, **options):
        given.clear()
        given.update(options, paths=paths)
        return Ran()

    monkeypatch.setattr(brief.ui.app, "make_app", fake_make_app)
    return given


def test_the_reader_gets_the_index_options_given_on_the_command_line(reader_opened: dict, tmp_path: Path) -> None:
    """`brief --no-cache --extractor builtin --refresh --cache-dir D PATH` opens the reader with exactly those."""
    article = tmp_path / "a.txt"
    article.write_text("A title\n\nSome text.\n", encoding="utf-8")
    assert main(["--no-cache", "--extractor", "builtin", "--refresh", "--cache-dir", str(tmp_path), str(article)]) == 0
    settings = reader_opened.pop("settings")
    assert reader_opened == {"paths": [article]}
    assert (settings.cache_dir, settings.use_cache, settings.extractor, settings.refresh) == (
        tmp_path, False, "builtin", True)


def test_the_reader_by_its_name_with_options_after_the_paths(reader_opened: dict, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "export").mkdir()  # a folder named as a command, a file named as an option
    for name in ("export/a.txt", "-notes.txt"):
        (tmp_path / name).write_text("A title\n\nSome text.\n", encoding="utf-8")
    assert main(["read", "--", "-notes.txt", "export", "--no-cache"]) == 0
    assert reader_opened["paths"] == [Path("-notes.txt"), Path("export"), Path("--no-cache")]
    assert main(["./export", "--cache-dir", "-odd", "--no-cache"]) == 0
    assert reader_opened["paths"] == [Path("export")]
    assert (reader_opened["settings"].cache_dir, reader_opened["settings"].use_cache) == (Path("-odd"), False)


async def test_the_reader_without_a_cache_writes_no_index(tmp_path: Path, seeds: Path) -> None:
    from brief.ui.app import make_app

    app = make_app([seeds], cache_dir=tmp_path / "cache", use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):  # 30 s at most: an app that failed fails the test rather than hanging it
            if app.screen.up_to_date:
                break
            await pilot.pause(0.05)
        assert app.screen.up_to_date
        assert app.screen.query_one("ArticleList").count > 0
    assert not any((tmp_path / "cache").glob("*.sqlite3"))


# --- subcommands: global options before or after the command, help per command --------------------------


def test_global_options_go_before_or_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "vote.txt").write_text("Harbour Toll Vote\n\nKestrel Shipping lost the vote on Monday, said Ines "
                                     "Morrow of the Quay Authority.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert main(["--no-cache", "--cache-dir", str(cache), "export", str(folder)]) == 0
    assert "Harbour Toll Vote" in capsys.readouterr().out and not cache.exists()
    assert main(["--cache-dir", str(cache), "search", "Kestrel", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Harbour Toll Vote"] and any(cache.glob("index-*.sqlite3"))
    assert main(["--cache-dir", str(cache), "search", "-person:Morrow", str(folder), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == []
    assert main(["export", str(folder), "--no-cache", "--cache-dir", str(tmp_path / "other"), "-o", "-"]) == 0
    assert "Harbour Toll Vote" in capsys.readouterr().out and not (tmp_path / "other").exists()


def test_each_command_has_its_own_help() -> None:
    top = run("--help").stdout
    assert "export" in top and "search" in top and "--cache-dir" in top
    export = run("--no-cache", "export", "--help")
    assert export.returncode == 0 and "--force" in export.stdout and "--format {markdown,json,html}" in export.stdout
    assert "-q QUERY" in export.stdout and "--full" in export.stdout  # export takes a query too (issue 18)
    search = run("search", "--help")
    assert search.returncode == 0 and "--format {text,json}" in search.stdout and "--force" not in search.stdout
    assert "person:" in search.stdout  # the query language


def test_an_unknown_option_is_named_for_every_command() -> None:
    for command in ([], ["export"], ["search", "Kestrel"]):
        out = run(*command, "--nope")
        assert out.returncode == 2 and "unrecognized arguments: --nope" in out.stderr
