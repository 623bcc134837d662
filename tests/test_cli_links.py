"""The linking commands through CliRunner: link, links, confirm/reject, figures, disputes,
match and show; their output formats and their errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from claimtrack.cli.main import app
from tests.test_cli import CLAIM_KEYS  # the claim contract, defined once

# The documented fields of each object these commands print (the models in models.py).
LINK_KEYS = {"id", "claim_id", "other_id", "relation", "score", "reason", "status", "decided_by"}
FIGURE_GROUP_KEYS = {
    "event_id",
    "event",
    "value",
    "unit",
    "quantity",
    "approximate",
    "label",
    "claim_ids",
    "speakers",
    "articles",
    "outlets",
    "independent_sources",
    "reports",
    "dates",
}
DISPUTE_KEYS = {
    "id",
    "key",
    "topic",
    "kind",
    "positions",
    "significance",
    "confirmed",
    "both_sides",
}
POSITION_KEYS = {
    "label",
    "claim_ids",
    "speakers",
    "articles",
    "outlets",
    "independent_sources",
    "reports",
}
MATCH_KEYS = {"claim", "score", "relation", "reason"}

# Written for these tests in wire-copy style, as markdown with front matter.
REPORTS = {
    "wire": """\
---
title: Dam burst floods villages in northern Bolivia
outlet: Andes Wire
published: 2024-05-07
---

Rescue teams worked through the night after the Rio Seco dam gave way on Monday.

The National Emergency Agency said on Tuesday that 42 deaths had been confirmed in the flood \
after the Rio Seco dam burst in northern Bolivia.
""",
    "courier": """\
---
title: Families search for missing as flood waters recede
outlet: La Paz Courier
published: 2024-05-07
---

Families gathered outside the regional hospital in Trinidad on Tuesday.

About 42 deaths had been confirmed in the flood after the Rio Seco dam burst, the National \
Emergency Agency said.
""",
    "post": """\
---
title: Doctors put flood toll higher than agency count
outlet: Valley Post
published: 2024-05-08
---

Doctors in the Beni valley have kept their own count since the water came down.

The Valley Doctors Association said on Wednesday that 60 deaths had been confirmed in the \
flood after the Rio Seco dam burst.

The Ministry of Public Works denied that the Rio Seco dam burst had caused any deaths in the \
flood.
""",
    "relief": """\
---
title: Dam failure confirmed
outlet: Relief Web
published: 2024-05-09
---

The Red Cross said the Rio Seco dam had burst.
""",
}

RESTATEMENT = "42 deaths were confirmed in the flood after the Rio Seco dam burst"
COMMANDS = [
    ["links"],
    ["figures", "deaths"],
    ["disputes"],
    ["match", RESTATEMENT],
]


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture
def linked(runner: CliRunner, db_url: str, tmp_path: Path) -> str:
    """db_url after ingesting (and so linking) the four reports."""
    paths = []
    for name, text in REPORTS.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result = invoke(runner, "--db", db_url, "ingest", *paths)
    assert result.exit_code == 0, result.output
    return db_url


def as_json(runner: CliRunner, db_url: str, *args: str) -> list[dict[str, Any]]:
    result = invoke(runner, "--db", db_url, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def claim_id(runner: CliRunner, db_url: str, search: str) -> int:
    (found,) = as_json(runner, db_url, "claims", "--search", search)
    return int(found["id"])


def pair(link: dict[str, Any]) -> frozenset[int]:
    return frozenset((link["claim_id"], link["other_id"]))


# --- json output and its keys ---


def test_links_json(runner: CliRunner, linked: str) -> None:
    links = as_json(runner, linked, "links")
    assert links
    for link in links:
        assert set(link) == LINK_KEYS
        assert link["status"] in ("confirmed", "suggested")
        assert link["relation"] in ("corroborates", "contradicts", "related")
    agency = claim_id(
        runner, linked, "42 deaths had been confirmed in the flood after the Rio Seco dam burst in"
    )
    doctors = claim_id(runner, linked, "60 deaths")
    (toll,) = [x for x in links if pair(x) == {agency, doctors}]
    assert toll["relation"] == "contradicts"
    assert toll["reason"] in {
        "figures differ: 42 vs 60 people killed",
        "figures differ: 60 vs 42 people killed",
    }
    assert [x["score"] for x in links] == sorted((x["score"] for x in links), reverse=True)


def test_links_of_one_claim(runner: CliRunner, linked: str) -> None:
    doctors = claim_id(runner, linked, "60 deaths")
    links = as_json(runner, linked, "links", "--claim", str(doctors))
    assert links
    assert all(x["claim_id"] == doctors for x in links)
    everything = as_json(runner, linked, "links")
    assert {x["id"] for x in links} == {x["id"] for x in everything if doctors in pair(x)}


def test_suggested_links_wait_for_a_person(runner: CliRunner, linked: str) -> None:
    suggested = as_json(runner, linked, "links", "--suggested")
    assert suggested  # the Red Cross's short "the dam had burst" is never confirmed alone
    assert all(x["status"] == "suggested" and x["decided_by"] is None for x in suggested)
    red_cross = claim_id(runner, linked, "the Rio Seco dam had burst")
    assert any(red_cross in pair(x) for x in suggested)
    assert as_json(runner, linked, "links", "--rejected") == []


def test_figures_json(runner: CliRunner, linked: str) -> None:
    groups = as_json(runner, linked, "figures", "deaths")
    assert all(set(g) == FIGURE_GROUP_KEYS for g in groups)
    assert [(g["label"], g["reports"], g["independent_sources"]) for g in groups] == [
        ("approximately 42", 2, 1),
        ("60", 1, 1),
    ]
    assert sorted(groups[0]["outlets"]) == ["Andes Wire", "La Paz Courier"]
    assert groups[0]["speakers"] == ["National Emergency Agency"]


def test_disputes_json(runner: CliRunner, linked: str) -> None:
    disputes = as_json(runner, linked, "disputes")
    assert disputes
    for dispute in disputes:
        assert set(dispute) == DISPUTE_KEYS
        assert len(dispute["positions"]) >= 2
        assert all(set(p) == POSITION_KEYS for p in dispute["positions"])
    toll = disputes[0]
    assert toll["kind"] == "figure"
    assert [p["label"] for p in toll["positions"]] == ["approximately 42", "60", "denies"]
    denial = claim_id(runner, linked, "caused any deaths")
    assert toll["positions"][-1]["claim_ids"] == [denial]
    assert as_json(runner, linked, "disputes", "--topic", "interest rates") == []


def test_match_json(runner: CliRunner, linked: str) -> None:
    matches = as_json(runner, linked, "match", RESTATEMENT)
    assert matches
    for found in matches:
        assert set(found) == MATCH_KEYS
        assert set(found["claim"]) == CLAIM_KEYS
    relations = {m["claim"]["id"]: m["relation"] for m in matches}
    assert relations[claim_id(runner, linked, "About 42 deaths")] == "corroborates"
    assert relations[claim_id(runner, linked, "caused any deaths")] == "contradicts"
    assert as_json(runner, linked, "match", "The central bank will raise rates in June.") == []


def test_show_json(runner: CliRunner, linked: str) -> None:
    denial = claim_id(runner, linked, "caused any deaths")
    (shown,) = as_json(runner, linked, "show", str(denial))
    assert set(shown) == {"claim", "links"}
    assert set(shown["claim"]) == CLAIM_KEYS
    assert shown["claim"]["id"] == denial
    assert shown["claim"]["stance"] == "deny"
    assert shown["links"]
    for link in shown["links"]:
        assert set(link) == LINK_KEYS
        assert link["claim_id"] == denial  # seen from the claim shown


def test_show_table_has_provenance_and_links(runner: CliRunner, linked: str) -> None:
    denial = claim_id(runner, linked, "caused any deaths")
    result = invoke(runner, "--db", linked, "show", str(denial))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", str(denial)]
    assert any(line.startswith("sentence") and "Ministry of Public Works" in line for line in lines)
    assert "id  claim_id  other_id  relation" in result.stdout


# --- every format ---


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_jsonl_and_csv_carry_the_json_rows(
    runner: CliRunner, linked: str, command: list[str]
) -> None:
    rows = as_json(runner, linked, *command)
    assert rows
    jsonl = invoke(runner, "--db", linked, *command, "--format", "jsonl")
    assert jsonl.exit_code == 0, jsonl.output
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == rows
    table = invoke(runner, "--db", linked, *command, "--format", "csv")
    assert table.exit_code == 0, table.output
    parsed = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(parsed) == len(rows)
    assert list(parsed[0]) == list(rows[0])


@pytest.mark.parametrize(
    ("command", "header"),
    [
        (
            ["figures", "deaths"],
            ["label", "quantity", "independent_sources", "reports", "speakers", "articles"],
        ),
        (["disputes"], ["id", "kind", "confirmed", "topic", "positions"]),
        (["match", RESTATEMENT], ["score", "relation", "id", "speaker", "outlet", "text"]),
    ],
    ids=lambda c: c[0] if isinstance(c[0], str) else None,
)
def test_table_columns(
    runner: CliRunner, linked: str, command: list[str], header: list[str]
) -> None:
    result = invoke(runner, "--db", linked, *command)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == header
    assert len(lines) == 2 + len(as_json(runner, linked, *command))


def test_empty_database_prints_empty_listings(runner: CliRunner, db_url: str) -> None:
    from claimtrack.store.database import open_store

    open_store(db_url).close()  # exists and is empty: only ingest creates one
    for command in COMMANDS:
        assert as_json(runner, db_url, *command) == []
    result = invoke(runner, "--db", db_url, "links", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().split(",") == [
        "id",
        "claim_id",
        "other_id",
        "relation",
        "score",
        "reason",
        "status",
        "decided_by",
    ]


# --- link, confirm, reject ---


def test_link_rebuilds_and_reports_on_stderr(runner: CliRunner, linked: str) -> None:
    before = {pair(x): (x["relation"], x["score"]) for x in as_json(runner, linked, "links")}
    result = invoke(runner, "--db", linked, "link")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == f"{len(before)} links"
    after = {pair(x): (x["relation"], x["score"]) for x in as_json(runner, linked, "links")}
    # Same pairs and relations; scores may move a little, because term rarity
    # is measured over what was stored when each article was linked.
    assert after.keys() == before.keys()
    for key, (relation, score) in after.items():
        assert relation == before[key][0]
        assert abs(score - before[key][1]) <= 1.0


def test_confirm_and_reject_are_kept(runner: CliRunner, linked: str) -> None:
    suggested = as_json(runner, linked, "links", "--suggested")
    confirmed_id, rejected_id = suggested[0]["id"], suggested[1]["id"]

    result = invoke(runner, "--db", linked, "links", "confirm", str(confirmed_id), "--by", "desk")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == f"link {confirmed_id} confirmed by desk"

    result = invoke(runner, "--db", linked, "links", "reject", str(rejected_id), "--by", "desk")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"link {rejected_id} rejected by desk"

    assert invoke(runner, "--db", linked, "link").exit_code == 0
    everything = {x["id"]: x for x in as_json(runner, linked, "links")}
    assert everything[confirmed_id]["status"] == "confirmed"
    assert everything[confirmed_id]["decided_by"] == "desk"
    assert rejected_id not in everything
    (rejected,) = as_json(runner, linked, "links", "--rejected")
    assert (rejected["id"], rejected["decided_by"]) == (rejected_id, "desk")
    assert rejected_id not in {x["id"] for x in as_json(runner, linked, "links", "--suggested")}


def test_reject_without_by_names_the_user(
    runner: CliRunner, linked: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "night-desk")
    link_id = as_json(runner, linked, "links")[0]["id"]
    result = invoke(runner, "--db", linked, "links", "reject", str(link_id))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"link {link_id} rejected by night-desk"


# --- errors ---


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["links", "confirm", "9999", "--by", "desk"], "Error: no link with id 9999"),
        (["links", "reject", "9999"], "Error: no link with id 9999"),
        (["show", "9999"], "Error: no claim with id 9999"),
    ],
)
def test_unknown_ids_are_one_line_errors(
    runner: CliRunner, linked: str, args: list[str], message: str
) -> None:
    before = as_json(runner, linked, "links")
    result = invoke(runner, "--db", linked, *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message + "\n"
    assert "Traceback" not in result.output
    assert as_json(runner, linked, "links") == before


@pytest.mark.parametrize("command", [["links", "confirm"], ["links", "reject"], ["show"]])
def test_an_id_beyond_the_id_column_is_a_one_line_error(
    runner: CliRunner, linked: str, command: list[str], request: pytest.FixtureRequest
) -> None:
    result = invoke(runner, "--db", linked, *command, "99999999999")
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ")
    assert "Traceback" not in result.output


def test_a_link_id_must_be_a_number(runner: CliRunner, linked: str) -> None:
    result = invoke(runner, "--db", linked, "links", "confirm", "twelve")
    assert result.exit_code == 2
