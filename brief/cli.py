"""The command line: ``brief [PATH...]`` opens the reader, ``brief export`` writes the briefing.

The settings are built here, once: the config file and ``BRIEF_*`` with the options given on
the command line on top (``brief.config.load_settings``); the library and the reader are handed
that object. Every message goes through ``_say`` (one line, sanitised), and what goes to
standard output through ``_emit``, which checks that it got there.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brief import __version__

if TYPE_CHECKING:
    from brief.config import Settings

EXIT_NOTHING_LOADED = 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a command ended by SIGPIPE, as `cat` is
EXIT_INTERRUPTED = 130  # what a shell reports for a command ended by Ctrl-C (SIGINT)


class _Parser(argparse.ArgumentParser):
    """Options may follow the paths (``brief search Q --cache-dir X PATH``), read with ``parse_intermixed_args``."""


class _QueryParser(_Parser):
    """``brief search``: a word with one dash that is no option is a query term (``-person:Park``, ``-word``)."""

    def _parse_optional(self, arg_string: str):  # noqa: ANN202 - argparse's own hook and return type
        if arg_string.startswith("-") and not arg_string.startswith("--") \
                and arg_string not in self._option_string_actions:
            return None
        return super()._parse_optional(arg_string)


def _say(message: str) -> None:
    """One line on standard error, through the one sanitiser: names, URLs and config values may hold escapes."""
    from brief.pipeline.text import one_line

    print(f"brief: {one_line(message)}", file=sys.stderr)


def _emit(text: str) -> int:
    """Write to standard output and check it got there: 0, or an error in one line as `cat` gives it."""
    if sys.stdout is None:  # started with standard output closed (`brief export >&-`)
        _say("write error: Bad file descriptor")
        return 1
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `brief export | head`: the reader went away; nothing to say
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as err:
        _drop_stdout()
        _say(f"write error: {err.strerror or err}")
        return 1
    return 0


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail (and print) a second time."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


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


def _settings(args: argparse.Namespace) -> Settings:
    """The one settings object of this run: config file, environment, then these options (raises ConfigError)."""
    from brief.config import load_settings

    return load_settings(cache_dir=args.cache_dir, use_cache=False if args.no_cache else None,
                         extractor=args.extractor, refresh=True if args.refresh else None)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
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
    p = _Parser(prog="brief export", description="Write the briefing as Markdown or the index as JSON.")
    _common(p)
    p.add_argument("-o", "--output", default="-",
                   help="file to write, or '-' for standard output (default); a pipe or a terminal is written "
                        "into, a regular file replaced only with --force, anything else refused")
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
        _say(f"skipped {path}: {reason}")


def _load(args: argparse.Namespace, settings: Settings):  # noqa: ANN202 - returns a Briefing; import kept lazy
    from brief.pipeline.build import load_briefing

    targets = [_target(p) for p in args.paths]
    if not sys.stderr.isatty():
        return load_briefing(targets, settings=settings)
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("Indexing", total=None)

        def progress(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total)

        return load_briefing(targets, progress=progress, settings=settings)


def _stderr_console():  # noqa: ANN202
    from rich.console import Console

    return Console(stderr=True)


def export(argv: Sequence[str]) -> int:
    args = _export_parser().parse_intermixed_args(argv)
    from brief.pipeline.export import OutputRefused, render, write_text

    briefing = _load(args, _settings(args))
    _report_skipped(briefing.skipped)
    if not briefing.articles:
        _say("no article could be loaded")
        return EXIT_NOTHING_LOADED
    text = render(briefing, args.format)
    if args.output in ("-", "/dev/stdout"):
        return _emit(text)
    try:
        write_text(Path(args.output), text, force=args.force)
    except (FileExistsError, FileNotFoundError, OutputRefused) as err:
        _say(str(err))
        return 1
    except OSError as err:
        _say(f"could not write {args.output}: {err.strerror or err}")
        return 1
    _say(f"wrote {args.output} ({len(briefing.articles)} articles)")
    return 0


def _search_parser() -> argparse.ArgumentParser:
    from brief.pipeline.index.query import __doc__ as language

    p = _QueryParser(prog="brief search", description="Print the articles that match a query.",
                     epilog=(language or "").split("\n\n")[1],
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", help="what to look for, e.g. 'person:Park money>1e9' or -person:Park")
    _common(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="one line per article, or JSON")
    return p


def search(argv: Sequence[str]) -> int:
    args = _search_parser().parse_intermixed_args(argv)
    import json

    from brief.pipeline.index.library import Library
    from brief.pipeline.index.query import QueryError
    from brief.pipeline.text import one_line

    settings = _settings(args)
    try:
        library = Library([_target(p) for p in args.paths] or None, settings=settings)
        query = library.query(args.query)
        library.update(refresh=settings.refresh)
        rows = library.rows(query, 0, library.count(query))
    except QueryError as err:
        _say(f"cannot search for {args.query!r}: {err}")
        return 2
    _report_skipped(library.skipped)
    if args.format == "json":
        text = json.dumps([{"id": r.slug, "title": r.title, "source": r.source, "published": r.published,
                            "people": r.people, "organizations": r.organizations, "figures": r.figures,
                            "copies": r.copies} for r in rows], ensure_ascii=False, indent=1) + "\n"
    else:
        text = "".join("  ".join(one_line(x) for x in (r.published and r.published[:10], r.title,
                                                          r.source and f"({r.source})") if x) + "\n" for r in rows)
    return _emit(text) or (0 if rows else 1)


def main(argv: Sequence[str] | None = None) -> int:
    """``brief``, ``brief export``, ``brief search``: a bad config file or a lost output is one line, no traceback."""
    from brief.config import ConfigError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["export"]:
            return export(argv[1:])
        if argv[:1] == ["search"]:
            return search(argv[1:])
        return read(argv)
    except ConfigError as err:
        _say(f"config file {err}")
        return EXIT_NOTHING_LOADED
    except RuntimeError as err:
        from brief.pipeline.extract.spacy_backend import SpacyUnavailable  # not imported before: it loads the extractor

        if not isinstance(err, SpacyUnavailable):
            raise
        _say(str(err))
        return EXIT_NOTHING_LOADED
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:  # Ctrl-C: the worker processes ignore it and end with brief
        return EXIT_INTERRUPTED


def read(argv: Sequence[str]) -> int:
    """``brief [PATH...]``: the reader on the index of the paths."""
    args = _parser().parse_intermixed_args(argv)
    from brief.pipeline.sources.targets import InputKind, classify

    settings = _settings(args)
    unusable = [t for t in map(classify, args.paths) if t.kind is InputKind.OTHER]
    if args.paths and len(unusable) == len(args.paths):
        for t in unusable:
            _say(f"{t.shown}: {t.reason}")
        return EXIT_NOTHING_LOADED
    from brief.ui.app import make_app

    app = make_app([_target(p) for p in args.paths] or None, settings=settings)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
