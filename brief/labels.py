"""What a name can be: the one home of the entity labels.

The extractor tags with them (``pipeline.extract.spans`` re-exports ``Label``), the data model
types an entity with them (``models.EntityType``) and a fix in config.toml may retype an entity to
one of them (``config.LABELS``). A small module of its own, so reading the config on the way to the
first screen does not import the extractor.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """What a name is. Only people and organizations go into the panels; the rest are typed and kept."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    GROUP = "group"  # a nationality, religious or political group
    PRODUCT = "product"  # products, software, vehicles and devices (never in Companies)
    FACILITY = "facility"
    EVENT = "event"
    WORK = "work"
    LAW = "law"


LABELS: tuple[str, ...] = tuple(label.value for label in Label)
PANEL_LABELS = frozenset({Label.PERSON, Label.ORGANIZATION})
