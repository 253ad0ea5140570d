"""The user's corrections: declared entities applied to extracted spans, and fixes written to the file.

Declared names are found wherever the text spells them (whole words, case as written or in
capitals) and win over overlapping extractor spans. The other corrections (names that are not
entities, types, merges, splits) are applied to the index itself (``brief.pipeline.index.fixes``);
``write_fix`` adds one to the config file.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from brief.config import FIX_TABLES, ConfigError, Fix, Settings, UserEntity, checked, config_lock, parsed
from brief.pipeline.extract import EntitySpan
from brief.pipeline.output import replace_file
from brief.pipeline.text import fold, one_line


class Corrections:
    def __init__(self, entities: Sequence[UserEntity]) -> None:
        self.canonical: dict[str, tuple[str, str]] = {}  # folded name -> (declared name, type)
        for e in entities:
            for n in e.names:
                self.canonical[fold(n)] = (e.name, e.type)
        names = sorted({n for e in entities for n in e.names}, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
            if names else None
        )

    def __bool__(self) -> bool:
        return bool(self.canonical)

    def apply(self, texts: Sequence[str], spans: Sequence[Sequence[EntitySpan]]) -> list[list[EntitySpan]]:
        out = []
        for text, found in zip(texts, spans, strict=True):
            declared = []
            if self._pattern is not None:
                for m in self._pattern.finditer(text):
                    if m.group()[:1].isupper():  # "Acme", "ACME", not the word "acme"
                        kind = self.canonical[fold(m.group())][1]
                        declared.append(EntitySpan(m.start(), m.end(), kind, 1.0, "declared"))
            kept = [s for s in found if not any(d.start < s.end and s.start < d.end for d in declared)]
            out.append(sorted(kept + declared, key=lambda s: s.start))
        return out

    def declared_name(self, text: str) -> str | None:
        hit = self.canonical.get(fold(re.sub(r"['’]s$", "", text)))
        return hit[0] if hit else None


def write_fix(path: Path, fix: Fix) -> None:
    """Add ``fix`` to the config file at ``path``, keeping everything else in it as it was written.

    - The file is held (``config_lock``) while it is read, changed and replaced: brief processes
      saving fixes at once take turns, and each adds its fix to what the others wrote.
    - It is parsed and written back by tomlkit (comments, order and spacing kept), the fix written as
      the file already writes that table: ``[[merge]]`` tables, or an inline ``merge = [{...}]``.
    - The text to be written is parsed again and must say what the file said plus the fix, or
      nothing is written (``ConfigError``); a file brief cannot read (not TOML, not UTF-8, a wrong
      value) is left as it is, and so is a read-only one (``PermissionError``).
    - It goes through a temporary file renamed over it, so an interrupted write leaves the old file
      whole; a link (to a dotfiles repository) stays a link, and the file it names is written.
    """
    target = Path(os.path.realpath(path))
    with config_lock(path):
        try:
            raw = target.read_bytes()
        except FileNotFoundError:
            raw = None
        if raw is not None and not target.stat().st_mode & 0o222:
            raise PermissionError(errno.EACCES, "the file is read-only: brief leaves it as it is", str(path))
        before = checked(path, parsed(path, raw)) if raw is not None else Settings()
        if _holds(before, fix):
            return
        text = _added(path, raw.decode("utf-8") if raw is not None else "", fix)
        try:
            after = checked(path, parsed(path, text.encode("utf-8")))
        except ConfigError:
            after = None
        if after != _with(before, fix):
            raise ConfigError(f"{path}: brief could not add the fix without changing the rest of the file; "
                              f"add it by hand: [[{fix.table()[0]}]] {fix.table()[1]}")
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, text.encode("utf-8"))


def remove_fix(path: Path, fix: Fix) -> None:
    """Take ``fix`` out of the config file at ``path`` (``brief fixes --undo gN``), under the same lock and
    checks as ``write_fix``: the text written must say what the file said less that fix, or nothing is
    written (``ConfigError``); ``LookupError`` when the file no longer holds it (another process took it)."""
    target = Path(os.path.realpath(path))
    with config_lock(path):
        try:
            raw = target.read_bytes()
        except FileNotFoundError:
            raise LookupError(f"{path} holds no fix") from None
        if not target.stat().st_mode & 0o222:
            raise PermissionError(errno.EACCES, "the file is read-only: brief leaves it as it is", str(path))
        before = checked(path, parsed(path, raw))
        expected = _without(before, fix)
        if expected is None:
            raise LookupError(f"{path} no longer holds the fix: {fix.action} {fix.name}")
        text = _removed(path, raw.decode("utf-8"), fix)
        try:
            after = checked(path, parsed(path, text.encode("utf-8")))
        except ConfigError:
            after = None
        if after != expected:
            raise ConfigError(f"{path}: brief could not take the fix out without changing the rest of the file; "
                              "take it out by hand")
        replace_file(target, text.encode("utf-8"))


def _without(settings: Settings, fix: Fix) -> Settings | None:
    """``settings`` less the last entry that says ``fix`` (None: there is none)."""
    if fix.action == "ignore":
        names = list(settings.ignore)
        at = [i for i, n in enumerate(names) if fold(n) == fold(fix.name)]
        return replace(settings, ignore=tuple(names[:at[-1]] + names[at[-1] + 1:])) if at else None
    fixes = list(settings.fixes)
    at = [i for i, f in enumerate(fixes) if f == fix]
    return replace(settings, fixes=tuple(fixes[:at[-1]] + fixes[at[-1] + 1:])) if at else None


def _removed(path: Path, text: str, fix: Fix) -> str:
    """The text of the config file with the last entry saying ``fix`` taken out."""
    import tomlkit

    try:
        document = tomlkit.parse(text)
        if fix.action == "ignore":
            names = document["ignore"]
            at = [i for i, n in enumerate(names) if fold(str(n)) == fold(fix.name)]
            del names[at[-1]]
        else:
            table, keys = fix.table()
            tables = document[table]
            at = [i for i, e in enumerate(tables) if {k: str(e.get(k, "")) for k in keys} == keys
                  or (fix.action == "type" and str(e.get("name")) == fix.name
                      and str(e.get("type", "")).lower() == fix.value)]
            del tables[at[-1]]
            if not len(tables):
                del document[table]
        return tomlkit.dumps(document)
    except (KeyError, IndexError, ValueError) as err:
        raise ConfigError(f"{path}: brief could not take the fix out of this file ({err})") from err


def _holds(settings: Settings, fix: Fix) -> bool:
    """Whether the file's settings already say what ``fix`` says (another process saved it, or this one did)."""
    if fix.action == "ignore":
        return fold(fix.name) in {fold(n) for n in settings.ignore}
    if fix.action == "type":  # the last retype of a name is the one that counts
        last = [f for f in settings.fixes if f.action == "type" and f.name == fix.name][-1:]
        return last == [fix]
    return fix in settings.fixes


def _with(settings: Settings, fix: Fix) -> Settings:
    """``settings`` as the file says them once ``fix`` is added: an ignored name at the end of the
    list, another fix at the end of its table (retypes, merges, splits: ``Settings.fixes``' order)."""
    if fix.action == "ignore":
        return replace(settings, ignore=(*settings.ignore, one_line(fix.name)))
    order = [action for action, _key in FIX_TABLES.values()]
    return replace(settings, fixes=tuple(sorted((*settings.fixes, fix), key=lambda f: order.index(f.action))))


def _added(path: Path, text: str, fix: Fix) -> str:
    """The text of the config file with ``fix`` added, each table written as the file already writes it."""
    import tomlkit
    from tomlkit.items import AoT, Array

    try:
        document = tomlkit.parse(text)
        if fix.action == "ignore":
            names = document.get("ignore")
            if names is None:
                document["ignore"] = tomlkit.array()
                names = document["ignore"]
            names.append(fix.name)
        else:
            table, keys = fix.table()
            tables = document.get(table)
            if tables is None:
                tables = tomlkit.aot()
                if document.body:
                    document.add(tomlkit.nl())
                document.append(table, tables)
            if isinstance(tables, AoT):
                entry = tomlkit.table()
                entry.update(keys)
                entry.add(tomlkit.nl())
                tables.append(entry)
            elif isinstance(tables, Array):  # merge = [] or merge = [{name = ..., into = ...}]
                inline = tomlkit.inline_table()
                inline.update(keys)
                tables.append(inline)
            else:
                raise ValueError(f"{table} is not a list of tables")
        return tomlkit.dumps(document)
    except ValueError as err:  # tomlkit reads what tomllib read; should it not, nothing is written
        raise ConfigError(f"{path}: brief could not add the fix to this file ({err})") from err
