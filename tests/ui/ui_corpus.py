"""Invented articles for the UI tests, written as files into a temp folder and opened on a real ``Library``.

The texts name people and companies the way the extractor reads without doubt ("Ada Okafor, chief
executive of Quillfeather Robotics, said ..."), so what the tests assert is what a user would see.
"""

from __future__ import annotations

from pathlib import Path

from brief.pipeline.index.library import Library

LONG_BODY = "\n\n".join(
    [
        "Northwind Motors agreed to buy Quillfeather Robotics for $2.4 billion on Monday, the largest deal "
        "in the history of Northwind Motors. Ada Okafor, chief executive of Quillfeather Robotics, will stay "
        "on to run it.",
        "The Road To The Deal",
        *[
            f"Paragraph {n} of background. Analysts had expected a smaller price for years, and the talks "
            f"stalled twice before the summer. Nothing in this paragraph names anyone at all, so the reader "
            f"has to scroll past it to reach the next mention."
            for n in ("one", "two", "three", "four", "five", "six", "seven", "eight")
        ],
        "\u201cThe price is fair, and we will pay in cash,\u201d said Lena Marsh, finance chief at Northwind "
        "Motors. Harbor Bank advised the carmaker on the deal.",
        "What Comes Next",
        *[
            f"Closing paragraph {n}. Regulators will look at the deal in the new year; the review usually "
            f"takes months, and no one expects a quick answer."
            for n in ("one", "two", "three", "four", "five")
        ],
        "The 1,200 employees of Quillfeather Robotics will keep their jobs, Ada Okafor said. Shares of "
        "Northwind Motors rose 18%.",
    ]
)

ARTICLES = {
    "deal.md": "---\ntitle: Northwind Motors to buy Quillfeather Robotics for $2.4 billion\ndate: 2024-03-05\n"
               "source: The Daily Ledger\n---\n\n" + LONG_BODY + "\n",
    "reasons.md": "---\ntitle: Why Quillfeather said yes\ndate: 2024-03-04\nsource: Robot Weekly\n---\n\n"
                  "Ada Okafor had turned down two offers before. Tom Reyes, an analyst at Pike Mutual, said "
                  "Quillfeather Robotics needed cash: it burned 40% of its reserves last year.\n",
    "bank.md": "---\ntitle: A quiet year at Harbor Bank\nsource: Money Desk\n---\n\n"
               "Harbor Bank advised on four deals this year. Tom Reyes called it a quiet year for the bank.\n",
}


def write_articles(folder: Path, articles: dict[str, str] | None = None) -> Path:
    """``articles`` (file name: text) as files in ``folder``, the UI tests' usual ones by default."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (ARTICLES if articles is None else articles).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def indexed(tmp_path: Path, articles: dict[str, str] | None = None) -> tuple[Path, Path, Library]:
    """The folder of ``articles``, its cache folder and their library, indexed (so the app opens warm)."""
    folder, cache = write_articles(tmp_path / "articles", articles), tmp_path / "cache"
    library = Library([folder], cache_dir=cache)
    library.update(workers=1)
    return folder, cache, library

MARKUP_ARTICLE = (
    "---\ntitle: Why [bold]markup[/bold] and [/ break [red]things[/]\ndate: 2024-03-06\n"
    "source: [link=https://example.com]Evil[/link] Source\n---\n\n"
    "A body with [b]not bold[/b], a stray [/ and [@click=app.quit]a link[/] inside. "
    "Ada Okafor was not amused by [italic]any of it[/italic].\n"
)
MARKUP = {"markup.md": MARKUP_ARTICLE, "reasons.md": ARTICLES["reasons.md"], "bank.md": ARTICLES["bank.md"]}
"""Markup-like title, source and body first, then two of the usual articles."""
