"""Messages that say how to fix (#16): each pins its exact text and position."""

from __future__ import annotations

import pytest

from argmap.quotes import _shorten

from conftest import DEBATE as DEBATE_OF_TEST, ONE_CLAIM, diags_of

SOURCES = """\
sources:
  - id: s1
    title: A source
"""
CLAIM = ONE_CLAIM[:ONE_CLAIM.index("sources:")]  # the claim alone; its source in SOURCES


# -- YAML syntax: a hint for the common slips, first, and no knock-on errors ---------------

def test_an_unquoted_colon_in_a_value_says_to_quote_it(debate_dir):
    broken = SOURCES.replace("title: A source", "title: Ill Communication: Technology")
    assert diags_of(debate_dir, {"c.yaml": CLAIM, "s.yaml": broken}) == [
        "s.yaml:3:12: error: YAML syntax: the value of 'title' holds ': ', which YAML reads "
        "as the start of another key: put the value in quotes, as in title: \"Ill "
        "Communication: Technology\"; nothing in this file was read (its claims and sources "
        "are missing until this is fixed)"]


def test_a_colon_on_a_continued_line_says_to_quote_the_value_or_write_a_block(debate_dir):
    broken = SOURCES.replace("title: A source", "title: A source\n      that goes on: and on")
    assert diags_of(debate_dir, {"c.yaml": CLAIM, "s.yaml": broken}) == [
        "s.yaml:4:19: error: YAML syntax: this ': ' is read as the start of another key; if it "
        "belongs to a value, put the whole value in quotes, or write it as a block: the key, "
        "then '>-', then the text indented on the lines below; nothing in this file was read "
        "(its claims and sources are missing until this is fixed)"]


def test_the_quoting_example_uses_single_quotes_when_the_value_holds_double_ones(debate_dir):
    broken = SOURCES.replace("title: A source", 'title: The "ban": a review')
    assert diags_of(debate_dir, {"c.yaml": CLAIM, "s.yaml": broken})[0].startswith(
        "s.yaml:3:12: error: YAML syntax: the value of 'title' holds ': ', which YAML reads "
        "as the start of another key: put the value in quotes, as in title: "
        "'The \"ban\": a review';")


def test_a_tab_in_the_indentation_says_to_use_spaces(debate_dir):
    broken = SOURCES.replace("    title:", "\ttitle:")
    assert diags_of(debate_dir, {"c.yaml": CLAIM, "s.yaml": broken}) == [
        "s.yaml:3:1: error: YAML syntax: a tab character in the indentation: YAML indents "
        "with spaces only; replace the tab with spaces; nothing in this file was read (its "
        "claims and sources are missing until this is fixed)"]


def test_a_quote_never_closed_points_at_where_it_opens(debate_dir):
    broken = SOURCES.replace("title: A source", 'title: "A source') + "  - id: s2\n"
    assert diags_of(debate_dir, {"c.yaml": CLAIM, "s.yaml": broken}) == [
        "s.yaml:3:12: error: YAML syntax: the quote \" that opens this value is never "
        "closed: end the value with \"; nothing in this file was read (its claims and "
        "sources are missing until this is fixed)"]


def test_yaml_syntax_errors_come_before_the_other_diagnostics(debate_dir):
    broken = SOURCES.replace("title: A source", "title: A: B")
    other = CLAIM.replace("perspective: pro", "perspective: pro\n    colour: red")
    found = diags_of(debate_dir, {"a.yaml": other, "z.yaml": broken})
    assert [d.split(": error: ")[1][:12] for d in found] == ["YAML syntax:", "unknown key "]
    assert found[0].startswith("z.yaml:3:12:")


def test_a_broken_debate_file_leaves_no_unknown_perspective_errors(debate_dir):
    broken = DEBATE_OF_TEST.replace("title: Test debate", "title: A: B")
    found = diags_of(debate_dir, {"debate.yaml": broken, "c.yaml": ONE_CLAIM})
    assert found == [
        "debate.yaml:1:8: error: YAML syntax: the value of 'title' holds ': ', which YAML "
        "reads as the start of another key: put the value in quotes, as in title: \"A: B\"; "
        "nothing in this file was read (its claims and sources are missing until this is "
        "fixed)"]


def test_an_unknown_id_not_written_in_the_broken_file_is_still_reported_without_a_list(
        debate_dir):
    broken = SOURCES.replace("title: A source", "title: A: B")
    claim = CLAIM.replace("source: s1", "source: s9")
    assert diags_of(debate_dir, {"c.yaml": claim, "s.yaml": broken})[1] == (
        "c.yaml:7:17: error: 's9' in source is not a source")


def test_with_debate_yaml_read_the_resolutions_are_listed_though_another_file_was_not(
        debate_dir):
    broken = SOURCES.replace("title: A source", "title: A: B")
    claim = CLAIM.replace("supports: [motion]", "supports: [motion-passes]")
    assert diags_of(debate_dir, {"c.yaml": claim, "s.yaml": broken})[1] == (
        "c.yaml:5:16: error: 'motion-passes' in supports is not a claim or resolution; the "
        "debate's one resolution is 'motion'")


def test_the_summary_says_how_many_files_were_not_read(debate_dir, cli):
    broken = SOURCES.replace("title: A source", "title: A: B")
    root = debate_dir({"c.yaml": CLAIM, "s.yaml": broken})
    result = cli("check", str(root))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{root}: 1 claim, 0 sources, 2 perspectives (not counting 1 file that could not be "
        "read); quotes: 0 verified, 0 mismatched, 1 unverified; 1 error, 0 warnings")


# -- field names argmap calls otherwise -----------------------------------------------------

def test_page_in_evidence_points_to_locator(debate_dir):
    text = ONE_CLAIM.replace("quote: Something said.", "quote: Something said.\n        page: 2")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:9:9: error: unknown key 'page' in an evidence item: the page goes in "
        "'locator', as in locator: p. 12"]


def test_source_id_points_to_source(debate_dir):
    text = ONE_CLAIM.replace("- source: s1", "- source_id: s1")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:7:9: error: unknown key 'source_id' in an evidence item: the source's id goes "
        "in 'source'",
        "c.yaml:7:9: error: an evidence item is missing the required key 'source'"]


def test_quotes_points_to_one_quote_per_item(debate_dir):
    text = ONE_CLAIM.replace("quote: Something said.", "quotes: [Something said.]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:7:9: warning: evidence without a quote or a finding",
        "c.yaml:8:9: error: unknown key 'quotes' in an evidence item: one quote per evidence "
        "item, in 'quote': give each quote its own item"]


def test_url_in_evidence_says_it_belongs_to_the_source(debate_dir):
    text = ONE_CLAIM.replace("quote: Something said.", "quote: Something said.\n"
                             "        url: https://example.org/")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:9:9: error: unknown key 'url' in an evidence item: the address belongs to the "
        "source: give it 'url' where the source is declared, and name the source's id here "
        "in 'source'"]


def test_link_in_a_source_points_to_url(debate_dir):
    text = ONE_CLAIM + "    link: https://example.org/\n"
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:12:5: error: unknown key 'link' in a source: a source's address goes in 'url'"]


def test_description_points_to_summary_in_a_perspective_and_note_in_a_claim(debate_dir):
    debate = ("title: T\nperspectives:\n  - id: pro\n    description: For.\n  - id: con\n"
              "resolutions:\n  - id: motion\n    text: M.\n")
    text = ONE_CLAIM.replace("text: A claim.", "text: A claim.\n    description: More.")
    assert diags_of(debate_dir, {"c.yaml": text}, debate=debate) == [
        "c.yaml:5:5: error: unknown key 'description' in a claim: a description goes in "
        "'note'",
        "debate.yaml:4:5: error: unknown key 'description' in a perspective: a perspective's "
        "description goes in 'summary'"]


def _with_key(where: str, key: str) -> tuple[dict, str | None, str]:
    """A debate with ``key: x`` added to the first object of kind ``where``: its files, its
    debate.yaml (None: the default) and the ``file:line:col`` of the key."""
    line = "    " + key + ": x\n"
    if where == "evidence item":
        return {"c.yaml": ONE_CLAIM.replace("Something said.\n", "Something said.\n    "
                                            + line)}, None, "c.yaml:9:9"
    if where == "claim":
        return {"c.yaml": ONE_CLAIM.replace("text: A claim.\n", "text: A claim.\n" + line)}, \
            None, "c.yaml:5:5"
    if where == "source":
        return {"c.yaml": ONE_CLAIM + line}, None, "c.yaml:12:5"
    debate = DEBATE_OF_TEST + "topics:\n  - id: safety\n"
    after = {"perspective": "label: Pro side\n", "resolution": "text: The motion should pass.\n",
             "topic": "id: safety\n"}[where]
    line_no = {"perspective": 5, "resolution": 10, "topic": 12}[where]
    return {"c.yaml": ONE_CLAIM}, debate.replace(after, after + line), f"debate.yaml:{line_no}:5"


NEAR_MISS_CASES = [  # where, key, what the message says after "unknown key 'K' in a/an W: "
    ("evidence item", "page", "the page goes in 'locator', as in locator: p. 12"),
    ("evidence item", "pages", "the pages go in 'locator', as in locator: pp. 12-14"),
    ("evidence item", "location", "where in the source goes in 'locator', as in locator: "
                                  "section 3"),
    ("evidence item", "sources", "one evidence item names one source, in 'source'"),
    ("evidence item", "link", "the address belongs to the source: give it 'url' where the "
                              "source is declared, and name the source's id here in 'source'"),
    ("claim", "type", "a claim's type is its 'kind'"),
    ("claim", "side", "a claim's side is its 'perspective'"),
    ("claim", "tag", "topics go in the list 'tags', as in tags: [topic-id]"),
    ("claim", "claim", "the claim's words go in 'text'"),
    ("source", "href", "a source's address goes in 'url'"),
    ("source", "name", "a source's name goes in 'title'"),
    ("source", "authors", "all authors go in one 'author', as in author: Family, Given; "
                          "Family, Given"),
    ("source", "date", "the date goes in 'published' (or 'accessed'), as in published: "
                       "2021-03-01"),
    ("source", "year", "the year goes in 'published', as in published: 2021"),
    ("perspective", "name", "the name shown goes in 'label'"),
    ("resolution", "description", "the proposition goes in 'text'"),
    ("topic", "description", "the name shown goes in 'label'"),
]


@pytest.mark.parametrize("where,key,hint", NEAR_MISS_CASES,
                         ids=[f"{k} in a {w}" for w, k, _ in NEAR_MISS_CASES])
def test_a_near_miss_key_points_to_the_field_argmap_uses(debate_dir, where, key, hint):
    files, debate, place = _with_key(where, key)
    article = "an" if where[0] in "aeiou" else "a"
    assert diags_of(debate_dir, files, debate=debate) == [
        f"{place}: error: unknown key '{key}' in {article} {where}: {hint}"]


def test_a_plain_misspelling_still_gets_did_you_mean(debate_dir):
    text = ONE_CLAIM.replace("quote: Something said.", "qoute: Something said.")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:7:9: warning: evidence without a quote or a finding",
        "c.yaml:8:9: error: unknown key 'qoute' in an evidence item (did you mean 'quote'?)"]


# -- unknown ids: the few there are, when nothing is close ----------------------------------

def test_an_unknown_target_names_the_debates_one_resolution(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]", "supports: [the-motion-passes]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:5:16: error: 'the-motion-passes' in supports is not a claim or resolution; "
        "the debate's one resolution is 'motion'"]


def test_an_unknown_perspective_lists_the_declared_ones(debate_dir):
    text = ONE_CLAIM.replace("perspective: pro", "perspective: government")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:3:18: error: 'government' in perspective is not a declared perspective; the "
        "debate's perspectives are 'con' and 'pro'"]


def test_a_close_id_is_suggested_rather_than_listed(debate_dir):
    text = ONE_CLAIM.replace("supports: [motion]", "supports: [motoin]")
    assert diags_of(debate_dir, {"c.yaml": text}) == [
        "c.yaml:5:16: error: 'motoin' in supports is not a claim or resolution (did you mean "
        "'motion'?)"]


def test_an_unknown_tag_lists_the_topics(debate_dir):
    debate = DEBATE_OF_TEST + "topics:\n  - id: safety\n  - id: cost\n"
    text = ONE_CLAIM.replace("text: A claim.", "text: A claim.\n    tags: [economy]")
    assert diags_of(debate_dir, {"c.yaml": text}, debate=debate) == [
        "c.yaml:5:12: warning: tag 'economy' is not one of the topics; the debate's topics are "
        "'cost' and 'safety'"]


def test_more_than_five_ids_are_not_listed(debate_dir):
    sources = "".join(f"  - id: source-{i}\n    title: S\n" for i in range(6))
    text = CLAIM.replace("source: s1", "source: zzz") + "sources:\n" + sources
    assert "c.yaml:7:17: error: 'zzz' in source is not a source" in diags_of(
        debate_dir, {"c.yaml": text})


# -- the closest passage of a mismatched quote, in whole words -------------------------------

def test_a_long_closest_passage_is_cut_at_a_word_boundary():
    passage = "word " * 30 + "endings matter here"
    assert _shorten(passage, 40) == "word word word word word word word\u2026"


def test_the_closest_passage_begins_and_ends_on_whole_words(debate_dir):
    archive = ("Preamble text. " + "The results are driven by the largest cities in the "
               "sample, where enforcement changed the most over the decade studied, and "
               "where the reporting of incidents rose sharply after the new rules came into "
               "force in every district of the metropolitan area. Appendix follows.")
    debate = ("title: T\nperspectives:\n  - id: pro\n  - id: con\nresolutions:\n  - id: motion\n"
              "    text: M.\narchives: [texts]\n")
    quote = ("results are driven by the largest towns in the sample, where enforcement "
             "changed the most over the decade studied, and where the reporting of incidents "
             "rose sharply after the new rules came into force in every district")
    text = ONE_CLAIM.replace("quote: Something said.", f"quote: {quote}") + \
        "    archive: s1.txt\n"
    found = diags_of(debate_dir, {"c.yaml": text, "texts/s1.txt": archive}, debate=debate)
    hint = found[0].split('closest passage (')[1].split(': "', 1)[1]
    assert hint.startswith("results are driven")
    assert hint.endswith("of incidents rose\u2026\"")
