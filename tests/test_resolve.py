"""Resolution of aliases, types and roles, on invented names, through a real index on a temp folder.

The extractor is replaced by a tagger that marks the names each test gives (the ``tagged``
fixture in conftest.py), so each test states exactly what the extractor found and checks what
the index and its panels make of it.
"""

from __future__ import annotations

from brief.pipeline.index.library import Library
from brief.pipeline.resolve import org_core


def panel(lib: Library, kind: str) -> dict[str, int]:
    """Name -> mentions, as the People or Companies panel lists them."""
    return {r.name: r.mentions for r in lib.entity_rows(kind, 0, 100)}


def test_a_name_has_one_type_across_the_corpus_by_the_weight_of_its_mentions(tagged) -> None:  # noqa: ANN001
    lib = tagged([
        "Port fees rise\n\nHarbour Wire said the fees rise in May. Tomas Brell agreed.\n",
        "Fees debated\n\nAccording to Harbour Wire, the board met. Harbour Wire reported a vote.\n",
        "Vote held\n\nThe vote, Harbour Wire reported, was close.\n",
    ], [(r"Harbour Wire(?= said)", "person", 0.55), (r"Harbour Wire(?=,| reported)", "organization", 0.9),
        (r"Tomas Brell", "person", 0.95)])
    assert panel(lib, "organization") == {"Harbour Wire": 4}
    assert panel(lib, "person") == {"Tomas Brell": 1}
    assert lib.entity_count("person") == 1
    first = next(r for r in lib.rows() if r.title == "Port fees rise")
    assert (first.people, first.organizations) == (1, 1)  # the wire counts as a company there too


def test_a_new_entity_after_a_merge_is_not_taken_for_the_merged_one(tagged) -> None:  # noqa: ANN001
    # the company "Ada Huvask" of the second story joins the person of the first, and is gone; the
    # person named next must not inherit its place
    lib = tagged(["One\n\nAda Huvask spoke.\n", "Two\n\nAda Huvask wrote.\n", "Three\n\nTomas Brell spoke.\n"],
                 [(r"Ada Huvask(?= spoke)", "person", 0.9), (r"Ada Huvask(?= wrote)", "organization", 0.6),
                  (r"Tomas Brell", "person", 0.9)])
    assert panel(lib, "person") == {"Ada Huvask": 2, "Tomas Brell": 1}


def test_surname_particles_and_two_word_surnames_resolve(tagged) -> None:  # noqa: ANN001
    lib = tagged([
        "Talks resume\n\nGreta van der Molen met Joel Varga Holm. Van der Molen said talks resume; "
        "Varga Holm agreed.\n",
        "Talks end\n\nThe talks ended, van der Molen said.\n",
        "New face\n\nPiet Molen, a farmer, spoke.\n",
    ], [(r"Greta van der Molen|[Vv]an der Molen|Piet Molen", "person", 0.9),
        (r"Joel Varga Holm|Varga Holm", "person", 0.9)])
    assert panel(lib, "person") == {"Greta van der Molen": 3, "Joel Varga Holm": 2, "Piet Molen": 1}


def test_an_acronym_resolves_only_to_an_expansion_in_its_own_article(tagged) -> None:  # noqa: ANN001
    lib = tagged([
        "Merger\n\nCopper Bay Associates (CBA) agreed to merge. CBA shares rose.\n",
        "Other story\n\nThe CBA, a rowing club, held its race.\n",
    ], [(r"Copper Bay Associates|CBA", "organization", 0.9)])
    assert panel(lib, "organization") == {"Copper Bay Associates": 3, "CBA": 1}


def test_one_entity_is_listed_once_per_article(tagged) -> None:  # noqa: ANN001
    lib = tagged([
        "Routes\n\nSolvane Airline added routes. Solvane said demand was high.\n",
        "Loans\n\nSolvane Airline and Solvane Bank signed. Solvane said so.\n",
    ], [(r"Solvane Airline|Solvane(?= said)", "organization", 0.9), (r"Solvane Bank", "organization", 0.9)])
    # "Solvane" is the airline of the first story, not a second company; in the second it could be either
    assert panel(lib, "organization") == {"Solvane Airline": 3, "Solvane": 1, "Solvane Bank": 1}


def test_places_products_and_events_are_typed_but_stay_out_of_the_panels(tagged) -> None:  # noqa: ANN001
    from brief.pipeline.export import render_markdown

    lib = tagged([
        "Lake trip\n\nMira Oste sailed Lake Varn in a Kestra Glide for the Varn Regatta with Dunmore Rowing.\n",
        "Again\n\nLake Varn froze. Dunmore Rowing cancelled.\n",
    ], [(r"Mira Oste", "person", 0.9), (r"Lake Varn", "place", 0.9), (r"Kestra Glide", "product", 0.8),
        (r"Varn Regatta", "event", 0.7), (r"Dunmore Rowing", "organization", 0.9)])
    assert panel(lib, "person") == {"Mira Oste": 1}
    assert panel(lib, "organization") == {"Dunmore Rowing": 2}
    briefing = lib.briefing()
    assert {(e.name, e.type) for e in briefing.entities} >= {("Lake Varn", "place"), ("Kestra Glide", "product"),
                                                            ("Varn Regatta", "event")}
    first = next(r for r in lib.rows() if r.title == "Lake trip")
    assert (first.people, first.organizations) == (1, 1)
    markdown = render_markdown(briefing, full=True)  # every name: those named once too
    people_and_companies = markdown.split("## People")[1].split("## Figures")[0]
    across = markdown.split("## Across sources")[1]
    assert "Mira Oste" in people_and_companies and "Dunmore Rowing" in across
    for name in ("Lake Varn", "Kestra Glide", "Varn Regatta"):
        assert name not in people_and_companies and name not in across


def test_organization_core() -> None:
    assert org_core("Quillon Platforms Inc.") == org_core("Quillon") == "quillon"
    assert org_core("Vantor AI") == "vantor"


def test_organization_core_acronym_and_a_name_that_ends_a_longer_one(tagged) -> None:  # noqa: ANN001
    lib = tagged([
        "One\n\nQuillon Platforms Inc. grew. Quillon hired. Quillon Deep Research Labs (QDRL) opened; "
        "QDRL and Deep Research Labs are one.\n",
        "Two\n\nQuillon met Vantor AI.\n",
        "Three\n\nVantor shipped.\n",
    ], [(r"Quillon Platforms Inc\.|Quillon(?= hired| met)|Quillon Deep Research Labs|QDRL|Deep Research Labs"
         r"|Vantor AI|Vantor", "organization", 0.9)])
    assert panel(lib, "organization") == {"Quillon": 3, "Quillon Deep Research Labs": 4, "Vantor AI": 2}


def test_surname_joins_the_full_name_of_its_article_and_across_articles(tagged) -> None:  # noqa: ANN001
    lib = tagged(["One\n\nDana Kowalski spoke. Kowalski left.\n", "Two\n\nKowalski returned.\n",
                  "Three\n\nAnna Brandt and Tom Brandt met; Brandt spoke.\n"],
                 [(r"Dana Kowalski|Kowalski|Anna Brandt|Tom Brandt|Brandt", "person", 0.9)])
    # two people sharing a surname stay apart; the bare surname is the nearest full name before it
    assert panel(lib, "person") == {"Dana Kowalski": 3, "Tom Brandt": 2, "Anna Brandt": 1}


def test_display_names_drop_a_lowercase_the_and_prefer_words_to_acronyms() -> None:
    from collections import Counter

    from brief.pipeline.resolve import canonical_name

    assert canonical_name("organization", Counter({"the Harbour Board": 3, "HB": 5})) == "Harbour Board"
    assert canonical_name("organization", Counter({"The Ledger": 2})) == "The Ledger"
    assert canonical_name("organization", Counter({"HB": 2})) == "HB"


def test_a_sentence_opening_the_drops_from_the_name_when_it_is_not_part_of_it() -> None:
    from collections import Counter

    from brief.pipeline.resolve import canonical_name

    # written both ways in the article: the article is not part of the name
    assert canonical_name("organization", Counter({"The Quill Project": 1, "the Quill Project": 1})) == \
        "Quill Project"
    # only ever opening a sentence, but an institution: a party, a board, a ministry
    assert canonical_name("organization", Counter({"The Green Valley Party": 1})) == "Green Valley Party"
    # a title that is a name: kept whole
    assert canonical_name("organization", Counter({"The Ledger": 1})) == "The Ledger"


def test_a_name_the_text_types_keeps_its_type_against_the_corpus(tmp_path) -> None:  # noqa: ANN001
    """With the real extractor: "Mr. Jordan" is a person in his article, whether the articles on the
    country Jordan come before it or after it in the folder."""
    place = "Talks in Jordan {}\n\nOfficials met in Jordan on Monday. Jordan and Egypt signed a water deal.\n"
    person = ("Orlan Freight names a chief\n\nOrlan Freight said on Monday that Mr. Jordan would lead it. "
              "Mr. Jordan, 52, joined the company in 2015.\n")
    for order, names in (("after", ["a1", "a2", "a3", "b"]), ("before", ["b", "c1", "c2", "c3"])):
        root = tmp_path / order
        root.mkdir()
        for i, name in enumerate(names):
            (root / f"{name}.txt").write_text(person if len(name) == 1 else place.format(i))
        lib = Library([root], cache_dir=tmp_path / f"cache-{order}")
        lib.update(workers=1)
        assert "Jordan" in panel(lib, "person"), order
        assert "Jordan" not in panel(lib, "organization")
        chief = next(r for r in lib.rows() if r.title == "Orlan Freight names a chief")
        assert chief.people == 1, order
        talks = [r for r in lib.rows() if r.title.startswith("Talks")]
        assert len(talks) == 3 and all(r.people == 0 for r in talks), order


def test_a_mistyped_mention_joins_the_firm_its_text_names(tmp_path) -> None:  # noqa: ANN001
    """With the real extractor: the firm the text calls a startup absorbs a lone mention of the same
    name that the corpus would otherwise keep as someone else."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("Funding round\n\nThe startup Orvanel raised $10 million. Orvanel said the "
                                "startup Orvanel would hire. Investors backed the startup Orvanel again.\n")
    (root / "b.txt").write_text("Notes\n\nOrvanel told his wife he would travel.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert "Orvanel" in panel(lib, "organization")
    assert "Orvanel" not in panel(lib, "person")
