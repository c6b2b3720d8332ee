"""``argmap schema``."""

from __future__ import annotations

import json

import click


@click.command("schema")
@click.option("--debate", "debate_file", is_flag=True,
              help="The schema of debate.yaml instead of the claims/sources files.")
def command(debate_file: bool) -> None:
    """Print the YAML format as a JSON Schema, for editors' YAML language servers.

    \b
    Example:
      argmap schema > argmap.schema.json && argmap schema --debate > debate.schema.json
    """
    from ..jsonschema import json_schema

    click.echo(json.dumps(json_schema(debate_file), indent=2))
