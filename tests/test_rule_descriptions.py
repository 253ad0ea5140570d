"""Every relation rule entry says in words what it reads: the profile's ``w`` dialog shows it to explain a
role, a deal or a quote's speaker, so an entry without a description would leave the user without a why."""

from __future__ import annotations

import pytest

from brief.pipeline.relations.affiliations import AFFILIATION_RULES, MARKS, RULE_NAMES
from brief.pipeline.relations.deals import DEAL_RULES
from brief.pipeline.relations.explain import rule_says
from brief.pipeline.relations.quote_rules import MARKS as QUOTE_MARKS
from brief.pipeline.relations.quote_rules import RULES


@pytest.mark.parametrize(("relation", "entries"), [
    ("affiliation", [(r.name, r.says) for r in AFFILIATION_RULES] + list(MARKS.items())),
    ("deal", [(r.name, r.says) for r in DEAL_RULES]),
    ("quote", [(r.name, r.says) for r in RULES] + list(QUOTE_MARKS.items())),
])
def test_every_rule_entry_has_a_description(relation: str, entries: list[tuple[str, str]]) -> None:
    missing = [name for name, says in entries if not says.strip()]
    assert not missing, f"{relation} rules without a description: {missing}"
    for name, says in entries:
        assert rule_says(relation, name) == says  # type: ignore[arg-type]  # what the dialog shows is the entry's
    texts = [says for _, says in entries]
    assert len(set(texts)) == len(texts), "two entries share one description: which one made the relation?"


def test_every_affiliation_name_a_tie_can_carry_is_described() -> None:
    assert all(rule_says("affiliation", name) for name in RULE_NAMES)


def test_a_quote_rule_says_how_its_words_name_the_speaker() -> None:
    assert rule_says("quote", "name-said:pronoun").startswith(rule_says("quote", "name-said"))
    assert "pronoun" in rule_says("quote", "name-said:pronoun")
    assert rule_says("quote", "said-name:name") == rule_says("quote", "said-name")


def test_a_deal_from_the_headline_says_so_and_what_its_entry_reads() -> None:
    said = rule_says("deal", "headline:partner-pair")
    assert "headline" in said and said.endswith(rule_says("deal", "partner-pair"))


def test_a_rule_no_list_holds_has_no_description() -> None:
    assert rule_says("deal", "no-such-rule") == ""
