"""YAML is read safely: duplicate keys, alias bombs, object tags, encodings, syntax errors."""

from __future__ import annotations

import time

from argmap.loader import check
from argmap.reading import read_yaml

from conftest import messages

CLAIM = ("claims:\n  - id: c1\n    perspective: pro\n    text: A claim.\n"
         "    supports: [motion]\n    evidence:\n      - source: s1\n        quote: Q.\n"
         "sources:\n  - id: s1\n    title: S\n")


def relative(root, result):
    return [m.replace(f"{root}/", "") for m in messages(result.diagnostics)]


def test_duplicate_mapping_key_is_an_error_naming_the_first(debate_dir):
    text = CLAIM.replace("    text: A claim.\n", "    text: A claim.\n    text: Again.\n")
    root = debate_dir({"c.yaml": text})
    assert relative(root, check(str(root))) == [
        "c.yaml:5:5: error: duplicate key 'text' (first defined at line 4, column 5)"]


def test_alias_bomb_is_refused_quickly(debate_dir):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("claims: *a9")
    root = debate_dir({"bomb.yaml": "\n".join(lines) + "\n"})
    started = time.perf_counter()
    result = check(str(root))
    assert time.perf_counter() - started < 1.0
    found = relative(root, result)
    assert len(found) == 1
    assert "alias bomb" in found[0] and found[0].startswith("bomb.yaml:")
    assert ": error: " in found[0]


def long_text_aliased(aliases: int, size: int = 100_000) -> str:
    """One long text anchored once and aliased ``aliases`` times (the red team's N4)."""
    words = ("word " * (size // 5)).strip()
    lines = ["claims:", "  - id: c0", "    perspective: pro", f"    text: &k {words}",
             "    supports: [motion]", "    evidence: [{source: s1, quote: Q.}]"]
    for i in range(1, aliases + 1):
        lines += [f"  - id: c{i}", "    perspective: pro", "    text: *k",
                  "    supports: [motion]", "    evidence: [{source: s1, quote: Q.}]"]
    return "\n".join(lines + ["sources:", "  - {id: s1, title: S}"]) + "\n"


def test_an_alias_of_a_text_is_refused_at_the_alias(debate_dir):
    root = debate_dir({"c.yaml": long_text_aliased(2000)})
    assert relative(root, check(str(root))) == [
        "c.yaml:9:11: error: *k: an alias of a text: argmap's format never needs one (write "
        "the text where it is used, or give the claim an id and refer to it); nothing in this "
        "file was read (its claims and sources are missing until this is fixed)"]


def test_an_alias_of_a_short_text_is_refused_too():
    value, diags = read_yaml(b"a: &p pro\nb: *p\n", "f.yaml")
    assert value is None
    assert [str(d) for d in diags] == [
        "f.yaml:2:4: error: *p: an alias of a text: argmap's format never needs one (write "
        "the text where it is used, or give the claim an id and refer to it)"]


def test_aliases_of_a_block_holding_long_text_are_counted_by_characters():
    block = "evidence: &e [{source: s1, quote: " + "word " * 20_000 + "}]\n"
    text = block + "".join(f"c{i}: *e\n" for i in range(60))  # 60 x 100 KB again
    value, diags = read_yaml(text.encode(), "f.yaml")
    assert value is None
    [diag] = diags
    assert (diag.line, diag.col) == (2, 5)  # the first alias
    assert "aliases repeat more than 1,000,000 characters of text" in str(diag)


def test_a_few_aliases_are_fine():
    value, diags = read_yaml(b"base: &b {x: 1}\nother: *b\n", "f.yaml")
    assert diags == [] and value["other"] == {"x": "1"}  # numbers stay as written


def test_object_building_tags_are_refused(debate_dir):
    text = CLAIM.replace("text: A claim.", "text: !!python/object/apply:os.system [echo hi]")
    root = debate_dir({"c.yaml": text})
    found = relative(root, check(str(root)))
    assert found == ["c.yaml:4:11: error: the YAML tag 'tag:yaml.org,2002:python/object/apply:"
                     "os.system' is not allowed; nothing in this file was read (its claims and "
                     "sources are missing until this is fixed)"]


def test_custom_local_tags_are_refused():
    _, diags = read_yaml(b"title: !secret x\n", "f.yaml")
    assert messages(diags) == ["f.yaml:1:8: error: the YAML tag '!secret' is not allowed"]


def test_bytes_that_are_not_utf8_name_the_file_and_line(debate_dir):
    data = CLAIM.replace("A claim.", "A cl\xe9im.").encode("latin-1")
    root = debate_dir({"c.yaml": data})
    found = relative(root, check(str(root)))
    assert found == ["c.yaml:4:15: error: the file is not valid UTF-8 (byte 0xe9 at line 4); "
                     "nothing in this file was read (its claims and sources are missing until "
                     "this is fixed)"]


def test_a_bom_and_crlf_line_ends_are_fine(debate_dir):
    data = b"\xef\xbb\xbf" + CLAIM.replace("\n", "\r\n").encode()
    root = debate_dir({"c.yaml": data})
    assert relative(root, check(str(root))) == []


def test_positions_are_right_with_crlf_and_bom(debate_dir):
    data = b"\xef\xbb\xbf" + CLAIM.replace("perspective: pro", "perspective: nope")\
        .replace("\n", "\r\n").encode()
    root = debate_dir({"c.yaml": data})
    assert relative(root, check(str(root))) == [
        "c.yaml:3:18: error: 'nope' in perspective is not a declared perspective; the "
        "debate's perspectives are 'con' and 'pro'"]


def test_syntax_error_points_at_the_problem(debate_dir):
    root = debate_dir({"c.yaml": "claims:\n  - id: c1\n    text: [unclosed\n"})
    found = relative(root, check(str(root)))
    assert len(found) == 1 and found[0].startswith("c.yaml:4:1: error: YAML syntax: ")


def test_tab_indentation_is_a_syntax_error_not_a_traceback(debate_dir):
    root = debate_dir({"c.yaml": "claims:\n\t- id: c1\n"})
    found = relative(root, check(str(root)))
    assert len(found) == 1 and found[0].startswith("c.yaml:2:1: error: YAML syntax: ")


def test_a_control_character_is_an_error_with_position():
    _, diags = read_yaml(b"title: a\x07b\n", "f.yaml")
    assert messages(diags) == ["f.yaml:1:9: error: YAML syntax: the character U+0007 is not "
                               "allowed in YAML"]


def test_several_documents_in_one_file_are_an_error():
    _, diags = read_yaml(b"a: 1\n---\nb: 2\n", "f.yaml")
    assert len(diags) == 1 and messages(diags)[0].startswith("f.yaml:2:1: error: YAML syntax:")


def test_dates_stay_text():
    value, diags = read_yaml(b"published: 2020-01-01\n", "f.yaml")
    assert diags == [] and value["published"] == "2020-01-01"


def test_an_empty_data_file_is_fine(debate_dir):
    root = debate_dir({"c.yaml": CLAIM, "empty.yaml": ""})
    assert relative(root, check(str(root))) == []


def test_a_data_file_that_is_a_list_is_an_error(debate_dir):
    root = debate_dir({"c.yaml": CLAIM, "list.yaml": "- a\n- b\n"})
    assert relative(root, check(str(root))) == [
        "list.yaml:1:1: error: a debate file must be a mapping, not a list"]


def test_deep_nesting_is_an_error_not_a_crash():
    data = ("x: " + "[" * 5000 + "]" * 5000 + "\n").encode()
    _, diags = read_yaml(data, "f.yaml")
    assert len(diags) == 1 and diags[0].severity == "error"
