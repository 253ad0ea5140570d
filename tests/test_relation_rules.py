"""One test per relation rule entry, on invented text: each tie and deal says which entry made it.

The affiliation entries are ``affiliations.AFFILIATION_RULES`` (and the names given after them:
"title-alone", "article-company", "parent-of-unit"); the deal entries are ``deals.DEAL_RULES``.
"""

from __future__ import annotations

import re

import pytest

from brief.pipeline.extract import EntitySpan, extract_figures
from brief.pipeline.relations import extract_relations
from brief.pipeline.relations.affiliations import AFFILIATION_RULES, RULE_NAMES


def _spans(text: str, people: tuple[str, ...], orgs: tuple[str, ...]) -> list[EntitySpan]:
    spans = []
    for names, label in ((people, "person"), (orgs, "organization")):
        for name in names:
            spans += [EntitySpan(m.start(), m.end(), label)
                      for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    spans.sort(key=lambda s: s.start)
    return [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                          and (o.end - o.start) > (s.end - s.start) for o in spans)]


def ties(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = ()) -> list[tuple]:
    spans = _spans(text, people, orgs)
    rel = extract_relations(text, spans, extract_figures(text))

    def name(i: int | None) -> str | None:
        return None if i is None else text[spans[i].start:spans[i].end]

    return [(name(a.person), a.role, name(a.organization), a.rule) for a in rel.affiliations]


AFFILIATIONS = [
    ("org-title-name", "Velmora CEO Jane Roe told a Quorvex conference that sales rose.",
     ("Jane Roe",), ("Velmora", "Quorvex"), ("Jane Roe", "CEO", "Velmora")),
    ("org-title-name", "Quorvex planetary scientist Jane Roe said the probe was ready.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "planetary scientist", "Quorvex")),
    ("org-title-name", "Quorvex president Jane Roe left early.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "president", "Quorvex")),
    ("its-title-name", "Velmora makes drones. The company's billionaire founder Jane Roe spoke on Monday.",
     ("Jane Roe",), ("Velmora",), ("Jane Roe", "founder", "Velmora")),
    ("bare-title-name", "Sales fell, and CEO Jane Roe of Velmora said more cuts were coming.",
     ("Jane Roe",), ("Velmora",), ("Jane Roe", "CEO", "Velmora")),
    ("org-name", "Velmora's Jane Roe disagreed.", ("Jane Roe",), ("Velmora",), ("Jane Roe", None, "Velmora")),
    ("owned-title-comma-name", "Velmora's chief executive, Jane Roe, disagreed.",
     ("Jane Roe",), ("Velmora",), ("Jane Roe", "CEO", "Velmora")),
    ("name-title-of-org", "Jane Roe, president of Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "president", "Quorvex")),
    ("name-org-title", "Jane Roe, Quorvex's chief, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "chief", "Quorvex")),
    ("name-role-at-org", "“Nobody expected it,” said Jane Roe, a market analyst with the research firm Quorvex.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "market analyst", "Quorvex")),
    ("name-role-at-org", "said Jane Roe, senior currency trader and strategist at Quorvex Inc. on Friday.",
     ("Jane Roe",), ("Quorvex Inc.",), ("Jane Roe", "senior currency trader and strategist", "Quorvex Inc.")),
    ("name-of-org", "Jane Roe of Quorvex disagreed.", ("Jane Roe",), ("Quorvex",), ("Jane Roe", None, "Quorvex")),
    ("name-verb-org", "Jane Roe, who heads Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "head", "Quorvex")),
    ("org-hired-name", "Quorvex hired Jane Roe as its general counsel.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "general counsel", "Quorvex")),
]


@pytest.mark.parametrize(("rule", "text", "people", "orgs", "tie"), AFFILIATIONS,
                         ids=[f"{r[0]}-{k}" for k, r in enumerate(AFFILIATIONS)])
def test_each_affiliation_rule_finds_its_phrase_and_says_so(rule, text, people, orgs, tie) -> None:
    assert (*tie, rule) in ties(text, people, orgs)


def test_every_affiliation_rule_has_a_test() -> None:
    tested = {r[0] for r in AFFILIATIONS} | {"title-alone", "article-company", "parent-of-unit"}
    assert {r.name for r in AFFILIATION_RULES} <= tested and tested <= RULE_NAMES


def test_a_title_owned_by_a_name_that_is_no_organization_stays_unowned() -> None:
    # "Velmora" untagged: its CEO is not the article's company's, nor the conference organiser's
    text = ("Quorvex held its conference on Monday. Quorvex shares rose.\n"
            "Velmora CEO Jane Roe told a Quorvex conference that sales rose.")
    assert ties(text, ("Jane Roe",), ("Quorvex",)) == [("Jane Roe", "CEO", None, "title-alone")]


def test_a_bare_company_title_goes_to_the_articles_company() -> None:
    text = "Velmora cut jobs. Velmora's sales fell.\nCEO Jane Roe said more cuts were coming."
    assert ties(text, ("Jane Roe",), ("Velmora",)) == [("Jane Roe", "CEO", "Velmora", "article-company")]


def test_a_name_after_a_persons_title_is_no_ones_employer() -> None:
    # "Doe" mistyped as an organization and named most: the company's CEO is still not his
    text = ("Doe spoke first. Doe said the deal was fair. Velmora makes drones.\n"
            "The company's CEO Jane Roe met former President Doe on Friday, and Doe praised her.")
    found = ties(text, ("Jane Roe",), ("Doe", "Velmora"))
    assert found == [("Jane Roe", "CEO", "Velmora", "its-title-name")]


def test_a_unit_named_after_its_parent_ties_its_people_to_the_parent() -> None:
    text = "Amos Fitch, now heading Osprey Air Cargo, starts in May. Osprey Air is pleased."
    found = ties(text, ("Amos Fitch",), ("Osprey Air Cargo", "Osprey Air"))
    assert ("Amos Fitch", None, "Osprey Air", "parent-of-unit") in found


def test_an_appositive_that_is_a_clause_is_no_role() -> None:
    text = "Jane Roe, who said she spoke at Quorvex, left. Jane Roe, a guest, waited for Quorvex staff."
    assert ties(text, ("Jane Roe",), ("Quorvex",)) == []


def test_a_possessive_then_a_phrase_is_no_title_owner() -> None:
    text = "Velmora staff spoke. They accused the Democrats of their hatred for President Jane Roe."
    assert ties(text, ("Jane Roe",), ("Velmora",)) == [("Jane Roe", "president", None, "title-alone")]
