"""Findings of the red-team review (#18), each with the test that keeps it fixed: input from
a stranger's debate folder never hangs, leaks, corrupts or ends in a traceback."""

from __future__ import annotations

import pytest

from argmap.textfit import _break_word, text_width, wrap
from argmap.loader import check

from conftest import ONE_CLAIM, messages

CLAIM = """\
claims:
  - id: c1
    perspective: pro
    text: {text}
    supports: [motion]
    evidence:
      - source: s1
        quote: Something said.
sources:
  - id: s1
    title: A source
    url: {url}
"""


def diags(debate_dir, text="A claim.", url="https://example.org/"):
    root = debate_dir({"c.yaml": CLAIM.format(text=text, url=url)})
    return [m.replace(str(root) + "/", "") for m in messages(check(str(root)).diagnostics)]


def test_a_run_of_text_without_spaces_is_broken_in_one_pass():
    word = "\u4e2d" * 25_000  # CJK text, a pasted URL: no spaces to wrap at
    pieces = _break_word(word, 210, 13)
    assert "".join(pieces) == word
    assert all(text_width(p, 13) <= 210 for p in pieces)
    assert len(wrap("x" * 25_000, 210, 13)) == 7  # cut to the box, with an ellipsis


@pytest.mark.parametrize("url,message", [
    ("http://[::1", "'http://[::1' is not a valid URL"),
    ("http://a:99999999/", "'http://a:99999999/' is not a valid URL"),
    ("https:///no-host", "'https:///no-host' is not an http or https URL"),
])
def test_a_malformed_url_is_a_diagnostic_not_a_traceback(debate_dir, url, message):
    assert diags(debate_dir, url=f'"{url}"') == [f"c.yaml:12:10: error: {message}"]


@pytest.mark.parametrize("escaped,code,name", [
    ("\\0", "0000", "control character"), ("\\e[31m", "001B", "control character"),
    ("\\r", "000D", "control character"), ("\\x85", "0085", "control character"),
    # N17: noncharacters passed check and made map.svg and GraphML ill-formed XML
    ("\\uFFFE", "FFFE", "noncharacter"), ("\\uFFFF", "FFFF", "noncharacter"),
    ("\\uFDD0", "FDD0", "noncharacter"), ("\\U0001FFFF", "1FFFF", "noncharacter")])
def test_a_control_character_or_noncharacter_in_a_text_is_an_error(debate_dir, escaped, code,
                                                                     name):
    found = diags(debate_dir, text=f'"A claim{escaped}."')
    assert found == [f"c.yaml:4:11: error: 'text' holds the {name} U+{code}, which "
                     "no page, spreadsheet or terminal should receive: remove it"]


def test_a_key_with_a_newline_cannot_forge_a_second_diagnostic(debate_dir):
    text = CLAIM.format(text="A claim.", url="https://example.org/").replace(
        "    supports: [motion]\n",
        '    supports: [motion]\n    "x\\nc.yaml:1:1: error: forged\\e[2J": 1\n')
    root = debate_dir({"c.yaml": text})
    shown = [str(d) for d in check(str(root)).diagnostics]
    assert len(shown) == 1 and "\n" not in shown[0] and "\x1b" not in shown[0]
    assert "unknown key 'x\\nc.yaml:1:1: error: forged\\x1b[2J'" in shown[0]


def test_a_nul_in_a_label_never_reaches_graphviz(debate_dir, tmp_path):
    from argmap.builder import build
    debate = 'title: T\nperspectives:\n  - {id: pro, label: "Pro\\0side"}\n  - {id: con}\n' \
             'resolutions:\n  - {id: motion, text: M.}\n'
    root = debate_dir({"c.yaml": CLAIM.format(text="A.", url="https://example.org/")},
                      debate)
    result = build(str(root), str(tmp_path / "out"), cache=False)
    assert not result.check.ok and not (tmp_path / "out").exists()


@pytest.mark.parametrize("written", ["010", "3.10", "0x1F", "1e3", ".inf", "1_000"])
def test_a_number_in_a_text_field_is_kept_as_written(debate_dir, written):
    root = debate_dir({"c.yaml": CLAIM.format(text=written, url="https://example.org/")
                       .replace("quote: Something said.", "quote: Something said.\n"
                                f"        locator: {written}")})
    result = check(str(root))
    claim = result.debate.claims_by_id["c1"]
    assert (claim.text, claim.evidence[0].locator) == (written, written)


def test_a_numeric_id_is_the_id_as_written(debate_dir):
    root = debate_dir({"c.yaml": CLAIM.format(text="A.", url="https://example.org/")
                       .replace("id: c1", "id: 010")})
    assert [c.id for c in check(str(root)).debate.claims] == ["010"]


# ---- writing outputs (#18 items 7, 15) ---------------------------------------------------

def test_an_output_that_cannot_be_written_is_an_error_line_not_a_traceback(cli, tmp_path):
    from conftest import copy_fixture
    copy_fixture("small", tmp_path)
    for args in (["build", "small", "-o", "/proc/argmap-out", "--no-graphviz"],
                 ["report", "small", "-o", "/proc/argmap-report.txt"],
                 ["export", "small", "--format", "bibtex", "-o", "/proc/x.bib"],
                 ["new", "/proc/argmap-new"]):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("error: ") and "Traceback" not in result.output, args


def test_a_rename_failing_part_way_leaves_the_previous_outputs_whole(tmp_path, monkeypatch):
    import os

    from argmap import writing
    out = tmp_path / "out"
    writing.write_all(str(out), {"a.txt": "old a", "b.txt": "old b", "c.txt": "old c"})
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if str(dst).endswith("c.txt") and os.path.basename(str(src)).startswith(".argmap-"):
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst)
    monkeypatch.setattr(writing.os, "replace", flaky)
    with pytest.raises(OSError):
        writing.write_all(str(out), {"a.txt": "new a", "b.txt": "new b", "c.txt": "new c"})
    monkeypatch.setattr(writing.os, "replace", real)
    assert {p.name: p.read_text() for p in out.iterdir()} == {
        "a.txt": "old a", "b.txt": "old b", "c.txt": "old c"}


def test_a_graphviz_failure_is_an_error_line(cli, tmp_path, monkeypatch):
    from argmap.render import dot
    from conftest import copy_fixture
    copy_fixture("small", tmp_path)

    def fail(text, fmt, timeout=300):
        raise dot.GraphvizError("syntax error in line 1")
    monkeypatch.setattr(dot, "run_dot", fail)
    monkeypatch.setattr(dot, "dot_available", lambda: True)
    result = cli("build", "small", "-o", "out")
    assert result.exit_code == 2 and result.stderr == "error: syntax error in line 1\n"
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]


def test_temporary_files_of_killed_builds_are_removed_once_stale(tmp_path):
    import os
    import time

    from argmap.builder import build
    from conftest import FIXTURES
    out = tmp_path / "out"
    (out / "briefs").mkdir(parents=True)
    stale, fresh = out / "briefs" / ".argmap-dead1234.tmp", out / ".argmap-live5678.tmp"
    for path in (stale, fresh):
        path.write_text("half a page")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    (out / "keep.tmp").write_text("not argmap's")
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    assert not stale.exists() and fresh.exists() and (out / "keep.tmp").exists()


def test_perspective_ids_differing_only_in_case_are_an_error(debate_dir):
    debate = ("title: T\nperspectives:\n  - id: pro\n  - id: Pro\nresolutions:\n"
              "  - {id: motion, text: M.}\n")
    root = debate_dir({"c.yaml": CLAIM.format(text="A.", url="https://example.org/")}, debate)
    found = [m.replace(str(root) + "/", "") for m in messages(check(str(root)).diagnostics)]
    assert found == ["debate.yaml:4:9: error: perspective id 'Pro' differs from 'pro' (at "
                     "debate.yaml:3:9) only in case: their briefs would be one file on "
                     "Windows and macOS"]


@pytest.mark.parametrize("orders,message", [
    ("x:\n  label: X\n  label: Y\n", "duplicate key"),
    ("x: {sides: [A, B], speeches: [{id: a, name: A, side: 1.0}]}\n", "has side '1.0'"),
    ("x: {sides: [A, B], speeches: [{id: a, name: A, side: " + "9" * 5000 + "}]}\n",
     "has side"),
    ("x: {sides: [A, B], speeches: [{id: a, name: A, side: 1, minutes: " + "9" * 5000 +
     "}]}\n", "has minutes"),
    ("x: " + "[" * 5000 + "]" * 5000 + "\n", "depth"),
])
def test_a_bad_speech_orders_file_is_a_message_not_a_traceback(cli, tmp_path, orders,
                                                                message):
    from conftest import copy_fixture
    copy_fixture("uniforms", tmp_path)
    (tmp_path / "orders.yaml").write_text(orders)
    result = cli("flow", "uniforms", "--format", "policy", "--speech-orders", "orders.yaml",
                 "-o", "out")
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output


def test_graphviz_taking_too_long_is_an_error_line(cli, tmp_path, monkeypatch):
    import subprocess

    from argmap.render import dot
    from conftest import copy_fixture
    copy_fixture("small", tmp_path)

    def slow(text, fmt, timeout=300):
        raise subprocess.TimeoutExpired(["dot", f"-T{fmt}"], timeout)
    monkeypatch.setattr(dot, "run_dot", slow)
    monkeypatch.setattr(dot, "dot_available", lambda: True)
    result = cli("build", "small", "-o", "out")
    assert result.exit_code == 2
    assert result.stderr == "error: dot took longer than 300 s and was stopped; nothing was " \
        "written\n"


# ---- hardening round 2: N5 deep folders, N15 unreadable folders ----

@pytest.fixture
def deep_folder():
    """``make(root, depth)`` nests folders ``depth`` deep below ``root`` (short names, so
    the path stays within the system's limit); they are removed again afterwards, deepest
    first, since pytest's own clean-up (shutil.rmtree) recurses and would fail on them."""
    import os

    made = []

    def make(root, depth: int) -> None:
        here = os.getcwd()
        os.chdir(root)
        try:
            for _ in range(depth):
                os.mkdir("d")
                os.chdir("d")
        finally:
            os.chdir(here)
        made.append((root, depth))
    yield make
    here = os.getcwd()
    for root, depth in made:
        os.chdir(root)
        try:
            for _ in range(depth):
                os.chdir("d")
            for _ in range(depth):
                os.chdir("..")
                for name in os.listdir("d"):
                    os.unlink(os.path.join("d", name))
                os.rmdir("d")
        finally:
            os.chdir(here)


def test_folders_nested_1200_deep_are_walked_without_a_traceback(debate_dir, cli,
                                                                  deep_folder):
    from argmap.serve.watch import snapshot
    from argmap.writing import remove_stale_temporaries

    root = debate_dir({"c.yaml": ONE_CLAIM})
    deep_folder(root, 1200)
    result = cli("check", str(root))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert str(root / "c.yaml") in snapshot(str(root))
    assert remove_stale_temporaries(str(root)) == []


def test_an_unreadable_subfolder_is_an_error_naming_it(debate_dir, cli, monkeypatch):
    import os

    root = debate_dir({"c.yaml": ONE_CLAIM, "more/d.yaml": "claims: []\n"})
    real = os.scandir

    def refusing(path):  # as a folder without read permission does (root reads any)
        if str(path).endswith("/more"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", refusing)
    result = cli("check", str(root))
    assert result.exit_code == 1
    assert f"{root}/more:1:1: error: folder not read: Permission denied" in result.output


def test_a_walk_names_the_folders_it_could_not_read(tmp_path, monkeypatch):
    import os

    from argmap.folders import Unreadable, walk

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "x.yaml").write_text("")
    real = os.scandir

    def refusing(path):
        if str(path).endswith("/b"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", refusing)
    unreadable = Unreadable()
    walked = list(walk(str(tmp_path), unreadable=unreadable))
    assert walked == [(str(tmp_path), []), (str(tmp_path / "a"), ["x.yaml"])]
    assert unreadable == [(str(tmp_path / "a" / "b"), "Permission denied")]


def test_an_id_longer_than_100_characters_is_an_error_at_it(debate_dir, cli):
    """N14: a 260-character id passed check and failed the build."""
    long_id = "a" * 260
    root = debate_dir({"c.yaml": ONE_CLAIM.replace("id: c1", f"id: {long_id}")})
    result = cli("check", str(root))
    assert result.exit_code == 1
    assert f"c.yaml:2:9: error: '{'a' * 40}…' is 260 characters long: an id may have at " \
           "most 100" in result.output
    assert cli("check", str(debate_dir({"c.yaml": ONE_CLAIM.replace(
        "id: c1", f"id: {'a' * 100}")}))).exit_code == 0


def test_a_write_error_names_the_file_asked_for_not_a_temporary_file(cli, debate_dir, tmp_path):
    """Cosmetic C1: 'report.html' being a folder was reported as '.argmap-u6cnhjdc.tmp'."""
    root = debate_dir({"c.yaml": ONE_CLAIM})
    (tmp_path / "report.html").mkdir()
    (tmp_path / "report.html" / "x").write_text("")
    result = cli("report", str(root), "--format", "html", "-o", "report.html")
    assert result.exit_code == 2
    assert ".argmap-" not in result.output and "'report.html'" in result.output
