"""A lesson's materials: the students' build and the teacher's kept apart, the content note
before the map and atop every handout, the glossary every page links its terms to, and the
print packs in lesson order."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from argmap.builder import build
from argmap.render.pdf import DEFAULT_CHROMIUM

from conftest import FIXTURES, ROOT
from pdftext import pdftotext, words

NOTE = "The materials quote descriptions of road injuries and statistics about them."
needs_chromium = pytest.mark.skipif(
    not (os.path.exists(os.environ.get("ARGMAP_CHROMIUM") or DEFAULT_CHROMIUM)
         and shutil.which("pdftotext")), reason="needs Chromium and pdftotext")


def noted(tmp: Path) -> Path:
    """The small fixture with a content note."""
    root = tmp / "noted"
    shutil.copytree(FIXTURES / "small", root)
    text = (root / "debate.yaml").read_text(encoding="utf-8")
    (root / "debate.yaml").write_text(text.replace("question:", f"content_note: {NOTE}\n"
                                                   "question:", 1), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The noted fixture built for each audience, with worksheets (no PDFs)."""
    tmp = tmp_path_factory.mktemp("lesson")
    root = noted(tmp)
    outs = {}
    for audience in ("teacher", "student"):
        outs[audience] = tmp / audience
        build(str(root), str(outs[audience]), graphviz=False, worksheets=True, cache=False,
              audience=audience)
    return outs


def pages(out: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(out).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"),
                                                         "html.parser")
            for p in sorted(out.rglob("*.html"))}


def hrefs(out: Path) -> dict[str, list[str]]:
    """Every link of every page, as a path from the output folder's top."""
    return {name: [urljoin(name, a["href"]) for a in soup.find_all("a", href=True)]
            for name, soup in pages(out).items()}


def is_key(href: str) -> bool:
    path = urlsplit(href).path
    return path.endswith("-key.html") or "/_keys/" in path or path.startswith("_keys/")


# ---- the students' build and the teacher's ----------------------------------------------------

def test_a_student_build_writes_no_answer_key_nor_teacher_page(builds):
    files = {p.relative_to(builds["student"]).as_posix()
             for p in builds["student"].rglob("*") if p.is_file()}
    assert {"worksheets/lanes.html", "worksheets/parking.html"} <= files
    assert [f for f in files if is_key(f) or f == "teacher.html"] == []


def test_no_page_of_a_student_build_links_an_answer_key_or_the_teacher_page(builds):
    links = hrefs(builds["student"])
    assert len(links) > 10
    bad = [(page, h) for page, hs in links.items() for h in hs
           if is_key(h) or urlsplit(h).path == "teacher.html"]
    assert bad == []


def test_a_teacher_build_has_a_teacher_page_linking_every_answer_key(builds):
    out = builds["teacher"]
    keys = {p.relative_to(out).as_posix() for p in out.rglob("*.html")
            if is_key(p.relative_to(out).as_posix())}
    assert keys == {"worksheets/lanes-key.html", "worksheets/parking-key.html"}
    assert keys <= set(hrefs(out)["teacher.html"])
    text = pages(out)["teacher.html"].get_text(" ")
    assert "Lesson plan" in text and "--audience student" in text


def test_the_teacher_page_leads_to_every_handout_the_map_page_does(builds):
    # the teacher runs the lesson from it: the newcomer review found only packs and keys there
    links = hrefs(builds["teacher"])
    from_map = {urlsplit(h).path for h in links["index.html"] if urlsplit(h).path.endswith(
        (".html", ".pdf", ".json", ".dot")) and urlsplit(h).path != "teacher.html"}
    assert {"briefs/lanes.html", "worksheets/lanes.html", "report.html"} <= from_map
    assert from_map <= {urlsplit(h).path for h in links["teacher.html"]}


def test_the_teacher_page_says_what_strongest_picks_and_how_to_assign_sides(builds):
    text = " ".join(pages(builds["teacher"])["teacher.html"].get_text(" ").split())
    assert ("the claims with the most evidence and the most supports and replies they make, "
            "research first") in text
    assert "not a judgement of which arguments are strongest" in text
    assert ("Let students opt out of reading aloud or of arguing an assigned side; never "
            "assign sides by anyone's experience.") in text
    assert "Balance section" in text and "how many of the map's sources" in text


def test_the_map_page_links_no_answer_key_even_in_a_teacher_build(builds):
    links = hrefs(builds["teacher"])["index.html"]
    assert "teacher.html" in links
    assert [h for h in links if is_key(h)] == []


# ---- the content note ----------------------------------------------------------------------

def test_a_content_note_that_is_not_text_is_an_error_at_its_position(cli, debate_dir):
    from conftest import DEBATE, ONE_CLAIM
    debate_dir({"claims.yaml": ONE_CLAIM},
               debate=DEBATE.replace("perspectives:", "content_note: [a, b]\nperspectives:"))
    result = cli("check", "debate")
    assert result.exit_code == 1
    assert re.search(r"debate\.yaml:2:15: error: 'content_note' must be text", result.output)


def test_the_json_schema_describes_the_content_note():
    from argmap.jsonschema import json_schema
    field = json_schema(debate_file=True)["properties"]["content_note"]
    assert "string" in field["type"] and "content note" in field["description"]


def test_the_content_note_comes_before_the_map_and_can_be_hidden(builds):
    soup = pages(builds["teacher"])["index.html"]
    note = soup.select_one("#am-content-note")
    assert NOTE in note.get_text(" ")
    assert note.find_next("header", class_="am-header") is not None  # above the header
    button = note.find("button")
    assert button["type"] == "button" and button.get_text(strip=True)


def test_without_a_content_note_the_map_page_has_neither_note_nor_its_script(tmp_path):
    out = tmp_path / "out"
    build(str(FIXTURES / "small"), str(out), graphviz=False, cache=False)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "am-content-note\"" not in html and "getElementById(\"am-content-note\")" not in html


HANDOUTS = ["briefs/lanes.html", "worksheets/lanes.html", "worksheets/lanes-key.html",
            "clash/safety.html", "cards/lanes.html", "report.html", "sources.html"]


@pytest.mark.parametrize("page", HANDOUTS)
def test_every_handout_opens_with_the_content_note(builds, page):
    soup = pages(builds["teacher"])[page]
    note = soup.select_one(".content-note")
    assert NOTE in note.get_text(" ")
    assert note.find_parent("header") is not None  # in the page's head, before any content


def test_the_flow_sheet_opens_with_the_content_note(tmp_path):
    from argmap import check
    from argmap.graph import build_graph
    from argmap.render.flowsheet import render_flow
    result = check(str(noted(tmp_path)), cache=False)
    soup = BeautifulSoup(render_flow(result.debate, build_graph(result.debate))["flow.html"],
                         "html.parser")
    assert NOTE in soup.select_one("header .content-note").get_text(" ")


def test_the_bundled_debate_has_a_content_note_in_neutral_words():
    from argmap import check
    note = check(str(ROOT / "claims"), cache=False).debate.content_note
    assert "violence" in note and "statistics" in note
    # the words each side rejects are for its own claims only
    # ("the sexual exploitation of children": the crime's name in law, which both sides use
    # in the common ground that it must stay a crime)
    assert not re.search(r"sex work|prostitut|exploit|victim|survivor",
                         note.replace("the sexual exploitation of children", ""), re.I)
    assert "Some readers may have experience of these things themselves." in note


# ---- the glossary ----------------------------------------------------------------------------

def test_the_glossary_has_an_entry_for_every_term_of_the_vocabulary(builds):
    from argmap.glossary import terms
    soup = pages(builds["student"])["glossary.html"]
    entries = {dt["id"]: dt.get_text(strip=True) for dt in soup.select("dl.glossary dt")}
    assert entries == {t["id"]: t["term"] for t in terms()}
    assert all(dd.get_text(strip=True) for dd in soup.select("dl.glossary dd"))


@pytest.mark.parametrize("audience", ["teacher", "student"])
def test_every_glossary_link_on_every_page_resolves_to_an_entry(builds, audience):
    out = builds[audience]
    anchors = {dt["id"] for dt in pages(out)["glossary.html"].select("dt[id]")}
    linked = [(page, h) for page, hs in hrefs(out).items() for h in hs
              if urlsplit(h).path == "glossary.html" and urlsplit(h).fragment]
    assert len({page for page, _ in linked}) >= 10  # the map page and every handout
    assert [(p, h) for p, h in linked if urlsplit(h).fragment not in anchors] == []


def test_the_map_legend_links_each_relation_to_its_glossary_entry(builds):
    legend = pages(builds["teacher"])["index.html"].select_one(".am-legend")
    assert {a["href"] for a in legend.select("a.term")} >= {
        "glossary.html#support", "glossary.html#attack", "glossary.html#undercut",
        "glossary.html#unanswered"}


def test_a_link_to_a_term_the_glossary_lacks_fails_at_once():
    from argmap.glossary import term_link
    with pytest.raises(KeyError):
        term_link("no-such-term")


def test_no_glossary_definition_names_a_side_or_the_bundled_topic():
    from argmap.glossary import terms
    text = " ".join(t["definition"] for t in terms())
    assert not re.search(r"sex|prostitut|Nordic|Equality Model|decriminali", text, re.I)


# ---- the print packs ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A teacher's build of the noted fixture with PDFs: it has both packs (printing is the
    slow part, so a student's build is checked by what it plans to write)."""
    out = tmp_path_factory.mktemp("packs") / "teacher"
    build(str(noted(out.parent)), str(out), graphviz=False, worksheets=True, pdf=True,
          cache=False)
    return {"teacher": out}


def bookmarks(path: Path) -> list[tuple[str, int]]:
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


@needs_chromium
def test_the_student_pack_holds_the_handouts_in_lesson_order(printed):
    marks = bookmarks(printed["teacher"] / "pack-student.pdf")
    assert [title for title, _ in marks] == [
        "Clash sheet: Safety", "Clash sheet: Local business", "Brief: Build the lanes",
        "Brief: Keep the parking", "Evidence cards: Build the lanes",
        "Evidence cards: Keep the parking", "Worksheet: Build the lanes",
        "Worksheet: Keep the parking", "Sources", "Glossary"]
    data = (printed["teacher"] / "pack-student.pdf").read_bytes()
    # each material starts where its bookmark says: its first page opens with its heading
    starts = ["CLASH SHEET", "CLASH SHEET", "BRIEF", "BRIEF", "EVIDENCE CARDS",
              "EVIDENCE CARDS", "WORKSHEET", "WORKSHEET", "SOURCES", "GLOSSARY"]
    for (title, page), start in zip(marks, starts, strict=True):
        assert pdftotext(data, page + 1).lstrip().upper().startswith(start.upper()), title


@needs_chromium
@pytest.mark.parametrize("pack", ["pack-student.pdf", "pack-teacher.pdf"])
def test_printed_two_sided_each_material_of_a_pack_starts_a_sheet(printed, pack):
    marks = bookmarks(printed["teacher"] / pack)
    assert [title for title, page in marks if page % 2] == []  # page numbers count from 0


@needs_chromium
@pytest.mark.parametrize("pack", ["pack-student.pdf", "pack-teacher.pdf"])
def test_each_pack_opens_with_the_content_note(printed, pack):
    data = (printed["teacher"] / pack).read_bytes()
    assert words(NOTE) in words(pdftotext(data, 1))


@needs_chromium
def test_the_teacher_pack_adds_the_plan_the_keys_and_the_report(printed):
    titles = [t for t, _ in bookmarks(printed["teacher"] / "pack-teacher.pdf")]
    assert titles[0] == "Teacher's page: lesson plan, answer keys"
    assert titles.index("Worksheet: Keep the parking") < \
        titles.index("Answer key: Build the lanes") < titles.index("Report")
    assert titles[-1] == "Glossary"


def test_a_student_build_with_pdfs_plans_no_teacher_pack_and_no_key():
    import argmap
    from argmap.outputs import RenderContext, planned_files, wanted
    result = argmap.check(str(FIXTURES / "small"), cache=False)
    ctx = RenderContext(result, argmap.build_graph(result.debate), worksheets=True,
                        audience="student", pdf=True)
    planned = {f["href"] for f in planned_files(ctx, wanted(ctx), pdf=True)}
    assert {"pack-student.pdf", "worksheets/lanes.pdf"} <= planned
    assert [f for f in planned if "key" in f or "teacher" in f] == []


@needs_chromium
def test_the_student_pack_holds_no_answer_key(printed):
    data = (printed["teacher"] / "pack-student.pdf").read_bytes()
    assert "Answer key" not in [t.split(":")[0] for t, _ in bookmarks(
        printed["teacher"] / "pack-student.pdf")]
    assert "ANSWER KEY" not in pdftotext(data)


@needs_chromium
@pytest.mark.parametrize("pdf", [h[:-5] + ".pdf" for h in HANDOUTS])
def test_the_first_printed_page_of_every_handout_carries_the_content_note(printed, pdf):
    data = (printed["teacher"] / pdf).read_bytes()
    assert words(NOTE) in words(pdftotext(data, 1))


def test_the_manifest_of_a_student_build_lists_no_teacher_file(builds):
    from argmap.manifest import MANIFEST
    files = json.loads((builds["student"] / MANIFEST).read_text())["files"]
    assert "glossary.html" in files and "teacher.html" not in files


@needs_chromium
@pytest.mark.browser
def test_the_map_pages_content_note_hides_from_the_keyboard_and_the_page_reads_on(builds):
    from playwright.sync_api import sync_playwright

    from argmap.render.pdf import CHROMIUM_ARGS, chromium_path
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto((builds["teacher"] / "index.html").as_uri())
            note = page.locator("#am-content-note")
            assert note.is_visible() and page.locator(".am-header h1").is_visible()
            for _ in range(3):  # the skip link, the note's glossary link, its button
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.matches('#am-content-note button')")
            page.keyboard.press("Enter")
            assert not note.is_visible()
            assert page.evaluate("document.activeElement.tagName") == "H1"
        finally:
            browser.close()


@needs_chromium
def test_a_student_build_prints_no_internal_id_and_a_teacher_build_does(tmp_path):
    from playwright.sync_api import sync_playwright

    from argmap.render.pdf import CHROMIUM_ARGS, chromium_path

    root = noted(tmp_path)
    ids = ["lanes-cut-injuries", "lanes-bring-customers"]  # claims of the fixture, by id
    printed = {}
    for audience in ("student", "teacher"):
        out = tmp_path / audience
        build(str(root), str(out), graphviz=False, audience=audience, cache=False)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            for name in ("sources.html", "report.html", "index.html"):
                page.goto((out / name).as_uri())
                page.emulate_media(media="print")
                printed[audience, name] = page.evaluate("() => document.body.innerText")
            browser.close()
    for name in ("sources.html", "report.html", "index.html"):
        assert not any(i in printed["student", name] for i in ids), name
        assert any(i in printed["teacher", name] for i in ids), name
