"""The rating scale of verdicts, as data: `review --help` lists it without loading the models."""

from __future__ import annotations

from typing import NamedTuple


class Step(NamedTuple):
    """One step of the scale; query.reviews.RATINGS holds them as `Rating` models."""

    name: str
    label: str
    value: int
    aliases: tuple[str, ...]
    meaning: str


# The scale most US and European fact-checkers publish (PolitiFact's Truth-O-Meter
# without "pants on fire", plus "misleading" as Full Fact and AFP use it), worst
# to best. ClaimReview needs numbers where higher is truer, so false is 1 and true
# 6; "unproven" is not a point on that line and gets -1, the value publishers use
# for ratings off the scale.
SCALE: tuple[Step, ...] = (
    Step(
        "false",
        "False",
        1,
        ("incorrect", "wrong", "fake"),
        "The statement is not accurate.",
    ),
    Step(
        "mostly false",
        "Mostly false",
        2,
        (),
        "An element of truth, but the main point is wrong.",
    ),
    Step(
        "misleading",
        "Misleading",
        3,
        ("missing context", "out of context"),
        "Accurate in parts, but gives a false impression.",
    ),
    Step(
        "half true",
        "Half true",
        4,
        ("mixed", "partly true", "partly false"),
        "Partially accurate; leaves out important details.",
    ),
    Step(
        "mostly true",
        "Mostly true",
        5,
        (),
        "Accurate, but needs clarification or additional information.",
    ),
    Step(
        "true",
        "True",
        6,
        ("correct", "accurate"),
        "Accurate; nothing significant is missing.",
    ),
    Step(
        "unproven",
        "Unproven",
        -1,
        ("unverifiable", "unverified", "unsupported", "no evidence"),
        "The evidence available neither proves nor disproves it.",
    ),
)
