"""Text cleaning on a user's path: one bad character, decomposed accents and invisible characters.

Each test runs the real ``brief`` command or a real ``Library`` on a temporary folder of
invented articles, and asserts what a user would see in the briefing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from brief.cli import main
from brief.pipeline import analysis
from brief.pipeline.build import load_briefing
from brief.pipeline.export import render_json, render_markdown
from brief.pipeline.index.library import Library
from brief.pipeline.text import clean

STORY = "Jane Roe of Quorvex Holdings said the Velmora mill deal was worth $5 million on Monday."


def _json_feed(folder: Path, items: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wire.json"
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Velmora Wire",
           "home_page_url": "https://velmora.example/", "items": items}
    path.write_text(json.dumps(doc), encoding="utf-8")  # json.dumps writes a lone surrogate as \udc80
    return path


def _text(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


# --- P1: one bad character kills the run -------------------------------------------------------


def test_a_lone_surrogate_in_a_json_feed_is_one_replacement_character(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "news"
    _json_feed(folder, [{"id": "1", "title": "Quorvex buys a mill \udc80",
                         "content_text": f"{STORY} \udc80 Quorvex Holdings expects growth."}])
    _text(folder, "other.txt", "Harbour Board Meets\n\nThe harbour board met Jane Roe on Tuesday.\n")
    out = tmp_path / "briefing.json"
    assert main(["export", str(folder), "--no-cache", "--format", "json", "-o", str(out)]) == 0
    exported = out.read_text(encoding="utf-8")
    titles = {a["title"] for a in json.loads(exported)["articles"]}
    assert titles == {"Quorvex buys a mill \ufffd", "Harbour Board Meets"}
    assert "\\udc80" not in exported and "\ufffd" in exported
    capsys.readouterr()
    assert main(["search", "Quorvex", str(folder), "--no-cache"]) == 0
    assert "Quorvex buys a mill" in capsys.readouterr().out


def test_a_character_reference_to_a_surrogate_leaves_the_rest_of_the_feed(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "wire.rss").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Velmora Wire</title>'
        "<item><title>Quorvex buys a mill &#55296;</title><link>https://velmora.example/1</link>"
        f"<description>{STORY} &#xDFFF; &#1114112; &#99999999999999999999;</description></item>"
        "<item><title>Harbour board meets</title><link>https://velmora.example/2</link>"
        "<description>The harbour board met Jane Roe on Tuesday.</description></item>"
        "</channel></rss>", encoding="utf-8")
    b = load_briefing([folder], use_cache=False)
    assert sorted(a.title for a in b.articles) == ["Harbour board meets", "Quorvex buys a mill \ufffd"]
    assert b.skipped == []
    body = next(a.body for a in b.articles if a.title.startswith("Quorvex"))
    assert body.endswith("on Monday. \ufffd \ufffd \ufffd")


def test_a_failure_in_one_document_skips_that_document_with_its_reason(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "news"
    for n, title in enumerate(("Harbour Board Meets", "Velmora Mill Sold", "Quorvex Opens Office")):
        _text(folder, f"{n}.txt", f"{title}\n\n{STORY}\n")
    real = analysis.analyse_parsed

    def failing(parsed, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if parsed.title == "Velmora Mill Sold":
            raise SystemError("the tagger returned a result with an exception set")
        return real(parsed, *args, **kwargs)

    monkeypatch.setattr(analysis, "analyse_parsed", failing)
    lib = Library([folder], cache_dir=tmp_path / "cache")
    report = lib.update(workers=1)
    assert report.added == 2
    assert sorted(a.title for a in lib.briefing().articles) == ["Harbour Board Meets", "Quorvex Opens Office"]
    (skipped,) = lib.skipped
    assert skipped[0] == str(folder / "1.txt")
    assert skipped[1] == "could not be analysed (SystemError: the tagger returned a result with an exception set)"
    monkeypatch.setattr(analysis, "analyse_parsed", real)  # fixed: the next update reads it again
    assert lib.update(workers=1).added == 1 and lib.skipped == []


# --- P2: decomposed accents ---------------------------------------------------------------------


def test_a_name_with_decomposed_accents_is_found_whole(tmp_path: Path) -> None:
    import unicodedata

    text = ("Velmora Bank Sells Unit\n\nThe French bank Société Générale sold its Velmora unit on Monday, "
            "Société Générale said. Chief executive Renée Faure said the sale raised $40 million.\n")
    path = _text(tmp_path / "news", "a.md", unicodedata.normalize("NFD", text))  # as macOS writes names
    b = load_briefing([path], use_cache=False)
    names = {e.name for e in b.entities}
    assert "Société Générale" in names and "Renée Faure" in names
    assert not any(n in names for n in ("Socie", "Ge", "Rene"))
    assert "Société Générale sold" in b.articles[0].body


# --- P3: invisible characters ------------------------------------------------------------------

INVISIBLE = {
    "arabic letter mark": "\u061c",
    "tag characters": "\U000e0041\U000e0063\U000e006d\U000e0065\U000e007f",
    "hangul filler": "\u3164",
    "hangul choseong filler": "\u115f",
    "soft hyphen": "\u00ad",
}
_LEFT = re.compile("[\u00ad\u061c\u115f\u1160\u3164\uffa0\u2028\u2029\U000e0000-\U000e007f\ud800-\udfff]")


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_invisible_characters_reach_neither_the_export_nor_the_names(tmp_path: Path, name: str) -> None:
    mark = INVISIBLE[name]
    text = (f"Acme{mark} Corp Opens a Plant\n\nBy Jane{mark} Roe\n\nAcme{mark} Corp opened a plant in Velmora "
            f"on Monday, Acme Corp said.{mark} Jane Roe said it cost $5{mark} million.\n")
    b = load_briefing([_text(tmp_path / "news", "a.txt", text)], use_cache=False)
    exported = render_markdown(b) + render_json(b) + json.dumps(json.loads(render_json(b)), ensure_ascii=False)
    assert not _LEFT.search(exported), name
    assert not re.search(r"\\u(?:00ad|061c|115f|3164|db40|2028|2029)", exported, re.IGNORECASE), name
    orgs = {e.name for e in b.entities if e.type == "organization"}
    assert "Acme Corp" in orgs and "Corp" not in orgs
    assert b.articles[0].title == "Acme Corp Opens a Plant"


def test_line_and_paragraph_separators_become_breaks(tmp_path: Path) -> None:
    text = ("Plant Opens in Velmora\u2029Acme Corp opened a plant on Monday.\u2028"
            "Jane Roe said it cost $5 million.\u2029Quorvex Holdings did not comment.\n")
    b = load_briefing([_text(tmp_path / "news", "a.txt", text)], use_cache=False)
    (article,) = b.articles
    assert article.title == "Plant Opens in Velmora"
    assert article.body.split("\n\n") == ["Acme Corp opened a plant on Monday.", "Jane Roe said it cost $5 million.",
                                          "Quorvex Holdings did not comment."]
    for f in article.figures:
        assert article.field_text(f.field)[f.start:f.end] == f.text


def test_clean_keeps_offsets_of_what_it_returns() -> None:
    """Mentions point into the cleaned text: what clean returns is clean already."""
    text = "Socie\u0301te\u0301 \u00adGe\u0301ne\u0301rale\u2028\udc80 Acme\u061c Corp \U000e0041"
    once = clean(text)
    assert once == "Société Générale\n\ufffd Acme Corp "
    assert clean(once) == once


# --- small: UTF-16/32 without a BOM, JSON Feed entries with no content ------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Harbour Owners Meet\n\nThe harbour owners of Velmora met Jane Roe on Monday to discuss rents.\n"
    b = load_briefing([_text(tmp_path / "news", "a.txt", text, encoding)], use_cache=False)
    assert [a.title for a in b.articles] == ["Harbour Owners Meet"] and b.skipped == []
    assert b.articles[0].body == text.split("\n\n")[1].strip()


def test_a_json_feed_entry_with_no_content_is_skipped_with_a_reason_or_uses_its_title(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    feed = _json_feed(folder, [{"id": "1", "title": "Quorvex buys a mill", "content_text": STORY},
                               {"id": "2", "content_text": "  "},
                               {"id": "3", "title": "Velmora council votes on the harbour budget"}])
    b = load_briefing([folder], use_cache=False)
    assert sorted(a.title for a in b.articles) == ["Quorvex buys a mill", "Velmora council votes on the harbour budget"]
    assert "(untitled)" not in {a.title for a in b.articles}
    assert b.skipped == [(f"{feed}#2", "the entry has no title, summary or content")]


def test_an_rss_item_with_nothing_in_it_is_skipped_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    feed = folder / "wire.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Wire</title>'
                    f"<item><title>Quorvex buys a mill</title><description>{STORY}</description></item>"
                    "<item><guid>empty-1</guid></item></channel></rss>", encoding="utf-8")
    b = load_briefing([folder], use_cache=False)
    assert [a.title for a in b.articles] == ["Quorvex buys a mill"]
    assert b.skipped == [(f"{feed}#empty-1", "the entry has no title, summary or content")]
