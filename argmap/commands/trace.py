"""``argmap trace``."""

from __future__ import annotations

import json

import click

from .common import (archives_option, directory_argument, load_or_exit,
                     no_cache_option)


@click.command("trace")
@click.argument("claim_id", metavar="CLAIM_ID")
@directory_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Plain text, or JSON for scripts.")
@archives_option
@no_cache_option
def command(claim_id: str, directory: str, fmt: str, archives: tuple[str, ...],
            no_cache: bool) -> None:
    """Show where claim CLAIM_ID of the debate in DIRECTORY comes from.

    Its evidence with quotes, locators and their verification status; each source's full
    citation; what the sources cite and where figures are traced to; and the claims it
    supports, attacks and undercuts, and that do so to it.

    \b
    Example:
      argmap trace some-claim-id claims --archives texts/
    """
    from ..graph import build_graph
    from ..trace import format_trace, trace

    result = load_or_exit(directory, archives, no_cache=no_cache)
    data = trace(result, build_graph(result.debate), claim_id)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        click.echo(format_trace(data), nl=False)
