"""The speaker record the matching rules work on, and the match they return.

A record is a stored speaker as the rules see it, without the database: the
store reads one per candidate and ``resolve.choose`` picks among them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimtrack.models import Speaker, SpeakerKind
from claimtrack.speakers.names import name_key

# Kinds that are bodies, not people: they match each other, never a person.
ORG_KINDS = frozenset({SpeakerKind.organization, SpeakerKind.government, SpeakerKind.media})

# How strongly a match binds, strongest first; the store takes the strongest.
SAME_NAME = 5
KNOWN_ALIAS = 4
ACRONYM = 3
SPELLING = 2
DESCRIPTION = 1


@dataclass
class SpeakerRecord:
    """A stored speaker as the rules see it: its name, what it is, and every key it answers to."""

    id: int
    name: str
    kind: SpeakerKind
    country: str | None = None
    acronym: str | None = None
    keys: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, speaker: Speaker, record_id: int = 0) -> SpeakerRecord:
        """The record a speaker would become on its own (name and aliases as keys)."""
        keys = {name_key(speaker.name), *(name_key(a) for a in speaker.aliases)}
        if speaker.acronym:
            keys.add(name_key(speaker.acronym))
        keys.discard("")
        return cls(
            id=record_id,
            name=speaker.name,
            kind=speaker.kind,
            country=speaker.country,
            acronym=speaker.acronym,
            keys=keys,
        )


@dataclass(frozen=True)
class RecordMatch:
    """Why a new speaker is an existing record, and how strongly."""

    record: SpeakerRecord
    reason: str
    strength: int
    score: float = 100.0
