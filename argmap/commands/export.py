"""``argmap export``."""

from __future__ import annotations

import click

from ..export.registry import describe, names
from .common import (archives_option, directory_argument, load_or_exit, no_cache_option,
                     refuse_debate_target)


def _formats_help() -> str:
    return "; ".join(f"{name}: {describe(name)}" for name in names())


@click.command("export")
@directory_argument
@click.option("--format", "fmt", type=click.Choice(names()), required=True,
              help=f"The format to write ({_formats_help()}).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="File to write (replaced whole, never left half-written); "
                   "default: standard output.")
@archives_option
@no_cache_option
def command(directory: str, fmt: str, output: str | None, archives: tuple[str, ...],
            no_cache: bool) -> None:
    """Export the debate in DIRECTORY in another format.

    \b
    Example:
      argmap export claims --format bibtex -o sources.bib
    """
    from ..export.registry import exporter
    from ..graph import build_graph
    from ..writing import write_atomic

    result = load_or_exit(directory, archives, no_cache=no_cache)
    if output is not None:
        refuse_debate_target(output, directory, result, archives)
    text = exporter(fmt)(result.debate, build_graph(result.debate))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
