"""``argmap check --format github``: GitHub Actions workflow commands, one per diagnostic,
escaped as the Actions runner unescapes them, with paths from the repository's root."""

from __future__ import annotations

import json
import re

from argmap.diagnostics import Diagnostic
from argmap.github import annotation

from conftest import ONE_CLAIM, write_debate
from test_cli import many_unnoted_attacks

BAD = {"c.yaml": ONE_CLAIM.replace("perspective: pro", "perspective: nope")}
WARN = {"c.yaml": ONE_CLAIM.replace("        quote: Something said.\n", "")}
COMMAND = re.compile(r"::(error|warning) ([^:]*)::(.*)")


def unescape(value: str, prop: bool) -> str:
    """What the runner reads back (actions/runner, ActionCommand.cs: %25 undone last)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for escaped, char in [*pairs, ("%25", "%")]:
        value = value.replace(escaped, char)
    return value


def parse(line: str) -> dict:
    """One workflow command as GitHub parses it: properties split on ',' and '='."""
    severity, props, data = COMMAND.fullmatch(line).groups()
    fields = dict(p.split("=", 1) for p in props.split(","))
    return {"severity": severity, "message": unescape(data, prop=False),
            **{k: unescape(v, prop=True) for k, v in fields.items()}}


def commands(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("::")]


def test_github_format_writes_one_command_per_diagnostic_carrying_each(cli, tmp_path):
    write_debate(tmp_path / "d", {"c.yaml": BAD["c.yaml"].replace(
        "        quote: Something said.\n", "")})
    every = json.loads(cli("check", "d", "--format", "json").stdout)["diagnostics"]
    lines = commands(cli("check", "d", "--format", "github").stdout)
    assert len(every) == 2 and len(lines) == 2
    assert [parse(line) for line in lines] == [
        {"severity": d["severity"], "file": d["path"], "line": str(d["line"]),
         "col": str(d["col"]), "title": f"argmap check: {d['code']}", "message": d["message"]}
        for d in every]


def test_github_format_matches_githubs_own_command_text(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    assert commands(cli("check", "d", "--format", "github").stdout) == [
        "::error file=d/c.yaml,line=3,col=18,title=argmap check%3A unknown-ref::'nope' in "
        "perspective is not a declared perspective; the debate's perspectives are 'con' and "
        "'pro'"]


def test_github_format_escapes_percent_and_line_ends_in_a_message():
    d = Diagnostic("d/c.yaml", 1, 2, "error", "50%\r\nof it", "x")
    assert annotation(d).endswith("::50%25%0D%0Aof it")


def test_a_newline_in_the_data_stays_inside_one_command(cli, tmp_path):
    write_debate(tmp_path / "d", {"c.yaml": ONE_CLAIM.replace(
        "perspective: pro", 'perspective: "50%\\nyes"')})
    lines = cli("check", "d", "--format", "github").stdout.splitlines()
    assert len(commands("\n".join(lines))) == 1 and len(lines) == 2
    assert parse(lines[0])["message"].startswith("'50%\nyes' is not a valid id")


def test_github_format_escapes_colons_commas_and_percent_in_a_file_name(cli, tmp_path):
    write_debate(tmp_path / "d", {"a:b,c%.yaml": BAD["c.yaml"]})
    line, = commands(cli("check", "d", "--format", "github").stdout)
    assert line.startswith("::error file=d/a%3Ab%2Cc%25.yaml,line=3,col=18,")
    assert parse(line)["file"] == "d/a:b,c%.yaml"


def test_github_format_writes_other_control_characters_as_escapes():
    d = Diagnostic("d/\x1b.yaml", 1, 2, "warning", "a \x1b[31mred\x00 word", "")
    assert annotation(d) == ("::warning file=d/\\x1b.yaml,line=1,col=2,title=argmap check::"
                             "a \\x1b[31mred\\x00 word")


def test_github_format_paths_are_from_the_repository_root(cli, tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    write_debate(tmp_path / "repo" / "debates" / "one", BAD)
    monkeypatch.chdir(tmp_path / "repo" / "debates" / "one")
    line, = commands(cli("check", ".", "--format", "github").stdout)
    assert line.startswith("::error file=debates/one/c.yaml,")


def test_github_format_outside_a_repository_tidies_the_typed_path(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    line, = commands(cli("check", "./d/", "--format", "github").stdout)
    assert line.startswith("::error file=d/c.yaml,")


def test_github_format_exits_1_on_errors(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    assert cli("check", "d", "--format", "github").exit_code == 1


def test_github_format_exits_0_with_warnings_only_and_1_under_strict(cli, tmp_path):
    write_debate(tmp_path / "d", WARN)
    result = cli("check", "d", "--format", "github")
    assert result.exit_code == 0
    assert commands(result.stdout)[0].startswith("::warning file=d/c.yaml,line=7,col=9,")
    strict = cli("check", "d", "--format", "github", "--strict")
    assert strict.exit_code == 1 and commands(strict.stdout)[0].startswith("::error ")


def test_github_format_ends_with_the_summary_line_on_stdout(cli, tmp_path):
    write_debate(tmp_path / "d", BAD)
    result = cli("check", "d", "--format", "github")
    assert result.stdout.splitlines()[-1] == (
        "d: 1 claim, 1 source, 2 perspectives; quotes: 0 verified, 0 mismatched, "
        "1 unverified; 1 error, 0 warnings")
    assert result.stderr == ""


def test_github_format_counts_warnings_past_25_of_a_kind_as_text_does(cli, debate_dir):
    debate_dir({"c.yaml": many_unnoted_attacks(30)})
    capped = cli("check", "debate", "--format", "github").stdout
    assert len(commands(capped)) == 25
    assert "and 5 more attacks across perspectives with no note (argmap check --all lists " \
        "them)" in capped
    assert len(commands(cli("check", "debate", "--format", "github", "--all").stdout)) == 30
