"""Ingest: make sense of the raw text of saved articles (finding and opening files is ``sources.targets``).

Saved articles are rarely clean: a title (or none, when the file starts with prose), a
standfirst, a repeated title, a byline, section headings, then a tail of newsletter and
advertising blocks, a bare domain naming the publisher, a line of hashtags. ``parse`` turns
that into metadata and a clean body with general rules; nothing here knows any one site.
The raw text is kept by the caller, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brief.pipeline.dates import iso_date
from brief.pipeline.output import NOT_AN_ARTICLE, is_briefing
from brief.pipeline.text import ESCAPES as escapes
from brief.pipeline.text import clean, one_line, sentences, shorten

MAX_BYTES = 10 * 1024 * 1024  # a news article is rarely 1 MB; beyond this it is not one


@dataclass
class Parsed:
    """What ``parse`` found in one article's text."""

    title: str
    body: str
    title_derived: bool = False
    standfirst: str = ""
    author: str | None = None
    source: str | None = None
    published: str | None = None
    """ISO 8601 (``brief.pipeline.dates.iso_date``); ``None`` when the text gives no whole date."""
    published_text: str | None = None
    """The date as the article wrote it ("January 1, 2020", "yesterday"), for display when it is no date."""
    headings: list[tuple[int, int]] = field(default_factory=list)


# --- decoding -------------------------------------------------------------------------------


_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")


def decode_text(data: bytes) -> str:
    """The text of a file's bytes; raises ``ValueError`` with a reason for bad input.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such, UTF-16/32 without one
    by where their zero bytes fall; anything else is detected by charset-normalizer (Latin-1,
    Windows-1252, Shift-JIS, ...). The file itself is read by
    ``brief.pipeline.sources.targets.read_regular``, which opens only regular files.
    """
    if data.startswith(_BINARY_MAGIC):
        raise ValueError("binary file, not text")
    text = _decode(data)
    if text is None:
        raise ValueError("binary file, not text")
    if not text.strip():
        raise ValueError("empty file")
    if is_briefing(text):  # written by `brief export` into the folder it read: not one more article
        raise ValueError(NOT_AN_ARTICLE)
    return text


def _decode(data: bytes) -> str | None:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    text = _utf_without_bom(data) if b"\x00" in data[:4096] else None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            matches = from_bytes(data[:200_000])
            best = matches.best()
            if best is None or best.encoding is None:
                return None
            encoding = best.encoding
            # Short texts fit several Latin code pages equally well: take windows-1252, the web's default.
            if any(m.encoding == "cp1252" and (m.chaos, m.coherence) == (best.chaos, best.coherence)
                   for m in matches):
                encoding = "cp1252"
            text = data.decode(encoding, errors="replace")
    # Text with stray controls or escape sequences is text (clean() removes them); a sample that
    # is mostly control characters is bytes that decoded by accident.
    sample = escapes.sub("", text[:4096])
    controls = sum(1 for c in sample if c < " " and c not in "\n\r\t\f\v")
    return None if controls > max(16, len(sample) * 3 // 10) else text


# (codec, code unit width, the byte of each unit that is zero for Latin text)
_BOMLESS = (("utf-32-le", 4, 3), ("utf-32-be", 4, 0), ("utf-16-le", 2, 1), ("utf-16-be", 2, 0))


def _utf_without_bom(data: bytes) -> str | None:
    """UTF-16/32 text saved without a BOM, which would pass for UTF-8 full of NULs (so for binary).

    Text in them has a zero byte at the same place of many code units (every one for Latin text,
    its spaces and digits for Cyrillic or Greek); the codec is taken when the whole file decodes
    strictly and its start is printable text (bytes that decode by accident are not).
    """
    sample = data[:4096]
    for codec, width, zero in _BOMLESS:
        units = len(sample) // width
        if len(data) % width or not units or sample[zero::width].count(0) * 8 < units:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        head = text[:2048]
        if sum(1 for c in head if not c.isprintable() and c not in "\n\r\t") * 100 <= len(head):
            return text
    return None


# --- parsing one article -----------------------------------------------------------------------

_BYLINE = re.compile(r"^(?:written\s+by|words\s+by|reporting\s+by|by)[:\s]+(.{2,80})$", re.IGNORECASE)
_LABELLED = re.compile(r"^(source|publisher|author|date|published|updated)\s*:\s*(.+)$", re.IGNORECASE)
_DOMAIN = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|net|org|co|io|news|info|biz|uk|de|fr|ai|tv|me|us|ca|au))\b",
                     re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?" + _DOMAIN.pattern[2:-2] + r"/?$", re.IGNORECASE)
_HASHTAGS = re.compile(r"^(?:#\w+\s*){2,}$")
_BOILERPLATE = re.compile(
    r"\b(?:subscribe|subscription|newsletter|advertis\w*|sign(?:ing)?\s+up|media\s+kit|terms\s+of\s+service"
    r"|privacy\s+policy|cookie|notice\s+an\s+error|inbox|follow\s+us|share\s+this|all\s+rights\s+reserved"
    r"|read\s+more|related\s+(?:articles|stories)|affiliate|unsubscribe)\b|©",
    re.IGNORECASE,
)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})\b"
    rf"|\b((?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}},?\s+\d{{4}})\b"
    rf"|\b(\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\.?\s+\d{{4}})\b",
    re.IGNORECASE,
)
_TERMINAL = tuple('.!?:;,"”’)')


def _words(line: str) -> list[str]:
    return line.split()


def _is_title_like(line: str) -> bool:
    words = _words(line)
    if not words or len(words) > 25:
        return False
    if line.isupper():
        return True
    return not line.rstrip().endswith(".") or len(words) <= 12


def _is_heading(line: str) -> bool:
    """A short line in Title Case without closing punctuation: a section heading."""
    words = _words(line)
    if not 2 <= len(words) <= 12 or len(line) > 90 or line.rstrip().endswith(_TERMINAL) or line.count(",") > 1:
        return False
    if not words[0][:1].isupper():
        return False
    content = [w for w in words if len(w) > 3]
    capitalised = sum(w[:1].isupper() for w in content)
    return bool(content) and capitalised / len(content) >= 0.6


def _same(a: str, b: str) -> bool:
    key = re.compile(r"\W+")
    return key.sub("", a.casefold()) == key.sub("", b.casefold())


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    return next((g for g in m.groups() if g), None) if m else None


def _dated(value: str) -> tuple[str | None, str]:
    """(ISO 8601, as written) of a date line's value: the whole value when it is a date (its time
    and zone kept), else the date written inside it ("Updated 5 March 2024, 10:00"), else none."""
    iso = iso_date(value)
    if iso is None and (inner := _date(value)):
        return iso_date(inner), inner
    return iso, value


def _paragraphs(text: str) -> list[str]:
    """Lines of a text as paragraphs; hard-wrapped lines of one block are joined."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        for ln in lines:
            if out and out[-1] is not None and _continues(out[-1], ln) and not ln.startswith("#"):
                out[-1] = f"{out[-1]} {ln}"
            else:
                out.append(ln)
        out.append(None)  # type: ignore[arg-type]  # block separator
    return [p for p in out if p is not None]


def _continues(prev: str, line: str) -> bool:
    """A hard-wrapped continuation: a long line stops mid-sentence and the next goes on in lowercase.

    Lines that start with a capital stay apart: in saved news a line is a paragraph, a heading
    or a list row far more often than the middle of a wrapped sentence.
    """
    return not prev.endswith(_TERMINAL) and len(prev) > 40 and line[:1].islower()


def _cased_name(stem: str, text: str) -> str | None:
    """The way a text writes a site's name, e.g. 'HarbourWire' for harbourwire.com."""
    for m in re.finditer(rf"(?<![\w.]){re.escape(stem)}(?![\w.])", text, re.IGNORECASE):
        word = m.group()
        if word != word.lower():
            return word
    return None


def _source(tail: list[str], raw: str) -> str | None:
    """The publisher, from a bare domain line or a footer that names the site."""
    stems: list[str] = []
    for line in tail:
        if _BARE_DOMAIN.match(line):
            stems.insert(0, _DOMAIN.search(line).group(1).lower())  # type: ignore[union-attr]
        else:
            stems.extend(d.lower() for d in _DOMAIN.findall(line))
    for domain in stems:
        stem = re.sub(r"^www\.", "", domain).split(".")[0]
        name = _cased_name(stem, raw)
        if name:
            return name
    return stems[0] if stems and any(_BARE_DOMAIN.match(t) for t in tail) else None


def _split_tail(paras: list[str]) -> tuple[list[str], list[str]]:
    """Body paragraphs and the trailing boilerplate (subscribe blocks, domains, hashtags).

    Reading up from the end, boilerplate is a run of marker paragraphs (newsletter, advertise,
    a bare domain, hashtags) in which at most two short paragraphs
    in a row may stand between markers; the cut is at the topmost marker.
    """
    cut = len(paras)
    between = 0
    for i in range(len(paras) - 1, 0, -1):
        p = paras[i]
        words = len(_words(p))
        if words <= 40 and (_BOILERPLATE.search(p) or _HASHTAGS.match(p) or _BARE_DOMAIN.match(p)):
            cut, between = i, 0
        elif words <= 12 and between < 2 and cut < len(paras):
            between += 1
        else:
            break
    return paras[:cut], paras[cut:]


def parse(raw: str) -> Parsed:
    """Metadata and a clean body from the raw text of a saved article."""
    text = clean(raw)
    meta: dict[str, str] = {}
    text = _front_matter(text, meta)
    paras = _paragraphs(text)
    if not paras:
        return Parsed(title="(untitled)", body="")

    title_derived = False
    first = paras[0]
    if first.startswith("#"):
        title, rest = first.lstrip("#").strip(), paras[1:]
    elif meta.get("title"):
        title, rest = meta["title"], paras
    elif _is_title_like(first) and len(paras) > 1:
        title, rest = first, paras[1:]
    else:
        s, e = (sentences(first) or [(0, len(first))])[0]
        title, rest, title_derived = shorten(first[s:e].rstrip("."), 12), paras, True

    author, source = meta.get("author"), meta.get("source")
    published, written = _dated(meta["date"]) if meta.get("date") else (None, None)
    # Front matter: a repeated title, a byline, labelled or dated lines among the first paragraphs.
    # Prose before the last of them (at most two paragraphs) is the standfirst.
    front: set[int] = set()
    for i, p in enumerate(rest[:8]):
        byline, labelled = _BYLINE.match(p), _LABELLED.match(p)
        if _same(p, title):
            front.add(i)
        elif byline and _looks_like_name(byline.group(1)):
            author = author or _author(byline.group(1))
            front.add(i)
        elif labelled:
            key, value = labelled.group(1).lower(), labelled.group(2).strip()
            if key in ("source", "publisher"):
                source = source or value
            elif key == "author":
                author = author or _author(value)
            elif not written:
                published, written = _dated(value)
            front.add(i)
        elif len(_words(p)) <= 6 and _date(p):
            if not written:
                published, written = _dated(p)
            front.add(i)
    header_end = max(front) + 1 if front else 0
    prose = [p for i, p in enumerate(rest[:header_end]) if i not in front]
    if len(prose) > 2 or title_derived:  # markers deep in the text: keep everything as body
        header_end, prose = min(front) + 1 if front and min(front) == 0 else 0, []
    standfirst = prose
    body_paras = rest[header_end:]
    body_paras, tail = _split_tail(body_paras)
    source = source or _source(tail, text)

    body, headings = _assemble(body_paras)
    return Parsed(
        title=one_line(title) or "(untitled)",
        title_derived=title_derived,
        standfirst=" ".join(standfirst),
        author=author,
        source=source,
        published=published,
        published_text=written,
        body=body,
        headings=headings,
    )


def _assemble(paras: list[str]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    pos = 0
    for i, p in enumerate(paras):
        if p.startswith("#"):
            p = p.lstrip("#").strip()
            heading = True
            if not p:  # a lone "#": nothing to show
                continue
        else:
            heading = 0 < i < len(paras) - 1 and _is_heading(p)
        if heading:
            headings.append((pos, pos + len(p)))
        parts.append(p)
        pos += len(p) + 2
    return "\n\n".join(parts), headings


def _looks_like_name(text: str) -> bool:
    """'Jane Doe' or 'Jane Doe, Reuters', not 'contrast, the company said.'"""
    words = re.split(r"\s*[,|•·]\s*|\s+[-–—]\s+", text.strip())[0].split()
    joiners = {"and", "de", "van", "von", "der", "da", "di", "la", "le", "bin", "al"}
    return 1 <= len(words) <= 6 and all(w[:1].isupper() or w in joiners for w in words)


def _author(name: str) -> str:
    """'Jane Doe, Reuters' -> 'Jane Doe'; 'Jane Doe and John Roe' stays whole."""
    name = re.split(r"\s*[,|•·]\s*|\s+[-–—]\s+", name.strip())[0]
    return one_line(name.strip(" .:"))


def _front_matter(text: str, meta: dict[str, str]) -> str:
    """Markdown front matter (``---`` key: value ``---``) read into ``meta`` and removed."""
    m = re.match(r"\A---\n(.*?)\n---\n", text, re.DOTALL)
    if not m:
        return text
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        value = value.strip().strip("\"'")
        if value:
            meta[{"published": "date", "publisher": "source"}.get(key.strip().lower(), key.strip().lower())] = value
    return text[m.end():]
