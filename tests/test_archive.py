"""``argmap archive``: a source's copy kept in the debate and recorded in its YAML entry by a
minimal edit; ``sha256:`` checked by ``argmap check``."""

from __future__ import annotations

import datetime
import hashlib
import http.server
import json
import os
import threading

import pytest

import argmap
from argmap.archiving import FetchFailed, archive_source

from conftest import DEBATE, copy_fixture

TODAY = datetime.date.today().isoformat()
TEXT = b"One in three residents said Sunday was the only day they could visit the library.\n"

# A source file written as people write them: comments, quoting, a blank line, a block text.
SOURCES = """\
# Sources of the debate.
sources:
  - id: s1   # the survey
    title: "A survey"
    url: https://example.org/s1   # where to read it

    publisher: >-
      Kept as written.
  - id: s2
    title: 'Another'
claims:
  - id: c1
    perspective: pro
    text: A claim.
    supports: [motion]
    evidence:
      - source: s1
        quote: only day they could visit
"""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def debate(tmp_path):
    root = tmp_path / "debate"
    root.mkdir()
    (root / "debate.yaml").write_text(DEBATE + "archives: [archive]\n", encoding="utf-8")
    (root / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "survey.txt").write_bytes(TEXT)
    return root


def without(lines: list[str], dropped: set[int]) -> list[str]:
    return [line for i, line in enumerate(lines) if i not in dropped]


def test_archive_copies_the_file_and_records_archive_accessed_and_sha256(cli, debate, tmp_path):
    result = cli("archive", "s1", "survey.txt", "debate")
    assert result.exit_code == 0, result.output
    assert (debate / "archive" / "s1.txt").read_bytes() == TEXT
    lines = (debate / "sources.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[8:11] == ["    archive: s1.txt", f"    accessed: {TODAY}",
                           f"    sha256: {sha(TEXT)}"]
    assert "quotes from s1: 1 verified, 0 mismatched, 0 unverified" in result.output


def test_archive_leaves_every_other_byte_of_the_yaml_file_as_it_was(cli, debate):
    before = SOURCES.replace("\n", "\r\n").encode("utf-8")
    (debate / "sources.yaml").write_bytes(b"\xef\xbb\xbf" + before)  # a BOM and CRLF too
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    after = (debate / "sources.yaml").read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    lines = after[3:].split(b"\r\n")
    added = {i for i, line in enumerate(lines) if line.lstrip().startswith(
        (b"archive:", b"accessed:", b"sha256:"))}
    assert len(added) == 3
    assert b"\r\n".join(without(lines, added)) == before


def test_an_existing_value_is_replaced_where_it_stands_in_its_own_quoting(cli, debate):
    path = debate / "sources.yaml"
    old = '    title: "A survey"\n'
    path.write_text(SOURCES.replace(old, old + '    accessed: "2020-01-01"  # old\n'),
                    encoding="utf-8")
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    assert f'    accessed: "{TODAY}"  # old\n' in path.read_text(encoding="utf-8")


def test_archiving_the_same_file_again_changes_nothing(cli, debate):
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    yaml_before = (debate / "sources.yaml").read_bytes()
    stamp = os.stat(debate / "sources.yaml").st_mtime_ns
    result = cli("archive", "s1", "survey.txt", "debate")
    assert result.exit_code == 0
    assert "nothing changed" in result.output
    assert (debate / "sources.yaml").read_bytes() == yaml_before
    assert os.stat(debate / "sources.yaml").st_mtime_ns == stamp


def test_a_changed_archive_is_warned_at_the_sha256_value(cli, debate):
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    (debate / "archive" / "s1.txt").write_bytes(TEXT + b"An added line.\n")
    result = cli("check", "debate")
    assert result.exit_code == 0
    assert ("debate/sources.yaml:11:13: warning: the archived copy 's1.txt' of source 's1' "
            "changed since it was recorded") in result.stderr
    assert "re-check its quotes" in result.stderr


def test_an_unchanged_archive_gives_no_warning(cli, debate):
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    assert "changed since" not in cli("check", "debate").stderr


def test_sha256_must_be_64_hex_digits(debate):
    path = debate / "sources.yaml"
    path.write_text(SOURCES.replace("    title: 'Another'\n",
                                    "    title: 'Another'\n    sha256: abc\n"), encoding="utf-8")
    messages = [str(d) for d in argmap.check(str(debate)).diagnostics]
    assert any("sources.yaml:11:13: error: 'abc' is not a SHA-256" in m for m in messages)


def test_the_json_schema_gives_sha256_its_pattern():
    from argmap.jsonschema import json_schema
    source = json_schema()["properties"]["sources"]["items"]["properties"]["sha256"]
    assert source["pattern"] == "^[0-9A-Fa-f]{64}$"


def test_a_debate_with_no_archive_folder_gets_archive_declared(cli, debate):
    (debate / "debate.yaml").write_text(DEBATE, encoding="utf-8")
    result = cli("archive", "s1", "survey.txt", "debate")
    assert result.exit_code == 0, result.output
    assert (debate / "debate.yaml").read_text(encoding="utf-8") == DEBATE + \
        "archives: [archive]\n"
    assert (debate / "archive" / "s1.txt").read_bytes() == TEXT
    assert argmap.check(str(debate)).quotes.verified == 1


def test_a_file_in_the_archive_folder_already_is_recorded_where_it_is(cli, debate):
    (debate / "archive").mkdir()
    (debate / "archive" / "Survey 2024.txt").write_bytes(TEXT)
    assert cli("archive", "s1", "debate/archive/Survey 2024.txt", "debate").exit_code == 0
    assert os.listdir(debate / "archive") == ["Survey 2024.txt"]
    assert '    archive: "Survey 2024.txt"\n' in (debate / "sources.yaml").read_text()


def test_another_file_under_the_name_is_kept_unless_replace_is_given(cli, debate, tmp_path):
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    (tmp_path / "newer.txt").write_bytes(b"A newer edition.\n")
    yaml_before = (debate / "sources.yaml").read_bytes()
    refused = cli("archive", "s1", "newer.txt", "debate")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("error: 'debate/archive/s1.txt' exists and holds another "
                                     "file")
    assert refused.stderr.count("\n") == 1
    assert (debate / "archive" / "s1.txt").read_bytes() == TEXT
    assert (debate / "sources.yaml").read_bytes() == yaml_before
    assert cli("archive", "s1", "newer.txt", "debate", "--replace").exit_code == 0
    assert (debate / "archive" / "s1.txt").read_bytes() == b"A newer edition.\n"
    assert f"sha256: {sha(b'A newer edition.' + bytes([10]))}" in \
        (debate / "sources.yaml").read_text()


def test_an_unknown_source_suggests_the_closest_and_exits_1(cli, debate):
    result = cli("archive", "s3", "survey.txt", "debate")
    assert result.exit_code == 1
    assert result.stderr == "error: no source 's3' in debate (did you mean 's1'?)\n"


def test_a_claim_id_is_said_to_be_a_claim(cli, debate):
    result = cli("archive", "c1", "survey.txt", "debate")
    assert (result.exit_code, result.stderr) == (1, "error: no source 'c1' in debate (it is a "
                                                     "claim)\n")


def test_a_file_that_does_not_exist_exits_2_writing_nothing(cli, debate):
    result = cli("archive", "s1", "missing.pdf", "debate")
    assert (result.exit_code, result.stderr) == (2, "error: 'missing.pdf' does not exist\n")
    assert not (debate / "archive").exists()


def test_an_archive_folder_that_leads_out_of_the_debate_is_refused(cli, debate, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (debate / "archive").symlink_to(tmp_path / "elsewhere")
    result = cli("archive", "s1", "survey.txt", "debate")
    assert result.exit_code == 2
    assert "is a link to a folder outside the debate" in result.stderr
    assert os.listdir(tmp_path / "elsewhere") == []


def test_a_flow_mapping_is_not_rewritten(cli, debate):
    (debate / "more.yaml").write_text("sources: [{id: s4, title: Flow}]\n", encoding="utf-8")
    result = cli("archive", "s4", "survey.txt", "debate")
    assert result.exit_code == 2
    assert "flow mapping" in result.stderr
    assert not (debate / "archive").exists()


# ---- fetching ------------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server name
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf" if self.path.endswith("pdf")
                         else "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(TEXT)))
        self.end_headers()
        self.wfile.write(TEXT)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_and_named_by_its_type(cli, debate, server):
    result = cli("archive", "s1", f"{server}/report", "debate")
    assert result.exit_code == 0, result.output
    assert (debate / "archive" / "s1.txt").read_bytes() == TEXT
    assert archive_source(str(debate), "s2", f"{server}/doc.pdf").name == "s2.pdf"


def test_a_redirect_to_another_scheme_is_refused(cli, debate, server):
    result = cli("archive", "s1", f"{server}/moved", "debate")
    assert result.exit_code == 2
    assert "which is not an http or https address" in result.stderr
    assert not (debate / "archive").exists()


def test_a_download_larger_than_the_limit_is_refused(debate, server):
    with pytest.raises(FetchFailed, match="more than 10;"):
        archive_source(str(debate), "s1", f"{server}/report", limit=10)
    assert not (debate / "archive").exists()


def test_without_network_the_url_form_says_so_in_one_line(cli, debate, server):
    import socket
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = cli("archive", "s1", f"http://127.0.0.1:{port}/x", "debate")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot fetch http://127.0.0.1:{port}/x: ")
    assert result.stderr.count("\n") == 1


def test_only_http_and_https_addresses_are_fetched(cli, debate):
    result = cli("archive", "s1", "file:///etc/passwd", "debate")
    assert (result.exit_code, result.stderr) == (
        2, "error: 'file:///etc/passwd' is not an http or https address\n")


def test_check_json_reports_the_changed_archive_with_its_code(cli, debate):
    assert cli("archive", "s1", "survey.txt", "debate").exit_code == 0
    (debate / "archive" / "s1.txt").write_bytes(b"changed\n")
    out = json.loads(cli("check", "debate", "--format", "json").stdout)
    codes = [d.get("code") for d in out["diagnostics"]]
    assert "archive-changed" in codes


def test_the_counted_fixture_archives_into_its_own_folder(cli, tmp_path):
    copy_fixture("counted", tmp_path)
    (tmp_path / "census.txt").write_bytes(b"Household panel.\n")
    assert cli("archive", "census-panel", "census.txt", "counted").exit_code == 0
    assert (tmp_path / "counted" / "archive" / "census-panel.txt").exists()
