"""The statistical tagger: trained from data, shipped in the package, loaded only when needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from brief.pipeline.extract import extract_entities
from brief.pipeline.extract.tokens import tokenize

TRAIN = Path(__file__).resolve().parents[2] / "shared" / "data" / "train"


def names(texts: list[str]) -> dict[str, set[str]]:
    """Every name found in the article's texts, by type, as the reader would see them."""
    out: dict[str, set[str]] = {}
    for text, spans in zip(texts, extract_entities(texts), strict=True):
        for s in spans:
            out.setdefault(str(s.label), set()).add(text[s.start : s.end])
    return out


def test_a_model_trained_on_a_slice_of_the_training_data_tags_text(tmp_path: Path) -> None:
    from brief.pipeline.extract.tagger import load, tag_words
    from brief.pipeline.extract.train import read, train

    files = sorted(TRAIN.glob("*.jsonl"))
    if not files:
        pytest.skip("no training data beside the repo")
    docs = [d for f in files for d in read(f, limit=25)]
    out = tmp_path / "ner.crfsuite"
    assert train(docs, out, "lbfgs", {"max_iterations": 30}) > 100
    text = "The minister, Mr. Harold Wembley, met officials of the Ministry of Finance in London on Monday."
    words = tokenize(text)[0]
    found = {(" ".join(words[a:b]), t) for a, b, t, _ in tag_words(words, set(), load(str(out)))}
    assert any("Harold Wembley" in name and label == "person" for name, label in found)
    assert ("London", "place") in found


def test_the_shipped_model_reads_an_invented_article() -> None:
    texts = ["Quorvex to sell its Zelbrin headsets in Europe",
             "",
             "Quorvex Technologies Inc. said on Tuesday it would start selling the Zelbrin X2 headset in "
             "Germany next month. Chief executive Marisol Daventry told analysts in Frankfurt that the "
             "device had been tested with Helvane Bank. \"We are ready,\" Daventry said. Tomas Ridgeley, "
             "an analyst at Corbett Fairmile Securities, said demand was strong."]
    got = names(texts)
    assert {"Marisol Daventry", "Daventry", "Tomas Ridgeley"} <= got["person"]
    assert {"Quorvex Technologies Inc.", "Helvane Bank", "Corbett Fairmile Securities"} <= got["organization"]
    assert {"Germany", "Frankfurt"} <= got["place"]
    assert any("Zelbrin" in n for n in got.get("product", set()))
    assert not got["person"] & got["organization"]


def test_every_span_says_what_made_it_and_how_sure() -> None:
    text = "Ambassador Ilse Brandvoll met Harwick Foods in Oslo. REUTERS/Pell Osgood"
    spans = extract_entities(["", text])[1]
    assert spans
    for s in spans:
        assert 0.0 < s.score <= 1.0
        assert s.source == "model" or s.source.split(":")[0] in ("rule", "lexicon")


def test_tickers_indexes_and_handles_are_never_people() -> None:
    text = ("Shares of Ardmoor Holdings (NYSE: ARDH) fell as the Vellano Composite Index dropped 2% and "
            "the Quelling Index slid. Investors on Twitter tagged @BrannWillis and $ARDH all day.")
    got = names(["", text])
    people = got.get("person", set())
    assert not people & {"ARDH", "Vellano Composite Index", "Quelling Index", "Quelling", "BrannWillis"}


def test_a_photo_credit_names_the_photographer() -> None:
    text = ("FILE PHOTO: Rescuers search the rubble in the old town. REUTERS/Jonah Faircloth\n\n"
            "The quake struck at dawn.\n\nA worker walks past the plant. REUTERS/Jonah Faircloth/File Photo")
    got = names(["", text])
    assert "Jonah Faircloth" in got.get("person", set())
    assert not {"File Photo", "FILE PHOTO"} & set().union(*got.values()), got  # the credit's words name no one


@pytest.mark.parametrize("name", ["Ingrid von der Altmark", "Piet Van Der Hoeven", "Lars Eriksson Ek"])
def test_surname_particles_and_double_surnames_stay_one_name(name: str) -> None:
    text = f"The commission said {name} would lead the talks, and {name.split()[-1]} agreed to travel."
    got = names(["", text])
    assert name in got.get("person", set())


def test_one_name_gets_one_type_in_an_article() -> None:
    text = ("Dorrance reported a profit on Monday. Dorrance said sales rose, and Dorrance Group shares "
            "gained after Dorrance raised its forecast.")
    spans = extract_entities(["", text])[1]
    labels = {s.label for s in spans if text[s.start : s.end] == "Dorrance"}
    assert len(labels) == 1


def test_an_up_to_date_index_does_not_load_the_model(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Velt Merriam Joins Board\n\nVelt Merriam joined Orlan Corp. on Monday.\n")
    code = (
        "import sys; from pathlib import Path; from brief.pipeline.index.library import Library\n"
        f"Library([Path({str(corpus)!r})], cache_dir=Path({str(tmp_path / 'cache')!r})).update()\n"
        "print(json.dumps(['pycrfsuite' in sys.modules, 'brief.pipeline.extract.tagger' in sys.modules]))"
    ).replace("import sys;", "import sys, json;")
    first = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout)
    again = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout)
    assert first == [True, True]  # the first update had an article to read
    assert again == [False, False]


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Investors cheered Velmora's Tamsin Rourke on Monday.", "Velmora", "organization"),
    ("In March, The Quillsheet reported that sales fell.", "The Quillsheet", "organization"),
    ("The bank signed a partnership with Dravlin for its cloud.", "Dravlin", "organization"),
    ("Shipping firms including Orvane Freight welcomed the decision.", "Orvane Freight", "organization"),
    ("Analysts said BrightQuell had gained, and Parlow AI raised money.", "BrightQuell", "organization"),
    ("Analysts said BrightQuell had gained, and Parlow AI raised money.", "Parlow AI", "organization"),
    ("Holm Tools declined to comment, Ada Vressel wrote.", "Ada Vressel", "person"),
    ("Harlow Sachs economists said they expect two cuts.", "Harlow Sachs", "organization"),
    ("Tim Vale, Harrows' chief executive, said the sale was best.", "Harrows", "organization"),
    ("It is behind rivals like Quorvex, Gorsky, and Tandrix Labs.", "Gorsky", "organization"),
    ("Velmora bought Snapwell in 2019.", "Velmora", "organization"),
    ("Jane Roe was named chief executive of Velmora on Monday.", "Velmora", "organization"),
    ("Jane Roe joined Velmora as chief financial officer in 2019.", "Velmora", "organization"),
    ("Velmora agreed to buy Orlan Freight for $2 billion.", "Velmora", "organization"),
    ("Orlan Freight was acquired by Velmora last year.", "Velmora", "organization"),
    ("Jane Roe said it was a fine day, and Tom Hale says its end was near.", "Jane Roe", "person"),
    ("Jane Roe said it was a fine day, and Tom Hale says its end was near.", "Tom Hale", "person"),
    ("The Foxes beat the Gulls at Harrowgate Arena on Sunday.", "Harrowgate Arena", "facility"),
    ("Velt Arena, a startup that ranks chatbots, raised $10 million.", "Velt Arena", "organization"),
])
def test_each_rule_entry_types_what_it_names(text: str, name: str, label: str) -> None:
    assert name in names(["", text]).get(label, set())


@pytest.mark.parametrize("text", [
    "Qualcomm said on Monday that its chips would ship in May.",
    "Netflix added subscribers, while Comcast lost ground.",
    "Shares of Novartis rose after Pfizer cut its forecast.",
    "Walmart and Target reported results on Tuesday.",
])
def test_listed_companies_are_organizations_not_people_or_places(text: str) -> None:
    """The model's listed-firm feature (index constituents from pytickersymbols): firms that the
    1990s training news never names are still firms."""
    got = names(["", text])
    firms = {w.strip(",.") for w in text.split() if w[0].isupper()} - {"Shares", "Monday", "May", "Tuesday"}
    assert firms <= got.get("organization", set()), got
    assert not firms & (got.get("person", set()) | got.get("place", set()))


@pytest.mark.parametrize(("text", "name"), [
    ("Shares of Harlow Vell (Hong Kong) Ltd. rose on Monday.", "Harlow Vell (Hong Kong) Ltd."),
    ("Corvane/Maltby Inc. said it would cut jobs.", "Corvane/Maltby Inc."),
    ("Cie. Verlande de Navigation said it would merge.", "Cie. Verlande de Navigation"),
])
def test_a_firm_name_with_a_slash_or_its_country_in_parentheses_is_one_name(text: str, name: str) -> None:
    assert name in names(["", text]).get("organization", set())


def test_hyphenated_names_and_a_countrys_people_are_not_firms() -> None:
    got = names(["", "Asia-Pacific shares rose, Marie-Louise said. Spain's Jane Roe agreed with Velmora's Tom Hale."])
    assert not {"Asia-Pacific", "Marie-Louise", "Spain"} & got.get("organization", set()), got
    assert "Velmora" in got["organization"]


def test_countries_peoples_dates_and_games_after_a_kind_of_firm_are_not_firms() -> None:
    got = names(["", "Teams such as France looked strong. Rights groups like the Kurds protested. "
                     "The firm Oct. 3 report came out before the Atlanta Games opened."])
    assert not {"France", "Kurds", "Oct.", "Atlanta Games", "the Atlanta Games"} & got.get("organization", set()), got


def test_a_place_owns_its_institution_but_a_firm_name_with_a_possessive_stays_whole() -> None:
    got = names(["", "Madrid's Stock Exchange fell, and Velmar's Investors Service agreed."])
    assert "Stock Exchange" in got["organization"] and "Madrid" in got["place"], got
    assert "Velmar's Investors Service" in got["organization"]


def test_a_persons_lawyers_and_staffers_do_not_make_a_firm() -> None:
    got = names(["", "Varsk lawyers said the case was weak. Varsk staffers agreed with them. "
                     "Jane Roe's shares in Velmora rose."])
    assert not {"Varsk", "Jane Roe"} & got.get("organization", set()), got


def test_common_acronyms_are_not_names() -> None:
    got = names(["", "The AI boom lifted GDP, the CEO said, and Chinese AI firms agreed."])
    assert not {"AI", "GDP", "CEO", "Chinese AI"} & set().union(*got.values())


def test_the_same_text_gets_the_same_names_whatever_the_hash_seed() -> None:
    """Indexing a folder twice gives the same types: no set order may break a tie of the model's
    scores (a baseball table of the CoNLL dev set had one)."""
    dev = TRAIN.parent / "conll2003-dev.jsonl"
    if not dev.exists():
        pytest.skip("no dev data beside the repo")
    code = ("import json, sys; from brief.pipeline.extract import extract_entities\n"
            "texts = [json.loads(line)['text'] for line in open(sys.argv[1], encoding='utf-8')]\n"
            "found = [extract_entities(['', t])[1] for t in texts]\n"
            "print(json.dumps([[(s.start, s.end, str(s.label)) for s in spans] for spans in found]))")
    runs = [subprocess.run([sys.executable, "-c", code, str(dev)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
