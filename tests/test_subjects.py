"""What a figure is about, and figures from two articles on one subject."""

from __future__ import annotations

from brief.models import FigureRef
from brief.pipeline.subjects import FigureSubject, about, disagreements, key_words
from brief.pipeline.text import sentence_at


def _about(sentence: str, figure: str) -> str:
    start = sentence.index(figure)
    return about(sentence, start, start + len(figure), sentence_at(sentence, start))


def test_about_reads_the_words_around_the_figure() -> None:
    sentence = "Borealis made a $2 billion acquisition of Tessel last year."
    assert _about(sentence, "$2 billion") == "acquisition of Tessel"
    assert _about("Vantor took a 30% stake in the startup, people said.", "30%") == "stake in the startup"
    assert _about("Orlan ramps up spending, projected at $5 billion for 2026, to grow.",
                  "$5 billion") == "projected for 2026"  # its own clause: not across the comma
    assert _about("Quell said Orlan lost 4% of its pilots to rivals.", "4%") == "of its pilots"


def test_about_stays_in_the_figures_own_clause_and_leaves_other_figures_out() -> None:
    assert _about("Tickets cost $5 or $6 at the gate.", "$5") == "Tickets cost"
    assert _about("Tickets cost $5 or $6 at the gate.", "$6") == "at the gate"
    assert _about("Sales slowed, though he said margins held at 12% this spring.", "12%") == "said margins held"
    both = "The Arden index rose 1.2% while Marlow's Varn Index VRN fell 0.8%."
    assert _about(both, "1.2%") == "Arden index rose"
    assert "while" not in _about(both, "0.8%") and _about(both, "0.8%").endswith("fell")
    assert _about("Revenue fell; profit rose 9% to a record.", "9%") == "profit rose to a record"


def _subject(article: str, value: float, entities: set[str], sentence: str) -> FigureSubject:
    return FigureSubject(article, "money", "USD", FigureRef(article=article, text=str(value), value=value),
                         frozenset(entities), key_words(sentence))


def test_sources_that_report_one_deal_differently_are_found() -> None:
    a = _subject("a", 2.0e9, {"org-borealis", "org-tessel"}, "Borealis will invest $2 billion in Tessel.")
    b = _subject("b", 2.3e9, {"org-borealis", "org-tessel"}, "Borealis is investing nearly $2.3 billion in Tessel.")
    c = _subject("c", 9.0e9, {"org-borealis"}, "Borealis reported $9 billion in revenue.")
    same = _subject("d", 2.0e9, {"org-borealis", "org-tessel"}, "Borealis will invest $2 billion in Tessel.")
    found = disagreements([a, b, c])
    assert [sorted(f.article for f in d.figures) for d in found] == [["a", "b"]]
    assert disagreements([a, same]) == []  # the same number twice is agreement
