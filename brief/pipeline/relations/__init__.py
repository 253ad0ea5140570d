"""Relations in one article body: quotes and their speakers, affiliations, deals.

``extract_relations(body, entities, figures)`` is pure: it takes the body, the entity spans and
the figure spans found in it, and returns indexes into those lists (see ``model``), so it runs in
the worker processes next to the extractors and the caller maps indexes to entity ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from brief.pipeline.extract.spans import EntitySpan, FigureSpan
from brief.pipeline.relations.affiliations import deal_owners, find_affiliations
from brief.pipeline.relations.context import Doc
from brief.pipeline.relations.deals import find_deals
from brief.pipeline.relations.model import DEAL_KINDS, AffiliationSpan, DealSpan, QuoteSpan, Relations
from brief.pipeline.relations.quotes import find_quotes


def extract_relations(body: str, entities: Sequence[EntitySpan], figures: Sequence[FigureSpan],
                      headline: str = "", headline_entities: Sequence[EntitySpan] = ()) -> Relations:
    """The quotes, affiliations and deals the body states, over its own entity and figure spans, and
    the deals its headline announces ("Velmora, Quorvex team up") between two parties the body names."""
    if not body:
        return Relations()
    doc = Doc(body, entities, figures)
    quotes = find_quotes(doc)  # first: it marks the quoted stretches the other finders look past
    top = Doc(headline, headline_entities, ()) if headline and headline_entities else None
    deals = find_deals(doc, top)
    return Relations(quotes=quotes, affiliations=deal_owners(doc, deals, find_affiliations(doc)), deals=deals)


__all__ = ["DEAL_KINDS", "AffiliationSpan", "DealSpan", "QuoteSpan", "Relations", "extract_relations"]
