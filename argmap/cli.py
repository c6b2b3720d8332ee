"""The ``argmap`` command line: parse options, call one library function, choose the exit code.

Exit codes (a contract): 0 fine (warnings allowed), 1 the data has errors, 2 usage error.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

_DIR = click.Path(exists=True, file_okay=False, dir_okay=True)


def _use_colour(stream) -> bool:
    if "NO_COLOR" in os.environ:
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _print_diagnostics(diagnostics) -> None:
    colour = _use_colour(sys.stderr)
    for d in diagnostics:
        line = str(d)
        if colour:
            head = f"{d.path}:{d.line}:{d.col}: "
            sev = click.style(d.severity, fg="red" if d.severity == "error" else "yellow",
                              bold=True)
            line = f"{click.style(head, bold=True)}{sev}: {d.message}"
        click.echo(line, err=True, color=colour)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _summary_line(result) -> str:
    s = result.summary()
    q = s["quotes"]
    return (f"{_n(s['claims'], 'claim')}, {_n(s['sources'], 'source')}, "
            f"{_n(s['perspectives'], 'perspective')}; quotes: {q['verified']} verified, "
            f"{q['mismatched']} mismatched, {q['unverified']} unverified; "
            f"{_n(s['errors'], 'error')}, {_n(s['warnings'], 'warning')}")


_archives_option = click.option(
    "--archives", "archives", multiple=True, type=_DIR, metavar="DIR",
    help="A folder of archived source texts to verify quotes against (repeatable).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """Map contested policy debates: YAML claims in, argument maps, briefs and reports out.

    \b
    Examples:
      argmap check                      # validate the debate in ./claims
      argmap check claims --strict --archives ../shared/seeds
      argmap build -o output            # write the maps into ./output
    """


@main.command("check")
@click.argument("directory", default="claims", type=_DIR)
@click.option("--strict", is_flag=True, help="Treat warnings (and unverified quotes) as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Diagnostics as text lines or as JSON on stdout.")
@_archives_option
def check_command(directory: str, strict: bool, fmt: str, archives: tuple[str, ...]) -> None:
    """Validate the debate in DIRECTORY (default: claims).

    Prints one line per problem, PATH:LINE:COL: SEVERITY: MESSAGE, then a summary.
    Exits 0 when there are no errors, 1 when there are.

    \b
    Example:
      argmap check claims --archives ../shared/seeds --strict
    """
    from .loader import check

    result = check(directory, archives, strict=strict)
    if fmt == "json":
        from .diagnostics import to_json
        click.echo(to_json(result.diagnostics, result.summary()))
    else:
        _print_diagnostics(result.diagnostics)
        click.echo(f"{directory}: {_summary_line(result)}", err=not result.ok)
    sys.exit(EXIT_OK if result.ok else EXIT_DATA)


@main.command("build")
@click.argument("directory", default="claims", type=_DIR)
@click.option("-o", "--output", "output", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the outputs into.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (and build nothing).")
@_archives_option
def build_command(directory: str, output: str, strict: bool, archives: tuple[str, ...]) -> None:
    """Build every output of the debate in DIRECTORY into OUTPUT.

    Writes nothing at all when the data has errors.

    \b
    Example:
      argmap build claims -o output
    """
    from .builder import build

    if os.path.exists(output) and not os.path.isdir(output):
        raise click.BadParameter(f"'{output}' exists and is not a folder", param_hint="-o")
    result = build(directory, output, archives, strict=strict)
    _print_diagnostics(result.check.diagnostics)
    if not result.check.ok:
        click.echo(f"{directory}: {_summary_line(result.check)}; nothing was written",
                   err=True)
        sys.exit(EXIT_DATA)
    for note in result.notes:
        click.echo(note, err=True)
    click.echo(f"{directory}: {_summary_line(result.check)}")
    for path in result.written:
        click.echo(f"wrote {path}")
