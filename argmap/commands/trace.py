"""``argmap trace``."""

from __future__ import annotations

import json

import click

from .common import (archives_option, directory_argument, load_or_exit,
                     no_cache_option)


@click.command("trace")
@click.argument("claim_id", metavar="CLAIM_ID|SOURCE_ID")
@directory_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Plain text, or JSON for scripts.")
@archives_option
@no_cache_option
def command(claim_id: str, directory: str, fmt: str, archives: tuple[str, ...],
            no_cache: bool) -> None:
    """Show where claim CLAIM_ID of the debate in DIRECTORY comes from, or what rests on
    source SOURCE_ID.

    For a claim: its evidence with quotes, locators and their verification status (a
    verified quote with the fingerprint of the archived copy it was found in, and the date
    the source was read); each source's full citation; what the sources cite and where
    figures are traced to; and the claims it supports, attacks and undercuts, and that do
    so to it.

    For a source: every claim and relation whose evidence cites it, with each quote's
    status and locator; the claims whose figures are traced to it; the sources that cite
    it (and those that cite them) with the claims resting on those; and what it cites.

    \b
    Example:
      argmap trace some-claim-id claims --archives texts/
      argmap trace retracted-study claims --format json
    """
    from ..graph import build_graph
    from ..trace import format_source_trace, format_trace, trace_id

    result = load_or_exit(directory, archives, no_cache=no_cache)
    data = trace_id(result, build_graph(result.debate), claim_id)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    elif "source" in data and "claim" not in data:
        click.echo(format_source_trace(data), nl=False)
    else:
        click.echo(format_trace(data), nl=False)
