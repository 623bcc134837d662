"""`figures` of a unit alone reads the claim_figure table; it must say what the claims say.

The table copies each claim's speaker record, so these tests compare it with
the groups built from the claims themselves after ingest, a merge and a split,
on both backends.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from claimtrack.collector import YOUNG_GC_THRESHOLD
from claimtrack.ingest.pipeline import ingest
from claimtrack.link.compare import claim_terms
from claimtrack.link.linker import Linker
from claimtrack.models import Claim, FigureGroup, Stance
from claimtrack.query import figures as evidence
from claimtrack.query.figures import figures, group_claims, query_units
from claimtrack.store.database import Store

CORPUS = {
    "a.txt": """Flood waters force evacuations in the north

LISK, May 2 — Health Minister Ana Duarte said on Monday that 1,200 people had been evacuated \
from the river towns.

The regional fire service said about 300 people were still in shelters.
""",
    "b.txt": """Evacuations widen as river rises

LISK, May 3 — Duarte said about 1,200 people had left their homes since the weekend.

Duarte told reporters that 40 people had been treated for injuries.
""",
    "c.txt": """Officials dispute flood toll

LISK, May 4 — The regional fire service denied that 3,000 people had been moved.

Minister Ana Duarte said some 1,250 people had been evacuated.
""",
}


def _ingest(store: Store, folder: Path) -> None:
    paths = []
    for name, body in CORPUS.items():
        path = folder / name
        path.write_text(body, encoding="utf-8")
        paths.append(str(path))
    ingest(store, paths)


def _from_claims(store: Store, unit: str, claims: list[Claim] | None = None) -> list[FigureGroup]:
    """The groups as the claims themselves give them (the definition), by event."""
    dates = {a.id: a.published for a in store.articles() if a.published}
    entries = [
        (figure, claim)
        for claim in (store.claims() if claims is None else claims)
        if claim.stance is not Stance.deny
        for figure in claim.figures
        if figure.unit == unit
    ]
    return group_claims(entries, dates, Linker(store))


def test_unit_alone_equals_the_claims(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    found = figures(Linker(store), "people")
    assert found == _from_claims(store, "people")
    # Not vacuous: 1,200 and about 1,200 (and some 1,250) are one group, backed twice
    # or more; the denied 3,000 is left out.
    values = {g.value: g for g in found}
    assert 3000 not in values
    assert values[1200].reports >= 2


@pytest.mark.parametrize("query", ["people homes", "people shelters", "people river towns"])
def test_a_unit_and_a_term_equals_the_claims_that_carry_both(
    store: Store, tmp_path: Path, query: str
) -> None:
    _ingest(store, tmp_path)
    linker = Linker(store)
    found = figures(linker, query)
    rest = query_units(query)[1]
    claims = store.claims()
    # The definition: claims counting people that carry one of the query's other terms.
    carrying = [c for c in claims if claim_terms(c) & rest]
    assert found == _from_claims(store, "people", carrying)
    # Not vacuous: the term leaves out some claims that count people.
    assert (
        0
        < sum(len(g.claim_ids) for g in found)
        < sum(len(g.claim_ids) for g in _from_claims(store, "people", claims))
    )


def test_merge_and_split_move_the_figures_too(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    speakers = {s.name: s for s in store.speakers()}
    duarte = next(s for name, s in speakers.items() if "Duarte" in name)
    fire = next(s for name, s in speakers.items() if "fire" in name.lower())
    store.merge_speakers(duarte.id, fire.id)
    merged = figures(Linker(store), "people")
    assert merged == _from_claims(store, "people")
    # After the merge, every backer of 300 people is Duarte's record.
    [three_hundred] = [g for g in merged if g.value == 300]
    assert three_hundred.speakers == [duarte.name]
    store.split_speaker(duarte.id, fire.name)
    split = figures(Linker(store), "people")
    assert split == _from_claims(store, "people")
    [three_hundred] = [g for g in split if g.value == 300]
    assert three_hundred.speakers != [duarte.name]


def test_the_collector_runs_less_often_only_while_grouping(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(store, tmp_path)
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    group = evidence._group

    def watched(
        rows: list[evidence.FigureRow],
        names: dict[int, str],
        ordered: bool = False,
        events: Any = None,
    ) -> list[FigureGroup]:
        seen.append(gc.get_threshold())
        return group(rows, names, ordered, events)

    monkeypatch.setattr(evidence, "_group", watched)
    assert figures(Linker(store), "people")
    assert [t[0] for t in seen] == [max(YOUNG_GC_THRESHOLD, before[0])]
    assert gc.get_threshold() == before
