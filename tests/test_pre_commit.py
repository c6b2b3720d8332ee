"""The pre-commit hook (``.pre-commit-hooks.yaml``), run by the real ``pre-commit`` in a
scratch git repository holding a debate.

Hermetic, with no network: the manifest's ``language: python`` would have pre-commit build a
virtual environment and pip-install argmap and its dependencies from the index. The tests
instead declare the hook in the scratch repository as ``repo: local``, copied from the
manifest (its id, ``files``, ``pass_filenames``, ``args``) with only ``language: system`` and
an ``entry`` running this checkout's ``python -m argmap check``: pre-commit's own file
selection and failure reporting decide what the tests see. The manifest itself is checked
with pre-commit's validator.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, ROOT, require

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


@pytest.fixture(autouse=True)
def _needs_pre_commit():
    require(importlib.util.find_spec("pre_commit") is not None,
            "pre-commit is not installed (pip install '.[test]' installs it)")
    require(shutil.which("git") is not None, "git is not on PATH")


def the_hook() -> dict:
    hook, = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return hook


def run(args, cwd, env) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def repo(tmp_path):
    """``repo(folder="claims", args=None)``: a git repository with the small fixture debate
    in ``folder`` and the hook configured; returns ``(path, run_pre_commit)``."""
    def make(folder: str = "claims", args: list[str] | None = None):
        path = tmp_path / "repo"
        shutil.copytree(FIXTURES / "small", path / folder)
        hook = {**the_hook(), "language": "system",
                "entry": f"{shlex.quote(sys.executable)} -m argmap check"}
        if args is not None:
            hook["args"] = args
        (path / ".pre-commit-config.yaml").write_text(
            yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8")
        env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
               "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_CONFIG_GLOBAL": os.devnull}
        env.pop("CI", None)  # pre-commit changes nothing with it; keep the runs alike
        run(["git", "init", "-q", "."], path, env).check_returncode()
        run(["git", "add", "-A"], path, env).check_returncode()

        def pre_commit(*argv: str) -> subprocess.CompletedProcess:
            return run([sys.executable, "-m", "pre_commit", "run", "--color", "never",
                        *argv], path, env)
        return path, pre_commit
    return make


def break_debate(path) -> None:
    """A perspective no one declared: an error at claims/parking.yaml:3:18."""
    f = path / "parking.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("perspective: parking",
                                                       "perspective: nobody", 1),
                 encoding="utf-8")


def test_the_hook_manifest_passes_pre_commits_validator():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                             str(MANIFEST)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_hook_checks_a_folder_and_passes_no_file_names():
    hook = the_hook()
    assert hook["id"] == "argmap-check" and hook["entry"] == "argmap check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_pre_commit_passes_a_good_debate(repo):
    _, pre_commit = repo()
    result = pre_commit("--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "argmap check" in result.stdout and "Passed" in result.stdout


def test_pre_commit_fails_a_broken_debate_printing_the_diagnostic(repo):
    path, pre_commit = repo()
    break_debate(path / "claims")
    result = pre_commit("--all-files")
    assert result.returncode == 1
    assert "Failed" in result.stdout
    assert "claims/parking.yaml:3:18: error: 'nobody' in perspective is not a declared " \
        "perspective" in result.stdout


def test_pre_commit_skips_the_hook_when_no_debate_file_is_committed(repo):
    path, pre_commit = repo()
    break_debate(path / "claims")
    (path / "notes.rst").write_text("Notes.\n", encoding="utf-8")
    result = pre_commit("--files", "notes.rst")
    assert result.returncode == 0, result.stdout
    assert "(no files to check)Skipped" in result.stdout


def test_the_hook_checks_the_folder_its_args_name(repo):
    path, pre_commit = repo("debates/parking", args=["debates/parking"])
    assert pre_commit("--all-files").returncode == 0
    break_debate(path / "debates" / "parking")
    result = pre_commit("--all-files")
    assert result.returncode == 1
    assert "debates/parking/parking.yaml:3:18: error:" in result.stdout


def readme_block_after(words: str) -> str:
    """The README's first fenced YAML block after ``words``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index(words):].split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readmes_pre_commit_configuration_passes_pre_commits_validator(tmp_path):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(readme_block_after("`.pre-commit-config.yaml`:"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                             str(config)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert yaml.safe_load(config.read_text())["repos"][0]["hooks"][0]["id"] == the_hook()["id"]


def test_the_readmes_workflow_annotates_with_check_and_comments_with_diff():
    workflow = yaml.safe_load(readme_block_after("`.github/workflows/debate.yml`:"))
    runs = [step.get("run", "") for step in workflow["jobs"]["debate"]["steps"]]
    assert "argmap check claims --format github" in runs
    assert any("argmap diff --format markdown" in run and "gh pr comment" in run
               for run in runs)
