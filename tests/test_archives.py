"""PDF and web-page archives: extraction, matching across pages and hyphens, locators, the
cache, and the bounds on what a stranger's PDF may cost (#28)."""

from __future__ import annotations

import functools
import io
import json
import os
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

from argmap.archives import TextCache, read_archive, strip_running_lines
from argmap.loader import check
from argmap.locators import page_range, section_name
from argmap.quotes import Archive

from conftest import FIXTURES, copy_fixture, messages

ARCHIVED = FIXTURES / "archived"
PDF = ARCHIVED / "archive" / "tully-2010-heart-failure-programmes.pdf"
HTML = ARCHIVED / "archive" / "community-rehab-page.html"


@functools.cache
def _pdf_archive() -> Archive:
    return read_archive(str(PDF), str(PDF.parent))


# ---- the fixture debate ------------------------------------------------------------------

def test_the_archived_debate_verifies_and_flags_the_one_wrong_page():
    result = check(str(ARCHIVED))
    assert result.quotes.as_dict() == {"verified": 12, "mismatched": 0, "unverified": 0}
    assert messages(result.diagnostics) == [
        f"{ARCHIVED}/claims.yaml:39:18: warning: quote found on p. 5, locator says p. 6"]
    assert result.diagnostics[0].code == "locator-page"


def test_where_each_quote_was_found_is_reported():
    where = check(str(ARCHIVED)).quotes.where
    assert where[("staff-rapport-matters", "tully-2010",
                  "You got a real feeling from the staff that they'd do anything they could "
                  "for you.")] == "p. 3"
    assert where[("burden-continues", "tully-2010",
                  "Taken together, these treatment regimens can be very demanding on the "
                  "patient. Structured cardiac rehabilitation plays an essential role in "
                  "helping patients adopt new lifestyle practices")] == "pp. 1\u20132"
    assert where[("maintenance-groups-continue", "partnership-page",
                  "every patient is offered a monthly maintenance group at the same centre "
                  "for a further year")] == "section: After the course"
    assert not any(key[1] == "gp-letter" for key in where)  # a text archive has no places


# ---- PDF text --------------------------------------------------------------------------------

def test_a_pdf_is_read_page_by_page_with_its_labels():
    archive = _pdf_archive()
    assert archive.kind == "pdf"
    assert archive.labels == ["1", "2", "3", "4", "5", "6"]
    assert len(archive.starts) == 6


@pytest.mark.parametrize("quote", [
    # ligatures in the PDF ("conﬁdence", "staﬀ")
    "supportive medical staff improved morale",
    # a word hyphenated at a line end ("rehabil-" / "itation")
    "a description of the patient's perspective on rehabilitation programmes",
    # a hyphenated word whose hyphen falls at a line end ("health-" / "care")
    "from 1% to 2% of total health-care expenditures",
    "from 1% to 2% of total healthcare expenditures",
    # across a page break, with the running head and page number between
    "very demanding on the patient. Structured cardiac rehabilitation plays an essential role",
    # the second column of a page, after the first
    "Lack of motivation, however, was also a factor.",
    # a typeset ellipsis (". . .")
    "It's defeatist, we're failed before we start ... the nurse came to me",
])
def test_pdf_quotes_match_across_layout(quote):
    assert _pdf_archive().contains(quote)


def test_an_altered_pdf_quote_is_not_found():
    assert not _pdf_archive().contains("supportive medical staff lowered morale")


def test_running_heads_and_page_numbers_are_left_out():
    pages = ["Journal X 1\nFirst page text.", "2 Journal X\nSecond page text.\n2",
             "Journal X 3\nThird page text.\n3", "4 Journal X\nFourth page text."]
    assert strip_running_lines(pages) == ["First page text.", "Second page text.",
                                          "Third page text.", "Fourth page text."]
    assert strip_running_lines(pages[:2]) == pages[:2]  # too few pages to tell


def test_printed_page_labels_and_physical_numbers_both_count(tmp_path):
    root = copy_fixture("archived", tmp_path)
    writer = PdfWriter(clone_from=str(PDF))
    writer.set_page_label(0, 5, style="/D", start=101)  # printed as pages 101-106
    pdf = root / "archive" / "tully-2010-heart-failure-programmes.pdf"
    with open(pdf, "wb") as fh:
        writer.write(fh)
    claims = root / "claims.yaml"
    text = claims.read_text()
    text = text.replace("locator: p. 6", "locator: p. 105")   # the label: right
    text = text.replace("locator: page 5", "locator: p. 5")   # the physical number: right
    text = text.replace("locator: p. 3\n", "locator: p. 104\n")  # wrong: it is on 103
    claims.write_text(text)
    result = check(str(root))
    assert messages(result.diagnostics) == [
        f"{root}/claims.yaml:54:18: warning: quote found on p. 103 (the PDF's page 3), "
        "locator says p. 104"]


@pytest.mark.parametrize("locator, pages", [
    ("p. 12", ("12", "12")), ("pp. 12\u201314", ("12", "14")), ("pp. 12-14", ("12", "14")),
    ("page 7", ("7", "7")), ("pages 3 - 4", ("3", "4")), ("p.xii", ("xii", "xii")),
    ("pp. 123-25", ("123", "125")), ("p. 12, para 3", ("12", "12")),
    ("paragraph 2", None), ("section: Methods", None), ("table 2", None)])
def test_page_locators_are_read(locator, pages):
    assert page_range(locator) == pages


def test_section_locators_are_read():
    assert section_name("section: Costs and funding") == "Costs and funding"
    assert section_name("\u00a7 Methods") == "Methods"
    assert section_name("p. 4") is None


# ---- web pages -----------------------------------------------------------------------------

def test_a_web_page_keeps_its_main_text_and_headings():
    archive = read_archive(str(HTML), str(HTML.parent))
    assert archive.kind == "html"
    assert "cookies" not in archive.normalized       # the banner is not the page's text
    assert "privacy" not in archive.normalized       # nor is the footer
    assert archive.contains("Rehabilitation only works if people can get to it")
    assert "Costs and funding" in archive.headings
    assert "Related pages" in archive.headings       # a heading outside the main text counts


def test_section_locators_are_checked_against_the_headings(tmp_path):
    root = copy_fixture("archived", tmp_path)
    claims = root / "claims.yaml"
    text = claims.read_text()
    text = text.replace('"section: Why we are making the change"', '"section: Why we change"')
    text = text.replace('"section: After the course"', '"section: Costs and funding"')
    text = text.replace('"section: Costs & funding"', '"section: costs and fundng"')  # a typo
    claims.write_text(text)
    found = messages(check(str(root)).diagnostics)
    assert found[:2] == [
        f"{root}/claims.yaml:9:18: warning: locator names section 'Why we change', but no "
        "heading of the page matches; closest heading: 'Why we are making the change'",
        f"{root}/claims.yaml:18:18: warning: quote found under section 'After the course', "
        "locator says section 'Costs and funding'"]
    assert len(found) == 3  # and the wrong page; the typo passes


# ---- the cache -----------------------------------------------------------------------------

def test_extracted_text_is_cached_by_the_files_bytes(tmp_path):
    cache = TextCache(str(tmp_path / "cache"))
    first = read_archive(str(PDF), str(PDF.parent), cache)
    entries = os.listdir(tmp_path / "cache" / "extracted")
    assert len(entries) == 1
    stored = json.loads(cache.get(PDF.read_bytes()))
    assert len(stored["pages"]) == 6
    again = read_archive(str(PDF), str(PDF.parent), cache)
    assert again.normalized == first.normalized


def test_no_cache_writes_no_extracted_text(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    check(str(ARCHIVED), cache=False)
    assert not (tmp_path / "cache").exists()
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    check(str(ARCHIVED))
    assert not (tmp_path / "cache").exists()


# ---- safety --------------------------------------------------------------------------------

def _run_check(root, cli) -> tuple[int, list[str]]:
    result = cli("check", str(root))
    return result.exit_code, [line for line in result.output.splitlines() if ": error: " in line]


def _replace_pdf(root, data: bytes) -> None:
    (root / "archive" / "tully-2010-heart-failure-programmes.pdf").write_bytes(data)


def test_a_truncated_pdf_is_one_line(tmp_path, cli):
    root = copy_fixture("archived", tmp_path)
    _replace_pdf(root, PDF.read_bytes()[:40_000])
    code, errors = _run_check(root, cli)
    assert code == 1
    assert len(errors) == 1
    assert errors[0].startswith(f"{root}/sources.yaml:2:5: error: archive "
                                "'tully-2010-heart-failure-programmes.pdf' of source "
                                "'tully-2010' could not be read: ")
    assert "Traceback" not in errors[0]


def test_an_encrypted_pdf_is_one_line(tmp_path, cli):
    root = copy_fixture("archived", tmp_path)
    writer = PdfWriter(clone_from=str(PDF))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    _replace_pdf(root, buffer.getvalue())
    code, errors = _run_check(root, cli)
    assert code == 1
    assert errors == [f"{root}/sources.yaml:2:5: error: archive "
                      "'tully-2010-heart-failure-programmes.pdf' of source 'tully-2010' could "
                      "not be read: it is encrypted: it needs a password to be read; archive "
                      "a copy without one"]


@pytest.mark.parametrize("variable, value, says", [
    ("ARGMAP_PDF_MAX_BYTES", "100000", "is larger than 100,000 bytes"),
    ("ARGMAP_PDF_MAX_PAGES", "3", "it has 6 pages, more than 3 (ARGMAP_PDF_MAX_PAGES)"),
    ("ARGMAP_PDF_MAX_CHARS", "10000", "its text is longer than 10,000 characters"),
])
def test_an_oversized_pdf_is_one_line(tmp_path, cli, monkeypatch, variable, value, says):
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    monkeypatch.setenv(variable, value)
    code, errors = _run_check(ARCHIVED, cli)
    assert code == 1
    assert len(errors) == 1 and says in errors[0], errors


def test_a_decompression_bomb_stops_at_the_memory_limit(tmp_path, cli, monkeypatch):
    """A page whose content stream inflates to 400 MB of spaces, in a 400 KB file: the
    extractor stops inflating at a quarter of its memory limit (lowered here), one line."""
    import zlib

    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = StreamObject()
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(compressor.compress(chunk) for _ in range(400)) + compressor.flush()
    stream.set_data(data)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert len(buffer.getvalue()) < 1_000_000
    root = copy_fixture("archived", tmp_path)
    _replace_pdf(root, buffer.getvalue())
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    monkeypatch.setenv("ARGMAP_PDF_MAX_MEMORY_MB", "300")
    code, errors = _run_check(root, cli)
    assert code == 1
    assert len(errors) == 1 and "(a decompression bomb?)" in errors[0], errors


def test_a_pdf_archive_outside_the_folders_is_still_refused(tmp_path, cli):
    root = copy_fixture("archived", tmp_path)
    outside = tmp_path / "outside.pdf"
    shutil.copy(PDF, outside)
    target = root / "archive" / "tully-2010-heart-failure-programmes.pdf"
    target.unlink()
    target.symlink_to(outside)
    code, errors = _run_check(root, cli)
    assert code == 1
    assert "argmap reads only regular files inside the archive folders" in errors[0]


def test_the_fixture_pdf_is_what_its_readme_says():
    reader = PdfReader(str(PDF))
    assert len(reader.pages) == 6
    assert "10.1155/2010/157939" in reader.pages[0].extract_text()
    assert PDF.stat().st_size < 1_000_000


# ---- where a quote was found, in the trace and on the sources page ----------------------------

def test_the_trace_says_where_each_quote_was_found(cli):
    result = cli("trace", "patients-distrust-gp-care", str(ARCHIVED))
    assert ("\u201cPatients had a low level of confidence that their GPs had sufficient "
            "expertise to manage their heart failure care.\u201d (p. 6) \u2014 verified, found "
            "on p. 5") in result.output
    result = cli("trace", "maintenance-groups-continue", str(ARCHIVED), "--format", "json")
    assert json.loads(result.output)["evidence"][0]["found"] == "section: After the course"


def test_the_sources_page_says_where_each_quote_was_found():
    from argmap.graph import build_graph
    from argmap.render.sources import render_sources_html

    result = check(str(ARCHIVED))
    page = "".join(render_sources_html(result.debate, build_graph(result.debate), result))
    assert '(p. 6)</span> <span class="muted found">found on p. 5</span>' in page
    assert 'found in section: After the course</span>' in page
    assert "found on" not in "".join(render_sources_html(result.debate,
                                                         build_graph(result.debate)))


def test_without_the_archives_extra_a_pdf_archive_is_one_line_saying_what_to_install(
        tmp_path, cli, monkeypatch):
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("pdfminer", "trafilatura")
                        else find_spec(name, *a))
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")  # a cached text would not need the extra
    root = copy_fixture("archived", tmp_path)
    code, errors = _run_check(root, cli)
    assert code == 1
    assert any("needs the archives extra: pip install 'argmap[archives]'" in e for e in errors)
    assert all("Traceback" not in e for e in errors)
