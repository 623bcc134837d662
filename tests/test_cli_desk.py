"""What a desk touches in the CLI (issue 21): safe output, --db anywhere, help, readable tables.

Article text is untrusted: escape sequences and bidi overrides must not reach a
terminal, and formula-like cells must not reach a spreadsheet. The rest is a
new user's first hour: --db after the command, shell completion, conventional
help, readable values, one option name for one idea, progress with a total.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from claimtrack.cli.main import app, expected_count, progress_lines
from claimtrack.cli.output import render
from claimtrack.models import IngestResult, IngestStatus
from claimtrack.textsafety import spreadsheet_cell, visible
from tests.test_docs import _command_paths  # every command, defined once

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ESC = "\x1b"
# A window title, an OSC 8 hyperlink, a colour and a right-to-left override.
HOSTILE = (
    "---\n"
    'title: =HYPERLINK("http://evil.example","click")\n'
    "outlet: '@SUM(1+1)'\n"
    "---\n\n"
    "The mayor of Springfield, Ana Ortiz, said on Monday that \x1b]0;pwned\x07forty "
    "\x1b]8;;http://evil.example\x07houses\x1b]8;;\x07 had \x1b[31mburned\x1b[0m "
    "\u202edown\u202c overnight.\n"
)


def invoke(runner: CliRunner, *args: str, **kwargs: Any) -> Result:
    return runner.invoke(app, list(args), **kwargs)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def seeded(runner: CliRunner, db_url: str, tmp_path: Path) -> str:
    """db_url after ingesting the bundled seed articles."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    ok(invoke(runner, "--db", db_url, "ingest", str(seeds)))
    return db_url


@pytest.fixture
def hostile(runner: CliRunner, db_url: str, tmp_path: Path) -> str:
    """db_url holding one article whose text, title and outlet attack terminals and sheets."""
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    ok(invoke(runner, "--db", db_url, "ingest", str(path)))
    return db_url


def _controls(text: str) -> list[str]:
    return re.findall("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]", text)


# --- item 3: terminal escapes ---------------------------------------------------


def test_visible_shows_every_control_and_bidi_character() -> None:
    assert visible("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert visible("\u202eevil\u202c \u2066x\u2069 \u200f") == (
        "<U+202E>evil<U+202C> <U+2066>x<U+2069> <U+200F>"
    )
    assert visible("\x7f\x85\x9b") == "␡<U+0085><U+009B>"
    assert visible("Zelenskyy said: “peace” — café") == "Zelenskyy said: “peace” — café"


@pytest.mark.parametrize(
    "command", [["claims"], ["articles"], ["speakers"], ["show", "1"], ["disputes"]]
)
def test_tables_show_escapes_as_text(runner: CliRunner, hostile: str, command: list[str]) -> None:
    result = ok(invoke(runner, "--db", hostile, *command))
    assert _controls(result.stdout) == []
    if command[0] in ("claims", "show"):
        assert "␛]0;pwned␇" in result.stdout
    if command[0] == "show":  # the whole text: a table cuts it
        assert "<U+202E>down<U+202C>" in result.stdout


def test_json_escapes_controls_itself(runner: CliRunner, hostile: str) -> None:
    result = ok(invoke(runner, "--db", hostile, "claims", "--format", "json"))
    assert ESC not in result.stdout
    assert "\\u001b]0;pwned\\u0007" in result.stdout
    assert "pwned" in json.loads(result.stdout)[0]["text"]


def test_status_and_error_lines_show_escapes(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    good = tmp_path / "a\x1b]0;title\x07.md"
    good.write_text(HOSTILE, encoding="utf-8")
    missing = tmp_path / "gone\x1b[2J\u202e.txt"
    result = invoke(runner, "--db", db_url, "ingest", str(good), str(missing))
    assert result.exit_code == 1
    assert _controls(result.stderr) == []
    assert "stored " in result.stderr and "a␛]0;title␇.md" in result.stderr
    assert "Error: " in result.stderr and "gone␛[2J<U+202E>.txt" in result.stderr


# --- item 4: listing CSVs --------------------------------------------------------


def test_spreadsheet_cell_guards_formulas_not_numbers() -> None:
    for formula in ("=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheet_cell(formula) == "'" + formula
    assert spreadsheet_cell("-3") == "-3"
    assert spreadsheet_cell("1,500 troops") == "1,500 troops"


def test_listing_csv_neutralises_formulas(runner: CliRunner, hostile: str) -> None:
    listed = ok(invoke(runner, "--db", hostile, "articles", "--format", "csv"))
    (article,) = csv.DictReader(io.StringIO(listed.stdout))
    assert article["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert article["outlet"] == "'@SUM(1+1)"
    claims = ok(invoke(runner, "--db", hostile, "claims", "--format", "csv"))
    for row in csv.DictReader(io.StringIO(claims.stdout)):
        assert row["outlet"] == "'@SUM(1+1)"
        assert not any(v.startswith(("=", "+", "@")) for v in row.values())


def test_csv_keeps_numbers_as_numbers() -> None:
    rows = [{"value": -3, "score": -1.5, "text": "-3", "note": "-minus"}]
    (row,) = csv.DictReader(io.StringIO(render(rows, "csv")))
    assert row == {"value": "-3", "score": "-1.5", "text": "-3", "note": "'-minus"}


# --- --db after the command ------------------------------------------------------

DB_COMMANDS = [
    ["articles"],
    ["claims"],
    ["speakers"],
    ["figures", "troops"],
    ["disputes"],
    ["match", "North Korea sent troops"],
    ["links"],
    ["links", "--suggested"],
    ["show", "9"],
    ["link"],
]


@pytest.mark.parametrize("command", DB_COMMANDS, ids=" ".join)
def test_db_after_the_command(runner: CliRunner, seeded: str, command: list[str]) -> None:
    before = ok(invoke(runner, "--db", seeded, *command))
    after = ok(invoke(runner, *command, "--db", seeded))
    assert after.stdout == before.stdout
    assert after.stdout or command == ["link"]


def test_the_commands_db_wins(runner: CliRunner, seeded: str, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    ok(invoke(runner, "--db", other, "ingest", str(SEEDS / "000_fab20f877a324926.txt")))
    everything = ok(invoke(runner, "--db", other, "articles", "--db", seeded, "-f", "json"))
    one = ok(invoke(runner, "--db", seeded, "articles", "--db", other, "-f", "json"))
    assert len(json.loads(everything.stdout)) == 5
    assert len(json.loads(one.stdout)) == 1
    env = ok(invoke(runner, "articles", "-f", "json", "--db", other, env={"CLAIMTRACK_DB": seeded}))
    assert len(json.loads(env.stdout)) == 1


def test_db_after_a_sub_command(runner: CliRunner, seeded: str) -> None:
    link_id = json.loads(ok(invoke(runner, "--db", seeded, "links", "-f", "json")).stdout)[0]["id"]
    result = ok(invoke(runner, "links", "reject", str(link_id), "--db", seeded))
    assert result.stderr.startswith(f"link {link_id} rejected")
    merged = invoke(runner, "speakers", "split", "Volodymyr Zelenskiy", "Zelenskiy", "--db", seeded)
    assert "No such option" not in merged.output


@pytest.mark.parametrize("words", _command_paths(), ids=" ".join)
def test_help_is_conventional(words: list[str]) -> None:
    """TEXT, INTEGER and QUERY as click prints them; no Python types, no braces."""
    result = ok(CliRunner().invoke(app, [*words, "--help"], terminal_width=100))
    for python_type in ("<bool>", "<str>", "<int>", "<float", "<list[", "<table|"):
        assert python_type not in result.output, f"{words}: {python_type}"
    (usage,) = (line for line in result.output.splitlines() if "Usage:" in line)
    assert "{" not in usage


@pytest.mark.parametrize(
    "words",
    [
        words
        for words in _command_paths()
        if words != ["extract"]  # no database
    ],
    ids=" ".join,
)
def test_every_command_takes_db_once(words: list[str]) -> None:
    result = ok(CliRunner().invoke(app, [*words, "--help"], terminal_width=100))
    assert len(re.findall(r"^│\s+--db\s", result.output, re.M)) == 1


def test_help_names_arguments_in_capitals() -> None:
    figures = ok(CliRunner().invoke(app, ["figures", "--help"], terminal_width=100)).output
    assert re.search(r"Usage: \S+ figures \[OPTIONS\] QUERY\s*$", figures, re.M)
    assert re.search(r"QUERY\s+TEXT", figures)
    assert re.search(r"--format\s+-f\s+\[table\|json\|jsonl\|csv\]", figures)
    ingest = ok(CliRunner().invoke(app, ["ingest", "--help"], terminal_width=100)).output
    assert "[OPTIONS] PATHS..." in ingest
    assert re.search(r"--workers\s+INTEGER RANGE", ingest)
    links = ok(CliRunner().invoke(app, ["links", "--help"], terminal_width=100)).output
    assert re.search(r"--suggested\s+Only links", links)  # a flag has no type
    review = ok(CliRunner().invoke(app, ["review", "--help"], terminal_width=100)).output
    assert "[OPTIONS] [CLAIM_ID]" in review


def test_missing_argument_is_named_as_in_help(runner: CliRunner) -> None:
    result = invoke(runner, "figures")
    assert result.exit_code == 2
    assert "Missing argument 'QUERY'" in result.output


def test_shell_completion_is_offered(runner: CliRunner) -> None:
    top = ok(invoke(runner, "--help"))
    assert "--install-completion" in top.output
    assert "--show-completion" in top.output
    shown = invoke(runner, "--show-completion", "bash")
    assert shown.exit_code == 0
    assert "complete" in shown.output


# --- readable values and tables that fit -----------------------------------------


def test_show_prints_values_a_reader_expects(runner: CliRunner, seeded: str) -> None:
    listed = ok(invoke(runner, "--db", seeded, "claims", "--search", "1,500", "--format", "json"))
    claim_id = next(c["id"] for c in json.loads(listed.stdout) if c["attributed"] and not c["via"])
    result = ok(invoke(runner, "--db", seeded, "show", str(claim_id)))
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.split("\n\n")[0].splitlines()}
    for python in ("None", "[]", "{'", "'value'"):
        assert python not in result.stdout
    assert lines["figures"].split(None, 1)[1] == "1,500 troops"
    assert lines["via"].strip() == "via"
    assert lines["outlet"].strip() == "outlet"


def test_a_figure_reads_as_written() -> None:
    from claimtrack.cli.output import figure_text

    assert figure_text({"value": 3000.0, "unit": "troops", "approximate": True}) == (
        "3,000 troops (approx.)"
    )
    assert figure_text({"value": 2.5, "unit": None, "noun": "percent"}) == "2.5 percent"


def test_disputes_say_yes_or_no(runner: CliRunner, seeded: str) -> None:
    result = ok(invoke(runner, "--db", seeded, "disputes"))
    cells = [line.split()[2] for line in result.stdout.splitlines()[2:]]
    assert cells and set(cells) <= {"yes", "no"}


@pytest.mark.parametrize(
    "command",
    [
        ["claims"],
        ["disputes"],
        ["figures", "troops"],
        ["match", "North Korea sent troops"],
        ["links"],
        ["links", "--suggested"],
        ["speakers"],
        ["articles"],
    ],
    ids=" ".join,
)
def test_tables_fit_the_terminal(runner: CliRunner, seeded: str, command: list[str]) -> None:
    result = ok(invoke(runner, "--db", seeded, *command, env={"COLUMNS": "100"}))
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


def test_the_long_columns_give_way() -> None:
    rows = [{"id": 1, "speaker": "S" * 40, "cue": "said", "text": "word " * 30}]
    lines = render(rows, "table", ["id", "speaker", "cue", "text"], width=80).splitlines()
    assert max(len(line) for line in lines) == 80
    id_, speaker, cue = lines[2].split()[:3]
    assert (id_, cue) == ("1", "said")  # short columns are whole
    assert speaker.endswith("…") and len(speaker) < 40
    assert len(lines[2]) - lines[2].index("word") > len(speaker)  # text keeps most room


def test_json_and_csv_stay_complete(runner: CliRunner, seeded: str) -> None:
    wide = ok(invoke(runner, "--db", seeded, "claims", "-f", "json", env={"COLUMNS": "40"}))
    full = ok(invoke(runner, "--db", seeded, "claims", "-f", "json"))
    assert wide.stdout == full.stdout
    assert any(len(row["text"]) > 100 for row in json.loads(full.stdout))


# --- one option name for one idea --------------------------------------------------


@pytest.mark.parametrize("decision", ["confirm", "reject"])
def test_links_decisions_take_reviewer(runner: CliRunner, seeded: str, decision: str) -> None:
    suggested = json.loads(
        ok(invoke(runner, "--db", seeded, "links", "--suggested", "-f", "json")).stdout
    )
    first, second, third = (row["id"] for row in suggested[:3])
    done = ok(
        invoke(runner, "--db", seeded, "links", decision, str(first), "--reviewer", "A. Editor")
    )
    assert done.stderr.strip() == f"link {first} {decision}ed by A. Editor"
    old = ok(invoke(runner, "--db", seeded, "links", decision, str(second), "--by", "desk"))
    assert old.stderr.strip() == f"link {second} {decision}ed by desk"
    env = {"CLAIMTRACK_REVIEWER": "Night desk", "USER": "someone"}
    from_env = ok(invoke(runner, "--db", seeded, "links", decision, str(third), env=env))
    assert from_env.stderr.strip() == f"link {third} {decision}ed by Night desk"
    helped = ok(invoke(runner, "links", decision, "--help"))
    assert "--reviewer" in helped.output and "--by" not in helped.output


# --- ingest progress -----------------------------------------------------------------


def test_a_folder_of_plain_files_is_counted(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("one.txt", "two.md", "three.html", ".hidden.txt", "notes.csv"):
        (tmp_path / "a" / name).write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert expected_count([str(tmp_path / "a"), str(tmp_path / "empty"), "x.txt"]) == 5
    assert expected_count([str(SEEDS)]) == 5
    (tmp_path / "a" / "many.jsonl").write_text("{}", encoding="utf-8")
    assert expected_count([str(tmp_path / "a")]) is None
    assert expected_count(["-"]) is None


def test_progress_has_a_total_and_errors_print_above_it() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    failed = IngestResult(path="bad\x1b[2J.txt", status=IngestStatus.failed, error="bad.txt: gone")
    stored = IngestResult(path="good.txt", status=IngestStatus.stored, article_id=1, claims=2)
    with progress_lines(4, console) as report:
        report(failed)
        report(stored)
    text = out.getvalue()
    assert "/4" in text  # the bar knows the total
    assert "ETA" in text
    lines = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "\n").splitlines()
    assert "Error: bad.txt: gone" in lines  # a line of its own, not inside the bar
    assert "stored good.txt (2 claims)" in lines


# --- links a reviewer can decide in place ----------------------------------------------


def test_suggested_links_show_both_claims(runner: CliRunner, seeded: str) -> None:
    rows = json.loads(
        ok(invoke(runner, "--db", seeded, "links", "--suggested", "-f", "json")).stdout
    )
    claims = {
        c["id"]: c
        for c in json.loads(ok(invoke(runner, "--db", seeded, "claims", "-f", "json")).stdout)
    }
    table = ok(invoke(runner, "--db", seeded, "links", "--suggested", env={"COLUMNS": "100"}))
    blocks = table.stdout.split("\n\n")
    assert len(blocks) == len(rows)
    for row, block in zip(rows, blocks, strict=True):
        head, mine, other = block.splitlines()
        assert head.startswith(f"link {row['id']}  {row['relation']}")
        for line, claim_id in ((mine, row["claim_id"]), (other, row["other_id"])):
            claim = claims[claim_id]
            assert line.startswith(f"  claim {claim_id}  {claim['speaker']}: ")
            assert claim["text"][:20] in line
