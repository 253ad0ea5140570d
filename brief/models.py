"""The briefing's data model: what the index reader hands to the UI and to export.

One shape per datum: frozen dataclasses (slots, no validation) that the reader builds from the
index and the UI and export read. They import nothing heavy, so the first article shows
before pydantic would have loaded; the JSON form is written by ``brief.pipeline.export``.

Offsets are character offsets into the named field of the article (``title``,
``standfirst`` or ``body``), end-exclusive, so ``getattr(article, m.field)[m.start:m.end] == m.text``.
Quotes, affiliations and deals are located in the body; their entities are entity ids. (The
relation finders' own records, over one analysis's lists of spans, are ``QuoteSpan``,
``AffiliationSpan`` and ``DealSpan`` in ``brief.pipeline.relations.model``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from brief.labels import Label

SCHEMA = "brief.index/2"

FieldName = Literal["title", "standfirst", "body"]
EntityType = Label
"""What an entity is (``brief.labels``, the one home of the labels); only people and organizations are in the panels."""
FigureKind = Literal["money", "percent", "count"]
DealKind = Literal["investment", "acquisition", "stake", "funding", "merger", "partnership"]
"""The kinds of deal, in one place: ``relations.model.DEAL_KINDS`` and the ``deal:`` search read them from here."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in an article."""

    entity: str
    text: str
    start: int
    end: int
    field: FieldName = "body"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a figure appears again in the same article."""

    text: str
    start: int
    end: int
    field: FieldName = "body"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A number an article reports: one per distinct value and kind in the article.

    ``start``/``end``/``field`` locate its first occurrence in the body (or the title when it
    only appears there); ``occurrences`` lists every place it appears, that one included.
    """

    text: str
    start: int
    end: int
    field: FieldName
    kind: FigureKind
    value: float
    value_max: float | None = None
    currency: str | None = None
    unit: str | None = None
    approximate: bool = False
    about: str = ""
    occurrences: Sequence[Occurrence] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Words in quotation marks that someone said: ``text`` is ``body[start:end]``, without the marks;
    ``rule`` names the quote rule that found the speaker ("name-said:pronoun"), if one did."""

    text: str
    start: int
    end: int
    speaker: str | None = None  # entity id
    speaker_text: str | None = None  # the words naming the speaker, as written
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A person's tie to an organization the text states, in the sentence ``body[start:end]``;
    ``rule`` names the relation rule that found it ("org-title-name": "Acme CEO Jane Roe")."""

    person: str
    organization: str | None
    role: str | None
    start: int
    end: int
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Deal:
    """An investment, acquisition, stake, funding round, merger or partnership, in ``body[start:end]``.

    ``buyer`` is the investor or buyer ("from" in the JSON), ``target`` what it goes to ("to");
    ``amount`` and ``stake`` are the figures' text as written.
    """

    kind: DealKind
    buyer: str | None
    target: str | None
    amount: str | None
    stake: str | None
    start: int
    end: int
    amount_value: float | None = None
    stake_value: float | None = None
    rule: str = ""  # the relation rule that found it


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    path: str
    title: str
    body: str
    title_derived: bool = False
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601, a day or a datetime with its offset (what the list sorts by)
    published_text: str | None = None  # the date as written ("January 1, 2020"; "yesterday" has no ISO form)
    url: str | None = None
    summary_only: bool = False  # a feed entry that carried only its summary
    duplicate_of: str | None = None  # id of the article this one repeats (same story)
    standfirst: str = ""
    headings: Sequence[Heading] = ()
    mentions: Sequence[Mention] = ()
    figures: Sequence[Figure] = ()
    entities: Sequence[str] = ()  # ids of every entity of the article
    quotes: Sequence[Quote] = ()
    affiliations: Sequence[Affiliation] = ()
    deals: Sequence[Deal] = ()
    content_hash: str = ""

    def field_text(self, field: FieldName) -> str:
        return {"title": self.title, "standfirst": self.standfirst, "body": self.body}[field]

    @property
    def lede(self) -> str:
        """The opening sentences of the body: the article in two or three sentences."""
        from brief.pipeline.text import lede

        return lede(self.standfirst or self.body)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: EntityType
    name: str
    aliases: Sequence[str] = ()
    roles: Sequence[str] = ()  # "CEO of Acme", from the affiliations, most often stated first
    articles: Sequence[str] = ()
    mention_count: int = 0


@dataclass(frozen=True, slots=True)
class FigureRef:
    article: str
    text: str
    value: float
    value_max: float | None = None
    about: str = ""


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Figures from different articles that report on one subject with different values."""

    about: str
    kind: FigureKind
    figures: Sequence[FigureRef]


@dataclass(slots=True)
class Briefing:
    """Everything brief knows about a set of articles."""

    articles: Sequence[Article] = ()
    entities: Sequence[Entity] = ()
    disagreements: Sequence[Disagreement] = ()
    skipped: Sequence[tuple[str, str]] = ()  # (path, reason) not loaded
    schema: str = SCHEMA
    new: Sequence[str] = ()
    """The ids of the articles added since the corpus was last opened in the reader (not in the JSON)."""
    new_since: float | None = None
    """When that was (Unix time); None: never opened, nothing is new."""
    _by_id: dict[str, Entity] = field(default_factory=dict, repr=False, compare=False)

    def entity(self, entity_id: str) -> Entity | None:
        if len(self._by_id) != len(self.entities):
            self._by_id = {e.id: e for e in self.entities}
        return self._by_id.get(entity_id)
