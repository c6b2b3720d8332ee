"""``argmap flow``."""

from __future__ import annotations

import os

import click

from .common import (archives_option, directory_argument, load_or_exit, refuse_output_folder,
                     no_cache_option, pdf_options, quiet_option, scope_options)


@click.command("flow")
@directory_argument
@click.option("--format", "fmt", default="policy", show_default=True, metavar="NAME",
              help="Speech order: policy, ld (Lincoln-Douglas) or pf (Public Forum), from "
                   "the packaged flow-formats.yaml, or a format from --speech-orders.")
@click.option("-o", "--output", "output", default=os.path.join("output", "flow"),
              show_default=True, type=click.Path(file_okay=False),
              help="Folder to write flow.html, flow.csv and glossary.html (its terms) into.")
@click.option("--side-order", "side_order", default=None, metavar="ID[,ID]",
              help="The perspective that speaks first (the affirmative, or team A), then "
                   "the other; default: the first two perspectives in debate.yaml's order.")
@click.option("--speech-orders", "speech_orders", default=None, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False),
              help="A YAML file of more speech orders, shaped like the packaged "
                   "flow-formats.yaml (same-named formats are replaced).")
@click.option("--all-speeches", "all_speeches", is_flag=True,
              help="Print a column for every speech of the format, to flow a whole round "
                   "(by default only the speeches the map has arguments for).")
@pdf_options("flow.pdf (landscape)")
@archives_option
@no_cache_option
@quiet_option
@scope_options
def command(directory: str, fmt: str, output: str, side_order: str | None,
            speech_orders: str | None, pdf: bool, paper: str,
            archives: tuple[str, ...], no_cache: bool, quiet: bool, scope,
            all_speeches: bool) -> None:
    """Write a printable flow sheet of the debate in DIRECTORY: one column per speech, the
    first side's arguments down the first column, and each answer on the same row as what
    it answers, in the other side's next speech. Empty cells are for the round.

    Writes nothing at all when the data has errors.

    \b
    Example:
      argmap flow claims --format ld --side-order equality-model -o output/flow
    """
    from ..flow import FlowError, load_formats

    if os.path.exists(output) and not os.path.isdir(output):
        raise click.BadParameter(f"'{output}' exists and is not a folder", param_hint="-o")
    try:
        formats = load_formats(speech_orders)
    except FlowError as exc:
        raise click.BadParameter(str(exc), param_hint="--speech-orders") from None
    if fmt not in formats:
        raise click.BadParameter(f"unknown format '{fmt}' (formats: {', '.join(formats)})",
                                 param_hint="--format")
    if pdf:  # before any work: a missing browser should not cost a whole render first
        from ..render.pdf import check_available
        check_available()
    order = [p.strip() for p in side_order.split(",")] if side_order else None
    result = load_or_exit(directory, archives, no_cache=no_cache)
    refuse_output_folder(output, directory, result, archives)
    from ..progress import Steps, terminal_progress

    with terminal_progress(quiet) as progress:
        steps = Steps(progress, 2 if pdf else 1)
        files = _render(result.debate, formats, fmt, order, pdf, paper, scope, all_speeches,
                        steps)
        steps.finish()
    from ..writing import write_all

    for path in write_all(output, files):
        if not quiet:
            click.echo(f"wrote {path}")


def _render(debate, formats, fmt, order, pdf, paper, scope, all_speeches, steps) -> dict:
    from ..flow import FlowError
    from ..render.flowsheet import render_flow
    from ..graph import build_graph
    from ..scope import scoped

    steps("drawing the flow sheet")
    try:
        files: dict = render_flow(debate, scoped(build_graph(debate), scope), fmt, order,
                                  formats, all_speeches=all_speeches)
    except FlowError as exc:  # the sides: named wrongly, or fewer than two perspectives
        if exc.option:
            raise click.BadParameter(str(exc), param_hint=exc.option) from None
        raise click.UsageError(str(exc)) from None
    if pdf:
        from ..render.pdf import html_to_pdf
        files.update(html_to_pdf({"flow.html": files["flow.html"]}, paper,
                                 step=lambda name: steps(f"printing {name}")))
    return files
