"""Extraction: people, organizations and figures in article text.

The contract the rest of the pipeline relies on:

- ``extract_entities(texts)`` takes the fields of one article in reading order (the title
  first, which may be a headline in capitals, then standfirst and body) and returns, for each
  text, the names found in it, typed (``spans.Label``: person, organization, place, ...), each
  with the model's confidence and what made the tag. A statistical tagger (``tagger``, weights
  in ``model/``, rebuilt by ``python -m brief.pipeline.extract.train``) reads the text; a few
  named rules (``rules``) and the article's own evidence (a name confirmed in the body makes
  its headline mention count) complete it.
- ``extract_figures(text)`` returns money, percent and count spans of one text.
- ``EXTRACTOR_VERSION`` changes whenever either changes its output, so cached results are redone.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from brief.pipeline.extract.version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from brief.pipeline.extract.entities import extract_entities
    from brief.pipeline.extract.figures import extract_figures
    from brief.pipeline.extract.spans import EntitySpan, FigureSpan

_WHERE = {"extract_entities": "entities", "extract_figures": "figures", "EntitySpan": "spans", "FigureSpan": "spans",
          "Label": "spans"}


def __getattr__(name: str) -> Any:
    """The extractors load when first used: opening an index only checks ``EXTRACTOR_VERSION``."""
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["EXTRACTOR_VERSION", "EntitySpan", "FigureSpan", "Label", "extract_entities", "extract_figures"]
