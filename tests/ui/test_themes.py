"""Highlights take their colours from the theme: every built-in theme renders them distinctly."""

from __future__ import annotations

from ui_helpers import until_indexed

from brief.ui.widgets.reader import Reader


async def test_every_builtin_theme_renders_distinct_highlights(news) -> None:
    app = news.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await until_indexed(app, pilot)
        reader = app.screen.query_one(Reader)
        await pilot.press("n")
        themes = sorted(app.available_themes)
        assert len(themes) > 5
        seen = {}
        for name in themes:
            app.theme = name
            await pilot.pause()
            app.screen._compositor.render_update(full=True)  # renders every line with the new styles
            base = reader.visual_style
            kinds = {kind: reader._style(f"reader--{kind}") for kind in ("person", "organization", "figure")}
            current = reader._style("reader--current")
            for kind, style in kinds.items():
                assert style != base, (name, kind)
            assert current not in kinds.values(), name
            assert kinds["person"] == reader.get_visual_style("reader--person")  # not a stale theme's style
            seen[name] = kinds["person"]
        assert seen["textual-dark"] != seen["textual-light"]
