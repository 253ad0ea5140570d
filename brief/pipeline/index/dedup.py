"""Near-duplicate stories: a bottom-k MinHash sketch of word trigrams.

A sketch is the ``SKETCH`` smallest CRC32 hashes of a text's word trigrams; comparing two
sketches estimates the Jaccard overlap of the texts. A wire copy under another headline or a
lightly edited repost overlaps by 0.8 or more; distinct articles almost never pass 0.2. Texts
that share one of their ``KEYS`` smallest hashes are the candidates, found by indexed lookup.
"""

from __future__ import annotations

import heapq
import re
import zlib
from array import array

SKETCH = 32
KEYS = 4
SAME_STORY = 0.6
_WORD = re.compile(r"\w+")


def sketch(text: str) -> bytes:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}
    smallest = heapq.nsmallest(SKETCH, {zlib.crc32(s.encode()) for s in shingles})
    return array("I", smallest).tobytes()


def values(data: bytes) -> list[int]:
    return array("I", data).tolist()


def keys(data: bytes) -> list[int]:
    return values(data)[:KEYS]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard overlap of the two texts the sketches were made from."""
    sa, sb = set(values(a)), set(values(b))
    union = heapq.nsmallest(SKETCH, sa | sb)
    return sum(1 for h in union if h in sa and h in sb) / len(union) if union else 0.0
