"""What a target is (a URL, a text file, a web file, a folder, or something brief will not open) and how to find them.

The one place that answers "what is this input?": the command line, the library's discovery
and the loaders all ask ``classify``. Only regular files are ever opened, and they are opened
with ``O_NONBLOCK`` and checked again with ``fstat``, so a FIFO, a device or a socket, even one
swapped in after ``classify`` looked, is skipped with a reason instead of blocking a read
forever. Folders are walked without recursion, with a depth limit, so neither a symlink loop
nor a folder thousands of levels deep ends the run.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from brief.pipeline.sources import detect
from brief.pipeline.sources.model import LoadError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
MAX_FOLDER_DEPTH = 100
"""Folders below this many levels are skipped with a reason (nobody files articles that deep)."""
_ALWAYS_WEB = (detect.Kind.HTML, detect.Kind.OPML, detect.Kind.URLS)
_TRUSTED_FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".feed")


class InputKind(str, Enum):
    URL = "url"
    TEXT = "text"
    WEB = "web"
    """A saved page, a feed, an OPML list or a ``.urls`` file: read by ``brief.pipeline.sources.load``."""
    FOLDER = "folder"
    OTHER = "other"
    """Not read: ``reason`` says why (missing, a FIFO or device, a broken link, not an article file)."""


@dataclass(frozen=True)
class Target:
    kind: InputKind
    name: str
    """The target as given (a URL, or a path as text)."""
    reason: str = ""
    stat: os.stat_result | None = field(default=None, compare=False, repr=False)
    """A file's status as ``classify`` saw it (through symlinks): discovery and change detection stat each file once."""

    @property
    def path(self) -> Path:
        return Path(self.name)

    @property
    def shown(self) -> str:
        """The name as text that can always be shown and stored."""
        return self.name if self.kind is InputKind.URL else display_path(self.name)


def is_url(target: str) -> bool:
    """A web address: http or https with a host."""
    return re.match(r"https?://[^\s/]+", target, re.IGNORECASE) is not None


def display_path(path: Path | str) -> str:
    """A path as text that can always be shown and stored (undecodable bytes become U+FFFD)."""
    text = str(path)
    return text if text.isascii() else text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _special(mode: int) -> str | None:
    """Why a file of this mode is not opened, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f"not a regular file ({what})"
    return "not a regular file"


def _stat(path: Path) -> os.stat_result | str:
    """The file's status through symlinks, or the reason it has none."""
    try:
        return os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if err.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
            return "broken symbolic link"
        if err.errno == errno.ENOENT:
            return "no such file or directory"
        if err.errno == errno.ENAMETOOLONG:
            return "file name too long"
        return (err.strerror or str(err)).lower() if err.errno != errno.EACCES else "permission denied"


def classify(target: str | Path, *, in_folder: bool = False) -> Target:
    """What ``target`` is. Inside a folder (``in_folder``) a file of no known kind is OTHER with an
    empty reason: a folder's ``pom.xml`` or photo is not an input, and is passed over in silence.
    """
    name = str(target)
    if isinstance(target, str) and is_url(target):
        return Target(InputKind.URL, name)
    path = Path(target)
    st = _stat(path)
    if isinstance(st, str):
        return Target(InputKind.OTHER, name, st)
    if stat.S_ISDIR(st.st_mode):
        return Target(InputKind.FOLDER, name)
    special = _special(st.st_mode)
    if special:
        return Target(InputKind.OTHER, name, special)
    lower = path.name.lower()
    if path.suffix.lower() in TEXT_SUFFIXES:
        return Target(InputKind.TEXT, name, stat=st)
    kind = detect.suffix_kind(lower)
    if kind in _ALWAYS_WEB or lower.removesuffix(".gz").endswith(_TRUSTED_FEED_SUFFIXES):
        return Target(InputKind.WEB, name, stat=st)
    try:
        head = detect.peek(read_regular(path, detect.SNIFF_BYTES, whole=False))
    except (OSError, LoadError) as err:
        reason = str(err) if isinstance(err, LoadError) else (err.strerror or str(err)).lower()
        return Target(InputKind.OTHER, name, reason)
    if detect.content_kind(head) is not detect.Kind.UNKNOWN:
        return Target(InputKind.WEB, name, stat=st)
    if kind is detect.Kind.UNKNOWN:  # no suffix brief reads, and no feed or page inside
        return Target(InputKind.OTHER, name, "" if in_folder else "not a text file, web page, feed or list of links")
    if not in_folder or (kind is detect.Kind.FEED and detect.root_name(head) is None):
        return Target(InputKind.WEB, name, stat=st)  # named as a feed (or too broken to tell): the loader says why
    what = "an XML file" if kind is detect.Kind.FEED else "a JSON file"
    return Target(InputKind.OTHER, name, f"{what} that is not a feed, page or list of links")


def read_regular(path: Path | str, limit: int, *, whole: bool = True, what: str = "") -> bytes:
    """Up to ``limit`` bytes of a regular file; raises ``LoadError`` for anything else or, with
    ``whole``, for a file larger than ``limit``.

    ``O_NONBLOCK`` makes opening a FIFO return at once, and ``fstat`` on the open descriptor
    tells a regular file from what may have replaced it since it was classified.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        special = _special(os.fstat(fd).st_mode)
        if special:
            raise LoadError(special)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        if whole:
            raise LoadError(f"larger than the {_size(limit)} limit{' ' + what if what else ''}")
        data = data[:limit]
    return data


def _size(n: int) -> str:
    return f"{n / (1 << 20):g} MB" if n >= 1 << 20 else f"{n / 1024:g} KB"


def discover(targets: Iterable[str | Path]) -> tuple[list[Target], list[tuple[str, str]]]:
    """The input files and URLs under ``targets`` (folders walked, sorted), and (shown, reason) for each skipped.

    Each real file is listed once, whichever way it was reached; each real folder is read once,
    so symlink loops end.
    """
    found: list[Target] = []
    skipped: list[tuple[str, str]] = []
    seen: set[tuple[int, int] | str] = set()
    folders: set[tuple[int, int]] = set()
    for given in targets:
        target = classify(given)
        if target.kind is InputKind.FOLDER:
            targets_below = _walk(target.path, skipped, folders)
        else:
            targets_below = [target]
        for t in targets_below:
            if t.kind is InputKind.OTHER:
                if t.reason:
                    skipped.append((t.shown, t.reason))
                continue
            key = t.name if t.kind is InputKind.URL else (t.stat.st_dev, t.stat.st_ino) if t.stat else _identity(t.path)
            if key not in seen:
                seen.add(key)
                found.append(t)
    return found, skipped


def _identity(path: Path) -> tuple[int, int] | str:
    try:
        st = os.stat(path)
    except OSError:
        return display_path(path)
    return st.st_dev, st.st_ino


def _walk(root: Path, skipped: list[tuple[str, str]], folders: set[tuple[int, int]]) -> list[Target]:
    """Every target below ``root``, depth first in name order, without recursion."""
    out: list[Target] = []
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        key = _identity(folder)
        if not isinstance(key, tuple) or key in folders:
            continue
        folders.add(key)
        if depth > MAX_FOLDER_DEPTH:
            skipped.append((display_path(folder), f"a folder more than {MAX_FOLDER_DEPTH} levels deep: not read"))
            continue
        try:
            with os.scandir(folder) as it:
                names = sorted(entry.name for entry in it if not entry.name.startswith("."))
        except OSError as err:
            skipped.append((display_path(folder), (err.strerror or str(err)).lower()))
            continue
        below: list[Path] = []
        prefix = "" if str(folder) == "." else os.path.join(str(folder), "")  # str(folder / name) is prefix + name
        for name in names:
            target = _text_file(prefix + name, name)
            if target is not None:
                out.append(target)
                continue
            entry = folder / name
            target = classify(entry, in_folder=True)
            if target.kind is InputKind.FOLDER:
                below.append(entry)
            elif target.kind is not InputKind.OTHER or target.reason and _reported(entry, target):
                out.append(target)
        stack.extend((p, depth + 1) for p in reversed(below))
    # as Path(t.name) sorts them (names under one Path): part by part, as the separator made the least character does
    # (a tenth of the time of a list of parts for each of 100,000 files)
    return sorted(out, key=lambda t: t.name.replace(os.sep, "\0"))


def _text_file(name: str, base: str) -> Target | None:
    """A regular text file (most of a corpus) as ``classify`` says it, without a ``Path``: a folder of 100,000
    articles is listed in a third of the time. None: anything else, which ``classify`` looks at."""
    if not base.lower().endswith(TEXT_SUFFIXES):  # (``base`` is no hidden name: ``.txt`` alone is not one)
        return None
    try:
        st = os.stat(name)
    except OSError:
        return None
    return Target(InputKind.TEXT, name, stat=st) if stat.S_ISREG(st.st_mode) else None


def _reported(entry: Path, target: Target) -> bool:
    """A file in a folder that could not be read is named when its name says it is an input,
    or when it is a special file or a broken link (whatever its name, it is not passed over in silence).
    """
    if target.reason.startswith(("not a regular file", "broken symbolic link", "symbolic link loop")):
        return True
    lower = entry.name.lower()
    return entry.suffix.lower() in TEXT_SUFFIXES or detect.suffix_kind(lower) is not detect.Kind.UNKNOWN
