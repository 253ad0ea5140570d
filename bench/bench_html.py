"""Size and writing time of the HTML briefing against the Markdown export of the same corpus, in one run.

The index is brought up to date first (not timed: both exports start from it, as ``brief export``
does); then each export is rendered from the same Briefing, the HTML with its profiles read from the
open index, the Markdown in full (every summary, name and figure: the same corpus told in text). Targets
(issue 19): the bundled sample under 300 KB; 1,000 articles under 15 MB, written in under 3 s. The ratios
to Markdown say what the highlights, the profiles and the pictures cost beyond the rows both have.

With ``--browser`` (Debian's ``chromium``), both files are then opened in headless Chromium and drawn to a
screenshot: from the browser's start (cold) and in a browser already running (warm), the HTML against the
Markdown file of the same corpus shown as text, with the page's own request log and console checked to be
empty but for the file itself. Target: the 1,000-article HTML drawn in under 5 s, no request, no error.

    python bench/make_corpus.py 1000 /tmp/corpus-1k --dated 400
    python bench/bench_html.py /tmp/corpus-1k [--repeat 3] [--browser]
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
    ap.add_argument("--browser", action="store_true", help="also time headless Chromium drawing each file")
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
            texts: dict[str, str] = {}
            for _ in range(args.repeat):
                for name, render in (("markdown", lambda: render_markdown(briefing, full=True)),
                                     ("html", lambda: render_html(briefing, library))):
                    t = time.perf_counter()
                    text = render()
                    times[name].append(time.perf_counter() - t)
                    sizes[name] = len(text.encode("utf-8"))
                    texts[name] = text
        finally:
            library.close()
        md, html = statistics.median(times["markdown"]), statistics.median(times["html"])
        print(f"markdown (full): {sizes['markdown'] / 1e6:.2f} MB in {md:.2f} s (median of {args.repeat})")
        print(f"html:            {sizes['html'] / 1e6:.2f} MB in {html:.2f} s")
        print(f"ratio html/markdown: size {sizes['html'] / sizes['markdown']:.1f}, time {html / md:.1f}")
        if args.browser:
            files = {"markdown": Path(tmp) / "briefing.txt", "html": Path(tmp) / "briefing.html"}
            for name, path in files.items():
                path.write_text(texts[name], encoding="utf-8")
            return _browser(files, args.repeat)
    return 0


def _browser(files: dict[str, Path], repeat: int) -> int:
    """Headless Chromium drawing each file to a screenshot, cold and warm; 1 if a page made a request or logged
    an error."""
    from bench.browser import Chromium, available

    why = available()
    if why:
        print(f"browser: skipped, {why}")
        return 0
    cold: dict[str, list[float]] = {name: [] for name in files}
    warm: dict[str, list[float]] = {name: [] for name in files}
    bad = []
    for _ in range(repeat):
        for name, path in files.items():
            t = time.perf_counter()
            with Chromium() as browser:
                page = browser.open(path)
                page.screenshot()
                cold[name].append(time.perf_counter() - t)
                t = time.perf_counter()
                page = browser.open(path)
                page.screenshot()
                warm[name].append(time.perf_counter() - t)
                page.settle(0.5)
                others = [url for url in page.requests if url != page.url]
                errors = [text for level, text in page.console if level == "error"]
                if others or errors:
                    bad.append((name, others, errors))
    for name in files:
        print(f"chromium, {name:8} to a screenshot: cold {statistics.median(cold[name]):.2f} s, "
              f"warm {statistics.median(warm[name]):.2f} s (median of {repeat})")
    ratio = {when: statistics.median(times["html"]) / statistics.median(times["markdown"])
             for when, times in (("cold", cold), ("warm", warm))}
    print(f"ratio html/markdown in chromium: cold {ratio['cold']:.1f}, warm {ratio['warm']:.1f}")
    for name, others, errors in bad:
        print(f"{name}: requests {others}, console errors {errors}")
    print("requests other than the file: " + ("some (above)" if bad else "none") + "; console errors: "
          + ("some (above)" if bad else "none"))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
