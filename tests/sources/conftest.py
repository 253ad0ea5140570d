"""A small web server on 127.0.0.1 for the fetching tests (never any other host)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
FEEDS = HERE / "feeds"


class Site:
    """What the test server serves; ``hits`` counts requests per path."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.base = ""
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, **headers: str) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, data)
        return self.url(path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path
            site.hits[path] += 1
            if path == "/slow":
                time.sleep(1.5)
                return self._send(200, {"Content-Type": "text/html"}, b"<html><body><p>late</p></body></html>")
            if path.startswith("/loop-"):
                nxt = "/loop-b" if path == "/loop-a" else "/loop-a"
                return self._send(302, {"Location": nxt}, b"")
            if path == "/redirect":
                return self._send(301, {"Location": "/page.html"}, b"")
            if path == "/counter":
                body = (f"<html><head><title>Visit counter</title></head><body><article><h1>Visit counter</h1>"
                        f"<p>This page has been visited {site.hits[path]} times so far, and it says so in a "
                        f"whole sentence so that the extractor keeps it.</p></article></body></html>")
                return self._send(200, {"Content-Type": "text/html"}, body.encode())
            if path == "/etag":
                if self.headers.get("If-None-Match") == '"v1"':
                    return self._send(304, {"ETag": '"v1"'}, b"", length=False)
                return self._send(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
                                  (FEEDS / "harbour-wire.rss").read_bytes())
            if path == "/endless":  # no Content-Length: only a running count can stop it
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(200):
                        self.wfile.write(b"<p>" + b"x" * 1021 + b"</p>")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return None
            if path not in site.routes:
                return self._send(404, {"Content-Type": "text/html"}, b"<html><body>Not here</body></html>")
            status, headers, data = site.routes[path]
            return self._send(status, headers, data)

        def _send(self, status: int, headers: dict[str, str], data: bytes, length: bool = True) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if length:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """A server on 127.0.0.1 (an ephemeral port) serving a page, feeds and the failure cases."""
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    s.add("/page.html", (PAGES / "harbour-news.html").read_bytes())
    s.add("/feed.xml", (FEEDS / "harbour-wire.rss").read_bytes(), "application/rss+xml")
    s.add("/feed.json", (FEEDS / "arkwright.json").read_bytes(), "application/feed+json")
    s.add("/atom", (FEEDS / "ledger.atom").read_bytes(), "text/html; charset=utf-8")  # a server that lies
    s.add("/image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    s.add("/notes.txt", "just some notes, not a page", "text/plain")
    s.add("/big.html", "<html><body>" + "<p>word</p>" * 3000 + "</body></html>")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the local server must not be sent to a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def dripping() -> Iterator[str]:
    """A server on 127.0.0.1 that sends its status line and headers one byte every 0.1 s, for 60 s."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    def drip(conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 600
        try:
            for byte in head:
                if stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(0.1)
        except OSError:
            pass
        finally:
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/story"
    finally:
        stop.set()
        server.close()
