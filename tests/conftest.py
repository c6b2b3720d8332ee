"""Shared test helpers: tiny debates written into ``tmp_path`` from a dict of file → YAML."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

HERE = Path(__file__).parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = HERE / "fixtures"

DEBATE = """\
title: Test debate
perspectives:
  - id: pro
    label: Pro side
  - id: con
    label: Con side
resolutions:
  - id: motion
    text: The motion should pass.
"""

# One claim for the motion with one quoted source: the smallest debate that passes ``check``
# with nothing to warn about; tests change one thing in it.
ONE_CLAIM = """\
claims:
  - id: c1
    perspective: pro
    text: A claim.
    supports: [motion]
    evidence:
      - source: s1
        quote: Something said.
sources:
  - id: s1
    title: A source
"""


def write_debate(root: Path, files: dict[str, str | bytes], debate: str | None = DEBATE) -> Path:
    """Write a debate folder: ``debate.yaml`` (unless given or None) plus ``files``."""
    root.mkdir(parents=True, exist_ok=True)
    if debate is not None and "debate.yaml" not in files:
        (root / "debate.yaml").write_text(debate, encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture(autouse=True, scope="session")
def _private_parse_cache(tmp_path_factory):
    """The suite's parse cache lives in a folder of its own, never in the user's cache or in
    the fixtures (child processes inherit it through the environment)."""
    os.environ["ARGMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("argmap-cache"))


@pytest.fixture
def debate_dir(tmp_path):
    """``debate_dir({...})`` writes a debate into a fresh folder and returns its path."""
    def make(files: dict[str, str | bytes], debate: str | None = DEBATE) -> Path:
        return write_debate(tmp_path / "debate", files, debate)
    return make


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Run the CLI in ``tmp_path``: ``cli("check", "debate")`` returns click's Result."""
    from argmap.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return run


def require(available: bool, reason: str) -> None:
    """Skip a test whose component is absent, saying which and how to get it (under
    ``CI=true`` the skip becomes a failure: see ``pytest_runtest_makereport``)."""
    if not available:
        pytest.skip(reason)


# What CI does not install, on purpose: an optional peer tool, what the platform lacks, and
# the seed documents, which the project does not redistribute (a clone has nothing beside it).
SKIPS_ALLOWED_IN_CI = ("ARGMAP_MMDC", "needs FIFOs", "needs os.fork",
                       "the seed documents are not at")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under ``CI=true`` a test skipped for a missing component fails: ``.ci/run`` installs
    every component, so a skip there means a broken install, not a machine without it."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") != "true" or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if not any(allowed in reason for allowed in SKIPS_ALLOWED_IN_CI):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every component is installed: {reason}"


def messages(diagnostics) -> list[str]:
    return [str(d) for d in diagnostics]


def diags_of(debate_dir, files, debate=None) -> list[str]:
    """The diagnostics of a debate written by ``debate_dir``, paths relative to it."""
    from argmap.loader import check

    kwargs = {} if debate is None else {"debate": debate}
    root = debate_dir(files, **kwargs)
    prefix = str(root) + "/"
    return [m.replace(prefix, "") for m in messages(check(str(root)).diagnostics)]


def copy_fixture(name: str, dest: Path) -> Path:
    """Copy the fixture debate ``tests/fixtures/<name>`` to ``dest/<name>``; return the copy.

    For CLI tests, which run in ``tmp_path``: messages then name the folder as ``<name>``.
    """
    return Path(shutil.copytree(FIXTURES / name, dest / name))


@pytest.fixture(scope="session")
def printer():
    """argmap's own printer (HTML to PDF through headless Chromium), for tests that print and
    read the text back; they skip unless both can be done here (fail, in CI)."""
    from argmap.render import pdf as pdfmod

    try:
        pdfmod.check_available()
        problem = ""
    except pdfmod.PdfUnavailable as exc:
        problem = f"needs Chromium and Playwright: {exc}"
    require(not problem, problem)
    require(shutil.which("pdftotext") is not None,
            "needs pdftotext (apt-get install poppler-utils) to read PDFs back")
    return pdfmod.html_to_pdf


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a browser test module (tests/browsing.py: which one, and
    the module-level skip when it is absent)."""
    from playwright.sync_api import sync_playwright

    from browsing import ARGS, CHROMIUM

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
