"""``argmap new``."""

from __future__ import annotations

import click

from .common import EXIT_USAGE


@click.command("new")
@click.argument("directory", type=click.Path(file_okay=False))
def command(directory: str) -> None:
    """Start a new debate in DIRECTORY: a debate.yaml, two perspectives, a source.

    The folder must be new or empty. The starter passes `argmap check` as written;
    edit it from there.

    \b
    Example:
      argmap new my-debate && argmap check my-debate
    """
    from ..scaffold import FolderNotEmpty, new_debate

    try:
        written = new_debate(directory)
    except FolderNotEmpty:
        click.echo(f"error: '{directory}' is not empty; choose a new folder", err=True)
        raise SystemExit(EXIT_USAGE)
    for path in written:
        click.echo(f"wrote {path}")
