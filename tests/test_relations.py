"""Quotes, affiliations and deals from invented news text (names and numbers made up).

The entity spans are the input of ``extract_relations``: most tests name them by hand so that a
test says what the relation rules do whatever the tagger decides; the last ones run the real
extractors, as the analysis does.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.pipeline.extract import EntitySpan, extract_entities, extract_figures
from brief.pipeline.relations import Relations, extract_relations


def run(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = (), places: tuple[str, ...] = ()
        ) -> tuple[Relations, list[EntitySpan]]:
    """Relations of ``text`` with every occurrence of the given names as a mention."""
    spans = []
    for names, label in ((people, "person"), (orgs, "organization"), (places, "place")):
        for name in names:
            found = re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
            spans += [EntitySpan(m.start(), m.end(), label) for m in found]
    spans.sort(key=lambda s: s.start)
    # a name inside a longer one ("Vantor" in "Vantor Labs") is not a mention of its own
    spans = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                          and (o.end - o.start) > (s.end - s.start) for o in spans)]
    return extract_relations(text, spans, extract_figures(text)), spans


def said(text: str, **names: tuple[str, ...]) -> list[tuple[str, str | None]]:
    rel, spans = run(text, **names)
    return [(q.text, None if q.speaker is None else text[spans[q.speaker].start:spans[q.speaker].end])
            for q in rel.quotes]


def ties(text: str, **names: tuple[str, ...]) -> list[tuple[str, str | None, str | None]]:
    rel, spans = run(text, **names)

    def name(i: int | None) -> str | None:
        return None if i is None else text[spans[i].start:spans[i].end]

    return [(name(a.person), a.role, name(a.organization)) for a in rel.affiliations]


def deals(text: str, **names: tuple[str, ...]) -> list[tuple]:
    rel, spans = run(text, **names)
    figures = extract_figures(text)

    def name(i: int | None) -> str | None:
        return None if i is None else text[spans[i].start:spans[i].end]

    def fig(k: int | None) -> str | None:
        return None if k is None else text[figures[k].start:figures[k].end]

    return [(d.kind, name(d.buyer), name(d.target), fig(d.amount), fig(d.stake)) for d in rel.deals]


# --- quotes ---------------------------------------------------------------------------------

def test_wire_style_quote_after_name_said() -> None:
    text = "“We will not sell the mill,” Dana Whitcombe said on Tuesday."
    assert said(text, people=("Dana Whitcombe",)) == [("We will not sell the mill", "Dana Whitcombe")]


def test_said_before_name_and_straight_quotes() -> None:
    text = 'The plant closes in May. "It is a sad day for the town," said Orrin Pask, the mayor.'
    assert said(text, people=("Orrin Pask",)) == [("It is a sad day for the town", "Orrin Pask")]


def test_quote_offsets_exclude_the_marks() -> None:
    text = "“Prices will fall,” Ilse Marrow said."
    rel, _ = run(text, people=("Ilse Marrow",))
    q = rel.quotes[0]
    assert text[q.start:q.end] == q.text == "Prices will fall"


def test_speaker_before_the_quote_with_a_colon() -> None:
    text = "Ilse Marrow told the Harbour Gazette: “Prices will fall before the winter is over.”"
    assert said(text, people=("Ilse Marrow",), orgs=("Harbour Gazette",)) == [
        ("Prices will fall before the winter is over.", "Ilse Marrow")]


def test_according_to_names_the_speaker() -> None:
    text = "“The numbers simply do not add up,” according to Teodor Vance, an analyst at Quellin Partners."
    assert said(text, people=("Teodor Vance",), orgs=("Quellin Partners",)) == [
        ("The numbers simply do not add up", "Teodor Vance")]


def test_pronoun_refers_to_the_last_person_named_outside_quotes() -> None:
    text = ("Marta Olsen runs the bakery on Pine Street.\n"
            "“I told Piet Hollis we would never close on a Sunday,” she said.")
    assert said(text, people=("Marta Olsen", "Piet Hollis")) == [
        ("I told Piet Hollis we would never close on a Sunday", "Marta Olsen")]


def test_continuation_after_interruption_keeps_the_speaker() -> None:
    text = "“We tried everything,” Rafe Dunmore said. “Nothing worked, and then the money ran out.”"
    assert said(text, people=("Rafe Dunmore",)) == [
        ("We tried everything", "Rafe Dunmore"), ("Nothing worked, and then the money ran out.", "Rafe Dunmore")]


def test_multi_paragraph_quote_keeps_its_speaker() -> None:
    text = ("Gwen Aldous, who chairs the board, was blunt. “The first year was about survival.\n"
            "“The second year is about growth, and we are ready for it,” she said.")
    assert said(text, people=("Gwen Aldous",)) == [
        ("The first year was about survival.", "Gwen Aldous"),
        ("The second year is about growth, and we are ready for it", "Gwen Aldous")]


def test_spokeswoman_for_an_organization_speaks_for_it() -> None:
    text = "“We are reviewing the complaint,” a spokeswoman for Brannock Foods said."
    rel, spans = run(text, orgs=("Brannock Foods",))
    q = rel.quotes[0]
    assert text[spans[q.speaker].start:spans[q.speaker].end] == "Brannock Foods"
    assert q.speaker_text == "a spokeswoman for Brannock Foods"


def test_the_company_said_refers_to_the_last_organization() -> None:
    text = "Velora Systems cut 200 jobs. “This was a difficult decision,” the company said in a statement."
    assert said(text, orgs=("Velora Systems",)) == [("This was a difficult decision", "Velora Systems")]


def test_quote_with_no_speaker_is_kept_with_none() -> None:
    text = "The sign on the door read: “We have moved to a bigger place across the river.”"
    assert said(text) == [("We have moved to a bigger place across the river.", None)]


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = ("Kestrel Labs is building a “superhuman” assistant. Its founder, Nia Farrow, loved the film "
            "“The Long Quiet Road” as a child, and said the startup’s “moonshot” would ship in spring.")
    assert said(text, people=("Nia Farrow",), orgs=("Kestrel Labs",)) == []


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "“He looked at me and said ‘not today,’ and walked out,” Oskar Brandt recalled."
    assert said(text, people=("Oskar Brandt",)) == [
        ("He looked at me and said ‘not today,’ and walked out", "Oskar Brandt")]


def test_second_speaker_in_between_stops_the_continuation() -> None:
    text = ("“We will appeal,” Lena Corvin said. Her rival, Amos Fitch, disagreed. "
            "Nobody expects the court to move quickly. “The ruling will stand for years to come.”")
    assert said(text, people=("Lena Corvin", "Amos Fitch")) == [
        ("We will appeal", "Lena Corvin"), ("The ruling will stand for years to come.", None)]


def test_title_before_name_in_attribution() -> None:
    text = "“Demand is back,” said Varga Mining chief executive Soren Ekdahl."
    assert said(text, people=("Soren Ekdahl",), orgs=("Varga Mining",)) == [("Demand is back", "Soren Ekdahl")]


# --- affiliations ---------------------------------------------------------------------------

def test_title_between_organization_and_name() -> None:
    text = "Brannock Foods CEO Ada Quill said sales rose."
    assert ties(text, people=("Ada Quill",), orgs=("Brannock Foods",)) == [("Ada Quill", "CEO", "Brannock Foods")]


def test_a_title_belongs_to_the_name_it_stands_before() -> None:
    text = "Among the guests were Velora head Imre Salo, Quellin CEO Bram Tolliver and others."
    assert ties(text, people=("Imre Salo", "Bram Tolliver"), orgs=("Velora", "Quellin")) == [
        ("Imre Salo", "head", "Velora"), ("Bram Tolliver", "CEO", "Quellin")]


def test_appositive_roles() -> None:
    text = ("Nia Farrow, co-founder of Kestrel Labs, spoke first. Then came Juno Beck, Harlow Bank's chief "
            "executive, and Pell Arden, a former Osprey Air executive.")
    assert ties(text, people=("Nia Farrow", "Juno Beck", "Pell Arden"),
                orgs=("Kestrel Labs", "Harlow Bank", "Osprey Air")) == [
        ("Nia Farrow", "co-founder", "Kestrel Labs"), ("Juno Beck", "CEO", "Harlow Bank"),
        ("Pell Arden", "former executive", "Osprey Air")]


def test_possessive_of_and_joined() -> None:
    text = ("Harlow Bank's Juno Beck and Teodor Vance of Quellin Partners met Ilse Marrow, who joined "
            "Osprey Air as chief financial officer last year.")
    assert ties(text, people=("Juno Beck", "Teodor Vance", "Ilse Marrow"),
                orgs=("Harlow Bank", "Quellin Partners", "Osprey Air")) == [
        ("Juno Beck", None, "Harlow Bank"), ("Teodor Vance", None, "Quellin Partners"),
        ("Ilse Marrow", "CFO", "Osprey Air")]


def test_will_join_as_and_hired_as_give_the_role() -> None:
    text = ("Ilse Marrow will join Osprey Air as head of cargo. Harlow Bank hired Teodor Vance as its general "
            "counsel.")
    assert ties(text, people=("Ilse Marrow", "Teodor Vance"), orgs=("Osprey Air", "Harlow Bank")) == [
        ("Ilse Marrow", "head", "Osprey Air"), ("Teodor Vance", "general counsel", "Harlow Bank")]


def test_former_organization_chief() -> None:
    text = "The plan was drawn up by former Velora chief Imre Salo."
    assert ties(text, people=("Imre Salo",), orgs=("Velora",)) == [("Imre Salo", "former chief", "Velora")]


@pytest.mark.parametrize(("written", "role"), [("Sen.", "senator"), ("Rep.", "representative"),
                                               ("Gov.", "governor"), ("Chief Executive", "CEO")])
def test_roles_are_written_in_full(written: str, role: str) -> None:
    text = f"The bill was opposed by {written} Marla Quint on Monday."
    assert ties(text, people=("Marla Quint",)) == [("Marla Quint", role, None)]


def test_places_and_lowercase_initials_get_no_role() -> None:
    text = "Orbit Farms CEO Tam Ruel said the coo of doves woke Harrowgate every morning."
    assert ties(text, people=("Tam Ruel",), orgs=("Orbit Farms",), places=("Harrowgate",)) == [
        ("Tam Ruel", "CEO", "Orbit Farms")]


def test_bare_title_goes_to_the_company_the_article_is_about() -> None:
    text = ("Velora Systems cut 200 jobs on Monday. The cuts follow a weak quarter at Velora Systems.\n"
            "CEO Imre Salo said the company would hire again next year, as did rival Quellin.")
    assert ties(text, people=("Imre Salo",), orgs=("Velora Systems", "Quellin")) == [
        ("Imre Salo", "CEO", "Velora Systems")]


def test_hiring_and_a_unit_named_after_its_parent() -> None:
    text = ("Osprey Air is bringing on Lena Corvin to run its new Osprey Air Cargo Works (OACW). "
            "Amos Fitch, now heading OACW, starts in May.")
    found = ties(text, people=("Lena Corvin", "Amos Fitch"), orgs=("Osprey Air", "Osprey Air Cargo Works", "OACW"))
    assert ("Lena Corvin", None, "Osprey Air") in found
    assert ("Amos Fitch", "head", "OACW") in found and ("Amos Fitch", None, "Osprey Air") in found


def test_affiliation_evidence_is_its_sentence() -> None:
    text = "The market fell. Brannock Foods CEO Ada Quill said sales rose. Rain is due."
    rel, _ = run(text, people=("Ada Quill",), orgs=("Brannock Foods",))
    a = rel.affiliations[0]
    assert text[a.start:a.end] == "Brannock Foods CEO Ada Quill said sales rose."


# --- deals ----------------------------------------------------------------------------------

def test_investment_with_amount() -> None:
    text = "Harlow Bank invested $2.5 billion in Kestrel Labs last month."
    assert deals(text, orgs=("Harlow Bank", "Kestrel Labs")) == [
        ("investment", "Harlow Bank", "Kestrel Labs", "$2.5 billion", None)]


def test_stake_in_the_startup_resolves_to_the_target() -> None:
    text = ("Osprey Air is investing nearly $800 million in the drone maker Vantor and taking a 30% stake "
            "in the startup.")
    assert deals(text, orgs=("Osprey Air", "Vantor")) == [
        ("investment", "Osprey Air", "Vantor", "nearly $800 million", None),
        ("stake", "Osprey Air", "Vantor", None, "30%")]


def test_its_acquisition_of_and_a_named_purchase() -> None:
    text = ("Quellin has a record of bold bets, such as its $4 billion acquisition of Tarnby and its "
            "$600 million Mossgate purchase.")
    assert deals(text, orgs=("Quellin", "Tarnby", "Mossgate")) == [
        ("acquisition", "Quellin", "Tarnby", "$4 billion", None),
        ("acquisition", "Quellin", "Mossgate", "$600 million", None)]


def test_agreed_to_buy_and_passive_acquired_by() -> None:
    text = ("Brannock Foods agreed to buy Pellow Dairy for $310 million. Separately, Orbit Farms was "
            "acquired by Harlow Bank.")
    assert deals(text, orgs=("Brannock Foods", "Pellow Dairy", "Orbit Farms", "Harlow Bank")) == [
        ("acquisition", "Brannock Foods", "Pellow Dairy", "$310 million", None),
        ("acquisition", "Harlow Bank", "Orbit Farms", None, None)]


def test_funding_round_led_by() -> None:
    text = "Kestrel Labs raised $40 million in a Series B round led by Quellin Partners."
    assert deals(text, orgs=("Kestrel Labs", "Quellin Partners")) == [
        ("funding", "Quellin Partners", "Kestrel Labs", "$40 million", None)]


def test_merger_and_partnership() -> None:
    text = ("Velora Systems and Tarnby agreed to merge in an all-stock deal. Mossgate partnered with "
            "Orbit Farms on seeds.")
    assert deals(text, orgs=("Velora Systems", "Tarnby", "Mossgate", "Orbit Farms")) == [
        ("merger", "Velora Systems", "Tarnby", None, None), ("partnership", "Mossgate", "Orbit Farms", None, None)]


def test_a_firm_which_another_bought() -> None:
    text = "Tandrix Labs, which Quorvex bought in 2021 for $1.2 billion, grew fast."
    assert deals(text, orgs=("Tandrix Labs", "Quorvex")) == [
        ("acquisition", "Quorvex", "Tandrix Labs", "$1.2 billion", None)]


def test_a_deal_named_twice_is_one_deal() -> None:
    text = ("Harlow Bank invested $2.5 billion in Kestrel Labs.\n"
            "The $2.5 billion investment in Kestrel Labs was the largest of the year for Harlow Bank.")
    assert len(deals(text, orgs=("Harlow Bank", "Kestrel Labs"))) == 1


def test_no_deal_without_both_sides() -> None:
    text = "The merger closed in June. Investors bought shares of Tarnby after the partnership was announced."
    assert deals(text, orgs=("Tarnby",)) == []


# --- with the real extractors ---------------------------------------------------------------

def test_relations_over_the_extractors_spans() -> None:
    body = ("Microsoft invested $3 billion in the robotics startup Velmora Robotics Inc. on Monday.\n"
            "“This is the start of something big,” Microsoft CEO Satya Nadella said.")
    spans = extract_entities(["", "", body])[2]
    rel = extract_relations(body, spans, extract_figures(body))
    name = {i: body[s.start:s.end] for i, s in enumerate(spans)}
    assert [(q.text, name.get(q.speaker)) for q in rel.quotes] == [
        ("This is the start of something big", "Satya Nadella")]
    assert [(name[a.person], a.role, name.get(a.organization)) for a in rel.affiliations] == [
        ("Satya Nadella", "CEO", "Microsoft")]
    assert [(d.kind, name[d.buyer]) for d in rel.deals] == [("investment", "Microsoft")]


def test_empty_and_markless_text() -> None:
    assert extract_relations("", [], []) == Relations()
    assert extract_relations('5\'10" tall and "', [], []).quotes == []


# --- found reading newswire ------------------------------------------------------------------

def test_said_mister_and_initials_name_the_speaker() -> None:
    text = ('"Sales were flat," said Mr. Quint. "We expected worse," says Hal J. Brodie, an analyst at Merrow Co.')
    assert said(text, people=("Quint", "Hal J. Brodie"), orgs=("Merrow Co.",)) == [
        ("Sales were flat", "Quint"), ("We expected worse", "Hal J. Brodie")]


def test_says_first_with_title_and_colon() -> None:
    text = 'Says Ferris Lowe, a vice president at Tarnby Corp.: "Nobody saw this coming, not even us."'
    assert said(text, people=("Ferris Lowe",), orgs=("Tarnby Corp.",)) == [
        ("Nobody saw this coming, not even us.", "Ferris Lowe")]


def test_a_quoted_headline_is_not_speech_even_with_said_after_it() -> None:
    text = ('Your article "Harbour Towns Face a Hard Winter Ahead of the Vote," was unfair. The ads ran under the '
            'headline, "Ready When You Are." A Pellow spokesman says the phones rang all day.')
    assert said(text, orgs=("Pellow",)) == []


def test_a_deal_word_in_another_clause_does_not_take_that_clauses_subject() -> None:
    text = "Traders fled after the Pellow deal collapsed, and they were hurt again when a takeover of Tarnby failed."
    assert deals(text, orgs=("Pellow", "Tarnby")) == []


def test_a_named_purchase_needs_its_buyer_in_front() -> None:
    text = "Quellin said the Tarnby acquisition will help. Quellin's Mossgate purchase closed in May."
    assert deals(text, orgs=("Quellin", "Tarnby", "Mossgate")) == [("acquisition", "Quellin", "Mossgate", None, None)]


def test_buying_a_share_of_a_company_is_a_stake() -> None:
    text = "Orbit Farms Inc. said it agreed to acquire 51% of Pellow Dairy from its founders."
    assert deals(text, orgs=("Orbit Farms Inc.", "Pellow Dairy")) == [
        ("stake", "Orbit Farms Inc.", "Pellow Dairy", None, "51%")]


def test_she_skips_back_past_a_man() -> None:
    text = ("Marta Olsen hired Piet Hollis as head baker in May.\n"
            "“He has changed everything about the place,” she said.")
    assert said(text, people=("Marta Olsen", "Piet Hollis")) == [
        ("He has changed everything about the place", "Marta Olsen")]


def test_more_appositives_and_a_ticker_between_company_and_title() -> None:
    text = ("Ines Varro, a senior fellow at the Calder Institute, and Hugo Prell, professor of economics at "
            "Marlow University, spoke. So did Ruth Kade from Tarnby Corp. and Tarnby Corp. (TRNB.N) Chief "
            "Executive Oren Sayle.")
    assert ties(text, people=("Ines Varro", "Hugo Prell", "Ruth Kade", "Oren Sayle"),
                orgs=("Calder Institute", "Marlow University", "Tarnby Corp.")) == [
        ("Ines Varro", "senior fellow", "Calder Institute"),
        ("Hugo Prell", "professor of economics", "Marlow University"),
        ("Ruth Kade", None, "Tarnby Corp."), ("Oren Sayle", "CEO", "Tarnby Corp.")]


def test_british_single_quotes_with_apostrophes_inside() -> None:
    text = ("‘We can’t keep the players’ wages this high,’ Neil Amberly said. The club’s ‘project’ is over. "
            "‘It’s finished, and everyone knows it.’")
    assert said(text, people=("Neil Amberly",)) == [
        ("We can’t keep the players’ wages this high", "Neil Amberly"),
        ("It’s finished, and everyone knows it.", "Neil Amberly")]


def test_a_colon_after_a_clause_about_a_person_introduces_her_words() -> None:
    text = "Asked about the layoffs, Gwen Aldous was blunt: “Nobody here will lose a job this year.”"
    assert said(text, people=("Gwen Aldous",)) == [("Nobody here will lose a job this year.", "Gwen Aldous")]


def test_sales_bids_holdings_and_a_round_raised_by_it() -> None:
    text = ("Harlow Bank sold Pellow Dairy to Orbit Farms for $90 million. Quellin made a $2 billion takeover "
            "bid for Tarnby. Mossgate owns 12% of Vantor.\n"
            "Kestrel Labs, a drone startup, raised $15 million in a round led by Osprey Air. Velora said it "
            "raised $8 million in seed funding led by Harlow Bank.")
    assert deals(text, orgs=("Harlow Bank", "Pellow Dairy", "Orbit Farms", "Quellin", "Tarnby", "Mossgate",
                             "Vantor", "Kestrel Labs", "Osprey Air", "Velora")) == [
        ("acquisition", "Orbit Farms", "Pellow Dairy", "$90 million", None),
        ("acquisition", "Quellin", "Tarnby", "$2 billion", None),
        ("stake", "Mossgate", "Vantor", None, "12%"),
        ("funding", "Osprey Air", "Kestrel Labs", "$15 million", None),
        ("funding", "Harlow Bank", "Velora", "$8 million", None)]


def test_a_hired_executive_keeps_the_title_of_the_other_company() -> None:
    text = ("Harlow Bank bought Vantor last year and is bringing on CEO Amos Fitch to run its lending arm. "
            "Harlow Bank said the deal closed in May.")
    assert ties(text, people=("Amos Fitch",), orgs=("Harlow Bank", "Vantor")) == [
        ("Amos Fitch", "CEO", "Vantor"), ("Amos Fitch", None, "Harlow Bank")]


_PIECES = st.sampled_from(['"', "“", "”", "‘", "’", "\n", " ", ",", ".", ":", " said ", " he ", " she ", " Jane Roe",
                           " Acme", " CEO ", " invested ", " $5 million", " 40%", " stake in ", " the startup",
                           " according to ", " of ", "'s", " joined ", " led by ", " and ", " merge", " Sen. "])


@given(st.lists(_PIECES, max_size=80), st.data())
@settings(max_examples=150, deadline=None)
def test_any_text_gives_relations_inside_it(pieces: list[str], data: st.DataObject) -> None:
    """Whatever the text and its spans, nothing raises and every offset and index points inside."""
    text = "".join(pieces)
    figures = extract_figures(text)
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=12)))
    spans = [EntitySpan(a, b, data.draw(st.sampled_from(["person", "organization", "place"])))
             for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    rel = extract_relations(text, spans, figures)
    for q in rel.quotes:
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text
        assert q.speaker is None or 0 <= q.speaker < len(spans)
    for a in rel.affiliations:
        assert spans[a.person].label == "person" and 0 <= a.start < a.end <= len(text)
        assert a.organization is None or spans[a.organization].label == "organization"
    for d in rel.deals:
        assert d.buyer is not None and d.target is not None and 0 <= d.start < d.end <= len(text)
        assert d.amount is None or figures[d.amount].kind == "money"
        assert d.stake is None or figures[d.stake].kind == "percent"


def test_named_and_is_forms() -> None:
    text = ("Lena Corvin, who was named chief executive of Pellow Dairy in May, met Amos Fitch. Amos Fitch is "
            "Tarnby's chief financial officer.")
    assert ties(text, people=("Lena Corvin", "Amos Fitch"), orgs=("Pellow Dairy", "Tarnby")) == [
        ("Lena Corvin", "CEO", "Pellow Dairy"), ("Amos Fitch", "CFO", "Tarnby")]


def test_an_agency_quoting_someone_is_not_the_speaker() -> None:
    text = ('"We were never told about the fire," the Harbour Gazette quoted Ilse Marrow as saying. '
            '"Little did we know," the Harbour Gazette quoted an unnamed guard as saying.')
    assert said(text, people=("Ilse Marrow",), orgs=("Harbour Gazette",)) == [
        ("We were never told about the fire", "Ilse Marrow"), ("Little did we know", None)]


def test_an_owned_title_then_a_comma_then_the_name() -> None:
    text = ("Pellow Dairy had a weak year. Its chief executive, Tam Ruel, is cautious. Harlow Bank's chief "
            "economist, Ines Varro, agrees. The Quellin CEO, Bram Tolliver and Juno Beck disagree.")
    assert ties(text, people=("Tam Ruel", "Ines Varro", "Bram Tolliver", "Juno Beck"),
                orgs=("Pellow Dairy", "Harlow Bank", "Quellin")) == [
        ("Tam Ruel", "CEO", "Pellow Dairy"), ("Ines Varro", "chief economist", "Harlow Bank")]


def test_the_price_of_a_deal_near_its_words() -> None:
    text = ("Tarnby agreed to a $2 billion deal to buy Pellow Dairy. Quellin will acquire Vantor in a deal valued "
            "at $700 million. Mossgate bought Orbit Farms; Mossgate made $1 billion and lost $3 billion last year.")
    assert deals(text, orgs=("Tarnby", "Pellow Dairy", "Quellin", "Vantor", "Mossgate", "Orbit Farms")) == [
        ("acquisition", "Tarnby", "Pellow Dairy", "$2 billion", None),
        ("acquisition", "Quellin", "Vantor", "$700 million", None),
        ("acquisition", "Mossgate", "Orbit Farms", None, None)]


def test_an_unnamed_speaker_after_the_verb_ends_the_continuation() -> None:
    text = ('"We are offering a fair price," says Dana Whitcombe. But, says the manager of a rival mill in the '
            'valley, "I think they will lose customers over this."')
    assert said(text, people=("Dana Whitcombe",)) == [
        ("We are offering a fair price", "Dana Whitcombe"), ("I think they will lose customers over this.", None)]


# --- quotes over several paragraphs, and dash attributions -------------------------------------

def test_a_quote_over_blank_line_paragraphs_takes_the_speaker_of_its_last_part() -> None:
    text = ("Amos Fitch ran the mill for thirty years.\n\n"
            "“The first year was about survival. We sold what we could.\n\n"
            "“The second year was harder still.\n\n"
            "“The third year, and the fourth, were about growth,” said Lena Corvin, who bought it from him.")
    assert said(text, people=("Amos Fitch", "Lena Corvin")) == [
        ("The first year was about survival. We sold what we could.", "Lena Corvin"),
        ("The second year was harder still.", "Lena Corvin"),
        ("The third year, and the fourth, were about growth", "Lena Corvin")]


def test_a_pronoun_after_a_quote_over_paragraphs_and_its_continuation() -> None:
    text = ("Lena Corvin spoke at the depot on Monday.\n\n"
            "“Nobody wanted the old line.\n\n"
            "“We bought it anyway, and we will run it,” she said.\n\n"
            "“It will carry freight by the summer.”")
    assert said(text, people=("Lena Corvin",)) == [
        ("Nobody wanted the old line.", "Lena Corvin"),
        ("We bought it anyway, and we will run it", "Lena Corvin"),
        ("It will carry freight by the summer.", "Lena Corvin")]


def test_an_unclosed_mark_does_not_swallow_the_paragraphs_after_it() -> None:
    text = ("“We will reopen in May, whatever the council decides about the road.\n\n"
            "The council meets on Friday. Amos Fitch, its chair, has not said how he will vote.\n\n"
            "“The road is not safe,” said Lena Corvin, who lives beside it.")
    assert said(text, people=("Amos Fitch", "Lena Corvin")) == [
        ("We will reopen in May, whatever the council decides about the road.", None),
        ("The road is not safe", "Lena Corvin")]


def test_a_dash_after_a_quote_names_its_speaker() -> None:
    text = ("The depot reopened on Monday.\n\n"
            "“We will not sell the mill, not this year and not next year.” — Dana Whitcombe\n\n"
            "“Freight is back, and it is here to stay.”\n\n"
            "— Lena Corvin, chief executive of Orlan Freight")
    rel, spans = run(text, people=("Dana Whitcombe", "Lena Corvin"), orgs=("Orlan Freight",))
    name = {i: text[s.start:s.end] for i, s in enumerate(spans)}
    assert [(q.text, name.get(q.speaker)) for q in rel.quotes] == [
        ("We will not sell the mill, not this year and not next year.", "Dana Whitcombe"),
        ("Freight is back, and it is here to stay.", "Lena Corvin")]
    assert ties(text, people=("Dana Whitcombe", "Lena Corvin"), orgs=("Orlan Freight",)) == [
        ("Lena Corvin", "CEO", "Orlan Freight")]


def test_a_dash_inside_a_sentence_after_a_scare_quote_names_no_speaker() -> None:
    text = "The plan, dubbed “Harbour First” — Dana Whitcombe's idea — was dropped in May."
    assert said(text, people=("Dana Whitcombe",)) == []


def test_said_after_the_rest_of_the_sentence_and_a_new_sentence_after_a_quote() -> None:
    text = ('"There is room for one more mill" in the valley, says Orrin Pask, the mayor. Dana Whitcombe '
            'disagrees, adding: "We need every mill we can" find. Orrin Pask says she is wrong.\n'
            '"Nobody will buy the wool." Dana Whitcombe said this week that she would buy it herself.')
    assert said(text, people=("Orrin Pask", "Dana Whitcombe")) == [
        ("There is room for one more mill", "Orrin Pask"), ("We need every mill we can", "Dana Whitcombe"),
        ("Nobody will buy the wool.", None)]


def test_a_possessive_before_the_speaker_and_a_said_whose_subject_is_not_the_speaker() -> None:
    text = ('"Prices will fall before the winter," says Harlow Bank\'s Mr. Quint. The advert, which said Dana '
            'Whitcombe wanted to close the mill "even in a good year," ran for a month.')
    # the tagger may take a bank for a person: the name after the possessive is the speaker
    assert said(text, people=("Harlow Bank", "Quint", "Dana Whitcombe")) == [
        ("Prices will fall before the winter", "Quint")]


def test_continuation_past_a_name_in_the_attribution_but_not_into_a_sentence_of_its_own() -> None:
    text = ('"She never gave up," says Marta Olsen, Piet Hollis\'s mother. "She worked every weekend."\n'
            'Soon the shirts appeared. On the back, the shirts read, "We have all the answers, every one."')
    assert said(text, people=("Marta Olsen", "Piet Hollis")) == [
        ("She never gave up", "Marta Olsen"), ("She worked every weekend.", "Marta Olsen"),
        ("We have all the answers, every one.", None)]


def test_the_title_alone_names_the_person_before() -> None:
    text = ("Foreign Minister Ilse Marrow met the envoys on Monday. The minister, whose country chairs the "
            "council, told reporters: “It was not possible to reach an agreement.”\n"
            "Judge Orrin Pask will quit in May. “My clerks earn more than I do,” the judge quipped.\n"
            "So ruled a federal judge in a case brought by Dana Whitcombe. “The club was not having a good "
            "year,” the judge said.")
    # the title alone names a person only when the text gave them that title ("Judge Pask")
    assert said(text, people=("Ilse Marrow", "Orrin Pask", "Dana Whitcombe")) == [
        ("It was not possible to reach an agreement.", "Ilse Marrow"),
        ("My clerks earn more than I do", "Orrin Pask"), ("The club was not having a good year", None)]


def test_a_short_term_the_speaker_used_is_not_a_quote() -> None:
    text = ('The boom mirrors the "closed-end fund mania" of the 1920s, Mr. Quint says. Velora said it pays '
            'advertisers on "renewal advertising." The advert is "deceptive," Mr. Quint says.')
    assert said(text, people=("Quint",), orgs=("Velora",)) == [("deceptive", "Quint")]


def test_an_attribution_that_opens_the_next_quote_is_not_the_previous_ones() -> None:
    text = ('Velora chief Dana Whitcombe spoke first. She said, "These are hard times for the mills." '
            'Orrin Pask stated, "Prices have doubled since the spring."')
    assert said(text, people=("Dana Whitcombe", "Orrin Pask"), orgs=("Velora",)) == [
        ("These are hard times for the mills.", "Dana Whitcombe"),
        ("Prices have doubled since the spring.", "Orrin Pask")]


def test_he_skips_a_name_used_as_a_modifier() -> None:
    text = ('Orrin Pask runs the campaign. He says the Whitcombe advert is unfair. "It is full of lies '
            'about the town," he said.')
    assert said(text, people=("Orrin Pask", "Whitcombe")) == [("It is full of lies about the town", "Orrin Pask")]


def test_he_after_an_unnamed_spokesman_speaks_for_his_company() -> None:
    text = ('Amos Fitch sold his shares in May. A Velora spokesman says the phone line was busy all weekend. '
            '"Our clients know they can call us," he says.')
    assert said(text, people=("Amos Fitch",), orgs=("Velora",)) == [("Our clients know they can call us", "Velora")]


def test_he_after_an_unnamed_analyst_is_no_one_named() -> None:
    text = ('Orrin Pask, an analyst, expects gold to rise. COPPER: Prices fell, according to an analyst. Now, the '
            'analyst said, only minor points remain. "An agreement appears to have been reached," he said.\n'
            'Dana Whitcombe, an analyst at Velora, was asked about tin. Now, the analyst said, stocks are low. '
            '"Tin will be scarce by the spring," she said.')
    assert said(text, people=("Orrin Pask", "Dana Whitcombe"), orgs=("Velora",)) == [
        ("An agreement appears to have been reached", None), ("Tin will be scarce by the spring", "Dana Whitcombe")]


def test_he_after_a_named_spokesman_is_that_spokesman() -> None:
    text = ('Amos Fitch, a Velora spokesman, said the line was busy all weekend. '
            '"Our clients know they can call us," he said.')
    assert said(text, people=("Amos Fitch",), orgs=("Velora",)) == [("Our clients know they can call us", "Amos Fitch")]


def test_the_title_refers_back_to_the_last_person_and_an_untagged_name_is_someone() -> None:
    text = ('Typical was Dana Whitcombe, who manages a fund. Asked what the fund bought, the money manager says, '
            '"I don\'t know." Nobody else spoke.\n'
            '"The market has been weak since May," says Mr. Minella of Velora. "That really hurt the market."')
    # Minella is no mention here (the tagger missed him): attributed, but not to the last speaker
    assert said(text, people=("Dana Whitcombe",), orgs=("Velora",)) == [
        ("I don't know.", "Dana Whitcombe"), ("The market has been weak since May", None),
        ("That really hurt the market.", None)]


def test_called_it_brings_in_the_subjects_words_but_a_name_it_is_called_is_no_quote() -> None:
    text = ("Dana Whitcombe, Velora’s chief executive, called the plan “the biggest bet in our history.” "
            "Velora runs a depot called “Northgate” and a fund it calls “Atlas.”")
    assert said(text, people=("Dana Whitcombe",), orgs=("Velora",)) == [
        ("the biggest bet in our history.", "Dana Whitcombe")]


def test_the_subject_of_a_verb_before_a_quote_is_in_its_own_clause() -> None:
    text = ('Listeners owe Velora loyalty for what one writer calls the "Dark Ages of the long winter." '
            'Dana Whitcombe planned to sell it for $60, but when a buyer asked, "Is that wholesale or retail?" '
            'she had no answer. Orrin Pask, of Tarnby, which makes tin, says he doesn\'t "think there is any '
            'reason for the rout."')
    assert said(text, people=("Dana Whitcombe", "Orrin Pask"), orgs=("Velora", "Tarnby")) == [
        ("Dark Ages of the long winter.", None), ("Is that wholesale or retail?", None),
        ("think there is any reason for the rout.", "Orrin Pask")]


def test_more_attributions_read_on_newswire() -> None:
    text = ('"We believe the plan is sound," said the spokesman, Amos Fitch. He will publish a booklet entitled, '
            '"The Mills in Your Care." Says Mr. Quint, "We may no longer be a priority." He said more. '
            '"Many in the town believe the cuts were unjust," Mr. Quint told Mr. Fitch, who runs the mill. '
            '"The cuts damaged the trust of the town." With slower growth likely next year, "I would not look '
            'for a rebound."')
    assert said(text, people=("Amos Fitch", "Quint", "Fitch")) == [
        ("We believe the plan is sound", "Amos Fitch"), ("We may no longer be a priority.", "Quint"),
        ("Many in the town believe the cuts were unjust", "Quint"),
        ("The cuts damaged the trust of the town.", "Quint"), ("I would not look for a rebound.", "Quint")]


def test_the_former_president_refers_back_to_the_president_named() -> None:
    text = ('Orrin Pask spent four days in the capital. On his last day the former president urged the leaders '
            'to open up. "Ideas are going over borders, and nothing can stop them," he told a group of visitors.')
    assert said(text, people=("Orrin Pask",)) == [
        ("Ideas are going over borders, and nothing can stop them", "Orrin Pask")]


def test_a_new_sentence_after_a_quote_is_its_attribution_only_if_it_ends_there() -> None:
    text = ('"We will not sell," Orrin Pask told Amos Fitch, who runs the mill. "The events of the spring damaged '
            'the trust of the town." The workers responded in an equally blunt fashion. "It is over." Pask said '
            'on Tuesday.')
    assert said(text, people=("Orrin Pask", "Amos Fitch", "Pask")) == [
        ("We will not sell", "Orrin Pask"), ("The events of the spring damaged the trust of the town.", "Orrin Pask"),
        ("It is over.", "Pask")]


def test_a_name_compared_after_called_is_no_quote() -> None:
    text = ('Fans rode the Line Called Velora (a better name for a train than "Desire," don\'t you think?) to the '
            'game. Dana Whitcombe described the season as "a long, hard slog."')
    assert said(text, people=("Dana Whitcombe",), orgs=("Velora",)) == [("a long, hard slog.", "Dana Whitcombe")]


def test_he_is_the_subject_of_the_sentence_not_a_name_after_of() -> None:
    text = ('Sen. Orrin Pask, who had offered his help in any inquiry into Mr. Amos Fitch, portrayed his role as '
            'prodding the regulators. "Why did the board not act sooner?" he said. The notes show that Sen. Dana '
            'Whitcombe called the Federal Home Loan Bank Board\'s rules "grossly unfair," and that Sen. Pask '
            'insisted the bank was "sound and profitable."')
    assert said(text, people=("Orrin Pask", "Amos Fitch", "Dana Whitcombe", "Pask")) == [
        ("Why did the board not act sooner?", "Orrin Pask"), ("grossly unfair", "Dana Whitcombe"),
        ("sound and profitable.", "Pask")]


def test_the_spokesman_speaks_again_for_the_organization_of_a_spokesman_before() -> None:
    text = ('"These are dangerous weapons," a spokesman for Velora told reporters by telephone. Amos Fitch, '
            'who found them, left.\n"They could cause serious damage," the spokesman added.')
    assert said(text, people=("Amos Fitch",), orgs=("Velora",)) == [
        ("These are dangerous weapons", "Velora"), ("They could cause serious damage", "Velora")]


def test_says_with_an_appositive_before_the_next_quote_is_that_quotes_attribution() -> None:
    text = ('Orrin Pask, a farmer in the valley, says of the last few days, "If anything good comes of this, it '
            'will be cheaper feed." Says Dana Whitcombe, a money manager at Velora, "You are on a roller coaster."')
    assert said(text, people=("Orrin Pask", "Dana Whitcombe"), orgs=("Velora",)) == [
        ("If anything good comes of this, it will be cheaper feed.", "Orrin Pask"),
        ("You are on a roller coaster.", "Dana Whitcombe")]
