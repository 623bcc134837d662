"""Grouping figures by value: the indexed grouping joins the same group as trying every one.

`evidence._group` looks only at groups whose head could be within 10% of a
figure; these tests compare it with the plain definition (the first group,
in order, whose head is `same_number`) on random values, signs and qualifiers.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from claimtrack.link.quantities import same_number
from claimtrack.models import Figure
from claimtrack.query.figures import FigureRow, _group


def _as_row(figure: Figure, claim_id: int) -> FigureRow:
    return (
        claim_id,
        1,
        1,
        "Health ministry",
        "ministry",
        None,
        None,
        figure.unit,
        figure.value,
        figure.approximate,
        figure.outcome,
    )


def _naive(entries: list[tuple[Figure, int]]) -> list[list[int]]:
    """Claim ids per group, by the definition: the first group whose head matches."""
    groups: list[list[tuple[Figure, int]]] = []
    for figure, claim in sorted(entries, key=lambda e: (e[0].unit or "", e[0].value)):
        for group in groups:
            head = group[0][0]
            if head.unit == figure.unit and same_number(head, figure):
                group.append((figure, claim))
                break
        else:
            groups.append([(figure, claim)])
    # A group lists each claim once, where it first carries the value.
    return [list(dict.fromkeys(claim_id for _, claim_id in group)) for group in groups]


values = st.one_of(
    st.integers(min_value=-5000, max_value=5000).map(float),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.sampled_from([0.0, 90.0, 100.0, 110.0, 111.0, -90.0, -100.0, 3000.0, 2700.0]),
)
figures = st.builds(
    lambda value, unit, approximate: Figure(
        value=value, unit=unit, text=str(value), approximate=approximate, start=0, end=1
    ),
    values,
    st.sampled_from([None, "troops", "people"]),
    st.booleans(),
)


@given(st.lists(figures, max_size=40))
def test_indexed_grouping_equals_trying_every_group(found: list[Figure]) -> None:
    # One claim per figure, so a group's claim ids say which figures joined it.
    entries = [(f, i) for i, f in enumerate(found, start=1)]
    got = [group.claim_ids for group in _group([_as_row(*e) for e in entries])]
    assert got == _naive(entries)


@given(st.lists(figures, max_size=40))
def test_a_claim_counting_a_value_twice_is_one_report(found: list[Figure]) -> None:
    # Two figures per claim: a group lists a claim once, in the order claims came.
    entries = [(f, i // 2) for i, f in enumerate(found, start=2)]
    groups = _group([_as_row(*e) for e in entries])
    assert [group.claim_ids for group in groups] == _naive(entries)
    assert all(group.reports == len(group.claim_ids) for group in groups)


def test_approximate_values_within_ten_percent_share_a_group() -> None:
    def fig(value: float, approximate: bool) -> tuple[Figure, int]:
        return (
            Figure(value=value, unit="troops", text="", approximate=approximate, start=0, end=1),
            1,
        )

    found = [fig(3000, False), fig(2800, True), fig(3300, True), fig(10000, False)]
    got = _group([_as_row(*e) for e in found])
    assert [(g.value, g.approximate) for g in got] == [(3000, True), (3300, True), (10000, False)]
