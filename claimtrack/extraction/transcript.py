"""Transcript turns: a paragraph that opens 'CLINTON: I feel …' is Clinton's words.

Debate and interview transcripts quoted in news name each speaker in capitals
before a colon.  Labels that are not speakers (VIDEO:, UPDATE:, Q:) are left
alone: a question or a clip is not a statement by anyone the label names.
"""

from __future__ import annotations

import re

from claimtrack.extraction.attribution import RawAttribution
from claimtrack.extraction.attribution.spans import Mention

_TURN = re.compile(r"[\"“'‘]?\s*([A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,2}):[\s\xa0]+(?=\S)")
_NOT_SPEAKERS = frozenset(
    """VIDEO AUDIO UPDATE UPDATED NOTE WATCH READ PHOTO PHOTOS FILE CORRECTION RELATED
    ADVERTISEMENT SOURCE SOURCES TRANSCRIPT BREAKING EXCLUSIVE WARNING LIVE MORE
    CLIP ANNOUNCER NARRATOR QUESTION ANSWER EDITOR'S EDITOR’S""".split()
)


def turn(text: str, start: int, end: int) -> RawAttribution | None:
    """The turn opening text[start:end], if the sentence opens its paragraph with one."""
    found = _TURN.match(text, start, end)
    if found is None:
        return None
    label = found.group(1)
    if any(word in _NOT_SPEAKERS for word in label.split()) or len(label) < 3:
        return None
    content_end = end
    while content_end > found.end() and text[content_end - 1] in " .\"”'’":
        content_end -= 1
    if content_end - found.end() < 3:
        return None
    return RawAttribution(
        # Spoken as written in capitals; resolved as the name it stands for.
        source=Mention(
            text=label.title() if len(label) > 4 else label, start=found.start(1), end=found.end(1)
        ),
        cue=":",
        cue_lemma="say",
        cue_start=found.end(1),
        content_start=found.end(),
        content_end=content_end,
        pattern="turn",
    )
