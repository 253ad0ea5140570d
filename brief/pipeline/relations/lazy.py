"""Regular expressions compiled when first used, not when their module is imported.

The relation rules hold about 160 large patterns (word lists made alternations) whose compiling took 0.24 s
of every process that imported them; one article uses a fifth of them. A re-open that finds one changed file
analyses it in the reader's own process, so that cost was most of what it added (issue 20). The object stands
for a ``re.Pattern``: on first use it compiles the pattern and keeps each method or attribute asked in its own
``__dict__``, so later calls cost what the compiled pattern's do.
"""

from __future__ import annotations

import re
from typing import Any, cast


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = pattern, flags

    def __getattr__(self, name: str) -> Any:  # only for names not yet in __dict__
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self._compiled(), name)
        self.__dict__[name] = value
        return value

    def _compiled(self) -> re.Pattern[str]:
        compiled: re.Pattern[str] | None = self.__dict__.get("_pattern")
        if compiled is None:
            compiled = self.__dict__["_pattern"] = re.compile(*self._source)
        return compiled

    def __repr__(self) -> str:
        return repr(self._compiled())


def lazy_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
