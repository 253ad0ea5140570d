"""The registry of web formats: which module reads each kind of document, and how large one may be.

A new format is one module with a ``load(data, *, origin, url, content_type) -> Found`` function
and one line here (plus its ``Kind`` and suffixes in ``detect``). Modules are imported only when
a document of their kind is read, so a briefing of text files never imports trafilatura.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from brief.pipeline.sources.detect import Kind
from brief.pipeline.sources.model import Found

Loader = Callable[..., Found]


@dataclass(frozen=True)
class Format:
    loader: str
    """``module:function`` of the loader."""
    max_bytes: int
    """The largest document accepted: chosen so that the largest one parses within the budget."""

    xml: bool = False
    """XML read by a parser that is quadratic in attributes per element: checked first (``budget``)."""


def load_function(loader: str) -> Loader:
    module, _, function = loader.partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


MB = 1 << 20
# Caps measured against the default budget of 60 s (see ``budget``): dense HTML ~9.5 s/MB, feeds ~1.8 s/MB.
FORMATS: dict[Kind, Format] = {
    Kind.HTML: Format("brief.pipeline.sources.html:load", 4 * MB),
    Kind.FEED: Format("brief.pipeline.sources.feeds:load_feed", 20 * MB, xml=True),
    Kind.JSON_FEED: Format("brief.pipeline.sources.feeds:load_json_feed", 20 * MB),
    Kind.OPML: Format("brief.pipeline.sources.lists:load_opml", 5 * MB, xml=True),
    Kind.URLS: Format("brief.pipeline.sources.lists:load_urls", 5 * MB),
}
MAX_BYTES = max(f.max_bytes for f in FORMATS.values())
"""No web document larger than this is read at all (nor decompressed beyond it)."""
