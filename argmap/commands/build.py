"""``argmap build``."""

from __future__ import annotations

import os
import sys

import click

from .common import EXIT_DATA, archives_option, directory_argument, print_diagnostics, \
    summary_line


@click.command("build")
@directory_argument
@click.option("-o", "--output", "output", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the outputs into.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (and build nothing).")
@click.option("--no-graphviz", "no_graphviz", is_flag=True,
              help="Skip map.svg and map.pdf even when Graphviz is installed (faster).")
@archives_option
def command(directory: str, output: str, strict: bool, no_graphviz: bool,
            archives: tuple[str, ...]) -> None:
    """Build every output of the debate in DIRECTORY into OUTPUT.

    Writes nothing at all when the data has errors.

    \b
    Example:
      argmap build claims -o output
    """
    from ..builder import build

    if os.path.exists(output) and not os.path.isdir(output):
        raise click.BadParameter(f"'{output}' exists and is not a folder", param_hint="-o")
    result = build(directory, output, archives, strict=strict, graphviz=not no_graphviz)
    print_diagnostics(result.check.diagnostics)
    if not result.check.ok:
        click.echo(f"{directory}: {summary_line(result.check)}; nothing was written",
                   err=True)
        sys.exit(EXIT_DATA)
    for note in result.notes:
        click.echo(note, err=True)
    click.echo(f"{directory}: {summary_line(result.check)}")
    for path in result.written:
        click.echo(f"wrote {path}")
