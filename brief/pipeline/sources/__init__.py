"""Web inputs: saved pages, feeds, subscription lists and links, read into ``SourceDoc`` articles.

``brief PATH...`` takes plain-text articles (``brief.pipeline.ingest``) and, through this
package, anything from the web in any mix: HTML pages (``.html``, ``.htm``, ``.html.gz``),
RSS/Atom/RDF and JSON feeds, OPML lists and ``.urls`` files, and URLs. ``targets.classify``
says what any input is (and ``is_web_input`` which go here); ``load`` reads one target into
docs plus one (origin, reason) line for everything it had to skip, and never raises for bad
input. Which module reads which kind of document is the registry in ``formats``.

The heavy libraries (trafilatura, feedparser, httpx) are imported only when a target needs
them, so a briefing of text files never pays for them. Nothing here writes to input files;
fetched documents go to ``fetch_dir`` only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from brief.pipeline.sources import detect
from brief.pipeline.sources.budget import DEFAULT, Budget
from brief.pipeline.sources.detect import WEB_SUFFIXES, Kind
from brief.pipeline.sources.model import Found, LoadError, SourceDoc, unexpected
from brief.pipeline.sources.targets import InputKind, Target, classify, is_url, read_regular
from brief.pipeline.text import one_line

if TYPE_CHECKING:
    import httpx

    from brief.pipeline.sources.fetch import Fetched

__all__ = ["WEB_SUFFIXES", "LoadError", "SourceDoc", "is_url", "is_web_input", "load"]

MAX_LIST_DEPTH = 2
"""Lists may name lists (a ``.urls`` file naming an OPML file), but no deeper: no crawling."""


def is_web_input(target: str) -> bool:
    """Whether ``target`` is for these loaders: a URL, or a file that is a page, feed or list.

    ``.html``/``.htm``/``.opml``/``.urls``/``.rss``/``.atom`` (and ``.gz`` of them) are taken
    by name; ``.xml`` and ``.json`` files and files with other suffixes (but plain-text ones)
    only when their content is a feed, page or OPML list, so a folder's ``pom.xml`` or
    ``package.json`` is left alone.
    """
    return classify(target, in_folder=True).kind in (InputKind.URL, InputKind.WEB)


def load(target: str, *, fetch_dir: Path, refresh: bool = False, client: httpx.Client | None = None,
         deadline: float | None = None, budget: Budget | None = None, stop: Callable[[], bool] | None = None,
         ) -> tuple[list[SourceDoc], list[tuple[str, str]]]:
    """The articles in one target, and (origin, reason) for everything skipped.

    URLs, and the links in OPML and ``.urls`` files, are fetched into ``fetch_dir`` once and
    read from there afterwards (offline too) until ``refresh`` is set; each fetch, whole,
    within ``deadline`` seconds (``fetch.DEADLINE_SECONDS`` by default). Each document is parsed
    within ``budget`` (``budget.DEFAULT``). Fetches end as soon as ``stop()`` says so.
    """
    loader = _Loader(Path(fetch_dir), refresh, client, deadline, budget or DEFAULT, stop)
    try:
        loader.target(target)
    finally:
        loader.close()
    # reasons quote servers and files (a Location header, an exception): one clean line each
    return loader.docs, [(origin, one_line(reason)) for origin, reason in loader.skipped]


class _Loader:
    """One ``load`` call: collects docs and skip reasons, owns the HTTP client it makes."""

    def __init__(self, fetch_dir: Path, refresh: bool, client: httpx.Client | None, deadline: float | None,
                 budget: Budget, stop: Callable[[], bool] | None) -> None:
        self.fetch_dir = fetch_dir
        self.deadline = deadline
        self.budget = budget
        self.stop = stop
        self.refresh = refresh
        self.client = client
        self.own_client = client is None
        self.docs: list[SourceDoc] = []
        self.skipped: list[tuple[str, str]] = []
        self.seen_urls: set[str] = set()

    def close(self) -> None:
        if self.own_client and self.client is not None:
            self.client.close()

    def target(self, target: str) -> None:
        self.guarded(target, partial(self.classified, target))

    def classified(self, name: str) -> None:
        target = classify(name)
        if target.kind is InputKind.URL:
            self.url_list([name], 0)
        else:
            self.file(target)

    def guarded(self, origin: str, step: Callable[[], None]) -> None:
        """Run one step; a bad input becomes a skip line, never an exception for the caller."""
        try:
            step()
        except LoadError as err:
            self.skipped.append((origin, str(err)))
        except OSError as err:
            self.skipped.append((origin, one_line(err.strerror or str(err))))
        except Exception as err:  # a bug or a library surprise must not end the whole briefing
            self.skipped.append((origin, unexpected(err)))

    def file(self, target: Target) -> None:
        from brief.pipeline.sources.formats import MAX_BYTES

        path = target.path
        if target.kind is InputKind.FOLDER:
            raise LoadError("a folder, not a page, feed or list")
        if target.kind is InputKind.OTHER:
            raise LoadError(target.reason or "not a web page, feed or list of links")
        data = _gunzip(read_regular(path, MAX_BYTES))
        if not data.strip():
            raise LoadError("empty file")
        self.document(detect.kind_of(path.name, data), data, origin=str(path), url=None, content_type=None,
                      depth=0)

    def document(self, kind: Kind, data: bytes, *, origin: str, url: str | None, content_type: str | None,
                 depth: int) -> None:
        self.take(self.parse(kind, data, origin=origin, url=url, content_type=content_type), depth)

    def parse(self, kind: Kind, data: bytes, *, origin: str, url: str | None, content_type: str | None) -> Found:
        """What one document holds, within the budget; raises ``LoadError``."""
        from brief.pipeline.sources.formats import FORMATS
        from brief.pipeline.sources.textify import strip_escapes

        form = FORMATS.get(kind)
        if form is None:
            raise LoadError("not a web page, feed or list of links")
        if len(data) > form.max_bytes:
            raise LoadError(f"larger than the {form.max_bytes >> 20} MB limit for a {kind.value}, which keeps its "
                            "parse within the time budget")
        from brief.pipeline.sources import budget

        if form.xml:
            budget.check_attributes(data)
        return budget.run(form.loader, strip_escapes(data), self.budget, origin=origin, url=url,
                          content_type=content_type)

    def take(self, found: Found, depth: int) -> None:
        """Keep a document's articles and skip lines, and follow its links (a list's)."""
        self.docs.extend(found.docs)
        self.skipped.extend(found.skipped)
        if found.links:
            if depth >= MAX_LIST_DEPTH:
                raise LoadError("a list of links inside a list inside a list: not followed")
            self.url_list(found.links, depth + 1)

    def url_list(self, urls: list[str], depth: int) -> None:
        from brief.pipeline.sources import fetch

        urls = [u for u in dict.fromkeys(urls) if u not in self.seen_urls]
        self.seen_urls.update(urls)
        if not urls:
            return
        if self.client is None:
            self.client = fetch.make_client()
        results = fetch.fetch_many(urls, fetch_dir=self.fetch_dir, refresh=self.refresh, client=self.client,
                                   deadline=self.deadline or fetch.DEADLINE_SECONDS, stop=self.stop)
        for url, (got, note) in zip(urls, results, strict=True):
            if note:
                self.skipped.append((url, note))
            if got is not None:
                self.guarded(url, partial(self.fetched, got, url, depth))

    def fetched(self, got: Fetched, url: str, depth: int) -> None:
        self.take(self.read(got, url) if got.previous is None else self.refreshed(got, got.previous, url), depth)

    def read(self, got: Fetched, url: str) -> Found:
        data = _gunzip(got.data)
        kind = detect.kind_of(urlsplit(got.final_url).path, data, got.content_type)
        return self.parse(kind, data, origin=url, url=got.final_url, content_type=got.content_type)

    def refreshed(self, got: Fetched, old: Fetched, url: str) -> Found:
        """A refreshed copy replaces the cached one only when it holds an article (or links, for a
        list): an empty 200 or a "down for maintenance" page must not destroy the good copy."""
        from brief.pipeline.sources import fetch

        try:
            found = self.read(got, url)
            why = "" if found.docs or found.links else "nothing to read in it"
        except LoadError as err:
            why = str(err)
        except Exception as err:  # a library surprise on the new copy: the old one still stands
            why = unexpected(err)
        if not why:
            fetch.store(self.fetch_dir, got)
            return found
        self.skipped.append((url, f"the refreshed copy holds no article ({why}); kept the copy fetched "
                                  f"{old.fetched_at}"))
        return self.read(old, url)


def _gunzip(data: bytes) -> bytes:
    from brief.pipeline.sources.formats import MAX_BYTES

    try:
        return detect.gunzip(data, MAX_BYTES)
    except ValueError as err:
        raise LoadError(str(err)) from None
