"""Near-duplicate stories: a MinHash signature of word trigrams, found again through LSH bands.

The signature is one-permutation MinHash: each trigram's CRC32 picks one of ``BINS`` bins and
competes for that bin's minimum, in one pass over the text. Equal bins between two signatures
estimate the Jaccard overlap of the two texts: a wire copy under another headline or a lightly
edited repost overlaps by 0.8 or more, distinct articles almost never by 0.1. The signature is
cut into bands of ``ROWS`` bins; two texts are candidates when one whole band is equal, which
for 0.8 overlap happens with probability 0.98 and for unrelated texts almost never, so the
lookup stays a handful of rows at 100,000 articles.
"""

from __future__ import annotations

import re
import zlib
from array import array

VERSION = "lsh-18x3"
BINS = 18
ROWS = 3
SAME_STORY = 0.7  # reposts overlap by 0.8 or more; the estimate errs by about 0.1
_EMPTY = 0xFFFFFFFF
_WORD = re.compile(r"\w+")


def sketch(text: str) -> bytes:
    words = _WORD.findall(text.casefold())
    signature = [_EMPTY] * BINS
    for shingle in {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}:
        h = zlib.crc32(shingle.encode())
        b, v = h % BINS, h // BINS
        if v < signature[b]:
            signature[b] = v
    filled = [v for v in signature if v != _EMPTY]
    if filled:  # densify: an empty bin borrows from the next filled one, the same way in every text
        for i in range(BINS):
            j = i
            while signature[j % BINS] == _EMPTY:
                j += 1
            signature[i] = signature[j % BINS] if signature[i] == _EMPTY else signature[i]
    return array("I", signature).tobytes()


def values(data: bytes) -> list[int]:
    return array("I", data).tolist()


def keys(data: bytes) -> list[int]:
    """One key per band: the band's number and its bins, hashed."""
    sig = values(data)
    return [b << 32 | zlib.crc32(array("I", sig[b * ROWS:(b + 1) * ROWS]).tobytes())
            for b in range(BINS // ROWS)]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard overlap of the two texts the signatures were made from."""
    sa, sb = values(a), values(b)
    if len(sa) != BINS or len(sb) != BINS:
        return 0.0
    return sum(x == y for x, y in zip(sa, sb, strict=True)) / BINS
