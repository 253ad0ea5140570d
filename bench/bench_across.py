"""Time and memory of "Across sources" (``subjects.disagreements``) on 100, 1,000 and 10,000 near-duplicates.

    python bench/bench_across.py            # 100, 1,000, 10,000 copies (about half a minute)
    python bench/bench_across.py 100 400    # other sizes

One invented wire story, syndicated: every copy names the outlet that runs it, words some
sentences its own way, and gives the deal's value as most copies do ($1.2 billion) or, one copy
in ten, otherwise ($1.5 billion); each also gives a figure of its own (a reader count), so the
values to compare grow with the copies. Each copy's figures are read as the index reads them
(``subjects.subject`` on the sentence and its mentions) and grouped; the time and the peak of
memory allocated (tracemalloc) per copy are printed against the first size, the yardstick: a
ratio near 1 at every size is linear growth. Before the sort-and-sweep, 400 copies took 29 s
and 1.5 GB and 600 ran out of memory.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from brief.models import FigureRef  # noqa: E402
from brief.pipeline.subjects import FigureSubject, disagreements, key_words, subject  # noqa: E402

SENTENCES = (
    ("Velmora agreed to buy Quorvex for {deal}, {outlet} reported.", "money", "USD", ("Velmora", "Quorvex")),
    ("Velmora will pay $45 a share for Quorvex, {word} the deal.", "money", "USD", ("Velmora", "Quorvex")),
    ("Quorvex raised $300 million in a round led by Brantis last year.", "money", "USD", ("Quorvex", "Brantis")),
    ("Brantis invested $120 million in Quorvex, {outlet} said.", "money", "USD", ("Brantis", "Quorvex")),
    ("Quorvex shares jumped 12% on the news, {word} analysts.", "percent", None, ("Quorvex",)),
    ("{outlet} has {readers} readers who follow Quorvex.", "count", None, ("Quorvex",)),
)
WORDS = ("said", "according to", "citing", "per", "ahead of", "after")


def _copy(i: int) -> list[FigureSubject]:
    """The figures of copy ``i`` of the story, as the index reads them."""
    outlet = f"Outlet{i}"
    fill = {"deal": "$1.5 billion" if i % 10 == 0 else "$1.2 billion", "outlet": outlet,
            "word": WORDS[i % len(WORDS)], "readers": f"{100_000 + 37 * i:,}"}
    out = []
    for template, kind, currency, names in SENTENCES:
        text = template.format(**fill)
        figure = next(part for part in ("$1.5 billion", "$1.2 billion", "$45", "$300 million", "$120 million", "12%",
                                        fill["readers"]) if part in text)
        start = text.index(figure)
        value = float(figure.strip("$%").split()[0].replace(",", "")) * (1e9 if "billion" in figure else
                                                                         1e6 if "million" in figure else 1)
        mentions = [(name.casefold(), text.index(name)) for name in (*names, outlet) if name in text]
        ref = FigureRef(article=f"copy{i}", text=figure, value=value, about="")
        out.append(subject(f"copy{i}", kind, currency, None, ref, text, start, start + len(figure),
                           (0, len(text)), mentions, key_words(text)))
    return out


def run(copies: int) -> tuple[float, int, int]:
    """Seconds and peak bytes to read and group ``copies`` copies, and the rows found."""
    tracemalloc.start()
    started = time.perf_counter()
    items = [f for i in range(copies) for f in _copy(i)]
    rows = disagreements(items)
    took = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return took, peak, len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1_000, 10_000])
    args = parser.parse_args()
    base: tuple[float, float] | None = None
    print(f"{'copies':>8} {'seconds':>9} {'peak MB':>9} {'rows':>5} {'time/copy':>10} {'memory/copy':>12}")
    for n in args.sizes:
        took, peak, rows = run(n)
        per = (took / n, peak / n)
        base = base or per
        print(f"{n:>8,} {took:>9.3f} {peak / 1e6:>9.1f} {rows:>5} {per[0] / base[0]:>9.2f}x {per[1] / base[1]:>11.2f}x")
    print(f"(ratios: per copy, against the {args.sizes[0]:,}-copy run; near 1 is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
