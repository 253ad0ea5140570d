"""The index is a function of the set of articles, not of the order they arrive in (issue 20: several writers on one
shared index add the same folders in any order): the exports (JSON and the full Markdown) are the same, byte for
byte, whichever folder is indexed first, and whether one writer or three at once indexed them.

The corpus holds what used to depend on the order: a surname alone, said before and after a second person of that
surname appears (of one word, "Brell", and of two, "Van Dorel"); a company written "Quorvex Corp." in one folder and
"Quorvex" in the other; the same story in both folders (which copy the list shows); three versions of one story, each
a near copy of the next but the first and the last not of each other (which story the copies join); two files of one
name in the two folders (which article is ``report`` and which ``report-2``); one file copied under another name into
the other folder (which of the two paths the article is shown at).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from invented import write_corpus
from pg import COMMITS

REPO = Path(__file__).resolve().parent.parent

NORTH = {
    "brell-named.txt": "Quorvex Corp. names Tomas Brell chief executive\n\nBy Hana Sorel\n\n"
                       "Quorvex Corp. named Tomas Brell its chief executive on Monday. Tomas Brell said revenue rose "
                       "12% to $340 million last year. The board of Quorvex Corp. approved the move.\n",
    "brell-alone.txt": "Brell sets out a plan for the ports\n\nBy Omar Takel\n\n"
                       "Mr. Brell said on Tuesday that the plan would go ahead. Brell told reporters that the ports "
                       "would reopen in May, and Brell added that costs would fall by 8%.\n",
    "zz-story.txt": "Velmora floods close the coastal road\n\nBy Lena Ostrava\n\n"
                    "Floods in Velmora closed the coastal road on Sunday, the regional council said. About 1,200 "
                    "homes lost power and 40 families were moved to the school in Velmora. The council said repairs "
                    "would cost $12 million and take three weeks. Quorvex Corp. sent two trucks of water.\n",
}
SOUTH = {
    "ines-brell.txt": "Lantica Holdings appoints Ines Brell\n\nBy Kofi Marand\n\n"
                      "Ines Brell, the chief executive of Lantica Holdings, said on Wednesday that profit rose 9% to "
                      "$85 million. Quorvex, a rival, declined to comment. Ines Brell joined Lantica Holdings in "
                      "2019.\n",
    "aa-story.txt": "Velmora floods close the coastal road\n\nBy Lena Ostrava\n\n"
                    "Floods in Velmora closed the coastal road on Sunday, the regional council said. About 1,200 "
                    "homes lost power and 40 families were moved to the school in Velmora. The council said repairs "
                    "would cost $12 million and take three weeks. Quorvex Corp. sent two trucks of water today.\n",
}

TWIN = ("Marlow Bank opens a branch\n\nBy Kofi Marand\n\nMarlow Bank opened a branch in Velmora on Monday, its chief "
        "executive Ada Quillon said.\n")
NORTH |= {
    "tomas-van-dorel.txt": "Kelvane Foods hires Tomas Van Dorel\n\nBy Ada Quillon\n\nTomas Van Dorel, the chief "
                           "executive of Kelvane Foods, said on Monday that sales rose 7% to $52 million.\n",
    "van-dorel-alone.txt": "Van Dorel warns of higher costs\n\nBy Omar Takel\n\nMr. Van Dorel said on Tuesday that "
                           "costs would rise by 5%. Van Dorel told reporters the plan would wait until June.\n",
    "kelvane-results.txt": "Kelvane Foods reports results\n\nBy Ada Quillon\n\nKelvane Foods said on Friday that "
                           "profit rose 4% to $9 million, its chief executive Tomas Van Dorel said.\n",
    "zz-twin.txt": TWIN,
    "report.txt": "Orlane Telecom cuts prices\n\nBy Nadia Fenwick\n\nOrlane Telecom cut its prices by 10% on Friday, "
                  "its chief executive Mara Velko said.\n",
}
SOUTH |= {
    "copy-of-results.txt": NORTH["kelvane-results.txt"],  # the same file in both folders
    "ines-van-dorel.txt": "Ines Van Dorel joins Marlow Bank\n\nBy Kofi Marand\n\nInes Van Dorel, the chief financial "
                          "officer of Marlow Bank, said on Thursday that profit fell 3% to $18 million.\n",
    "aa-twin.txt": TWIN,  # (the same file in both folders, each first by path in its own: two copies listed)
    "report.txt": "Tesmir Motors recalls cars\n\nBy Felix Arnaud\n\nTesmir Motors recalled 4,000 cars on Wednesday, "
                  "the company said.\n",
}


def _versions() -> list[str]:
    """Three versions of one story (a window sliding over one text of invented words): the second a near copy of
    the first and of the third, the first and the third not near copies of each other."""
    from brief.pipeline import ingest
    from brief.pipeline.index import dedup

    rng = random.Random(32)
    syllables = ("ka", "lo", "mir", "sen", "tu", "vash", "el", "dro", "pim", "zor", "qua", "ne", "bri", "fal")
    words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) for _ in range(90)]
    texts = [f"Velmora council shuts the harbour road\n\nBy Lena Ostrava\n\nThe Velmora council said on Monday that "
             f"{' '.join(words[i * 10:i * 10 + 60])}.\n" for i in range(3)]
    a, b, c = (dedup.sketch(ingest.parse(t).body) for t in texts)
    assert min(dedup.similarity(a, b), dedup.similarity(b, c)) >= dedup.SAME_STORY > dedup.similarity(a, c)
    return texts


def _desks(root: Path) -> list[Path]:
    """Two folders of crafted articles and invented ones (people and firms that recur across both)."""
    invented = write_corpus(root / "invented", 16, seed=5)
    desks = []
    for name, crafted in (("north", NORTH), ("south", SOUTH)):
        desk = root / name
        desk.mkdir(parents=True)
        for file, text in crafted.items():
            (desk / file).write_text(text, encoding="utf-8")
        desks.append(desk)
    first, middle, last = _versions()  # the middle one, which joins the other two, in the other folder
    (desks[0] / "version-1.txt").write_text(first, encoding="utf-8")
    (desks[0] / "version-3.txt").write_text(last, encoding="utf-8")
    (desks[1] / "version-2.txt").write_text(middle, encoding="utf-8")
    for i, path in enumerate(sorted(invented.iterdir())):
        path.rename(desks[i % 2] / f"{path.stem}-{i}.txt")
    return desks


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "BRIEF_CONFIG": str(tmp_path / "config.toml")}
    env.pop("BRIEF_INDEX_URL", None)
    return {**env, **more}


def _exports(cwd: Path, env: dict[str, str], index: list[str], paths: list[str]) -> tuple[str, str]:
    """The JSON export and the full Markdown briefing, as ``brief export`` writes them."""
    out = []
    for extra in (["--format", "json"], ["--format", "markdown", "--full"]):
        done = subprocess.run([sys.executable, "-m", "brief", *index, "export", *paths, *extra], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        out.append(done.stdout)
    return out[0], out[1]


def test_one_writer_gives_the_same_export_whichever_folder_comes_first(tmp_path: Path) -> None:
    """A SQLite index of north then south, and one of south then north: the same JSON and Markdown."""
    _desks(tmp_path)
    env = _env(tmp_path)
    one = _exports(tmp_path, env, ["--cache-dir", str(tmp_path / "c1")], ["north", "south"])
    other = _exports(tmp_path, env, ["--cache-dir", str(tmp_path / "c2")], ["south", "north"])
    assert one[0] == other[0]
    assert one[1] == other[1]
    # two people named Brell: "Brell" alone is neither (its own entity), whoever came first; so of Van Dorel
    assert '"per-brell"' in one[0] and '"per-tomas-brell"' in one[0] and '"per-ines-brell"' in one[0]
    assert '"per-van-dorel"' in one[0] and '"per-tomas-van-dorel"' in one[0]
    # copies of copies are one story, shown as its first version by path
    assert one[1].count("same story as [") == 3  # (the Velmora floods' copy, the second and the third versions)
    # two files named report: the first by path is "report"
    articles = {a["path"]: a["id"] for a in json.loads(one[0])["articles"]}
    assert articles["north/report.txt"] == "report" and articles["south/report.txt"] == "report-2"
    assert articles["north/kelvane-results.txt"] == "kelvane-results" and "south/copy-of-results.txt" not in articles


WRITER = COMMITS + """
import sys
from brief.pipeline.index import library, update
update.BATCH = 2  # many small transactions: the writers interleave (on PostgreSQL a batch holds BATCH articles)
library.Library(sys.argv[1:]).update(workers=1)
print(commits)
"""


@pytest.mark.parametrize("plans", [[["north"], ["south"], ["north", "south"]], [["south", "north"]] * 3],
                         ids=["thirds-and-both", "same-folders-at-once"])
def test_three_writers_at_once_give_one_writers_export(tmp_path: Path, plans: list[list[str]]) -> None:
    """Three writer processes on one PostgreSQL index, each adding folders in its own order while the others
    write: the export is the one writer's, byte for byte."""
    from pg import fresh_schema, server

    server()
    _desks(tmp_path)
    with fresh_schema() as url:
        env = _env(tmp_path)
        alone = _exports(tmp_path, env, ["--index", url], ["north", "south"])  # one writer indexes, then exports
    with fresh_schema() as url:
        env = _env(tmp_path, BRIEF_INDEX_URL=url)
        from brief.pipeline.index import store

        store.connect(url).close()  # the schema made once, before the writers start
        writers = [subprocess.Popen([sys.executable, "-c", WRITER, *plan], cwd=tmp_path, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for plan in plans]
        for w in writers:
            out, err = w.communicate(timeout=600)
            assert w.returncode == 0, err
            assert int(out.split()[-1]) >= 3, out  # each wrote several transactions, among the others'
        together = _exports(tmp_path, env, ["--index", url], ["north", "south"])
    assert together[0] == alone[0]
    assert together[1] == alone[1]


@pytest.mark.usefixtures("store")
def test_a_copy_that_arrives_after_its_story_and_comes_first_by_path_counts_the_story_once(tmp_path: Path) -> None:
    """The story is shown as its copy first by path, whichever arrived first; the people and firms it names count it
    once either way (a copy arriving later and taking the story's place counted it again: 2 stories, not 1)."""
    from brief.pipeline.index.library import Library

    def counts(lib: Library) -> dict[str, int]:
        return {row.name: row.articles for kind in ("person", "organization") for row in lib.entity_rows(kind)}

    later = tmp_path / "later"
    later.mkdir()
    (later / "zz-story.txt").write_text(NORTH["zz-story.txt"])
    lib = Library([later], cache_dir=tmp_path / "cache-later")
    lib.update(workers=1)
    (later / "aa-story.txt").write_text(SOUTH["aa-story.txt"])  # the copy, first by path, indexed second
    lib.update(workers=1)
    assert lib.count() == 1 and lib.rows()[0].copies == 1
    together = tmp_path / "together"
    together.mkdir()
    for name in ("zz-story.txt", "aa-story.txt"):
        (together / name).write_text((later / name).read_text())
    cold = Library([together], cache_dir=tmp_path / "cache-together")
    cold.update(workers=1)
    assert counts(lib) == counts(cold) and counts(lib)["Quorvex Corp."] == 1


@pytest.mark.usefixtures("store")
def test_copies_of_copies_are_one_story_until_the_one_between_them_goes(tmp_path: Path) -> None:
    """Three versions of a story, the second a near copy of the first and of the third: one story, shown as the first
    by path, whichever arrived first. When the second goes, the first and the third are two stories, as if it had
    never been indexed, and the writer who wrote all three counts them twice."""
    from brief.pipeline.index.library import Library

    first, middle, last = _versions()
    folder = tmp_path / "desk"
    folder.mkdir()
    for name, text in (("c-last.txt", last), ("b-middle.txt", middle)):  # the first by path arrives last
        (folder / name).write_text(text, encoding="utf-8")
    lib = Library([folder], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    (folder / "a-first.txt").write_text(first, encoding="utf-8")
    lib.update(workers=1)

    def stories() -> list[tuple[str, int]]:
        return sorted((row.slug, row.copies) for row in lib.rows())

    def stories_of(name: str) -> int:
        return next(row.articles for row in lib.entity_rows("person") if row.name == name)

    assert stories() == [("a-first", 2)] and stories_of("Lena Ostrava") == 1
    (folder / "b-middle.txt").unlink()
    lib.update(workers=1)
    assert stories() == [("a-first", 0), ("c-last", 0)] and stories_of("Lena Ostrava") == 2


@pytest.mark.usefixtures("store")
def test_two_ways_of_writing_one_name_in_one_batch_get_two_ids(tmp_path: Path) -> None:
    """"St. Quorvel" in one file and "St Quorvel" in the next: two places whose ids are made of one name. Created in
    one batch, the second took the id the first held but had not yet written (the index failed, "UNIQUE constraint
    failed: entities.slug", where the two arrived in two batches); each has its own, numbered by its key."""
    from brief.pipeline.index.library import Library

    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "a.txt").write_text("Floods hit Port Velmora\n\nBy Lena Ostrava\n\nFloods hit the town of St. Quorvel on "
                                "Monday, officials in St. Quorvel said.\n", encoding="utf-8")
    (desk / "b.txt").write_text("Roads close in Velmora\n\nBy Lena Ostrava\n\nRoads closed in St Quorvel on Tuesday, "
                                "officials in St Quorvel said.\n", encoding="utf-8")
    lib = Library([desk], cache_dir=tmp_path / "cache")
    lib.update(workers=1)
    assert sorted(row.slug for row in lib.entity_rows("place") if "quorvel" in row.slug) == \
        ["place-st-quorvel", "place-st-quorvel-2"]


FIRM = {"quell-results.txt": "Quell Inc. reports higher sales\n\nBy Lena Ostrava\n\nQuell Inc. said on Monday that "
                             "sales rose 6% to $45 million. Quell Inc. also opened a plant in Velmora.\n",
        "quell-ports.txt": "Ports plan goes ahead\n\nBy Quell\n\nThe plan for the ports of Velmora will go ahead, the "
                           "council said on Tuesday. Costs would fall by 8%.\n"}
PERSON = {"dara-quell.txt": "Dara Quell named harbour chief\n\nBy Omar Takel\n\nDara Quell was named chief of the "
                            "Velmora harbour board on Wednesday. Ms. Quell said the ports would reopen in May.\n"}


def _both_orders(tmp_path: Path, kind: str, folders: dict[str, dict[str, str]], word: str,
                 quotes: bool = False) -> list[list[tuple[Any, ...]]]:
    """The people, firms and places whose id has ``word``, as a real Library indexes the folders in their order and
    in the reverse order (each into an index of its own, on the store ``kind``): (id, type, name, stories)."""
    from brief.pipeline.index.library import Library

    paths = []
    for name, files in folders.items():
        paths.append(tmp_path / name)
        paths[-1].mkdir()
        for file, text in files.items():
            (paths[-1] / file).write_text(text, encoding="utf-8")
    found = []
    for i, order in enumerate((paths, paths[::-1])):
        with contextlib.ExitStack() as stack:
            url = None
            if kind == "postgresql":
                from pg import fresh_schema, server

                server()
                url = stack.enter_context(fresh_schema())
            lib = Library(order, cache_dir=tmp_path / f"cache-{i}", index_url=url)
            lib.update(workers=1)
            found.append(sorted((r.slug, r.type, r.name, r.articles) for k in ("person", "organization", "place")
                                for r in lib.entity_rows(k) if word in r.slug))
            if quotes:  # (and who said what)
                found[-1] += sorted(("quote", q.speaker, q.quote.text) for q in lib.quote_rows(0, 1000))
            lib.close()
    return found


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_person_and_a_firm_of_her_surname_stay_two_whichever_comes_first(tmp_path: Path, kind: str) -> None:
    """The firm Quell Inc. and a byline "Quell" in one folder, Dara Quell ("Ms. Quell") in the other. Indexed firm
    first, the byline joined the firm, and when Dara Quell came the surname carried the firm into her: one entity,
    an organization named "Quell Inc." with her articles; indexed her first, two. Now two either way: a person is
    not joined to another type by her surname, and her byline is hers."""
    firm_first, person_first = _both_orders(tmp_path, kind, {"firm": FIRM, "person": PERSON}, "quell")
    assert firm_first == person_first
    assert firm_first == [("org-quell", "organization", "Quell Inc.", 1), ("per-dara-quell", "person", "Dara Quell", 2)]


TOWNS = {f"town-{i}.txt": f"Storm reaches Tarnholm\n\nBy Omar Takel\n\nA storm reached Tarnholm on day {i}, "
                          "officials said. Roads in Tarnholm were closed and schools in Tarnholm shut. The mayor of "
                          "Tarnholm said repairs would take a week.\n" for i in range(1, 8)}
TOOLMAKER = {"tarnholm-results.txt": "Sales rise at a toolmaker\n\nBy Lena Ostrava\n\nTarnholm Inc. said on Monday "
                                     "that sales rose 6% to $45 million.\n"}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_town_and_a_firm_of_its_name_are_joined_or_not_on_all_their_weight(tmp_path: Path, kind: str) -> None:
    """The firm Tarnholm Inc. (its name typed by its text) in one folder, the town Tarnholm (the model's tag) named
    28 times in the other. Indexed firm first, each town's mention joined the firm, heavier then, and stayed there
    when the town came to weigh more: one place with the firm's article; indexed the town first, two. Now two either
    way: the join is decided again on the weights as the batch ends."""
    firm_first, town_first = _both_orders(tmp_path, kind, {"firm": TOOLMAKER, "towns": TOWNS}, "tarnholm")
    assert firm_first == town_first
    assert firm_first == [("org-tarnholm", "organization", "Tarnholm Inc.", 1),
                          ("place-tarnholm", "place", "Tarnholm", 7)]


GRENET_FIRM = {"grenet-a.txt": "Talks on the harbour\n\nBy Lena Ostrava\n\nHalvard Grenet said on Monday that the "
                               "talks would go on.\n",
               "grenet-b.txt": "Sales rise at a toolmaker\n\nBy Lena Ostrava\n\nHalvard Grenet Corp. said on Monday "
                               "that sales rose 6% to $45 million. Halvard Grenet Corp. also opened a plant in "
                               "Velmora, and Halvard Grenet Corp. hired 40 people.\n"}
GRENET_OFFICE = {f"grenet-{i}.txt": f"Ports plan goes ahead\n\nBy Omar Takel\n\nSecretary Halvard Grenet said on day "
                                    f"{i} that the plan for the ports would go ahead. Secretary Halvard Grenet told "
                                    "reporters that costs would fall.\n" for i in range(1, 4)}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_name_its_texts_give_two_types_is_two_entities_whichever_comes_first(tmp_path: Path, kind: str) -> None:
    """"Halvard Grenet" (the model's person) and "Halvard Grenet Corp." (a firm by its text) in one folder, the
    secretary Halvard Grenet (a person by his text) in the other. Indexed firm first, the firm joined the lighter
    person, the secretary's mentions came to that entity through his name, and the entity, typed by its texts as
    both, was never decided again: one entity; indexed secretary first, two. Now two either way."""
    firm_first, office_first = _both_orders(tmp_path, kind, {"firm": GRENET_FIRM, "office": GRENET_OFFICE}, "grenet")
    assert firm_first == office_first
    assert [(slug, kind) for slug, kind, _name, _n in firm_first] == [("org-halvard-grenet", "organization"),
                                                                       ("per-halvard-grenet", "person")]


VELQOR_FIRM = {"velqor-a.txt": "Harbour talks resume\n\nBy Lena Ostrava\n\nThe toolmaker VelQor said on Monday that "
                               "sales rose 6%. Mr. VelQor told reporters the plant in Velmora would open in May.\n"}
VELQOR_PERSON = {"nolan-velqor.txt": "Nolan VelQor named harbour chief\n\nBy Omar Takel\n\nNolan VelQor was named "
                                     "chief of the Velmora harbour board on Wednesday. Nolan VelQor said the ports "
                                     "would reopen in May.\n"}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_surname_beside_a_firm_of_its_name_in_one_article_is_the_full_names_whichever_comes_first(
        tmp_path: Path, kind: str) -> None:
    """"Mr. VelQor" and the firm VelQor in one article, Nolan VelQor in another. Indexed firm first, the surname joined
    the firm, and when the full name came only the articles that named it as a person alone went to him: "Mr.
    VelQor" stayed with the firm, a person then by his weight; indexed Nolan VelQor first, "Mr. VelQor" was his.
    Now his either way, and the firm is the firm."""
    firm_first, person_first = _both_orders(tmp_path, kind, {"firm": VELQOR_FIRM, "person": VELQOR_PERSON}, "velqor")
    assert firm_first == person_first
    assert [(slug, kind, n) for slug, kind, _name, n in firm_first] == [("org-velqor", "organization", 1),
                                                                         ("per-nolan-velqor", "person", 2)]


RENDAVIK_FIRM = {"rendavik-1.txt": "Harbour talks\n\nBy Lena Ostrava\n\nRendavik spoke on Monday about the harbour.\n",
                 "rendavik-2.txt": "Shares climb\n\nBy Lena Ostrava\n\n" + " ".join(
                     f"Rendavik shares rose {n}% on day {n}." for n in range(2, 32)) + "\n",
                 "rendavik-5.txt": "Ports plan\n\nBy Lena Ostrava\n\nMr. Rendavik said on Friday that the plan would "
                                   "go ahead.\n"}
RENDAVIK_PERSON = {"talia-rendavik.txt": "Harbour chief named\n\nBy Omar Takel\n\nTalia Rendavik was named harbour "
                                         "chief on Wednesday.\n"}
RENDAVIK_TAGS = [(r"Rendavik(?= spoke)", "person", "model"), (r"Rendavik(?= shares)", "organization", "model"),
                 (r"(?<=Mr\. )Rendavik", "person", "rule:honorific"), (r"Talia Rendavik", "person", "model")]


def _tag_with_sources(monkeypatch: pytest.MonkeyPatch, tags: list[tuple[str, str, str]]) -> None:
    """The extractor tags exactly these names, each with a label and the source that typed it (the model, or a rule
    that read the text: ``tagging.tag_with`` gives the model's only)."""
    from brief.pipeline.extract.spans import EntitySpan
    from brief.pipeline.index import engine

    monkeypatch.setattr(engine, "_builtin_entities", lambda texts: [sorted(
        (EntitySpan(m.start(), m.end(), label, 0.9, source) for pattern, label, source in tags
         for m in re.finditer(pattern, text)), key=lambda s: s.start) for text in texts])


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_surname_its_text_types_a_person_beside_a_heavier_firm_is_the_full_names_whichever_comes_first(
        tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Rendavik" a person once, the firm Rendavik thirty times, then "Mr. Rendavik"; Talia Rendavik in the other
    folder. Indexed firm first, the lone person joined the firm, and "Mr. Rendavik", typed by his text, had an entity
    of his own, without the lone word's key: when Talia Rendavik came, she took the person the firm held and not him
    (a person "Rendavik" of his own); indexed her first, both were hers. Now hers either way."""
    _tag_with_sources(monkeypatch, RENDAVIK_TAGS)
    firm_first, person_first = _both_orders(tmp_path, kind, {"firm": RENDAVIK_FIRM, "person": RENDAVIK_PERSON},
                                            "rendavik")
    assert firm_first == person_first
    assert [(slug, kind, n) for slug, kind, _name, n in firm_first] == [("org-rendavik", "organization", 1),
                                                                         ("per-talia-rendavik", "person", 3)]


UNION_PARTY = {"union-talks.txt": "Talks go on\n\nBy Lena Ostrava\n\nVelmora Union of Quorvex said on Monday that the "
                                  "talks would go on.\n",
               "union-vote.txt": "The vote\n\nBy Lena Ostrava\n\n" + " ".join(
                   f"The Velmora Union of Quorvex won {n} seats in district {n}." for n in range(2, 32)) + "\n"}
UNION_LEADER = {"union-leader.txt": "A new leader\n\nBy Omar Takel\n\nMr. Velmora Union of Quorvex said on Friday that "
                                    "he would lead.\n"}
UNION_TAGS = [(r"Velmora Union of Quorvex(?= said on Monday)", "person", "model"),
              (r"(?<=The )Velmora Union of Quorvex", "organization", "model"),
              (r"(?<=Mr\. )Velmora Union of Quorvex", "person", "rule:honorific")]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_party_first_joined_to_a_person_of_its_name_has_its_own_id_whichever_comes_first(
        tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The party "Velmora Union of Quorvex" (thirty times, and once taken for a person) in one folder, a person its
    text says is one ("Mr. ...") in the other. Indexed party first, the party joined its person, whose id it kept
    (``per-velmora-quorvex``, a person's id made of the first and the last word), and when the person of the other
    folder took the person's mentions it was typed an organization as ``org-velmora-quorvex``; indexed the person
    first, the party was ``org-velmora-union-of-quorvex``. An id retyped is made of the name its type gives it (a
    transaction an article: as a writer among others, whose batches end anywhere)."""
    from brief.pipeline.index import update

    _tag_with_sources(monkeypatch, UNION_TAGS)
    monkeypatch.setattr(update, "BATCH", 1)
    party_first, person_first = _both_orders(tmp_path, kind, {"party": UNION_PARTY, "leader": UNION_LEADER},
                                             "quorvex")
    assert party_first == person_first
    assert [(slug, kind) for slug, kind, _name, _n in party_first] == [
        ("org-velmora-union-of-quorvex", "organization"), ("per-velmora-quorvex", "person")]


VELQOR_QUOTED = {"velqor-a.txt": "Harbour talks resume\n\nBy Lena Ostrava\n\nThe toolmaker VelQor said on Monday that "
                                 "sales rose 6%. \u201cWe will open the plant in May,\u201d Mr. VelQor told "
                                 "reporters.\n"}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_quote_goes_with_the_mention_of_its_speaker_when_a_name_is_parted_whichever_comes_first(
        tmp_path: Path, kind: str) -> None:
    """"Mr. VelQor" quoted in an article that names the firm VelQor too, Nolan VelQor in another folder. Indexed firm
    first, the surname joined the firm, and when the full name came the mention of him went to Nolan VelQor but his
    quote stayed with the firm (a split moved the mentions of an article that names both, not what they said);
    indexed Nolan VelQor first, the quote was his. Now his either way."""
    firm_first, person_first = _both_orders(tmp_path, kind, {"firm": VELQOR_QUOTED, "person": VELQOR_PERSON}, "velqor",
                                            quotes=True)
    assert firm_first == person_first
    assert ("quote", "Nolan VelQor", "We will open the plant in May") in firm_first
