"""Names in one article, typed: the statistical tagger, a few named rules, and the article's own say.

1. Each field is cut into tokens and *regions* (``features.regions``: capitalised runs); the
   linear-chain tagger (``tagger``) types the names in them, each with its confidence.
2. The entries of ``rules.RULES`` (handles, tickers, indexes, photo credits, courtesy titles,
   common acronyms, venues, owners of people, publications, partners, a firm's staff, officers
   and verbs, kinds of firm, CamelCase firms, corporate tails) overrule or add to the model, in
   order, each naming itself as the source; lists of firms ("rivals like X, Y and Z") and pairs
   ("X and Y", each named alone) follow.
3. The article agrees with itself: one name gets one type (the one its mentions support most),
   a surname alone is the person named in full, and a name the article typed is typed wherever
   it stands again, in headlines too, whose capitals say nothing by themselves.
4. Spans are widened where news style wants it: surname particles ("von der Leyen"), the "the"
   of institutions ("the Federal Reserve"), hyphenated given names ("Kim Dae-jung").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from brief.pipeline.extract.evidence import weight
from brief.pipeline.extract.features import doc_cues, is_name_word, line_features, regions
from brief.pipeline.extract.lexicon import (
    CORP_TAILS,
    DEMONYMS,
    FUNCTION,
    LIST_TRIGGERS,
    MODIFIER_NOUNS,
    NAME_PARTICLES,
    NOT_NAME_TAILS,
    OFFICE_HOLDERS,
    OFFICE_WORDS,
    ORG_HEADS,
    POSITIONS,
    SENTENCE_ENDS,
    TITLES,
    given_names,
    places,
    well_known,
)
from brief.pipeline.extract.lines import TextField
from brief.pipeline.extract.rules import FINDERS, Context, Mention, apply_rules, instrument_code, source
from brief.pipeline.extract.spans import EntitySpan, Label
from brief.pipeline.extract.tagger import keeps_the, tag_regions
from brief.pipeline.extract.tokens import POSSESSIVES
from brief.pipeline.extract.version import ENTITIES as VERSION  # bump it there when the output changes

LABELS = {label.value: label for label in Label}
_LIST_GLUE = frozenset(((",",), ("and",), ("or",), (",", "and"), (",", "or"), ("&",)))
THE_MIN = 0.6  # chosen on the dev sets: include "the" when OntoNotes does at least this often
# A name in a headline written in capitals counts when the model is this sure of it (CoNLL's
# "JAPAN GET LUCKY WIN"); in a Title Case heading, only when the prose names it too.
HEADLINE_MIN = 0.98
HEADLINE_VOTE = 0.5
# In "X and Y" with no word that starts a list, a name typed a product with less than PAIR_UNSURE
# takes the type of a firm beside it typed with at least PAIR_SURE.
PAIR_SURE = 0.9
PAIR_UNSURE = 0.6
ONE_TYPE, ARTICLE_NAME, PUBLICATION, POSSESSOR, PLAYER, OFFICE, PORTFOLIOS = (
    source(n) for n in ("one-type", "article-name", "publication", "possessor", "player", "office-of", "portfolios"))


def key(text: str) -> str:
    """A name as the article compares it: case-folded, spaces collapsed, possessive dropped."""
    return " ".join(text.replace("’", "'").removesuffix("'s").split()).casefold()


def extract_entities(texts: Sequence[str]) -> list[list[EntitySpan]]:
    """The names in each text of one article (title first), typed, with confidence and source."""
    fields = [TextField(t if isinstance(t, str) else "", i == 0) for i, t in enumerate(texts)]
    try:
        return _Article(fields).run()
    except (RecursionError, MemoryError):  # pragma: no cover - pathological input only
        return [[] for _ in texts]


class _Article:
    __slots__ = ("fields", "ctx", "mentions", "headline_tokens", "regions", "_known")

    def __init__(self, fields: list[TextField]) -> None:
        self.fields = fields
        self.ctx = [Context(f.words, f.starts, f.ends) for f in fields]
        self.mentions: list[Mention] = []
        self.headline_tokens: list[set[int]] = []
        self.regions: list[list[tuple[int, int]]] = []

    def text(self, m: Mention) -> str:
        f = self.fields[m.field]
        return f.text[f.starts[m.a] : f.ends[m.b - 1]]

    def run(self) -> list[list[EntitySpan]]:
        lower_vocab = {w for f in self.fields for w in f.words if w.islower()}
        cues = doc_cues([f.words for f in self.fields])
        untagged: list[Mention] = []
        for fi, f in enumerate(self.fields):
            words = f.words
            if not words:
                self.headline_tokens.append(set())
                self.regions.append([])
                continue
            heads = {i for a0, b0, headline in f.lines if headline for i in range(a0, b0)}
            self.headline_tokens.append(heads)
            spans = [r for r in regions(words) if r[1] - r[0] <= 16]  # a longer run is a title or a table
            self.regions.append(spans)
            found = tag_regions(words, spans, line_features(words, lower_vocab), lower_vocab, cues=cues)
            covered: set[int] = set()
            for a, b, label, score in found:
                m = _trim(words, Mention(fi, a, b, label, score, "model"))
                if m is not None:
                    self.mentions.extend(_possessor(words, m))
                covered.update(range(a, b))
            untagged.extend(Mention(fi, a, b, None, 0.0, "") for a, b in _uncovered(words, spans, covered))
        for m in self.mentions:
            if m.label is not None:
                self.ctx[m.field].tagged[m.a] = m.label
        for m in self.mentions:
            apply_rules(self.ctx[m.field], m)
        for m in untagged:
            apply_rules(self.ctx[m.field], m, FINDERS)
            if m.label is not None:
                self.mentions.append(m)
        self.lists([m for m in untagged if m.label is None])
        self.headlines()
        self.split_pairs()
        self.agree()
        self.fill()
        self.offices()
        self.portfolios()
        return self.spans()

    # -- lists: "rivals like Quorvex, Zentrix and Plumora" ----------------------------------------
    def lists(self, untagged: list[Mention]) -> None:
        """Names listed with a firm ("X, Y and Z") are firms, when the model did not know them."""
        known_places = places()[0]
        items = sorted((m for m in self.mentions + untagged if m.label != "misc"), key=lambda m: (m.field, m.a))
        group: list[Mention] = []
        for m in [*items, None]:
            if m is not None and group and group[-1].field == m.field and \
                    tuple(self.fields[m.field].words[group[-1].b : m.a]) in _LIST_GLUE:
                group.append(m)
                continue
            firms = sum(g.label == Label.ORGANIZATION for g in group)
            if len(group) >= 2 and firms and self._listed(group[0]):
                # a person the model saw among more firms is one of them ("rivals like X, Y and Z")
                people = sum(g.label == Label.PERSON for g in group)
                firms += sum(g.label is None for g in group)
                for g in group:
                    if g.label is None or g.label == Label.PLACE and key(self.text(g)) not in known_places \
                            or g.label == Label.PERSON and g.source == "model" and firms > people:
                        g.label, g.score, g.source = Label.ORGANIZATION, 1.0, source("list")
                        if g in untagged:
                            self.mentions.append(g)
            elif len(group) >= 2 and any(g.label == Label.ORGANIZATION and g.score >= PAIR_SURE for g in group):
                # "Velmora and Quorvex": a product the model hesitated over beside a firm is a firm
                for g in group:
                    if g.source == "model" and g.label == Label.PRODUCT and g.score < PAIR_UNSURE:
                        g.label, g.score, g.source = Label.ORGANIZATION, 1.0, source("list")
            group = [m] if m is not None else []

    def _listed(self, m: Mention) -> bool:
        """Does a list start here: "rivals like X", "such as X", "including X"?"""
        words = self.fields[m.field].words
        return any(w.lower() in LIST_TRIGGERS for w in words[max(0, m.a - 2) : m.a])

    # -- headlines: names the prose confirms, or that the model is sure of ----------------------
    def headlines(self) -> None:
        prose = {key(self.text(m)) for m in self.mentions
                 if m.label is not None and m.a not in self.headline_tokens[m.field]}
        for m in self.mentions:
            if m.a in self.headline_tokens[m.field] and m.source == "model" and key(self.text(m)) not in prose:
                if m.score < HEADLINE_MIN or not self.text(m).isupper():
                    m.label = None

    # -- one name, one type ----------------------------------------------------------------------
    def split_pairs(self) -> None:
        """"Velmora and Quorvex" is two names when the article names each on its own."""
        alone = {key(self.text(m)) for m in self.mentions if m.label is not None}
        out: list[Mention] = []
        for m in self.mentions:
            words = self.fields[m.field].words
            cut = next((i for i in range(m.a + 1, m.b - 1) if words[i] == "and"), None)
            if m.label is not None and cut is not None and words[m.b - 1].lower() not in ORG_HEADS:
                left = Mention(m.field, m.a, cut, m.label, m.score, m.source)
                right = Mention(m.field, cut + 1, m.b, m.label, m.score, m.source)
                if key(self.text(left)) in alone or key(self.text(right)) in alone:
                    out += [left, right]
                    continue
            out.append(m)
        self.mentions = out

    def agree(self) -> None:
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for m in self.mentions:
            if m.label is not None:
                # a headline's capitals say less of a name than prose does: its mentions count half;
                # what the text says of a name ("Velmora Inc.") weighs more than the model's tags
                half = HEADLINE_VOTE if m.a in self.headline_tokens[m.field] else 1.0
                votes[key(self.text(m))][m.label] += weight(m.source, m.score) * half
        best = {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in votes.items()}
        # A surname alone, one word or several ("Leyen", "von der Leyen", "Eriksson Ek"), is the
        # person the article named in full.
        parts: dict[str, str] = {}
        for k, label in best.items():
            words = k.split(" ")
            if len(words) > 1 and label == Label.PERSON:
                for i in range(1, len(words)):
                    if words[i] not in NAME_PARTICLES:
                        parts.setdefault(" ".join(words[i:]), label)
            elif len(words) > 1 and label == Label.ORGANIZATION and words[-1] in CORP_TAILS:
                short = " ".join(words[:-1]).rstrip(",")  # "Velmora Technologies Inc.", "Orvane AI"
                if len(words) > 2 or _distinctive(short):
                    parts.setdefault(short, label)
        for m in self.mentions:
            if m.label is None or m.source != "model":
                continue
            k = key(self.text(m))
            label = parts.get(k, best[k])
            if label != m.label:
                m.label = label
                m.source = ONE_TYPE
        self._known = {**parts, **best}

    def fill(self) -> None:
        """A name the article typed is typed where it stands again untagged, headlines included."""
        known = {k: v for k, v in self._known.items() if v != "misc"}
        if not known:
            return
        by_first: dict[str, int] = {}  # first word -> most words of a known name starting with it
        for name in known:
            ws = name.split(" ")
            by_first[ws[0]] = max(by_first.get(ws[0], 0), len(ws))
        taken: list[set[int]] = [set() for _ in self.fields]
        for m in self.mentions:
            if m.label is not None:
                taken[m.field].update(range(m.a, m.b))
        for fi, f in enumerate(self.fields):
            words = f.words
            n = len(words)
            for k in [i for a, b in self.regions[fi] for i in range(a, b) if words[i].casefold() in by_first]:
                if k in taken[fi] or not words[k][0].isupper():
                    continue
                for length in range(min(by_first[words[k].casefold()], n - k), 0, -1):
                    if any(i in taken[fi] for i in range(k, k + length)):
                        continue
                    label = known.get(key(f.text[f.starts[k] : f.ends[k + length - 1]]))
                    if label is not None:
                        self.mentions.append(Mention(fi, k, k + length, label, 1.0, ARTICLE_NAME))
                        taken[fi].update(range(k, k + length))
                        break

    # -- offices: "the Velmont County Sheriff's Office" ----------------------------------------
    def offices(self) -> None:
        """An officer's office or department is one organization with its whole name ("the U.S.
        Attorney's Office for the Western District of Velmont", "Velmont County Sheriff's
        Department"), however the model cut it (a place, the officer, "Department" alone)."""
        for fi, f in enumerate(self.fields):
            w = f.words
            n = len(w)
            for i in range(1, n - 1):
                if not (w[i] in POSSESSIVES and w[i + 1] in ("Office", "Department")
                        and w[i - 1].lower() in OFFICE_HOLDERS and w[i - 1][:1].isupper()):
                    continue
                a = i - 1
                while a > 0 and w[a - 1][:1].isupper() and w[a - 1].lower() not in FUNCTION \
                        and w[a - 1] not in SENTENCE_ENDS and f.ends[a - 1] < f.starts[a]:
                    a -= 1
                b = i + 2
                if b + 2 < n and w[b] == "for" and w[b + 1] == "the" and w[b + 2][:1].isupper():
                    j = b + 2  # "... Office for the Western District of Velmont"
                    while j < n and (w[j][:1].isupper() or w[j] == "of" and j + 1 < n and w[j + 1][:1].isupper()):
                        j += 1
                    b = j
                self.mentions = [m for m in self.mentions if m.field != fi or m.b <= a or m.a >= b]
                self.mentions.append(Mention(fi, a, b, Label.ORGANIZATION, 1.0, OFFICE))

    def portfolios(self) -> None:
        """"the Ministry of Trade, Industry and Energy": a ministry's list of portfolios is one name,
        however the model cut it at the comma."""
        by_start = {(m.field, m.a): m for m in self.mentions if m.label is not None}
        for m in list(self.mentions):
            w = self.fields[m.field].words
            b = m.b
            if not (m.label == Label.ORGANIZATION and b - m.a >= 3 and w[b - 2] == "of" and b + 1 < len(w)
                    and w[b] == "," and w[b + 1][:1].isupper()):
                continue
            other = by_start.get((m.field, b + 1))
            j = other.b if other is not None else b + 1
            while other is None and j < len(w) and (w[j][:1].isupper() or w[j] in ("and", "&")):
                j += 1
            if "and" not in w[b + 1 : j] or w[j - 1] in ("and", "&") or j < len(w) and w[j][:1].isupper():
                continue
            self.mentions = [x for x in self.mentions if x is m or x.field != m.field or x.b <= b or x.a >= j]
            m.b, m.source = j, PORTFOLIOS

    # -- spans as news style writes them ---------------------------------------------------------
    def spans(self) -> list[list[EntitySpan]]:
        out: list[list[tuple[int, int, str, float, str]]] = [[] for _ in self.fields]
        for m in self.mentions:
            label = LABELS.get(m.label) if m.label else None
            if label is None:
                continue
            f = self.fields[m.field]
            words = f.words
            a, b = m.a, m.b
            if m.source == PUBLICATION:
                a -= 1  # "The Information"
            elif label == Label.PERSON:
                while a > 0 and words[a - 1] in NAME_PARTICLES and words[a - 1].islower() \
                        and (a < 2 or not words[a - 2][0].isupper()):
                    a -= 1  # "von der Leyen said": the particles start the surname
                if b + 1 < len(words) and words[b] == "-" and _hyphen_tail(f, b):
                    b += 2  # "Kim Dae-jung": the tokenizer cut a hyphenated given name
            elif label == Label.ORGANIZATION and a > 0 and words[a - 1] in ("the", "The") \
                    and not (b < len(words) and words[b] in MODIFIER_NOUNS) \
                    and keeps_the(f.text[f.starts[a] : f.ends[b - 1]]) >= THE_MIN:
                a -= 1  # "the Federal Reserve": as often as news style (OntoNotes) writes it so
            out[m.field].append((f.starts[a], f.ends[b - 1], label, round(m.score, 3), m.source))
        result: list[list[EntitySpan]] = []
        for spans in out:
            spans.sort(key=lambda s: (s[0], -s[1]))
            kept: list[EntitySpan] = []
            last = -1
            for s, e, kind, score, made_by in spans:
                if s >= last:
                    kept.append(EntitySpan(s, e, kind, score, made_by))
                    last = e
            result.append(kept)
        return result


def _distinctive(word: str) -> bool:
    """Can this word alone stand for a firm ("Orvane" for "Orvane AI"; not "General", "American")?"""
    return (len(word) > 2 and word not in FUNCTION and word not in TITLES and word not in DEMONYMS
            and word not in places()[0] and word not in given_names())


_NAME_PREFIX_WORDS = TITLES | OFFICE_WORDS
"""Words before a name that are no part of it ("Vice President Roe")."""


def _uncovered(words: list[str], spans: list[tuple[int, int]], covered: set[int]) -> list[tuple[int, int]]:
    """The runs of each region the model left untagged, without connectors at their ends: in
    "Velmora's Jane Roe", with the person tagged, "Velmora" is left for the rules."""
    out = []
    for a, b in spans:
        k = a
        while k < b:
            if k in covered:
                k += 1
                continue
            j = k
            while j < b and j not in covered:
                j += 1
            s, e = k, j
            while s < e and (not is_name_word(words[s]) or e - s > 1 and words[s].lower() in _NAME_PREFIX_WORDS):
                s += 1  # "Vice President Roe": the titles are no part of the name the rules may find
            while e > s and (not is_name_word(words[e - 1]) or e - s > 1 and words[e - 1].lower() in TITLES):
                e -= 1  # "Velmora CEO" before a person the model found: the title is no part of the firm
            if e > s:
                out.append((s, e))
            k = j
    return out


def _trim(words: list[str], m: Mention) -> Mention | None:
    """A well-known name the model cut short is whole again ("Oklahoma City" and "Thunder"), and
    what is no part of a tagged name comes off its ends: a playing position before a player
    ("CB Jane Roe", whom the position made look like a firm, is a person), a job title before "of"
    and a firm ("General Manager of Velmora Europe"), and a market data code
    after an instrument ("London Metal Exchange CMAL3"; one word left, "Brent LCOc1", names none)."""
    if m.b - m.a >= 3 and words[m.a] in POSITIONS and all(w[:1].isupper() for w in words[m.a + 1 : m.b]):
        return Mention(m.field, m.a + 1, m.b, Label.PERSON, 1.0, PLAYER)
    names = well_known()[0]
    for more in (2, 1):  # "Oklahoma City" + "Thunder": the model cut a well-known name short
        end = m.b + more
        if end <= len(words) and all(w[:1].isupper() for w in words[m.b : end]) \
                and " ".join(words[m.a : end]).casefold() in names:
            return Mention(m.field, m.a, end, m.label, m.score, m.source)
    of = next((i for i in range(m.a + 1, min(m.b - 1, m.a + 4)) if words[i] == "of"), None)
    if m.label == Label.ORGANIZATION and of is not None and all(w.lower() in OFFICE_WORDS for w in words[m.a : of]):
        return Mention(m.field, of + 1, m.b, m.label, m.score, m.source)  # "General Manager of Velmora Europe"
    if m.b - m.a >= 2 and instrument_code(words[m.b - 1]):
        return Mention(m.field, m.a, m.b - 1, m.label, m.score, m.source) if m.b - m.a > 2 else None
    return m


def _possessor(words: list[str], m: Mention) -> list[Mention]:
    """"Velmora's Jane Roe", "Quorvex's GenLab": a possessive inside a tagged run ends a name; the
    owner of a person named after it is an organization. "Moody's Investors Service" and
    "Church's Fried Chicken Inc." stay whole, but a place owns "London's Stock Exchange"."""
    last = words[m.b - 1].lower()
    for p in range(m.a + 1, m.b - 1):
        if words[p] not in POSSESSIVES:
            continue
        if " ".join(words[m.a : p]).lower() in places()[0]:  # "London's Stock Exchange": a place owns it
            owner = Mention(m.field, m.a, p, Label.PLACE, m.score, POSSESSOR)
        elif last not in ORG_HEADS and last not in CORP_TAILS:
            owner = Mention(m.field, m.a, p, m.label, m.score, m.source)
            if m.label == Label.PERSON:
                owner.label, owner.score, owner.source = Label.ORGANIZATION, 1.0, POSSESSOR
        else:
            continue
        return [owner, *_possessor(words, Mention(m.field, p + 1, m.b, m.label, m.score, m.source))]
    return [m]


def _hyphen_tail(f: TextField, b: int) -> bool:
    """Is "-xx" at token ``b`` the end of a hyphenated given name ("Song-ho"), glued on both sides?"""
    tail = f.words[b + 1]
    return (
        f.ends[b - 1] == f.starts[b]
        and f.ends[b] == f.starts[b + 1]
        and tail.isalpha()
        and tail.islower()
        and len(tail) <= 5
        and tail not in NOT_NAME_TAILS
        and (b + 2 >= len(f.words) or f.words[b + 2] != "-")
    )


__all__ = ["VERSION", "extract_entities"]
