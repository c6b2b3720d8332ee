"""``argmap diff``: two versions of a debate (folders, or git revisions read without checking
anything out) compared by id, renames detected, with the consequences for the map."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.diff.compare import compare, word_diff
from argmap.diff.render import render
from argmap.loader import check

from conftest import DEBATE, ONE_CLAIM, ROOT, write_debate

BUNDLED = ROOT / "claims"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def diff_of(old: Path, new: Path, archives=()):
    a, b = check(str(old), archives), check(str(new), archives)
    assert a.ok and b.ok, [str(d) for d in a.diagnostics + b.diagnostics]
    return compare(a.debate, b.debate, a.quotes, b.quotes, "old", "new")


def two(tmp_path, old_files: dict, new_files: dict, debate=DEBATE, new_debate=None):
    old = write_debate(tmp_path / "old", old_files, debate)
    new = write_debate(tmp_path / "new", new_files, new_debate or debate)
    return old, new


TWO_SIDES = """\
claims:
  - id: p1
    perspective: pro
    text: The motion saves money for every town that adopts it.
    supports: [motion]
    evidence:
      - source: s1
        quote: Something said.
  - id: k1
    perspective: con
    text: The motion costs more than it saves in the first years.
    attacks:
      - target: motion
        note: Whether it saves money
sources:
  - id: s1
    title: A source
"""


# ---- the loader reads a debate from memory ---------------------------------------------------

def test_a_debate_in_memory_checks_as_the_same_folder_on_disk():
    on_disk = check(str(BUNDLED))
    in_memory = check("HEAD:claims", files=files_of(BUNDLED))
    assert in_memory.summary() == on_disk.summary()
    assert in_memory.debate.claims == on_disk.debate.claims


def test_an_error_in_memory_is_named_rev_colon_path_at_its_line_and_column():
    files = files_of(BUNDLED)
    files["decriminalization.yaml"] = files["decriminalization.yaml"].replace(
        b"perspective: decriminalization", b"perspective: decriminalisation", 1)
    line = next(i for i, text in enumerate(
        files["decriminalization.yaml"].decode().splitlines(), 1) if "decriminalisation" in text)
    result = check("HEAD~1:claims", files=files)
    assert any(str(d).startswith(f"HEAD~1:claims/decriminalization.yaml:{line}:18: error:")
               for d in result.diagnostics)


def test_a_revisions_top_folder_names_files_rev_colon_file():
    files = {"debate.yaml": b"title: [\n"}
    assert str(check("v1:", files=files).diagnostics[0]).startswith("v1:debate.yaml:")


def test_an_archive_folder_in_memory_verifies_quotes():
    files = {"debate.yaml": (DEBATE + "archives: [texts]\n").encode(),
             "claims.yaml": ONE_CLAIM.replace("title: A source",
                                              "title: A source\n    archive: s1.txt").encode(),
             "texts/s1.txt": b"Before. Something said. After."}
    assert check("rev:", files=files).quotes.verified == 1


# ---- what is compared ------------------------------------------------------------------------

def test_the_same_debate_twice_has_no_differences():
    result = check(str(BUNDLED))
    diff = compare(result.debate, result.debate, result.quotes, result.quotes)
    assert diff.empty
    assert render(diff).startswith("no differences")


def bundled_changed(tmp_path) -> tuple[Path, Path]:
    """The bundled debate, and a copy with a claim removed, one reworded, one renamed (every
    reference to it too), an attack with a note added, and a quote changed."""
    old = Path(shutil.copytree(BUNDLED, tmp_path / "old"))
    new = Path(shutil.copytree(BUNDLED, tmp_path / "new"))
    dec = new / "decriminalization.yaml"
    text = dec.read_text(encoding="utf-8")
    text, n = re.subn(r"  - id: dec-amnesty-recommends\n(?:(?!  - id: ).*\n)*", "", text)
    assert n == 1
    reworded = text.replace("Sex workers can be shut out of health care",
                            "Sex workers can be excluded from health care")
    assert reworded != text
    attacked = reworded.replace(
        "second bullet\"\n    supports: [dec-listen-to-sex-workers]\n",
        "second bullet\"\n    supports: [dec-listen-to-sex-workers]\n    attacks:\n"
        "      - target: em-model-definition\n"
        "        note: Whether the model's definition hears sex workers' own organizations\n", 1)
    assert attacked != reworded
    quoted = attacked.replace("offers a wealth of quantitative and qualitative\n",
                              "offers a great deal of quantitative and qualitative\n", 1)
    assert quoted != attacked
    dec.write_text(quoted, encoding="utf-8")
    for path in new.glob("*.yaml"):
        body = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?<![\w-])dec-rights-based-approach(?![\w-])",
                               "dec-human-rights-approach", body), encoding="utf-8")
    return old, new


def test_five_edits_to_the_bundled_debate_are_listed_exactly(tmp_path, cli):
    old, new = bundled_changed(tmp_path)
    result = cli("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 1, result.output
    d = json.loads(result.output)
    assert d["version"] == 1
    assert d["claims"]["added"] == []
    assert d["claims"]["removed"] == ["dec-amnesty-recommends"]
    assert d["claims"]["renamed"] == [["dec-rights-based-approach", "dec-human-rights-approach"]]
    assert list(d["claims"]["changed"]) == ["dec-excluded-from-services"]
    assert list(d["claims"]["changed"]["dec-excluded-from-services"]) == ["text"]
    assert d["relations"] == {"added": [["dec-sex-worker-led-knowledge", "attacks",
                                         "em-model-definition"]],
                              "removed": [], "retargeted": [], "changed": []}
    assert d["evidence"]["added"] == [] and d["evidence"]["removed"] == []
    [quote] = d["evidence"]["changed"]
    assert (quote["claim"], quote["source"], list(quote["changed"])) == \
        ("dec-sex-worker-led-knowledge", "swop-behind-bars", ["quote"])
    assert "a great deal of" in quote["changed"]["quote"][1]
    for section in ("sources", "perspectives", "resolutions", "topics"):
        assert d[section] == {"added": [], "removed": [], "changed": {}}, section
    assert d["debate"] == {}


def test_a_renamed_claim_changes_none_of_the_relations_that_name_it(tmp_path):
    renamed = TWO_SIDES.replace("p1", "pro-saves")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES.replace(
        "    attacks:\n      - target: motion", "    attacks:\n      - target: p1")},
        {"c.yaml": renamed.replace("    attacks:\n      - target: motion",
                                   "    attacks:\n      - target: pro-saves")}))
    assert diff.claims.renamed == [("p1", "pro-saves")]
    assert not diff.relations and not diff.evidence and not diff.claims.changed


def test_a_claim_rewritten_under_a_new_id_is_removed_and_added(tmp_path):
    rewritten = TWO_SIDES.replace("id: p1", "id: p2").replace(
        "The motion saves money for every town that adopts it.",
        "Towns that adopted the motion report fewer complaints.")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": rewritten}))
    assert (diff.claims.added, diff.claims.removed, diff.claims.renamed) == (["p2"], ["p1"], [])


def test_a_relation_given_a_new_target_is_retargeted(tmp_path):
    moved = TWO_SIDES.replace("      - target: motion", "      - target: p1")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": moved}))
    assert diff.relations.retargeted == [("k1", "attacks", "motion", "p1")]
    assert not (diff.relations.added or diff.relations.removed or diff.relations.changed)


def test_a_relation_of_another_kind_is_changed_not_removed_and_added(tmp_path):
    undercut = TWO_SIDES.replace("    attacks:\n      - target: motion",
                                 "    undercuts:\n      - target: p1").replace(
        "      - target: motion", "      - target: p1")
    old = TWO_SIDES.replace("    attacks:\n      - target: motion",
                            "    attacks:\n      - target: p1")
    diff = diff_of(*two(tmp_path, {"c.yaml": old}, {"c.yaml": undercut}))
    assert diff.relations.changed == [(("k1", "undercuts", "p1"),
                                       {"kind": ("attacks", "undercuts")})]


def test_a_relations_note_change_is_listed_with_old_and_new(tmp_path):
    noted = TWO_SIDES.replace("Whether it saves money", "Whether it saves money at first")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": noted}))
    assert diff.relations.changed == [(("k1", "attacks", "motion"),
                                       {"note": ("Whether it saves money",
                                                 "Whether it saves money at first")})]


def test_claim_fields_and_common_ground_changes_are_listed(tmp_path):
    changed = TWO_SIDES.replace("    supports: [motion]\n",
                                "    supports: [motion]\n    kind: empirical\n"
                                "    tags: [money]\n    agreed_by: [con]\n", 1)
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": changed}))
    assert diff.claims.changed == {"p1": {"kind": ("", "empirical"), "tags": ((), ("money",)),
                                          "agreed_by": ((), ("con",))}}


def test_sources_added_removed_and_their_fields_changed(tmp_path):
    new = TWO_SIDES.replace("    title: A source\n", "    title: A source, revised\n"
                            "    type: academic\n  - id: s2\n    title: Another\n")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": new}))
    assert diff.sources.added == ["s2"]
    assert diff.sources.changed == {"s1": {"title": ("A source", "A source, revised"),
                                           "type": ("", "academic")}}


def test_perspectives_resolutions_and_title_changes_are_listed(tmp_path):
    debate2 = DEBATE.replace("Test debate", "Test debate, revised").replace(
        "label: Con side", "label: Con").replace(
        "    text: The motion should pass.\n",
        "    text: The motion should pass.\n  - id: motion-b\n    text: Another motion.\n")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES},
                        new_debate=debate2))
    assert diff.debate == {"title": ("Test debate", "Test debate, revised")}
    assert diff.perspectives.changed == {"con": {"label": ("Con side", "Con")}}
    assert diff.resolutions.added == ["motion-b"]


def test_a_quotes_verification_before_and_after_is_given(tmp_path):
    with_archive = ONE_CLAIM.replace("title: A source", "title: A source\n    archive: s1.txt")
    old, new = two(tmp_path, {"c.yaml": ONE_CLAIM}, {"c.yaml": with_archive})
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "s1.txt").write_text("Before. Something said. After.", encoding="utf-8")
    diff = diff_of(old, new, archives=[str(texts)])
    [change] = diff.evidence.changed
    assert change.as_dict()["status"] == ["unverified", "verified"]
    assert change.changed == {}


# ---- consequences ----------------------------------------------------------------------------

def test_an_added_attack_makes_its_target_newly_answered_and_moves_its_label(tmp_path):
    answered = TWO_SIDES.replace("    attacks:\n      - target: motion\n",
                                 "    attacks:\n      - target: motion\n"
                                 "        note: Whether it saves money\n"
                                 "      - target: p1\n")
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": answered}))
    assert diff.consequences.newly_answered == ["p1"]
    assert diff.consequences.grounded["p1"] == ("in", "out")


def test_answered_and_no_longer_answered_are_marked_alike_neither_gain_nor_loss(tmp_path):
    answered = TWO_SIDES.replace("    attacks:\n      - target: motion\n",
                                 "    attacks:\n      - target: motion\n"
                                 "        note: Whether it saves money\n"
                                 "      - target: p1\n")
    for a, b, words in ((TWO_SIDES, answered, "now answered: p1"),
                        (answered, TWO_SIDES, "now unanswered: p1")):
        out = tmp_path / words[:9].replace(" ", "-")
        text = render(diff_of(*two(out, {"c.yaml": a}, {"c.yaml": b})), "text")
        line = next(ln for ln in text.splitlines() if words in ln)
        assert line.lstrip().startswith("~"), line


def test_the_balance_audits_figures_per_side_before_and_after(tmp_path):
    more = TWO_SIDES + """\
  - id: p2
    perspective: pro
    text: Another claim of the pro side.
    supports: [motion]
    note: Three words here.
""".replace("  - id: p2", "  - id: p2", 1)
    more = more.replace("sources:\n  - id: s1\n    title: A source\n", "") + \
        "sources:\n  - id: s1\n    title: A source\n"
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": more}))
    assert diff.consequences.balance["pro"]["claims"] == (1, 2)
    assert diff.consequences.balance["pro"]["note_words"] == (0, 3)
    assert "con" not in diff.consequences.balance


# ---- outputs ---------------------------------------------------------------------------------

def test_a_word_diff_gives_back_both_texts():
    old, new = "The law cuts demand for sex.", "The law may cut demand for paid sex."
    runs = word_diff(old, new)
    assert "".join(t for op, t in runs if op != "+") == old
    assert "".join(t for op, t in runs if op != "-") == new
    assert ("-", "cuts") in runs and ("+", "may cut") in runs


def test_text_marks_a_reworded_claim_word_by_word_without_colour(tmp_path):
    old, new = bundled_changed(tmp_path)
    text = render(diff_of(old, new), "text", colour=False)
    assert "can be [-shut out of-]{+excluded from+} health care" in text
    assert "\x1b[" not in text


def test_text_on_a_terminal_is_coloured(tmp_path):
    old, new = bundled_changed(tmp_path)
    assert "\x1b[" in render(diff_of(old, new), "text", colour=True)


def test_no_color_keeps_the_text_plain_even_on_a_terminal(monkeypatch):
    from argmap.commands.common import use_colour

    class Tty:
        def isatty(self):
            return True
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Tty())


def test_markdown_for_a_review_strikes_old_words_and_bolds_new_ones(tmp_path, cli):
    old, new = bundled_changed(tmp_path)
    result = cli("diff", str(old), str(new), "--format", "markdown")
    assert result.exit_code == 1
    assert "#### Claims" in result.output
    assert "~~shut out of~~ **excluded from**" in result.output
    assert "legal protection." in result.output  # no needless escapes
    assert "`dec-rights-based-approach` renamed `dec-human-rights-approach`" in result.output


def test_identical_folders_exit_0_saying_no_differences(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES})
    result = cli("diff", str(old), str(new))
    assert result.exit_code == 0
    assert result.output.startswith("no differences")


# ---- bad input -------------------------------------------------------------------------------

def test_a_folder_that_is_not_a_debate_is_its_diagnostic_and_exit_2(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    good = write_debate(tmp_path / "good", {"c.yaml": TWO_SIDES})
    result = cli("diff", "empty", str(good))
    assert result.exit_code == 2
    assert "no debate.yaml in 'empty'" in result.output
    assert result.output.strip().splitlines()[-1].startswith("error: empty has 1 error")
    assert "Traceback" not in result.output


def test_a_side_with_errors_prints_them_and_exits_2(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES},
                   {"c.yaml": TWO_SIDES.replace("perspective: con", "perspective: cons")})
    result = cli("diff", str(old), str(new))
    assert result.exit_code == 2
    assert re.search(r"new/c\.yaml:\d+:\d+: error: 'cons'", result.output)


def test_a_binary_yaml_file_is_an_error_naming_it_not_a_traceback(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES,
                                                      "blob.yaml": b"\x89PNG\r\n\x1a\n\xff\xfe"})
    result = cli("diff", str(old), str(new))
    assert result.exit_code == 2
    assert "blob.yaml:1:" in result.output and "Traceback" not in result.output


def test_a_binary_file_that_is_not_yaml_is_not_part_of_the_debate(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES,
                                                      "picture.png": b"\x89PNG\r\n\x1a\n\xff"})
    assert cli("diff", str(old), str(new)).exit_code == 0


def test_a_name_that_is_neither_folder_nor_revision_outside_git_is_one_error(tmp_path, cli):
    write_debate(tmp_path / "claims", {"c.yaml": TWO_SIDES})
    env_git = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    os.environ.update(env_git)
    try:
        result = cli("diff", "nonesuch")
    finally:
        del os.environ["GIT_CEILING_DIRECTORIES"]
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: 'nonesuch' is neither a folder nor a revision: "
                                     f"'{tmp_path}' is not in a git repository")


# ---- git revisions ---------------------------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    """A git repository in tmp_path: claims/ committed twice (the second adds an attack),
    branch names main and feature, the work tree as the second commit left it."""
    write_debate(tmp_path / "claims", {"c.yaml": TWO_SIDES})
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    git(tmp_path, "branch", "first")
    (tmp_path / "claims" / "c.yaml").write_text(TWO_SIDES.replace(
        "      - target: motion\n        note: Whether it saves money\n",
        "      - target: motion\n        note: Whether it saves money\n      - target: p1\n"),
        encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second")
    return tmp_path


@needs_git
def test_diff_head_1_compares_the_last_commit_with_the_work_tree_changing_nothing(repo, cli):
    status, head = git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")
    (repo / "claims" / "c.yaml").write_text(TWO_SIDES.replace(
        "The motion saves money", "The motion saves much money"), encoding="utf-8")
    result = cli("diff", "HEAD~1", "--format", "json")
    assert result.exit_code == 1, result.output
    d = json.loads(result.output)
    assert (d["old"], d["new"]) == ("HEAD~1:claims", "claims")
    assert list(d["claims"]["changed"]) == ["p1"]
    assert d["relations"]["added"] == []
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") != status  # only our own edit
    assert git(repo, "stash", "list") == ""


@needs_git
def test_two_revisions_after_dashes_name_the_folder(repo, cli):
    result = cli("diff", "first", "main", "--format", "json", "--", "claims/")
    assert result.exit_code == 1, result.output
    d = json.loads(result.output)
    assert d["relations"]["added"] == [["k1", "attacks", "p1"]]
    assert d["consequences"]["newly_answered"] == ["p1"]


@needs_git
def test_the_same_revision_twice_has_no_differences(repo, cli):
    result = cli("diff", "HEAD", "main", "--", "claims")
    assert (result.exit_code, result.output) == (0, "no differences between HEAD:claims and "
                                                    "main:claims\n")


@needs_git
def test_a_revision_not_in_the_repository_says_so(repo, cli):
    result = cli("diff", "v9.9")
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: 'v9.9' is neither a folder nor a revision in "
                                     f"the repository at '{repo}'")


@needs_git
def test_a_folder_outside_the_repository_is_refused(repo, tmp_path_factory, cli):
    outside = write_debate(tmp_path_factory.mktemp("elsewhere") / "d", {"c.yaml": TWO_SIDES})
    result = cli("diff", "HEAD", str(outside))
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: '{outside}' is outside the git repository at "
                                     f"'{repo}'")


@needs_git
def test_a_folder_the_revision_lacks_is_one_error(repo, cli):
    (repo / "later").mkdir()
    write_debate(repo / "later", {"c.yaml": TWO_SIDES})
    result = cli("diff", "HEAD", "later")
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: 'later' is not a folder in revision 'HEAD'")


@needs_git
def test_a_revision_with_errors_names_its_files_rev_colon_path(repo, cli):
    (repo / "claims" / "c.yaml").write_text(TWO_SIDES.replace("perspective: con",
                                                              "perspective: cons"))
    git(repo, "commit", "-q", "-am", "broken")
    result = cli("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert re.search(r"^HEAD:claims/c\.yaml:\d+:\d+: error: 'cons'", result.output, re.M)
    assert "error: HEAD:claims has 1 error" in result.output


@needs_git
def test_a_revision_verifies_quotes_against_its_own_archive_folder(repo, cli):
    claims = repo / "claims"
    (claims / "debate.yaml").write_text(DEBATE + "archives: [texts]\n", encoding="utf-8")
    (claims / "texts").mkdir()
    (claims / "texts" / "s1.txt").write_text("Before. Something said. After.")
    (claims / "c.yaml").write_text(TWO_SIDES.replace("title: A source",
                                                     "title: A source\n    archive: s1.txt"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "archive")
    (claims / "texts" / "s1.txt").write_text("Nothing of the kind.")
    (claims / "c.yaml").write_text(TWO_SIDES.replace("title: A source",
                                                     "title: A source\n    archive: s2.txt"))
    (claims / "texts" / "s2.txt").write_text("Before. Something said. After.")
    result = cli("diff", "HEAD", "--format", "json")
    d = json.loads(result.output)
    assert result.exit_code == 1, result.output
    assert d["sources"]["changed"] == {"s1": {"archive": ["s1.txt", "s2.txt"]}}
    assert d["evidence"]["changed"] == []  # verified before (from the revision) and after


def test_reworded_texts_alone_build_no_graph_and_have_no_consequences(tmp_path):
    from argmap.graphview import constructed

    reworded = TWO_SIDES.replace("saves money for every town", "saves money for each town")
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": reworded})
    a, b = check(str(old)), check(str(new))
    views = constructed()
    diff = compare(a.debate, b.debate, a.quotes, b.quotes)
    assert list(diff.claims.changed) == ["p1"] and not diff.consequences
    assert constructed() == views


def test_a_claims_note_is_a_change_the_balance_audit_counts(tmp_path):
    noted = TWO_SIDES.replace("    supports: [motion]\n",
                              "    supports: [motion]\n    note: Two words.\n", 1)
    diff = diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": noted}))
    assert diff.consequences.balance == {"pro": {"notes": (0, 1), "note_words": (0, 2)}}


def test_every_key_of_the_json_is_documented_with_its_version():
    from argmap.diff.compare import VERSION, DebateDiff

    doc = (ROOT / "docs" / "diff-json.md").read_text(encoding="utf-8")
    shape = DebateDiff("a", "b").as_dict()
    assert f"`version` is `{VERSION}`" in doc
    keys = set(shape) | {k for v in shape.values() if isinstance(v, dict) for k in v}
    for key in keys:
        assert f"`{key}`" in doc, key


def test_a_text_rewritten_throughout_is_shown_whole_not_word_by_word(tmp_path):
    rewritten = TWO_SIDES.replace("The motion saves money for every town that adopts it.",
                                  "Towns that adopt the motion report lower costs in time.")
    text = render(diff_of(*two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": rewritten})))
    assert ("text: [-The motion saves money for every town that adopts it.-] \u2192 "
            "{+Towns that adopt the motion report lower costs in time.+}") in text


# ---- the HTML page (tests/test_diff_html.py opens it in Chromium) -----------------------------

def inline_hashes(page: str) -> tuple[list[str], list[str], str]:
    """The hashes of the page's inline styles and scripts (not its JSON), and its policy."""
    import base64
    import hashlib
    import html as html_lib

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
    styles = [digest(s) for s in re.findall(r"<style>(.*?)</style>", page, re.S)]
    scripts = [digest(s) for s in re.findall(r"<script>(.*?)</script>", page, re.S)]
    policy = html_lib.unescape(re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    return styles, scripts, policy


def test_html_is_the_new_map_with_the_changes_as_json_and_a_policy_naming_each_inline_part(
        tmp_path, cli):
    old, new = bundled_changed(tmp_path)
    result = cli("diff", str(old), str(new), "--format", "html")
    assert result.exit_code == 1, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<title>Changes: " in page
    data = json.loads(re.search(r'<script type="application/json" id="argmap-diff">(.*?)'
                                r"</script>", page, re.S).group(1))
    from argmap.diff.render import sections
    diff = diff_of(old, new)
    assert [s["title"] for s in data["sections"]] == [s.title for s in sections(diff)]
    assert sum(len(s["lines"]) for s in data["sections"]) == \
        sum(len(s.lines) for s in sections(diff))
    assert data["marks"] == {
        "dec-human-rights-approach": ["renamed from dec-rights-based-approach"],
        "dec-excluded-from-services": ["reworded"],
        "dec-sex-worker-led-knowledge": ["changed"]}
    [removed] = [line for line in data["sections"][0]["lines"] if line["mark"] == "-"]
    assert removed["target"] is None
    assert removed["old"]["id"] == "dec-amnesty-recommends"
    assert removed["old"]["text"].startswith("Amnesty International voted")
    styles, scripts, policy = inline_hashes(page)
    assert len(styles) == 2 and len(scripts) == 2  # the map's and the diff's
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"].split() == styles
    assert directives["script-src"].split() == scripts
    assert result.stderr.startswith(f"{old} \u2192 {new}: claims: removed 1")


def test_html_with_no_differences_says_so_and_exits_0(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES})
    result = cli("diff", str(old), str(new), "--format", "html", "-o", "same.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["wrote same.html",
                                          f"no differences between {old} and {new}"]
    page = (tmp_path / "same.html").read_text(encoding="utf-8")
    assert '"empty":true' in page and '"sections":[]' in page
    assert not list(tmp_path.glob(".argmap-*"))  # no temporary file left beside it


def test_html_o_refuses_a_file_of_the_debate_and_writes_nothing(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES.replace("every", "each")})
    before = (new / "c.yaml").read_bytes()
    result = cli("diff", str(old), str(new), "--format", "html", "-o", str(new / "c.yaml"))
    assert result.exit_code == 2
    assert "is not written: it is a YAML file inside the debate folder" in result.output
    assert (new / "c.yaml").read_bytes() == before


def test_every_format_writes_to_o(tmp_path, cli):
    old, new = two(tmp_path, {"c.yaml": TWO_SIDES}, {"c.yaml": TWO_SIDES.replace("every", "each")})
    for fmt in ("text", "markdown", "json"):
        result = cli("diff", str(old), str(new), "--format", fmt, "-o", f"out.{fmt}")
        assert result.exit_code == 1 and result.stdout == ""
        assert (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") == \
            cli("diff", str(old), str(new), "--format", fmt).stdout
