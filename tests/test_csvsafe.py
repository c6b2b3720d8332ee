"""CSV cells are never run as spreadsheet formulas."""

from __future__ import annotations

import csv
import io

import pytest

from argmap.csvsafe import csv_text, safe_cell


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x.example","click")', "+1+2", "-2+3",
                                  "@SUM(A1:A2)", "\t=1", "\r=1", "  =1", "\uff1d1"])
def test_a_cell_a_spreadsheet_would_evaluate_is_marked_as_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Plain words.", "1. A numbered answer", "", "a=b", "50%"])
def test_ordinary_text_is_written_as_it_is(text):
    assert safe_cell(text) == text


def test_csv_text_makes_every_cell_safe_and_keeps_the_rest():
    text = csv_text([["sheet", "=1+1"], ["a, b", '"quoted"']])
    assert list(csv.reader(io.StringIO(text))) == [["sheet", "'=1+1"], ["a, b", '"quoted"']]
