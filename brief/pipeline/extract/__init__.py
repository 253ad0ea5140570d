"""Extraction: people, organizations and figures in article text.

The contract the rest of the pipeline relies on:

- ``extract_entities(texts)`` takes the fields of one article in reading order (the title
  first, which may be a headline in capitals, then standfirst and body) and returns, for each
  text, the person/organization spans found in it. It may use evidence from all fields of the
  article (a name confirmed in the body makes its headline mention count).
- ``extract_figures(text)`` returns money, percent and count spans of one text.
- ``EXTRACTOR_VERSION`` changes whenever either changes its output, so cached results are redone.
"""

from __future__ import annotations

from brief.pipeline.extract.entities import VERSION as _ENTITIES_VERSION
from brief.pipeline.extract.entities import extract_entities
from brief.pipeline.extract.figures import VERSION as _FIGURES_VERSION
from brief.pipeline.extract.figures import extract_figures
from brief.pipeline.extract.spans import EntitySpan, FigureSpan

EXTRACTOR_VERSION = f"entities-{_ENTITIES_VERSION}+figures-{_FIGURES_VERSION}"

__all__ = ["EXTRACTOR_VERSION", "EntitySpan", "FigureSpan", "extract_entities", "extract_figures"]
