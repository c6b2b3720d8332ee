"""``argmap report``."""

from __future__ import annotations

import click

from .common import (archives_option, directory_argument, load_or_exit, no_cache_option,
                     refuse_debate_target, scope_options)

FORMATS = ("text", "json", "markdown", "html")  # argmap.render.report.FORMATS, kept light


@click.command("report")
@directory_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Plain text, JSON for scripts (docs/report-json.md), "
                                      "Markdown, or a self-contained HTML page.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="File to write (replaced whole, never left half-written); "
                   "default: standard output.")
@click.option("--fail-on-flags", is_flag=True,
              help="Exit 1 when the balance audit flags an asymmetry (for a debate "
                   "repository's CI); the report is written first.")
@archives_option
@no_cache_option
@scope_options
def command(directory: str, fmt: str, output: str | None, fail_on_flags: bool,
            archives: tuple[str, ...], no_cache: bool, scope) -> None:
    """Analyse the debate in DIRECTORY: balance, balance in structure (research, critique,
    the last word, common ground, with flags), unanswered claims, clash points, evidence
    coverage, statistics and their origins, contested and central claims, and the grounded
    labelling of the attack graph.

    The report counts and lists what the map holds; it does not judge who is right.

    \b
    Example:
      argmap report claims --format html -o report.html
    """
    from ..graph import build_graph
    from ..render.report import render_report
    from ..scope import scoped
    from ..writing import write_atomic

    result = load_or_exit(directory, archives, no_cache=no_cache)
    if output is not None:
        refuse_debate_target(output, directory, result, archives)
    graph = scoped(build_graph(result.debate), scope)
    text = render_report(result.debate, graph, result.quotes, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    if fail_on_flags:
        from ..errors import EXIT_DATA
        from ..structure import structure

        flags = structure(graph)["flags"]
        for flag in flags:
            click.echo(f"flag: {flag}", err=True)
        if flags:
            raise SystemExit(EXIT_DATA)
