"""The command line: ``brief [PATH...]`` opens the reader, ``brief export`` writes the briefing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from brief import __version__

EXIT_NOTHING_LOADED = 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="articles: text or Markdown files, saved web pages, feeds, OPML or .urls lists, "
                             "folders of them, or URLs (default: the bundled sample articles)")
    parser.add_argument("--refresh", action="store_true", help="fetch links and feeds again instead of using "
                                                                "the copies saved in the cache")
    parser.add_argument("--cache-dir", type=Path, help="where the index is kept (default: the user cache folder)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the index cache")
    parser.add_argument("--extractor", choices=("builtin", "spacy"),
                        help="entity extractor (default: builtin; spacy needs 'brief[spacy]' and a pipeline)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="brief",
        description="Read a set of news articles with the people, companies and figures in them.",
        epilog="Subcommands: 'brief export [PATH...] [-o FILE] [--format markdown|json]' writes the briefing "
               "without opening the reader; 'brief search QUERY [PATH...]' prints the articles that match "
               "('brief export --help', 'brief search --help').",
    )
    p.add_argument("--version", action="version", version=f"brief {__version__}")
    _common(p)
    return p


def _export_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="brief export",
                                description="Write the briefing as Markdown or the index as JSON.")
    _common(p)
    p.add_argument("-o", "--output", default="-", help="file to write, or '-' for standard output (default)")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown",
                   help="what to write (default: markdown)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    return p


def _target(arg: str) -> Path | str:
    """A URL stays text; anything else is a path."""
    from brief.pipeline.sources.targets import is_url

    return arg if is_url(arg) else Path(arg)


def _report_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    for path, reason in skipped:
        print(f"brief: skipped {path}: {reason}", file=sys.stderr)


def _load(args: argparse.Namespace):  # noqa: ANN202 - returns a Briefing; import kept lazy
    from brief.pipeline.build import load_briefing

    options = {"cache_dir": args.cache_dir, "use_cache": not args.no_cache, "extractor": args.extractor,
               "refresh": args.refresh}
    if not sys.stderr.isatty():
        return load_briefing([_target(p) for p in args.paths], **options)
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("Indexing", total=None)

        def progress(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total)

        return load_briefing([_target(p) for p in args.paths], progress=progress, **options)


def _stderr_console():  # noqa: ANN202
    from rich.console import Console

    return Console(stderr=True)


def export(argv: Sequence[str]) -> int:
    args = _export_parser().parse_args(argv)
    from brief.config import ConfigError
    from brief.pipeline.export import render, write_text
    from brief.pipeline.extract.spacy_backend import SpacyUnavailable

    try:
        briefing = _load(args)
    except ConfigError as err:
        print(f"brief: config file {err}", file=sys.stderr)
        return EXIT_NOTHING_LOADED
    except SpacyUnavailable as err:
        print(f"brief: {err}", file=sys.stderr)
        return EXIT_NOTHING_LOADED
    _report_skipped(briefing.skipped)
    if not briefing.articles:
        print("brief: no article could be loaded", file=sys.stderr)
        return EXIT_NOTHING_LOADED
    text = render(briefing, args.format)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_text(Path(args.output), text, force=args.force)
    except (FileExistsError, FileNotFoundError) as err:
        print(f"brief: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"brief: could not write {args.output}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(f"brief: wrote {args.output} ({len(briefing.articles)} articles)", file=sys.stderr)
    return 0


def _search_parser() -> argparse.ArgumentParser:
    from brief.pipeline.index.query import __doc__ as language

    p = argparse.ArgumentParser(prog="brief search", description="Print the articles that match a query.",
                                epilog=(language or "").split("\n\n")[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", help="what to look for, e.g. 'person:Park money>1e9'")
    _common(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="one line per article, or JSON")
    return p


def search(argv: Sequence[str]) -> int:
    args = _search_parser().parse_args(argv)
    import json

    from brief.pipeline.index.library import Library
    from brief.pipeline.index.query import QueryError

    try:
        library = Library([_target(p) for p in args.paths] or None, cache_dir=args.cache_dir,
                          use_cache=not args.no_cache, extractor=args.extractor)
        query = library.query(args.query)
        library.update(refresh=args.refresh)
        rows = library.rows(query, 0, library.count(query))
    except QueryError as err:
        print(f"brief: cannot search for {args.query!r}: {err}", file=sys.stderr)
        return 2
    _report_skipped(library.skipped)
    if args.format == "json":
        print(json.dumps([{"id": r.slug, "title": r.title, "source": r.source, "published": r.published,
                           "people": r.people, "organizations": r.organizations, "figures": r.figures,
                           "copies": r.copies} for r in rows], ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print("  ".join(x for x in (r.published and r.published[:10], r.title, r.source and f"({r.source})") if x))
    return 0 if rows else 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["export"]:
        return export(argv[1:])
    if argv[:1] == ["search"]:
        return search(argv[1:])
    args = _parser().parse_args(argv)
    from brief.pipeline.sources.targets import InputKind, classify

    unusable = [t for t in map(classify, args.paths) if t.kind is InputKind.OTHER]
    if args.paths and len(unusable) == len(args.paths):
        for t in unusable:
            print(f"brief: {t.shown}: {t.reason}", file=sys.stderr)
        return EXIT_NOTHING_LOADED
    from brief.ui.app import make_app

    app = make_app([_target(p) for p in args.paths] or None, cache_dir=args.cache_dir, use_cache=not args.no_cache,
                   extractor=args.extractor, refresh=args.refresh)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
