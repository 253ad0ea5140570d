"""Lists of links: OPML subscription lists and ``.urls`` files (one URL a line, ``#`` comments).

Both only name what to fetch; the fetching and reading is done by the caller. Entries that
are not http(s) URLs are reported, one line each, rather than guessed at.
"""

from __future__ import annotations

import re

from brief.pipeline.sources.model import Found, LoadError
from brief.pipeline.text import one_line

# No spaces and no control characters: a URL from a file is shown to the user as it is.
_URL = re.compile(r"https?://[^\s/\x00-\x1f\x7f-\x9f]+[^\s\x00-\x1f\x7f-\x9f]*", re.IGNORECASE)


def opml_urls(data: bytes, *, origin: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The feed URLs of an OPML file (``xmlUrl`` of every outline, nested ones included)."""
    from lxml import etree

    # No entity expansion or network access while parsing a file from anywhere.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise LoadError(f"malformed OPML: {one_line(str(err))}") from None
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise LoadError("not an OPML subscription list (no <opml> element)")
    urls: list[str] = []
    skipped: list[tuple[str, str]] = []
    for outline in root.iter("{*}outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items() if isinstance(k, str)}
        url = (attrs.get("xmlurl") or (attrs.get("url") if attrs.get("type", "").lower() in
                                        ("rss", "atom", "link", "feed", "") else None) or "").strip()
        if not url:
            continue
        if _URL.fullmatch(url):
            urls.append(url)
        else:
            name = one_line(attrs.get("title") or attrs.get("text") or url)
            skipped.append((f"{origin}: {name}", f"not an http(s) URL: {one_line(url)[:200]}"))
    if not urls and not skipped:
        raise LoadError("the OPML list names no feeds (no outline with an xmlUrl)")
    return list(dict.fromkeys(urls)), skipped


def url_lines(data: bytes, *, origin: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The URLs of a ``.urls`` file: one a line; blank lines and ``#`` comments are ignored."""
    text = data.decode("utf-8-sig", errors="replace")
    urls: list[str] = []
    skipped: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = re.sub(r"\s+#.*$", "", line).strip()  # a comment after the URL ('#' inside a URL stays)
        if not line or line.startswith("#"):
            continue
        if _URL.fullmatch(line):
            urls.append(line)
        else:
            skipped.append((f"{origin}:{number}", f"not an http(s) URL: {one_line(line)[:200]}"))
    if not urls and not skipped:
        raise LoadError("the file lists no URLs")
    return list(dict.fromkeys(urls)), skipped


def load_opml(data: bytes, *, origin: str, url: str | None = None, content_type: str | None = None) -> Found:
    """The registry's entry point for OPML: the feeds it names, to be fetched."""
    links, bad = opml_urls(data, origin=origin)
    return Found(links=links, skipped=bad)


def load_urls(data: bytes, *, origin: str, url: str | None = None, content_type: str | None = None) -> Found:
    """The registry's entry point for ``.urls`` files."""
    links, bad = url_lines(data, origin=origin)
    return Found(links=links, skipped=bad)
