"""Context rules of the entity extractor: what the words around an untyped name say
("the startup X", "X spokesman", "X's Jane Doe", "X said", "X beat Y"), and lists whose
members share a type ("rivals like X, Y and Z").

``ContextMixin`` is mixed into the article pass in ``entities``; it reads ``self.fields`` and
``self.mentions`` (``[field, first token, end token, label, strength, sentence start]``).
"""

from __future__ import annotations

import re

from brief.pipeline.extract.lexicon import given_names, places
from brief.pipeline.extract.lexicon_en import (
    CORP_TAILS,
    MONTHS,
    ORG_NEXT,
    ORG_NOUNS,
    ORG_PARTNER_NOUNS,
    PERSON_VERBS,
    SPORTS_VERBS,
    TITLES,
)
from brief.pipeline.extract.ner_chunking import coordinated, is_placey, org_trigger
from brief.pipeline.extract.ner_rules import ORG, ORG_ROLES, PERSON, PLACE, STRONG, WEAK
from brief.pipeline.extract.ner_tokens import POSSESSIVES

SENT_END = frozenset(".!?:;…")
TYPES = (PERSON, ORG)
PERSON_NEXT = frozenset(("administration", "presidency", "regime", "era", "doctrine"))
_TITLE_MODIFIERS = frozenset("senior vice executive deputy former chief managing assistant general".split())
_PEOPLE_NEXT = frozenset("officials investors stocks shareholders executives employees workers analysts".split())
_FIRM_ONLY = frozenset(
    "shares stock shareholders stockholders subsidiary subsidiaries unit units headquarters chairman earnings".split()
)
_PAPERS = frozenset("journal times post herald tribune gazette examiner globe chronicle inquirer".split())
_STOCK_MOVES = frozenset(
    "rose fell jumped gained added slipped dropped declined eased climbed surged slid tumbled plunged advanced".split()
)
_INDEX_NOUNS = frozenset(("industrials", "average", "averages"))
# Words before "at" that say the name after it is an employer ("an analyst at X", "works at X").
_WORK = frozenset("""executive executives employee employees worker workers staff staffer staffers works worked
working job jobs career""".split())
# Words that open a sentence before "profit", "revenue", "sales": "Net profit fell", not a firm's.
_FIGURE_WORDS = frozenset("""net gross operating total annual quarterly adjusted core pretax underlying comparable
organic free average overall full record first second third fourth half""".split())
_PLACE_PREPOSITIONS = frozenset("in at from near of to".split())
_ANNOUNCES = frozenset("said says announced announces reports".split())  # "reported": the rule below
_APPOSITION_ENDS = frozenset("that which whose who based founded with said says".split())
_INVESTS = frozenset("invested invests acquired bought".split())
_STAFF = frozenset("""analysts economists strategists executives employees shareholders stockholders engineers
researchers bankers traders""".split())
_FIRM_PARTS = frozenset("""ceo cfo chairman founder co-founder shares stock stake subsidiary
executives employees shareholders""".split())
_CHIEFS = frozenset("executive financial operating technology technical product".split())
_DEALS = frozenset("invest buy acquire purchase".split())
_ROUNDS = frozenset("round rounds funding financing investment raise series seed".split())
_BOUGHT = frozenset("bought buy buys buying acquired acquire acquires acquiring purchased purchase".split())
_HELD = frozenset("shares stock stocks stake stakes shareholders shareholder holdings".split())
_MEDIA_STAFF = frozenset("""reporter reporters correspondent correspondents photographer photographers columnist
columnists cameraman""".split())
_KIN = frozenset("son daughter wife husband brother sister mother father uncle aunt nephew niece widow".split())
_WS = re.compile(r"\s+")
# US states; with the state abbreviations of the place lexicon ("N.Y.", "Calif.") they follow towns.
_STATES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
    washington wisconsin wyoming""".split()
) | frozenset(("new york", "new jersey", "new mexico", "new hampshire", "north carolina", "south carolina",
               "north dakota", "south dakota", "rhode island", "west virginia"))


def key(text: str) -> str:
    return _WS.sub(" ", text).casefold()


def _adverb_like(m: list, words: list[str], art) -> bool:
    if m[2] - m[1] != 1:
        return False
    w = words[m[1]].lower()
    return w.endswith("ly") or w in art.lower_vocab or w in _ADVERBS


_ADVERBS = frozenset("altogether worse better still instead meanwhile nonetheless nevertheless".split())


def _surname_like(ws: list[str]) -> bool:
    return all(w.isalpha() and w[1:].islower() for w in ws) and not is_placey(ws)


class ContextMixin:
    fields: list
    mentions: list[list]
    sports: bool
    lower_vocab: set[str]
    _starts: dict | None
    _ends: dict | None
    _by_last: dict | None

    def text_of(self, m: list) -> str:
        f = self.fields[m[0]]
        return f.text[f.starts[m[1]] : f.ends[m[2] - 1]]

    def context_label(self, m: list, idx: int) -> str | None:
        f = self.fields[m[0]]
        words = f.words
        a, b = m[1], m[2]
        n = len(words)
        prev = words[a - 1].lower() if a > 0 else ""
        nxt = words[b].lower() if b < n else ""
        if nxt == "-" and b + 1 < n and words[b + 1].islower():
            nxt = words[b + 1]  # "Exxon-owned"
        single = b - a == 1
        placey = is_placey(words[a:b])
        sent_start = m[5]
        if prev in ORG_NOUNS:
            return ORG
        if nxt in ("news", "newspaper", "agency", "daily") and not placey and not sent_start:
            return ORG  # "Interfax news agency", "the Yomiuri newspaper"
        if nxt in _MEDIA_STAFF and prev in ("a", "an", "the") and not placey:
            return ORG  # "a Reuters reporter", "an Axios correspondent": the outlet they write for
        if not placey and self.title_apposition(m):
            return PERSON  # "Ngozi Okonjo-Iweala, the WTO director-general, said"
        if self.org_apposition(m):
            return ORG  # "Databricks, the data analytics company,"
        if nxt in ("said", "says") and b + 1 < n and words[b + 1].lower() in ("it", "its") and not placey:
            return ORG  # "Apple said it would appeal": a person says "he" or "she"
        if single and nxt in PERSON_VERBS and (full := self.full_names_ending_with(m)):
            for x in full:
                if x[3] is None:
                    x[3], x[4] = PERSON, WEAK
            return PERSON  # "Bukayo Saka scored ... Saka said": the surname of a name given before
        if (
            single
            and nxt in _ANNOUNCES
            and not self.sports  # sports reports name players by surname alone: "Woods said"
            and not placey
            and prev not in _PLACE_PREPOSITIONS
            and words[a][1:].islower()
            and not self.common_plural(words[a].lower())
            and words[a].lower() not in given_names()
        ):
            return ORG  # "Stellantis said on Monday": a person is named in full before being "Filosa said"
        if nxt == "," and b + 2 < n and words[b + 1] == "whose" and words[b + 2].lower() in ORG_NEXT:
            return ORG  # "Snowflake, whose shares fell"
        if prev in ("a", "an") and (nxt in ORG_ROLES or nxt in _WORK) and not placey:
            return ORG  # "a Goldman Sachs analyst": nobody is "a Jane Doe analyst"
        if not placey and self.employer(m):
            return ORG  # "an analyst at Shearson Lehman Hutton", "analysts at Jefferies"
        if not placey and self.funds(m):
            return ORG  # "General Catalyst led the round", "a round led by Thrive Capital"
        if not placey and (self.traded(m) or prev in ("joined", "joins", "joining", "rejoined")):
            return ORG  # "bought AppDynamics", "shares of Apple", "joined Quill in 2019": people are not bought
        if single and nxt in _INVESTS and words[a].lower() not in given_names():
            return ORG  # "Google invested $300 million in Anthropic"
        if single and nxt in ("reported", "quoted") and not placey:
            return ORG  # "Interfax reported", "Itar-Tass quoted": an unknown single name that reports is a medium
        if single and prev == "the" and words[a].lower() in _PAPERS:
            return ORG  # "the Journal's editor", "the Times reported"
        if prev in TITLES and (not single or not sent_start) and not (words[a - 1].isupper() and words[a].isupper()):
            return PERSON
        if (
            nxt in ORG_NEXT
            and not placey
            and not (single and sent_start and (words[b] in _PEOPLE_NEXT or words[a].lower() in _FIGURE_WORDS))
        ):
            return ORG  # "Boeing shares"; not "Government officials", "Retail investors" opening a sentence
        if (
            nxt in _STOCK_MOVES
            and b + 1 < n
            and words[b + 1][0].isdigit()
            and not (single and sent_start)
            and words[b - 1].lower() not in ("average", "index")
            and not placey
        ):
            return ORG  # "Halliburton jumped 3 1/4 to 38": a company's shares
        if nxt in ("lost", "shed") and b + 2 < n and words[b + 1][0].isdigit() and words[b + 2] in ("%", "percent"):
            if not (single and sent_start) and not placey:
                return ORG  # "Hilton lost 20% on Friday"
        if nxt in _INDEX_NOUNS and not placey and not (single and sent_start):
            return ORG  # "the Dow Jones industrials": a stock average named after its publisher
        if nxt in _TITLE_MODIFIERS and not placey:
            e = b
            while e < n and e < b + 4 and words[e].lower() in _TITLE_MODIFIERS:
                e += 1
            if e < n and words[e].lower() in ORG_ROLES:
                return ORG  # "General Electric senior vice president Frank Doyle"
        if nxt in POSSESSIVES and b + 1 < n:
            nm = self.mention_at(m[0], b + 1)
            if nm is not None and nm[3] == PERSON:
                return ORG  # "DeepMind's Jack Rae"
            for w in words[b + 1 : b + 4]:
                lw = w.lower()
                if lw in ORG_NEXT or lw in ORG_PARTNER_NOUNS:
                    return ORG  # "X's shares", "X's GenAI unit", "X's investment"
                if w in SENT_END or w == ",":
                    break
        if a >= 2 and words[a - 1] == "with" and words[a - 2].lower() in ORG_PARTNER_NOUNS:
            return ORG
        if nxt == "administration" or nxt in PERSON_NEXT and not sent_start and _surname_like(words[a:b]):
            return PERSON  # "the Bush administration"
        if prev == "told" and single and not sent_start:
            return ORG  # "told Reuters": a person told would have been named in full before
        if nxt in PERSON_VERBS and 2 <= b - a <= 3 and words[b - 1].lower() not in CORP_TAILS:
            return PERSON
        if nxt == "," and b + 2 < n and words[b + 1][0].isdigit() and words[b + 2] == ",":
            return PERSON
        if self.sports and self.team_context(m):
            return ORG
        return None

    def apposed_aliases(self) -> None:
        """A name in parentheses right after an organisation is its short name or acronym:
        "Federal National Mortgage Association (Fannie Mae)"."""
        ends = {(m[0], m[2]): m for m in self.mentions if m[3] == ORG and m[4] >= STRONG}
        if not ends:
            return
        for m in self.mentions:
            words = self.fields[m[0]].words
            a, b = m[1], m[2]
            if a >= 2 and b < len(words) and words[a - 1] == "(" and words[b] == ")" and m[3] in (None, PERSON):
                if (m[0], a - 1) in ends:
                    m[3] = ORG
                    m[4] = STRONG

    def publishers(self) -> None:
        """A book's publisher in a review's parentheses: "(Kodansha, 320 pages, $18.95)", and a
        dateline's news agency: "Ankara, November 30 (Xinhua)"."""
        for m in self.mentions:
            words = self.fields[m[0]].words
            a, b = m[1], m[2]
            if (
                m[3] in (None, PERSON, PLACE)
                and a > 0
                and words[a - 1] == "("
                and b + 2 < len(words)
                and words[b] == ","
                and words[b + 1][0].isdigit()
                and words[b + 2] == "pages"
            ):
                m[3] = ORG
                m[4] = STRONG
            elif (
                m[3] in (None, PERSON, PLACE)
                and b - a == 1
                and a >= 3
                and words[a - 1] == "("
                and b < len(words)
                and words[b] == ")"
                and words[a - 2][0].isdigit()
                and words[a - 3].rstrip(".").lower() in MONTHS
            ):
                m[3] = ORG  # the agency of a dateline: "Ankara, November 30 (Xinhua)"
                m[4] = STRONG
            elif (
                m[3] in (None, PERSON, PLACE)
                and a >= 2
                and words[a - 1] == "("
                and b + 1 < len(words)
                and words[b] == ")"
                and words[b + 1] in ("-", "—", "–")
                and words[a - 2].isupper()
            ):
                m[3] = ORG  # a wire dateline: "TOKYO (Reuters) -"
                m[4] = STRONG

    def firms_named_after_people(self) -> None:
        """"Philip Morris added 1 3/4", "Fannie Mae's chairman": what only a company does makes a
        name that looks like a person's an organisation."""
        firms: set[str] = set()
        for m in self.mentions:
            if m[3] != PERSON or m[2] - m[1] < 2:
                continue
            words = self.fields[m[0]].words
            b, n = m[2], len(words)
            nxt = words[b].lower() if b < n else ""
            if words[b - 1].lower() in ("index", "average"):
                continue
            if (
                nxt in _STOCK_MOVES
                and b + 1 < n
                and words[b + 1][0].isdigit()
                and not self.sports
                or nxt in POSSESSIVES
                and b + 1 < n
                and words[b + 1].lower() in _FIRM_ONLY
                or self.employer(m)
                or nxt in _STAFF  # "Harlow Sachs economists said"
            ):
                firms.add(key(self.text_of(m)))
        if firms:
            for m in self.mentions:
                if m[3] == PERSON and key(self.text_of(m)) in firms:
                    m[3] = ORG

    def full_names_ending_with(self, m: list) -> list[list]:
        """The longer untyped or personal names of the article whose last word is this one-word name:
        "Bukayo Saka" for "Saka", though "Bukayo" is no known first name. Indexed once per article."""
        if self._by_last is None:
            self._by_last = {}
            for x in self.mentions:
                words = self.fields[x[0]].words[x[1] : x[2]]
                if len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words) \
                        and not is_placey(words[:1]):
                    self._by_last.setdefault(key(words[-1]), []).append(x)
        return [x for x in self._by_last.get(key(self.text_of(m)), ()) if x[3] in (None, PERSON)]

    def common_plural(self, low: str) -> bool:
        """"Analysts", "Traders", "Advocates" opening a sentence: people, not a name."""
        return low.endswith("s") and (low[:-1] in TITLES or low[:-1] in self.lower_vocab or low in self.lower_vocab)

    def apposition(self, m: list) -> tuple[str, bool] | None:
        """The head (last word) of an appositive after the name, and whether its words are all in
        lower case: ", the data analytics company," gives ("company", True); ", the WTO
        director-general," gives ("director-general", False)."""
        words = self.fields[m[0]].words
        b, n = m[2], len(words)
        if b + 2 >= n or words[b] != "," or words[b + 1].lower() not in ("the", "a", "an", "its", "their"):
            return None
        plain = True
        for j in range(b + 2, min(n, b + 8)):
            w = words[j]
            if w in (",", ".", ";", ")") or w.lower() in _APPOSITION_ENDS:
                return (words[j - 1].lower(), plain) if j > b + 2 else None
            plain = plain and (w[0].islower() or w == "-" or w[0].isdigit())  # "the iPhone maker" too
        return None

    def title_apposition(self, m: list) -> bool:
        """"X, the WTO director-general," / "X, a former finance minister.": a person's title."""
        found = self.apposition(m)
        if found is None:
            return False
        head = found[0]
        return head not in ORG_NOUNS and (head in TITLES or any(part in TITLES for part in head.split("-")))

    def org_apposition(self, m: list) -> bool:
        """"Databricks, the data analytics company," / "Quill, a startup that...": an organisation's noun."""
        found = self.apposition(m)
        return found is not None and found[1] and found[0] in ORG_NOUNS

    def place_as_firm(self, m: list) -> bool:
        """What only a company does, said of a word that is also a well-known place: "Amazon will
        invest", "Amazon's chief executive", "Amazon invested $300 million". Not "Beijing said it"
        or "Beijing's chief negotiator": a capital speaks for its government."""
        words = self.fields[m[0]].words
        b, n = m[2], len(words)
        nxt = words[b].lower() if b < n else ""
        after = [w.lower() for w in words[b + 1 : b + 3]]
        if nxt in POSSESSIVES:  # "Amazon's chief executive"; not "London's Stock Exchange"
            if not after or not words[b + 1].islower():
                return False
            return after[0] in _FIRM_PARTS or after[0] == "chief" and after[1:] and after[1] in _CHIEFS
        if nxt in ("will", "would", "plans", "agreed") and after and after[-1 if after[0] == "to" else 0] in _DEALS:
            return True
        return nxt in _INVESTS or self.traded(m)

    def traded(self, m: list) -> bool:
        """What is bought or held is a firm: "bought AppDynamics", "shares of Apple", "a stake in Quill"."""
        words = self.fields[m[0]].words
        a = m[1]
        return a >= 1 and words[a - 1].lower() in _BOUGHT or a >= 2 and words[a - 1] in ("of", "in") \
            and words[a - 2].lower() in _HELD

    def funds(self, m: list) -> bool:
        """Who leads or joins a funding round: "X led the round", "a round led by X"."""
        words = self.fields[m[0]].words
        a, b, n = m[1], m[2], len(words)
        if b < n and words[b].lower() in ("led", "co-led") and any(
                w.lower() in _ROUNDS for w in words[b + 1 : b + 4]):
            return True
        return a >= 2 and words[a - 1] == "by" and words[a - 2].lower() in ("led", "co-led") and any(
            w.lower() in _ROUNDS for w in words[max(0, a - 5) : a - 2])

    def employer(self, m: list) -> bool:
        """Where someone works: "a strategist at Merrill Lynch", "Mr. Minella of Merrill Lynch".

        A person is not worked at, and one person is not "of" another."""
        words = self.fields[m[0]].words
        a = m[1]
        if a < 2 or self.before_region(m):
            return False  # "Vargas of Marina del Rey, Calif.": a town
        if words[a - 1] == "at":
            for w in reversed(words[max(0, a - 6) : a - 1]):
                lw = w.lower()
                lw = lw[:-1] if lw.endswith("s") and lw[:-1] in TITLES else lw  # "analysts at"
                if lw in _WORK or lw in TITLES and lw not in _KIN:
                    return True
                if w in SENT_END or w == "," or w[0].isupper():
                    break
            return False
        if words[a - 1] == "of":
            before = self.mention_ending(m[0], a - 1)
            return before is not None and before[3] == PERSON
        return False

    def mention_ending(self, fi: int, tok: int) -> list | None:
        if self._ends is None:
            self._ends = {(x[0], x[2]): x for x in self.mentions}
        return self._ends.get((fi, tok))

    def before_region(self, m: list) -> bool:
        """Is the name followed by ", <US state or country>", as towns are ("Nesconset, N.Y.")?"""
        words = self.fields[m[0]].words
        b = m[2]
        if b + 1 >= len(words) or words[b] != "," or not words[b + 1][0].isupper():
            return False
        nxt = words[b + 1].lower()
        if nxt in _STATES or nxt[-1] == "." and nxt in places()[0]:
            return True
        return b + 2 < len(words) and f"{nxt} {words[b + 2].lower()}" in _STATES

    def team_context(self, m: list) -> bool:
        """In a sports report: "X beat Y", "X 2 Y 1", "against X", "X captain Z"."""
        words = self.fields[m[0]].words
        a, b = m[1], m[2]
        prev = words[a - 1].lower() if a > 0 else ""
        nxt = words[b].lower() if b < len(words) else ""
        if nxt in SPORTS_VERBS or prev in SPORTS_VERBS or nxt in ORG_ROLES:
            return True
        if nxt and nxt[0].isdigit():
            return b + 1 >= len(words) or words[b + 1] not in ("-", "–", "/") or words[b + 1] == "-"
        return False

    def mention_at(self, fi: int, tok: int) -> list | None:
        if self._starts is None:
            self._starts = {(m[0], m[1]): m for m in self.mentions}
        return self._starts.get((fi, tok))

    def lists(self) -> None:
        """Coordinated names share a type: "rivals like Vantor, Quillon, and Tessel"."""
        by_field: dict[int, list[list]] = {}
        for m in self.mentions:
            by_field.setdefault(m[0], []).append(m)
        for fi, ms in by_field.items():
            words = self.fields[fi].words
            groups: list[list[list]] = []
            cur: list[list] = []
            for m in ms:
                if cur and coordinated(words, cur[-1][2], m[1]):
                    cur.append(m)
                else:
                    if len(cur) > 1:
                        groups.append(cur)
                    cur = [m]
            if len(cur) > 1:
                groups.append(cur)
            countries = places()[1]
            firms = {key(self.text_of(x)) for x in self.mentions if x[3] == ORG}
            for g in groups:
                labels = {m[3] for m in g if m[3] in TYPES}
                if len(labels) == 1:
                    label = labels.pop()
                    for m in g:
                        if m[5] and m is g[0] and words[m[2]] == "," and _adverb_like(m, words, self):
                            continue  # "Separately, NBI said": a sentence adverb, not a list member
                        if label == PERSON and words[m[2] - 1].lower() in CORP_TAILS:
                            if m[3] is None:  # "General Electric and Adolph Coors"
                                m[3] = ORG
                                m[4] = WEAK
                            continue
                        if label == PERSON and m[3] is None and key(self.text_of(m)) in firms:
                            continue  # "Binance and Zhao" where "Binance said it" elsewhere: a firm
                        if m[3] is None or (
                            m[3] is PLACE and label == ORG and self.sports and key(self.text_of(m)) not in countries
                        ):
                            m[3] = label
                            m[4] = WEAK
            # Lists introduced by "such as"/"like"/"including" after a plural organisation noun.
            for m in ms:
                if m[3] is None and org_trigger(words, m[1]):
                    m[3] = ORG
                    m[4] = WEAK

