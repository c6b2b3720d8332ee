"""The ``argmap`` command group. Each command lives in ``argmap/commands/<name>.py``.

Exit codes (a contract): 0 fine (warnings allowed), 1 the data has errors, 2 usage error.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from . import __version__, commands
from .commands.common import use_colour as _use_colour  # noqa: F401  (tests patch it)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
