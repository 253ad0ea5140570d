#!/usr/bin/env python3
"""Take the README's pictures of the HTML briefing in headless Chromium (Debian's ``chromium``): the top of the
page and the connections picture, for the bundled articles.

    python docs/html_screenshots.py            # writes docs/html-briefing.png and docs/html-graph.png
    python docs/html_screenshots.py -o DIR

The briefing is exported as ``brief export --format html`` writes it, from an index built in a temporary folder
(no cache is touched), and opened offline from that folder; the browser is bench/browser.py's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SIZE = (1100, 820)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path, default=REPO / "docs", help="folder for the PNGs (default: docs/)")
    args = ap.parse_args()

    from bench.browser import Chromium, available
    from brief.cli import main as brief

    why = available()
    if why:
        print(f"html_screenshots: {why}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "briefing.html"
        if brief(["--cache-dir", str(Path(tmp) / "cache"), "export", "--format", "html", "-o", str(page_file)]):
            return 1
        with Chromium(*SIZE) as browser:
            page = browser.open(page_file)
            page.screenshot(args.output / "html-briefing.png")
            box = page.evaluate("""(() => { const h = document.getElementById('connections');
                const svg = h.nextElementSibling.getBoundingClientRect(); const top = h.getBoundingClientRect();
                return {x: svg.left - 8, y: top.top + scrollY - 8, width: svg.width + 16,
                        height: svg.bottom - top.top + 16}; })()""")
            page.screenshot(args.output / "html-graph.png", clip=box)
            page.settle()
            if page.requests != [page.url]:
                print(f"html_screenshots: the page asked for {page.requests}", file=sys.stderr)
                return 1
    print(f"wrote {args.output / 'html-briefing.png'} and {args.output / 'html-graph.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
