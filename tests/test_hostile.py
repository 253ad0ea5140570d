"""Hostile and broken input: nothing crashes, nothing is lost, nothing reaches the terminal.

Each test here fails on a naive implementation: one that passes article text through as it
is, trusts file contents and names, or writes output in place.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.cli import main
from brief.pipeline.analysis import FIELDS, analyse
from brief.pipeline.build import load_briefing
from brief.pipeline.export import render_json, render_markdown, write_text
from brief.pipeline.extract.spans import Label
from brief.pipeline.ingest import parse
from brief.pipeline.text import clean

ESCAPES = {
    "CSI clear screen": "\x1b[2J\x1b[H",
    "CSI colour": "\x1b[31;1m",
    "OSC 0 title": "\x1b]0;pwned\x07",
    "OSC 8 link": "\x1b]8;;http://evil.example/\x1b\\\x1b]8;;\x1b\\",  # an empty link: no visible text
    "OSC 52 clipboard": "\x1b]52;c;Y3VybCBldmlsfHNo\x07",
    "DCS": "\x1bP1$qm\x1b\\",
    "C1 CSI": "\x9b31m",
    "C0 bell and backspace": "\x07\x08",
    "bidi override": "\u202egnp.exe\u202c",
    "bidi isolate": "\u2066x\u2069",
    "zero width": "\u200b\u200c\u200d\ufeff",
}
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(ESCAPES))
def test_escape_sequences_and_invisible_characters_never_survive(tmp_path: Path, name: str) -> None:
    seq = ESCAPES[name]
    text = (f"Harbour{seq} Deal Signed\n\nBy Ada{seq} Lenk\n\nThe harbour board met Kestrel Shipping CEO "
            f"Mara{seq} Quell on Monday.{seq} Quell said the deal was worth $5{seq} million.\n")
    b = load_briefing([_write(tmp_path / "news", "a.txt", text)], use_cache=False)
    exported = render_markdown(b) + render_json(b)
    assert not UNSAFE.search(render_markdown(b)), name
    assert "\\u001b" not in exported and "\x1b" not in exported
    assert all(not UNSAFE.search(e.name) for e in b.entities)
    if not clean(seq):  # a sequence with nothing visible in it leaves the name whole
        assert any(e.name == "Mara Quell" for e in b.entities)


def test_zero_width_characters_inside_names_do_not_split_entities(tmp_path: Path) -> None:
    text = "Board Meets\n\nThe board met Ma\u200bra Qu\u200dell of Kestrel Shipping. Mara Quell agreed.\n"
    b = load_briefing([_write(tmp_path / "n", "a.txt", text)], use_cache=False)
    assert [e.name for e in b.entities if e.type == "person"] == ["Mara Quell"]


def test_markup_like_text_is_exported_literally(tmp_path: Path) -> None:
    text = ("[bold red]Alert[/] at Kestrel Shipping\n\n"
            "Mara Quell of Kestrel Shipping wrote [link=file:///etc/passwd]this[/link] and [@click=app.quit]x[/]. "
            "She added `rm -rf` and <script>alert(1)</script> and [a](http://evil.example) | pipes.\n")
    b = load_briefing([_write(tmp_path / "n", "a.txt", text)], use_cache=False)
    article = b.articles[0]
    assert article.title == "[bold red]Alert[/] at Kestrel Shipping"
    assert "[link=file:///etc/passwd]" in article.body
    md = render_markdown(b)
    assert "<script>" not in md and "](http://evil.example)" not in md
    assert "\\[bold red\\]Alert\\[/\\]" in md


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\t \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    (b"\x00\x01\x02\x03" * 100, "binary file, not text"),
])
def test_unusable_files_are_named_with_a_reason_and_the_rest_loads(tmp_path: Path, seeds: Path, content: bytes,
                                                                   reason: str, capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["export", str(bad), str(seeds), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert f"skipped {bad}: {reason}" in err and err.count(str(bad)) == 1
    assert main(["export", str(bad), "--no-cache"]) == 2


def test_encodings_are_detected(tmp_path: Path) -> None:
    text = "Café Owners Meet\n\nThe café owners of Zürich met Renée Faure on Monday to discuss rents.\n"
    for name, data in {"latin1.txt": text.encode("latin-1"), "utf16.txt": text.encode("utf-16"),
                       "utf8bom.txt": text.encode("utf-8-sig")}.items():
        (tmp_path / name).write_bytes(data)
    b = load_briefing([tmp_path], use_cache=False)
    assert {a.title for a in b.articles} == {"Café Owners Meet"} and len(b.articles) == 3


def test_a_huge_file_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    b = load_briefing([big], use_cache=False)
    assert b.articles == [] and b.skipped == [(str(big), "larger than the 10 MB limit for one article")]


def test_long_lines_and_no_newlines_at_all(tmp_path: Path) -> None:
    sentence = "Mara Quell of Kestrel Shipping said costs rose 4% to $12 million in the quarter. "
    (tmp_path / "one-line.txt").write_text(sentence * 3000)  # 250 KB, not one newline
    b = load_briefing([tmp_path / "one-line.txt"], use_cache=False)
    assert any(e.name == "Mara Quell" for e in b.entities)
    assert {f.text for f in b.articles[0].figures} >= {"4%", "$12 million"}


def test_unreadable_and_vanishing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "n"
    keep = _write(folder, "keep.txt", "Kept Story\n\nMara Quell spoke.\n")
    locked = _write(folder, "locked.txt", "Locked Story\n\nBody.\n")
    _write(folder, "gone.txt", "Gone Story\n\nBody.\n")
    real_open = os.open

    def guarded(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if os.path.basename(path) == "locked.txt":
            raise PermissionError(13, "Permission denied")
        if os.path.basename(path) == "gone.txt":
            raise FileNotFoundError(2, "No such file or directory")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    b = load_briefing([folder], use_cache=False)
    assert [a.path for a in b.articles] == [str(keep)]
    assert (str(locked), "Permission denied") in b.skipped
    assert (str(folder / "gone.txt"), "No such file or directory") in b.skipped


def test_brief_never_changes_the_article_files(tmp_path: Path, seeds: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds, corpus)
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in corpus.iterdir()}
    assert main(["export", str(corpus), "--cache-dir", str(tmp_path / "cache"), "-o", str(tmp_path / "b.md")]) == 0
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in corpus.iterdir()}
    assert before == after


def test_a_truncated_index_is_rebuilt(tmp_path: Path, seeds: Path) -> None:
    from brief.pipeline.index.library import Library

    lib = Library([seeds], cache_dir=tmp_path / "cache")
    lib.update()
    lib.close()
    assert lib.path is not None
    db = sqlite3.connect(lib.path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = lib.path.read_bytes()
    lib.path.write_bytes(data[: len(data) // 3])
    again = Library([seeds], cache_dir=tmp_path / "cache")
    again.update()
    assert len(again.briefing().articles) == 2


def test_a_failed_write_leaves_the_old_briefing_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("the old briefing")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_text(target, "the new briefing " * 1000, force=True)
    assert target.read_text() == "the old briefing"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.md"]


def test_cli_says_when_the_disk_is_full(tmp_path: Path, seeds: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys) -> None:  # noqa: ANN001
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert main(["export", str(seeds), "--no-cache", "-o", str(tmp_path / "b.md")]) == 1
    assert "No space left on device" in capsys.readouterr().err


# --- properties: any string in, no exception, offsets inside the text, mention text = slice ----------------

FRAGMENTS = ["Inc.", "Corp.", "CEO ", "Mr. ", "$1.5 billion", "49%", " said ", "Alice Smith", "Acme Corp",
             "\u202e", "\u200b", "\n\n", "\n", "## ", "By ", "\x1b[2J", "\x1b]52;c;", "[bold]", "[/", ". ", ", ",
             "’s ", " to ", "-", "#tag ", "example.com", "Subscribe", "U.S.", "(", ")"]
printable_and_hostile = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=12), st.sampled_from(FRAGMENTS)), max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(printable_and_hostile)
def test_parse_and_analyse_any_string(text: str) -> None:
    parsed = parse(text)
    result = analyse(text)
    for field, spans, figures in zip(FIELDS, result.entities, result.spans, strict=True):
        for s in spans:
            assert 0 <= s.start < s.end <= len(result.text(field)) and s.label in set(Label) and 0 <= s.score <= 1
        for f in figures:
            assert 0 <= f.start < f.end <= len(result.text(field)) and f.kind in ("money", "percent", "count")
    for s, e in parsed.headings:
        assert 0 <= s < e <= len(parsed.body)
    assert not UNSAFE.search(parsed.title + parsed.body)
    pickle.loads(pickle.dumps(result))  # it travels from a worker process to the writer


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(printable_and_hostile)
def test_the_whole_briefing_of_any_text_is_consistent(tmp_path: Path, text: str) -> None:
    folder = tmp_path / hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    folder.mkdir(exist_ok=True)  # hypothesis replays the same text
    (folder / "a.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    b = load_briefing([folder], use_cache=False)
    ids = {e.id for e in b.entities}
    for a in b.articles:
        for m in a.mentions:
            assert a.field_text(m.field)[m.start:m.end] == m.text and m.entity in ids
        for f in a.figures:
            assert a.field_text(f.field)[f.start:f.end] == f.text
    render_markdown(b)
