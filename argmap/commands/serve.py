"""``argmap serve``."""

from __future__ import annotations

import threading

import click

from .common import archives_option, directory_argument, print_diagnostics, summary_line


@click.command("serve")
@directory_argument
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 to serve on; 0 picks a free one.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@archives_option
def command(directory: str, port: int, strict: bool, archives: tuple[str, ...]) -> None:
    """Preview the debate in DIRECTORY in the browser, rebuilt as you edit.

    Serves the map and the other pages on http://127.0.0.1:PORT/ (this computer only),
    watches the folder, checks and rebuilds in memory when a file changes, and reloads the
    open page. While the data has errors the page keeps the last good map and shows the
    errors over it. Nothing is written into DIRECTORY. Ctrl-C stops it.

    \b
    Example:
      argmap serve claims --port 0
    """
    from .. import tuning
    from ..serve import Preview

    # A server runs for hours and checks the debate again on every save: the command-line
    # trick of freezing what a check built (tuning.long_lived) would keep the reference
    # cycles of every old build from ever being collected.
    tuning.disable()
    try:
        preview = Preview(directory, port, archives, strict)
    except OSError as exc:
        raise click.UsageError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}; "
                               "choose another port with --port N (0: any free port)") from exc
    preview.on_rebuild = _report
    preview.start()
    click.echo(f"serving {directory} at {preview.url} (Ctrl-C stops)")
    try:  # the CLI turns SIGTERM (`kill`) into KeyboardInterrupt for every command
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    click.echo("stopped")


def _report(live) -> None:
    """After each check: its errors and a summary, as `argmap check` prints them."""
    result = live.result
    if not live.errors:
        click.echo(f"{live.root}: built in {live.seconds:.2f} s: {summary_line(result)}")
    elif result is not None and not result.ok:
        print_diagnostics([d for d in result.diagnostics if d.severity == "error"])
        shown = "the last good map is shown" if live.built else "no map yet"
        click.echo(f"{live.root}: {summary_line(result)}; {shown}", err=True)
    else:  # the folder could not be read, or the map could not be made
        for error in live.errors:
            click.echo(f"error: {error['where']}: {error['message']}", err=True)
