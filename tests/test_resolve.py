"""Resolution of aliases and roles, on invented names."""

from __future__ import annotations

from brief.pipeline.resolve import RawMention, org_core, resolve
from brief.pipeline.roles import roles_for
from brief.pipeline.text import describe


def m(text: str, label: str, start: int = 0, field: str = "body") -> RawMention:
    return RawMention(field, start, start + len(text), text, label)


def names(clusters):  # noqa: ANN001, ANN201
    return sorted(sorted(c.forms) for c in clusters)


def test_surname_joins_the_full_name_of_its_article_and_across_articles() -> None:
    a1 = [m("Dana Kowalski", "person", 0), m("Kowalski", "person", 50)]
    a2 = [m("Kowalski", "person", 10)]
    clusters = resolve([a1, a2])
    assert len(clusters) == 1 and clusters[0].name == "Dana Kowalski"
    assert {ai for ai, _ in clusters[0].mentions} == {0, 1}


def test_two_people_sharing_a_surname_stay_apart() -> None:
    clusters = resolve([[m("Anna Brandt", "person", 0), m("Tom Brandt", "person", 40), m("Brandt", "person", 80)]])
    assert len(clusters) == 2
    assert {"Brandt", "Tom Brandt"} in [set(c.forms) for c in clusters]  # the nearest full name before


def test_organization_core_and_acronym() -> None:
    assert org_core("Quillon Platforms Inc.") == org_core("Quillon") == "quillon"
    assert org_core("Vantor AI") == "vantor"
    a1 = [m("Quillon Platforms Inc.", "organization", 0), m("Quillon", "organization", 40),
          m("Quillon Deep Research Labs", "organization", 80), m("QDRL", "organization", 120),
          m("Deep Research Labs", "organization", 160)]
    a2 = [m("Quillon", "organization", 0), m("Vantor AI", "organization", 20)]
    a3 = [m("Vantor", "organization", 0)]
    groups = names(resolve([a1, a2, a3]))
    assert ["Quillon", "Quillon Platforms Inc."] in groups
    assert ["Deep Research Labs", "QDRL", "Quillon Deep Research Labs"] in groups
    assert ["Vantor", "Vantor AI"] in groups


def test_roles_before_after_and_possessive() -> None:
    text = "Borealis CEO Nina Park met Omar Said, co-founder of Tessel, and Tessel's Ida Berg."
    first, second = text.index("Tessel"), text.rindex("Tessel")
    orgs = [(0, 8, "Borealis"), (first, first + 6, "Tessel"), (second, second + 6, "Tessel")]

    def at(name: str) -> list[str]:
        return [describe(t, o) for t, o in roles_for(text, text.index(name), text.index(name) + len(name), orgs)]

    assert at("Nina Park") == ["CEO of Borealis"]
    assert at("Omar Said") == ["co-founder of Tessel"]
    assert at("Ida Berg") == ["Tessel"]


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


def test_a_role_held_at_an_owner_named_after_the_person() -> None:
    text = "Lena Marsh, Quillon's chief executive, said so. Ada Roy, Quillon's shares rose."
    start = text.index("Quillon")
    orgs = [(start, start + 7, "Quillon"), (text.rindex("Quillon"), text.rindex("Quillon") + 7, "Quillon")]
    marsh, roy = text.index("Lena Marsh"), text.index("Ada Roy")
    assert [describe(t, o) for t, o in roles_for(text, marsh, marsh + 10, orgs)] == ["chief executive of Quillon"]
    assert roles_for(text, roy, roy + 7, orgs) == []


def test_a_person_of_an_organization() -> None:
    text = "said Rob Vale of Loop Harbor Capital."
    start = text.index("Loop")
    person = text.index("Rob Vale")
    assert [describe(t, o) for t, o in roles_for(text, person, person + 8, [(start, start + 17, "Loop")])] == \
        ["Loop"]


def test_a_role_at_the_organization_named_before_it() -> None:
    text = "Gary Hale, the SEC chair, said so."
    person = text.index("Gary Hale")
    sec = text.index("SEC")
    assert [describe(t, o) for t, o in roles_for(text, person, person + 9, [(sec, sec + 3, "SEC")])] == \
        ["chair of SEC"]


def test_a_role_at_a_plural_possessive_owner() -> None:
    text = "Tim Vale, Harrows' chief executive, said so."
    person = text.index("Tim Vale")
    assert [describe(t, o) for t, o in roles_for(text, person, person + 8, [(10, 17, "Harrows")])] == \
        ["chief executive of Harrows"]
