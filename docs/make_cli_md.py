"""Generate docs/CLI.md from the CLI itself, so the reference cannot drift.

Every command's ``--help`` is captured, and the examples are real runs on the
bundled seed articles in a temporary database.  ``tests/test_docs.py`` fails
when the committed file differs from what this prints.

    python docs/make_cli_md.py > docs/CLI.md
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from claimtrack.cli.main import app

ROOT = Path(__file__).resolve().parent.parent

# (heading, command line, lines of output to keep)
EXAMPLES: list[tuple[str, str, int]] = [
    ("Ingest the seed articles", "claimtrack ingest seeds/", 12),
    ("Re-ingesting is a no-op", "claimtrack ingest seeds/000_fab20f877a324926.txt", 4),
    ("List the articles", "claimtrack articles", 12),
    ("Claims about troops", "claimtrack claims --search troops", 20),
    ("One speaker, as JSON", "claimtrack claims --speaker Zinoviev --format json", 60),
    ("Speakers and their aliases", "claimtrack speakers --format csv", 16),
    (
        "Correct the speaker index",
        "claimtrack speakers split 'Volodymyr Zelenskiy' 'Volodymyr Zelenskyy'",
        6,
    ),
    (
        "… and undo it",
        "claimtrack speakers merge 'Volodymyr Zelenskiy' 'Volodymyr Zelenskyy'",
        6,
    ),
    (
        "Claims of one file without a database",
        "claimtrack extract seeds/000_fab20f877a324926.txt",
        14,
    ),
    ("Which sources back which figure", "claimtrack figures troops", 8),
    ("The same, as JSON", "claimtrack figures troops --format json", 40),
    ("Disputes, most significant first", "claimtrack disputes", 10),
    (
        "What the database says about a statement",
        'claimtrack match "North Korea sent 1,500 special forces to Russia"',
        14,
    ),
    ("Links waiting for a person", "claimtrack links --suggested", 8),
    ("Confirm or reject a link", "claimtrack links reject 1 --reviewer desk", 3),
    ("One claim with its links", "claimtrack show 9", 30),
    ("A bad input", "claimtrack ingest docs/does-not-exist.txt", 4),
    (
        "Record a verdict on a claim",
        "claimtrack review 9 --rating 'mostly true' --reviewer 'A. Editor' "
        "--note 'Matches the agency briefing' --evidence https://example.org/briefing",
        3,
    ),
    (
        "A new verdict adds to the history",
        "claimtrack review 9 --rating unproven --reviewer 'B. Checker' --note 'Briefing withdrawn'",
        3,
    ),
    (
        "A verdict on a whole dispute",
        "claimtrack review --dispute 9 --rating unproven --reviewer 'Fact desk'",
        3,
    ),
    ("A bad rating changes nothing", "claimtrack review 9 --rating maybe", 3),
    ("The history of verdicts", "claimtrack reviews", 8),
]

# Reports: (heading, command line, first line shown (a substring), lines shown).
REPORT_EXAMPLES: list[tuple[str, str, str, int]] = [
    ("Markdown (the default), readable as is on GitHub", "claimtrack report", "", 40),
    (
        "HTML: one self-contained page (a figure dispute with its chart)",
        "claimtrack report --format html",
        '<article class="dispute"',
        30,
    ),
    ("JSON: one object (schemas/report.schema.json)", "claimtrack report --format json", "", 40),
    ("CSV: one row per claim", "claimtrack report --format csv --topic troops", "", 4),
    (
        "ClaimReview JSON-LD of the reviewed claims",
        "claimtrack report --format claimreview --org-name 'Example Fact Desk' "
        "--org-url https://factdesk.example/checks",
        "",
        45,
    ),
    ("Write a file", "claimtrack report --format html -o $TMP/report.html", "", 3),
]
# Verdicts carry the time they were recorded; the examples pin it so the file is stable.
FIXED_NOW = "2024-11-01T09:30:00+00:00"


def _run(runner: CliRunner, line: str, db: str) -> tuple[str, int]:
    args = shlex.split(line)[1:]
    result = runner.invoke(app, ["--db", db, *args], catch_exceptions=False)
    return result.output, result.exit_code


def _help_sections(runner: CliRunner) -> list[str]:
    command = get_command(app)
    names = sorted(getattr(command, "commands", {}))
    out = []
    top = runner.invoke(app, ["--help"], terminal_width=100)
    out.append("## `claimtrack --help`\n\n```\n" + _clean(top.output) + "```\n")
    for name in names:
        result = runner.invoke(app, [name, "--help"], terminal_width=100)
        out.append(f"## `claimtrack {name}`\n\n```\n" + _clean(result.output) + "```\n")
    return out


def _clean(text: str) -> str:
    """Strip trailing spaces and temporary paths so the file is stable."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    return text if text.endswith("\n") else text + "\n"


def build() -> str:
    import claimtrack.query.reviews

    os.chdir(ROOT)
    real_now = claimtrack.query.reviews._now
    claimtrack.query.reviews._now = lambda: FIXED_NOW
    try:
        return _build()
    finally:
        claimtrack.query.reviews._now = real_now


def _build() -> str:
    runner = CliRunner(env={"CLAIMTRACK_DB": "", "COLUMNS": "100", "NO_COLOR": "1"})
    parts = [
        "# claimtrack command line\n",
        "Generated by `python docs/make_cli_md.py > docs/CLI.md` (`make docs`); "
        "a test fails when it drifts. The examples are real runs on the bundled "
        "seed articles in a fresh SQLite database.\n",
        "Every listing takes `--format table|json|jsonl|csv` (table by default). "
        "`json` prints one JSON array on stdout and nothing else; diagnostics and "
        "progress go to stderr. Tables fit the terminal's width (or `COLUMNS`); the "
        "other formats carry every field in full. The database comes from `--db` "
        "(before or after the command) or `CLAIMTRACK_DB` "
        "(default `claimtrack.db` in the working directory): a path means SQLite, "
        "and `sqlite:///…` or `postgresql://…` URLs are accepted.\n",
        "## Examples\n",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "docs.db")
        for heading, line, keep in EXAMPLES:
            output, code = _run(runner, line, db)
            lines = output.rstrip("\n").splitlines()
            shown = lines[:keep]
            if len(lines) > keep:
                shown.append(f"… ({len(lines) - keep} more lines)")
            body = "\n".join(shown).replace(tmp, "$TMP")
            exit_note = f"\n# exit code {code}" if code else ""
            parts.append(f"### {heading}\n\n```console\n$ {line}\n{body}{exit_note}\n```\n")
        parts.append("## Reports\n")
        parts.append(
            "`claimtrack report` renders one report in five formats; these excerpts are real "
            "runs on the database above, with the verdicts recorded there.\n"
        )
        for heading, line, first, keep in REPORT_EXAMPLES:
            output, code = _run(runner, line.replace("$TMP", tmp), db)
            lines = output.rstrip("\n").splitlines()
            start = next((n for n, text in enumerate(lines) if first in text), 0)
            shown = lines[start : start + keep]
            if start:
                shown.insert(0, f"… ({start} lines before)")
            if len(lines) > start + keep:
                shown.append(f"… ({len(lines) - start - keep} more lines)")
            body = "\n".join(shown).replace(tmp, "$TMP")
            exit_note = f"\n# exit code {code}" if code else ""
            parts.append(f"### {heading}\n\n```console\n$ {line}\n{body}{exit_note}\n```\n")
    parts.append("# Reference\n")
    parts.extend(_help_sections(runner))
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(build())
