"""A build writes only inside its output folder, whatever links a cloned repository ships
there (hardening round 2, N1): an output folder that is, or holds, a link out of itself is
refused with one line and exit 2, before anything is written or removed."""

from __future__ import annotations

import json
import os

import pytest

from argmap.manifest import MANIFEST, previous, prune, record
from argmap.outfolder import OutputFolderRefused, check_output_folder, plain_path
from argmap.writing import StagedFiles, write_all

from conftest import FIXTURES, copy_fixture


@pytest.fixture
def victim(tmp_path):
    """A folder of someone's files outside the repository: ``{name: text}`` must survive."""
    folder = tmp_path / "victim"
    folder.mkdir()
    files = {"thesis.docx": "precious", "lanes.html": "keep", "index.html": "mine"}
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def untouched(folder) -> dict[str, str]:
    return {p.name: p.read_text() for p in folder.iterdir()}


@pytest.fixture
def repo(tmp_path):
    """A cloned debate repository (the small fixture), run from inside: ``output/`` is the
    default output folder there."""
    return copy_fixture("small", tmp_path)


def test_a_linked_subfolder_and_a_planted_manifest_touch_nothing_outside(cli, repo, victim,
                                                                         monkeypatch):
    out = repo / "output"
    out.mkdir()
    os.symlink(victim, out / "briefs")
    (out / MANIFEST).write_text(json.dumps({"argmap": "0.1.0",
                                            "files": ["briefs/thesis.docx", "briefs/index.html"]}))
    monkeypatch.chdir(repo)
    result = cli("build", str(repo), "-o", str(out))
    assert result.exit_code == 2
    assert untouched(victim) == {"thesis.docx": "precious", "lanes.html": "keep",
                                 "index.html": "mine"}
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the output folder")
    assert "briefs" in lines[0] and "outside it" in lines[0]
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "briefs"]  # nothing written


def test_an_output_folder_that_is_a_link_is_refused(cli, repo, victim, monkeypatch):
    os.symlink(victim, repo / "output")
    monkeypatch.chdir(repo)
    result = cli("build", str(repo), "-o", str(repo / "output"))
    assert result.exit_code == 2
    assert result.output.startswith("error: the output folder") and "is a link" in result.output
    assert untouched(victim) == {"thesis.docx": "precious", "lanes.html": "keep",
                                 "index.html": "mine"}


def test_the_default_output_folder_as_a_committed_link_is_refused(cli, repo, victim, monkeypatch):
    os.symlink(os.path.relpath(victim, repo), repo / "output")
    monkeypatch.chdir(repo)
    result = cli("build", str(repo))
    assert result.exit_code == 2 and "is a link" in result.output
    assert sorted(p.name for p in victim.iterdir()) == ["index.html", "lanes.html",
                                                         "thesis.docx"]


def test_flow_and_export_into_a_folder_holding_a_link_out_are_refused(cli, repo, victim):
    out = repo / "flowed"
    out.mkdir()
    os.symlink(victim, out / "sub")
    assert cli("flow", str(repo), "-o", str(out)).exit_code == 2
    assert cli("export", str(repo), "--format", "csv", "-o", str(out), "--force").exit_code == 2
    assert untouched(victim)["lanes.html"] == "keep"


def test_a_link_to_a_folder_inside_the_output_folder_is_allowed(tmp_path):
    out = tmp_path / "out"
    (out / "real").mkdir(parents=True)
    os.symlink(out / "real", out / "alias")
    check_output_folder(str(out))  # no error
    write_all(str(out), {"alias/page.html": "x"})
    assert (out / "real" / "page.html").read_text() == "x"


def test_a_link_made_between_staging_and_commit_is_not_followed(tmp_path, victim):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    with StagedFiles(str(out)) as staged:
        staged.stage("sub/lanes.html", "new")
        staged_in = (out / "sub")
        for leftover in staged_in.iterdir():  # the temporary file moves out with its folder
            leftover.rename(tmp_path / leftover.name)
        staged_in.rmdir()
        os.symlink(victim, staged_in)
        with pytest.raises(OutputFolderRefused):
            staged.commit()
    assert untouched(victim)["lanes.html"] == "keep"


def test_a_manifest_entry_through_a_link_is_neither_read_nor_removed(tmp_path, victim):
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim, out / "briefs")  # as if made after the folder check
    (out / MANIFEST).write_text(json.dumps({"files": ["briefs/thesis.docx", "gone.html"]}))
    assert previous(str(out)) == ["gone.html"]
    assert prune(str(out), ["briefs/thesis.docx"], []) == []
    assert (victim / "thesis.docx").read_text() == "precious"


def test_the_manifest_never_names_a_path_through_a_link(tmp_path):
    out = tmp_path / "out"
    (out / "real").mkdir(parents=True)
    os.symlink(out / "real", out / "alias")
    record(str(out), ["alias/page.html", "real/page.html", "index.html"])
    assert json.loads((out / MANIFEST).read_text())["files"] == ["index.html", "real/page.html"]
    assert not plain_path(str(out), "alias/page.html")


@pytest.mark.parametrize("command", [["build", "--no-graphviz"], ["flow"]])
@pytest.mark.parametrize("target", ["small/archive", "small/archive/pages", "small"])
def test_build_and_flow_refuse_an_archive_folder_or_the_debate_folder(cli, repo, command,
                                                                        target):
    """N10: build -o and flow -o into an archive folder overwrote archived texts."""
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    result = cli(command[0], "small", "-o", target, *command[1:])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: -o: '{target}' is not written into: ")
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before


def many_sides(n_sides: int, per_side: int) -> tuple[str, str]:
    """A debate.yaml and claims.yaml with many perspectives: a build writes a brief, a
    worksheet and an answer key for each (hundreds of pages, a few seconds)."""
    debate = "title: Many sides\nperspectives:\n" + "".join(
        f"  - {{id: p{i}, label: Side {i}}}\n" for i in range(n_sides)) + \
        "resolutions:\n  - {id: motion, text: The motion should pass.}\n"
    lines = ["claims:"]
    for i in range(n_sides):
        for j in range(per_side):
            lines.append(f"  - {{id: c{i}-{j}, perspective: p{i}, text: Claim {j} of side {i} "
                         "about the motion and what follows from it., supports: [motion], "
                         "evidence: [{source: s, quote: Words of the source.}]}")
    return debate, "\n".join(lines + ["sources:", "  - {id: s, title: A source}"]) + "\n"


def test_sigterm_mid_build_leaves_no_temporary_file_and_the_last_build_whole(tmp_path):
    """N11: SIGTERM (timeout, CI cancellation, docker stop) left about 1,300 temporary files;
    it now ends a build as Ctrl-C does, cleaning up what it staged."""
    import signal
    import subprocess
    import sys
    import time

    debate, claims = many_sides(150, 8)
    root = tmp_path / "d"
    root.mkdir()
    (root / "debate.yaml").write_text(debate)
    (root / "claims.yaml").write_text(claims)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "argmap", "build", str(root), "-o", str(out),
               "--no-graphviz", "--worksheets", "--no-cache"]
    subprocess.run(command, check=True, capture_output=True)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "claims.yaml").write_text(claims.replace("Claim 0 ", "Claim zero "))
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.rglob(".argmap-*.tmp")) and time.monotonic() < deadline \
            and build.poll() is None:
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before a file was staged"
    build.send_signal(signal.SIGTERM)
    build.wait(timeout=60)
    assert build.returncode != 0
    assert list(out.rglob(".argmap-*.tmp")) == []
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_second_build_into_a_folder_being_committed_is_told_and_writes_nothing(tmp_path):
    """N12: two builds finishing at once could leave a mix; the commit takes the folder's
    lock, and the other is told (exit 2, one line) and writes nothing."""
    import fcntl

    from argmap.builder import build
    from argmap.writing import OutputFolderBusy

    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    held = os.open(out, os.O_RDONLY)  # another build, mid-commit, holds the folder's lock
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputFolderBusy, match="another argmap build is writing into"):
            build(str(FIXTURES / "small"), str(out),
                  graphviz=False, worksheets=True, cache=False)
    finally:
        os.close(held)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert list(out.rglob(".argmap-*.tmp")) == []
