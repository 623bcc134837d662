"""Link quality may only go up: floors in benchmarks/baseline.json ("links")."""

from __future__ import annotations

import json
from pathlib import Path

from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def test_link_quality_meets_baseline() -> None:
    floors = json.loads((ROOT / "benchmarks/baseline.json").read_text(encoding="utf-8"))["links"]
    scorer = load_script("benchmarks/link_quality.py", "claimtrack_benchmarks_link_quality")
    report = scorer.score(ROOT / "benchmarks" / "links")
    views = {"confirmed": "confirmed", "suggested": "confirmed+suggested"}
    problems = []
    for name, floor in floors.items():
        view, relation, metric = name.split(".")
        value = report["views"][views[view]][relation][metric]
        if value < floor:
            problems.append(f"{name} = {value:.3f} < {floor}")
    assert not problems, "below baseline: " + "; ".join(problems)
