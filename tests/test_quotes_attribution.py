"""Who said a quotation: one test per quote rule entry, and the shapes news writing uses that once went
wrong, all on invented text (names and words made up). The entity spans are given by hand, so a test
says what the rules do whatever the tagger decides.
"""

from __future__ import annotations

import re

import pytest

from brief.pipeline.extract import EntitySpan, extract_figures
from brief.pipeline.relations import extract_relations
from brief.pipeline.relations.quote_rules import RULES


def quotes(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = ()
           ) -> list[tuple[str, str | None, str | None]]:
    """(first words of the quote, its speaker as named in the text, the rule) for each quote of ``text``."""
    spans = []
    for names, label in ((people, "person"), (orgs, "organization")):
        for name in names:
            spans += [EntitySpan(m.start(), m.end(), label)
                      for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    spans.sort(key=lambda s: s.start)
    spans = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                          and (o.end - o.start) > (s.end - s.start) for o in spans)]
    rel = extract_relations(text, spans, extract_figures(text))
    return [(" ".join(q.text.split()[:3]),
             None if q.speaker is None else text[spans[q.speaker].start:spans[q.speaker].end], q.rule)
            for q in rel.quotes]


# --- one test per rule entry ----------------------------------------------------------------

def test_the_rules_are_named_once_each_in_order() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert names[:2] == ["said-name", "name-said"]  # the words after a quotation come first


def test_said_name() -> None:
    text = "“We will build the plant next year,” said Jane Roe, who runs the project."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "said-name:name")]


def test_said_name_according_to() -> None:
    text = "“We will build the plant next year,” according to Jane Roe."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "said-name:name")]


def test_name_said() -> None:
    text = "“We will build the plant next year,” Jane Roe said on Monday."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:name")]


def test_name_said_with_a_pronoun() -> None:
    text = "Jane Roe runs the project. “We will build the plant next year,” she said."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:pronoun")]


def test_name_said_by_a_spokesperson_for_an_organization() -> None:
    text = "“We will build the plant next year,” a spokeswoman for Velmora said."
    assert quotes(text, orgs=("Velmora",)) == [("We will build", "Velmora", "name-said:spokesperson")]


def test_name_said_by_the_company() -> None:
    text = "Velmora opened a plant in Dunmere. “We will build another one next year,” the company said."
    assert quotes(text, orgs=("Velmora",)) == [("We will build", "Velmora", "name-said:org-noun")]


def test_name_said_by_the_title_of_a_person_named_before() -> None:
    text = ("Minister Jane Roe visited the plant in Dunmere on Monday. “We will build another one next year,” "
            "the minister said.")
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:title")]


def test_name_said_by_someone_unnamed_is_attributed_to_no_one() -> None:
    text = "“We will build the plant next year,” a person familiar with the plans said."
    assert quotes(text) == [("We will build", None, "name-said:unnamed")]


def test_signed() -> None:
    text = "“We will build the plant next year.” — Jane Roe\n\nThe plant will employ 300 people."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "signed:name")]


def test_before() -> None:
    text = "Jane Roe told reporters on Monday: “We will build the plant next year.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "before:name")]


def test_before_with_the_verb_first() -> None:
    text = "Said Jane Roe: “We will build the plant next year.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "before:name")]


def test_colon() -> None:
    text = "Jane Roe was blunt: “We will build the plant next year, whatever they think.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "colon:name")]


def test_paragraphs() -> None:
    text = "“We will build the plant next year.\n\n“And we will open another one after that,” Jane Roe said."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "paragraphs"),
                                                  ("And we will", "Jane Roe", "name-said:name")]


def test_continues() -> None:
    text = "“We will build the plant next year,” Jane Roe said. “And we will open another one after that.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:name"),
                                                  ("And we will", "Jane Roe", "continues")]
