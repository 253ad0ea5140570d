"""Tell what a web input is: a page, a feed, a JSON Feed, an OPML list or a list of links.

The name's suffix is a hint and the content has the last word when it is decisive: saved
feeds are often called ``.xml`` or have no suffix, and servers send feeds as ``text/html``.
Only the start of the data is looked at, so sniffing a large file costs nothing.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import zlib
from enum import Enum

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".feed")
JSON_SUFFIXES = (".json",)
OPML_SUFFIXES = (".opml",)
URLS_SUFFIXES = (".urls",)
#: Every suffix these loaders read (a ``.gz`` on top of any of them is read too).
WEB_SUFFIXES = HTML_SUFFIXES + FEED_SUFFIXES + JSON_SUFFIXES + OPML_SUFFIXES + URLS_SUFFIXES

SNIFF_BYTES = 64 * 1024


class Kind(str, Enum):
    HTML = "html"
    FEED = "feed"
    JSON_FEED = "json feed"
    OPML = "opml"
    URLS = "urls"
    UNKNOWN = "unknown"


def suffix_kind(name: str) -> Kind:
    """The kind a file name promises, ignoring a trailing ``.gz``."""
    lower = name.lower().split("?", 1)[0]
    lower = lower[:-3] if lower.endswith(".gz") else lower
    for suffixes, kind in ((HTML_SUFFIXES, Kind.HTML), (FEED_SUFFIXES, Kind.FEED), (JSON_SUFFIXES, Kind.JSON_FEED),
                           (OPML_SUFFIXES, Kind.OPML), (URLS_SUFFIXES, Kind.URLS)):
        if lower.endswith(suffixes):
            return kind
    return Kind.UNKNOWN


def gunzip(data: bytes, limit: int) -> bytes:
    """``data`` decompressed when it is gzip, at most ``limit`` bytes (a bomb is refused, not read)."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError) as err:
        raise ValueError(f"broken gzip data ({err})") from None
    if len(out) > limit:
        raise ValueError(f"larger than {limit // (1024 * 1024)} MB once decompressed")
    return out


def peek(head: bytes) -> bytes:
    """The start of a file for sniffing, decompressed when it is gzip (as much as the head gives)."""
    if not head.startswith(b"\x1f\x8b"):
        return head
    try:
        return zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def head_text(data: bytes) -> str:
    """The start of the data as text, for sniffing: UTF-16/32 feeds are decoded by their BOM or zeros."""
    head = data[:SNIFF_BYTES]
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="ignore")
    patterns = {b"\x00\x00\x00<": "utf-32-be", b"<\x00\x00\x00": "utf-32-le", b"\x00<\x00?": "utf-16-be",
                b"<\x00?\x00": "utf-16-le"}
    return head.decode(patterns.get(head[:4], "latin-1"), errors="ignore")


_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|\s+)*", re.DOTALL | re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_ROOTS = {"rss": Kind.FEED, "feed": Kind.FEED, "rdf": Kind.FEED, "channel": Kind.FEED, "opml": Kind.OPML,
          "html": Kind.HTML, "head": Kind.HTML, "body": Kind.HTML}


def root_name(data: bytes) -> str | None:
    """The local name of the first element (after the XML prolog), lowercased, if there is one."""
    text = head_text(data).lstrip("\ufeff \t\r\n")
    prolog = _PROLOG.match(text)
    root = _ROOT.match(text, prolog.end() if prolog else 0)
    return root.group(1).rsplit(":", 1)[-1].lower() if root else None


def content_kind(data: bytes) -> Kind:
    """What the data is by its content alone, ``UNKNOWN`` when the start does not say."""
    text = head_text(data).lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return Kind.JSON_FEED if _is_json_feed(data) else Kind.UNKNOWN
    if re.match(r"\s*<!DOCTYPE\s+html", text, re.IGNORECASE):
        return Kind.HTML
    name = root_name(data)
    if name in _ROOTS:
        return _ROOTS[name]
    lower = text[:8192].lower()
    for marker, kind in (("<rss", Kind.FEED), ("<rdf:rdf", Kind.FEED), ("<feed", Kind.FEED),
                         ("<opml", Kind.OPML), ("<html", Kind.HTML), ("<body", Kind.HTML)):
        if marker in lower:
            return kind
    return Kind.UNKNOWN


def _is_json_feed(data: bytes) -> bool:
    head = head_text(data)
    if "jsonfeed.org" not in head and '"items"' not in head:
        return False
    try:
        doc = json.loads(data.decode("utf-8-sig", errors="replace"))
    except ValueError:
        return "jsonfeed.org/version" in head
    except RecursionError:  # nested too deeply to read: the loader names it
        return True
    return is_json_feed(doc)


def is_json_feed(doc: object) -> bool:
    """A JSON Feed names its version as a jsonfeed.org URL; without it, an ``items`` list and a title."""
    if not isinstance(doc, dict):
        return False
    version = doc.get("version")
    if isinstance(version, str) and "jsonfeed.org" in version:
        return True
    return isinstance(doc.get("items"), list) and ("home_page_url" in doc or "feed_url" in doc)


def kind_of(name: str, data: bytes, content_type: str | None = None) -> Kind:
    """The kind of a document from its content, else its content type, else its name."""
    found = content_kind(data)
    if found is not Kind.UNKNOWN:
        return found
    by_type = _type_kind(content_type or "")
    if by_type is not Kind.UNKNOWN:
        return by_type
    return suffix_kind(name)


def _type_kind(content_type: str) -> Kind:
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return Kind.HTML
    if mime in ("application/feed+json",):
        return Kind.JSON_FEED
    if mime in ("text/x-opml", "text/x-opml+xml", "application/opml+xml"):
        return Kind.OPML
    if mime.endswith(("rss+xml", "atom+xml", "rdf+xml", "/xml")):
        return Kind.FEED
    return Kind.UNKNOWN
