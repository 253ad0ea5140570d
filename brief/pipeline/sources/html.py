"""Saved or fetched web pages: the article's text and metadata, via trafilatura.

trafilatura scores best among Python extractors at keeping the article and leaving out
navigation, ads and footers. It runs with its default (balanced) settings, which hold the most
text, but with comments off: reader comments are not the article. Its body tree is turned
into brief text here (headings kept as ``## `` lines), and three things it leaves in are taken
out: the title heading (with page chrome above it), blocks labelled "Advertisement", and a
byline paragraph that repeats the author. The date keeps its time of day when the page's own metadata gives one.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from brief.pipeline.sources.model import Found, LoadError, SourceDoc
from brief.pipeline.sources.textify import tree_to_text
from brief.pipeline.text import fold, one_line

#: How much text (in words) may stand above the title heading and still count as page chrome.
MAX_CHROME_WORDS = 80
#: A page is an article only if some paragraph is at least this long (not just 'Home' or 'Log in').
MIN_SENTENCE_WORDS = 5

_DATETIME_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publish-date']/@content",
    "//meta[@name='date']/@content",
    "//time[@itemprop='datePublished']/@datetime",
    "//time[@pubdate]/@datetime",
)
_AD_LABEL = re.compile(r"^(?:advertisement|advertising|anzeige|werbung|publicité|sponsored(?: content)?|ad)$",
                       re.IGNORECASE)
_quiet = False


def _silence_libraries() -> None:
    """trafilatura and friends log page-level warnings; on a terminal UI they would tear the screen."""
    global _quiet
    if not _quiet:
        for name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
            logging.getLogger(name).addHandler(logging.NullHandler())
        _quiet = True


def extract_page(data: bytes, *, origin: str, url: str | None = None,
                 content_type: str | None = None) -> SourceDoc:
    """The article in an HTML page; raises ``ValueError`` with a reason when there is none.

    The charset of an HTTP ``content_type`` wins over the page's own guess, as in browsers.
    """
    import trafilatura
    from trafilatura.utils import load_html

    _silence_libraries()
    tree = load_html(_decoded(data, content_type))
    if tree is None:
        raise ValueError("not readable as an HTML page")
    precise = _meta_datetime(tree)
    doc: Any = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                           include_tables=True, include_images=False, include_links=False)
    if doc is None:
        from trafilatura.metadata import extract_metadata

        doc = extract_metadata(tree, url)
        body = trafilatura.baseline(tree)[0]
    else:
        body = doc.body
    title = one_line(doc.title or "") or None
    author = one_line(doc.author or "") or None
    text = tidy(tree_to_text(body) if body is not None else "", title, author)
    if not any(len(p.split()) >= MIN_SENTENCE_WORDS for p in text.split("\n\n")):  # link stubs like 'Home'
        raise ValueError("no article text found in the page")
    page_url = _http(doc.url) or _http(url)
    return SourceDoc(
        origin=origin,
        text=text,
        title=title,
        author=author,
        published=_published(doc.date, precise),
        source=one_line(doc.sitename or "") or _host(page_url),
        url=page_url,
    )


def _decoded(data: bytes, content_type: str | None) -> bytes | str:
    """The page as text when the server named a charset that decodes it, else the bytes to sniff."""
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if not m or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        text = data.decode(m.group(1))
    except (LookupError, UnicodeDecodeError):
        return data
    # lxml refuses str input that still declares an encoding; the declaration is now moot
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text)


def tidy(text: str, title: str | None, author: str | None) -> str:
    """Drop the title heading (and short page chrome above it), ads labelled as such, a leading byline."""
    paras = text.split("\n\n")
    if title:
        key = fold(title)
        for i, p in enumerate(paras[:12]):
            if p.startswith("## ") and _same_title(fold(p[3:]), key):
                above = sum(len(q.split()) for q in paras[:i])
                paras = paras[i + 1:] if above <= MAX_CHROME_WORDS else paras[:i] + paras[i + 1:]
                break
        if paras and _same_title(fold(paras[0].removeprefix("## ")), key):
            paras = paras[1:]
    paras = [p for p in paras if not (_AD_LABEL.match(p.split("\n", 1)[0].strip(" -–—:"))
                                      and len(p.split()) <= 25)]
    if author and paras:
        first = paras[0]
        if len(first.split()) <= 15 and fold(author.split(";")[0]) in fold(first):
            paras = paras[1:]
    return "\n\n".join(paras)


def _same_title(heading: str, title: str) -> bool:
    """The page title often carries the site's name ('Headline | Site'); the heading does not."""
    return bool(heading) and (heading == title or (len(heading) > 15 and title.startswith(heading)))


def _meta_datetime(tree: Any) -> str | None:
    for path in _DATETIME_META:
        for value in tree.xpath(path):
            value = str(value).strip()
            if re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value):
                try:
                    return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
                except ValueError:
                    continue
    return None


def _published(date: str | None, precise: str | None) -> str | None:
    """trafilatura's date (a day), with the time from the page's metadata when both agree."""
    if precise and (not date or precise.startswith(date)):
        return precise
    return date or None


def _http(url: str | None) -> str | None:
    return one_line(url) if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return one_line(host.removeprefix("www.")) or None


def load(data: bytes, *, origin: str, url: str | None = None, content_type: str | None = None) -> Found:
    """The registry's entry point: a page is one article."""
    try:
        return Found([extract_page(data, origin=origin, url=url, content_type=content_type)])
    except LoadError:
        raise
    except ValueError as err:
        raise LoadError(str(err)) from None
