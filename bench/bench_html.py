"""Size and writing time of the HTML briefing against the Markdown export of the same corpus, in one run.

The index is brought up to date first (not timed: both exports start from it, as ``brief export``
does); then each export is rendered from the same Briefing, the HTML with its profiles read from the
open index. Targets (issue 19): the bundled sample under 300 KB; 1,000 articles under 15 MB,
written in under 3 s. The ratios to Markdown say what the highlights, the profiles and the
picture cost beyond the rows both have.

    python bench/make_corpus.py 1000 /tmp/corpus-1k
    python bench/bench_html.py /tmp/corpus-1k [--repeat 3]
    python bench/bench_html.py            # the bundled sample
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", help="a folder of articles (default: the bundled sample)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache-dir", help="where the index is kept (default: a temporary folder)")
    args = ap.parse_args()

    from brief.config import load_settings
    from brief.pipeline.export import render_markdown
    from brief.pipeline.export_html import render_html
    from brief.pipeline.index.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(cache_dir=args.cache_dir or tmp)
        library = Library([args.corpus] if args.corpus else None, settings=settings)
        try:
            started = time.perf_counter()
            library.update()
            briefing = library.briefing()
            print(f"articles: {len(briefing.articles)}, indexed and read in {time.perf_counter() - started:.1f} s")
            times: dict[str, list[float]] = {"markdown": [], "html": []}
            sizes: dict[str, int] = {}
            for _ in range(args.repeat):
                for name, render in (("markdown", lambda: render_markdown(briefing)),
                                     ("html", lambda: render_html(briefing, library))):
                    t = time.perf_counter()
                    text = render()
                    times[name].append(time.perf_counter() - t)
                    sizes[name] = len(text.encode("utf-8"))
        finally:
            library.close()
    md, html = statistics.median(times["markdown"]), statistics.median(times["html"])
    print(f"markdown: {sizes['markdown'] / 1e6:.2f} MB in {md:.2f} s (median of {args.repeat})")
    print(f"html:     {sizes['html'] / 1e6:.2f} MB in {html:.2f} s")
    print(f"ratio html/markdown: size {sizes['html'] / sizes['markdown']:.1f}, time {html / md:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
