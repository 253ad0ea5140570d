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
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from brief.pipeline.sources.targets import display_path, is_url

FILE = "corpora.json"
NAME = re.compile(r"[\w][\w .@+-]{0,63}")
"""A corpus name: a word character first, then letters, digits, spaces and ``.@+-``; at most 64 characters."""


class CorpusError(ValueError):
    """A corpus name brief cannot use, or one it does not know; the message says what to do."""


class Corpus(BaseModel):
    paths: list[str] = Field(default_factory=list)
    """Absolute paths and URLs, in the order they were added."""


class Registry(BaseModel):
    """What ``corpora.json`` holds."""

    version: int = 1
    named: dict[str, Corpus] = Field(default_factory=dict)
    """The named corpora, by name."""
    added: dict[str, Corpus] = Field(default_factory=dict)
    """The paths ``a`` added to a corpus opened by its paths alone, by that corpus's key (``key_of``: its paths' index)."""


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
        return Registry.model_validate(json.loads(data))
    except (ValueError, ValidationError) as err:
        raise CorpusError(f"{file} is not a list of corpora brief can read ({str(err).splitlines()[0]})") from None


def _save(file: Path, registry: Registry) -> None:
    from brief.pipeline.output import replace_file

    file.parent.mkdir(parents=True, exist_ok=True)
    replace_file(file, (registry.model_dump_json(indent=1) + "\n").encode())


def _add(file: Path, which: str, key: str, paths: Sequence[Path | str]) -> list[str]:
    """Add ``paths`` to the ``which`` table's entry ``key`` (under the lock); its paths after."""
    from brief.config import config_lock

    with config_lock(file):
        registry = load(file)
        table: dict[str, Corpus] = getattr(registry, which)
        corpus = table.setdefault(key, Corpus())
        fresh = [p for p in dict.fromkeys(stored(p) for p in paths) if p not in corpus.paths]
        if fresh:
            corpus.paths += fresh
            _save(file, registry)
        return list(corpus.paths)


def remember(name: str, paths: Sequence[Path | str], file: Path | None = None) -> list[str]:
    """Add ``paths`` to the corpus ``name`` (made if new) and return all its paths.

    With no paths, the corpus must exist: ``CorpusError`` names the corpora there are.
    """
    check_name(name)
    file = file or registry_file()
    if not paths:
        known = load(file).named
        if name not in known or not known[name].paths:
            there = ", ".join(sorted(known)) or "none yet"
            raise CorpusError(f"no corpus named {name!r} (known: {there}); "
                              f"'brief --corpus {name} PATH...' makes it")
        return list(known[name].paths)
    return _add(file, "named", name, paths)


def paths_of(name: str, file: Path | None = None) -> list[str]:
    """The paths of the named corpus (none when it is unknown)."""
    corpus = load(file or registry_file()).named.get(name)
    return list(corpus.paths) if corpus else []


def added_to(key: str, file: Path | None = None) -> list[str]:
    """What ``a`` added to the corpus of a set of paths."""
    corpus = load(file or registry_file()).added.get(key)
    return list(corpus.paths) if corpus else []


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
    return [(name, list(c.paths)) for name, c in sorted(load(file or registry_file()).named.items())]
