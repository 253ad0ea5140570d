"""Who said a quotation: one test per quote rule entry, and the shapes news writing uses that once went
wrong, all on invented text (names and words made up). The entity spans are given by hand, so a test
says what the rules do whatever the tagger decides.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tagging import spans_of

from brief.pipeline.extract import EntitySpan, extract_figures
from brief.pipeline.index.library import Library
from brief.pipeline.relations import extract_relations
from brief.pipeline.relations.quote_rules import RULES


def quotes(text: str, people: tuple[str, ...] = (), orgs: tuple[str, ...] = ()
           ) -> list[tuple[str, str | None, str | None]]:
    """(first words of the quote, its speaker as named in the text, the rule) for each quote of ``text``."""
    spans = spans_of(text, people, orgs)
    rel = extract_relations(text, spans, extract_figures(text))
    return [(" ".join(q.text.split()[:3]),
             None if q.speaker is None else text[spans[q.speaker].start:spans[q.speaker].end], q.rule)
            for q in rel.quotes]


# --- one test per rule entry ----------------------------------------------------------------

def test_the_rules_are_named_once_each_in_order() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert names[:2] == ["said-name", "name-said"]  # the words after a quotation come first


def test_said_name() -> None:
    text = "“We will build the plant next year,” said Jane Roe, who runs the project."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "said-name:name")]


def test_said_name_according_to() -> None:
    text = "“We will build the plant next year,” according to Jane Roe."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "said-name:name")]


def test_name_said() -> None:
    text = "“We will build the plant next year,” Jane Roe said on Monday."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:name")]


def test_name_said_with_a_pronoun() -> None:
    text = "Jane Roe runs the project. “We will build the plant next year,” she said."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:pronoun")]


def test_name_said_by_a_spokesperson_for_an_organization() -> None:
    text = "“We will build the plant next year,” a spokeswoman for Velmora said."
    assert quotes(text, orgs=("Velmora",)) == [("We will build", "Velmora", "name-said:spokesperson")]


def test_name_said_by_the_company() -> None:
    text = "Velmora opened a plant in Dunmere. “We will build another one next year,” the company said."
    assert quotes(text, orgs=("Velmora",)) == [("We will build", "Velmora", "name-said:org-noun")]


def test_name_said_by_the_title_of_a_person_named_before() -> None:
    text = ("Minister Jane Roe visited the plant in Dunmere on Monday. “We will build another one next year,” "
            "the minister said.")
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:title")]


def test_name_said_by_someone_unnamed_is_attributed_to_no_one() -> None:
    text = "“We will build the plant next year,” a person familiar with the plans said."
    assert quotes(text) == [("We will build", None, "name-said:unnamed")]


def test_signed() -> None:
    text = "“We will build the plant next year.” — Jane Roe\n\nThe plant will employ 300 people."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "signed:name")]


def test_before() -> None:
    text = "Jane Roe told reporters on Monday: “We will build the plant next year.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "before:name")]


def test_before_with_the_verb_first() -> None:
    text = "Said Jane Roe: “We will build the plant next year.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "before:name")]


def test_colon() -> None:
    text = "Jane Roe was blunt: “We will build the plant next year, whatever they think.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "colon:name")]


def test_paragraphs() -> None:
    text = "“We will build the plant next year.\n\n“And we will open another one after that,” Jane Roe said."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "paragraphs"),
                                                  ("And we will", "Jane Roe", "name-said:name")]


def test_continues() -> None:
    text = "“We will build the plant next year,” Jane Roe said. “And we will open another one after that.”"
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:name"),
                                                  ("And we will", "Jane Roe", "continues")]


# --- shapes that once went wrong ------------------------------------------------------------

def test_a_letter_from_a_persons_lawyers_is_the_persons_side() -> None:
    text = ("Jane Roe, who runs Velmora, wants to buy Quorvex. Velmora said on Monday it was ready. "
            "In a letter to the regulator, lawyers for Roe wrote: “The offer was made in good faith and stands.”")
    assert quotes(text, people=("Jane Roe", "Roe"), orgs=("Velmora", "Quorvex")) == [
        ("The offer was", "Roe", "before:name")]


def test_a_letter_from_his_lawyers_is_his_side() -> None:
    text = ("Velmora said on Monday it was ready to sell. John Doe, who runs it, disagrees. In a filing, his "
            "lawyers wrote: “The offer was made in good faith and stands.”")
    assert quotes(text, people=("John Doe",), orgs=("Velmora",)) == [("The offer was", "John Doe", "before:pronoun")]


def test_a_quote_signed_by_a_list_of_titles_before_the_name() -> None:
    text = "“We will build the plant next year,” said chairman, CEO and president Jane Roe in the release."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "said-name:name")]


def test_the_person_named_by_age() -> None:
    text = ("Velmora named John Doe its chief executive on Monday. The 56-year-old said after his appointment: "
            "“We will build the plant next year.”")
    assert quotes(text, people=("John Doe",), orgs=("Velmora",)) == [("We will build", "John Doe", "before:age")]


def test_a_campaign_groups_words_are_the_groups() -> None:
    text = ("Fair Air, a campaign group, has long criticised Velmora over its plants. “Velmora must clean up "
            "before it builds another one,” the group said.")
    assert quotes(text, orgs=("Fair Air", "Velmora")) == [("Velmora must clean", "Fair Air", "name-said:org-noun")]


def test_it_is_the_organization_the_sentence_is_about_not_the_one_it_criticises() -> None:
    text = ("Campaign group Fair Air said Velmora had ignored the rules for years. “They must stop building "
            "until the river is clean,” it said.")
    assert quotes(text, orgs=("Fair Air", "Velmora")) == [("They must stop", "Fair Air", "name-said:pronoun")]


@pytest.mark.parametrize("text", [
    "“We will build the plant next year,\" Jane Roe said.",
    "\"We will build the plant next year,” Jane Roe said.",
])
def test_a_quote_opened_with_one_kind_of_mark_and_closed_with_the_other(text: str) -> None:
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:name")]


def test_a_straight_quote_inside_a_curly_one_does_not_close_it() -> None:
    text = "“She told me \"no\" and then she left the room,” Jane Roe said."
    assert quotes(text, people=("Jane Roe",)) == [("She told me", "Jane Roe", "name-said:name")]


def test_a_long_appositive_after_the_name_before_said() -> None:
    text = ("“We will build the plant next year,” Jane Roe, Velmora's deputy associate director for planning in "
            "the north, said.")
    assert quotes(text, people=("Jane Roe",), orgs=("Velmora",)) == [("We will build", "Jane Roe", "name-said:name")]


def test_a_name_the_tagger_took_for_a_person_in_the_appositive_is_not_the_speaker() -> None:
    text = "“We will build the plant next year,” Jane Roe, Dunmore' director of research, said in a statement."
    assert quotes(text, people=("Jane Roe", "Dunmore")) == [("We will build", "Jane Roe", "name-said:name")]


def test_they_said_after_an_organization_is_the_organization() -> None:
    text = ("Velmora has twice denied doing anything wrong.\n\n\"At no point did we stop the show,\" they said in a "
            "statement.")
    assert quotes(text, orgs=("Velmora",)) == [("At no point", "Velmora", "name-said:pronoun")]


def test_they_said_after_people_is_none_of_them_alone() -> None:
    text = "Velmora hired Jane Roe and John Doe in May. “We were tired of waiting for the call,” they said."
    assert quotes(text, people=("Jane Roe", "John Doe"), orgs=("Velmora",)) == [
        ("We were tired", None, "name-said:pronoun")]


def test_it_is_not_the_organization_a_statement_was_sent_to() -> None:
    text = ("Velmora denied it. Now it has sent another statement to the organisers of the Fairex awards.\n\n"
            "“We have agreed to grant all licences for the show,” it says.")
    assert quotes(text, orgs=("Velmora", "Fairex")) == [("We have agreed", "Velmora", "name-said:pronoun")]


def test_he_is_the_subject_of_the_sentence_not_the_man_whose_name_is_a_possessive() -> None:
    text = "John Doe introduced Max Roe’s set. “You might remember him from his own band,” he said."
    assert quotes(text, people=("John Doe", "Max Roe")) == [("You might remember", "John Doe", "name-said:pronoun")]


def test_he_is_not_a_place_the_tagger_took_for_a_person_after_from() -> None:
    text = ("“This was the fourth time I was sent back,” said John Doe, 24, from Dunmere’s Velton.\n"
            "“I boarded a flight in May and was caught at the border,” he said.")
    assert quotes(text, people=("John Doe", "Velton")) == [
        ("This was the", "John Doe", "said-name:name"), ("I boarded a", "John Doe", "name-said:pronoun")]


def test_a_verb_of_speech_that_is_rarer() -> None:
    text = "John Doe paused. “Oh, actually? Yes,” he assures himself."
    assert quotes(text, people=("John Doe",)) == [("Oh, actually? Yes", "John Doe", "name-said:pronoun")]


def test_a_title_in_capitals_inside_a_sentence_is_no_quote() -> None:
    text = ("“We are glad to be back on the road,” Jane Roe said in a statement.\n\n"
            "Fans can expect the band’s hits, including “Velvet River Song,” “Out in the Cold,” “Grey Harbour” "
            "and others. After playing “Light of the Morning,” the singer told the crowd, “that’s really good, "
            "maybe we should go on the road again.”")
    assert quotes(text, people=("Jane Roe",)) == [
        ("We are glad", "Jane Roe", "name-said:name"), ("that’s really good,", "Jane Roe", "before:title")]


def test_a_title_after_a_possessive_is_no_quote() -> None:
    text = "“We were glad to play,” Jane Roe said. The band is known for 1978’s “Out in the Cold.”"
    assert quotes(text, people=("Jane Roe",)) == [("We were glad", "Jane Roe", "name-said:name")]


def test_and_that_goes_on_with_what_the_speaker_says() -> None:
    text = ("Velmora says that the northern route “remains the main way in for the goods” and that “the port "
            "remains the largest single source of them.”")
    assert quotes(text, orgs=("Velmora",)) == [("remains the main", "Velmora", "before:name"),
                                               ("the port remains", "Velmora", "continues")]


def test_a_surname_the_tagger_took_for_an_organization_is_the_person_of_that_name() -> None:
    text = "Jane Roe filed the suit in May.\n\n“She knows exactly what she has done,” Roe said before the hearing."
    k = text.rindex("Roe")
    rel = extract_relations(text, [EntitySpan(0, 8, "person"), EntitySpan(k, k + 3, "organization")], [])
    assert [(q.speaker, q.rule) for q in rel.quotes] == [(0, "name-said:name")]


def test_a_word_or_two_in_quotation_marks_after_a_or_the_is_no_quote_even_attributed() -> None:
    text = ("Jane Roe called the report a “disgrace.” John Doe was brief.\n\n“Please,” he said.\n\n"
            "Asked again, he said, “Never.”")
    assert quotes(text, people=("Jane Roe", "John Doe")) == [("Please", "John Doe", "name-said:pronoun"),
                                                             ("Never.", "John Doe", "before:pronoun")]


def test_they_after_an_organization_they_protest_against_is_not_the_organization() -> None:
    text = "Hundreds gathered outside the offices of Velmora on Monday. “We want our jobs back,” they said."
    assert quotes(text, orgs=("Velmora",)) == [("We want our", None, "name-said:pronoun")]


def test_the_title_at_a_named_organization_is_the_person_named_before_with_it() -> None:
    text = ("Quorvex fired its chief executive on Friday. Velmora chief Jane Roe said the decision was overdue. "
            "“The board should have acted much sooner than it did,” the Velmora CEO said.")
    assert quotes(text, people=("Jane Roe",), orgs=("Velmora", "Quorvex")) == [
        ("The board should", "Jane Roe", "name-said:title")]


def test_a_spokesman_at_a_named_organization_speaks_for_it() -> None:
    text = ("Velmora chief Jane Roe said the decision was overdue. “The board should have acted much sooner than "
            "it did,” the Velmora spokesman said.")
    assert quotes(text, people=("Jane Roe",), orgs=("Velmora",)) == [
        ("The board should", "Velmora", "name-said:spokesperson")]


@pytest.mark.parametrize("verb", ["ruled", "charged", "retorted", "texted", "emailed"])
def test_more_verbs_of_speech(verb: str) -> None:
    text = f"“We will build the plant next year, whatever happens,” Jane Roe {verb}."
    assert quotes(text, people=("Jane Roe",)) == [("We will build", "Jane Roe", "name-said:name")]


def test_the_subject_of_two_verbs_joined_by_and_is_the_speaker_not_the_object_of_the_first() -> None:
    text = ("Jane Roe thanked John Doe for his work and said: “We could not have done this without him.”\n\n"
            "Jane Roe left first. Later she praised John Doe again and said, “He built the whole thing himself.”")
    assert quotes(text, people=("Jane Roe", "John Doe")) == [("We could not", "Jane Roe", "before:name"),
                                                             ("He built the", "Jane Roe", "before:pronoun")]


def test_a_very_long_appositive_before_said() -> None:
    text = ("“Numbers like these change what we thought we knew,” Jane Roe, a research fellow at the Velmora "
            "Institute for Applied Studies in Dunmere, Westland, and co-author of the study, said in a statement.")
    assert quotes(text, people=("Jane Roe",), orgs=("Velmora Institute for Applied Studies",)) == [
        ("Numbers like these", "Jane Roe", "name-said:name")]


def test_a_title_before_the_name_of_an_appositive() -> None:
    text = ("Cmdr. Jane Roe, a spokeswoman for the Velmora Task Force, told reporters that the claim “is patently "
            "false and always was.”")
    assert quotes(text, people=("Jane Roe",), orgs=("Velmora Task Force",)) == [
        ("is patently false", "Jane Roe", "before:name")]


@pytest.mark.parametrize(("who", "speaker", "how"), [
    ("Jane Roe’s mother", None, "unnamed"),
    ("Jane Roe’s source, who asked not to be named,", None, "unnamed"),
    ("Jane Roe’s lawyer", "Jane Roe", "name"),
])
def test_someone_of_a_person_is_not_that_person_but_their_lawyer_speaks_for_them(
        who: str, speaker: str | None, how: str) -> None:
    text = f"“We will appeal the ruling as soon as the court allows it,” {who} said on Monday."
    assert quotes(text, people=("Jane Roe",)) == [("We will appeal", speaker, f"name-said:{how}")]


def test_the_title_of_someone_unnamed_is_not_the_person_named_before() -> None:
    text = ("Jane Roe filmed the crowd as a doctor tried to save one of the wounded.\n\n“It is a shame to see a "
            "friend die like this,” the doctor said.")
    assert quotes(text, people=("Jane Roe",)) == [("It is a", None, "name-said:unnamed")]


def test_a_colon_after_a_clause_with_a_title_in_quotation_marks() -> None:
    text = ("“It grabbed me the moment I heard it,” John Doe said. Jane Roe, who starred in “Harbour Lights,” had "
            "a similar experience: “It was just that immediate feeling of home.”")
    assert quotes(text, people=("Jane Roe", "John Doe")) == [("It grabbed me", "John Doe", "name-said:name"),
                                                             ("It was just", "Jane Roe", "colon:name")]


def test_an_index_made_before_these_rules_finds_the_speakers_again(tmp_path: Path) -> None:
    """An index an older brief wrote (its version string, its quotes without these speakers) is redone."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "keller.md").write_text(
        "---\ntitle: Quorvex names a chief\n---\n\nQuorvex named Tomas Keller as its new chief executive on Monday. "
        "The 56-year-old said after his appointment: “We will focus on growth and on our customers in every "
        "market we serve.”\n", encoding="utf-8")
    lib = Library([folder], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert [r.speaker for r in lib.quote_rows(0, 10)] == ["Tomas Keller"]
    lib.db.execute("UPDATE quotes SET speaker_id = NULL, speaker_text = NULL")
    lib.db.execute("UPDATE meta SET value = 'entities-6+figures-2+lsh-18x3' WHERE key = 'extractor'")  # as before
    lib.db.commit()
    lib.close()
    again = Library([folder], cache_dir=tmp_path / "cache")
    again.update(workers=1)
    assert [r.speaker for r in again.quote_rows(0, 10)] == ["Tomas Keller"]
