"""Link quality may only go up: floors in benchmarks/baseline.json ("links")."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    path = ROOT / "benchmarks" / "link_quality.py"
    spec = importlib.util.spec_from_file_location("claimtrack_benchmarks_link_quality", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_link_quality_meets_baseline() -> None:
    floors = json.loads((ROOT / "benchmarks/baseline.json").read_text(encoding="utf-8"))["links"]
    report = _load().score(ROOT / "benchmarks" / "links")
    views = {"confirmed": "confirmed", "suggested": "confirmed+suggested"}
    problems = []
    for name, floor in floors.items():
        view, relation, metric = name.split(".")
        value = report["views"][views[view]][relation][metric]
        if value < floor:
            problems.append(f"{name} = {value:.3f} < {floor}")
    assert not problems, "below baseline: " + "; ".join(problems)
