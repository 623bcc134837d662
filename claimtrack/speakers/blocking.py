"""Blocking keys: how the store finds a new speaker's candidate records without a scan.

A record is filed in the speaker_token table under ``index_keys``; a new
speaker looks up ``search_keys``. Every record the rules could match shares a
key with it, so ``resolve.choose`` sees every candidate it needs.
"""

from __future__ import annotations

from claimtrack.models import Speaker, SpeakerKind
from claimtrack.speakers.organisations import org_signature
from claimtrack.speakers.records import ORG_KINDS, SpeakerRecord
from claimtrack.speakers.spelling import (
    acronym_keys,
    compact,
    long_initials,
    name_tokens,
    name_words,
    proper_part,
    skeleton,
)

# Words too common in organisation names to find candidates by ("ministry", ...).
_GENERIC_ORG_WORDS = frozenset(
    """ministry department agency service office council committee commission
    national state federal government administration authority bureau board
    international foreign affairs republic people's peoples united""".split()
)


def index_keys(name: str, kind: SpeakerKind, country: str | None, acronym: str | None) -> set[str]:
    """Keys a record is filed under in the speaker_token table."""
    keys: set[str] = set()
    if kind is SpeakerKind.person:
        tokens = name_tokens(name)
        if len(tokens) == 1:
            keys.add(f"ps:{skeleton(tokens[0])}")
        elif tokens:
            first, last = skeleton(tokens[0]), skeleton(tokens[-1])
            keys.update(
                {f"pf:{first}", f"pl:{last}", f"pp:{first}|{last}", f"pc:{''.join(tokens)}"}
            )
    elif kind in ORG_KINDS:
        keys.update(_org_keys(name, country))
        for acr in acronym_keys(name, acronym):
            keys.add(f"oa:{acr}")
        keys.update(f"oi:{found}" for found in long_initials(name))
    keys.discard("")
    return keys


def _org_keys(name: str, country: str | None) -> set[str]:
    keys = {f"oc:{compact(name)}"}
    sig = org_signature(name, country)
    if sig is not None:
        keys.add(f"os:{sig[0]}|{sig[1]}")
    rare = [w for w in name_words(proper_part(name)) if w not in _GENERIC_ORG_WORDS and len(w) > 3]
    if rare:
        keys.add(f"ow:{skeleton(max(rare, key=len))}")
    return keys


def search_keys(speaker: Speaker) -> set[str]:
    """Keys to look up in speaker_token for the candidates of a new speaker."""
    keys: set[str] = set()
    if speaker.kind is SpeakerKind.person:
        tokens = name_tokens(speaker.name)
        if len(tokens) == 1:
            s = skeleton(tokens[0])
            keys.update({f"ps:{s}", f"pf:{s}", f"pl:{s}"})
        elif tokens:
            first, last = skeleton(tokens[0]), skeleton(tokens[-1])
            keys.update(
                {f"pp:{first}|{last}", f"pc:{''.join(tokens)}", f"ps:{first}", f"ps:{last}"}
            )
    elif speaker.kind in ORG_KINDS:
        keys.update(_org_keys(speaker.name, speaker.country))
        for acr in acronym_keys(speaker.name, speaker.acronym):
            keys.update({f"oi:{acr}", f"oa:{acr}"})
        keys.update(f"oa:{found}" for found in long_initials(speaker.name))
    keys.discard("")
    return keys


def namesake_keys(record: SpeakerRecord) -> set[str]:
    """For a lone-name person record: keys of every full name it could be short for."""
    tokens = name_tokens(record.name)
    if record.kind is not SpeakerKind.person or len(tokens) != 1:
        return set()
    s = skeleton(tokens[0])
    return {f"pf:{s}", f"pl:{s}"}
