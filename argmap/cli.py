"""The ``argmap`` command group. Each command lives in ``argmap/commands/<name>.py``.

Exit codes (a contract): 0 fine (warnings allowed), 1 the data has errors, 2 usage error.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import sys

import click

from . import __version__, commands


@contextlib.contextmanager
def _terminate_as_interrupt():
    """While a command runs, SIGTERM (sent by ``timeout``, CI cancellation, ``docker stop``)
    ends it as Ctrl-C does: the command's clean-up runs (staged files removed, the previous
    output left whole). The command is a whole process, so the CLI may set this; the library
    never does."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Group(click.Group):
    """Every command's failures end here as one ``error:`` line and an exit code, never as
    a traceback: argmap's own errors, and files that cannot be read or written."""

    def invoke(self, ctx: click.Context):
        import subprocess

        from .diagnostics import printable
        from .errors import EXIT_USAGE, ArgmapError

        from . import tuning

        try:
            with tuning.session(), _terminate_as_interrupt():
                return super().invoke(ctx)
        except ArgmapError as exc:
            for line in exc.lines():
                click.echo(printable(line), err=True)
            ctx.exit(exc.exit_code)
        except subprocess.TimeoutExpired as exc:
            click.echo(f"error: {exc.cmd[0] if exc.cmd else 'a program'} took longer than "
                       f"{exc.timeout:.0f} s and was stopped; nothing was written", err=True)
            ctx.exit(EXIT_USAGE)
        except OSError as exc:
            where = f"'{printable(str(exc.filename))}': " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}; nothing was written", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """Map contested policy debates: YAML claims in, argument maps, briefs and reports out.

    \b
    Examples:
      argmap check                      # validate the debate in ./claims
      argmap check claims --strict --archives texts/
      argmap build -o output            # write the maps into ./output
    """


for _info in pkgutil.iter_modules(commands.__path__):
    if _info.name != "common":
        main.add_command(importlib.import_module(f".commands.{_info.name}", __package__).command)


def run() -> None:
    """The ``argmap`` program (its console script and ``python -m argmap``): :data:`main`,
    then a quick exit (:func:`argmap.tuning.leave`). Tests call ``main`` itself."""
    from . import tuning

    try:
        main()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): the message, and status 1
        print(code, file=sys.stderr)
        code = 1
    tuning.leave(code)
