"""benchmarks/grow_profile.py's --parts timers: they time the ingest, then leave no trace."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import Linker
from claimtrack.store.database import Store, open_store
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def test_timed_parts_times_speakers_and_linking_then_puts_the_methods_back(
    tmp_path: Path,
) -> None:
    grow = load_script("benchmarks/grow_profile.py", "claimtrack_benchmarks_grow_profile")
    originals = (Store._resolve_speakers, Linker._link, Linker.flush)
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    spent: defaultdict[str, float] = defaultdict(float)
    with open_store(f"sqlite:///{tmp_path / 'grow.db'}") as store, grow.timed_parts(spent):
        results = ingest(store, seeds)
    assert all(r.status.value == "stored" for r in results)
    labels = [label for _, _, label in grow.PARTS]
    assert set(spent) == set(labels)
    assert all(spent[label] > 0 for label in labels)
    assert (Store._resolve_speakers, Linker._link, Linker.flush) == originals
