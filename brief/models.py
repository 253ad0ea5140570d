"""The briefing's data model: what crosses the pipeline/UI/export boundary.

Offsets are character offsets into the named field of the article (``title``,
``standfirst`` or ``body``), end-exclusive, so ``getattr(article, m.field)[m.start:m.end] == m.text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA = "brief.index/1"

FieldName = Literal["title", "standfirst", "body"]
EntityType = Literal["person", "organization", "place", "group", "product", "facility", "event", "work", "law"]
"""``brief.pipeline.extract.spans.Label``'s values; only people and organizations are in the panels."""
FigureKind = Literal["money", "percent", "count"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    """One occurrence of an entity in an article."""

    entity: str
    text: str
    start: int
    end: int
    field: FieldName = "body"


class Occurrence(_Model):
    """Where a figure appears again in the same article."""

    text: str
    start: int
    end: int
    field: FieldName = "body"


class Figure(_Model):
    """A number an article reports: one per distinct value and kind in the article.

    ``start``/``end``/``field`` locate its first occurrence in the body (or the title when it
    only appears there); ``occurrences`` lists every place it appears, that one included.
    """

    text: str
    start: int
    end: int
    field: FieldName = "body"
    kind: FigureKind
    value: float
    value_max: float | None = None
    currency: str | None = None
    unit: str | None = None
    approximate: bool = False
    about: str = ""
    occurrences: list[Occurrence] = Field(default_factory=list)


class Heading(_Model):
    text: str
    start: int
    end: int


class Article(_Model):
    id: str
    path: str
    title: str
    title_derived: bool = False
    source: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    summary_only: bool = Field(default=False, description="a feed entry that carried only its summary")
    duplicate_of: str | None = Field(default=None, description="id of the article this one repeats (same story)")
    standfirst: str = ""
    body: str
    headings: list[Heading] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, description="ids of every entity of the article")
    content_hash: str = ""

    def field_text(self, field: FieldName) -> str:
        return {"title": self.title, "standfirst": self.standfirst, "body": self.body}[field]

    @property
    def lede(self) -> str:
        """The opening sentences of the body: the article in two or three sentences."""
        from brief.pipeline.text import lede

        return lede(self.standfirst or self.body)


class Entity(_Model):
    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    mention_count: int = 0


class FigureRef(_Model):
    article: str
    text: str
    value: float
    value_max: float | None = None
    about: str = ""


class Disagreement(_Model):
    """Figures from different articles that report on one subject with different values."""

    about: str
    kind: FigureKind
    figures: list[FigureRef]


class Briefing(_Model):
    """Everything brief knows about a set of articles."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    skipped: list[tuple[str, str]] = Field(default_factory=list, description="(path, reason) not loaded")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    _by_id: dict[str, Entity] | None = PrivateAttr(default=None)

    def entity(self, entity_id: str) -> Entity | None:
        if self._by_id is None or len(self._by_id) != len(self.entities):
            self._by_id = {e.id: e for e in self.entities}
        return self._by_id.get(entity_id)
