"""The committed JSON Schemas must match the pydantic models they describe."""

from __future__ import annotations

import json
from pathlib import Path

from claimtrack.schemas import HAND_WRITTEN, generate

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_committed_schemas_match_models() -> None:
    expected = generate()
    committed = {
        p.name: p.read_text(encoding="utf-8")
        for p in SCHEMAS.glob("*.schema.json")
        if p.name not in HAND_WRITTEN
    }
    assert sorted(committed) == sorted(expected), "run: python -m claimtrack.schemas schemas"
    for name, text in expected.items():
        assert committed[name] == text, f"{name} drifted; run: python -m claimtrack.schemas schemas"


def test_claim_schema_names_the_contract_fields() -> None:
    schema = json.loads(generate()["claim.schema.json"])
    required_contract = {
        "id",
        "article_id",
        "outlet",
        "speaker",
        "speaker_id",
        "speaker_mention",
        "cue",
        "via",
        "text",
        "sentence",
        "start",
        "end",
        "quote",
        "stance",
        "hedges",
        "figures",
    }
    assert required_contract <= set(schema["properties"])
    assert set(schema["properties"]["stance"]["$ref"].split("/")[-1:]) == {"Stance"}
