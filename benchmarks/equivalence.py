"""Does a change keep every output? Hashes of what the CLI prints for one corpus.

Ingests a folder into a fresh SQLite database through the command line (so the
check does not depend on how the package is laid out inside), then prints one
SHA-256 per output: articles, claims, speakers, links (all and suggested),
disputes, figure groups for the units the corpus counts most and the JSON
report. Run it on two checkouts and compare; ``--dump DIR`` also writes each
output, so a difference can be read with ``diff``.

    python benchmarks/equivalence.py seeds --out /tmp/seeds-new.json
    python benchmarks/equivalence.py ../shared/data/polnear/dev/text --out new.json --dump /tmp/new
    python benchmarks/equivalence.py /tmp/corpus5k --workers 2 --out 5k.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIGURE_UNITS = 6  # figure groups for this many of the most counted units
VOLATILE = {"generated", "generated_at", "created_at", "ingested_at", "linked_at", "decided_at"}


def _run(db: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", db, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimtrack {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def _stable(value: Any) -> Any:
    """The value without fields that record when something ran."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _json_lines(text: str) -> list[Any]:
    return [_stable(json.loads(line)) for line in text.splitlines() if line.strip()]


def outputs(corpus: str, workers: int) -> dict[str, str]:
    """Each output as canonical JSON text, keyed by a short name."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "eq.db")
        _run(db, "ingest", "--workers", str(workers), corpus)
        found: dict[str, Any] = {}
        for name in ("articles", "claims", "speakers"):
            found[name] = _json_lines(_run(db, name, "--format", "jsonl"))
        found["links"] = _json_lines(_run(db, "links", "--format", "jsonl"))
        found["links-suggested"] = _json_lines(
            _run(db, "links", "--suggested", "--format", "jsonl")
        )
        found["disputes"] = _stable(json.loads(_run(db, "disputes", "--format", "json")))
        units: Counter[str] = Counter(
            figure["unit"]
            for claim in found["claims"]
            for figure in claim.get("figures", [])
            if figure.get("unit")
        )
        for unit, _ in sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:FIGURE_UNITS]:
            found[f"figures {unit}"] = _stable(
                json.loads(_run(db, "figures", unit, "--format", "json"))
            )
        found["report"] = _stable(json.loads(_run(db, "report", "--format", "json")))
    return {name: json.dumps(value, sort_keys=True, indent=1) for name, value in found.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="folder or file to ingest")
    parser.add_argument("--out", required=True, help="write the hashes here as JSON")
    parser.add_argument("--dump", help="also write each output to this folder")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    texts = outputs(args.corpus, args.workers)
    hashes = {name: hashlib.sha256(text.encode()).hexdigest() for name, text in texts.items()}
    Path(args.out).write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")
    if args.dump:
        folder = Path(args.dump)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (folder / f"{name.replace(' ', '_')}.json").write_text(text)
    print(json.dumps(hashes, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
