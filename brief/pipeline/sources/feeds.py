"""Feeds: every entry of an RSS, Atom, RDF or JSON Feed document becomes an article.

feedparser reads the XML formats (it copes with the broken feeds found in the wild and
sanitises the HTML inside them); JSON Feed is plain JSON and read here. An entry's full
content is used when the feed carries it, else its summary, and the doc says so
(``summary_only``) so the reader can tell a teaser from an article. HTML in entries becomes
text; nothing is ever rendered as markup.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from brief.pipeline.dates import iso_date
from brief.pipeline.sources.model import Found, LoadError, SourceDoc
from brief.pipeline.sources.textify import html_to_text, plain_to_text
from brief.pipeline.text import one_line

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def parse_feed(data: bytes, *, origin: str, url: str | None = None,
               content_type: str | None = None) -> list[SourceDoc]:
    """The entries of an RSS/Atom/RDF feed; raises ``LoadError`` when it has none to give."""
    import feedparser

    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    # A file-like object, never a string: feedparser would open a string naming a path or URL.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    feed = parsed.get("feed", {})
    entries = parsed.get("entries", [])
    if not entries:
        raise LoadError(_no_entries(parsed))
    source = _plain(feed.get("title"), feed.get("title_detail")) or _host(feed.get("link") or url)
    feed_author = _name(feed) if str(parsed.get("version", "")).startswith("atom") else None
    docs = []
    ids: Counter[str] = Counter()
    for n, entry in enumerate(entries, 1):
        docs.append(_entry_doc(entry, n, origin=origin, source=source, feed_author=feed_author, ids=ids))
    return docs


def _no_entries(parsed: Mapping[str, Any]) -> str:
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # feedparser also flags a wrong declared encoding or content type: worth no more than a note
    broken = exc is not None and type(exc).__name__ not in ("CharacterEncodingOverride", "NonXMLContentType")
    if parsed.get("version"):
        return "the feed has no entries" + (f" (and is malformed: {_reason(exc)})" if broken else "")
    if broken:
        return f"malformed feed: {_reason(exc)}"
    return "not a feed: no RSS, Atom or RDF document found"


def _reason(exc: object) -> str:
    text = one_line(str(exc)) or type(exc).__name__
    text = re.sub(r"^<unknown>:", "line ", text)
    return re.sub(r"^line (\d+):(\d+):\s*", r"line \1, column \2: ", text)


def _entry_doc(entry: Mapping[str, Any], n: int, *, origin: str, source: str | None,
               feed_author: str | None, ids: Counter[str]) -> SourceDoc:
    text, summary_only = _entry_text(entry)
    link = _http(entry.get("link"))
    src = entry.get("source") or {}
    published, written = _entry_date(entry)
    return SourceDoc(
        origin=_entry_origin(origin, entry.get("id") or link or str(n), ids),
        text=text,
        title=_plain(entry.get("title"), entry.get("title_detail")) or None,
        author=_name(entry) or feed_author,
        published=published,
        published_text=written,
        source=_plain(src.get("title"), src.get("title_detail")) or source,
        url=link,
        summary_only=summary_only,
    )


def _entry_text(entry: Mapping[str, Any]) -> tuple[str, bool]:
    """The entry's full content (the longest html/text part), else its summary."""
    best = ""
    for part in entry.get("content") or []:
        text = _markup_to_text(part.get("value", ""), part.get("type", ""))
        if len(text) > len(best):
            best = text
    if best:
        return best, False
    detail = entry.get("summary_detail") or {}
    return _markup_to_text(entry.get("summary", ""), detail.get("type", "text/html")), True


def _markup_to_text(value: str, mime: str) -> str:
    if not value:
        return ""
    if (mime or "").lower() in _HTML_TYPES or re.search(r"<[a-zA-Z/!]", value):
        return html_to_text(value)
    return plain_to_text(value)


def _plain(value: Any, detail: Mapping[str, Any] | None = None) -> str:
    """A title-like field as one line of text (feed titles may be HTML)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    mime = (detail or {}).get("type", "")
    if mime in _HTML_TYPES or (not mime and re.search(r"<[a-zA-Z/!]", value)):
        value = html_to_text(value)
    return one_line(value)


_EMAIL = r"[^@\s()<>]+@[^@\s()<>]+"


def _name(item: Mapping[str, Any]) -> str | None:
    """The author's name; RSS writes 'email (Name)', which is read here rather than trusted to a guess."""
    raw = item.get("author") if isinstance(item.get("author"), str) else ""
    m = re.fullmatch(rf"\s*{_EMAIL}\s*\((.+)\)\s*|\s*(.+?)\s*<{_EMAIL}>\s*", raw or "")
    if m:
        return _plain(m.group(1) or m.group(2)) or None
    if re.fullmatch(rf"\s*(?:mailto:)?{_EMAIL}\s*", raw or ""):
        return None  # an address alone names no one
    detail = item.get("author_detail") or {}
    name = detail.get("name") or raw or ""
    if not name:
        name = ", ".join(str(a["name"]) for a in item.get("authors") or []
                         if isinstance(a, Mapping) and a.get("name"))
    return _plain(name) or None


def _entry_origin(origin: str, entry_id: str, ids: Counter[str]) -> str:
    key = one_line(entry_id)[:300] or "entry"
    ids[key] += 1
    return f"{origin}#{key}" if ids[key] == 1 else f"{origin}#{key}~{ids[key]}"


def _entry_date(entry: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The entry's date (published, else updated, else created) in ISO 8601 with the zone it was written
    in, and as written; feedparser's UTC reading when brief cannot read the text itself."""
    for key in ("published", "updated", "created"):
        written, parsed = entry.get(key), entry.get(f"{key}_parsed")
        if written or parsed:
            written = one_line(written) if isinstance(written, str) else None
            return iso_date(written) or _iso_struct(parsed), written
    return None, None


def _iso_struct(parsed: Any) -> str | None:
    """feedparser's UTC ``struct_time`` as an ISO 8601 datetime."""
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def _http(url: Any) -> str | None:
    """A link the reader may show and open: http(s) only (never ``javascript:`` or ``file:``)."""
    if isinstance(url, str) and re.match(r"https?://", url.strip(), re.IGNORECASE):
        return one_line(url)
    return None


def _host(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return one_line(host.removeprefix("www.")) or None


# --- JSON Feed ---------------------------------------------------------------------------------


def parse_json_feed(data: bytes, *, origin: str, url: str | None = None) -> list[SourceDoc]:
    """The items of a JSON Feed (https://jsonfeed.org, versions 1.0 and 1.1)."""
    from brief.pipeline.sources.detect import is_json_feed

    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LoadError("malformed JSON Feed: not UTF-8 text") from None
    except ValueError as err:
        raise LoadError(f"malformed JSON Feed: {err}") from None
    except RecursionError:
        raise LoadError("malformed JSON Feed: nested too deeply to read") from None
    if not is_json_feed(doc):
        raise LoadError("not a JSON Feed: no jsonfeed.org version or items list")
    items = [i for i in doc.get("items") or [] if isinstance(i, dict)]
    if not items:
        raise LoadError("the feed has no entries")
    base = _http(doc.get("feed_url")) or url
    source = _plain(doc.get("title")) or _host(doc.get("home_page_url") or base)
    feed_author = _json_author(doc)
    ids: Counter[str] = Counter()
    docs = []
    for n, item in enumerate(items, 1):
        text, summary_only = "", False
        if isinstance(item.get("content_html"), str) and item["content_html"].strip():
            text = html_to_text(item["content_html"])
        if not text and isinstance(item.get("content_text"), str):
            text = plain_to_text(item["content_text"])
        if not text:
            summary = item.get("summary")
            text, summary_only = (plain_to_text(summary) if isinstance(summary, str) else ""), True
        link = item.get("url") or item.get("external_url")
        link = _http(urljoin(base, link) if base and isinstance(link, str) else link)
        docs.append(SourceDoc(
            origin=_entry_origin(origin, str(item.get("id") or link or n), ids),
            text=text,
            title=_plain(item.get("title")) or None,
            author=_json_author(item) or feed_author,
            published=_iso_text(item.get("date_published") or item.get("date_modified")),
            published_text=_plain(item.get("date_published") or item.get("date_modified")) or None,
            source=source,
            url=link,
            summary_only=summary_only,
        ))
    return docs


def _json_author(item: Mapping[str, Any]) -> str | None:
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return _plain(", ".join(n for n in names if n.strip())) or None


def _iso_text(value: Any) -> str | None:
    """An RFC 3339 date from a JSON Feed, normalised; ``None`` when it is not one."""
    return iso_date(value) if isinstance(value, str) else None


EMPTY_ENTRY = "the entry has no title, summary or content"


def _found(docs: list[SourceDoc]) -> Found:
    """The entries with something to read; an entry with neither text nor title is skipped, named,
    rather than listed as an empty '(untitled)' article (one with a title alone is kept, as a teaser)."""
    return Found(docs=[d for d in docs if d.text or d.title],
                 skipped=[(d.origin, EMPTY_ENTRY) for d in docs if not (d.text or d.title)])


def load_feed(data: bytes, *, origin: str, url: str | None = None, content_type: str | None = None) -> Found:
    """The registry's entry point for RSS, Atom and RDF."""
    return _found(parse_feed(data, origin=origin, url=url, content_type=content_type))


def load_json_feed(data: bytes, *, origin: str, url: str | None = None, content_type: str | None = None) -> Found:
    """The registry's entry point for JSON Feed."""
    return _found(parse_json_feed(data, origin=origin, url=url))
