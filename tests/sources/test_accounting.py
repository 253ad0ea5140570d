"""No input vanishes: each gives articles, is listed as a copy of another, or is named with its reason."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from accounting import export, unaccounted

HERE = Path(__file__).resolve().parent
STORY = "Harbour Tolls Rise\n\nThe Quay Authority raised its tolls on Monday, said Ines Morrow, its director.\n"


def _atom(title: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Wire</title><entry><title>{title}</title></entry></feed>")


def test_three_feeds_with_one_bodiless_entry_of_the_same_title_are_each_accounted_for(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    for name in ("a.atom", "b.atom", "c.atom"):
        (folder / name).write_text(_atom("Quay reopens"))
    paths, stderr = export(folder, tmp_path / "cache")
    assert len(paths) == 1
    others = sorted({"a.atom", "b.atom", "c.atom"} - {Path(paths[0].split("#")[0]).name})
    assert [line for line in stderr if "the same content as" in line] == [
        f"brief: skipped {folder / name}#1: the same content as {paths[0]}, listed once" for name in others]
    assert unaccounted(folder.iterdir(), paths, stderr) == []


def test_every_input_of_a_varied_folder_gives_articles_or_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    page = (HERE / "pages" / "harbour-news.html").read_bytes()
    files: dict[str, bytes | str] = {
        "story.txt": STORY,
        "copy.md": STORY,  # the same bytes again: listed as a copy
        "latin1.txt": "Café Crème Opens\n\nThe café on the quay opened on Monday, its owner said.\n".encode("cp1252"),
        "empty.txt": "",
        "blank.md": "\n  \n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "page.html": page,
        "page.html.gz": gzip.compress(page.replace(b"<p>", b"<p>Saved twice. ", 1)),
        "broken.html.gz": b"\x1f\x8b\x08\x00broken",
        "stub.html": "<html><body><a href='/'>Home</a></body></html>",
        "wire.rss": (HERE / "feeds" / "harbour-wire.rss").read_bytes(),
        "feed.json": (HERE / "feeds" / "arkwright.json").read_bytes(),
        "dated.atom": _atom("Quay reopens"),
        "again.atom": _atom("Quay reopens"),
        "no-entries.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "truncated.xml": '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cut',
        "pom.xml": '<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion></project>',
        "package.json": '{"name": "not a feed"}',
        "bad.json": '{"version": "https://jsonfeed.org/version/1", "items": [',
        "links.urls": "# nothing to fetch\nnot a link\n",
        "empty.opml": '<?xml version="1.0"?><opml version="2.0"><body></body></opml>',
        "sub/inner.md": "# Inner Story\n\nA story in a folder below, with Mara Quell of Arden Freight.\n",
    }
    for name, content in files.items():
        target = folder / name
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    os.mkfifo(folder / "pipe.xml")
    (folder / "gone.md").symlink_to(folder / "nowhere.md")
    paths, stderr = export(folder, tmp_path / "cache")
    inputs = [folder / name for name in files] + [folder / "pipe.xml", folder / "gone.md"]
    assert unaccounted(inputs, paths, stderr) == []
    assert any(p.endswith("story.txt") or p.endswith("copy.md") for p in paths)
    assert len(paths) > 5
