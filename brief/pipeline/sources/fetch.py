"""Fetch links over HTTP(S) once, keep them in a cache folder, and read them offline afterwards.

A briefing is read again and again; the web changes and may be unreachable, so every fetched
document is saved with its fetch time and served from the cache until a refresh is asked for.
Each failure is one plain line (timeout, HTTP status, redirect loop, too large, wrong content
type) because the reader shows them as a list, not as tracebacks. Redirects are followed by
hand, a few at most, so a loop can be named as one; sizes are checked while streaming, so a
huge or endless response is cut off rather than read into memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from brief.pipeline.sources import detect
from brief.pipeline.sources.model import LoadError, unexpected
from brief.pipeline.text import one_line

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 15.0
DEADLINE_SECONDS = 90.0
"""A whole download may not take longer than this, however steadily a slow server drips."""
WORKERS = 8
USER_AGENT = "brief/0.1 (terminal news briefing reader)"
ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
          "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")

# Types read as they are; types that say nothing and are sniffed; anything else is refused.
_READABLE = re.compile(r"^(text/html|application/xhtml\+xml|application/(rss|atom|rdf|feed|opml)\+(xml|json)"
                       r"|application/xml|text/xml|application/json|text/x-opml(\+xml)?|application/x-rss\+xml)$")
_SNIFFED = {"", "text/plain", "application/octet-stream", "binary/octet-stream", "application/gzip",
            "application/x-gzip", "application/download", "application/unknown"}


class FetchError(LoadError):
    """A link that could not be fetched; the message is the one-line reason."""


@dataclass
class Fetched:
    url: str
    final_url: str
    content_type: str
    fetched_at: str
    data: bytes = b""
    from_cache: bool = False
    etag: str | None = None
    last_modified: str | None = None
    previous: Fetched | None = field(default=None, repr=False, compare=False)
    """The cached copy this one (a refresh) would replace: it stays in the cache until the loader
    has found an article in the new copy and calls ``store`` (see ``brief.pipeline.sources``)."""


def make_client(timeout: float = TIMEOUT_SECONDS) -> httpx.Client:
    """The HTTP client brief uses when the caller does not pass one."""
    import httpx

    from brief.pipeline.sources.deadline import DeadlineBackend

    client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                          headers={"User-Agent": USER_AGENT, "Accept": ACCEPT}, follow_redirects=False)
    # httpx has no total timeout: its connection pools (direct and through proxies) get a socket
    # backend whose every wait ends at the deadline of the fetch in hand (see ``deadline``).
    for transport in (client._transport, *client._mounts.values()):
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = DeadlineBackend()
    return client


def cache_paths(fetch_dir: Path, url: str) -> tuple[Path, Path]:
    """The metadata and body files a URL is cached under (readable by host, unique by hash)."""
    host = re.sub(r"[^a-z0-9.-]+", "-", (urlsplit(url).hostname or "host").lower())[:60]
    key = f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:20]}"
    return fetch_dir / f"{key}.json", fetch_dir / f"{key}.body"


def cached(fetch_dir: Path, url: str) -> Fetched | None:
    meta_path, body_path = cache_paths(fetch_dir, url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = body_path.read_bytes()
        return Fetched(**{k: meta.get(k) for k in ("url", "final_url", "content_type", "fetched_at", "etag",
                                                    "last_modified")}, data=data, from_cache=True)
    except (OSError, ValueError, TypeError):
        return None


def store(fetch_dir: Path, got: Fetched) -> None:
    """Save a fetched document in the cache, replacing what the cache held for its URL."""
    meta_path, body_path = cache_paths(fetch_dir, got.url)
    fetch_dir.mkdir(parents=True, exist_ok=True)
    meta = {f.name: getattr(got, f.name) for f in fields(got) if f.name not in ("data", "from_cache", "previous")}
    meta["bytes"] = len(got.data)
    for path, payload in ((body_path, got.data), (meta_path, json.dumps(meta, indent=1).encode("utf-8"))):
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, path)  # the metadata is written last: its presence means the entry is whole


def fetch(url: str, *, fetch_dir: Path, refresh: bool = False, client: httpx.Client | None = None,
          deadline: float = DEADLINE_SECONDS, stop: Callable[[], bool] | None = None,
          ) -> tuple[Fetched, str | None]:
    """The document at ``url`` and a note when a refresh failed and the cached copy is used.

    Served from the cache when it is there and no refresh is asked for; raises ``FetchError``.
    The whole fetch (connecting, redirects, headers, body) ends within ``deadline`` seconds,
    or as soon as ``stop()`` says so. A refresh never loses the cached copy: any failure falls
    back to it, and a new copy is returned unsaved, with the old one as ``previous``, for the
    loader to ``store`` once it has found an article in it.
    """
    try:
        if not urlsplit(url).hostname:
            raise ValueError("no host name")
    except ValueError as err:
        raise FetchError(f"not a usable URL ({err})") from None
    old = cached(fetch_dir, url)
    if old is not None and not refresh:
        return old, None
    own = client is None
    client = client or make_client()
    try:
        got = _download(client, url, old, deadline, stop)
    except Exception as err:
        if old is None:
            raise
        reason = str(err) if isinstance(err, FetchError) else unexpected(err)
        return old, f"refresh failed ({reason}); using the copy fetched {old.fetched_at}"
    finally:
        if own:
            client.close()
    if got is old:  # not modified: keep the body, note the new fetch time
        got.fetched_at, got.from_cache = _now(), False
    elif old is not None:
        got.previous = old
        return got, None
    store(fetch_dir, got)
    return got, None


def fetch_many(urls: Sequence[str], *, fetch_dir: Path, refresh: bool, client: httpx.Client,
               deadline: float = DEADLINE_SECONDS, stop: Callable[[], bool] | None = None,
               ) -> list[tuple[Fetched | None, str | None]]:
    """Fetch several links side by side; for each, (document, note) or (None, reason)."""
    def one(url: str) -> tuple[Fetched | None, str | None]:
        try:
            return fetch(url, fetch_dir=fetch_dir, refresh=refresh, client=client, deadline=deadline, stop=stop)
        except LoadError as err:
            return None, str(err)
        except Exception as err:  # one link's surprise must not lose the others
            return None, unexpected(err)

    if len(urls) <= 1:
        return [one(u) for u in urls]
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(urls))) as pool:
        return list(pool.map(one, urls))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _download(client: httpx.Client, url: str, old: Fetched | None, deadline: float,
              stop: Callable[[], bool] | None) -> Fetched:
    import httpx

    from brief.pipeline.sources.deadline import deadline as bounded

    headers = {}
    # checked again: a cache written by an older brief may hold validators that cannot be sent
    if old is not None and (etag := _validator(old.etag)):
        headers["If-None-Match"] = etag
    if old is not None and (modified := _validator(old.last_modified)):
        headers["If-Modified-Since"] = modified
    seen = [url]
    started = time.monotonic()
    try:
        with bounded(deadline, stop):
            return _follow(client, url, seen, headers, old, started, deadline)
    except httpx.TimeoutException as err:
        if stop is not None and stop():
            raise FetchError("not fetched: brief was stopped") from None
        if time.monotonic() - started >= deadline:
            raise FetchError(f"timed out: the fetch took longer than {deadline:g} s") from None
        raise FetchError(_timeout_reason(err, client)) from None
    except httpx.HTTPError as err:
        raise FetchError(_network_reason(err)) from None


def _follow(client: httpx.Client, url: str, seen: list[str], headers: dict[str, str], old: Fetched | None,
            started: float, deadline: float) -> Fetched:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        with client.stream("GET", current, headers=headers, follow_redirects=False) as resp:
            if resp.status_code == 304 and old is not None:
                return old
            if resp.status_code in (301, 302, 303, 307, 308):
                current = _next_hop(current, resp.headers.get("location", ""), seen)
                continue
            if resp.status_code >= 400 or not 200 <= resp.status_code < 300:
                phrase = one_line(resp.reason_phrase or "")
                raise FetchError(f"HTTP {resp.status_code}{' ' + phrase if phrase else ''}")
            content_type = one_line(resp.headers.get("content-type", ""))
            mime = content_type.split(";", 1)[0].strip().lower()
            if not _READABLE.match(mime) and mime not in _SNIFFED:
                raise FetchError(f"wrong content type: {mime} (not a web page or feed)")
            data = _read_body(resp, started, deadline)
            if mime in _SNIFFED:
                data = _check_sniffed(data, mime, current)
            return Fetched(url=url, final_url=str(resp.url), content_type=content_type, fetched_at=_now(),
                           data=data, etag=_validator(resp.headers.get("etag")),
                           last_modified=_validator(resp.headers.get("last-modified")))
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified that can be sent back: printable ASCII, as HTTP requires (a server's
    'é' would make every later refresh fail to encode its request)."""
    return value if value and value.isascii() and value.isprintable() else None


def _next_hop(current: str, location: str, seen: list[str]) -> str:
    if not location:
        raise FetchError("redirect without a Location header")
    target = urljoin(current, location.strip())
    if not re.match(r"https?://", target, re.IGNORECASE):
        raise FetchError(f"redirect to a non-http(s) URL: {one_line(target)[:120]}")
    if target in seen:
        raise FetchError(f"redirect loop ({' -> '.join(seen[seen.index(target):] + [target])})")
    seen.append(target)
    return target


def _read_body(resp: Any, started: float, deadline: float) -> bytes:
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise FetchError(f"too large ({int(declared) / 1_048_576:.1f} MB; the limit is {MAX_BYTES >> 20} MB)")
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(f"too large (more than the {MAX_BYTES >> 20} MB limit)")
        if time.monotonic() - started > deadline:
            raise FetchError(f"timed out: the fetch took longer than {deadline:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_sniffed(data: bytes, mime: str, url: str) -> bytes:
    """A response that did not say what it is must look like a page, feed or list to be kept."""
    try:
        data = detect.gunzip(data, MAX_BYTES)
    except ValueError as err:
        raise FetchError(str(err)) from None
    if detect.content_kind(data) is detect.Kind.UNKNOWN and detect.suffix_kind(urlsplit(url).path) is \
            detect.Kind.UNKNOWN:
        shown = mime or "none given"
        raise FetchError(f"wrong content type: {shown} (not a web page or feed)")
    return data


def _timeout_reason(err: Exception, client: httpx.Client) -> str:
    import httpx

    timeout = client.timeout
    if isinstance(err, httpx.ConnectTimeout):
        return f"timed out connecting (after {timeout.connect or 0:g} s)"
    return f"timed out waiting for the server (after {timeout.read or 0:g} s)"


def _network_reason(err: Exception) -> str:
    import httpx

    text = one_line(str(err))
    low = text.lower()
    if isinstance(err, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return f"not a usable URL ({text})"
    if isinstance(err, httpx.ConnectError):
        if "name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low:
            return "could not resolve the host name"
        if "certificate" in low:
            return "the site's TLS certificate is not trusted"
        if "refused" in low:
            return "could not connect: connection refused"
        return f"could not connect ({text})"
    if isinstance(err, httpx.RemoteProtocolError):
        return f"the server broke off the response ({text})"
    if isinstance(err, httpx.DecodingError):
        return f"could not decode the response ({text})"
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
