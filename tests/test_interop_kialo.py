"""Kialo's text export: ``argmap export --format kialo`` and ``argmap import --from kialo``
(issue #15). The export is read by the real arguebuf's Kialo loader (``@pytest.mark.arguebuf``:
skipped when it is not installed, failing in CI).

Kialo keeps the claims, the tree of Pro/Con and the sources that have a URL (as links). It
loses perspectives (an import gives each thesis's Pro and Con sides), undercuts (written as
Cons, read back as attacks), notes, kinds, tags, quotes and locators; these tests check what
is kept."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from argmap.export.kialo import to_kialo
from argmap.imports.kialo import read_kialo
from conftest import FIXTURES, ROOT
from interop import arguebuf_counts, load, relations

DEBATES = {"bundled": ROOT / "claims", "small": FIXTURES / "small"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each debate exported once to Kialo's text: ``{name: path}``."""
    folder = tmp_path_factory.mktemp("kialo")
    out = {}
    for name, debate in DEBATES.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(to_kialo(load(debate)), encoding="utf-8")
    return out


def _import(cli, file: Path, out: str, *extra: str):
    return cli("import", "--from", "kialo", str(file), "-o", out, *extra)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "discussion.txt"
    path.write_text(text, encoding="utf-8")
    return path


# ---- what the real arguebuf reads -----------------------------------------------------------

@pytest.mark.arguebuf
def test_arguebuf_reads_one_node_per_claim_and_resolution_plus_the_question(exported):
    """Several resolutions: a multi-thesis discussion, whose first line is the question."""
    debate = load(DEBATES["bundled"])
    [read] = arguebuf_counts("kialo", exported["bundled"])
    assert read["atoms"] == len(debate.claims) + len(debate.resolutions) + 1


@pytest.mark.arguebuf
def test_arguebuf_reads_one_node_per_claim_and_the_thesis(exported):
    debate = load(DEBATES["small"])
    [read] = arguebuf_counts("kialo", exported["small"])
    assert read["atoms"] == len(debate.claims) + 1


@pytest.mark.arguebuf
@pytest.mark.parametrize("name", DEBATES)
def test_arguebuf_reads_a_pro_per_support_and_a_con_per_attack_or_undercut(exported, name):
    debate = load(DEBATES[name])
    kinds = Counter(r.kind for r in debate.relations)
    [read] = arguebuf_counts("kialo", exported[name])
    theses = len(debate.resolutions) if len(debate.resolutions) > 1 else 0
    expected = {"Support": kinds["supports"], "Attack": kinds["attacks"] + kinds["undercuts"]}
    if theses:
        expected["Rephrase"] = theses  # a thesis under the question has no Pro/Con
    assert read["schemes_by_kind"] == expected
    assert read["warnings"] == []


@pytest.mark.arguebuf
def test_arguebuf_reads_the_texts_without_escapes_and_link_targets(exported):
    debate = load(DEBATES["small"])
    [read] = arguebuf_counts("kialo", exported["small"])
    assert "Protected lanes cut cyclist injuries on the streets that get them. " \
           "(Main Street pilot evaluation)" in read["atom_texts"]
    assert debate.resolutions[0].text in read["atom_texts"]


# ---- the export's form -----------------------------------------------------------------------

def test_the_export_starts_with_the_title_a_blank_line_and_the_thesis(exported):
    lines = exported["small"].read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["Discussion Title: City cycling policy", "",
                         "1. The city should build protected bike lanes on Main Street."]


def test_several_resolutions_are_theses_without_pro_or_con_under_the_question(exported):
    lines = exported["bundled"].read_text(encoding="utf-8").splitlines()
    theses = [line for line in lines if re.match(r"1\.\d+\. ", line)]
    assert lines[2] == "1. How should the law treat the buying and selling of sex?"
    assert len(theses) == 3
    assert not [t for t in theses if re.match(r"1\.\d+\. (Pro|Con): ", t)]


def test_a_claim_reached_again_is_a_see_line_pointing_at_its_first_place(exported):
    text = exported["small"].read_text(encoding="utf-8")
    assert "1.2. Pro: People on bikes shop locally and often." in text
    assert "1.3.1. Con: -> See 1.2." in text


def test_an_undercut_is_a_con_of_the_claim_whose_inference_it_questions(exported):
    text = exported["small"].read_text(encoding="utf-8")
    assert "1.1.1. Con: The injury study covered one street for one year, too little to " \
           "generalise from." in text


def test_sources_with_a_url_are_markdown_links_and_parentheses_are_escaped(debate_dir):
    folder = debate_dir({"claims.yaml": """\
        claims:
          - id: a
            perspective: pro
            text: A (in short) holds.
            evidence: [{source: s, quote: q}]
            supports: [motion]
        sources:
          - {id: s, title: "A study [draft]", url: "https://example.org/a_(b)"}
        """})
    line = to_kialo(load(folder)).splitlines()[3]
    assert line == r"1.1. Pro: A \(in short\) holds. \([A study \[draft\]]" \
                   r"(https://example.org/a_%28b%29)\)"


def test_claims_no_thesis_reaches_hang_from_the_first_line_without_pro_or_con():
    text = to_kialo(load(FIXTURES / "counted"))
    assert "\n1.7. A safe Sunday opening needs paid staff and security, at weekend rates." in text


# ---- import --------------------------------------------------------------------------------

KIALO = """\
Discussion Title: Should the town open the library on Sundays?

1. The library should open on Sundays.
1.1. Pro: Residents who work all week need a [library day](https://example.org/survey).
1.1.1. Con: Few came when the next town tried it.
1.1.1.1. Con: The next town opened for two hours
only.
1.1.2. Pro: -> See 1.2.1.
1.2. Con: It would cost too much.
1.2.1. Con: Volunteers could staff it.
"""


def test_pro_and_con_become_supports_and_attacks_of_the_parent(tmp_path):
    draft = read_kialo(str(_write(tmp_path, KIALO)))
    text = {c["id"]: c["text"] for c in draft.claims}
    text.update({r["id"]: r["text"] for r in draft.resolutions})
    rels = sorted((text[c["id"]], kind, text[t if isinstance(t, str) else t["target"]])
                  for c in draft.claims for kind in ("supports", "attacks")
                  for t in c.get(kind, []))
    assert rels == sorted([
        ("Residents who work all week need a library day.", "supports",
         "The library should open on Sundays."),
        ("Few came when the next town tried it.", "attacks",
         "Residents who work all week need a library day."),
        ("The next town opened for two hours only.", "attacks",
         "Few came when the next town tried it."),
        ("Volunteers could staff it.", "supports",
         "Residents who work all week need a library day."),
        ("It would cost too much.", "attacks", "The library should open on Sundays."),
        ("Volunteers could staff it.", "attacks", "It would cost too much."),
    ])


def test_a_claims_side_is_its_side_of_the_thesis(tmp_path):
    """A Con of a Con is on the thesis's side, a Con of a Pro against it."""
    draft = read_kialo(str(_write(tmp_path, KIALO)))
    label = {p["id"]: p["label"] for p in draft.perspectives}
    side = {c["text"]: label[c["perspective"]] for c in draft.claims}
    assert side == {"Residents who work all week need a library day.": "Pro",
                    "Few came when the next town tried it.": "Con",
                    "The next town opened for two hours only.": "Pro",
                    "It would cost too much.": "Con",
                    "Volunteers could staff it.": "Pro"}


def test_a_link_becomes_a_source_and_evidence_and_its_words_stay(tmp_path):
    draft = read_kialo(str(_write(tmp_path, KIALO)))
    [source] = draft.sources
    assert source == {"id": "library-day", "title": "library day",
                      "url": "https://example.org/survey"}
    [claim] = [c for c in draft.claims if c.get("evidence")]
    assert claim["text"] == "Residents who work all week need a library day."
    assert claim["evidence"] == [{"source": "library-day"}]


def test_each_thesis_of_a_multi_thesis_discussion_is_a_resolution_with_its_own_sides(
        tmp_path):
    draft = read_kialo(str(_write(tmp_path, textwrap.dedent("""\
        Discussion Title: Which day?

        1. Which day should the library open?
        1.1. Sunday.
        1.1.1. Pro: People are free on Sundays.
        1.2. Monday.
        1.2.1. Con: -> See 1.1.1.
        """))))
    assert draft.question == "Which day should the library open?"
    assert [r["text"] for r in draft.resolutions] == ["Sunday.", "Monday."]
    assert [p["label"] for p in draft.perspectives] == ["Pro 1.1.", "Con 1.1.", "Pro 1.2.",
                                                        "Con 1.2."]


# ---- round trips ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", DEBATES)
def test_export_import_export_keeps_texts_and_relations_undercuts_as_attacks(exported, cli,
                                                                               tmp_path, name):
    assert _import(cli, exported[name], "back").exit_code == 0
    back, original = load(tmp_path / "back"), load(DEBATES[name])
    assert sorted(c.text for c in back.claims) == sorted(c.text for c in original.claims)
    assert [r.text for r in back.resolutions] == [r.text for r in original.resolutions]
    assert relations(back, notes=False) == relations(original, undercut_as_attack=True,
                                                     notes=False)
    assert to_kialo(back).count("\n") == to_kialo(original).count("\n")


@pytest.mark.parametrize("name", DEBATES)
def test_export_import_keeps_the_sources_that_have_a_url(exported, cli, tmp_path, name):
    assert _import(cli, exported[name], "back").exit_code == 0
    back, original = load(tmp_path / "back"), load(DEBATES[name])

    def linked(debate):
        return sorted({(c.text, debate.sources_by_id[e.source].title,
                        debate.sources_by_id[e.source].url)
                       for c in debate.claims for e in c.evidence
                       if debate.sources_by_id[e.source].url})
    assert linked(back) == linked(original)


def test_a_round_trip_of_a_one_thesis_debate_keeps_its_two_sides(exported, cli, tmp_path):
    """In the small debate each side's claims are on that side of the thesis, so Kialo's
    Pro and Con give back the same two groups of claims."""
    assert _import(cli, exported["small"], "back").exit_code == 0
    back, original = load(tmp_path / "back"), load(DEBATES["small"])

    def groups(debate):
        by = {}
        for c in debate.claims:
            by.setdefault(c.perspective, set()).add(c.text)
        return sorted(map(sorted, by.values()))
    assert groups(back) == groups(original)


def test_the_second_export_of_the_small_debate_is_the_first(exported, cli, tmp_path):
    assert _import(cli, exported["small"], "back").exit_code == 0
    assert to_kialo(load(tmp_path / "back")) == exported["small"].read_text(encoding="utf-8")


# ---- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("content, where", [
    ("1. A thesis without the header.\n", "1:1"),
    ("Discussion Title: T\nnot blank\n1. Thesis.\n", "2:1"),
    ("Discussion Title: T\n\nno thesis here\n", "3:1"),
    ("Discussion Title: T\n\n1. Thesis.\n1.2.1. Pro: An orphan.\n", "4:1"),
    ("Discussion Title: T\n\n1. Thesis.\n1.1. Pro: -> See 1.9.\n", "4:11"),
    ("Discussion Title: T\n\n1. Thesis.\n1.1. Pro: -> See 1.\n", "4:11"),
    ("Discussion Title: T\n\n1. A question?\n1.1. A thesis.\n1.1.1. Pro: -> See 1.\n", "5:1"),
])
def test_a_file_that_is_not_a_kialo_export_is_a_diagnostic_and_exit_1(cli, tmp_path, content,
                                                                       where):
    result = _import(cli, _write(tmp_path, content), "out")
    assert result.exit_code == 1
    assert re.search(rf"discussion\.txt:{where}: error: \S", result.output)
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_folder_with_files_is_not_written_without_force(exported, cli, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "debate.yaml").write_text("title: mine\n", encoding="utf-8")
    result = _import(cli, exported["small"], "taken")
    assert result.exit_code == 2
    assert (tmp_path / "taken" / "debate.yaml").read_text(encoding="utf-8") == "title: mine\n"
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["debate.yaml"]


def test_a_link_target_with_kialos_escaped_parentheses_is_read_whole(tmp_path):
    draft = read_kialo(str(_write(tmp_path, textwrap.dedent(r"""        Discussion Title: T

        1. A thesis.
        1.1. Con: The [burden](https://example.org/wiki/Burden_\(law\)) lies on the claimant.
        """))))
    assert draft.sources == [{"id": "burden", "title": "burden",
                              "url": "https://example.org/wiki/Burden_(law)"}]
    assert draft.claims[0]["text"] == "The burden lies on the claimant."


def test_a_text_that_looks_like_a_kialo_link_stays_a_claim(tmp_path):
    """N18: a claim whose text is "-> See 1.1." was read back as a link to line 1.1."""
    import argmap

    from conftest import write_debate

    root = write_debate(tmp_path / "d", {"c.yaml": """\
        claims:
          - id: first
            perspective: pro
            text: A first claim.
            supports: [motion]
            evidence: [{source: s1, quote: Said.}]
          - id: looks-like-a-link
            perspective: con
            text: "-> See 1.1."
            attacks: [{target: first, note: At issue.}]
            evidence: [{source: s1, quote: Said.}]
        sources:
          - {id: s1, title: A source}
        """})
    debate, _ = argmap.load(str(root))
    exported = tmp_path / "k.txt"
    exported.write_text(to_kialo(debate), encoding="utf-8")
    assert "Con: \\-> See 1.1." in exported.read_text(encoding="utf-8")
    draft = read_kialo(str(exported))
    texts = [c["text"] for c in draft.claims]
    assert "-> See 1.1." in texts and len(texts) == 2
