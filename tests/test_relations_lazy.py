"""The relation rules' patterns are compiled when first used (issue 20: a re-open analysing one changed file
paid for compiling all of them), and a lazily compiled pattern answers as the compiled one does."""

from __future__ import annotations

import re
import subprocess
import sys

from brief.pipeline.relations.lazy import lazy_regex


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    source = r"(?P<who>[A-Z]\w+)\s+(?:said|told)"
    text = "Velmora said it would. Then Quorvex told Jane Roe, and velmora said nothing."
    lazy, compiled = lazy_regex(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("X", text) == compiled.sub("X", text)
    assert lazy.search(text, 5).group("who") == compiled.search(text, 5).group("who")  # type: ignore[union-attr]
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)
    assert repr(lazy) == repr(compiled)


def test_importing_the_relation_rules_compiles_none_of_their_patterns() -> None:
    script = """
import sys
import brief.pipeline.relations
from brief.pipeline.relations.lazy import _Lazy
mods = [m for name, m in sys.modules.items() if name.startswith("brief.pipeline.relations.")]
lazy = [v for m in mods for v in vars(m).values() if isinstance(v, _Lazy)]
print(len(lazy), sum("_pattern" in vars(v) for v in lazy))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    held, compiled = map(int, out.split())
    assert held > 50, "the rules' patterns are made with lazy_regex"
    assert compiled == 0
