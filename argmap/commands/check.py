"""``argmap check``."""

from __future__ import annotations

import sys

import click

from .common import (EXIT_DATA, EXIT_OK, archives_option, directory_argument, no_cache_option,
                     print_diagnostics, print_github, summary_line, unverified_note)


@click.command("check")
@directory_argument
@click.option("--strict", is_flag=True, help="Treat warnings (and unverified quotes) as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True,
              help="Diagnostics as text lines, as JSON on stdout, or as GitHub Actions "
                   "annotations on stdout (workflow commands, paths from the repository's "
                   "root).")
@click.option("--all", "show_all", is_flag=True,
              help="List every warning; by default a kind with more than 25 shows the "
                   "first ones and a count (JSON always lists all).")
@archives_option
@no_cache_option
def command(directory: str, strict: bool, fmt: str, show_all: bool,
            archives: tuple[str, ...], no_cache: bool) -> None:
    """Validate the debate in DIRECTORY (default: the current folder if it holds
    debate.yaml, else claims).

    Prints one line per problem, PATH:LINE:COL: SEVERITY: MESSAGE, then a summary.
    Exits 0 when there are no errors, 1 when there are. In a GitHub Actions
    workflow, --format github puts each problem on its line of the pull request.

    \b
    Example:
      argmap check claims --archives texts/ --strict
      argmap check claims --format github
    """
    from ..loader import check

    # the process ends once the result is printed: the parse trees need not be let go
    result = check(directory, archives, strict=strict, cache=not no_cache,
                   release_trees=False)
    if fmt == "json":
        from ..diagnostics import to_json
        click.echo(to_json(result.diagnostics, result.summary()))
    elif fmt == "github":
        # All on stdout, in order: the step's log interleaves two streams unpredictably.
        print_github(result, directory, show_all)
        note = unverified_note(result)
        if note:
            click.echo(note)
        click.echo(f"{directory}: {summary_line(result)}")
    else:
        print_diagnostics(result, show_all)
        note = unverified_note(result)
        if note:
            click.echo(note, err=True)
        click.echo(f"{directory}: {summary_line(result)}", err=not result.ok)
    sys.exit(EXIT_OK if result.ok else EXIT_DATA)
