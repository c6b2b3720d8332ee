"""One failure path (#25): every command's user-facing failure is an ``ArgmapError`` (or an
``OSError``) that the CLI prints once, as ``error: …`` (an import's diagnostics as
``PATH:LINE:COL: error: …``), with the exit code of the contract; no command prints and
exits on its own, and none shows a traceback or click's ``Error:``."""

from __future__ import annotations

import ast
import pathlib

import pytest

import argmap

from conftest import copy_fixture

COMMANDS = pathlib.Path(argmap.__file__).parent / "commands"


def one_error(result, code: int) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == code, result.output
    assert len(lines) == 1, lines
    assert "Traceback" not in result.output and "Error:" not in result.output
    return lines[0]


@pytest.fixture
def small(tmp_path):
    return copy_fixture("small", tmp_path)


def test_build_into_a_folder_holding_a_link_out(cli, small, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "elsewhere").symlink_to(tmp_path)
    assert one_error(cli("build", "small", "-o", "out"), 2).startswith("error: the output folder")


def test_build_with_pdf_and_no_browser(cli, small, monkeypatch, tmp_path):
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    assert one_error(cli("build", "small", "--pdf"), 2).startswith("error: ")
    assert not (tmp_path / "output").exists()


def test_flow_with_pdf_and_no_browser(cli, small, monkeypatch, tmp_path):
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    assert one_error(cli("flow", "small", "--pdf"), 2).startswith("error: ")


def test_trace_of_an_unknown_claim(cli, small):
    line = one_error(cli("trace", "no-such-claim", "small"), 1)
    assert line.startswith("error: no claim or source 'no-such-claim' in small")


def test_new_into_a_folder_with_files(cli, small):
    assert one_error(cli("new", "small"), 2) == \
        "error: 'small' is not empty; choose a new folder"


def test_new_spreadsheet_over_a_file(cli, tmp_path):
    (tmp_path / "draft.csv").write_text("mine")
    assert one_error(cli("new", "--csv", "draft.csv"), 2) == \
        "error: 'draft.csv' exists; choose a new file name"
    assert (tmp_path / "draft.csv").read_text() == "mine"


def test_import_of_a_broken_file_prints_its_diagnostic(cli, tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    line = one_error(cli("import", "--from", "aif", "bad.json", "-o", "out"), 1)
    assert line.startswith("bad.json:1:")


def test_report_into_a_file_of_the_debate(cli, small):
    assert one_error(cli("report", "small", "-o", "small/new.yaml"), 2).startswith("error: ")


def test_export_into_a_file_of_the_debate(cli, small):
    line = one_error(cli("export", "small", "--format", "aif", "-o", "small/x.yaml"), 2)
    assert line.startswith("error: ")


def test_check_of_a_folder_without_a_debate(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("check", "empty")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no debate.yaml" in result.output


def test_no_command_prints_an_error_line_or_exits_on_its_own():
    """The failure path is the CLI's alone: no command module echoes an ``error:`` line or
    raises SystemExit for a failure (exit codes 1 for data results are returned through
    ``sys.exit`` after a report, which is not a failure path)."""
    for path in COMMANDS.glob("*.py"):
        if path.name == "serve.py":
            continue  # a preview reports each rebuild's data errors on its terminal, and goes on
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.startswith(("error: ", "Error: ")), path.name
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "attr", getattr(b, "id", "")) for b in node.bases}
                assert "ClickException" not in bases, (path.name, node.name)
