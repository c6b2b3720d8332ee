"""The headless Chromium the browser tests drive: the one argmap prints with
(``argmap.render.pdf``: ``ARGMAP_CHROMIUM`` or Debian's /usr/bin/chromium, with its
arguments), driven by Playwright's Python package (no browser download).

A browser test module calls :func:`require_chromium` before its other imports: without
Chromium or Playwright the module is skipped, saying what to install (under ``CI=true``
the skip is a failure: see conftest). The ``browser`` fixture (conftest) is one Chromium
for a module.
"""

from __future__ import annotations

import os

import pytest

from argmap.render.pdf import CHROMIUM_ARGS as ARGS
from argmap.render.pdf import chromium_path

__all__ = ["ARGS", "CHROMIUM", "require_chromium"]

CHROMIUM = chromium_path()


def require_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"needs headless Chromium at {CHROMIUM} (apt-get install chromium)",
                    allow_module_level=True)
    pytest.importorskip("playwright.sync_api",
                        reason="needs Playwright's Python package (pip install playwright)")

