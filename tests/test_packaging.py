"""The built wheel carries the templates, so an installed argmap finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(out), str(ROOT)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"could not build a wheel here: {proc.stderr.strip()[-300:]}")
    return next(out.glob("argmap-*.whl"))


def test_the_wheel_contains_every_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            assert f"argmap/templates/{template.relative_to(ROOT / 'templates')}" in names


def test_the_wheel_declares_the_argmap_command(wheel):
    with zipfile.ZipFile(wheel) as zf:
        entry = next(n for n in zf.namelist() if n.endswith("entry_points.txt"))
        assert "argmap = argmap.cli:run" in zf.read(entry).decode()


def test_the_wheel_contains_the_live_preview_script(wheel):
    assert "argmap/serve/live.js" in zipfile.ZipFile(wheel).namelist()
