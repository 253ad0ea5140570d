#!/usr/bin/env python3
"""Write a reproducible corpus of N realistic article files for benchmarks.

    python bench/make_corpus.py 10000 /tmp/corpus-10k

Articles are spliced from runs of sentences of the annotated news in ../shared/data and the
bundled seeds, then varied: names swapped for others of the same kind, numbers changed, a title, byline and
publisher added, some boilerplate appended. About 3% are exact duplicates of an earlier
article and 3% near duplicates (one sentence changed), as in real collections. The same N
always gives the same files (seeded).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCES = ["techcrunch.com", "reuters.com", "apnews.com", "ft.com", "theverge.com", "bloomberg.com",
           "wsj.com", "nytimes.com", "theguardian.com", "axios.com", "cnbc.com", "wired.com"]
FOOTERS = ["Subscribe to our daily newsletter\n\nAdvertise with us",
           "Sign up for the morning briefing delivered to your inbox",
           "#news #markets #tech", ""]


def _pool() -> tuple[list[dict], dict[str, list[str]]]:
    docs: list[dict] = []
    names: dict[str, list[str]] = {"PERSON": [], "ORG": []}
    for path in sorted((SHARED / "data").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            docs.append(d)
            for e in d["entities"]:
                label = {"PER": "PERSON"}.get(e["label"], e["label"])
                if label in names and len(e["text"]) > 2:
                    names[label].append(e["text"])
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        docs.append({"text": seed.read_text(encoding="utf-8"), "entities": []})
    return docs, {k: sorted(set(v)) for k, v in names.items()}


def _vary(doc: dict, names: dict[str, list[str]], rng: random.Random) -> str:
    text = doc["text"]
    swaps: dict[str, str] = {}
    for e in doc["entities"]:
        label = {"PER": "PERSON"}.get(e["label"], e["label"])
        if label in names and e["text"] not in swaps and rng.random() < 0.6:
            swaps[e["text"]] = rng.choice(names[label])
    if swaps:
        pattern = re.compile("|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)))
        text = pattern.sub(lambda m: swaps[m.group()], text)
    return re.sub(r"\d+(?:\.\d+)?", lambda m: _number(m.group(), rng), text)


def _splice(texts: list[str], rng: random.Random) -> str:
    """Runs of sentences from several articles: a new story of realistic length, not a near copy."""
    parts = []
    for text in texts:
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split("\n\n", 1)[-1].split()))
        start = rng.randrange(max(1, len(sentences) - 4))
        parts.append(" ".join(sentences[start:start + rng.randint(4, 9)]))
    return "\n\n".join(parts)


def _number(n: str, rng: random.Random) -> str:
    if len(n) == 4 and n.startswith(("19", "20")):
        return n  # a year
    value = float(n) * rng.uniform(0.5, 1.5)
    return f"{value:.1f}" if "." in n else str(max(1, round(value)))


def _article(body: str, rng: random.Random, names: dict[str, list[str]]) -> str:
    first = re.split(r"(?<=[.!?])\s", body.strip(), maxsplit=1)[0]
    title = " ".join(first.split()[:rng.randint(6, 12)]).rstrip(",.;:")
    author = rng.choice(names["PERSON"]) if rng.random() < 0.7 else None
    parts = [title, ""]
    if author:
        parts += [f"By {author}", ""]
    parts += [body.strip(), "", rng.choice(FOOTERS), "", rng.choice(SOURCES)]
    return "\n".join(parts) + "\n"


def make(n: int, out: Path, seed: int = 20261122, dated: int = 0) -> int:
    """``dated``: give each article a "Date:" line, a day in the ``dated`` days to 2024-06-30 (0: no dates; the
    same articles either way, as the dates come from a generator of their own)."""
    rng = random.Random(seed)
    days = random.Random(seed + 1)
    docs, names = _pool()
    written: list[str] = []
    for i in range(n):
        roll = rng.random()
        if written and roll < 0.03:
            text = rng.choice(written)
        elif written and roll < 0.06:
            base = rng.choice(written)
            sentences = base.split(". ")
            j = rng.randrange(len(sentences))
            sentences[j] = sentences[j] + " and more"
            text = ". ".join(sentences)
        else:
            text = _article(_splice([_vary(rng.choice(docs), names, rng) for _ in range(3)], rng), rng, names)
        written.append(text)
        if dated:
            day = date(2024, 6, 30) - timedelta(days=days.randrange(dated))
            title, rest = text.split("\n", 1)
            text = f"{title}\n\nDate: {day.isoformat()}\n{rest}"
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{i:06d}.txt").write_text(text, encoding="utf-8")
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--dated", type=int, default=0, metavar="DAYS",
                    help="date the articles over this many days (the HTML briefing's timeline; default: undated)")
    args = ap.parse_args()
    if args.dir.exists() and any(args.dir.iterdir()):
        print(f"make_corpus: {args.dir} is not empty; choose a new folder", file=sys.stderr)
        return 2
    words = 0
    make(args.n, args.dir, args.seed, args.dated)
    for p in args.dir.rglob("*.txt"):
        words += len(p.read_text(encoding="utf-8").split())
    print(f"wrote {args.n} articles ({words:,} words) to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
