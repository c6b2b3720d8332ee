"""The parse cache: a file parsed before is not parsed again while its bytes are the same,
nothing a user sees depends on whether the cache was used, and nothing in a debate folder
(which may come from a stranger) can plant, redirect or delete cache entries."""

from __future__ import annotations

import os
import time

import pytest

from argmap import fastyaml
from argmap.loader import check
from argmap.parsecache import ParseCache

from conftest import ONE_CLAIM, messages, write_debate

pytestmark = pytest.mark.skipif(not fastyaml.available(), reason="rapidyaml is not installed")

@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache folder for one test."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(folder))
    return folder


def entries(cache_dir) -> list[str]:
    return sorted(n for n in os.listdir(cache_dir / "parsed") if not n.startswith("."))


@pytest.fixture
def no_parsing(monkeypatch):
    """Make rapidyaml unusable: whatever is still read must come from the cache."""
    def refuse(*args):
        raise AssertionError("rapidyaml was asked to parse")
    monkeypatch.setattr(fastyaml.ryml, "parse_in_arena", refuse)


def test_a_second_check_reads_unchanged_files_from_the_cache(debate_dir, cache_dir, request):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    first = check(str(root))
    assert len(entries(cache_dir)) == 2  # debate.yaml and claims.yaml
    request.getfixturevalue("no_parsing")
    second = check(str(root))
    assert messages(second.diagnostics) == messages(first.diagnostics)
    assert second.debate.claims == first.debate.claims


def test_nothing_is_written_into_the_debate_folder(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    before = sorted(os.listdir(root))
    check(str(root))
    assert sorted(os.listdir(root)) == before


def test_an_edited_file_is_parsed_again(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    check(str(root))
    (root / "claims.yaml").write_text(ONE_CLAIM.replace("A claim.", "An edited claim."),
                                      encoding="utf-8")
    result = check(str(root))
    assert result.debate.claims_by_id["c1"].text == "An edited claim."
    assert len(entries(cache_dir)) == 3


def test_positions_of_a_cached_file_are_exact(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM.replace("source: s1", "source: s2")})
    first = messages(check(str(root)).diagnostics)
    assert any(":7:17: error: 's2' in source is not a source" in m for m in first)
    assert messages(check(str(root)).diagnostics) == first


def test_a_damaged_entry_is_ignored_and_replaced(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    check(str(root))
    for name in entries(cache_dir):
        path = cache_dir / "parsed" / name
        head = path.read_bytes().split(b"\n", 1)[0]
        path.write_bytes(head + b'\n{"claims": [')
    result = check(str(root))
    assert result.ok and [c.id for c in result.debate.claims] == ["c1"]
    assert check(str(root)).ok


def _plant(cache_dir, data: bytes, body: bytes, header: bool = True) -> str:
    cache = ParseCache(str(cache_dir))
    key = cache._key(data)
    (cache_dir / "parsed").mkdir(parents=True, exist_ok=True)
    (cache_dir / "parsed" / key).write_bytes(
        (b"argmap-parse-1 " + key.encode() + b"\n" if header else b"") + body)
    return key


def test_an_entry_whose_first_line_is_not_its_key_is_not_used(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    data = (root / "claims.yaml").read_bytes()
    forged = ONE_CLAIM.replace("A claim.", "Words the file never said.")
    import json
    body = json.dumps({"claims": [{"id": "c1", "perspective": "pro", "text": forged}]})
    _plant(cache_dir, data, body.encode(), header=False)
    result = check(str(root))
    assert result.debate.claims_by_id["c1"].text == "A claim."


def test_a_deeply_nested_entry_is_refused_without_a_traceback(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    _plant(cache_dir, (root / "claims.yaml").read_bytes(), b"[" * 100000)
    assert check(str(root)).ok


def test_an_entry_larger_than_its_file_could_parse_to_is_not_read(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    _plant(cache_dir, (root / "claims.yaml").read_bytes(), b" " * (1 << 20) + b"{}")
    assert check(str(root)).ok


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_entry_does_not_hang(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    cache = ParseCache(str(cache_dir))
    (cache_dir / "parsed").mkdir(parents=True)
    os.mkfifo(cache_dir / "parsed" / cache._key((root / "claims.yaml").read_bytes()))
    started = time.monotonic()
    assert check(str(root)).ok
    assert time.monotonic() - started < 10


def test_an_entry_linked_to_dev_zero_is_not_read(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    cache = ParseCache(str(cache_dir))
    (cache_dir / "parsed").mkdir(parents=True)
    os.symlink("/dev/zero", cache_dir / "parsed" / cache._key((root / "claims.yaml").read_bytes()))
    assert check(str(root)).ok


def test_a_parsed_folder_that_is_a_link_is_neither_used_nor_emptied(tmp_path, debate_dir,
                                                                    monkeypatch):
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / ("a" * 40)).write_text("keep me")
    (elsewhere / "notes.txt").write_text("keep me too")
    old = time.time() - 400 * 86400
    os.utime(elsewhere / ("a" * 40), (old, old))
    cache = tmp_path / "cache"
    cache.mkdir()
    os.symlink(elsewhere, cache / "parsed")
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(cache))
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    assert check(str(root)).ok and check(str(root)).ok
    assert sorted(os.listdir(elsewhere)) == ["a" * 40, "notes.txt"]


def test_the_clean_up_removes_only_stale_entries_with_argmap_names(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    check(str(root))
    parsed = cache_dir / "parsed"
    old = time.time() - 40 * 86400
    (parsed / ("b" * 40)).write_text("stale entry")
    (parsed / "mine.txt").write_text("not argmap's")
    for name in ("b" * 40, "mine.txt"):
        os.utime(parsed / name, (old, old))
    os.utime(parsed / ".pruned", (old, old))  # the last clean-up was long ago
    check(str(root))
    assert not (parsed / ("b" * 40)).exists()
    assert (parsed / "mine.txt").exists() and len(entries(cache_dir)) == 3


def test_an_old_cache_folder_in_the_debate_is_ignored(debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    planted = root / ".argmap-cache" / "parsed"
    planted.mkdir(parents=True)
    cache = ParseCache(str(cache_dir))
    key = cache._key((root / "claims.yaml").read_bytes())
    (planted / key).write_text('argmap-parse-1 ' + key + '\n{"claims": []}')
    result = check(str(root))
    assert [c.id for c in result.debate.claims] == ["c1"]


def test_no_cache_writes_no_cache_folder(debate_dir, cache_dir, monkeypatch):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    check(str(root), cache=False)
    assert not cache_dir.exists()
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    check(str(root))
    assert not cache_dir.exists()


def test_the_cache_folder_is_tagged_as_a_cache(debate_dir, cache_dir):
    check(str(debate_dir({"claims.yaml": ONE_CLAIM})))
    assert (cache_dir / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")


def test_an_unwritable_cache_is_not_an_error(debate_dir, cache_dir):
    cache_dir.write_text("not a folder")  # makedirs fails, as on a read-only disk
    assert check(str(debate_dir({"claims.yaml": ONE_CLAIM}))).ok


def test_the_cli_no_cache_flag(cli, debate_dir, cache_dir):
    root = debate_dir({"claims.yaml": ONE_CLAIM})
    assert cli("check", str(root), "--no-cache").exit_code == 0
    assert not cache_dir.exists()
    assert cli("build", str(root), "-o", "out", "--no-cache", "--no-graphviz").exit_code == 0
    assert not cache_dir.exists()


def test_an_entry_is_keyed_by_the_readers_versions_pyyaml_included(monkeypatch, cache_dir,
                                                                   tmp_path):
    from importlib import util
    from types import SimpleNamespace

    from argmap import parsecache
    before = parsecache._salt()
    other = tmp_path / "__init__.py"
    other.write_text("__version__ = '0.0-other'\n", encoding="utf-8")
    real = util.find_spec
    monkeypatch.setattr(util, "find_spec", lambda name, *a: SimpleNamespace(origin=str(other))
                        if name == "yaml" else real(name, *a))
    assert parsecache._salt() != before  # B7: another PyYAML, other entries


def test_a_planted_cachedir_tag_link_is_never_written_through(tmp_path, monkeypatch):
    """N13: with the cache in a shared folder, a CACHEDIR.TAG planted as a link made the
    first run truncate the link's target."""
    cache_dir = tmp_path / "shared-cache"
    cache_dir.mkdir()
    victim = tmp_path / "thesis.docx"
    victim.write_text("precious")
    (cache_dir / "CACHEDIR.TAG").symlink_to(victim)
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(cache_dir))
    root = tmp_path / "d"
    write_debate(root, {"c.yaml": ONE_CLAIM})
    check(str(root), cache=True)
    assert victim.read_text() == "precious"
