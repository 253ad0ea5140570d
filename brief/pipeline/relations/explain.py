"""What a relation rule reads, in words: the ``says`` line of the entry whose name a relation carries.

Affiliations, deals and quote attributions each keep the name of the rule entry that made them
(``rule``); this is the one place that turns that name back into the entry's own description, for
the user who asks why (the ``w`` dialog of the profile screen).
"""

from __future__ import annotations

from typing import Literal

Relation = Literal["affiliation", "deal", "quote"]


def rule_says(relation: Relation, rule: str) -> str:
    """The description of the entry named ``rule`` among the ``relation`` rules ("" for a name no list holds).

    A deal found in the headline is "headline:<entry>"; a quote's rule is "<entry>:<how>", how its words
    name the speaker ("name-said:pronoun").
    """
    if relation == "affiliation":
        from brief.pipeline.relations.affiliations import AFFILIATION_RULES, MARKS

        return next((r.says for r in AFFILIATION_RULES if r.name == rule), MARKS.get(rule, ""))
    if relation == "deal":
        from brief.pipeline.relations.deals import DEAL_RULES

        headline, _, entry = rule.rpartition(":")
        says = next((r.says for r in DEAL_RULES if r.name == entry), "")
        return f"The headline states it, and the body names both sides. {says}".strip() if headline and says \
            else says
    from brief.pipeline.relations.quote_rules import HOW, RULES
    from brief.pipeline.relations.quote_rules import MARKS as QUOTE_MARKS

    entry, _, how = rule.partition(":")
    says = next((r.says for r in RULES if r.name == entry), QUOTE_MARKS.get(entry, ""))
    return f"{says} The speaker is named {HOW[how]}." if says and HOW.get(how) else says
