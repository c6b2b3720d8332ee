"""``argmap diff``."""

from __future__ import annotations

import sys

import click

from .common import (EXIT_OK, archives_option, find_debate, no_cache_option,
                     refuse_debate_target, use_colour)

FORMATS = ("text", "markdown", "json", "html")  # argmap.diff.render.FORMATS and .page
EXIT_DIFFERENT = 1  # as diff(1): 0 the same, 1 different, 2 trouble


class _SplitAtDashes(click.Command):
    """Keeps what follows ``--`` apart: the debate folder inside the repository, as
    ``git diff A B -- PATH`` takes it (click would make it one more argument)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            at = args.index("--")
            args, after = args[:at], args[at + 1:]
            if len(after) != 1:
                raise click.UsageError("name one debate folder after '--'", ctx)
            ctx.meta["argmap_diff_path"] = after[0]
        return super().parse_args(ctx, args)


@click.command("diff", cls=_SplitAtDashes)
@click.argument("old")
@click.argument("new", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Text for the terminal, Markdown for a pull request's "
                                      "review, JSON for scripts (docs/diff-json.md), or a "
                                      "self-contained HTML page: the new map with the "
                                      "changes marked and a list to step through them.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="File to write (replaced whole, never left half-written); "
                   "default: standard output.")
@archives_option
@no_cache_option
@click.pass_context
def command(ctx: click.Context, old: str, new: str | None, fmt: str, output: str | None,
            archives: tuple[str, ...], no_cache: bool) -> None:
    """What changed between two versions of a debate: OLD and NEW are debate folders or git
    revisions (NEW defaults to the working tree).

    Claims added, removed, renamed and reworded; relations, evidence, sources, perspectives,
    resolutions and topics changed; and what follows for the map: claims newly answered or
    unanswered, grounded labels that moved, the balance audit's figures per side. A
    revision is read with git, without checking anything out.

    Exits 0 when there is no difference, 1 when there are, 2 on errors (either version
    failing argmap check, a revision that does not exist).

    \b
    Examples:
      argmap diff HEAD~1                      # the last commit's debate against yours
      argmap diff main feature -- claims/     # two revisions of the folder claims/
      argmap diff old-claims/ claims/ --format markdown
      argmap diff main --format html -o changes.html
    """
    from ..diff.compare import compare
    from ..diff.render import render, summary
    from ..diff.sources import check_side, resolve_sides

    sides = resolve_sides(old, new, ctx.meta.get("argmap_diff_path"),
                          lambda: find_debate("diff"))
    # the command ends once it has printed: the parse trees need not be let go
    before, after = (check_side(side, archives, cache=not no_cache, release_trees=False)
                     for side in sides)
    if output is not None:
        for side, result in zip(sides, (before, after), strict=True):
            if side.folder is not None:
                refuse_debate_target(output, side.folder, result, archives)
    diff = compare(before.debate, after.debate, before.quotes, after.quotes,
                   sides[0].label, sides[1].label)
    if fmt == "html":
        from ..diff.page import diff_page
        text = diff_page(diff)
    else:
        colour = fmt == "text" and output is None and use_colour(sys.stdout)
        text = render(diff, fmt, colour=colour)
    if output is None:
        if fmt == "html":
            for piece in text:
                click.echo(piece, nl=False)
        else:
            click.echo(text, nl=False, color=colour)
    else:
        from ..writing import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    if fmt == "html":  # the page says so too; a terminal or a script sees it here
        click.echo(summary(diff), err=True)
    sys.exit(EXIT_OK if diff.empty else EXIT_DIFFERENT)
