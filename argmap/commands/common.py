"""What several commands share: the DIR argument, diagnostics printing, loading or failing."""

from __future__ import annotations

import os
import sys

import click

from ..diagnostics import first_of_each_kind, printable
from ..vocabulary import plural

from ..errors import EXIT_DATA, EXIT_OK, EXIT_USAGE  # noqa: E402, F401 - re-exported

DIR = click.Path(exists=True, file_okay=False, dir_okay=True)



def find_debate(command: str = "check") -> str:
    """The debate a command means when none is named: the current folder when it holds
    ``debate.yaml`` (run from inside the debate), else ``claims`` (run from the root of a
    repository that keeps its debate there). Exit 2 saying what was looked for otherwise."""
    if os.path.isfile("debate.yaml"):
        return "."
    if os.path.isdir("claims"):
        return "claims"
    raise click.UsageError("no debate found: there is no debate.yaml in the current folder "
                           f"and no claims/ folder; name the debate folder (argmap {command} "
                           "DIR) or run the command inside it")


def _default_debate(ctx, param, value):
    return find_debate(ctx.info_name) if value is None else value


# DIR of the commands that read a debate; when it is not given, ``find_debate`` chooses.
directory_argument = click.argument("directory", required=False, type=DIR,
                                    callback=_default_debate)

archives_option = click.option(
    "--archives", "archives", multiple=True, type=DIR, metavar="DIR",
    help="A folder of archived source texts to verify quotes against (repeatable).")


no_cache_option = click.option(
    "--no-cache", "no_cache", is_flag=True,
    help="Parse every file afresh: neither read nor write the parse cache in your user cache "
         "folder (also ARGMAP_NO_CACHE=1; ARGMAP_CACHE_DIR moves it).")


quiet_option = click.option(
    "-q", "--quiet", "quiet", is_flag=True,
    help="No progress bar and no list of the files written (errors, warnings and notes "
         "still print). The bar is drawn only on a terminal, for work past a second.")


def use_colour(stream) -> bool:
    if "NO_COLOR" in os.environ:
        return False
    return hasattr(stream, "isatty") and stream.isatty()


# Past this many warnings of one kind, the text output shows these first ones and a count:
# 6,000 lines of one warning bury everything else (``--all`` lists them; JSON keeps all).
WARNINGS_PER_KIND = 25

# What a count of left-out warnings calls them, by code ("and 3,074 more ...").
_KIND_NAMES = {"no-note": "attacks across perspectives with no note",
               "no-quote": "evidence items with neither a quote nor a finding",
               "unverified": "quotes that could not be verified",
               "archive-missing": "sources whose archive was not found",
               "archive-changed": "archived copies that changed since they were recorded",
               "disconnected": "claims that reach no resolution",
               "support-cycle": "support cycles"}


def print_diagnostics(diagnostics, show_all: bool = False) -> None:
    """Each diagnostic on a line of standard error, errors always; warnings of one kind past
    :data:`WARNINGS_PER_KIND` are counted at the end instead, unless ``show_all``.
    ``diagnostics``: a list, or a check's result (whose positions are then looked up only
    for the lines printed)."""
    shown, left = _to_print(diagnostics, show_all)
    colour = use_colour(sys.stderr)
    for d in shown:
        line = str(d)
        if colour:
            head = f"{printable(d.path)}:{d.line}:{d.col}: "
            sev = click.style(d.severity, fg="red" if d.severity == "error" else "yellow",
                              bold=True)
            line = f"{click.style(head, bold=True)}{sev}: {printable(d.message)}"
        click.echo(line, err=True, color=colour)
    for kind, n in left.items():
        click.echo(_left_out(kind, n), err=True)


def _to_print(diagnostics, show_all: bool):
    """``(shown, left)``: the diagnostics to print, and the count of those left out by kind
    (see :func:`print_diagnostics`)."""
    if isinstance(diagnostics, list):
        return (diagnostics, {}) if show_all else \
            first_of_each_kind(diagnostics, WARNINGS_PER_KIND)
    if show_all:
        return diagnostics.diagnostics, {}
    return diagnostics.first_of_each_kind(WARNINGS_PER_KIND)


def _left_out(kind: str, n: int) -> str:
    name = _KIND_NAMES.get(kind, f"warnings of the kind '{printable(kind)}'")
    return f"and {n:,} more {name} (argmap check --all lists them)"


def print_github(result, directory: str, show_all: bool = False) -> None:
    """``check --format github``: each diagnostic as a GitHub Actions workflow command on
    standard output, the warnings of one kind past :data:`WARNINGS_PER_KIND` counted as in
    the text format (GitHub shows 10 error and 10 warning annotations a step anyway; the
    rest of those printed are in the step's log), and file paths relative to the
    repository's root (see :mod:`argmap.github`)."""
    from ..github import annotation, repository_path, repository_root

    shown, left = _to_print(result, show_all)
    root = repository_root(directory)
    for d in shown:
        click.echo(annotation(d, repository_path(d.path, root)))
    for kind, n in left.items():
        click.echo(_left_out(kind, n))


def summary_line(result) -> str:
    s = result.summary()
    q = s["quotes"]
    # Counts from a debate with a file left unread would understate it ("0 sources"): say so.
    unread = (f" (not counting {plural(s['unread_files'], 'file')} that could not be read)"
              if s.get("unread_files") else "")
    return (f"{plural(s['claims'], 'claim')}, {plural(s['sources'], 'source')}, "
            f"{plural(s['perspectives'], 'perspective')}{unread}; "
            f"quotes: {q['verified']} verified, "
            f"{q['mismatched']} mismatched, {q['unverified']} unverified; "
            f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}")


def load_or_exit(directory: str, archives=(), strict: bool = False, no_cache: bool = False):
    """Check the debate; on errors print them and exit 1. Returns the CheckResult.

    Commands that read a debate (trace, report, export, flow) use this, so bad data always
    gets the same diagnostics and exit code as ``argmap check``. Warnings stay quiet here:
    ``argmap check`` is where to see them.
    """
    from ..loader import check

    # each of these commands ends once it has written: the parse trees need not be let go
    result = check(directory, archives, strict=strict, cache=not no_cache,
                   release_trees=False)
    if not result.ok:
        print_diagnostics([d for d in result.diagnostics if d.severity == "error"])
        click.echo(f"{directory}: {summary_line(result)}", err=True)
        sys.exit(EXIT_DATA)
    return result


def _archive_folders(directory: str, result, archives) -> list[str]:
    """The debate's own archive folders and those named with ``--archive``."""
    return [os.path.join(directory, a) for a in result.debate.archives] + list(archives)


def refuse_debate_target(output: str, directory: str, result, archives=()) -> None:
    """Refuse (exit 2) an ``-o output`` that would overwrite a file of the debate."""
    from ..confine import write_target_problem
    from ..errors import TargetRefused

    problem = write_target_problem(output, directory, _archive_folders(directory, result,
                                                                       archives))
    if problem:
        raise TargetRefused(f"-o: '{output}' is not written: {problem}")


def refuse_output_folder(output: str, directory: str, result, archives=()) -> None:
    """Refuse (exit 2) an ``-o`` folder that is the debate folder or lies in an archive
    folder: a build's pages would be written among the debate's files."""
    from ..confine import output_folder_problem
    from ..errors import TargetRefused

    problem = output_folder_problem(output, directory, _archive_folders(directory, result,
                                                                         archives))
    if problem:
        raise TargetRefused(f"-o: '{output}' is not written into: {problem}")


def unverified_note(result) -> str | None:
    """One line when quotes could not be verified because archives were not found: how many,
    where argmap looked, and how to give it the texts (a clone of a debate often has none)."""
    report = result.quotes
    if not report.unverified or not report.not_found:
        return None
    quotes = plural(report.unverified, "quote")
    sources = plural(len(report.not_found), "source")
    if report.folders:
        return (f"note: {quotes} could not be verified: the texts of {sources} were not "
                f"found in {', '.join(report.folders)}; save them there, or give the folder "
                "that holds them with --archives DIR")
    return (f"note: {quotes} could not be verified: no archive folder holds the texts of "
            f"{sources} (none under 'archives:' in debate.yaml, no --archives); give the "
            "folder that holds them with --archives DIR")


def _default_paper() -> str:
    from ..paper import default_paper
    return default_paper()


def pdf_options(what: str):
    """``--pdf`` and ``--paper``, shared by the commands that print: ``what`` says what the
    ``--pdf`` flag prints."""
    def decorate(command):
        command = click.option("--paper", type=click.Choice(["a4", "letter"],
                                                            case_sensitive=False),
                               default=_default_paper,
                               show_default="from the locale: letter in the US and Canada, "
                                            "else a4",
                               help="Paper size of the PDFs (and of map.pdf); ARGMAP_PAPER "
                                    "sets it too.")(command)
        return click.option("--pdf", is_flag=True,
                            help=f"Also print {what} with headless Chromium (needs "
                                 "pip install 'argmap[pdf]' and Chromium; ARGMAP_CHROMIUM "
                                 "names it).")(command)
    return decorate


def scope_options(command):
    """``--topic``, ``--resolution``, ``--from-claim``, ``--strongest``: the part of the
    debate a material shows (:mod:`argmap.scope`), handed to the command as ``scope``."""
    import functools

    @functools.wraps(command)
    def with_scope(*args, topics=(), resolution=None, from_claim=None, strongest=None,
                   **kwargs):
        from ..scope import Scope
        return command(*args, scope=Scope(tuple(topics), resolution, from_claim, strongest),
                       **kwargs)

    for option in reversed((
            click.option("--topic", "topics", multiple=True, metavar="ID",
                         help="Only the claims tagged with this topic (repeatable)."),
            click.option("--resolution", "resolution", metavar="ID",
                         help="Only the claims on this resolution: those that reach it "
                              "through supports, attacks or undercuts."),
            click.option("--from-claim", "from_claim", metavar="ID",
                         help="Only this claim and the claims that reply to it."),
            click.option("--strongest", "strongest", type=click.IntRange(min=1), metavar="N",
                         help="At most N claims per side: the claims with the most evidence "
                              "and the most supports and replies they make, research first "
                              "(at least half rest on academic or government sources where "
                              "the side has them; the same rule for every side), and the "
                              "direct replies to the attacks kept."))):
        with_scope = option(with_scope)
    return with_scope
