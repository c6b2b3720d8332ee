"""``argmap build``."""

from __future__ import annotations

import os
import sys

import click

from .common import (EXIT_DATA, archives_option, directory_argument,
                     no_cache_option, pdf_options, print_diagnostics, quiet_option,
                     scope_options,
                     summary_line, unverified_note)


@click.command("build")
@directory_argument
@click.option("-o", "--output", "output", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the outputs into.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (and build nothing).")
@click.option("--no-graphviz", "no_graphviz", is_flag=True,
              help="Skip map.svg and map.pdf even when Graphviz is installed (faster).")
@click.option("--worksheets", is_flag=True,
              help="Also write worksheets/: each brief with the card texts left for students "
                   "to find, and an answer key for each.")
@click.option("--audience", type=click.Choice(["teacher", "student"]), default="teacher",
              show_default=True,
              help="Whom the build is for: teacher writes everything, with teacher.html (the "
                   "lesson plan, the answer keys) and with --pdf the teacher's pack; student "
                   "writes no answer key and no teacher's page, and no page links one.")
@pdf_options("every HTML page to PDF, and the print packs (pack-student.pdf, pack-teacher.pdf)")
@archives_option
@no_cache_option
@quiet_option
@scope_options
def command(directory: str, output: str, strict: bool, no_graphviz: bool, worksheets: bool,
            audience: str, pdf: bool, paper: str, archives: tuple[str, ...], no_cache: bool,
            quiet: bool,
            scope) -> None:
    """Build every output of the debate in DIRECTORY into OUTPUT.

    Writes nothing at all when the data has errors.

    \b
    Examples:
      argmap build claims -o output
      argmap build claims --topic health --worksheets --audience student -o class
    """
    from ..builder import build

    if os.path.exists(output) and not os.path.isdir(output):
        raise click.BadParameter(f"'{output}' exists and is not a folder", param_hint="-o")
    from ..render.pdf import check_available

    if pdf:  # before any work: a missing browser should not cost a whole build first
        check_available()
    from ..progress import terminal_progress

    with terminal_progress(quiet) as progress:
        result = build(directory, output, archives, strict=strict, graphviz=not no_graphviz,
                       worksheets=worksheets, pdf=pdf, paper=paper.lower(),
                       cache=not no_cache, jobs="auto", scope=scope, progress=progress,
                       audience=audience)
    print_diagnostics(result.check)
    if not result.check.ok:
        click.echo(f"{directory}: {summary_line(result.check)}; nothing was written",
                   err=True)
        sys.exit(EXIT_DATA)
    for note in [*result.notes, unverified_note(result.check)]:
        if note:
            click.echo(note, err=True)
    click.echo(f"{directory}: {summary_line(result.check)}")
    for path in [] if quiet else result.written:
        click.echo(f"wrote {path}")
