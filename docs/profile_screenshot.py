#!/usr/bin/env python3
"""Draw the README's profile screenshot (docs/profile.svg) with the app on the bundled articles.

    python docs/profile_screenshot.py            # writes docs/profile.svg
    python docs/profile_screenshot.py -o x.svg

The profile shown is the company that the most deals are made in (the one whose investment two sources
report differently), found in the index rather than named here; the index is built in a temporary
folder, so no cache is touched.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SIZE = (120, 40)


def most_dealt_in(source: object) -> str:
    """The slug of the organization that is the target of the most deals, by name for a tie."""
    briefing = source.briefing()  # type: ignore[attr-defined]
    kinds = {e.id: (e.type, e.name) for e in briefing.entities}
    deals = Counter(d.target for a in briefing.articles for d in a.deals
                    if d.target in kinds and kinds[d.target][0] == "organization")
    return min(deals, key=lambda slug: (-deals[slug], kinds[slug][1]))


async def draw(target: Path) -> None:
    from brief.ui.app import make_app
    from brief.ui.screens.profile import ProfileScreen, open_profile

    with tempfile.TemporaryDirectory() as cache:
        app = make_app(cache_dir=Path(cache))
        async with app.run_test(size=SIZE) as pilot:
            main = app.screen
            while not main.up_to_date:  # type: ignore[attr-defined]
                await pilot.pause(0.05)
            await pilot.pause()
            open_profile(main, most_dealt_in(main.source))  # type: ignore[arg-type, attr-defined]
            await pilot.pause()
            shown = app.screen
            assert isinstance(shown, ProfileScreen)
            target.write_text(app.export_screenshot(), encoding="utf-8")
    print(f"{target}: the profile of {shown.profile.name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "profile.svg")
    args = ap.parse_args()
    asyncio.run(draw(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
