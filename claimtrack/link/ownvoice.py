"""Links of the article's own voice: corroboration of one figure, suggested to a person.

A figure an outlet states in narration ("at least 24 people were killed") is
a claim of the outlet (extraction/narration.py).  Linked like any claim, such
claims joined similar events and made disputes of a game's fourteen
yardages (ECB+ dev: disputes mixing events 4% -> 12%).  So a pair with one of
them is linked only when both state the same figure of one quantity, never
confirmed without a person, and never drawn into a dispute (query/disputes.py
reads attributed claims only): it says which outlets report a number, no more.
"""

from __future__ import annotations

from dataclasses import replace

from claimtrack.link.compare import Features, Proposal
from claimtrack.link.quantities import same_number
from claimtrack.models import Relation

# The reason compare() gives when both claims state one figure of one quantity.
SAME_FIGURE = "same figure for"


def own_voice_link(proposal: Proposal | None) -> Proposal | None:
    """The proposal for a pair with an own-voice claim: same figure only, never confirmed."""
    if proposal is None or proposal.relation is not Relation.corroborates:
        return None
    if SAME_FIGURE not in proposal.reason:
        return None
    return replace(proposal, short=True)


def may_share_a_figure(a: Features, b: Features) -> bool:
    """Whether two claims state one number of a unit both count: the cheap test before
    comparing a pair with an own-voice claim (most pairs fail it)."""
    for unit, mine in a.units.items():
        theirs = b.units.get(unit)
        if theirs and any(same_number(x, y) for x in mine for y in theirs):
            return True
    return False
