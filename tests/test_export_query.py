"""`brief export 'QUERY' PATHS`, `-q QUERY` and `--full`: the real command on invented articles in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.cli import main

ARTICLES = {
    "merger.md": "---\ntitle: Velmora Systems to buy Quorvex Labs\ndate: 2024-05-02\nsource: Ledger Wire\n---\n\n"
                 "Velmora Systems agreed to buy Quorvex Labs for $1.8 billion on Tuesday. Jane Roe, chief executive "
                 "of Quorvex Labs, will stay on. Shares of Velmora Systems rose 0.48%.\n",
    "bank.md": "---\ntitle: A slow spring at Brindle Bank\ndate: 2024-05-01\nsource: Money Desk\n---\n\n"
               "Brindle Bank advised on two deals this spring. Sam Quill, an analyst at Ostrava Partners, called it "
               "a slow season for the bank.\n",
}


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args, "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_query_before_the_paths_exports_only_its_articles(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, md, _ = _export(capsys, "org:Velmora", str(news))
    assert code == 0
    assert "Velmora Systems to buy Quorvex Labs" in md and "1 article" in md
    assert "Brindle Bank" not in md and "Sam Quill" not in md
    code, whole, _ = _export(capsys, str(news))
    assert code == 0 and "Brindle Bank" in whole and "2 articles" in whole


def test_q_names_the_query_and_a_word_that_is_no_file_stays_a_path(news: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, md, _ = _export(capsys, "-q", "spring", str(news))
    assert code == 0 and "A slow spring at Brindle Bank" in md and "Quorvex" not in md
    code, md, err = _export(capsys, "spring", str(news))  # one word: a path that is not there, not a query
    assert code == 0 and "skipped spring" in err and "Quorvex" in md


def test_an_existing_folder_is_a_path_even_when_it_reads_as_a_query(news: Path, tmp_path: Path, monkeypatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "org:Velmora"
    news.rename(odd)
    monkeypatch.chdir(tmp_path)
    code, md, _ = _export(capsys, "org:Velmora")
    assert code == 0 and "2 articles" in md


def test_a_query_that_matches_nothing_writes_nothing(news: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "b.md"
    code, _, err = _export(capsys, "org:Nobody", str(news), "-o", str(out))
    assert code == 1 and "no article matches 'org:Nobody'" in err and not out.exists()
    code, _, err = _export(capsys, "-q", "money>", str(news))
    assert code == 2 and "cannot export" in err


def test_the_compact_briefing_and_full(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, compact, _ = _export(capsys, str(news))
    assert code == 0 and "## Summaries" not in compact and "brief export --full" in compact
    assert "0.48%" in compact and "0\\.48" not in compact
    code, full, _ = _export(capsys, str(news), "--full")
    assert code == 0 and "## Summaries" in full and "brief export --full" not in full
    assert len(full.splitlines()) > len(compact.splitlines())


def test_json_export_takes_the_query_too(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = _export(capsys, "--format", "json", "-q", "person:Quill", str(news))
    assert code == 0
    assert [a["title"] for a in json.loads(out)["articles"]] == ["A slow spring at Brindle Bank"]


@pytest.mark.parametrize("how", [["-q", "org:Velmora"], ["org:Velmora"]])
def test_html_export_takes_the_query_too(news: Path, capsys: pytest.CaptureFixture[str], how: list[str]) -> None:
    """The view exported as HTML: its articles, its names and their profiles, nothing of the rest."""
    import lxml.html

    code, out, _ = _export(capsys, "--format", "html", *how, str(news))
    assert code == 0
    tree = lxml.html.fromstring(out)
    assert [h.text_content() for h in tree.xpath("//article/h3")] == ["[1] Velmora Systems to buy Quorvex Labs"]
    profiles = [h.text for h in tree.xpath("//section[@class='profile']/h3")]
    assert any("Velmora Systems" in p for p in profiles) and not any("Brindle" in p for p in profiles)
    assert "Sam Quill" not in tree.text_content()
