"""What the relation extractors return: plain slotted records over one article body.

Offsets are character offsets into the body, end-exclusive, as for entity mentions; entity
and figure references are indexes into the lists the caller passed in, so the caller (which
knows which entity each mention resolved to) maps them to ids without another lookup.

These are the in-pipeline side of a relation, as ``EntitySpan`` and ``FigureSpan`` are of a
mention and a figure: ``QuoteSpan``, ``AffiliationSpan`` and ``DealSpan`` point into one
analysis's lists; the index writer turns them into ``brief.models.Quote``, ``Affiliation`` and
``Deal``, which name entities by id and are what the reader, the UI and export see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from brief.models import DealKind

DEAL_KINDS: tuple[DealKind, ...] = get_args(DealKind)


@dataclass(slots=True)
class QuoteSpan:
    """A direct quotation: ``body[start:end]`` is its text without the quotation marks.

    ``speaker`` indexes the entity list (None when the text names no one); ``speaker_text`` is
    the words that name the speaker as written ("he", "a spokeswoman for Acme"); ``rule`` the
    quote rule entry that found them ("name-said:pronoun", see ``quote_rules``).
    """

    start: int
    end: int
    text: str
    speaker: int | None
    speaker_text: str | None
    rule: str | None = None


@dataclass(slots=True)
class AffiliationSpan:
    """A person's tie to an organization as the text states it, with the sentence that says so.

    ``role`` is written in full and in one spelling ("senator", "CEO", "co-founder"), or None
    when the text only ties the two ("Acme's Jane Roe"). ``organization`` is None only for a
    title that belongs to no organization ("Sen. Jane Roe": senator). ``rule`` names the entry of
    ``affiliations.AFFILIATION_RULES`` that found it, so the reader can say why.
    """

    person: int
    organization: int | None
    role: str | None
    start: int
    end: int
    rule: str = ""


@dataclass(slots=True)
class DealSpan:
    """An investment, acquisition, stake, funding round, merger or partnership.

    ``buyer`` is the investor or buyer (for a merger or partnership: one side), ``target`` the
    company invested in or bought (the other side); both index the entity list. ``amount`` and
    ``stake`` index the figure list (a money and a percent figure of the evidence sentence).
    ``rule`` names the entry of ``deals.DEAL_RULES`` that found it.
    """

    kind: str
    buyer: int | None
    target: int | None
    amount: int | None
    stake: int | None
    start: int
    end: int
    rule: str = ""


@dataclass(slots=True)
class Relations:
    """Everything the relation extractors found in one body."""

    quotes: list[QuoteSpan] = field(default_factory=list)
    affiliations: list[AffiliationSpan] = field(default_factory=list)
    deals: list[DealSpan] = field(default_factory=list)
