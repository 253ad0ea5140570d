"""Writing what brief exports: every byte or an error, never over an article, never through someone else's link.

The one place that writes an export, for ``brief export`` and the reader's ``e`` alike:

- ``write_all`` loops until the kernel took every byte (a write may take part of them, as on a
  disk that fills up) or raises the error; ``write_stdout`` writes standard output so.
- A regular file is written to a temporary file beside it and renamed over it: it is either the
  old file or the whole new one. An existing path, a symbolic link to a missing file included, is
  replaced only when the caller says so (``force``).
- A symbolic link is opened by the kernel, with its protections (``fs.protected_symlinks``), and
  brief refuses first what those protect against: a link owned by another user in a sticky
  world-writable folder such as ``/tmp``.
- ``refuse_inputs``: an output that is one of the articles read (the same file by device and
  inode, whatever the spelling, a hard link or a symbolic link) is never written, even with ``force``.
- Every Markdown briefing starts with ``MARKER``, a comment Markdown renderers hide; a file that
  starts so is a briefing, not an article, when a folder is read again (``is_briefing``).
"""

from __future__ import annotations

import os
import re
import select
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from brief import __version__

MARKER = "<!-- brief:briefing"
"""How every Markdown briefing brief writes begins: an HTML comment, hidden when it is rendered."""
NOT_AN_ARTICLE = "a briefing, not an article"
"""The reason a briefing brief wrote is skipped when it lies among the articles."""
_OPENING = re.compile(r"[\ufeff\s]*" + re.escape(MARKER) + r"\b")


def marker_line() -> str:
    return f"{MARKER} written by brief {__version__}; brief does not read this file as an article -->"


def is_briefing(text: str) -> bool:
    """Whether ``text`` (a file's start is enough) is a briefing brief wrote."""
    return _OPENING.match(text) is not None


class OutputRefused(OSError):
    """The output path is something brief must not write over (an article, a directory, a socket, a foreign link).

    An ``OSError``, so whoever handles a failed write (the reader's export dialog) handles this too.
    """


# --- writing bytes ------------------------------------------------------------------------------


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd``, however many calls the kernel needs; ``OSError`` when it takes no more."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:  # a non-blocking pipe that is full: wait until it drains
            select.select([], [fd], [])
            continue
        if written <= 0:  # write(2) returns 0 only when asked for nothing; never loop on it
            raise OSError(f"wrote nothing of the last {len(view)} bytes")
        view = view[written:]


def write_stdout(text: str) -> None:
    """``text`` on standard output, all of it or an ``OSError``.

    ``sys.stdout.write`` of a large text reports no error when the kernel takes part of it
    (65,536 bytes on a 64 KB tmpfs, exit 0): the bytes go to the descriptor through ``write_all``.
    """
    stream = sys.stdout
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    write_all(fd, text.encode(stream.encoding or "utf-8", "replace"))


# --- outputs that are inputs ----------------------------------------------------------------------


def _key(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _starts_as_briefing(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and is_briefing(os.read(fd, 256).decode("utf-8", "replace"))
    finally:
        os.close(fd)


def refuse_inputs(path: Path, inputs: Iterable[Path | str]) -> None:
    """Raise ``OutputRefused`` when ``path`` is one of ``inputs`` or one of the article files in their folders.

    Files are compared by device and inode, so another spelling, a hard link or a symbolic link
    to an article is the article. A briefing brief wrote earlier (it starts with ``MARKER``) is
    no article: it may be replaced. URLs are skipped; folders are walked as the library walks them.
    """
    inputs = list(inputs)
    if not inputs:
        return
    try:
        out = os.stat(path)
    except OSError:
        return  # nothing there yet (or nothing reachable): no input either
    if not stat.S_ISREG(out.st_mode) or _starts_as_briefing(path):
        return
    from brief.pipeline.sources.targets import InputKind, discover, display_path, is_url

    named: list[str] = []
    folders: list[Path] = []
    for name in (str(p) for p in inputs if not is_url(str(p))):
        try:
            st = os.stat(name)
        except OSError:
            continue
        if _key(st) == _key(out):
            named.append(name)
        elif stat.S_ISDIR(st.st_mode):
            folders.append(Path(name))
    if not named and folders:
        found, _ = discover(folders)
        named = [t.name for t in found if t.kind is not InputKind.URL and _same(t.path, out)]
    if named:
        shown, article = display_path(path), display_path(named[0])
        also = "" if article == shown else f" ({article})"
        raise OutputRefused(f"{shown} is one of the articles read{also}: brief never writes over an article, "
                            "not even with --force")


def _same(path: Path, out: os.stat_result) -> bool:
    try:
        return _key(os.stat(path)) == _key(out)
    except OSError:
        return False


# --- writing a file -------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    """The replaced file's mode, or what a new file gets under the user's umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_DESCRIPTORS = re.compile(r"/dev/(?:stdout|stderr|fd/[0-9]+)|/proc/(?:self|[0-9]+)/fd/[0-9]+")


def _is_stream(path: Path, st: os.stat_result) -> bool:
    """Whether ``path`` is written into as it is (a pipe, a terminal, /dev/null) rather than replaced."""
    if _DESCRIPTORS.fullmatch(str(path)) or stat.S_ISFIFO(st.st_mode):
        return True
    if not stat.S_ISCHR(st.st_mode):
        return False
    real = os.path.realpath(path)
    return st.st_rdev == os.stat(os.devnull).st_rdev or real.startswith(("/dev/pts/", "/dev/tty"))


def _refuse_foreign_link(path: Path, link: os.stat_result) -> None:
    """A link that ``fs.protected_symlinks`` would not follow is refused, whether the kernel enforces it or not.

    In a sticky folder anyone can write to, a link is followed only by its owner or when the
    folder's owner owns it too: anyone else's link there may point at the user's own files.
    """
    folder = os.stat(path.parent)
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise OutputRefused(f"{path} is a symbolic link that another user owns, in a folder everyone can write to: "
                            "brief does not write through it")


def write_text(path: Path, text: str | Callable[[], str], *, force: bool = False,
               inputs: Iterable[Path | str] = ()) -> None:
    """Write ``text`` to ``path``: a regular file atomically (replaced only with ``force``), a stream as it is.

    ``text`` may be a function that makes it: it is called only once ``path`` is known to be writable, so that a
    briefing is not rendered to be refused (the reader asks before replacing a file, then renders).

    A pipe, a terminal or /dev/null is written into and never replaced; a symbolic link (dangling
    ones too) is an existing file, written through to its target with ``force``; a directory, a
    device, a socket, one of ``inputs`` or another user's link in a shared folder is refused with
    ``OutputRefused``.
    """
    def data() -> bytes:
        return (text() if callable(text) else text).encode("utf-8")

    refuse_inputs(path, inputs)
    try:
        link: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        link = None
    if link is not None and stat.S_ISLNK(link.st_mode):
        _refuse_foreign_link(path, link)
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None  # nothing there, or a link to nothing
    if st is not None and _is_stream(path, st):
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOCTTY", 0))
        try:
            write_all(fd, data())
        finally:
            os.close(fd)
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise OutputRefused(f"{path} is {kind}: brief replaces only regular files")
    if link is not None and not force:
        what = "exists" if st is not None else "is a symbolic link to a file that does not exist"
        raise FileExistsError(f"{path} {what} (use --force to replace it)")
    if link is not None and stat.S_ISLNK(link.st_mode):
        _write_through(path, data(), created=st is None)
    else:
        replace_file(path, data())


def _write_through(link: Path, data: bytes, *, created: bool) -> None:
    """Replace the file a symbolic link names: the kernel follows the link (and may refuse to), then it is replaced."""
    fd = os.open(link, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOCTTY", 0), 0o666)  # no O_TRUNC: nothing changes
    try:
        opened = os.fstat(fd)
    finally:
        os.close(fd)
    target = Path(os.path.realpath(link))
    if not stat.S_ISREG(opened.st_mode) or not _same(target, opened):
        raise OutputRefused(f"{link} changed while it was being written: nothing was written")
    try:
        replace_file(target, data)
    except BaseException:
        if created and _same(target, opened):  # the empty file the kernel made for this write
            target.unlink(missing_ok=True)
        raise


def replace_file(path: Path, data: bytes) -> None:
    """``path`` becomes ``data`` whole, or stays as it was: a temporary file beside it, synced, renamed over it
    (keeping the replaced file's mode), the rename synced too. The export and config.toml's fixes write so."""
    import tempfile

    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _mode(path))  # mkstemp makes it private; the briefing gets a normal file's mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # the rename itself, on disk
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)
