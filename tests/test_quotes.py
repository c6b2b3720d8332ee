"""Quote verification: the normaliser, the closest-passage hint, and the checks in `check`."""

from __future__ import annotations

import shutil

import pytest

from argmap.loader import check
from argmap.quotes import Archive, closest_passage, normalize

from conftest import FIXTURES, messages


def test_normalize_folds_curly_quotes_and_apostrophes():
    assert normalize("\u201cIt\u2019s \u2018fine\u2019\u201d") == "\"it's 'fine'\""


def test_normalize_folds_dashes_and_ellipses():
    assert normalize("a \u2013 b \u2014 c\u2026") == "a - b - c..."


def test_normalize_collapses_whitespace_and_case():
    assert normalize("  Two\n\tLines  HERE ") == "two lines here"


def test_archive_finds_a_quote_across_line_breaks_and_curly_quotes():
    archive = Archive("He said: \u201cIt\u2019s a\n   supply\u2013demand equation.\u201d")
    assert archive.contains("it's a supply-demand equation")


def test_archive_rejects_one_altered_word():
    archive = Archive("The more demand there is, the more supply is needed.")
    assert not archive.contains("The more demand there is, the less supply is needed.")


def test_closest_passage_returns_the_original_text():
    archive = Archive("Intro text.\nThe more demand there is, the more supply\nis needed. End.")
    passage, score = closest_passage("the more demand there is, the less supply is needed",
                                     archive)
    assert passage.startswith("The more demand there is, the more supply is needed")
    assert 80 < score < 100


def test_check_counts_verified_quotes():
    result = check(str(FIXTURES / "small"))
    assert result.quotes.as_dict() == {"verified": 6, "mismatched": 0, "unverified": 0}


def test_one_altered_word_is_caught_with_the_closest_passage(tmp_path):
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    path = root / "parking.yaml"
    path.write_text(path.read_text().replace("nowhere to stop", "nowhere to park"))
    result = check(str(root))
    assert result.quotes.mismatched == 1
    assert messages(result.diagnostics)[0] == (
        f"{root}/parking.yaml:20:16: error: quote not found in the archive of "
        "'merchants-letter' (merchants-letter.txt); closest passage (93% alike): "
        "\"Delivery trucks would have nowhere to stop.\"")


def test_missing_archive_folder_leaves_quotes_unverified(tmp_path):
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    shutil.rmtree(root / "archive")
    result = check(str(root))
    assert result.quotes.as_dict() == {"verified": 0, "mismatched": 0, "unverified": 6}
    assert result.ok  # unverified is only a warning, and only under --strict


def test_archives_option_is_searched(tmp_path):
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    shutil.move(str(root / "archive"), str(tmp_path / "elsewhere"))
    result = check(str(root), archives=[str(tmp_path / "elsewhere")])
    assert result.quotes.verified == 6


def test_unverified_quotes_are_errors_under_strict(tmp_path):
    root = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", root)
    shutil.rmtree(root / "archive")
    result = check(str(root), strict=True)
    assert not result.ok
    assert any("is unverified: its archive was not found" in m
               for m in messages(result.diagnostics))


def _reference_archive(text: str):
    """The archive's first, per-character definition: the faster one must agree with it."""
    from argmap.quotes import normalize
    chars, origin, in_space = [], [], True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                chars.append(" ")
                origin.append(i)
            in_space = True
            continue
        in_space = False
        folded = normalize(ch) if not ch.isascii() or ch == "`" else ch.lower()
        for piece in folded or ch:
            chars.append(piece)
            origin.append(i)
    return "".join(chars).rstrip(), origin


def test_the_archive_is_normalised_as_character_by_character_and_maps_back():
    import random

    from argmap.quotes import Archive, compatible
    rng = random.Random(3)
    alphabet = "ab C.,\n\t  \u2019\u201c\u2014\u2026\u00a0`\u00e9\u00df\u4e2d"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        archive = Archive(text)
        # the archive is kept in compatibility form (N16); its map points into that text
        expected, origin = _reference_archive(compatible(text))
        assert archive.normalized == expected, repr(text)
        for start in range(len(expected)):
            end = min(len(expected), start + 5)
            if expected[start] != " " and expected[end - 1] != " ":
                assert archive.origin[start] == origin[start]
                assert archive.origin[end - 1] == origin[end - 1]


def test_a_large_archive_costs_a_few_bytes_a_character():
    from argmap.quotes import Archive
    archive = Archive("Word after word, all plain. " * 40_000)
    assert archive.origin.itemsize == 4 and len(archive.origin) == len(archive.normalized)


def test_a_mismatch_in_a_large_archive_finds_the_passage_near_its_words():
    from argmap.quotes import Archive, closest_passage
    filler = "Nothing to see in this sentence at all. " * 80_000  # 3.2 MB
    archive = Archive(filler + "Injuries to cyclists fell by forty percent after the lanes "
                      "opened on Main Street. " + filler)
    passage, score = closest_passage("Injuries to cyclists fell by 40 percent after the "
                                     "lanes opened", archive)
    assert "Injuries to cyclists fell by forty percent" in passage and score > 80


@pytest.mark.parametrize("archived, quoted", [
    ("The cafe\u0301 owners were con\ufb01dent.", "The café owners were confident."),
    ("It out\u00adweighed the bene\ufb01ts.", "It outweighed the benefits."),
    ("\uff26\uff55\uff4c\uff4cwidth text.", "Fullwidth text."),
])
def test_quotes_match_archives_extracted_from_pdfs(archived, quoted):
    """N16: ligatures, decomposed accents, soft hyphens and fullwidth letters, as PDF text
    extraction leaves them, no longer make a quote typed by hand a mismatch."""
    assert Archive(archived).contains(quoted)
