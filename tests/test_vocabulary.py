"""One vocabulary for every output: the same year, the same relation words everywhere."""

from __future__ import annotations

import pytest

from argmap.render.cards import year
from argmap.vocabulary import RELATION_KINDS, RELATION_LABELS, year_of


@pytest.mark.parametrize("published,expected", [
    ("2021", "2021"), ("2021-03-01", "2021"), ("20210301", "2021"), ("March 2021", "2021"),
    ("c. 1998", "1998"), ("", ""), ("n.d.", ""), ("12345", "")])
def test_a_source_s_year_is_read_one_way(published, expected):
    assert year_of(published) == expected


def test_the_briefs_and_the_map_give_a_source_the_same_year():
    assert year("20210301") == year_of("20210301") == "2021"  # the map said 2021, cards n.d.
    assert year("") == "n.d."


def test_every_relation_kind_has_its_words():
    assert tuple(RELATION_LABELS) == RELATION_KINDS
    assert all(set(words) >= {"out", "in", "legend"} for words in RELATION_LABELS.values())


def test_the_map_s_script_takes_the_relation_words_from_its_payload():
    from conftest import ROOT
    script = (ROOT / "templates" / "map.js").read_text(encoding="utf-8")
    assert "DATA.relations" in script and '"Supported by"' not in script
