"""Headless Chromium driven over the DevTools protocol on a pipe: the browser tests, the bench and the README's
screenshots open the HTML briefing in it.

No client library and no port: Chromium's ``--remote-debugging-pipe`` reads commands on its fd 3 and writes
replies and events on its fd 4, each a JSON message ended by a NUL byte (as Puppeteer's pipe transport does).
Every network request the page makes is recorded from the browser's own ``Network`` events, every console
message and browser log entry (a CSP violation is one) from ``Runtime``/``Log``.

    with Chromium() as browser:
        page = browser.open(Path("briefing.html"))
        page.evaluate("document.title")
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("BRIEF_CHROMIUM", "/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--remote-debugging-pipe")
"""The flags the issue names, plus a pipe for the protocol; ``--user-data-dir`` is a fresh folder each time."""


class BrowserError(RuntimeError):
    """Chromium could not start, or did not answer in time."""


def available() -> str | None:
    """Why Chromium cannot be used here, or None when it can (the binary is there and runs)."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set BRIEF_CHROMIUM)"
    try:
        with Chromium(timeout=30):
            return None
    except (BrowserError, OSError) as err:
        return f"Chromium at {CHROMIUM} does not start: {err}"


@dataclass
class Page:
    """One tab, attached by its session: what it loaded, logged and requested since it was opened."""

    browser: Chromium
    session: str
    url: str = ""  # the file it was opened on
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)  # (level, text)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The expression's value in the page (JSON-able values only), raising on a thrown exception."""
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression!r} threw: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def screenshot(self, path: Path | None = None, clip: dict[str, float] | None = None,
                   full_page: bool = False) -> bytes:
        """A PNG of the viewport, of ``clip`` (page coordinates) or of the whole page."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": full_page or clip is not None}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
        png = base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])
        if path is not None:
            path.write_bytes(png)
        return png

    def settle(self, seconds: float = 0.2) -> None:
        """Let events still in flight (a late request, a log entry) arrive."""
        self.browser.drain(seconds)


class Chromium:
    """A headless Chromium in a fresh profile, stopped (and the profile removed) on exit."""

    def __init__(self, width: int = 1200, height: int = 900, timeout: float = 60.0) -> None:
        self.size = (width, height)
        self.timeout = timeout
        self._next = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._pages: dict[str, Page] = {}
        self._profile = tempfile.mkdtemp(prefix="brief-chromium-")
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Chromium:
        to_child, from_parent = os.pipe()  # the browser reads commands on its fd 3
        from_child, to_parent = os.pipe()  # and writes on its fd 4

        def fds() -> None:  # in the child: out of the way first (a pipe may be fd 3 or 4 itself), then in place
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, to_parent)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        try:
            self._proc = subprocess.Popen(
                [CHROMIUM, *FLAGS, f"--user-data-dir={self._profile}", f"--window-size={self.size[0]},{self.size[1]}",
                 "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                preexec_fn=fds, close_fds=False)  # noqa: PLW1509 - only dup2 runs before exec
        except OSError:
            shutil.rmtree(self._profile, ignore_errors=True)
            raise
        finally:
            os.close(to_child)
            os.close(to_parent)
        self._out = os.fdopen(from_parent, "wb", buffering=0)
        self._in = os.fdopen(from_child, "rb", buffering=0)
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.send("Target.setDiscoverTargets", {"discover": True})
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            try:
                self._write({"id": -1, "method": "Browser.close"})
            except OSError:
                pass
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        for stream in ("_out", "_in"):
            try:
                getattr(self, stream).close()
            except (AttributeError, OSError):
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    # --- the protocol ---------------------------------------------------------------------------------------

    def _write(self, message: dict[str, Any]) -> None:
        self._out.write(json.dumps(message).encode() + b"\0")

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self._in.read(1 << 16)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                self._events.put(None)
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._events.put(json.loads(raw))

    def _take(self, deadline: float) -> dict[str, Any]:
        try:
            message = self._events.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise BrowserError("no answer from Chromium in time") from None
        if message is None:
            raise BrowserError("Chromium closed its pipe")
        if "id" in message:
            self._replies[message["id"]] = message
        else:
            self._event(message)
        return message

    def _event(self, message: dict[str, Any]) -> None:
        page = self._pages.get(message.get("sessionId", ""))
        method, params = message.get("method"), message.get("params", {})
        if page is None:
            return
        if method == "Network.requestWillBeSent":
            page.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            page.console.append((params["type"], " ".join(str(a.get("value", a.get("description", "")))
                                                          for a in params.get("args", []))))
        elif method == "Runtime.exceptionThrown":
            page.console.append(("error", params["exceptionDetails"].get("text", "")))
        elif method == "Log.entryAdded":
            page.console.append((params["entry"]["level"], params["entry"]["text"]))

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next += 1
        ask: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            ask["sessionId"] = session
        self._write(ask)
        deadline = time.monotonic() + self.timeout
        while self._next not in self._replies:
            self._take(deadline)
        reply = self._replies.pop(self._next)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                self._take(deadline)
        except BrowserError:
            pass

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._take(deadline)
            if message.get("method") == method and message.get("sessionId") == session:
                return message.get("params", {})

    # --- pages ----------------------------------------------------------------------------------------------

    def open(self, path: Path, width: int | None = None, height: int | None = None) -> Page:
        """A new tab with the file loaded (its load event fired), every request and log line recorded from
        before the first byte."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = self._pages[session] = Page(self, session)
        for domain in ("Page", "Network", "Runtime", "Log"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", width=width or self.size[0], height=height or self.size[1],
                  deviceScaleFactor=1, mobile=False)
        page.url = path.resolve().as_uri()
        page.send("Page.navigate", url=page.url)
        self.wait_for("Page.loadEventFired", session)
        return page


__all__ = ["CHROMIUM", "BrowserError", "Chromium", "Page", "available"]
