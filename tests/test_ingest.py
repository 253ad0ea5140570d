"""Ingest: metadata and a clean body from raw saved articles."""

from __future__ import annotations

from pathlib import Path

from brief.pipeline.ingest import MAX_BYTES, decode_text, parse
from brief.pipeline.sources.targets import discover, display_path, read_regular
from brief.pipeline.text import clean, sentences


def test_first_seed_metadata_and_boilerplate(seeds: Path) -> None:
    p = parse((seeds / "000_8aa2c54d586f50ac.txt").read_text())
    assert p.title.startswith("Meta’s $14.3B Scale AI Deal")
    assert p.author == "Lucas Greene"
    assert p.source == "WebProNews"
    assert p.standfirst.startswith("Meta invested $14.3 billion")
    assert p.body.startswith("In June, Meta Platforms Inc. made headlines")
    for junk in ("Subscribe for Updates", "Advertise with Us", "Written by", "media kit"):
        assert junk not in p.body
    assert [p.body[s:e] for s, e in p.headings][:2] == [
        "Executive Departures Signal Early Turbulence", "Data Quality Concerns Undermine Investment Rationale"]


def test_prose_first_line_gets_a_derived_title_and_stays_in_the_body(seeds: Path) -> None:
    p = parse((seeds / "003_aeb58425c267ccad.txt").read_text())
    assert p.title_derived and p.title.startswith("Meta is reportedly") and len(p.title.split()) <= 13
    assert p.body.startswith("Meta is reportedly investing nearly $15 billion")
    assert p.source == "TechCrunch" and p.author is None
    assert "#Scale" not in p.body and not p.body.rstrip().endswith("techcrunch.com")


def test_invented_article_with_markdown_heading_byline_and_date() -> None:
    raw = ("# Harbour Plans Stall\n\nBy Jane Roe, Coastal Post\n\nMarch 3, 2025\n\n"
           "The harbour board delayed its vote again on Tuesday.\n\n## What Comes Next\n\n"
           "A new vote is due in May.\n\nSign up for our newsletter\n\nFollow us")
    p = parse(raw)
    assert (p.title, p.author, p.published, p.published_text) == ("Harbour Plans Stall", "Jane Roe", "2025-03-03",
                                                                  "March 3, 2025")
    assert p.body.startswith("The harbour board")
    assert "What Comes Next" in [p.body[s:e] for s, e in p.headings]
    assert "newsletter" not in p.body and p.body.endswith("due in May.")


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    p = parse("Port Strike Ends\n\nBy contrast, the union said little.\n\nWork resumed on Monday.")
    assert p.author is None and p.body.startswith("By contrast")


def test_control_sequences_never_survive() -> None:
    text = "Title\x1b]52;c;aGVsbG8=\x07 here\n\nBody \x1b[2J with \u202eevil\u202c and zero\u200bwidth."
    cleaned = clean(text)
    assert "\x1b" not in cleaned and "\u202e" not in cleaned and "\u200b" not in cleaned
    p = parse(text)
    assert p.title == "Title here" and "\x1b" not in p.body


def test_sentences_respect_abbreviations() -> None:
    t = "Mr. Lane went to the U.S. on Monday. He left. Dr. Roe stayed."
    assert [t[s:e] for s, e in sentences(t)] == ["Mr. Lane went to the U.S. on Monday.", "He left.", "Dr. Roe stayed."]


def test_discover_walks_folders_and_reports_what_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One\n\nBody text here.")
    (tmp_path / "two.md").write_text("Two\n\nMore body text.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    found, skipped = discover([tmp_path, tmp_path / "missing.txt"])
    assert [f.path.name for f in found] == ["one.txt", "two.md"]
    assert skipped == [(str(tmp_path / "missing.txt"), "no such file or directory")]


def read_text(path: Path) -> str:
    return decode_text(read_regular(path, MAX_BYTES))


def test_read_text_decodes_utf16_and_refuses_binary(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Café news\n\nBody.".encode("utf-16"))
    assert read_text(tmp_path / "u16.txt").startswith("Café")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    try:
        read_text(tmp_path / "bin.txt")
    except ValueError as err:
        assert "binary" in str(err)
    else:
        raise AssertionError("a binary file was read as text")


def test_folders_with_loops_broken_links_and_odd_names(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "latin1.txt").write_bytes("Titre\n\nCafé crème, 5 €.\n".encode("cp1252"))
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    odd = Path(bytes(tmp_path / "d") .decode() + "/" + b"caf\xe9.txt".decode("utf-8", "surrogateescape"))
    odd.write_text("Odd\n\nName.\n")
    found, skipped = discover([tmp_path / "d"])
    assert sorted(p.path.name for p in found) == sorted(["latin1.txt", odd.name])
    assert skipped == [(str(tmp_path / "d" / "gone.txt"), "broken symbolic link")]
    assert read_text(tmp_path / "d" / "latin1.txt") == "Titre\n\nCafé crème, 5 €.\n"
    assert display_path(odd).endswith("caf\ufffd.txt")
