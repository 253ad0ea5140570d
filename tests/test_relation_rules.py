"""One test per relation rule entry, on invented text: each tie and deal says which entry made it.

The affiliation entries are ``affiliations.AFFILIATION_RULES`` (and the names given after them:
"title-alone", "article-company", "parent-of-unit", "title-list"); the deal entries are
``deals.DEAL_RULES``.
"""

from __future__ import annotations

import pytest
from tagging import spans_of

from brief.pipeline.extract import extract_figures
from brief.pipeline.relations import extract_relations
from brief.pipeline.relations.affiliations import AFFILIATION_RULES, RULE_NAMES


def ties(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = ()) -> list[tuple]:
    spans = spans_of(text, people, orgs)
    rel = extract_relations(text, spans, extract_figures(text))

    def name(i: int | None) -> str | None:
        return None if i is None else text[spans[i].start:spans[i].end]

    return [(name(a.person), a.role, name(a.organization), a.rule) for a in rel.affiliations]


AFFILIATIONS = [
    ("org-title-name", "Velmora CEO Jane Roe told a Quorvex conference that sales rose.",
     ("Jane Roe",), ("Velmora", "Quorvex"), ("Jane Roe", "CEO", "Velmora")),
    ("org-title-name", "Quorvex planetary scientist Jane Roe said the probe was ready.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "planetary scientist", "Quorvex")),
    ("org-title-name", "Quorvex president Jane Roe left early.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "president", "Quorvex")),
    ("org-title-name", "Quorvex mathematician Jane Roe was its first president.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "mathematician", "Quorvex")),
    ("its-title-name", "Velmora makes drones. The company's billionaire founder Jane Roe spoke on Monday.",
     ("Jane Roe",), ("Velmora",), ("Jane Roe", "founder", "Velmora")),
    ("bare-title-name", "Sales fell, and CEO Jane Roe of Velmora said more cuts were coming.",
     ("Jane Roe",), ("Velmora",), ("Jane Roe", "CEO", "Velmora")),
    ("org-name", "Velmora's Jane Roe disagreed.", ("Jane Roe",), ("Velmora",), ("Jane Roe", None, "Velmora")),
    ("owned-title-comma-name", "Velmora's chief executive, Jane Roe, disagreed.",
     ("Jane Roe",), ("Velmora",), ("Jane Roe", "CEO", "Velmora")),
    ("name-title-of-org", "Jane Roe, president of Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "president", "Quorvex")),
    ("name-title-of-org", "Jane Roe is the Founder, Chief Executive Officer and Director of Quorvex.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "founder, CEO and director", "Quorvex")),
    ("name-title-of-org", "Jane Roe, 56, chief design officer of Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "chief design officer", "Quorvex")),
    ("name-title-of-org", "Jane Roe (born 1961 in Harrowgate) is chairman of the Quorvex Foundation.",
     ("Jane Roe",), ("Quorvex Foundation",), ("Jane Roe", "chairman", "Quorvex Foundation")),
    ("org-title-name", "During the raid the Quorvex officer Jane Roe was hurt.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "officer", "Quorvex")),
    ("name-org-title", "Jane Roe, Quorvex's chief, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "chief", "Quorvex")),
    ("name-role-at-org", "“Nobody expected it,” said Jane Roe, a market analyst with the research firm Quorvex.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "market analyst", "Quorvex")),
    ("name-role-at-org", "said Jane Roe, senior currency trader and strategist at Quorvex Inc. on Friday.",
     ("Jane Roe",), ("Quorvex Inc.",), ("Jane Roe", "senior currency trader and strategist", "Quorvex Inc.")),
    ("name-role-at-org", "Jane Roe, now a staff scientist at Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "staff scientist", "Quorvex")),
    ("name-of-org", "Jane Roe of Quorvex disagreed.", ("Jane Roe",), ("Quorvex",), ("Jane Roe", None, "Quorvex")),
    ("name-verb-org", "Jane Roe, who heads Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "head", "Quorvex")),
    ("name-verb-org", "Jane Roe, who has run Quorvex since 2010, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "head", "Quorvex")),
    ("name-verb-org", "Jane Roe, who owns Quorvex, disagreed.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "owner", "Quorvex")),
    ("name-scored-for-org", "Jane Roe and John Doe also scored for the Quorvex, who won 4-1.",
     ("Jane Roe", "John Doe"), ("Quorvex",), ("John Doe", None, "Quorvex")),
    ("name-scored-for-org", "Jane Roe and John Doe also scored for the Quorvex, who won 4-1.",
     ("Jane Roe", "John Doe"), ("Quorvex",), ("Jane Roe", None, "Quorvex")),
    ("org-hired-name", "Quorvex hired Jane Roe as its general counsel.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "general counsel", "Quorvex")),
    # the organization mention holds its "the"; describing words before the organization
    ("name-title-of-org", "General Jane Roe, chairman of the Quorvex Council, said troops would stay.",
     ("Jane Roe",), ("the Quorvex Council",), ("Jane Roe", "chairman", "the Quorvex Council")),
    ("name-title-of-org", "Jane Roe (1901 - 1997) was an Arvellian engineer and politician for the Quorvex Party.",
     ("Jane Roe",), ("Quorvex Party",), ("Jane Roe", "engineer and politician", "Quorvex Party")),
    ("name-title-of-org", "Jane Roe is the chief executive of the toy maker Quorvex.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "CEO", "Quorvex")),
    # the first preposition an organization follows; "on" a council
    ("name-role-at-org", "said Jane Roe, Research Director for the Northern Region at Quorvex.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "Research Director for the Northern Region", "Quorvex")),
    ("name-role-at-org", "Jane Roe, a trade specialist on the Quorvex Council (QC), testified.",
     ("Jane Roe",), ("Quorvex Council",), ("Jane Roe", "trade specialist", "Quorvex Council")),
    # "another top", describing words before the title, a nationality before the organization
    ("name-org-title", "Jane Roe, another top Quorvex aide, testified.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "top aide", "Quorvex")),
    ("name-org-title", "Jane Roe, Quorvex public information officer, said the ads ran.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "public information officer", "Quorvex")),
    ("name-org-title", "Jane Roe is an Arvellian Quorvex Party politician.",
     ("Jane Roe",), ("Quorvex Party",), ("Jane Roe", "politician", "Quorvex Party")),
    ("name-title-of-org", "Jane Roe is a distinguished professor at the Quorvex Institute.",
     ("Jane Roe",), ("Quorvex Institute",), ("Jane Roe", "distinguished professor", "Quorvex Institute")),
    ("name-title-of-org", "Jane Roe currently serves as Project Executive of the Quorvex Trust.",
     ("Jane Roe",), ("Quorvex Trust",), ("Jane Roe", "executive", "Quorvex Trust")),
    ("name-title-of-org", "Jane Roe is an Arvellian politician representing the Quorvex Party.",
     ("Jane Roe",), ("Quorvex Party",), ("Jane Roe", "politician", "Quorvex Party")),
    ("org-named-name-title", "Quorvex has named Jane Roe its new chief executive, starting in May.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "CEO", "Quorvex")),
    ("org-named-name-title", "Last year Quorvex promoted Jane Roe to chief financial officer.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "CFO", "Quorvex")),
    ("joining-org-name", "Prior to joining Quorvex, Jane Roe was a partner at Velmora.",
     ("Jane Roe",), ("Quorvex", "Velmora"), ("Jane Roe", None, "Quorvex")),
    ("name-title-comma-org", "“We grew,” said Jane Roe, CEO & founder, Quorvex.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "CEO and founder", "Quorvex")),
    ("org-led-by-name", "Quorvex is led by Jane Roe, who joined in May.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "head", "Quorvex")),
    ("org-led-by-name", "Quorvex, which was co-founded in 2004 by Jane Roe, makes lamps.",
     ("Jane Roe",), ("Quorvex",), ("Jane Roe", "co-founder", "Quorvex")),
    ("name-scored-for-org", "Jane Roe rushed for 101 yards on 14 carries for Quorvex State and the win.",
     ("Jane Roe",), ("Quorvex State",), ("Jane Roe", None, "Quorvex State")),
    ("subject-title-name", "Quorvex Lights (Arvelle) makes lamps, the founders Jane Roe and John Doe are its "
     "designers.", ("Jane Roe", "John Doe"), ("Quorvex Lights",), ("Jane Roe", "founder", "Quorvex Lights")),
    ("position-code-name", "The Quorvex Hawks' game against the Velmora Wolves, by snaps.\n\nPos Player Plays\n"
     "LB Jane Roe 74 100% 7 tackles.\nCB John Doe 73 99% 6 tackles.", ("Jane Roe", "John Doe"),
     ("Quorvex Hawks", "Velmora Wolves"), ("John Doe", "cornerback", "Quorvex Hawks")),
    ("score-line-winner", "Quorvex 4, Velmora 1: Jane Roe scored twice. John Doe made 30 saves.",
     ("Jane Roe", "John Doe"), ("Quorvex", "Velmora"), ("John Doe", None, "Quorvex")),
    ("name-then-team-won", "Jane Roe threw for three touchdowns and ran for another and Quorvex State "
     "rolled past Velmora, 45-17.", ("Jane Roe",), ("Quorvex State", "Velmora"), ("Jane Roe", None, "Quorvex State")),
]


@pytest.mark.parametrize(("rule", "text", "people", "orgs", "tie"), AFFILIATIONS,
                         ids=[f"{r[0]}-{k}" for k, r in enumerate(AFFILIATIONS)])
def test_each_affiliation_rule_finds_its_phrase_and_says_so(rule, text, people, orgs, tie) -> None:
    assert (*tie, rule) in ties(text, people, orgs)


def test_every_affiliation_rule_has_a_test() -> None:
    tested = {r[0] for r in AFFILIATIONS} | {"title-alone", "article-company", "parent-of-unit", "title-list",
                                             "deal-owner", "teammate-in-sentence"}
    assert {r.name for r in AFFILIATION_RULES} <= tested and tested <= RULE_NAMES


def test_a_title_owned_by_a_name_that_is_no_organization_stays_unowned() -> None:
    # "Velmora" untagged: its CEO is not the article's company's, nor the conference organiser's
    text = ("Quorvex held its conference on Monday. Quorvex shares rose.\n"
            "Velmora CEO Jane Roe told a Quorvex conference that sales rose.")
    assert ties(text, ("Jane Roe",), ("Quorvex",)) == [("Jane Roe", "CEO", None, "title-alone")]


def test_a_bare_company_title_goes_to_the_articles_company() -> None:
    text = "Velmora cut jobs. Velmora's sales fell.\nCEO Jane Roe said more cuts were coming."
    assert ties(text, ("Jane Roe",), ("Velmora",)) == [("Jane Roe", "CEO", "Velmora", "article-company")]


def test_a_name_after_a_persons_title_is_no_ones_employer() -> None:
    # "Doe" mistyped as an organization and named most: the company's CEO is still not his
    text = ("Doe spoke first. Doe said the deal was fair. Velmora makes drones.\n"
            "The company's CEO Jane Roe met former President Doe on Friday, and Doe praised her.")
    found = ties(text, ("Jane Roe",), ("Doe", "Velmora"))
    assert found == [("Jane Roe", "CEO", "Velmora", "its-title-name")]


def test_a_unit_named_after_its_parent_ties_its_people_to_the_parent() -> None:
    text = "Amos Fitch, now heading Osprey Air Research Labs, starts in May. Osprey Air is pleased."
    found = ties(text, ("Amos Fitch",), ("Osprey Air Research Labs", "Osprey Air"))
    assert ("Amos Fitch", None, "Osprey Air", "parent-of-unit") in found


def test_a_firm_named_after_another_ties_its_people_to_it_alone() -> None:
    # "Osprey Air Cargo" is a firm of its own: the text states one tie
    text = "Amos Fitch, general manager of Osprey Air Cargo, starts in May. Osprey Air is pleased."
    found = ties(text, ("Amos Fitch",), ("Osprey Air Cargo", "Osprey Air"))
    assert [(p, o) for p, _, o, _ in found] == [("Amos Fitch", "Osprey Air Cargo")]


def test_the_players_of_a_score_line_who_play_for_the_loser_are_not_the_winners() -> None:
    text = ("Quorvex 4, Velmora 1: Jane Roe scored twice. Amos Fitch scored for Velmora and Ada Quill "
            "stopped 22 shots.")
    found = ties(text, ("Jane Roe", "Amos Fitch", "Ada Quill"), ("Quorvex", "Velmora"))
    # the goalkeeper named in the loser's sentence is the loser's (as news writes the losing side's line)
    assert [(p, o) for p, _, o, _ in found] == [("Jane Roe", "Quorvex"), ("Amos Fitch", "Velmora"),
                                                ("Ada Quill", "Velmora")]


def test_under_a_score_line_a_city_stands_for_the_team_the_paragraph_says_it_is() -> None:
    text = ("Wolves 4, Hawks 3: Jane Roe had two goals, and Harrowgate held on to beat Tarnby. John Doe also scored "
            "for Harrowgate. Ada Quill had a goal and an assist, and Amos Fitch scored for Tarnby, which lost.\n\n"
            "Lynx 2, Owls 1: Ivo Brand scored twice to lead St. Kell. Ona Vale scored for Dunmore.\n\n"
            "Bears 3, Elks 2: Nel Orr scored for Brixham.")
    people = ("Jane Roe", "John Doe", "Ada Quill", "Amos Fitch", "Ivo Brand", "Ona Vale", "Nel Orr")
    found = ties(text, people, ("Wolves", "Hawks", "Lynx", "Owls", "Bears", "Elks"))
    assert sorted((p, o) for p, _, o, _ in found) == [
        ("Ada Quill", "Hawks"), ("Amos Fitch", "Hawks"), ("Ivo Brand", "Lynx"), ("Jane Roe", "Wolves"),
        ("John Doe", "Wolves"), ("Ona Vale", "Owls")]  # Brixham: the paragraph does not say who won there


def test_a_city_that_won_is_no_team_to_tie_a_player_to() -> None:
    text = "Jane Roe scored twice and Harrowgate beat Tarnby."
    assert ties(text, ("Jane Roe",), ("Harrowgate", "Tarnby")) == []


def test_an_analyst_named_after_the_articles_company_follows_it_and_works_elsewhere() -> None:
    text = ("Quorvex shares fell. Quorvex sells phones.\nQuorvex analyst Jane Roe expects a cut, and "
            "Velmora analyst John Doe agrees.")
    found = ties(text, ("Jane Roe", "John Doe"), ("Quorvex", "Velmora"))
    assert [(p, o) for p, _, o, _ in found] == [("Jane Roe", None), ("John Doe", "Velmora")]


def test_the_first_word_of_a_title_mistyped_as_a_company_employs_no_one() -> None:
    text = ("Vice President Amos Fitch spoke. Vice President Fitch left. Vice President Fitch won.\n"
            "Former vice president Jane Roe said so.")
    found = ties(text, ("Jane Roe", "Amos Fitch", "Fitch"), ("Vice",))
    assert all(o is None for _, _, o, _ in found)


def test_a_bands_player_is_tied_to_the_band_the_article_is_about() -> None:
    text = "The Velmora Five sold out. The Velmora Five will tour with former frontman Jane Roe."
    assert ties(text, ("Jane Roe",), ("The Velmora Five",)) == [
        ("Jane Roe", "former frontman", "The Velmora Five", "article-company")]


def test_a_unit_named_in_a_title_before_at_and_its_organization_is_not_the_employer() -> None:
    text = "“We grew,” adds Jane Roe, General Manager of Field Care Services Nordic at Quorvex Health."
    found = ties(text, ("Jane Roe",), ("Field Care Services Nordic", "Quorvex Health"))
    assert [(p, o) for p, _, o, _ in found] == [("Jane Roe", "Quorvex Health")]


def test_a_title_after_the_in_a_sentence_about_two_organizations_is_no_ones() -> None:
    text = "Quorvex sued Velmora on Monday, the chief executive Jane Roe said. In May, the CEO John Doe left."
    found = ties(text, ("Jane Roe", "John Doe"), ("Quorvex", "Velmora"))
    assert [o for _, _, o, _ in found if o is not None] == []


def test_a_person_who_buys_a_company_or_a_stake_in_it_is_tied_to_it() -> None:
    text = ("Quorvex Records, which was bought by Jane Roe last year, signed a singer. "
            "John Doe bought a 20% stake in Velmora Labs. Velmora Labs bought Tarnby Audio.")
    found = ties(text, ("Jane Roe", "John Doe"), ("Quorvex Records", "Velmora Labs", "Tarnby Audio"))
    assert found == [("Jane Roe", "owner", "Quorvex Records", "deal-owner"),
                     ("John Doe", "shareholder", "Velmora Labs", "deal-owner")]


def test_the_players_of_a_sentence_that_names_one_team_play_for_it() -> None:
    text = ("Jane Roe had a goal and an assist, and John Doe also scored for the Quorvex Hawks, who won. "
            "Amos Fitch scored for the Velmora Wolves and Ada Quill stopped 22 shots against the Quorvex Hawks.")
    found = ties(text, ("Jane Roe", "John Doe", "Amos Fitch", "Ada Quill"), ("Quorvex Hawks", "Velmora Wolves"))
    assert [(p, o, r) for p, _, o, r in found] == [
        ("John Doe", "Quorvex Hawks", "name-scored-for-org"), ("Amos Fitch", "Velmora Wolves", "name-scored-for-org"),
        ("Jane Roe", "Quorvex Hawks", "teammate-in-sentence")]  # Quill's sentence names two teams: whose?


def test_a_capital_word_at_the_start_of_a_line_of_prose_is_no_position() -> None:
    text = "Quorvex Hawks won.\nS Jane Roe was not there.\nLB Amos Fitch\nUS Ada Quill 12 games."
    assert ties(text, ("Jane Roe", "Amos Fitch", "Ada Quill"), ("Quorvex Hawks",)) == []


def test_an_appositive_that_is_a_clause_is_no_role() -> None:
    text = "Jane Roe, who said she spoke at Quorvex, left. Jane Roe, a guest, waited for Quorvex staff."
    assert ties(text, ("Jane Roe",), ("Quorvex",)) == []


def test_a_possessive_then_a_phrase_is_no_title_owner() -> None:
    text = "Velmora staff spoke. They accused the Democrats of their hatred for President Jane Roe."
    assert ties(text, ("Jane Roe",), ("Velmora",)) == [("Jane Roe", "president", None, "title-alone")]


# --- deals ----------------------------------------------------------------------------------

from brief.pipeline.relations.deals import DEAL_RULES  # noqa: E402


def deals(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = (), headline: str = "") -> list[tuple]:
    spans = spans_of(text, people, orgs)
    figures = extract_figures(text)
    rel = extract_relations(text, spans, figures, headline, spans_of(headline, people, orgs))

    def name(i: int | None) -> str | None:
        return None if i is None else text[spans[i].start:spans[i].end]

    def fig(k: int | None) -> str | None:
        return None if k is None else text[figures[k].start:figures[k].end]

    return [(d.kind, name(d.buyer), name(d.target), fig(d.amount), fig(d.stake), d.rule) for d in rel.deals]


Q, V = "Quorvex", "Velmora"
DEALS = [
    ("acquired-by", "Velmora, which was bought out by a company owned by talent manager Jane Roe last year, grew.",
     ("Jane Roe",), ("acquisition", "Jane Roe", V, None, None)),
    ("which-bought", "Velmora, which Quorvex bought in 2021 for $1.2 billion, grew.", (),
     ("acquisition", Q, V, "$1.2 billion", None)),
    ("merge-pair", "Quorvex and Velmora agreed to merge.", (), ("merger", Q, V, None, None)),
    ("merger-of", "The merger of Quorvex and Velmora closed on Friday.", (), ("merger", Q, V, None, None)),
    ("merge-with", "Quorvex will merge with Velmora.", (), ("merger", Q, V, None, None)),
    ("partner-pair", "Quorvex and Velmora announced a strategic partnership.", (),
     ("partnership", Q, V, None, None)),
    ("partnership-between", "It expands the existing relationship between Quorvex and Velmora.", (),
     ("partnership", Q, V, None, None)),
    ("partner-with", "Quorvex is delighted with this expanded collaboration with Velmora.", (),
     ("partnership", Q, V, None, None)),
    ("owner-of", "Quorvex CEO Jane Roe is now the owner of Velmora after his $44 billion acquisition.",
     ("Jane Roe",), ("acquisition", "Jane Roe", V, "$44 billion", None)),
    ("inject-into", "Quorvex agreed to inject $6.5 billion into Velmora.", (),
     ("investment", Q, V, "$6.5 billion", None)),
    ("rescue-of", "Quorvex led a $900 million rescue of Velmora.", (), ("investment", Q, V, "$900 million", None)),
    ("share-of", "Quorvex agreed to acquire 51% of Velmora.", (), ("stake", Q, V, None, "51%")),
    ("stake-in", "Quorvex took a majority stake in Velmora in a deal worth $600 million.", (),
     ("stake", Q, V, "$600 million", None)),
    ("invest-in", "Quorvex invested $2.5 billion in Velmora.", (), ("investment", Q, V, "$2.5 billion", None)),
    ("investment-in", "Quorvex announced a $40 million investment in Velmora.", (),
     ("investment", Q, V, "$40 million", None)),
    ("investment-from", "Velmora won a $40 million investment from Quorvex.", (),
     ("investment", Q, V, "$40 million", None)),
    ("acquisition-of", "Quorvex completed its $4 billion acquisition of Velmora.", (),
     ("acquisition", Q, V, "$4 billion", None)),
    ("named-purchase", "Quorvex's $600 million Velmora purchase closed in May.", (),
     ("acquisition", Q, V, "$600 million", None)),
    ("buy", "Quorvex agreed to buy Velmora for $310 million.", (), ("acquisition", Q, V, "$310 million", None)),
    ("sold-to", "Tarnby sold Velmora to Quorvex for $90 million.", (), ("acquisition", Q, V, "$90 million", None)),
    ("sale-of-to", "Tarnby agreed the sale of Velmora to Quorvex.", (), ("acquisition", Q, V, None, None)),
    ("was-sold-to", "Velmora is being sold to Quorvex for $90 million.", (),
     ("acquisition", Q, V, "$90 million", None)),
    ("bid-for", "Quorvex launched a $3 billion tender offer for Velmora's shares.", (),
     ("acquisition", Q, V, "$3 billion", None)),
    ("pay-for", "Quorvex offered $54.20 a share, or $3 billion, for Velmora.", (),
     ("acquisition", Q, V, "$3 billion", None)),
    ("raised-led-by", "Velmora raised $40 million in a Series B round led by Quorvex.", (),
     ("funding", Q, V, "$40 million", None)),
    ("led-round-first", "In a round led by Quorvex, Velmora raised $20 million.", (),
     ("funding", Q, V, "$20 million", None)),
    ("funding-from", "Funding for Velmora comes from Quorvex, a large foundation.", (),
     ("funding", Q, V, None, None)),
    ("raised-from", "Velmora secured $5 million in seed funding from investors including Quorvex.", (),
     ("funding", Q, V, "$5 million", None)),
    ("grant-to", "Quorvex awarded a $5.1 million grant to Velmora to test new programs.", (),
     ("funding", Q, V, "$5.1 million", None)),
    ("gave-grant", "Quorvex gave Velmora a $2 million grant last year.", (), ("funding", Q, V, "$2 million", None)),
    ("backed-with", "Quorvex backed Velmora with $8 million.", (), ("investment", Q, V, "$8 million", None)),
    ("led-owned-round", "Quorvex led Velmora's $20 million Series B round.", (),
     ("funding", Q, V, "$20 million", None)),
    ("round-led-by", "Velmora said its seed round was led by Quorvex.", (), ("funding", Q, V, None, None)),
    ("led-round", "Quorvex led a $12 million round in Velmora.", (), ("funding", Q, V, "$12 million", None)),
]


@pytest.mark.parametrize(("rule", "text", "people", "deal"), DEALS, ids=[r[0] for r in DEALS])
def test_each_deal_rule_finds_its_shape_and_says_so(rule, text, people, deal) -> None:
    assert (*deal, rule) in deals(text, people, (Q, V, "Tarnby"))


def test_every_deal_rule_has_a_test() -> None:
    assert [r.name for r in DEAL_RULES] == [r[0] for r in DEALS]


def test_a_price_per_share_is_never_the_deal_value() -> None:
    text = "Quorvex agreed to pay $54.20 a share for Velmora. Tarnby bought Pellow Dairy at $12 per share."
    assert deals(text, orgs=(Q, V, "Tarnby", "Pellow Dairy")) == [
        ("acquisition", Q, V, None, None, "pay-for"), ("acquisition", "Tarnby", "Pellow Dairy", None, None, "buy")]


def test_the_new_owner_after_an_acquisition_is_the_buyer_not_his_company() -> None:
    text = "Velmora CEO Jane Roe is now the owner of Quorvex after his $44 billion acquisition."
    assert [d[:3] for d in deals(text, ("Jane Roe",), (Q, V))] == [("acquisition", "Jane Roe", Q)]


def test_one_deal_whose_side_is_named_short_and_in_full_is_one_deal_under_the_full_name() -> None:
    text = ("The partnership between Velmora and Quorvex grows. Velmora Health said it was glad of the "
            "collaboration with Quorvex. Tarnby and Quorvex Labs formed a partnership.")
    found = deals(text, ("Jane Roe",), ("Velmora", "Velmora Health", Q, "Tarnby", "Quorvex Labs"))
    assert [d[:3] for d in found] == [("partnership", "Velmora Health", Q), ("partnership", "Tarnby", "Quorvex Labs")]


@pytest.mark.parametrize(("text", "found"), [
    ("Velmora agreed to be acquired by Quorvex.", [("acquisition", Q, V)]),
    ("Quorvex will buy Velmora's drone unit.", []),  # a part of Velmora's, not Velmora
    ("Quorvex backed Velmora's plan to expand.", []),  # support, not money
    ("Velmora received approval from Quorvex.", []),  # no money, no funding
])
def test_what_is_a_deal_and_what_is_not(text: str, found: list[tuple]) -> None:
    assert [d[:3] for d in deals(text, orgs=(Q, V))] == found


def test_a_stake_takes_the_money_paid_for_it() -> None:
    assert deals("Tarnby paid $5 million for a 10% stake in Velmora.", orgs=(V, "Tarnby")) == [
        ("stake", "Tarnby", V, "$5 million", "10%", "stake-in")]


def test_a_partnership_announced_in_the_headline_whose_sides_the_body_names() -> None:
    body = "Velmora Systems will build batteries in Ohio. Quorvex will supply the cells, the company said."
    found = deals(body, orgs=("Velmora Systems", "Velmora", Q), headline="Velmora, Quorvex Team Up On Batteries")
    assert [(d[0], {d[1], d[2]}, d[5]) for d in found] == [
        ("partnership", {"Velmora Systems", Q}, "headline:partner-pair")]
    # a pair the body already has a deal between takes no other from the headline
    invested = "Quorvex agreed to invest $120 million in Velmora Systems on Monday."
    assert [d[0] for d in deals(invested, orgs=("Velmora Systems", "Velmora", Q),
                                  headline="Quorvex buys a stake in Velmora")] == ["investment"]
    # a headline party the body never names makes no deal
    assert deals(body, orgs=("Velmora Systems", "Velmora", Q, "Tarnby"), headline="Tarnby, Quorvex Team Up") == []


def test_a_player_is_tied_only_to_the_team_right_after_for() -> None:
    text = "Jane Roe stopped 30 shots for his eighth win as Quorvex beat Velmora."
    assert ties(text, ("Jane Roe",), ("Quorvex", "Velmora")) == []


# --- the rule kept in the index and the export -----------------------------------------------

NEWS = """---
title: Quorvex to invest in Velmora
date: 2025-03-02
---

Quorvex agreed to invest $120 million in Velmora, the robotics startup, on Monday. Ada Okafor, chief \
executive of Quorvex, said the deal would close in May.

"We expect the robots to pay for themselves," Okafor said.
"""


QUOTE_SPEAKER, QUOTE_RULE = "per-ada-okafor", "name-said:name"  # "...," Okafor said.


def _corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "wire.md").write_text(NEWS, encoding="utf-8")
    return folder


def test_the_json_export_says_which_rule_found_each_tie_and_deal(tmp_path) -> None:
    import json

    from brief.cli import main

    out = tmp_path / "out.json"
    assert main(["export", "--no-cache", "--format", "json", "-o", str(out), str(_corpus(tmp_path))]) == 0
    article = json.loads(out.read_text(encoding="utf-8"))["articles"][0]
    assert [(x["role"], x["rule"]) for x in article["affiliations"]] == [("CEO", "name-title-of-org")]
    assert [(d["kind"], d["rule"]) for d in article["deals"]] == [("investment", "invest-in")]
    assert [(q["speaker"], q["rule"]) for q in article["quotes"]] == [(QUOTE_SPEAKER, QUOTE_RULE)]


def _reopened(tmp_path, sql: str):
    """The sample indexed, ``sql`` run on the index file (as an older brief left it), then indexed again."""
    import sqlite3

    from brief.pipeline.index.library import Library

    corpus = _corpus(tmp_path)
    lib = Library([corpus], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    path = lib.path
    lib.close()
    with sqlite3.connect(path) as db:
        db.executescript(sql)
    again = Library([corpus], cache_dir=tmp_path / "cache")
    again.update(workers=1)
    article = again.briefing().articles[0]
    again.close()
    return article


def test_an_index_of_schema_4_finds_its_relations_anew_with_their_rules(tmp_path) -> None:
    # as brief before this change left it: no rule column
    article = _reopened(tmp_path, "ALTER TABLE affiliations DROP COLUMN rule; ALTER TABLE deals DROP COLUMN rule;"
                                  "ALTER TABLE quotes DROP COLUMN rule;"
                                  "UPDATE meta SET value = '4' WHERE key = 'schema_version';")
    assert [(x.role, x.rule) for x in article.affiliations] == [("CEO", "name-title-of-org")]
    assert [d.rule for d in article.deals] == ["invest-in"]
    assert [q.rule for q in article.quotes] == [QUOTE_RULE]


def test_an_index_of_version_5_made_before_quotes_kept_their_rule_is_rebuilt(tmp_path) -> None:
    # schema 5 as the unreleased brief before this change wrote it
    article = _reopened(tmp_path, "ALTER TABLE quotes DROP COLUMN rule;")
    assert [q.rule for q in article.quotes] == [QUOTE_RULE]


def test_a_plural_title_in_front_of_a_list_goes_to_each_name() -> None:
    text = "Velmora co-founders Jane Roe, Amos Fitch and John Doe spoke. Velmora CEO Ada Quill and Tom Reyes left."
    found = ties(text, ("Jane Roe", "Amos Fitch", "John Doe", "Ada Quill", "Tom Reyes"), ("Velmora",))
    assert found == [("Jane Roe", "co-founder", "Velmora", "org-title-name"),
                     ("Amos Fitch", "co-founder", "Velmora", "title-list"),
                     ("John Doe", "co-founder", "Velmora", "title-list"),
                     ("Ada Quill", "CEO", "Velmora", "org-title-name")]  # a singular title is one person's


def test_a_bare_plural_title_is_not_given_to_the_articles_company() -> None:
    text = "Velmora sells lamps. Velmora grows.\nThe founders Jane Roe and John Doe run a studio."
    assert ties(text, ("Jane Roe", "John Doe"), ("Velmora",)) == [
        ("Jane Roe", "founder", None, "title-alone"), ("John Doe", "founder", None, "title-list")]


def test_a_bands_founding_members_are_tied_to_the_band_the_article_is_about() -> None:
    text = ("The Velmora Five sold out. The Velmora Five will tour.\nTo mark the band's birthday, founding members "
            "Jane Roe, John Doe and Amos Fitch will reunite, with singer-keyboardist Ada Quill.")
    found = ties(text, ("Jane Roe", "John Doe", "Amos Fitch", "Ada Quill"), ("The Velmora Five",))
    assert [(p, o) for p, _, o, _ in found] == [(p, "The Velmora Five")
                                                for p in ("Jane Roe", "John Doe", "Amos Fitch", "Ada Quill")]


def test_the_companys_founder_is_no_one_named_sentences_before() -> None:
    # the company of the sentence is untagged: neither the council two sentences back nor the article's
    text = ("Jane Roe met the Quorvex Council. The landers were approved, the Quorvex Council said. Both fly soon. "
            "One is the Harrow lander, which the company's billionaire founder Amos Fitch showed in May.")
    found = ties(text, ("Jane Roe", "Amos Fitch"), ("the Quorvex Council",))
    assert found == [("Amos Fitch", "founder", None, "title-alone")]


def test_a_name_an_organization_names_with_no_title_is_no_tie() -> None:
    text = "The suit Quorvex filed named Jane Roe and two others."
    assert ties(text, ("Jane Roe",), ("Quorvex",)) == []


@pytest.mark.parametrize("verb", ["offers", "is offering", "bids", "is bidding"])
def test_every_form_a_deal_rule_reads_lets_its_sentence_be_read(verb: str) -> None:
    """A sentence is read further only when it holds one of the deal words: each rule's own words are among
    them, so a form its pattern takes ('offers', 'bids') is never passed over."""
    text = f"Quorvex {verb} $54.20 a share, or $3 billion, for Velmora."
    assert ("acquisition", Q, V, "$3 billion", None, "pay-for") in deals(text, orgs=(Q, V))
