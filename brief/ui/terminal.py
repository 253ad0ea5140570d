"""The interface is drawn on the terminal, even when a standard stream is redirected.

Textual's Linux driver writes the screen to standard error, reads keys from standard input and
asks standard output for the size. So ``brief ~/news 2>skipped.log`` wrote the whole interface
into the log and left the terminal blank, and ``brief ~/news >out`` was drawn at 80x24 whatever
the window. As ``less`` and ``fzf`` do, the driver then uses the controlling terminal,
``/dev/tty``, for all three; the redirected stream keeps only messages (what the worker
processes or Python write there). Without a controlling terminal Textual's own behaviour stays.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App


def redirected() -> bool:
    """A standard stream is not the terminal (so Textual's driver would draw, read or measure elsewhere)."""
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        try:
            if stream is None or not os.isatty(stream.fileno()):
                return True
        except (OSError, ValueError):
            return True
    return False


class TerminalDriver(LinuxDriver):
    """Textual's Linux driver on ``/dev/tty`` rather than on standard error, input and output."""

    def __init__(self, app: App[Any], **options: Any) -> None:
        super().__init__(app, **options)
        self._tty: int | None = None
        try:
            fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        except OSError:  # no controlling terminal (a cron job, a container without one): as Textual would
            return
        self._tty = fd
        self._file = os.fdopen(os.dup(fd), "w", encoding="utf-8", errors="backslashreplace")
        self.fileno = fd
        self.input_tty = True

    def _get_terminal_size(self) -> tuple[int, int]:
        if self._tty is not None:
            try:
                size = os.get_terminal_size(self._tty)
            except OSError:
                pass
            else:
                if size.columns and size.lines:
                    return size.columns, size.lines
        return super()._get_terminal_size()

    def close(self) -> None:
        super().close()
        if self._tty is not None:
            self._file.close()  # type: ignore[union-attr]
            os.close(self._tty)
            self._tty = None
