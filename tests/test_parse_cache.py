"""The parse cache: a file parsed before is not parsed again while its bytes are the same,
and nothing a user sees depends on whether the cache was used."""

from __future__ import annotations

import os

import pytest

from argmap import fastyaml
from argmap.loader import check
from argmap.parsecache import FOLDER

from conftest import messages

pytestmark = pytest.mark.skipif(not fastyaml.available(), reason="rapidyaml is not installed")

CLAIMS = """\
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


def entries(root) -> list[str]:
    return sorted(os.listdir(root / FOLDER / "parsed"))


@pytest.fixture
def no_parsing(monkeypatch):
    """Make rapidyaml unusable: whatever is still read must come from the cache."""
    def refuse(*args):
        raise AssertionError("rapidyaml was asked to parse")
    monkeypatch.setattr(fastyaml.ryml, "parse_in_arena", refuse)


def test_a_second_check_reads_unchanged_files_from_the_cache(debate_dir, request):
    root = debate_dir({"claims.yaml": CLAIMS})
    first = check(str(root))
    assert len(entries(root)) == 2  # debate.yaml and claims.yaml
    request.getfixturevalue("no_parsing")
    second = check(str(root))
    assert messages(second.diagnostics) == messages(first.diagnostics)
    assert second.debate.claims == first.debate.claims


def test_an_edited_file_is_parsed_again_and_its_old_entry_removed(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS})
    check(str(root))
    before = entries(root)
    (root / "claims.yaml").write_text(CLAIMS.replace("A claim.", "An edited claim."),
                                      encoding="utf-8")
    result = check(str(root))
    assert result.debate.claims_by_id["c1"].text == "An edited claim."
    after = entries(root)
    assert len(after) == 2 and len(set(after) - set(before)) == 1


def test_positions_of_a_cached_file_are_exact(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS.replace("source: s1", "source: s2")})
    first = messages(check(str(root)).diagnostics)
    assert any(":7:17: error: 's2' in source is not a source" in m for m in first)
    assert messages(check(str(root)).diagnostics) == first


def test_a_damaged_entry_is_ignored_and_replaced(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS})
    check(str(root))
    for name in entries(root):
        (root / FOLDER / "parsed" / name).write_bytes(b'{"claims": [')
    result = check(str(root))
    assert result.ok and [c.id for c in result.debate.claims] == ["c1"]
    assert check(str(root)).ok


def test_no_cache_writes_no_cache_folder(debate_dir, monkeypatch):
    root = debate_dir({"claims.yaml": CLAIMS})
    check(str(root), cache=False)
    assert not (root / FOLDER).exists()
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    check(str(root))
    assert not (root / FOLDER).exists()


def test_the_cache_folder_keeps_itself_out_of_version_control(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS})
    check(str(root))
    assert (root / FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (root / FOLDER / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_a_read_only_debate_folder_checks_without_a_cache(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS})
    os.chmod(root, 0o555)
    try:
        assert check(str(root)).ok
        assert not (root / FOLDER).exists()
    finally:
        os.chmod(root, 0o755)


def test_an_unwritable_cache_is_not_an_error(debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS})
    (root / FOLDER).write_text("not a folder")  # makedirs fails, as on a read-only disk
    assert check(str(root)).ok


def test_the_cli_no_cache_flag(cli, debate_dir):
    root = debate_dir({"claims.yaml": CLAIMS})
    assert cli("check", str(root), "--no-cache").exit_code == 0
    assert not (root / FOLDER).exists()
    assert cli("build", str(root), "-o", "out", "--no-cache", "--no-graphviz").exit_code == 0
    assert not (root / FOLDER).exists()
