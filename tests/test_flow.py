"""Flow sheets (``argmap flow``): columns in each format's speech order, answers on the row of
what they answer, on ``tests/fixtures/uniforms`` (its ``debate.yaml`` lays the rows out)."""

from __future__ import annotations

import csv
import functools
import io

import pytest
from bs4 import BeautifulSoup

import argmap
from argmap.flow import FlowError, build_flow, load_formats, parse_formats
from argmap.render.flowsheet import render_flow

from conftest import FIXTURES, copy_fixture
from synthetic import layered_debate

ORDERS = {"policy": ["1AC", "1NC", "2AC", "2NC", "1NR", "1AR", "2NR", "2AR"],
          "ld": ["AC", "NC", "1AR", "NR", "2AR"],
          "pf": ["Constructive A", "Constructive B", "Rebuttal A", "Rebuttal B", "Summary A",
                 "Summary B", "Final Focus A", "Final Focus B"]}
U1, C1, U4, C5, U7 = ("uniforms-cut-costs", "upfront-cost", "resale-market", "resale-rare",
                      "exchange-online")


@functools.cache
def loaded(name: str = "uniforms"):
    debate, _ = argmap.load(str(FIXTURES / name))
    return debate, argmap.build_graph(debate)


def grid(flow, sheet: int = 0) -> list[list[str | None]]:
    """A sheet as rows of claim ids (None for an empty cell)."""
    return [[c.claim if c else None for c in row] for row in flow.sheets[sheet].rows]


def by_speech(flow, row: list) -> dict[str, str]:
    return {col.name: c for col, c in zip(flow.columns, row, strict=True) if c}


def test_the_packaged_formats_and_their_speech_orders():
    formats = load_formats()
    assert list(formats) == ["policy", "ld", "pf"]
    for name, order in ORDERS.items():
        assert [s.name for s in formats[name].columns] == order
    # questioning periods are in the data, in their place, but get no column
    pf = [s.id for s in formats["pf"].speeches]
    assert pf == ["CA", "CB", "CF1", "RA", "RB", "CF2", "SA", "SB", "GCF", "FFA", "FFB"]
    assert [s.id for s in formats["policy"].speeches if not s.flow] == ["CX1", "CX2", "CX3",
                                                                       "CX4"]


@pytest.mark.parametrize("fmt", list(ORDERS))
def test_columns_follow_the_formats_order_and_alternate_sides_as_it_says(fmt):
    flow = build_flow(loaded()[1], load_formats()[fmt])
    assert [c.name for c in flow.columns] == ORDERS[fmt]
    assert flow.sides == ("uniform", "choice")


@pytest.mark.parametrize("fmt, expected", [
    ("policy", {"1AC": U1, "1NC": C1, "2AC": U4, "2NC": C5, "1AR": U7}),
    ("ld", {"AC": U1, "NC": C1, "1AR": U4, "NR": C5, "2AR": U7}),
    ("pf", {"Constructive A": U1, "Constructive B": C1, "Rebuttal A": U4, "Rebuttal B": C5,
            "Summary A": U7}),
])
def test_each_answer_is_on_the_row_of_what_it_answers_in_the_other_sides_next_speech(
        fmt, expected):
    flow = build_flow(loaded()[1], load_formats()[fmt])
    first_row = flow.sheets[0].rows[0]
    assert by_speech(flow, grid(flow)[0]) == expected
    cells = {col.name: c for col, c in zip(flow.columns, first_row, strict=True) if c}
    assert [cells[name].relation for name in expected] == ["", "attacks", "attacks",
                                                           "attacks", "attacks"]


def test_the_policy_flow_row_by_row():
    flow = build_flow(loaded()[1], load_formats()["policy"])
    assert grid(flow, 0) == [
        [U1, C1, U4, C5, None, U7, None, None],  # U7 skips the 1NR: the next uniform speech
        ["fewer-distractions"] + [None] * 7,
        ["attendance-rose", "study-too-small", "replicated-elsewhere"] + [None] * 5,
        ["belonging"] + [None] * 7]
    assert grid(flow, 1) == [
        [None, "free-dress-cheaper"] + [None] * 6,
        [None, "expression-matters"] + [None] * 6]
    undercut = flow.sheets[0].rows[2][1]
    assert undercut.relation == "undercuts" and undercut.number == 1


def test_unanswered_cells_are_marked():
    flow = build_flow(loaded()[1], load_formats()["policy"])
    row = flow.sheets[0].rows[0]
    assert [c.unanswered for c in row if c] == [False, False, False, False, True]
    assert flow.sheets[1].rows[1][1].unanswered  # expression-matters: no uniform answer


def test_the_side_order_decides_who_speaks_first():
    flow = build_flow(loaded()[1], load_formats()["ld"], ["choice"])
    assert flow.sides == ("choice", "uniform")
    assert grid(flow, 0) == [["free-dress-cheaper", None, None, None, None],
                             ["expression-matters", None, None, None, None]]
    # the uniform case now opens in the NC; answers still go to the other side's next speech
    assert by_speech(flow, grid(flow, 1)[0]) == {"NC": U1, "1AR": C1, "NR": U4, "2AR": C5}
    assert flow.sheets[1].rows[0][4].beyond == 1  # U7 would come after the last speech


def test_bad_side_orders_are_refused():
    graph, fmt = loaded()[1], load_formats()["policy"]
    with pytest.raises(FlowError, match="'nobody' is not a perspective"):
        build_flow(graph, fmt, ["nobody"])
    with pytest.raises(FlowError, match="two different perspectives"):
        build_flow(graph, fmt, ["uniform", "uniform"])


ANSWERS = """\
    claims:
      - {id: p1, perspective: pro, text: P one., supports: [motion]}
      - {id: c1, perspective: con, text: C one., attacks: [p1]}
      - {id: c2, perspective: con, text: C two., attacks: [p1]}
      - {id: p2, perspective: pro, text: P two., attacks: [c2]}
      - {id: x1, perspective: pro, text: X one., attacks: [y1]}
      - {id: y1, perspective: con, text: Y one., attacks: [x1]}
      - {id: t1, perspective: third, text: T one., attacks: [p1]}
    """
THREE = """\
title: T
perspectives:
  - {id: pro, label: Pro side}
  - {id: con, label: Con side}
  - {id: third, label: Third side}
resolutions:
  - {id: motion, text: The motion should pass.}
"""


def small_flow(debate_dir, fmt="policy"):
    debate, _ = argmap.load(str(debate_dir({"c.yaml": ANSWERS}, THREE)))
    return build_flow(argmap.build_graph(debate), load_formats()[fmt])


def test_several_answers_to_one_claim_take_a_numbered_row_each(debate_dir):
    flow = small_flow(debate_dir)
    rows = flow.sheets[0].rows
    assert grid(flow)[:2] == [["p1", "c1"] + [None] * 6, [None, "c2", "p2"] + [None] * 5]
    assert [rows[0][1].number, rows[1][1].number, rows[1][2].number] == [1, 2, 1]


def test_claims_that_only_answer_each_other_still_get_a_row(debate_dir):
    flow = small_flow(debate_dir)
    assert ["x1", "y1"] + [None] * 6 in grid(flow)
    row = flow.sheets[0].rows[grid(flow).index(["x1", "y1"] + [None] * 6)]
    assert not row[1].unanswered  # y1 is answered by x1, to its left: not repeated
    placed = {c for s in range(2) for row in grid(flow, s) for c in row if c}
    assert placed == {"p1", "c1", "c2", "p2", "x1", "y1"}


def test_claims_of_a_third_perspective_are_left_out_and_listed(debate_dir):
    flow = small_flow(debate_dir)
    assert flow.left_out == ["t1"]
    debate, _ = argmap.load(str(debate_dir({"c.yaml": ANSWERS}, THREE)))
    page = BeautifulSoup(render_flow(debate, argmap.build_graph(debate))["flow.html"],
                         "html.parser")
    assert "T one." in page.select_one("section.left-out").get_text()
    assert "Not on this flow" not in render_flow(*loaded())["flow.html"]


@pytest.mark.parametrize("fmt", list(ORDERS))
def test_with_all_speeches_the_html_has_a_column_per_speech_and_answers_on_one_row(fmt):
    page = BeautifulSoup(render_flow(*loaded(), fmt, all_speeches=True)["flow.html"],
                         "html.parser")
    formats = load_formats()
    for table in page.select("table.flow"):
        speeches = table.select("thead th[data-speech]")
        assert [th.select_one(".speech").get_text() for th in speeches] == ORDERS[fmt]
        assert [th["data-speech"] for th in table.select("thead th[data-speech]")] == \
            [s.id for s in formats[fmt].columns]
        for tr in table.select("tbody tr"):
            assert len(tr.find_all("td")) == len(ORDERS[fmt])
    first = page.select("table.flow")[0].select("tbody tr")[0]
    cells = [td.get("data-claim") for td in first.find_all("td")]
    assert [c for c in cells if c] == [U1, C1, U4, C5, U7]
    assert "unanswered" in first.find("td", attrs={"data-claim": U7})["class"]
    # empty rows under each sheet for arguments made in the round
    assert len(page.select("tr.blank")) >= 2


@pytest.mark.parametrize("fmt", list(ORDERS))
def test_by_default_the_html_prints_only_the_speeches_the_map_fills_and_names_the_rest(fmt):
    page = BeautifulSoup(render_flow(*loaded(), fmt)["flow.html"], "html.parser")
    every = load_formats()[fmt].columns
    shown = [th["data-speech"]
             for th in page.select("table.flow")[0].select("thead th[data-speech]")]
    filled = set()
    for table in page.select("table.flow"):
        assert [th["data-speech"] for th in table.select("thead th[data-speech]")] == shown
        for tr in table.select("tbody tr"):
            filled |= {shown[i] for i, td in enumerate(tr.find_all("td"))
                       if td.get("data-claim")}
    assert shown == [s.id for s in every if s.id in filled]
    left = [s.name for s in every if s.id not in filled]
    legend = page.select_one(".legend").get_text()
    assert (f"left out ({', '.join(left)})" in legend) if left else "left out" not in legend


def test_the_html_is_self_contained_and_prints_landscape():
    page = BeautifulSoup(render_flow(*loaded())["flow.html"], "html.parser")
    assert page.find("script") is None and page.find("link", rel="stylesheet") is None
    css = page.style.get_text()
    assert "size: landscape" in css and "break-inside: avoid" in css


def test_the_csv_has_a_column_per_speech_and_a_line_per_row():
    rows = list(csv.reader(io.StringIO(render_flow(*loaded(), "ld")["flow.csv"])))
    assert rows[0] == ["sheet", "row", *ORDERS["ld"]]
    first = rows[1]
    assert first[0] == "Require uniforms: arguments opened in the AC" and first[1] == "1"
    assert first[2].startswith("Uniforms lower what families spend")
    assert first[2].endswith("(Okafor 2021)")
    assert first[3].startswith("1. A full uniform set is a large cost")
    assert first[4].startswith("1. A second-hand exchange")
    assert [r[1] for r in rows[1:5]] == ["1", "2", "3", "4"]
    assert len(rows) == 1 + 4 + 2


def test_formats_are_data_a_file_can_add_one(tmp_path):
    path = tmp_path / "more.yaml"
    path.write_text("""\
mini:
  label: Two speeches
  sides: [First, Second]
  speeches:
    - {id: O, name: Opening, side: 1}
    - {id: Q, name: Questions, side: 0, flow: false}
    - {id: R, name: Reply, side: 2, minutes: 3}
""", encoding="utf-8")
    formats = load_formats(path)
    assert {"policy", "ld", "pf", "mini"} <= set(formats)
    flow = build_flow(loaded()[1], formats["mini"])
    assert [c.name for c in flow.columns] == ["Opening", "Reply"]
    assert grid(flow)[0] == [U1, C1]
    assert flow.sheets[0].rows[0][1].beyond == 1  # U4 answers C1, after the last speech


@pytest.mark.parametrize("data, message", [
    ([], "expected a mapping"),
    ({"x": {"label": "X", "sides": ["A"], "speeches": []}}, "two names"),
    ({"x": {"sides": ["A", "B"], "speeches": [{"id": "a", "name": "A", "side": 3}]}},
     "side 3"),
    ({"x": {"sides": ["A", "B"], "speeches": [{"id": "a", "name": "A", "side": 1}]}},
     "both sides"),
    ({"x": {"sides": ["A", "B"], "speeches": [{"id": "a", "name": "A", "side": 1, "typo": 1}]}},
     "unknown key 'typo'"),
])
def test_a_bad_formats_file_is_explained(data, message):
    with pytest.raises(FlowError, match=message):
        parse_formats(data, "more.yaml")


def test_cli_writes_flow_html_and_csv(cli, tmp_path):
    copy_fixture("uniforms", tmp_path)
    result = cli("flow", "uniforms", "--format", "pf", "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["flow.csv", "flow.html",
                                                                 "glossary.html"]
    assert "Constructive B" in (tmp_path / "out" / "flow.html").read_text(encoding="utf-8")


def test_cli_default_output_folder(cli, tmp_path):
    copy_fixture("uniforms", tmp_path)
    assert cli("flow", "uniforms").exit_code == 0
    assert (tmp_path / "output" / "flow" / "flow.html").is_file()


@pytest.mark.parametrize("args, message", [
    (["--format", "nope"], "unknown format 'nope'"),
    (["--side-order", "nobody"], "'nobody' is not a perspective"),
])
def test_cli_usage_errors_exit_2_and_write_nothing(cli, tmp_path, args, message):
    copy_fixture("uniforms", tmp_path)
    result = cli("flow", "uniforms", "-o", "out", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_cli_a_debate_with_one_perspective_has_no_flow(cli, debate_dir):
    debate_dir({}, debate="title: T\nperspectives:\n  - {id: only, label: Only}\n")
    result = cli("flow", "debate", "-o", "out")
    assert result.exit_code == 2
    assert "a flow needs two perspectives; this debate declares 1" in result.output


def test_cli_bad_speech_orders_file_exits_2(cli, tmp_path):
    copy_fixture("uniforms", tmp_path)
    (tmp_path / "bad.yaml").write_text("x: [1, 2]\n", encoding="utf-8")
    result = cli("flow", "uniforms", "--speech-orders", "bad.yaml")
    assert result.exit_code == 2 and "bad.yaml" in result.output


def test_cli_data_errors_exit_1_and_write_nothing(cli, debate_dir, tmp_path):
    debate_dir({"c.yaml": "claims:\n  - {id: a, perspective: nobody, text: T}\n"})
    result = cli("flow", "debate", "-o", "out")
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()


def test_cli_help_names_every_packaged_format(cli):
    text = cli("flow", "--help").output
    for name in load_formats():
        assert name in text


def test_csv_cells_that_look_like_formulas_are_written_as_text(debate_dir):
    hostile = ANSWERS.replace("text: P one.", 'text: "=HYPERLINK(\\"http://x.example\\",\\"go\\")"')
    debate, _ = argmap.load(str(debate_dir({"c.yaml": hostile}, THREE)))
    graph = argmap.build_graph(debate)
    rows = list(csv.reader(io.StringIO(render_flow(debate, graph, "policy")["flow.csv"])))
    cell = rows[1][2]
    assert cell.startswith("'=HYPERLINK(")
    assert not any(c.startswith(("=", "+", "-", "@")) for row in rows for c in row)


def test_cli_a_one_perspective_debate_does_not_blame_the_side_order_given(cli, debate_dir):
    debate_dir({}, debate="title: T\nperspectives:\n  - {id: only, label: Only}\n")
    result = cli("flow", "debate", "-o", "out", "--side-order", "only")
    assert result.exit_code == 2 and "a flow needs two perspectives" in result.output
    assert "--side-order" not in result.output  # the option was right; the debate is short


# ---- linear work: each claim's answers written once (hardening round 2, N3) ----

def flow_cells(flow):
    for n, sheet in enumerate(flow.sheets, 1):
        for r, row in enumerate(sheet.rows, 1):
            for cell in row:
                if cell is not None:
                    yield n, r, cell


def test_layered_replies_give_rows_that_grow_with_the_relations_not_the_paths():
    debate = layered_debate(8, 8)  # 64 claims, 448 attacks; 8**8 paths
    graph = argmap.build_graph(debate)
    flow = build_flow(graph, load_formats()["policy"])
    rows = sum(len(sheet.rows) for sheet in flow.sheets)
    relations = sum(len(c.relations) for c in debate.claims)
    assert rows <= len(debate.claims) + relations
    assert {cell.claim for _, _, cell in flow_cells(flow)} == {c.id for c in debate.claims}


def test_a_claim_that_comes_again_refers_to_the_row_where_its_answers_are_written():
    graph = argmap.build_graph(layered_debate(4, 3))
    flow = build_flow(graph, load_formats()["policy"])
    at = {(n, r, cell.claim): cell for n, r, cell in flow_cells(flow)}
    referring = [(n, r, cell) for n, r, cell in flow_cells(flow) if cell.see]
    assert referring  # layer 1's claims answer all three claims of layer 0
    for _, _, cell in referring:
        sheet, row = cell.see
        first = at[(sheet, row, cell.claim)]  # the claim itself stands on that row
        assert first.see is None
    written = [cell.claim for _, _, cell in flow_cells(flow)
               if cell.see is None and graph.in_degree(cell.claim) > 0
               and not cell.beyond and cell.claim.startswith(("l1", "l2"))]
    assert len(written) == len(set(written))  # no claim's answers are written twice


def test_the_page_and_the_csv_say_where_a_repeated_claims_answers_are():
    graph = argmap.build_graph(layered_debate(3, 2))
    files = render_flow(None, graph, "policy")
    page = BeautifulSoup(files["flow.html"], "html.parser")
    sees = [div.get_text() for div in page.select(".see")]
    assert sees and all(s.startswith("its answers: see row ") for s in sees)
    first_rows = page.select("table.flow")[0].select("tbody tr th.rownum")
    assert [th.get_text() for th in first_rows[:3]] == ["1", "2", "3"]
    assert "[its answers: see row " in files["flow.csv"]


@pytest.mark.parametrize("fmt", ["policy", "ld", "pf"])
def test_the_flow_sheet_spells_out_every_speech_it_names_and_links_the_terms(fmt):
    debate, _ = argmap.load(str(FIXTURES / "small"))
    page = BeautifulSoup(render_flow(debate, argmap.build_graph(debate), fmt)["flow.html"],
                         "html.parser")
    headings = [th.select_one(".speech").get_text() for th in page.select("thead th[data-speech]")]
    spelled = {key.strong.get_text(): key.get_text() for key in page.select(".speech-key")}
    assert headings and set(headings) <= set(spelled)
    assert all(len(spelled[h]) > len(h) for h in headings)  # a name, not the bare label
    linked = {a["href"].split("#")[1] for a in page.select("a.term")}
    assert {"speech-names", "sides-of-a-round", "cross-examination"} <= linked
