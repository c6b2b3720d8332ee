"""``argmap import``."""

from __future__ import annotations

import click

from ..imports.registry import describe, names


def _formats_help() -> str:
    return "; ".join(f"{name}: {describe(name)}" for name in names())


@click.command("import")
@click.option("--from", "fmt", type=click.Choice(names()), required=True,
              help=f"The format of FILE ({_formats_help()}).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(file_okay=False), required=True,
              help="The debate folder to write: new or empty, unless --force.")
@click.option("--force", is_flag=True,
              help="Write into a folder that holds files, replacing its YAML files.")
@click.option("--tags-as", "tags_as", type=click.Choice(["perspectives", "topics"]),
              default="perspectives", show_default=True,
              help="What an imported file's tags (Argdown's #tags) become.")
def command(fmt: str, file: str, output: str, force: bool, tags_as: str) -> None:
    """Read FILE, written by another argument-mapping tool, into a new debate folder.

    Ids are made from the claims' text; what argmap has no field for is kept in each
    claim's note. The folder passes `argmap check`, or nothing is written.

    \b
    Example:
      argmap import --from kialo discussion.txt -o my-debate && argmap build my-debate
    """
    from ..imports.registry import importer

    draft = importer(fmt)(file, tags_as=tags_as)
    for path in draft.write(output, force=force, origin=file):
        click.echo(f"wrote {path}")
