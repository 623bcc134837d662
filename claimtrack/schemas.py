"""JSON Schemas of the public models, written to ``schemas/`` for consumers.

Generated, never hand-edited: ``python -m claimtrack.schemas schemas`` rewrites
them and ``tests/test_schemas.py`` fails when the files drift from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from claimtrack.models import (
    Article,
    ArticleSummary,
    Assignment,
    Claim,
    Extraction,
    Figure,
    IngestResult,
    Review,
    SpeakerSummary,
)
from claimtrack.report.models import Report

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "article_summary": ArticleSummary,
    "assignment": Assignment,
    "claim": Claim,
    "extraction": Extraction,
    "figure": Figure,
    "ingest_result": IngestResult,
    "speaker_summary": SpeakerSummary,
    "report": Report,
    "review": Review,
}

# Written by hand, not generated: schemas of formats other projects define
# (ClaimReview is schema.org's and Google's). tests/test_schemas.py skips them.
HAND_WRITTEN = frozenset({"claimreview.schema.json"})


def generate() -> dict[str, str]:
    """File name -> schema text, stable across runs so diffs show real changes."""
    out: dict[str, str] = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://claimtrack.invalid/schemas/{name}.schema.json"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in generate().items():
        path = directory / filename
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - exercised by `make schemas`
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(path)
