"""Quality gate on GUM news: speaker resolution on real text with gold coreference.

The floors are in benchmarks/baseline.json ("gum", and "gum_ceilings" for the
share of pronoun claims left unresolved). The data sits beside the checkout
(../shared/data/gum-news); under CI a missing folder fails the gate instead of
skipping it, so a gate never passes by not running.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
gum = load_script("benchmarks/gum_speakers.py", "claimtrack_benchmarks_gum")
BASELINE = json.loads((ROOT / "benchmarks/baseline.json").read_text(encoding="utf-8"))


def _require(path: Path) -> None:
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: the quality gate cannot run")
        pytest.skip(f"{path} not available")


def test_gum_speaker_resolution_meets_baseline() -> None:
    _require(gum.DATA)
    _require(gum.SCORER)
    metrics = gum.score()
    assert metrics["pronoun_judged"] + metrics["name_judged"] > 50  # it really scored
    low = [
        f"{name} {metrics[name]:.3f} < {floor}"
        for name, floor in BASELINE["gum"].items()
        if metrics[name] < floor
    ]
    high = [
        f"{name} {metrics[name]:.3f} > {ceiling}"
        for name, ceiling in BASELINE["gum_ceilings"].items()
        if metrics[name] > ceiling
    ]
    assert not low and not high, "; ".join(low + high)


def test_the_summary_parser_reads_every_class() -> None:
    line = (
        "gum-speakers: claims 151 judged 145 | pronoun acc 0.76 (13/17) unresolved 6 | "
        "description acc 0.52 (12/23) unresolved 0 | name acc 0.96 (101/105) unresolved 0 "
        "| not judged 0"
    )
    metrics = gum.parse_summary(line)
    assert metrics["pronoun_accuracy"] == pytest.approx(13 / 17)
    assert metrics["pronoun_unresolved_share"] == pytest.approx(6 / 23)
    assert metrics["name_judged"] == 105
    with pytest.raises(ValueError):
        gum.parse_summary("gum-speakers: claims 0 judged 0 | not judged 0")
