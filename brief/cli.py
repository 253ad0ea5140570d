"""The command line: ``brief [PATH...]`` opens the reader, ``brief export`` writes the briefing, ``brief search`` finds,
``brief index`` indexes.

The commands are argparse subparsers (``read``, the default, ``export``, ``search`` and ``index``), each
with its own help; the index options (``GLOBAL``) are taken before or after the command. argparse
reads a command's options only before its positionals and takes any word that starts with '-'
for an option, so ``arrange`` first puts the words in the order it reads: the options, then
``--`` and the positionals. So options may follow the paths, and ``brief search -person:Park``
takes ``-person:Park`` as the query. Every option is an entry of the tables below, which both
build the parsers and tell ``arrange`` which words are options.

The settings are built here, once: the config file and ``BRIEF_*`` with the options given on
the command line on top (``brief.config.load_settings``); the library and the reader are handed
that object. Every message goes through ``_say`` (one line, sanitised), and what goes to
standard output through ``_emit``, which checks that all of it got there.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from brief import __version__

if TYPE_CHECKING:
    from brief.config import Settings

EXIT_NOTHING_LOADED = 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a command ended by SIGPIPE, as `cat` is
EXIT_INTERRUPTED = 130  # what a shell reports for a command ended by Ctrl-C (SIGINT)


class Option(NamedTuple):
    """One option or positional: its flags (or name) and what argparse is told of it."""

    flags: tuple[str, ...]
    spec: dict[str, Any]

    @property
    def takes_value(self) -> bool:
        return self.spec.get("action") not in ("store_true", "help", "version")


class Command(NamedTuple):
    summary: str
    description: str
    positionals: tuple[Option, ...]
    options: tuple[Option, ...]
    dash_words: bool = False
    """Whether a word with one '-' that is no option is a positional: a query term (``-person:Park``)."""


GLOBAL = (
    Option(("--refresh",), {"action": "store_true",
                            "help": "fetch links and feeds again instead of using the copies saved in the cache"}),
    Option(("--cache-dir",), {"type": Path, "help": "where the index is kept (default: the user cache folder)"}),
    Option(("--no-cache",), {"action": "store_true", "help": "do not read or write the index cache"}),
    Option(("--index",), {"metavar": "URL",
                          "help": "a shared index on PostgreSQL (postgresql://user@host/db) instead of the cache's"
                                  " file (also index_url in config.toml, BRIEF_INDEX_URL)"}),
    Option(("--corpus",), {
        "metavar": "NAME",
        "help": "a named corpus: the PATHs given are added to it and remembered, and all of its paths are read "
                "into one index kept under the name ('brief --corpus NAME' opens it again; 'brief corpora' "
                "lists them)"}),
    Option(("--extractor",), {
        "choices": ("builtin", "spacy"),
        "help": "entity extractor (default: builtin; spacy needs 'brief[spacy]' and a pipeline)"}),
)
"""The index options: every command takes them, before or after its name."""
HELP = Option(("-h", "--help"), {"action": "help"})
VERSION = Option(("--version",), {"action": "version", "version": f"brief {__version__}"})
PATHS = Option(("paths",), {"nargs": "*", "metavar": "PATH",
                            "help": "articles: text or Markdown files, saved web pages, feeds, OPML or .urls lists, "
                                    "folders of them, or URLs (default: the bundled sample articles)"})
COMMANDS = {
    "read": Command("open the reader on the articles (the default: 'brief PATH...' is 'brief read PATH...')",
                    "Read a set of news articles with the people, companies and figures in them.", (PATHS,), ()),
    "export": Command(
        "write the briefing as Markdown, or the index as JSON, without opening the reader",
        "Write the briefing as Markdown or the index as JSON.", (PATHS,), (
            Option(("-o", "--output"), {
                "default": "-", "metavar": "FILE",
                "help": "file to write, or '-' for standard output (default); a pipe or a terminal is written into, "
                        "a regular file or a symbolic link replaced only with --force, anything else refused; "
                        "never one of the articles read"}),
            Option(("--format",), {"choices": ("markdown", "json", "html"), "default": "markdown",
                                   "help": "what to write (default: markdown; html: one page that opens offline)"}),
            Option(("--force",), {"action": "store_true", "help": "replace the output file if it exists"}),
            Option(("-q", "--query"), {
                "metavar": "QUERY",
                "help": "only the articles that match, as 'brief search QUERY' finds them; without -q, a first PATH "
                        "that is no file, folder or URL and reads as a query (a filter such as org:Acme or "
                        "money>1e9, or several words in quotes) is the query"}),
            Option(("--full",), {"action": "store_true",
                                 "help": "the whole Markdown briefing: every article's summary, every name and "
                                         "figure (default: compact, to paste)"}),
            Option(("--wikilinks",), {"action": "store_true",
                                      "help": "write people's and companies' names as [[Name]], for notes apps "
                                              "(Obsidian, Logseq); Markdown only"}),
        )),
    "search": Command(
        "print the articles that match a query",
        "Print the articles that match a query.",
        (Option(("query",), {"metavar": "QUERY",
                             "help": "what to look for, e.g. 'person:Park money>1e9' or -person:Park"}), PATHS),
        (Option(("--format",), {"choices": ("text", "json"), "default": "text",
                                "help": "one line per article, or JSON"}),),
        dash_words=True),
    "corpora": Command("list the named corpora and their paths", "List the named corpora (--corpus NAME) and their "
                       "paths.", (), ()),
    "fixes": Command(
        "list the fixes that apply to the articles (who made them, when, what), or undo one",
        "List the fixes that apply to these articles: the config file's, for every corpus (ids g1, g2...), and "
        "those made for this corpus in the reader (w), kept in its index with who made them and when.",
        (PATHS,),
        (Option(("--undo",), {"metavar": "ID", "help": "undo this corpus's fix ID (a number from the list); a "
                                                      "global one (gN) is taken out of the config file"}),)),
    "index": Command(
        "bring the index of the articles up to date, without opening the reader",
        "Index a set of news articles (new and changed files only), saying how far it is on standard error.",
        (PATHS,),
        (Option(("--workers",), {
            "metavar": "N|local:N|dask://HOST:PORT",
            "help": "where the articles are analysed: N worker processes of this machine (default: one per core), "
                    "local:N a Dask cluster of N workers started here, dask://HOST:PORT the Dask scheduler there "
                    "(its workers need brief installed, not the files: they are sent)"}),)),
}
USAGE = """brief [OPTIONS] [read] [PATH ...]
       brief [OPTIONS] export [-q QUERY | QUERY] [PATH ...] [-o FILE] [--format {markdown,json,html}] [--full]
                       [--wikilinks] [--force]
       brief [OPTIONS] search QUERY [PATH ...] [--format {text,json}]
       brief [OPTIONS] fixes [PATH ...] [--undo ID]
       brief [OPTIONS] index [PATH ...] [--workers N|local:N|dask://HOST:PORT]
       brief corpora"""


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """``brief`` and its commands as argparse subparsers (``command``'s help in full: the query language for search)."""
    top = argparse.ArgumentParser(prog="brief", usage=USAGE, description=COMMANDS["read"].description,
                                  allow_abbrev=False, epilog="'brief COMMAND --help' tells more of each command.")
    for option in (VERSION, *GLOBAL):
        top.add_argument(*option.flags, **option.spec)
    commands = top.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog="brief")
    for name, c in COMMANDS.items():
        more: dict[str, Any] = {}
        if name == command == "search":
            from brief.pipeline.index.query import __doc__ as language

            more = {"epilog": (language or "").split("\n\n")[1],
                    "formatter_class": argparse.RawDescriptionHelpFormatter}
        sub = commands.add_parser(name, help=c.summary, description=c.description, allow_abbrev=False, **more)
        for option in (*c.positionals, *c.options):
            sub.add_argument(*option.flags, **option.spec)
        index = sub.add_argument_group("index options (before or after the command)")
        for option in GLOBAL:  # not given here: the value given before the command, or the default
            index.add_argument(*option.flags, **{**option.spec, "default": argparse.SUPPRESS})
    return top


def arrange(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The command, and the words in the order argparse reads them: the index options, the command, its
    options, then ``--`` and its positionals. An option taking a value becomes one word (``--output=FILE``),
    so a value may start with '-'. A word that is no option is left among the options, for argparse to name.
    """
    words = list(argv)
    head: list[str] = []
    i = 0
    while i < len(words) and _dashed(words[i]) and words[i] != "--":
        took, i = _option(words, i, (*GLOBAL, VERSION, HELP)) or ([words[i]], i + 1)  # unknown: argparse names it
        head += took
    rest = words[i:]
    if rest and rest[0] in COMMANDS:
        name, rest = rest[0], rest[1:]
    elif not rest and any(word in (*HELP.flags, *VERSION.flags) for word in head):
        return None, head  # brief's own help or version
    else:
        name = "read"
    command = COMMANDS[name]
    options: list[str] = []
    positionals: list[str] = []
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--":
            positionals += rest[i + 1:]
            break
        known = _option(rest, i, (*command.options, *GLOBAL, HELP)) if _dashed(word) else None
        if known is None and (not _dashed(word) or command.dash_words and not word.startswith("--")):
            positionals.append(word)
            i += 1
            continue
        took, i = known or ([word], i + 1)
        options += took
    return name, [*head, name, *options, *(["--", *positionals] if positionals else [])]


def _dashed(word: str) -> bool:
    return word.startswith("-") and word != "-"


def _option(words: Sequence[str], i: int, options: Sequence[Option]) -> tuple[list[str], int] | None:
    """The option at ``words[i]`` as argparse is given it, and where the next word is; None for no option of these."""
    word = words[i]
    for option in options:
        long = option.flags[-1]
        if not option.takes_value:
            if word in option.flags:
                return [word], i + 1
        elif word in option.flags:
            return ([f"{long}={words[i + 1]}"], i + 2) if i + 1 < len(words) else ([word], i + 1)
        elif word.startswith(f"{long}="):
            return [word], i + 1
        else:
            short = next((f for f in option.flags if len(f) == 2 and word.startswith(f) and len(word) > 2), None)
            if short:  # -oFILE, -o=FILE
                return [f"{long}={word[3:] if word[2] == '=' else word[2:]}"], i + 1
    return None


def _say(message: str) -> None:
    """One line on standard error, through the one sanitiser: names, URLs and config values may hold escapes."""
    from brief.pipeline.text import one_line

    print(f"brief: {one_line(message)}", file=sys.stderr)


def _emit(text: str) -> int:
    """Write to standard output and check it got there: 0, or an error in one line as `cat` gives it."""
    if sys.stdout is None:  # started with standard output closed (`brief export >&-`)
        _say("write error: Bad file descriptor")
        return 1
    from brief.pipeline.output import write_stdout

    try:
        write_stdout(text)
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


def _settings(args: argparse.Namespace) -> Settings:
    """The one settings object of this run: config file, environment, then these options (raises ConfigError);
    made once and kept on ``args`` (a command with ``--corpus`` asks for it two or three times)."""
    made: Settings | None = getattr(args, "settings_made", None)
    if made is None:
        from brief.config import load_settings

        made = load_settings(cache_dir=args.cache_dir, use_cache=False if args.no_cache else None,
                             extractor=args.extractor, refresh=True if args.refresh else None, index_url=args.index,
                             corpus=args.corpus)
        args.settings_made = made
    return made


def _remember(args: argparse.Namespace, paths: Sequence[str]) -> None:
    """With ``--corpus NAME``: the paths added to the corpus, and told which it is when there are none (raises
    ``CorpusError``: an unknown name with no paths, a name that cannot be one)."""
    if args.corpus is None:
        return
    from brief.pipeline.corpora import registry_file, remember

    bad = [p for p in paths if not _readable(p)]
    if bad:  # a typo is not remembered: the corpus would say "not found" at every start
        from brief.pipeline.corpora import CorpusError

        raise CorpusError(f"{bad[0]}: not found; nothing was added to the corpus {args.corpus}")
    config = _settings(args).read_from
    remember(args.corpus, [_target(p) for p in paths], registry_file(config))


def _inputs(args: argparse.Namespace, paths: list[str]) -> list[str]:
    """What an export reads: the paths given, and with ``--corpus`` all of the corpus's."""
    if args.corpus is None:
        return paths
    from brief.pipeline.corpora import paths_of, registry_file

    return paths + paths_of(args.corpus, registry_file(_settings(args).read_from))


def _readable(path: str) -> bool:
    from brief.pipeline.sources.targets import is_url

    return is_url(path) or os.path.lexists(path)


def corpora(args: argparse.Namespace) -> int:
    """``brief corpora``: each named corpus with its paths."""
    from brief.pipeline.corpora import listing, registry_file

    found = listing(registry_file(_settings(args).read_from))
    if not found:
        _say("no named corpus yet: 'brief --corpus NAME PATH...' makes one")
        return 1
    from brief.pipeline.text import one_line

    return _emit("".join(f"{one_line(name)}\n" + "".join(f"  {one_line(p)}\n" for p in paths)
                         for name, paths in found))


def _target(arg: str) -> Path | str:
    """A URL stays text; anything else is a path."""
    from brief.pipeline.sources.targets import is_url

    return arg if is_url(arg) else Path(arg)


def _report_skipped(skipped: Sequence[tuple[str, str]]) -> None:
    for path, reason in skipped:
        _say(f"skipped {path}: {reason}")


def _query_and_paths(args: argparse.Namespace) -> tuple[str | None, list[str]]:
    """The query of ``brief export`` (``-q QUERY``, or a first PATH that reads as one) and the paths."""
    paths = list(getattr(args, "paths", None) or [])
    query = getattr(args, "query", None)
    if query is None and paths and _reads_as_query(paths[0]):
        return paths[0], paths[1:]
    return query, paths


def _reads_as_query(word: str) -> bool:
    """No file, folder or URL, and a query by its form: a filter (``org:Acme``, ``money>1e9``) or several words.
    A single word that is no file ("merger") stays a path, so a mistyped folder is named as not found."""
    import re

    from brief.pipeline.index.query import FIELDS, KINDS, QueryError, parse
    from brief.pipeline.sources.targets import is_url

    if is_url(word) or Path(word).expanduser().exists():
        return False
    try:
        parse(word)
    except QueryError:
        return False
    form = rf'(?:^|\s)-?(?:{"|".join(FIELDS)}):|(?:{"|".join(KINDS)})\s*[<>=!]|\s|"'
    return re.search(form, word, re.IGNORECASE) is not None


@contextlib.contextmanager
def _open(query: str | None, paths: list[str], settings: Settings):  # noqa: ANN202 - (Briefing, Library)
    """The briefing of these paths and query with its library, open for the block; a progress bar on a
    terminal while the index is brought up to date."""
    from brief.pipeline.build import open_briefing

    targets = [_target(p) for p in paths]
    if not sys.stderr.isatty():
        with open_briefing(targets, settings=settings, query=query) as opened:
            yield opened
        return
    with _progress_bar() as (progress, stop):
        with open_briefing(targets, progress=progress, settings=settings, query=query) as opened:
            stop()  # the work is done: what follows (rendering) draws no bar
            yield opened


@contextlib.contextmanager
def _progress_bar():  # noqa: ANN202 - (progress callback, stop)
    """A progress bar on standard error (a terminal) while the index is brought up to date."""
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("Indexing", total=None)

        def progress(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total)

        yield progress, bar.stop


def _progress_lines(every: float = 2.0):  # noqa: ANN202 - a progress callback
    """Progress as lines on standard error (not a terminal): one every ``every`` seconds, and the last."""
    import time

    said = [0.0]

    def progress(done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if total and (done == total or now - said[0] >= every):
            said[0] = now
            _say(f"indexing {done} / {total}")

    return progress


def _stderr_console():  # noqa: ANN202
    from rich.console import Console

    return Console(stderr=True)


def export(args: argparse.Namespace) -> int:
    from brief.pipeline.export import render
    from brief.pipeline.index.query import QueryError
    from brief.pipeline.output import OutputRefused, refuse_inputs, write_text

    if args.wikilinks and args.format != "markdown":
        _say(f"--wikilinks is for the Markdown briefing, not --format {args.format}")
        return 2
    query, paths = _query_and_paths(args)
    _remember(args, paths)
    output = None if args.output in ("-", "/dev/stdout") else Path(args.output)
    if output is not None:  # before the work: an article is never the output
        from brief.paths import seeds_dir

        try:
            refuse_inputs(output, _inputs(args, paths) or [seeds_dir()])
        except OutputRefused as err:
            _say(str(err))
            return 1
    try:
        with _open(query, paths, _settings(args)) as (briefing, library):
            _report_skipped(briefing.skipped)
            if not briefing.articles and query is not None:
                _say(f"no article matches {query!r}; nothing was written")
                return 1
            if not briefing.articles:
                _say("no article could be loaded")
                return EXIT_NOTHING_LOADED
            if args.format == "html":  # with the profiles, read from the same open index
                from brief.pipeline.export_html import render_html

                text = render_html(briefing, library)
            else:
                text = render(briefing, args.format, full=args.full, wikilinks=args.wikilinks)
    except QueryError as err:
        _say(f"cannot export {query!r}: {err}")
        return 2
    if output is None:
        return _emit(text)
    try:
        write_text(output, text, force=args.force)
    except OSError as err:  # brief's own refusals are whole sentences; the system's errors are named
        _say(str(err) if err.errno is None else f"could not write {args.output}: {err.strerror or err}")
        return 1
    count = len(briefing.articles)
    _say(f"wrote {args.output} ({count} article{'s' * (count != 1)})")
    return 0


def search(args: argparse.Namespace) -> int:
    import json

    from brief.pipeline.dates import shown_date
    from brief.pipeline.index.library import Library
    from brief.pipeline.index.query import QueryError
    from brief.pipeline.text import one_line

    settings = _settings(args)
    _remember(args, args.paths)
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
        text = "".join("  ".join(one_line(x) for x in (shown_date(r.published, r.published_text), r.title,
                                                          r.source and f"({r.source})") if x) + "\n" for r in rows)
    return _emit(text) or (0 if rows else 1)


def fixes(args: argparse.Namespace) -> int:
    """``brief fixes [PATH...]``: one line per fix; ``--undo ID`` takes one back and brings the index to the rest."""
    from brief.pipeline.index.fixes import describe
    from brief.pipeline.index.library import Library
    from brief.pipeline.text import one_line

    _remember(args, args.paths)  # a corpus name that is none is said (not "no fix applies"); paths given join it
    library = Library([_target(p) for p in args.paths] or None, settings=_settings(args))
    if args.undo is not None:
        try:
            undone = library.undo_fix(args.undo)
        except LookupError as err:
            _say(str(err.args[0]))
            return 1
        library.update(refresh=False)  # what only indexing again can undo is done now, not at the next open
        _say(f"undone: {one_line('; '.join(describe(fix) for fix in undone))}")
        return 0
    lines = []
    for made in library.fixes_made():
        when = made.at.replace("T", " ")[:16] if made.at else "config file"
        state = f"  (undone by {made.undone_by}, {made.undone_at.replace('T', ' ')[:16]})" if made.undone_at else ""
        lines.append(f"{made.id:>4}  {made.scope:<6}  {when:<16}  {made.by or '-':<12}  "
                     f"{one_line(describe(made.fix))}{state}\n")
    if not lines:
        _say("no fix applies to these articles")
        return 1
    return _emit("".join(lines))


def index(args: argparse.Namespace) -> int:
    """``brief index [PATH...]``: the index brought up to date, on the engine ``--workers`` names."""
    import time

    from brief.pipeline.index.engine import EngineError, engine_for
    from brief.pipeline.index.library import Library

    try:
        engine = engine_for(args.workers)
    except EngineError as err:
        _say(f"--workers: {err}")
        return 2
    settings = _settings(args)
    _remember(args, args.paths)  # --corpus NAME: the paths given join the corpus, as for the other commands
    library = Library([_target(p) for p in args.paths] or None, settings=settings)
    start = time.monotonic()
    try:
        with contextlib.ExitStack() as stack:
            progress = stack.enter_context(_progress_bar())[0] if sys.stderr.isatty() else _progress_lines()
            report = library.update(progress, workers=engine, refresh=settings.refresh)
        count = library.count()
    except OSError as err:  # a Dask scheduler that cannot be reached, a worker lost for good
        _say(f"indexing stopped: {err}")
        return 1
    finally:
        library.close()
    _report_skipped(library.skipped)
    _say(f"{count} article{'s' * (count != 1)} indexed ({report.added} new, {report.removed} removed, "
         f"{report.unchanged} unchanged) in {time.monotonic() - start:.1f} s")
    return 0 if count else EXIT_NOTHING_LOADED


def main(argv: Sequence[str] | None = None) -> int:
    """``brief`` and its commands: a bad config file or a lost output is one line, no traceback."""
    command, words = arrange(sys.argv[1:] if argv is None else argv)
    args = parser(command).parse_args(words)  # help, version and usage errors end here (SystemExit)
    from brief.config import ConfigError
    from brief.pipeline.corpora import CorpusError

    try:
        return {"read": read, "export": export, "search": search, "corpora": corpora, "fixes": fixes,
                "index": index}[args.command or "read"](args)
    except ConfigError as err:
        _say(f"config file {err}")
        return EXIT_NOTHING_LOADED
    except CorpusError as err:
        _say(str(err))
        return EXIT_NOTHING_LOADED
    except RuntimeError as err:
        from brief.pipeline.extract.spacy_backend import SpacyUnavailable  # not imported before: it loads the extractor
        from brief.pipeline.index.store import IndexUnavailable

        if not isinstance(err, SpacyUnavailable | IndexUnavailable):
            raise
        _say(str(err))
        return EXIT_NOTHING_LOADED
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:  # Ctrl-C: the worker processes ignore it and end with brief
        return EXIT_INTERRUPTED


def read(args: argparse.Namespace) -> int:
    """``brief [read] [PATH...]``: the reader on the index of the paths."""
    from brief.pipeline.sources.targets import InputKind, classify

    settings = _settings(args)
    _remember(args, args.paths)
    unusable = [t for t in map(classify, args.paths) if t.kind is InputKind.OTHER]
    if args.paths and len(unusable) == len(args.paths) and args.corpus is None:
        for t in unusable:
            _say(f"{t.shown}: {t.reason}")
        return EXIT_NOTHING_LOADED
    if settings.index_url and settings.use_cache:  # a shared index that cannot be opened: said here, in one line
        from brief.pipeline.index import store

        store.connect(settings.index_url).close()
    from brief.ui.app import make_app

    app = make_app([_target(p) for p in args.paths] or None, settings=settings)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
