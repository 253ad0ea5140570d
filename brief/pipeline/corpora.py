"""Corpora that remember their paths: named ones (``brief --corpus deals PATH...``) and what ``a`` added to a set.

A named corpus is a list of paths and links kept under its name; ``brief --corpus deals`` opens all of
them, and its index is keyed by the name, so adding a path keeps the index (only the new files are read).
A corpus opened by its paths alone (``brief ~/news``) stays keyed by exactly those paths, as before; what
``a`` adds to it is kept under that key, so ``brief ~/news`` opens it again with the additions.

The list lives in ``corpora.json`` beside ``config.toml``, not in the index: the index is a cache (set
aside and rebuilt when unreadable, absent with ``--no-cache``), and what a user chose to follow is not.
It is replaced whole (``brief.pipeline.output.replace_file``) under the config file's lock, so two brief
processes adding at once both land.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.pipeline.sources.targets import display_path, is_url

FILE = "corpora.json"
NAME = re.compile(r"[\w][\w .@+-]{0,63}")
"""A corpus name: a word character first, then letters, digits, spaces and ``.@+-``; at most 64 characters."""


class CorpusError(ValueError):
    """A corpus name brief cannot use, or one it does not know; the message says what to do."""


@dataclass
class Registry:
    """What ``corpora.json`` holds: ``{"version": 1, "named": {NAME: [PATH, ...]}, "added": {KEY: [PATH, ...]}}``.

    Plain JSON checked by hand, not a pydantic model: every ``brief PATH`` reads it on its way to the first
    screen, and pydantic would cost that start more than the rest of this module (as ``Settings`` says).
    """

    named: dict[str, list[str]] = field(default_factory=dict)
    """The named corpora's paths (absolute paths and URLs, in the order added), by name."""
    added: dict[str, list[str]] = field(default_factory=dict)
    """The paths ``a`` added to a corpus opened by its paths alone, by that corpus's key (``key_of``: its index)."""

    @classmethod
    def from_data(cls, data: object) -> Registry:
        """Checked; ``ValueError`` says what is wrong."""
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("expected an object with version 1")
        tables = []
        for table in ("named", "added"):
            found = data.get(table, {})
            if not isinstance(found, dict) or not all(
                    isinstance(k, str) and isinstance(v, list) and all(isinstance(p, str) for p in v)
                    for k, v in found.items()):
                raise ValueError(f"{table}: expected names with lists of paths")
            tables.append({k: list(v) for k, v in found.items()})
        return cls(*tables)

    def dump(self) -> bytes:
        return (json.dumps({"version": 1, "named": self.named, "added": self.added}, ensure_ascii=False,
                           indent=1) + "\n").encode()


def registry_file(config: Path | None = None) -> Path:
    """``corpora.json`` in the folder of the config file (``$BRIEF_CONFIG`` or the user config folder)."""
    from brief.config import config_file

    return (config or config_file()).parent / FILE


def check_name(name: str) -> str:
    """The name, or ``CorpusError`` saying how one is written."""
    if not NAME.fullmatch(name) or name != name.strip():
        raise CorpusError(f"{name!r} cannot name a corpus: use letters, digits, spaces and .@+- "
                          "(at most 64 characters, a letter or digit first)")
    return name


def stored(path: Path | str) -> str:
    """A path as the registry keeps it: absolute, so the corpus opens from any folder; a URL as it is."""
    text = str(path)
    return text if is_url(text) else display_path(Path(text).resolve())


def key_of(roots: Sequence[Path | str]) -> str:
    """One index per set of folders, files and links: the same set opens the same index."""
    names = sorted({stored(r) for r in roots})
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def named_key(name: str) -> str:
    """The index of a named corpus, whatever paths it holds."""
    return "named-" + hashlib.sha256(name.encode()).hexdigest()[:16]


def load(file: Path) -> Registry:
    """The registry (empty when there is none; ``CorpusError`` when it cannot be read, rather than lose it)."""
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return Registry()
    except OSError as err:
        raise CorpusError(f"cannot read {file}: {err.strerror or err}") from None
    try:
        return Registry.from_data(json.loads(data))
    except ValueError as err:
        raise CorpusError(f"{file} is not a list of corpora brief can read ({str(err).splitlines()[0]})") from None


def _save(file: Path, registry: Registry) -> None:
    from brief.pipeline.output import replace_file

    file.parent.mkdir(parents=True, exist_ok=True)
    replace_file(file, registry.dump())


def _add(file: Path, which: str, key: str, paths: Sequence[Path | str]) -> list[str]:
    """Add ``paths`` to the ``which`` table's entry ``key`` (under the lock); its paths after."""
    from brief.config import config_lock

    with config_lock(file):
        registry = load(file)
        table: dict[str, list[str]] = getattr(registry, which)
        corpus = table.setdefault(key, [])
        fresh = [p for p in dict.fromkeys(stored(p) for p in paths) if p not in corpus]
        if fresh:
            corpus += fresh
            _save(file, registry)
        return list(corpus)


def remember(name: str, paths: Sequence[Path | str], file: Path | None = None) -> list[str]:
    """Add ``paths`` to the corpus ``name`` (made if new) and return all its paths.

    With no paths, the corpus must exist: ``CorpusError`` names the corpora there are.
    """
    check_name(name)
    file = file or registry_file()
    if not paths:
        known = load(file).named
        if not known.get(name):
            there = ", ".join(sorted(known)) or "none yet"
            raise CorpusError(f"no corpus named {name!r} (known: {there}); "
                              f"'brief --corpus {name} PATH...' makes it")
        return list(known[name])
    return _add(file, "named", name, paths)


def paths_of(name: str, file: Path | None = None) -> list[str]:
    """The paths of the named corpus (none when it is unknown)."""
    return list(load(file or registry_file()).named.get(name, []))


def added_to(key: str, file: Path | None = None) -> list[str]:
    """What ``a`` added to the corpus of a set of paths."""
    return list(load(file or registry_file()).added.get(key, []))


def add(name: str | None, key: str, paths: Sequence[Path | str], file: Path | None = None) -> str:
    """Remember ``paths`` in the corpus ``name``, or (unnamed) among what was added to the corpus ``key``;
    where they are remembered, as a sentence's end ("in the corpus deals")."""
    file = file or registry_file()
    if name is not None:
        _add(file, "named", name, paths)
        return f"in the corpus {name}"
    _add(file, "added", key, paths)
    return "with the paths this corpus was opened with"


def listing(file: Path | None = None) -> list[tuple[str, list[str]]]:
    """The named corpora and their paths, by name."""
    return [(name, list(paths)) for name, paths in sorted(load(file or registry_file()).named.items())]
