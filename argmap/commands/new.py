"""``argmap new``."""

from __future__ import annotations

import click



@click.command("new")
@click.argument("directory", type=click.Path(file_okay=False), required=False)
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False), default=None,
              help="Instead, write a template spreadsheet to this new file (for argmap "
                   "import --from csv).")
def command(directory: str | None, csv_file: str | None) -> None:
    """Start a new debate in DIRECTORY: a debate.yaml, two perspectives, a source.

    The folder must be new or empty. The starter passes `argmap check` as written;
    edit it from there. Or start from a spreadsheet: --csv FILE writes its header and
    example rows.

    \b
    Example:
      argmap new my-debate && argmap check my-debate
      argmap new --csv draft.csv && argmap import --from csv draft.csv -o my-debate
    """
    from ..scaffold import new_debate, new_spreadsheet

    if (directory is None) == (csv_file is None):
        raise click.UsageError("give DIRECTORY for a debate folder, or --csv FILE for a "
                               "spreadsheet")
    if csv_file is not None:
        click.echo(f"wrote {new_spreadsheet(csv_file)}")
        return
    for path in new_debate(directory):
        click.echo(f"wrote {path}")
