"""One deadline covers a whole fetch: a server that drips its headers a byte at a time is cut off."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from brief.pipeline.sources import load
from brief.pipeline.sources.fetch import make_client


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


def test_a_server_dripping_its_headers_is_cut_off_at_the_deadline(dripping: str, tmp_path: Path) -> None:
    started = time.monotonic()
    docs, skipped = load(dripping, fetch_dir=tmp_path, deadline=1.5)  # each byte comes well within the read timeout
    took = time.monotonic() - started
    assert docs == [] and skipped == [(dripping, "timed out: the fetch took longer than 1.5 s")]
    assert took < 6


def test_the_deadline_holds_for_several_links_fetched_side_by_side(dripping: str, tmp_path: Path) -> None:
    links = tmp_path / "links.urls"
    links.write_text("".join(f"{dripping}?n={n}\n" for n in range(3)))
    started = time.monotonic()
    docs, skipped = load(str(links), fetch_dir=tmp_path / "fetched", deadline=1.5, client=make_client(timeout=5))
    assert docs == [] and [reason for _, reason in skipped] == ["timed out: the fetch took longer than 1.5 s"] * 3
    assert time.monotonic() - started < 8
