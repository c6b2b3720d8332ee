"""A debate folder from a stranger makes argmap read only regular files inside the debate
folder and the archive folders the user named: never a file elsewhere, a FIFO or a device."""

from __future__ import annotations

import os
import time

import pytest

from argmap.loader import check

from conftest import messages

CLAIM = """\
claims:
  - id: c1
    perspective: pro
    text: A claim.
    supports: [motion]
    evidence:
      - source: s1
        quote: {quote}
sources:
  - id: s1
    title: A source
    archive: {archive}
"""

DEBATE_WITH_ARCHIVES = """\
title: Test debate
perspectives:
  - id: pro
  - id: con
resolutions:
  - id: motion
    text: The motion should pass.
archives: [{folder}]
"""


def run(debate_dir, archive="a.txt", folder="archive", quote="Something said.", extra=None):
    files = {"c.yaml": CLAIM.format(archive=archive, quote=quote), **(extra or {})}
    root = debate_dir(files, DEBATE_WITH_ARCHIVES.format(folder=folder))
    result = check(str(root))
    prefix = str(root) + "/"
    return root, result, [m.replace(prefix, "") for m in messages(result.diagnostics)]


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("The password is hunter2 and nobody should ever see it.")
    return path


def test_an_archive_inside_the_folder_verifies_quotes(debate_dir):
    _, result, diags = run(debate_dir, extra={"archive/a.txt": "Yes. Something said. No."})
    assert diags == [] and result.quotes.verified == 1


def test_an_absolute_archive_folder_is_refused_where_it_is_written(debate_dir, secret):
    _, result, diags = run(debate_dir, archive=secret.name, folder=str(secret.parent),
                           quote="The password is hunter1")
    assert diags == [f"debate.yaml:8:12: error: archive folder '{secret.parent}' is refused: "
                     "it is not a path relative to the folder; 'archives' names folders inside "
                     "the debate folder (name others with --archives)"]
    assert "hunter" not in "".join(diags) and result.quotes.mismatched == 0


def test_an_archive_folder_leading_out_with_dotdot_is_refused(debate_dir, secret):
    _, result, diags = run(debate_dir, archive=secret.name, folder="..",
                           quote="The password is hunter1")
    assert len(diags) == 1 and "archive folder '..' is refused: it leads out" in diags[0]
    assert result.quotes.mismatched == 0 and result.quotes.verified == 0


def test_a_source_archive_leading_out_is_refused_at_its_value(debate_dir, secret):
    _, result, diags = run(debate_dir, archive=f"../../{secret.name}",
                           quote="The password is hunter1")
    assert diags == [f"c.yaml:12:14: error: archive '../../{secret.name}' is refused: it leads "
                     "out of the folder ('..'); 'archive' names a file inside the archive "
                     "folders"]


def test_an_absolute_source_archive_is_refused(debate_dir, secret):
    _, _, diags = run(debate_dir, archive=str(secret), quote="The password is hunter1")
    assert len(diags) == 1 and "is refused: it is not a path relative to the folder" in diags[0]
    assert "hunter2" not in diags[0]


def test_an_archive_linked_out_of_its_folder_is_refused_and_never_quoted(debate_dir, secret):
    root, result, diags = run(debate_dir, archive="a.txt", quote="The password is hunter1",
                              extra={"archive/.keep": ""})
    os.symlink(secret, root / "archive" / "a.txt")
    result = check(str(root))
    shown = messages(result.diagnostics)
    assert len(shown) == 1 and "archive 'a.txt' of source 's1' is not read: it is a link to a " \
        "file outside" in shown[0]
    assert "hunter2" not in shown[0] and result.quotes.mismatched == 0


def test_an_archive_folder_linked_out_of_the_debate_is_refused(debate_dir, secret):
    root, _, _ = run(debate_dir, archive=secret.name, folder="linked",
                     quote="The password is hunter1")
    os.symlink(secret.parent, root / "linked")
    shown = messages(check(str(root)).diagnostics)
    assert len(shown) == 1 and "archive folder 'linked' is a link to a folder outside the " \
        "debate folder" in shown[0]


def test_an_archive_folder_the_user_named_may_be_anywhere(debate_dir, secret, tmp_path):
    files = {"c.yaml": CLAIM.format(archive=secret.name, quote="The password is hunter2")}
    root = debate_dir(files)
    result = check(str(root), archives=[str(secret.parent)])
    assert result.ok and result.quotes.verified == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_archive_does_not_hang(debate_dir):
    root, _, _ = run(debate_dir, extra={"archive/.keep": ""})
    os.mkfifo(root / "archive" / "a.txt")
    started = time.monotonic()
    shown = messages(check(str(root)).diagnostics)
    assert time.monotonic() - started < 10
    assert len(shown) == 1 and "is not read: it is not a regular file" in shown[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_debate_file_does_not_hang(debate_dir):
    root = debate_dir({"c.yaml": CLAIM.format(archive="a.txt", quote="x")})
    os.mkfifo(root / "x.yaml")
    started = time.monotonic()
    shown = [m.replace(str(root) + "/", "") for m in messages(check(str(root)).diagnostics)]
    assert time.monotonic() - started < 10
    assert shown == ["x.yaml:1:1: error: not read: it is not a regular file; argmap reads only "
                     "regular files inside the debate folder"]


def test_a_debate_file_linked_to_dev_zero_is_refused(debate_dir):
    root = debate_dir({"c.yaml": CLAIM.format(archive="a.txt", quote="x")})
    os.symlink("/dev/zero", root / "z.yaml")
    shown = messages(check(str(root)).diagnostics)
    assert len(shown) == 1 and "z.yaml:1:1: error: not read: it is a link to a file outside" \
        in shown[0]


def test_a_debate_file_linked_out_of_the_folder_is_refused(debate_dir, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("claims: []\n")
    root = debate_dir({"c.yaml": CLAIM.format(archive="a.txt", quote="x")})
    os.symlink(outside, root / "linked.yaml")
    shown = messages(check(str(root)).diagnostics)
    assert len(shown) == 1 and "linked.yaml:1:1: error: not read: it is a link to a file " \
        "outside" in shown[0]


def test_a_link_between_files_inside_the_folder_is_read(debate_dir):
    root = debate_dir({"sub/c.yaml": CLAIM.format(archive="a.txt", quote="x")})
    os.symlink(root / "sub" / "c.yaml", root / "again.yaml")
    shown = messages(check(str(root)).diagnostics)
    assert all("not read" not in m for m in shown)
