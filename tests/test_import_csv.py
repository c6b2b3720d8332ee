"""argmap import --from csv: a spreadsheet (or an exported folder of tables) into a debate."""

from __future__ import annotations

import os

import pytest

from argmap.graph import build_graph
from argmap.loader import check

from conftest import FIXTURES, ROOT, write_debate

HEADER = "id,perspective,text,kind,tags,supports,attacks,undercuts,source,quote,locator,note\n"
MOTION = "motion,,The motion should pass.,resolution,,,,,,,,\n"


def graph_of(folder):
    result = check(str(folder), cache=False)
    assert result.ok, [str(d) for d in result.diagnostics if d.severity == "error"]
    return build_graph(result.debate)


def same_graph(a, b) -> None:
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    edges = lambda g: {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}  # noqa: E731
    assert edges(a) == edges(b)


def spreadsheet(tmp_path, text: str, name: str = "draft.csv", encoding="utf-8"):
    (tmp_path / name).write_bytes(text.encode(encoding))
    return name


# ---- round trip -----------------------------------------------------------------------------

@pytest.mark.parametrize("folder", [ROOT / "claims", FIXTURES / "counted", FIXTURES / "small",
                                    FIXTURES / "uniforms"], ids=lambda p: p.name)
def test_export_csv_then_import_csv_gives_the_same_graph(folder, cli, tmp_path):
    assert cli("export", str(folder), "--format", "csv", "-o", "tables").exit_code == 0
    result = cli("import", "--from", "csv", "tables/claims.csv", "-o", "back")
    assert result.exit_code == 0, result.stderr
    same_graph(graph_of(folder), graph_of(tmp_path / "back"))


def test_a_formula_like_text_comes_back_without_the_exports_apostrophe(cli, tmp_path):
    write_debate(tmp_path / "d", {"c.yaml": """\
        claims:
          - id: c1
            perspective: pro
            text: "-5% of trips, says the count"
            supports: [motion]
        """})
    cli("export", "d", "--format", "csv", "-o", "t")
    assert "'-5% of trips" in (tmp_path / "t" / "claims.csv").read_text(encoding="utf-8")
    assert cli("import", "--from", "csv", "t/claims.csv", "-o", "back").exit_code == 0
    assert graph_of(tmp_path / "back").nodes["c1"]["text"] == "-5% of trips, says the count"


# ---- a spreadsheet written by hand ----------------------------------------------------------

def test_the_template_from_argmap_new_imports_into_a_debate_that_checks(cli, tmp_path):
    assert cli("new", "--csv", "draft.csv").exit_code == 0
    assert cli("import", "--from", "csv", "draft.csv", "-o", "d").exit_code == 0
    graph = graph_of(tmp_path / "d")
    assert graph.nodes["the-motion"]["type"] == "resolution"
    assert graph.has_edge("a-first-claim", "the-motion", "supports")
    assert graph.has_edge("b-first-claim", "a-first-claim", "attacks")


def test_new_csv_never_replaces_a_file(cli, tmp_path):
    (tmp_path / "draft.csv").write_text("mine\n")
    result = cli("new", "--csv", "draft.csv")
    assert result.exit_code == 2
    assert "error: 'draft.csv' exists; choose a new file name" in result.stderr
    assert (tmp_path / "draft.csv").read_text() == "mine\n"


def test_perspectives_topics_and_sources_are_declared_from_what_appears(cli, tmp_path):
    spreadsheet(tmp_path, HEADER + MOTION
                + "c1,Keep the parking,Shops need parking.,causal,Local trade,,motion,,"
                  "survey-2024,Most came by car.,p. 4,\n")
    assert cli("import", "--from", "csv", "draft.csv", "-o", "d").exit_code == 0
    graph = graph_of(tmp_path / "d")
    assert graph.graph["perspectives"][0]["id"] == "keep-the-parking"
    assert graph.graph["perspectives"][0]["label"] == "Keep the parking"
    assert graph.graph["topics"] == [{"id": "local-trade", "label": "Local trade"}]
    assert graph.nodes["c1"]["perspective"] == "keep-the-parking"
    assert graph.nodes["c1"]["evidence"][0]["locator"] == "p. 4"
    assert graph.nodes["survey-2024"]["title"] == "survey-2024"


def test_a_row_of_kind_resolution_is_a_resolution(cli, tmp_path):
    spreadsheet(tmp_path, HEADER + MOTION + "c1,pro,A claim.,,,motion,,,,,,\n")
    cli("import", "--from", "csv", "draft.csv", "-o", "d")
    assert graph_of(tmp_path / "d").nodes["motion"] == {"type": "resolution",
                                                        "text": "The motion should pass."}


def test_several_values_in_a_cell_are_separated_by_semicolons(cli, tmp_path):
    spreadsheet(tmp_path, HEADER + MOTION + "a,pro,A.,,t1; t2,motion,,,,,,\n"
                + "b,con,B.,,,,a; motion,,,,,\n")
    cli("import", "--from", "csv", "draft.csv", "-o", "d")
    graph = graph_of(tmp_path / "d")
    assert graph.nodes["a"]["tags"] == ["t1", "t2"]
    assert graph.has_edge("b", "a", "attacks") and graph.has_edge("b", "motion", "attacks")


def test_an_empty_id_is_made_from_the_text(cli, tmp_path):
    spreadsheet(tmp_path, HEADER + MOTION + ",pro,Protected lanes cut injuries.,,,motion,,,,,,\n")
    cli("import", "--from", "csv", "draft.csv", "-o", "d")
    assert "protected-lanes-cut-injuries" in graph_of(tmp_path / "d")


def test_a_semicolon_separated_file_with_a_bom_and_crlf_is_read(cli, tmp_path):
    text = ("\ufeffid;perspective;text;kind;supports\r\nmotion;;The motion.;resolution;\r\n"
            "c1;pro;Un café, dit-on.;;motion\r\n")
    spreadsheet(tmp_path, text)
    assert cli("import", "--from", "csv", "draft.csv", "-o", "d").exit_code == 0
    assert graph_of(tmp_path / "d").nodes["c1"]["text"] == "Un café, dit-on."


def test_a_tab_separated_file_is_read(cli, tmp_path):
    spreadsheet(tmp_path, "id\tperspective\ttext\tkind\nm\t\tM.\tresolution\nc\tpro\tC.\t\n")
    assert cli("import", "--from", "csv", "draft.csv", "-o", "d").exit_code == 0
    assert "c" in graph_of(tmp_path / "d")


def test_header_names_are_read_without_regard_to_case(cli, tmp_path):
    spreadsheet(tmp_path, "ID,Perspective,Text,Agreed By\nc,pro,C.,con\n")
    assert cli("import", "--from", "csv", "draft.csv", "-o", "d").exit_code == 0
    assert graph_of(tmp_path / "d").nodes["c"]["agreed_by"] == ["con"]


# ---- problems, at the spreadsheet's row and column ------------------------------------------

def problems(cli, tmp_path, text: str, name: str = "draft.csv", encoding="utf-8"):
    """The import's stderr lines; it must exit 1 and write nothing."""
    spreadsheet(tmp_path, text, name, encoding)
    result = cli("import", "--from", "csv", name, "-o", "d")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "d").exists()
    return result.stderr.splitlines()


def test_an_unknown_column_is_pointed_at_in_the_header(cli, tmp_path):
    assert problems(cli, tmp_path, "id,perspective,text,suports\n") == [
        "draft.csv:1:4: error: unknown column 'suports' (did you mean 'supports'?); the "
        "columns are id, perspective, text, kind, tags, supports, attacks, undercuts, source, "
        "quote, locator, note, agreed_by"]


def test_a_missing_required_column_is_named(cli, tmp_path):
    assert problems(cli, tmp_path, "id,text\nc,C.\n") == [
        "draft.csv:1:1: error: the header has no 'perspective' column"]


def test_a_missing_text_is_pointed_at_its_cell(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,pro,,,,motion,,,,,,\n") == [
        "draft.csv:3:3: error: the text is empty: every claim needs its text"]


def test_a_missing_perspective_is_pointed_at_its_cell(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,,A claim.,,,motion,,,,,,\n") == [
        "draft.csv:3:2: error: the perspective is empty: name the side that holds the claim"]


def test_a_relation_to_an_unknown_id_is_pointed_at_its_cell(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,pro,A claim.,,,motoin,,,,,,\n") == [
        "draft.csv:3:6: error: supports: 'motoin' is not the id of a claim or resolution in "
        "the spreadsheet (did you mean 'motion'?)"]


def test_an_undercut_of_a_resolution_is_refused(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,pro,A claim.,,,,,motion,,,,\n") == [
        "draft.csv:3:8: error: undercuts: 'motion' is a resolution; an undercut names a claim "
        "(it attacks the inference the claim draws)"]


def test_a_bad_id_is_pointed_at_its_cell(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "my claim,pro,A claim.,,,motion,,,,,,\n") \
        == ["draft.csv:3:1: error: 'my claim' is not a valid id: use letters, digits, '-', "
            "'_' and '.', starting with a letter or digit"]


def test_a_repeated_id_names_the_row_that_has_it_first(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,,,,\n"
                    + "C1,pro,B.,,,motion,,,,,,\n") == [
        "draft.csv:4:1: error: id 'C1' is already used in row 3"]


def test_an_unknown_kind_is_pointed_at_its_cell(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,pro,A.,emprical,,motion,,,,,,\n") == [
        "draft.csv:3:4: error: 'emprical' is not a kind (did you mean 'empirical'?); the kinds "
        "are empirical, causal, statistic, normative, definitional, policy, testimony, and "
        "resolution for a resolution's row"]


def test_a_quote_without_its_source_is_pointed_at(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,,Words.,,\n") == [
        "draft.csv:3:10: error: a quote needs its source: name the source's id in the "
        "'source' column"]


def test_a_resolution_row_with_claim_cells_is_pointed_at(cli, tmp_path):
    assert problems(cli, tmp_path, HEADER + "motion,pro,The motion.,resolution,,,,,,,,\n") == [
        "draft.csv:2:2: error: a resolution has no perspective: leave the cell empty, or make "
        "the row a claim"]


def test_a_value_beyond_the_header_is_pointed_at(cli, tmp_path):
    assert problems(cli, tmp_path, "id,perspective,text\nc,pro,C.,extra\n") == [
        "draft.csv:2:4: error: a value in column 4, which the header does not name"]


def test_a_file_that_is_not_utf8_says_how_to_save_it(cli, tmp_path):
    assert problems(cli, tmp_path, "id,perspective,text\nc,pro,Café\n", encoding="cp1252") == [
        "draft.csv:2:1: error: the file is not UTF-8 (byte 0xe9): save it as \"CSV UTF-8\" or "
        "in another UTF-8 encoding"]


def test_every_problem_is_reported_in_one_run_in_row_order(cli, tmp_path):
    found = problems(cli, tmp_path, HEADER + MOTION + "c1,pro,,,,nope,,,,,,\n"
                     + "c 2,,B.,,,motion,,,,,,\n")
    assert [line.split(": error:")[0] for line in found] == [
        "draft.csv:3:3", "draft.csv:3:6", "draft.csv:4:1", "draft.csv:4:2"]


def test_argmap_checks_errors_are_put_back_at_their_cells(cli, tmp_path):
    assert problems(cli, tmp_path, "id,perspective,text,supports,agreed_by\n"
                    "c,pro,C.,c,\nd,pro,D.,,pro\n") == [
        "draft.csv:2:4: error: claim 'c' supports itself",
        "draft.csv:3:5: error: 'pro' in agreed_by is the claim's own perspective: agreed_by "
        "names the other perspectives that hold it"]


def test_argmap_checks_errors_in_a_companion_table_point_at_it(cli, tmp_path):
    os.makedirs(tmp_path / "t")
    spreadsheet(tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,s1,,,\n", "t/claims.csv")
    spreadsheet(tmp_path, "part,id,label,text,color\nperspective,pro,Pro,,#00GG00\n",
                "t/debate.csv")
    spreadsheet(tmp_path, "id,title,url\ns1,A report,ftp://example.org/r\n", "t/sources.csv")
    result = cli("import", "--from", "csv", "t/claims.csv", "-o", "d")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "t/debate.csv:2:5: error: '#00GG00' is not a colour: write it as #rrggbb",
        "t/sources.csv:2:3: error: 'ftp://example.org/r' is not an http or https URL"]


def test_a_problem_in_a_companion_table_points_at_that_table(cli, tmp_path):
    os.makedirs(tmp_path / "t")
    spreadsheet(tmp_path, HEADER + MOTION + "lanes,pro,A.,,,motion,,,,,,\n", "t/claims.csv")
    spreadsheet(tmp_path, "claim,source,quote\nlanes,s1,Words.\nlane,s1,More words.\n",
                "t/evidence.csv")
    result = cli("import", "--from", "csv", "t/claims.csv", "-o", "d")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "t/evidence.csv:3:1: error: 'lane' is not the id of a claim in claims.csv "
        "(did you mean 'lanes'?)"]


def test_an_empty_cell_a_companion_row_needs_is_pointed_at(cli, tmp_path):
    os.makedirs(tmp_path / "t")
    spreadsheet(tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,,,,\n", "t/claims.csv")
    spreadsheet(tmp_path, "source,kind,target,note\nc1,supports,,A note\n", "t/relations.csv")
    result = cli("import", "--from", "csv", "t/claims.csv", "-o", "d")
    assert result.stderr.splitlines() == [
        "t/relations.csv:2:3: error: the target is empty: a relation names the claim (source), "
        "its kind and its target"]


def test_what_claims_csv_and_a_companion_table_both_say_counts_once(cli, tmp_path):
    os.makedirs(tmp_path / "t")
    spreadsheet(tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,s1,Words.,p. 1,\n",
                "t/claims.csv")
    spreadsheet(tmp_path, "claim,source,quote,locator\nc1,s1,Words.,p. 1\n", "t/evidence.csv")
    spreadsheet(tmp_path, "source,kind,target,note\nc1,supports,motion,Why it matters\n",
                "t/relations.csv")
    assert cli("import", "--from", "csv", "t/claims.csv", "-o", "d").exit_code == 0
    graph = graph_of(tmp_path / "d")
    assert len(graph.nodes["c1"]["evidence"]) == 1
    assert graph.number_of_edges("c1", "motion") == 1
    assert graph.edges["c1", "motion", "supports"]["note"] == "Why it matters"


def test_companion_tables_are_read_only_beside_a_file_named_claims_csv(cli, tmp_path):
    spreadsheet(tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,,,,\n")
    spreadsheet(tmp_path, "not,a,table\n", "evidence.csv")
    assert cli("import", "--from", "csv", "draft.csv", "-o", "d").exit_code == 0


# ---- the output folder ----------------------------------------------------------------------

def test_an_output_folder_with_files_needs_force_and_is_left_alone(cli, tmp_path):
    spreadsheet(tmp_path, HEADER + MOTION + "c1,pro,A.,,,motion,,,,,,\n")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.txt").write_text("mine\n")
    result = cli("import", "--from", "csv", "draft.csv", "-o", "d")
    assert result.exit_code == 2
    assert "'d' is not empty: choose a new folder, or give --force" in result.stderr
    assert os.listdir(tmp_path / "d") == ["notes.txt"]
