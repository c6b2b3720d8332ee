"""``argmap export``."""

from __future__ import annotations

import os

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
@click.option("-o", "--output", "output", type=click.Path(), default=None,
              help="File to write (replaced whole, never left half-written); "
                   "default: standard output. For csv: the folder to write, required.")
@click.option("--force", is_flag=True,
              help="csv: write into a folder that holds files, replacing the tables.")
@archives_option
@no_cache_option
def command(directory: str, fmt: str, output: str | None, force: bool,
            archives: tuple[str, ...], no_cache: bool) -> None:
    """Export the debate in DIRECTORY in another format.

    \b
    Example:
      argmap export claims --format bibtex -o sources.bib
      argmap export claims --format csv -o tables
    """
    from ..export.registry import exporter, is_folder, reads_records
    from ..graph import build_graph, graph_records
    from ..writing import write_atomic

    if is_folder(fmt):
        _check_folder_target(fmt, output, force)
    elif output is not None and os.path.isdir(output):
        raise click.BadParameter(f"'{output}' is a folder; {fmt} writes one file",
                                 param_hint="-o")
    result = load_or_exit(directory, archives, no_cache=no_cache)
    if output is not None:
        refuse_debate_target(output, directory, result, archives)
    graph = (graph_records if reads_records(fmt) else build_graph)(result.debate)
    text = exporter(fmt)(result.debate, graph)
    if is_folder(fmt):
        _write_folder(output, text, directory, result, archives)
        return
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


def _check_folder_target(fmt: str, output: str | None, force: bool) -> None:
    """A folder format needs ``-o DIR``: a new or empty folder, or any with ``--force``."""
    if output is None:
        raise click.UsageError(f"--format {fmt} writes a folder of files: "
                               "give the folder with -o DIR")
    if os.path.lexists(output) and not os.path.isdir(output):
        raise click.BadParameter(f"'{output}' exists and is not a folder", param_hint="-o")
    if os.path.isdir(output) and os.listdir(output) and not force:
        raise click.BadParameter(f"'{output}' is not empty: choose a new folder, or give "
                                 "--force to replace its tables", param_hint="-o")


def _write_folder(output: str, files: dict[str, str], directory: str, result,
                  archives) -> None:
    """Write ``{name: text}`` into ``output``, all or none. Never inside the debate folder:
    the tables would be mixed with the debate's own files."""
    from ..confine import inside
    from ..writing import write_all

    if inside(output, directory):
        raise click.BadParameter(f"'{output}' is not written: it is inside the debate "
                                 f"folder '{directory}'", param_hint="-o")
    for name in files:
        refuse_debate_target(os.path.join(output, name), directory, result, archives)
    for path in write_all(output, files):
        click.echo(f"wrote {path}", err=True)
