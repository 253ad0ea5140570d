"""What `brief export` writes, and what it never writes: an article it reads, a cut-short file, through another's link.

Each test drives the real command (``brief.cli.main`` or a subprocess) on invented articles in a
temp folder, and each failed before the fix it guards (issue 16).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from invented import write_corpus
from markdown_it import MarkdownIt

from brief.cli import main

NO_SPACE = "No space left on device"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two invented articles, 000.txt and 001.txt."""
    return write_corpus(tmp_path / "news", 2)


def one_clean_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


# --- P0: an output that is one of the inputs is refused, --force or not -----------------------------------


@pytest.mark.parametrize("spelling", ["same", "other spelling", "hard link", "symbolic link", "in the folder"])
def test_export_never_writes_over_an_article_it_reads(tmp_path: Path, corpus: Path, spelling: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    article = corpus / "000.txt"
    before = article.read_bytes()
    given = str(article)
    out = {"same": article, "other spelling": corpus / ".." / corpus.name / "000.txt",
           "hard link": tmp_path / "hard.txt",
           "symbolic link": tmp_path / "link.txt", "in the folder": article}[spelling]
    if spelling == "hard link":
        os.link(article, out)
    elif spelling == "symbolic link":
        out.symlink_to(article)
    elif spelling == "in the folder":
        given = str(corpus)
    for force in ([], ["--force"]):
        assert main(["export", given, "--no-cache", "-o", str(out), *force]) == 1
        said = one_clean_line(capsys.readouterr().err)
        assert str(out) in said and "one of the articles read" in said
    assert article.read_bytes() == before
    assert sorted(p.name for p in corpus.iterdir()) == ["000.txt", "001.txt"]


def test_a_briefing_written_into_the_folder_it_reads_is_not_read_as_an_article(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = corpus / "briefing.md"
    assert main(["export", str(corpus), "--no-cache", "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8")
    assert MarkdownIt("commonmark").parse(first)[0].type == "html_block"  # the marker: hidden when rendered
    capsys.readouterr()
    assert main(["export", str(corpus), "--no-cache", "-o", str(out), "--force"]) == 0
    assert f"skipped {out}: a briefing, not an article" in capsys.readouterr().err
    second = out.read_text(encoding="utf-8")
    assert "· 2 articles" in first and "· 2 articles" in second
    for heading in ("People", "Companies and organizations", "Figures"):
        assert section(second, heading) == section(first, heading)


# --- P1: every byte is written, or the error is said ------------------------------------------------------


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Invented articles whose briefing is larger than 64 KB."""
    return write_corpus(tmp_path_factory.mktemp("big") / "news", 150)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs: the kernel takes the first 64 KB of a larger write, then says the disk is full."""
    mount = tmp_path / "small"
    mount.mkdir()
    tried = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True,
                           text=True)
    if tried.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {tried.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def brief(*args: str, **kw) -> subprocess.CompletedProcess[str]:  # noqa: ANN003
    return subprocess.run([sys.executable, "-m", "brief", *args], text=True, timeout=300, stdin=subprocess.DEVNULL,
                          **kw)


def test_standard_output_on_a_disk_that_fills_is_a_write_error(tmp_path: Path, big_corpus: Path,
                                                              small_disk: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    whole = brief("export", str(big_corpus), *cache, "--full", capture_output=True)  # the whole briefing: > 100 KiB
    assert whole.returncode == 0 and len(whole.stdout.encode()) > 100 * 1024
    with open(small_disk / "briefing.md", "w") as out:
        cut = brief("export", str(big_corpus), *cache, "--full", stdout=out, stderr=subprocess.PIPE)
    assert cut.returncode == 1
    assert one_clean_line(cut.stderr) == f"brief: write error: {NO_SPACE}"


def test_a_file_on_a_disk_that_fills_is_never_left_cut_short(tmp_path: Path, big_corpus: Path,
                                                             small_disk: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    new = small_disk / "new.md"
    cut = brief("export", str(big_corpus), *cache, "--full", "-o", str(new), capture_output=True)
    assert cut.returncode == 1 and NO_SPACE in one_clean_line(cut.stderr)
    assert list(small_disk.iterdir()) == []
    old = small_disk / "old.md"
    old.write_text("the old briefing\n")
    cut = brief("export", str(big_corpus), *cache, "--full", "-o", str(old), "--force", capture_output=True)
    assert cut.returncode == 1 and NO_SPACE in one_clean_line(cut.stderr)
    assert old.read_text() == "the old briefing\n" and list(small_disk.iterdir()) == [old]


# --- P2: symbolic links -----------------------------------------------------------------------------------


def test_a_dangling_symlink_is_an_existing_file(tmp_path: Path, corpus: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "elsewhere" / "briefing.md"
    target.parent.mkdir()
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    assert main(["export", str(corpus), "--no-cache", "-o", str(link)]) == 1
    assert "--force" in one_clean_line(capsys.readouterr().err)
    assert not target.exists() and link.is_symlink()
    assert main(["export", str(corpus), "--no-cache", "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and "# Briefing" in target.read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a link another user owns needs root")
@pytest.mark.parametrize("dangling", [True, False])
def test_another_users_link_in_a_shared_folder_is_not_followed(tmp_path: Path, corpus: Path, dangling: bool,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp is: sticky, anyone writes
    victim = tmp_path / "home" / ".profile"
    victim.parent.mkdir()
    if not dangling:
        victim.write_text("my settings\n")
    planted = shared / "briefing.md"
    planted.symlink_to(victim)
    os.lchown(planted, 65534, 65534)
    assert main(["export", str(corpus), "--no-cache", "-o", str(planted), "--force"]) == 1
    assert "another user" in one_clean_line(capsys.readouterr().err)
    assert (victim.read_text() == "my settings\n") if not dangling else not victim.exists()
    assert sorted(p.name for p in victim.parent.iterdir()) == ([] if dangling else [".profile"])
    mine = shared / "mine.md"  # the user's own link there is followed as anywhere else
    mine.symlink_to(tmp_path / "home" / "briefing.md")
    assert main(["export", str(corpus), "--no-cache", "-o", str(mine), "--force"]) == 0
    assert stat.S_ISREG((tmp_path / "home" / "briefing.md").lstat().st_mode)


# --- small: the count in "wrote ..." ----------------------------------------------------------------------


def test_one_article_is_one_article(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.md"
    assert main(["export", str(corpus / "000.txt"), "--no-cache", "-o", str(out)]) == 0
    assert one_clean_line(capsys.readouterr().err) == f"brief: wrote {out} (1 article)"
    assert main(["export", str(corpus), "--no-cache", "-o", str(out), "--force"]) == 0
    assert one_clean_line(capsys.readouterr().err) == f"brief: wrote {out} (2 articles)"

