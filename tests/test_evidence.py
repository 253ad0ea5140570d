"""Types from evidence: each rule entry and each kind of evidence, on invented text, and the
corpus decision that strong evidence in one article wins over many weak tags of the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brief.labels import LABELS, Label
from brief.pipeline.build import load_briefing
from brief.pipeline.extract import evidence, extract_entities, lexicon, rules
from brief.pipeline.extract.rules import RULES, source
from brief.pipeline.extract.tokens import tokenize


def typed(text: str) -> dict[str, tuple[str, str]]:
    """The names of one body, each with its type and the source that typed it."""
    spans = extract_entities(["", text])[1]
    return {text[s.start : s.end]: (str(s.label), s.source) for s in spans}


@pytest.mark.parametrize(("text", "name", "label", "rule"), [
    ("Tenby Corvane, Inc. reported revenue of $5 million.", "Tenby Corvane, Inc.", "organization", "legal-suffix"),
    ("Marlow Tenby Inc. said nothing.", "Marlow Tenby Inc.", "organization", "legal-suffix"),
    ("The band plays June 9 – Camden, NJ @ Orvane Pavilion and more.", "NJ", "place", "state-code"),
    ("The band plays June 9 – Camden, NJ @ Orvane Pavilion and more.", "Orvane Pavilion", "facility", "at-venue"),
    ("Dates:\nJune 17 -- Orvane Amphitheatre, Halden, TN\n", "Orvane Amphitheatre", "facility", "at-venue"),
    ("Velmora CEO Jane Roe told reporters on Friday.", "Velmora", "organization", "title-of-a-person"),
    ("Tarrowby athletic director Jane Roe said no.", "Tarrowby", "organization", "title-of-a-person"),
    ("He said Quorvex's new phone is good.", "Quorvex", "organization", "maker"),
    ("Velmora agreed to acquire Quorvex for $5 billion.", "Quorvex", "organization", "acquired"),
    ("Velmora took a stake in Quorvex last year.", "Quorvex", "organization", "acquired"),
    ("The Velmora-owned Quorvex chain grew.", "Velmora", "organization", "owned-by"),
    ("Quorvex said it would cut 200 jobs.", "Quorvex", "organization", "said-it"),
    ("Quorvex shares closed higher on Tuesday.", "Quorvex", "organization", "staff"),
    ("An Orvane spokesperson declined to comment.", "Orvane", "organization", "staff"),
    ("Velmora launched its new Zentrix on Monday.", "Zentrix", "product", "product-cue"),
    ("Buyers liked its Zentrix app and its price.", "Zentrix", "product", "product-cue"),
    ("He bought the Velmora Zentrix Ultra last week.", "Velmora Zentrix Ultra", "product", "model-name"),
])
def test_each_new_entry_types_what_its_text_says(text: str, name: str, label: str, rule: str) -> None:
    assert typed(text).get(name) == (label, source(rule))


def test_a_person_the_model_is_sure_of_is_not_acquired_nor_a_product() -> None:
    got = typed("Quorvex hired Jane Roe. Velmora bought Jane Roe's house. She unveiled the new Jane Roe line.")
    assert all(label == "person" for n, (label, _) in got.items() if "Jane Roe" in n)


def test_a_known_name_from_the_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists of names (``lexicon.known_names``) type a name the model did not know or got wrong."""
    monkeypatch.setattr(rules, "known_names", lambda: {"tenby corvane": "product", "dravenna": "organization"})
    # the model: a person, a place no gazetteer knows
    got = typed("Users praised Tenby Corvane on Monday. Prices rose in Dravenna on Monday.")
    assert got["Tenby Corvane"] == ("product", source("products")) and source("products") == "lexicon:products"
    assert got["Dravenna"] == ("organization", source("companies"))
    # one word the model calls a person, surely: a firm the lists know, unless it is someone's surname
    monkeypatch.setattr(rules, "known_names", lambda: {"zentor": "organization"})
    assert typed("Users thanked Zentor, who replied.")["Zentor"] == ("organization", source("companies"))
    assert typed("Ada Zentor spoke. Users thanked Zentor, who replied.")["Zentor"][0] == "person"


def test_every_source_a_mention_carries_is_minted_by_an_entry_of_rules() -> None:
    sources = {r.source for r in RULES}
    assert len(sources) == len(RULES)
    with pytest.raises(KeyError):
        source("no-such-rule")
    root = Path(rules.__file__).parents[2]
    minted = [(p.name, m) for p in root.rglob("*.py") if p.name != "rules.py"
              for m in re.findall(r"[\"'](?:rule|lexicon):[a-z-]+[\"']", p.read_text(encoding="utf-8"))]
    assert minted == []  # "rule:list" and its kind are spelled only in rules.RULES


def test_the_labels_have_one_home() -> None:
    from brief import config, models

    assert config.LABELS is LABELS and models.EntityType is Label
    assert LABELS == tuple(label.value for label in Label)


def test_strong_evidence_outweighs_many_weak_tags() -> None:
    assert evidence.strong(source("legal-suffix")) and evidence.strong(source("honorific"))
    assert evidence.weight(source("legal-suffix"), 1.0) > 20 * evidence.weight("model", 0.9)
    assert not evidence.strong("model") and evidence.weight("model", 0.6) == 0.6


def test_the_corpus_types_a_name_by_its_strongest_evidence(tmp_path: Path) -> None:
    """One article says "Tenby Corvane, Inc."; four others give the model only the name, which it
    takes for a person's: the entity is an organization in every article, never a person."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Results\n\nTenby Corvane, Inc. reported revenue of $5 million on Monday.\n",
                                  encoding="utf-8")
    for i in range(4):
        (corpus / f"b{i}.txt").write_text(
            f"Story {i}\n\nUsers praised Tenby Corvane on Monday. Tenby Corvane said the plan was good, and "
            f"critics of Tenby Corvane disagreed in town number {i}.\n", encoding="utf-8")
    briefing = load_briefing([corpus], cache_dir=tmp_path / "cache")
    kinds = {e.name: e.type for e in briefing.entities if "Corvane" in e.name}
    assert kinds and set(kinds.values()) == {"organization"}, kinds


def test_every_lexicon_is_non_empty() -> None:
    """A package's data file that moved or changed its layout must not empty a list in silence."""
    assert len(lexicon.given_names()) > 10_000
    assert len(lexicon.first_names()) > 10_000
    all_places, countries, major = lexicon.places()
    assert len(all_places) > 10_000 and len(countries) > 150 and len(major) > 500
    assert len(lexicon.common_words()) > 10_000
    names, heads = lexicon.listed_firms()
    assert len(names) > 100 and heads
    known = lexicon.known_names()
    assert sum(v == "organization" for v in known.values()) > 1_000
    assert sum(v == "product" for v in known.values()) > 100
    assert evidence.reliability()
    from brief.pipeline.relations import gender

    assert gender.fits("Maria Roe", "she") and not gender.fits("Maria Roe", "he")


@pytest.mark.parametrize(("text", "name", "label", "rule"), [
    ("The Velmora index .VLMX added 20 points, or 0.2%.", "VLMX", None, "instrument-code"),
    ("Spot silver QRV= added 0.1% to $17 an ounce.", "QRV", None, "instrument-code"),
    ("Crude QRVc1 fell 3% and notes US10YT=RR rose.", "QRVc1", None, "instrument-code"),
    ("The Velmora Composite (VLMCOMP) slumped 0.2%.", "VLMCOMP", None, "instrument-code"),
    ("The firm sells to agencies, DSPs and SSPs.", "DSPs", None, "plural-acronym"),
    ("Ads there earn a higher CTR, though the CPM is lower.", "CTR", None, "common-acronym"),
    ("Quorvex expects PV makers to add 30 GW this year.", "GW", None, "common-acronym"),
    ("June 24 -- Orvane Live, Tarrow, VA\nJune 26 -- more", "Tarrow", "place", "town-state"),
    ("The five are:\n\nOrvane Space, Tarrow, Washington | Quorvex, Velmont, New Mexico\n", "Tarrow", "place",
     "town-state"),
    ("Officers also arrested Jane L. Roe, 32, of Tarrowby, on several charges.", "Tarrowby", "place", "town-state"),
    ("Fans packed the Tarrow Amphitheatre for the show.", "Tarrow Amphitheatre", "facility", "hall"),
    ("Quorvex unveiled the Velmora Solar Program on Monday.", "Velmora Solar Program", "law", "scheme"),
    ("She performed at the Velmora Music Awards in Los Angeles.", "Velmora Music Awards", "event", "prize"),
])
def test_each_entry_of_round_two_says_what_is_no_firm(text: str, name: str, label: str | None, rule: str) -> None:
    got = typed(text).get(name)
    assert got == ((label, source(rule)) if label else None), got


def test_a_playing_position_is_no_part_of_the_players_name() -> None:
    got = typed("Defence\nPos Player Plays\nCB Tarvin Oakes 60 95% 4 tackles\nLB Jorran Velt 50 80% 2 tackles\n")
    assert got.get("Tarvin Oakes", ("", ""))[0] == "person" and got.get("Jorran Velt", ("", ""))[0] == "person"
    assert not any(n.startswith(("CB ", "LB ")) for n in got)


def test_a_code_after_an_instrument_is_cut_off() -> None:
    got = typed("Three-month copper on the Velmora Metal Exchange CMQV3 rose 0.4%.")
    assert not any("CMQV3" in n for n in got)
    assert got.get("the Velmora Metal Exchange", ("",))[0] == "organization"


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Jane Roe bought a MacBook Pro and an Xbox One X last week.", "MacBook Pro", "product"),
    ("Jane Roe bought a MacBook Pro and an Xbox One X last week.", "Xbox One X", "product"),
    ("Fans tried Stadia on launch day; the service lagged.", "Stadia", "product"),
    ("Two MacBook Pros were stolen from the office.", "MacBook Pros", "product"),
    ("The keyboard works with the iMac and the iPad.", "iMac", "product"),
    ("Jane Roe told The Verge that the deal was off.", "Verge", "organization"),
    ("Prior to launch Google promised players would see 4K.", "Google", "organization"),
    ("The story ran first in Forbes, which cited two sources.", "Forbes", "organization"),
    ("Jane Roe scored twice for the Sabres on Tuesday.", "Sabres", "organization"),
    ("Sabres 3, Canadiens 2: Jane Roe scored twice.", "Canadiens", "organization"),
    ("Late goals.\n\nJets 2, Sabres 1: Jane Roe scored twice.", "Jets", "organization"),
    ("She scored for the Buffalo Sabres on Tuesday.", "the Buffalo Sabres", "organization"),
    ("We saw a game in Oklahoma City Thunder colours.", "Oklahoma City Thunder", "organization"),
])
def test_the_well_known_names_any_reader_knows(text: str, name: str, label: str) -> None:
    got = typed(text).get(name)
    assert got is not None and got[0] == label, got


def test_a_well_known_name_yields_to_what_the_text_says() -> None:
    # a common word at a sentence's start, a surname of the text, a river after "the", a nickname
    # without a team's context
    got = typed("Apple pie sold well. Jane Ford spoke. Ford said no. Boats sail up the Amazon each year. "
                "Jets flew over the town. Ships crossed the Atlantic. Their accords held.")
    assert all(src != source("well-known-firms") for _, src in got.values())
    assert got.get("Ford", ("",))[0] == "person"
    assert got.get("Amazon", ("",))[0] != "organization"
    assert got.get("Jets", ("",))[0] != "organization"
    assert not any(n.endswith("Atlantic") and label == "organization" for n, (label, _) in got.items())


def test_the_list_of_well_known_names_states_its_source_and_is_broad() -> None:
    names, nicknames = lexicon.well_known()
    header = Path(lexicon.WELL_KNOWN_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert "general knowledge" in header
    assert sum(v == "product" for v in names.values()) >= 300
    assert sum(v == "organization" for v in names.values()) >= 300
    assert {"sabres", "lakers", "yankees", "patriots"} <= nicknames


@pytest.mark.parametrize(("text", "name", "label", "rule"), [
    ("Then Jane Roe posted on Twitter that the show was off.", "Twitter", "product", "medium"),
    ("The ad prompted some Twitter users to mock it.", "Twitter", "product", "medium"),
    ("Following a performance of “Velmora Nights,” the band left.", "Velmora Nights", "work", "quoted-title"),
    ("Quorvex and Velmora were drawn in Group H with two others.", "Group H", None, "pool"),
])
def test_each_entry_of_round_two_types_a_medium_a_title_a_draw(text: str, name: str, label: str | None,
                                                                rule: str) -> None:
    got = typed(text).get(name)
    assert got == ((label, source(rule)) if label else None), got


def test_a_platform_the_text_says_more_of_stays_a_firm(tmp_path: Path) -> None:
    # the firm's own evidence ("said it would", "X's chief executive") outweighs its mentions as a
    # medium, in the article and across the corpus
    kinds = corpus_types(tmp_path, {
        "a.txt": "Job cuts\n\nTwitter said it would cut 200 jobs. Twitter's chief executive spoke on Monday. Some "
                 "Twitter users left and others posted on Twitter.\n",
        "b.txt": "A row\n\nJane Roe posted on Twitter that the show was off.\n"}, "Twitter")
    assert kinds and set(kinds.values()) == {"organization"}, kinds


def corpus_types(tmp_path: Path, files: dict[str, str], name: str) -> dict[str, str]:
    """The types the corpus of ``files`` gives the entities whose name holds ``name``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for fname, text in files.items():
        (corpus / fname).write_text(text, encoding="utf-8")
    briefing = load_briefing([corpus], cache_dir=tmp_path / "cache")
    return {e.name: e.type for e in briefing.entities if name in e.name}


def test_a_productions_company_is_a_firm() -> None:
    got = typed("The company that runs the show, Velmora Clark Productions, denies it.")
    assert got.get("Velmora Clark Productions", ("",))[0] == "organization"


@pytest.mark.parametrize(("text", "name", "label", "rule"), [
    ("He threatened U.S. Rep. Jane Roe, D-Minn., in March.", "D-Minn", None, "party-state"),
    ("Three teams would go into Path A. Four teams from there will play.", "A.", None, "initial"),
    ("The four-time Grammy winning band will tour.", "Grammy", "event", "well-known-events"),
    ("He took the child to the Velmora Suites hotel downtown.", "Velmora Suites", "facility", "hall"),
    ("He sought asylum in the Velmoran Embassy in London for years.", "Velmoran Embassy", "facility", "hall"),
    ("The Velmora Polar Exploration Rover will land in 2023.", "Velmora Polar Exploration Rover", "product",
     "craft"),
])
def test_each_entry_of_round_two_no_firm_where_a_reader_sees_none(text: str, name: str, label: str | None,
                                                                  rule: str) -> None:
    got = typed(text).get(name)
    assert got == ((label, source(rule)) if label else None), got


def test_a_title_is_no_firm() -> None:
    got = typed("A top aide to Vice President Jane Roe testified on Monday.")
    assert "Vice" not in got and got.get("Jane Roe", ("",))[0] == "person"


def test_a_job_title_before_of_is_no_part_of_the_firm() -> None:
    got = typed("“It is good”, adds Jane Roe, General Manager of Velmora Care Solutions Europe, on Monday.")
    assert not any(n.startswith("General Manager") for n in got)
    assert got.get("Velmora Care Solutions Europe", ("",))[0] == "organization"


@pytest.mark.parametrize(("text", "name", "label", "rule"), [
    ("She was an aide to Vice President Velmar on the call.", "Velmar", "person", "office"),
    ("The victim, 17-year-old Virginia Tarrowby, spoke on Monday. He was never with Tarrowby, he said.",
     "Virginia Tarrowby", "person", "given-name"),
])
def test_each_entry_of_round_two_finds_a_person(text: str, name: str, label: str, rule: str) -> None:
    assert typed(text).get(name) == (label, source(rule))


def test_a_place_with_a_first_name_stays_a_place() -> None:
    got = typed("They drove to Virginia Beach and then to Jordan Valley. The album The Captain sold well. "
                "The San Andreas fault runs far.")
    assert got.get("Virginia Beach", ("",))[0] == "place"
    assert not any(label == "person" for label, _ in got.values())


def test_a_firm_after_a_title_is_no_person() -> None:
    got = typed("He met President Velmora Bank officials on Monday.")
    assert not any(label == "person" and "Velmora" in n for n, (label, _) in got.items())


def test_an_officers_office_is_one_organization_with_its_whole_name() -> None:
    text = ("A Velmont County Sheriff’s Department canine later alerted officers. The U.S. Attorney’s Office for "
            "the Western District of Velmont said so.")
    got = typed(text)
    assert got.get("Velmont County Sheriff’s Department") == ("organization", source("office-of"))
    assert any(n.endswith("Attorney’s Office for the Western District of Velmont") and label == "organization"
               for n, (label, _) in got.items())
    assert "Department" not in got


def test_shares_of_a_market_name_no_firm() -> None:
    got = typed("Investors bought Hong Kong shares on Monday while Quorvex shares fell.")
    assert got.get("Hong Kong", ("",))[0] != "organization"
    assert got.get("Quorvex", ("",))[0] == "organization"


def test_a_club_named_rovers_stays_a_club() -> None:
    assert typed("Tarrow Rovers beat Velmont City 2-1 on Saturday.").get("Tarrow Rovers", ("",))[0] != "product"


def test_a_firms_home_after_it_keeps_the_firm() -> None:
    got = typed("Velmora Securities Corp., New York, and three of its officers were fined.")
    assert got.get("Velmora Securities Corp.", ("",))[0] == "organization"


def test_a_hyphenated_given_name_and_a_ministrys_portfolios() -> None:
    got = typed("Sabres 5, Canadiens 2: Jean-Luc Tarrowby had two goals. The Velmoran Ministry of Trade, Industry "
                "and Energy said so.")
    assert got.get("Jean-Luc Tarrowby", ("",))[0] == "person"
    # where the model took the name for a firm's (as after a score line), the entry retypes it
    words, starts, ends = tokenize("Canadiens 2: Jean-Luc Tarrowby had two goals.")
    m = rules.Mention(0, 3, 5, Label.ORGANIZATION, 1.0, "model")
    rules.apply_rules(rules.Context(words, starts, ends), m)
    assert (m.label, m.source) == (Label.PERSON, source("hyphenated-given-name"))
    m = rules.Mention(0, 0, 2, Label.ORGANIZATION, 1.0, "model")
    words, starts, ends = tokenize("Mercedes-Benz Vans sold well.")
    rules.apply_rules(rules.Context(words, starts, ends), m)
    assert m.label != Label.PERSON
    assert any(n.endswith("Ministry of Trade, Industry and Energy") and v == ("organization", source("portfolios"))
               for n, v in got.items())
    assert "Industry and Energy" not in got


def test_a_list_after_a_ministry_is_no_portfolio() -> None:
    got = typed("Officials at the Ministry of Trade, Quorvex and Velmora met on Monday.")
    assert not any("Ministry of Trade, Quorvex" in n for n in got)


def test_a_town_as_a_modifier_is_the_town_and_a_team_stays_a_team() -> None:
    words, starts, ends = tokenize("Jane Roe, president of a Spokane and Seattle design agency, said so.")
    c = rules.Context(words, starts, ends)
    for a in (words.index("Spokane"), words.index("Seattle")):
        m = rules.Mention(0, a, a + 1, Label.ORGANIZATION, 0.6, "model")
        rules.apply_rules(c, m)
        assert (m.label, m.source) == (Label.PLACE, source("place-as-modifier"))
    words, starts, ends = tokenize("He pushed the Chelsea defender in the back.")
    m = rules.Mention(0, 3, 4, Label.ORGANIZATION, 0.9, "model")
    rules.apply_rules(rules.Context(words, starts, ends), m)
    assert m.label == Label.ORGANIZATION


def test_an_acronym_or_a_common_word_before_a_noun_is_no_town() -> None:
    for text, name in (("The UN special envoy arrived.", "UN"), ("It was a Time cover story.", "Time")):
        words, starts, ends = tokenize(text)
        a = words.index(name)
        m = rules.Mention(0, a, a + 1, Label.ORGANIZATION, 0.9, "model")
        rules.apply_rules(rules.Context(words, starts, ends), m)
        assert m.source != source("place-as-modifier")


def test_a_persons_campaign_manager_leaves_the_person_a_person() -> None:
    got = typed("Jane Roe spoke on Monday. Roe campaign manager Ada Varsk said the polls were close.")
    assert got.get("Roe", ("",))[0] != "organization"
