"""Names as a reader sees them highlighted and typed (invented names only)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from brief.pipeline.extract import EXTRACTOR_VERSION, EntitySpan, Label, extract_entities


def found(texts: list[str]) -> list[set[tuple[str, str]]]:
    result = extract_entities(texts)
    return [{(t[s.start : s.end], s.label) for s in spans} for t, spans in zip(texts, result, strict=True)]


def everything(texts: list[str]) -> set[tuple[str, str]]:
    return set().union(*found(texts))


def test_one_list_per_text_and_spans_inside() -> None:
    texts = ["Quorvex Hires New Chief", "", "Quorvex Labs said on Monday that Dr. Elna Varsk would join."]
    result = extract_entities(texts)
    assert len(result) == 3
    for t, spans in zip(texts, result, strict=True):
        for s in spans:
            assert isinstance(s, EntitySpan)
            assert 0 <= s.start < s.end <= len(t)
            assert s.label in set(Label)


def test_person_after_a_role_word() -> None:
    texts = ["Deal done", "The startup hired CEO Talvin Orsk last year, and Orsk said growth would follow."]
    got = everything(texts)
    assert ("Talvin Orsk", "person") in got
    assert ("Orsk", "person") in got
    assert not any(text.startswith("CEO") for text, _ in got)


def test_headline_name_confirmed_by_body() -> None:
    texts = [
        "VELMORA TECHNOLOGIES BUYS PARLEN ROBOTICS",
        "Velmora Technologies Inc. agreed to buy Parlen Robotics for $2 billion, chief executive "
        "Idris Tanvel said. Velmora shares rose 4%.",
    ]
    title, body = found(texts)
    assert ("VELMORA TECHNOLOGIES", "organization") in title
    assert ("PARLEN ROBOTICS", "organization") in title
    assert ("Velmora Technologies Inc.", "organization") in body


def test_headline_words_are_not_names_without_confirmation() -> None:
    texts = ["Storm Clouds Gather Over Harbor Talks", "Negotiators met again on Tuesday without progress."]
    assert found(texts)[0] == set()


def test_surname_alone_is_the_person_named_before() -> None:
    texts = ["x", "Analyst Corwin Haldane expects a cut. Haldane said rates would fall."]
    assert ("Haldane", "person") in everything(texts)


def test_places_and_nationalities_are_typed_as_what_they_are() -> None:
    texts = [
        "x",
        "Officials in Germany and France met in Paris, where Italian and Brazilian delegates "
        "joined talks about Europe with Chinese diplomats.",
    ]
    got = everything(texts)
    assert {("Germany", "place"), ("France", "place"), ("Paris", "place"), ("Europe", "place")} <= got
    assert {("Italian", "group"), ("Brazilian", "group"), ("Chinese", "group")} <= got
    assert not any(label in ("person", "organization") for _, label in got)


def test_section_headings_are_not_typed() -> None:
    texts = [
        "Harbor Dispute Widens",
        "The port authority of Calvers Bay spoke.\n\nBroader Industry Ramifications\n\n"
        "Looking ahead, the outcome is unclear.",
    ]
    got = everything(texts)
    assert not any("Ramifications" in text for text, _ in got)


def test_org_head_nouns_and_acronyms() -> None:
    texts = ["x", "The Ministry of Coastal Affairs and the Veltran Savings Bank warned, the QPRL said."]
    got = everything(texts)
    assert ("Ministry of Coastal Affairs", "organization") in {(t.removeprefix("The "), lab) for t, lab in got}
    assert any(t.endswith("Veltran Savings Bank") and lab == "organization" for t, lab in got)
    assert ("QPRL", "organization") in got


def test_dateline_title_is_read_as_prose() -> None:
    texts = ["Zorvan News Agency, Dunmoreville, March 3, by reporter Lanfeng Qiao", "The port reopened."]
    title = found(texts)[0]
    assert ("Zorvan News Agency", "organization") in title
    assert ("Lanfeng Qiao", "person") in title


def test_dateline_agency_and_minister_of_state() -> None:
    texts = ["", "Dunmoreville, November 30 (Norvak) Turkish Minister of State Kelan Tasvor spoke here today."]
    got = everything(texts)
    assert ("Norvak", "organization") in got
    assert ("Kelan Tasvor", "person") in got


def test_chinese_and_korean_names() -> None:
    texts = ["x", "The panel includes Weiming Tao, Jianguo Bai and Zhou Minghua. Kim Sung-taek told reporters."]
    got = everything(texts)
    assert {("Weiming Tao", "person"), ("Jianguo Bai", "person"), ("Zhou Minghua", "person")} <= got
    assert ("Kim Sung-taek", "person") in got


def test_initials_and_middle_initials_mark_people() -> None:
    texts = ["x", "Brandt Q. Wexley, 54, succeeds R.T. Halvorsen Jr., who retired as treasurer of Pondle Inc."]
    got = everything(texts)
    assert ("Brandt Q. Wexley", "person") in got
    assert ("R.T. Halvorsen Jr.", "person") in got


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\x00\x01\x02",
        "’s",
        "'s 's",
        "A",
        "Mr.",
        "U.S.",
        "Ünïcödé Ñame",
        "中文新闻 报道",
        "—" * 50,
        "The " * 1000,
        "Corp. " * 500,
        "(" * 100 + "Zed" + ")" * 100,
        "A&B & C & D Inc.",
    ],
)
def test_no_exception_on_odd_input(text: str) -> None:
    result = extract_entities([text, text, text])
    assert len(result) == 3
    for spans in result:
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)


@pytest.mark.parametrize(
    "text", ["President " * 20000, "Abc Def " * 50000, "Bank of " * 20000 + "X"], ids=["titles", "caps", "joiners"]
)
def test_long_runs_of_capitals_stay_fast(text: str) -> None:
    t0 = time.perf_counter()
    extract_entities(["x", text])
    assert time.perf_counter() - t0 < 5


def test_huge_input_is_handled() -> None:
    body = "Nadia Forvelle of Quintal Group said so. " * 5000
    spans = extract_entities(["x", body])[1]
    assert spans and all(0 <= s.start < s.end <= len(body) for s in spans)


def test_version_is_part_of_the_extractor_version() -> None:
    from brief.pipeline.extract.entities import VERSION

    assert isinstance(VERSION, str) and VERSION in EXTRACTOR_VERSION


def test_import_is_light() -> None:
    code = "import sys, brief.pipeline.extract.entities; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_firm_beside_a_person_in_a_list_stays_a_firm() -> None:
    text = ("Regulators sued Kelvaro and its founder Tomas Rieger on Monday. They said Kelvaro and Rieger had "
            "mixed customer funds. Kelvaro said it would defend itself.")
    got = found(["Regulators sue Kelvaro", text])
    assert ("Kelvaro", "organization") in got[1] and ("Kelvaro", "person") not in got[1]
    assert ("Kelvaro", "organization") in got[0]


def test_a_new_name_that_says_something_is_an_organization() -> None:
    text = ("Corvallo said on Monday that Ana Ruiz, head of its truck unit, would become chief executive. "
            "Ruiz said she was honoured. Analysts said the choice was safe.")
    got = everything(["Corvallo names a new chief", text])
    assert ("Corvallo", "organization") in got
    assert ("Ruiz", "person") in got and not any(name == "Analysts" for name, _ in got)


def test_a_chair_and_a_firms_economists() -> None:
    text = "Bank Chair Mara Quill told reporters rates would hold. Harlow Sachs economists said they expect cuts."
    got = everything(["Rates", text])
    assert ("Mara Quill", "person") in got and ("Harlow Sachs", "organization") in got


def test_a_name_that_starts_in_lower_case() -> None:
    text = "The startup qLabs said it would raise money. She bought an iPhone and sold it on wBay."
    got = everything(["qLabs raises money", text])
    assert ("qLabs", "organization") in got


def test_a_list_member_typed_by_another_sentence_types_the_list() -> None:
    text = "Quillon wants to catch up with Harvane and Orbix in AI. Orbix invested $300 million in Quillon."
    got = everything(["AI race", text])
    assert ("Harvane", "organization") in got and ("Orbix", "organization") in got


def test_the_agency_of_a_wire_dateline() -> None:
    text = "OSLO (Vantwire) - Two proxy advisers urged shareholders to vote against the board."
    assert ("Vantwire", "organization") in everything(["Board revolt", text])


def test_a_capital_speaking_for_its_government_is_not_a_company() -> None:
    text = "Beijing said it would retaliate. Beijing's chief negotiator met reporters on Monday."
    assert not any(name == "Beijing" and label == "organization" for name, label in everything(["Trade", text]))


def test_a_plural_possessive_owner() -> None:
    text = ("Tim Vale, Harrows' chief executive, said the sale was best. Sam Reed, Harrows' executive chairman, "
            "agreed. She said 'Jones' was fine.")
    got = everything(["Harrows agrees to buyout", text])
    assert ("Harrows", "organization") in got and ("Harrows", "person") not in got


def test_a_surname_that_speaks_names_the_person_given_in_full_before() -> None:
    text = ("Bukavo Sakari scored twice on Sunday. Sakari said the win was massive. Futures on the Chicago Merc "
            "rose. The Merc said that trading was calm.")
    got = everything(["Derby day", text])
    assert ("Bukavo Sakari", "person") in got and ("Sakari", "person") in got
    assert not any(name in ("Chicago Merc", "Merc") and label == "person" for name, label in got)


