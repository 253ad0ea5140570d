"""After any change to the files (an edit, a copy, a file gone), the index shows what a fresh index of the same files
shows: the same articles under the same ids, the same stories with their copies, the same entities with their counts
(issue 20: the index is a function of the files, whoever indexed them in whatever order). Each on both stores."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from brief.pipeline.index.library import Library

pytestmark = pytest.mark.usefixtures("store")


def _shown(lib: Library) -> tuple[list[tuple[str, str, int, int, int]], list[tuple[str, str, str, int, int]]]:
    articles = sorted((r.slug, r.title, r.copies, r.people, r.organizations) for r in lib.rows(None, 0, 1000))
    entities = sorted((r.slug, r.type, r.name, r.mentions, r.articles) for kind in ("person", "organization", "place")
                      for r in lib.entity_rows(kind, 0, 1000))
    return articles, entities


def _as_fresh(lib: Library, root: Path, tmp_path: Path) -> None:
    """``lib`` (updated after a change) shows what a new index of ``root`` shows (on PostgreSQL, in a schema of its
    own: the test's schema is ``lib``'s)."""
    mine = _shown(lib)
    if not os.environ.get("BRIEF_INDEX_URL"):
        fresh = Library([root], cache_dir=tmp_path / "fresh")
        fresh.update(workers=1)
        assert mine == _shown(fresh)
        return
    from pg import fresh_schema

    with fresh_schema() as url:
        fresh = Library([root], cache_dir=tmp_path / "fresh", index_url=url)
        fresh.update(workers=1)
        assert mine == _shown(fresh)


def _tagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tags: list[tuple[str, str, str]],
            files: dict[str, str]) -> tuple[Path, Library]:
    """The folder news/ of ``files`` indexed, its names tagged as ``tags`` say (pattern, label, source)."""
    from test_arrival_order import _tag_with_sources

    _tag_with_sources(monkeypatch, tags)
    root = tmp_path / "news"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    return root, lib


FLOODS = ("Floods in New York\n\nBy Hana Sorel\n\nThe office in New York shut on Monday; the New-York office stays "
          "open.\n")


def test_a_name_written_two_ways_in_a_small_update_gets_two_ids(tmp_path: Path) -> None:
    """A re-open's few articles: one writes a place with a space and with a hyphen (two entities whose ids clash)."""
    root = tmp_path / "news"
    root.mkdir()
    (root / "first.txt").write_text("Velmora council meets\n\nBy Hana Sorel\n\nThe council of Velmora met on Monday.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (root / "floods.txt").write_text(FLOODS)
    report = lib.update(workers=1)
    assert not report.skipped and report.added == 1
    slugs = {r.slug for r in lib.entity_rows("place", 0, 100)}
    assert {"place-new-york", "place-new-york-2"} <= slugs
    _as_fresh(lib, root, tmp_path)


@pytest.mark.sqlite_only("the writer's own caches, the same on both stores")
def test_two_ways_of_one_name_get_two_ids_wherever_the_writer_stops_asking_one_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer asks the index for each id for its first LOOKUPS, then reads them all once: an entity of the batch
    not yet written was missing from that read, and a second way of writing its name took its id."""
    from brief.pipeline.index import writer

    root = tmp_path / "news"
    root.mkdir()
    (root / "floods.txt").write_text(FLOODS)
    for lookups in range(0, 24):
        monkeypatch.setattr(writer, "LOOKUPS", lookups)
        lib = Library([root], cache_dir=tmp_path / f"cache-{lookups}")
        assert not lib.update(workers=1).skipped, lookups
        assert {"place-new-york", "place-new-york-2"} <= {r.slug for r in lib.entity_rows("place", 0, 100)}, lookups


def test_ids_of_one_name_number_down_when_an_earlier_file_by_path_takes_one(tmp_path: Path) -> None:
    """Two files named ``report.txt`` (``report``, ``report-2``); a copy of the first put under a name earlier by
    path is shown there: the article's id moves, and the other report takes ``report``, as in a fresh index."""
    root = tmp_path / "news"
    for desk, text in (("north", "Orlane Telecom cuts prices\n\nBy Nadia Fenwick\n\nOrlane Telecom cut its prices "
                                 "by 10% on Friday, its chief executive Mara Velko said.\n"),
                       ("south", "Tesmir Motors recalls cars\n\nBy Felix Arnaud\n\nTesmir Motors recalled 4,000 cars "
                                 "on Wednesday, the company said.\n")):
        (root / desk).mkdir(parents=True)
        (root / desk / "report.txt").write_text(text)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert sorted(r.slug for r in lib.rows()) == ["report", "report-2"]
    shutil.copy(root / "north" / "report.txt", root / "north" / "a-report.txt")
    lib.update(workers=1)
    assert sorted(r.slug for r in lib.rows()) == ["a-report", "report"]
    _as_fresh(lib, root, tmp_path)


def test_when_the_first_file_of_a_story_goes_its_copy_is_shown_as_in_a_fresh_index(tmp_path: Path) -> None:
    """``a.txt`` and ``z.txt`` the same text, ``m.txt`` a near copy of it: one story shown as ``a``. With ``a.txt``
    gone, the story is shown at the first of what is left by path (``m``), not at the other file of ``a``'s text."""
    root = tmp_path / "news"
    root.mkdir()
    story = ("Velmora floods close the coastal road\n\nBy Lena Ostrava\n\nFloods in Velmora closed the coastal road "
             "on Sunday, the regional council said. About 1,200 homes lost power and 40 families were moved to the "
             "school in Velmora. The council said repairs would cost $12 million and take three weeks. Quorvex Corp. "
             "sent two trucks of water.\n")
    (root / "a.txt").write_text(story)
    (root / "z.txt").write_text(story)
    (root / "m.txt").write_text(story.replace("two trucks of water.", "two trucks of water today."))
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert [(r.slug, r.copies) for r in lib.rows()] == [("a", 1)]
    (root / "a.txt").unlink()
    lib.update(workers=1)
    assert [(r.slug, r.copies) for r in lib.rows()] == [("m", 1)]
    _as_fresh(lib, root, tmp_path)


def test_a_feed_edited_between_two_batches_keeps_every_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed of six entries, one retitled: its entries land in three transactions; each removed the feed's entries
    it had not written itself (four lost for good: the feed, read, is not read again until it changes)."""
    from brief.pipeline.index import update

    monkeypatch.setattr(update, "BATCH", 2)
    root = tmp_path / "news"
    root.mkdir()
    items = "".join(f"<item><title>Velmora port news {i}</title><guid>g{i}</guid><description>Jane Roe said the "
                    f"port of Velmora moved {i + 2} million tonnes, up {i + 3}% on the year.</description></item>"
                    for i in range(6))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Wire</title>{items}</channel></rss>'
    (root / "wire.xml").write_text(feed)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert lib.count() == 6
    (root / "wire.xml").write_text(feed.replace("Velmora port news 4", "Velmora port news, corrected"))
    report = lib.update(workers=1)
    assert (report.added, report.removed) == (1, 0)  # one entry edited in place
    assert sorted(r.title for r in lib.rows()) == sorted(f"Velmora port news {i}" for i in (0, 1, 2, 3, 5)) + [
        "Velmora port news, corrected"]
    _as_fresh(lib, root, tmp_path)


def test_a_merge_the_user_made_is_kept_whatever_the_weights(tmp_path: Path) -> None:
    """A person written by surname ("Mr. Halvek") merged by the user into a name the text gives as another type,
    written far more often: the merge stands (the writer's own re-weighing of two types' joins at a batch's end
    parted them again, under the second's id, named as the first)."""
    from brief.config import Fix

    root = tmp_path / "news"
    root.mkdir()
    (root / "a.txt").write_text("Talks resume at the border\n\nBy Hana Sorel\n\nMr. Halvek said on Monday that the "
                                "talks would resume. Halvek told reporters the plan would go ahead in May.\n")
    (root / "b.txt").write_text("Floods in Tarvane close roads\n\nBy Omar Takel\n\n" + " ".join(
        f"Tarvane sent {n} trucks on Sunday, and officials in Tarvane said the road was shut." for n in range(2, 14))
        + "\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    lib.correct(Fix("merge", "Halvek", "Tarvane"))
    lib.update(workers=1)
    named = {r.name: r.slug for kind in ("person", "organization", "place") for r in lib.entity_rows(kind, 0, 100)}
    assert "Tarvane" in named and "Halvek" not in named, named


def test_articles_count_the_people_and_firms_they_name_after_a_later_batch_parts_a_name(tmp_path: Path) -> None:
    """The firm Tarnholm Inc. and three articles on the town Tarnholm: the town's mentions joined the heavier firm,
    and each town article counted one organization. Four more town articles, and the town weighs more: its mentions
    part from the firm, and the three older articles name no organization, as in a fresh index (they still counted
    one: only the articles of the batch and those of an entity retyped were counted again)."""
    root = tmp_path / "news"
    root.mkdir()
    (root / "firm.txt").write_text("Sales rise at a toolmaker\n\nBy Lena Ostrava\n\nTarnholm Inc. said on Monday that "
                                   "sales rose 6% to $45 million.\n")

    def town(i: int) -> None:
        (root / f"town-{i}.txt").write_text(f"Storm reaches Tarnholm\n\nBy Omar Takel\n\nA storm reached Tarnholm on "
                                            f"day {i}, officials said. Roads in Tarnholm were closed and schools in "
                                            "Tarnholm shut. The mayor of Tarnholm said repairs would take a week.\n")

    for i in range(1, 4):
        town(i)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    for i in range(4, 8):
        town(i)
    lib.update(workers=1)
    counts = {r.slug: (r.people, r.organizations) for r in lib.rows(None, 0, 100)}
    assert counts["town-1"] == counts["town-7"] == (1, 0), counts
    _as_fresh(lib, root, tmp_path)


def test_an_article_counts_the_firm_a_later_batch_merged_its_place_into(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Velmora" a place in one article (no organization named, its byline's person), the firm Velmora in a later
    batch's, named more: the two are one entity, the firm, and the first article names one organization, as in a
    fresh index (the merge moved its mention to the firm, which kept its type: only the articles it moved are
    counted again, not those of the batch or of an entity retyped)."""
    from test_arrival_order import _tag_with_sources

    _tag_with_sources(monkeypatch, [(r"(?<=in )Velmora", "place", "model"),
                                    (r"Velmora(?= said| sold)", "organization", "model")])
    root = tmp_path / "news"
    root.mkdir()
    (root / "roads.txt").write_text("Roads closed\n\nBy Omar Takel\n\nRoads in Velmora were closed on Monday.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert {r.slug: (r.people, r.organizations) for r in lib.rows(None, 0, 100)}["roads"] == (1, 0)
    (root / "sales.txt").write_text("Sales rise\n\nBy Omar Takel\n\nVelmora said on Monday that sales rose. Velmora "
                                    "sold more tools than a year ago, Velmora said.\n")
    lib.update(workers=1)
    assert [r.slug for r in lib.entity_rows("organization", 0, 100)] == ["org-velmora"]
    counts = {r.slug: (r.people, r.organizations) for r in lib.rows(None, 0, 100)}
    assert counts == {"roads": (1, 1), "sales": (1, 1)}, counts
    _as_fresh(lib, root, tmp_path)


def test_an_article_added_by_a_later_brief_counts_the_firm_its_lone_name_joined(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The firm Drellum Holdings, and "Drellum" alone, which the model takes for a person, joined to it in a first
    index; a later brief (which has read no entity's type yet) adds an article naming "Drellum" alone: found as the
    firm by that name, and the article's row says one organization and its byline's one person, as in a fresh
    index (its counts are made from its mentions' labels where the entity's type was not read: counted again only
    where a merge or a vote changed them, the list said two people and no firm)."""
    from test_arrival_order import _tag_with_sources

    _tag_with_sources(monkeypatch, [(r"Drellum Holdings", "organization", "model"),
                                    (r"Drellum(?! Holdings)", "person", "model"),
                                    (r"Omar Takel", "person", "model")])
    root = tmp_path / "news"
    root.mkdir()
    for i in range(3):
        (root / f"firm-{i}.txt").write_text(f"Sales rise\n\nBy Omar Takel\n\nDrellum Holdings said on day {i} that "
                                            "sales rose. Drellum Holdings sold more tools than a year ago.\n")
    (root / "lone.txt").write_text("Tools sell\n\nBy Omar Takel\n\nDrellum sold more tools, the firm said.\n")
    Library([root], cache_dir=tmp_path / "cache").update(workers=1)
    (root / "later.txt").write_text("Tools sold\n\nBy Omar Takel\n\nDrellum sold tools again, the firm said.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert [r.slug for r in lib.entity_rows("person", 0, 100)] == ["per-omar-takel"]
    counts = {r.slug: (r.people, r.organizations) for r in lib.rows(None, 0, 100)}
    assert counts["later"] == (1, 1), counts
    _as_fresh(lib, root, tmp_path)


def test_a_file_named_as_the_person_it_names_keeps_its_id_in_a_small_update(tmp_path: Path) -> None:
    """A re-open adds ``per-tarla-quenby.txt``, which names Tarla Quenby: the article has the id its file gives, the
    person the next one, as in a fresh index (its people are found before its row is written: two had one id)."""
    root = tmp_path / "news"
    root.mkdir()
    (root / "first.txt").write_text("Velmora council meets\n\nBy Hana Sorel\n\nThe council of Velmora met on Monday.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (root / "per-tarla-quenby.txt").write_text("Port chief named\n\nBy Omar Takel\n\nTarla Quenby was named port "
                                               "chief on Wednesday. Tarla Quenby said the docks would reopen.\n")
    assert lib.update(workers=1).added == 1
    assert "per-tarla-quenby" in {r.slug for r in lib.rows(None, 0, 100)}
    assert "per-tarla-quenby-2" in {r.slug for r in lib.entity_rows("person", 0, 100)}
    _as_fresh(lib, root, tmp_path)


@pytest.mark.parametrize(("first", "second"), [("per-ilvo-quenvast.txt", "per-ilvo-quenvast-2.txt"),
                                               ("a/per-ilvo-quenvast.txt", "b/per-ilvo-quenvast-2.txt")])
def test_a_file_named_as_the_next_id_of_a_person_takes_it_and_the_person_numbers_its_own_name(
        tmp_path: Path, first: str, second: str) -> None:
    """``per-ilvo-quenvast.txt`` names Ilvo Quenvast: the person is ``per-ilvo-quenvast-2``. A re-open adds
    ``per-ilvo-quenvast-2.txt``, naming him again: the article has the id its file gives, and the person the next
    one of his own name, ``per-ilvo-quenvast-3``, as in a fresh index, whichever file comes first by path (he was
    numbered as a holder of the id he held, ``per-ilvo-quenvast-2-2``; a fresh index gave that too where his first
    file came first)."""
    root = tmp_path / "news"
    for name in (first, second):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / first).write_text("Port chief named\n\nBy Omar Takel\n\nIlvo Quenvast was named port chief on "
                              "Wednesday. Ilvo Quenvast said the docks would reopen.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert "per-ilvo-quenvast-2" in {r.slug for r in lib.entity_rows("person", 0, 100)}
    (root / second).write_text("Docks reopen\n\nBy Omar Takel\n\nThe docks reopened on Friday, Ilvo Quenvast "
                               "said.\n")
    assert lib.update(workers=1).added == 1
    assert sorted(r.slug for r in lib.rows(None, 0, 100)) == ["per-ilvo-quenvast", "per-ilvo-quenvast-2"]
    people = {r.slug for r in lib.entity_rows("person", 0, 100)}
    assert "per-ilvo-quenvast-3" in people and "per-ilvo-quenvast-2-2" not in people, people
    _as_fresh(lib, root, tmp_path)


def test_a_file_named_as_the_next_id_of_two_files_takes_it_from_the_second(tmp_path: Path) -> None:
    """``x/report.txt`` and ``y/report.txt`` are ``report`` and ``report-2``; ``a/report-2.txt`` added takes the id
    its file gives, and the second report the next one of its own name, ``report-3``, as in a fresh index (it was
    numbered as a holder of ``report-2``, the id it held: ``report-2-2``)."""
    root = tmp_path / "news"

    def note(path: str, day: int) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"Docks note {day}\n\nBy Omar Takel\n\nThe docks reopened on day {day}, officials "
                                 "said.\n")

    note("x/report.txt", 1)
    note("y/report.txt", 2)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    note("a/report-2.txt", 3)
    assert lib.update(workers=1).added == 1
    assert sorted((r.title, r.slug) for r in lib.rows(None, 0, 100)) == [
        ("Docks note 1", "report"), ("Docks note 2", "report-3"), ("Docks note 3", "report-2")]
    _as_fresh(lib, root, tmp_path)


BRELL = {"tomas-brell.txt": "Quorvex names Tomas Brell chief\n\nBy Hana Sorel\n\nQuorvex Corp. named Tomas Brell its "
                            "chief executive on Monday. Tomas Brell said revenue rose 12% to $340 million last year.\n",
         "ines-brell.txt": "Lantica appoints Ines Brell\n\nBy Kofi Marand\n\nInes Brell, the chief executive of "
                           "Lantica Holdings, said on Wednesday that profit rose 9% to $85 million.\n",
         "brell-alone.txt": "Brell sets out a plan for the ports\n\nBy Omar Takel\n\nMr. Brell said on Tuesday that "
                            "the plan would go ahead. Brell told reporters that the ports would reopen in May.\n"}


@pytest.mark.parametrize(("files", "gone"), [(list(BRELL), "ines-brell.txt"),
                                             (["tomas-brell.txt", "brell-alone.txt"], "tomas-brell.txt")])
def test_a_surname_alone_is_settled_again_when_a_full_name_of_it_goes(tmp_path: Path, files: list[str],
                                                                      gone: str) -> None:
    """Tomas Brell, Ines Brell and "Mr. Brell" alone: the surname alone is neither of the two. Ines Brell's file goes:
    "Brell" is Tomas Brell, as in a fresh index (it stayed a person of its own). Or Tomas Brell and "Mr. Brell" alone
    (one entity, Tomas Brell's), and Tomas Brell's file goes: "Brell" is a person of its own again, as in a fresh
    index (an entity with Tomas Brell's id and no mention of him stayed)."""
    root = tmp_path / "news"
    root.mkdir()
    for name in files:
        (root / name).write_text(BRELL[name])
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (root / gone).unlink()
    lib.update(workers=1)
    _as_fresh(lib, root, tmp_path)


OSKAVEL = {"oskavel-shares.txt": "Shares climb\n\nBy Lena Ostrava\n\n" + " ".join(
               f"Oskavel shares rose {n}% on day {n}." for n in range(2, 12)) + "\n",
           "oskavel-spoke.txt": "Harbour talks\n\nBy Lena Ostrava\n\nOskavel spoke on Monday about the harbour.\n",
           "mr-oskavel.txt": "Ports plan\n\nBy Lena Ostrava\n\nMr. Oskavel said on Friday that the plan would go "
                             "ahead.\n"}
OSKAVEL_TAGS = [(r"Oskavel(?= spoke)", "person", "model"), (r"Oskavel(?= shares)", "organization", "model"),
                (r"(?<=Mr\. )Oskavel", "person", "rule:honorific")]


def test_when_the_only_article_whose_text_typed_a_name_goes_the_name_is_one_entity_as_in_a_fresh_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The firm Oskavel (ten mentions), "Oskavel" once taken for a person, and "Mr. Oskavel" (a person by his text):
    a person of his own, who holds the other person's mention. With "Mr. Oskavel"'s article gone, nothing types the
    name a person by its text: the lone person's mention is the heavier firm's, one entity, as in a fresh index."""
    root, lib = _tagged(tmp_path, monkeypatch, OSKAVEL_TAGS, OSKAVEL)
    assert {r.slug for r in lib.entity_rows("person", 0, 100)} >= {"per-oskavel"}
    (root / "mr-oskavel.txt").unlink()
    lib.update(workers=1)
    assert "per-oskavel" not in {r.slug for r in lib.entity_rows("person", 0, 100)}
    _as_fresh(lib, root, tmp_path)



def test_a_full_name_ignored_leaves_its_surname_to_the_other_as_in_a_fresh_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tomas Brell, Ines Brell and an article naming only "Brell" (two full names: the surname a person of its own).
    The user ignores "Ines Brell": one full name is left, and "Brell" is Tomas Brell's, as in a fresh index."""
    root = tmp_path / "news"
    root.mkdir()
    for name, text in BRELL.items():
        (root / name).write_text(text)
    config = tmp_path / "brief.toml"
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert "per-brell" in {r.slug for r in lib.entity_rows("person", 0, 100)}
    lib.close()
    config.write_text('ignore = ["Ines Brell"]\n')
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    people = {r.slug: r.articles for r in lib.entity_rows("person", 0, 100)}
    assert "per-brell" not in people and "per-ines-brell" not in people and people["per-tomas-brell"] == 2
    _as_fresh(lib, root, tmp_path)


def test_the_writer_reads_more_entities_at_once_than_a_statement_takes_parameters(tmp_path: Path) -> None:
    """Removing a large folder touches tens of thousands of people: the writer read them in one statement each, past
    PostgreSQL's 65,535 parameters, and the removal (then every later update) failed. Called on that many ids."""
    from brief.pipeline.index.writer import Writer

    root = tmp_path / "news"
    root.mkdir()
    (root / "quen.txt").write_text("Harbour chief named\n\nBy Omar Takel\n\nTomas Quen was named harbour chief on "
                                   "Wednesday. Tomas Quen said the ports would reopen in May.\n")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (quen,) = [e for (e,) in lib.db.execute("SELECT id FROM entities WHERE slug = 'per-tomas-quen'")]
    writer = Writer(lib.db)
    many = [quen, *range(10**7, 10**7 + 70_000)]
    assert writer._kinds_of(many) == {quen: ("person", "", "per-tomas-quen")}
    writer.touched.update(many)
    writer._forgot = True
    writer._full_name = lambda entity: True  # type: ignore[method-assign]  # (as many full names as ids)
    writer.finish()
    assert [r.slug for r in lib.entity_rows("person", 0, 100) if "quen" in r.slug] == ["per-tomas-quen"]


def _keys(lib: Library, name: str) -> list[tuple[str, str]]:
    """The keys of the entities of that name (slug, key), sorted."""
    return sorted((slug, key) for key, slug in lib.db.execute(
        "SELECT k.key, e.slug FROM entity_keys k JOIN entities e ON e.id = k.entity_id") if name in key)


DRELLING_SAID = "Costs to fall\n\nBy Omar Takel\n\nDrelling said on Friday that costs would fall by 4%.\n"
DRELLING_FIRM = "Sales rise\n\nBy Omar Takel\n\n" + " ".join(f"Drelling Corp. said sales rose {n}% on day {n}."
                                                              for n in range(2, 5)) + "\n"
DRELLING_MR = ("Ports plan\n\nBy Hana Sorel\n\nMr. Drelling said on Tuesday that the plan would go ahead. Drelling "
               "told reporters the ports would reopen.\n")
DRELLING_TAGS = [(r"Drelling(?= said on Friday)", "person", "model"), (r"Drelling Corp\.", "organization",
                                                                        "rule:legal-suffix"),
                 (r"(?<=Mr\. )Drelling", "person", "rule:honorific"), (r"Drelling(?= told)", "person", "model")]


@pytest.mark.parametrize(("before", "after"), [({"said.txt": DRELLING_SAID, "firm.txt": DRELLING_FIRM},
                                                {"firm.txt": None}),
                                               ({"firm.txt": DRELLING_FIRM, "said.txt": DRELLING_SAID},
                                                {"said.txt": None}),
                                               ({"plan.txt": DRELLING_MR}, {"plan.txt": DRELLING_FIRM})])
def test_a_name_of_two_types_keeps_no_key_of_the_type_whose_articles_went(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: dict[str, str], after: dict[str, str | None]) -> None:
    """"Drelling said" (a person) and the firm Drelling Corp.: one entity, which holds the keys of both types
    (``p1:drelling``, ``o:drelling``). The firm's file goes: the person keeps no ``o:`` key, as in a fresh index (it
    stayed, and a firm Drelling that came later joined the person by it). The other way round, the firm keeps no
    ``p1:`` key; and so for a file naming "Mr. Drelling" rewritten to name the firm (the person left with no mention
    joined the firm as the batch ended, ``p1:`` key and all)."""
    root, lib = _tagged(tmp_path, monkeypatch, DRELLING_TAGS, before)
    assert {key.partition(":")[0] for _slug, key in _keys(lib, "drelling")} - {"n", "t"} == (
        {"p1"} if "plan.txt" in before else {"p1", "o"}), _keys(lib, "drelling")
    for name, text in after.items():
        if text is None:
            (root / name).unlink()
        else:
            (root / name).write_text(text)
    lib.update(workers=1)
    kinds = {key.partition(":")[0] for _slug, key in _keys(lib, "drelling")} - {"n", "t"}
    assert len(kinds) == 1, _keys(lib, "drelling")
    _as_fresh(lib, root, tmp_path)


QUENDRY = {"plan.txt": "Ports plan\n\nBy Hana Sorel\n\nMr. Quendry said on Tuesday that the plan would go ahead. "
                       "Quendry told reporters the ports would reopen.\n",
           "named.txt": "Harbour chief named\n\nBy Hana Sorel\n\nThe harbour board named Tomas Quendry its chief on "
                        "Monday.\n",
           "later.txt": "Ports reopen\n\nBy Hana Sorel\n\nThe ports reopened on Friday, Quendry said.\n"}
QUENDRY_TAGS = [(r"(?<=Mr\. )Quendry", "person", "rule:honorific"), (r"Quendry(?= (told|said))", "person", "model"),
                (r"Tomas Quendry", "person", "model"), (r"Hana Sorel", "person", "model")]


def test_a_surname_alone_keeps_its_keys_when_its_full_name_goes_in_a_batch_that_reads_every_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Mr. Quendry" alone and Tomas Quendry: one person, Tomas Quendry's. His file goes in an update whose writer
    reads the keys all at once (past its first LOOKUPS: a large update's): the surname alone is a person of its own
    again, with the keys of a surname alone (``p1:``, ``n:``), as in a fresh index, and "Quendry" in a later article
    is him (the keys, deferred as the batch was settled, were never written: the next batch dropped them)."""
    from test_arrival_order import _tag_with_sources

    from brief.pipeline.index import writer

    _tag_with_sources(monkeypatch, QUENDRY_TAGS)
    monkeypatch.setattr(writer, "LOOKUPS", 0)
    root = tmp_path / "news"
    root.mkdir()
    for name in ("plan.txt", "named.txt"):
        (root / name).write_text(QUENDRY[name])
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (root / "named.txt").unlink()
    lib.update(workers=1)
    assert _keys(lib, "quendry") == [("per-quendry", "n:quendry"), ("per-quendry", "p1:quendry"),
                                     ("per-quendry", "t:person:quendry")]
    (root / "later.txt").write_text(QUENDRY["later.txt"])
    lib.update(workers=1)
    assert {r.slug: r.articles for r in lib.entity_rows("person", 0, 100) if "quendry" in r.slug} == {"per-quendry": 2}
    _as_fresh(lib, root, tmp_path)


QUENBY_NAMED = ("Harbour chief named\n\nBy Hana Sorel\n\nHalvard Quenby was named harbour chief on Monday. Quenby "
                "added that the docks would reopen.\n")
QUENBY_TOWN = "Floods\n\nBy Hana Sorel\n\nFloods in Quenby closed the roads on Sunday.\n"
QUENBY_TAGS = [(r"Halvard Quenby", "person", "model"), (r"Quenby(?= added)", "person", "model"),
               (r"(?<=in )Quenby", "place", "model"), (r"Hana Sorel", "person", "model")]


def test_a_retype_undone_types_again_the_entity_it_typed_by_a_way_of_writing_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Halvard Quenby, written "Quenby" too; the user types "Quenby" an organization: no entity is shown so, and the
    fix types him, written so. The town Quenby comes meanwhile. The user undoes the retype: Halvard Quenby is a person
    again, as in an index that never had the fix (the undo typed again only the entities shown as "Quenby" by then,
    the town, and he stayed an organization)."""
    from test_arrival_order import _tag_with_sources

    from brief.config import Fix

    _tag_with_sources(monkeypatch, QUENBY_TAGS)
    root = tmp_path / "news"
    root.mkdir()
    (root / "named.txt").write_text(QUENBY_NAMED)
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    lib.correct(Fix("type", "Quenby", "organization"))
    assert [r.slug for r in lib.entity_rows("organization", 0, 100)] == ["org-halvard-quenby"]
    (root / "town.txt").write_text(QUENBY_TOWN)
    lib.update(workers=1)
    lib.undo_fix()
    lib.update(workers=1)
    assert [r.slug for r in lib.entity_rows("organization", 0, 100)] == []
    assert "per-halvard-quenby" in {r.slug for r in lib.entity_rows("person", 0, 100)}
    _as_fresh(lib, root, tmp_path)


def test_an_article_that_bridges_two_stories_counts_them_as_one_for_each_entity_they_name(tmp_path: Path) -> None:
    """a.txt and c.txt are two stories that both name Jane Roe; b.txt, a near copy of each, comes in a later update
    and makes them one: she counts one story fewer, as in a fresh index of the files, and every entity's count is its
    stories counted again (the count is taken off as the counts are added, not counted again over all her mentions)."""
    from older_stories import write_bridged

    from brief.pipeline.index.schema import STORIES

    root = write_bridged(tmp_path / "news")
    (root / "b.txt").rename(tmp_path / "b.txt")
    lib = Library([root], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    before = {r.slug: r.articles for r in lib.entity_rows("person", 0, 100)}
    (tmp_path / "b.txt").rename(root / "b.txt")
    assert lib.update(workers=1).added == 1
    after = {r.slug: r.articles for r in lib.entity_rows("person", 0, 100)}
    assert after["per-jane-roe"] == before["per-jane-roe"] - 1, (before, after)
    counted = lib.db.execute(f"SELECT id, article_count, {STORIES.format(entity='entities.id')} FROM entities")
    assert [(e, n) for e, n, stories in counted if n != stories] == []
    _as_fresh(lib, root, tmp_path)
