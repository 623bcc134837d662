"""Transcript turns: a paragraph that opens 'CLINTON: I feel …' is Clinton's words.

Debate and interview transcripts quoted in news name each speaker in capitals
before a colon.  Labels that are not speakers (VIDEO:, UPDATE:, Q:) are left
alone: a question or a clip is not a statement by anyone the label names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from claimtrack.extraction.attribution import RawAttribution
from claimtrack.extraction.attribution.spans import Mention

_TURN = re.compile(r"[\"“'‘]?\s*([A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,2}):[\s\xa0]+(?=\S)")
_NOT_SPEAKERS = frozenset(
    """VIDEO AUDIO UPDATE UPDATED NOTE WATCH READ PHOTO PHOTOS FILE CORRECTION RELATED
    ADVERTISEMENT SOURCE SOURCES TRANSCRIPT BREAKING EXCLUSIVE WARNING LIVE MORE
    CLIP ANNOUNCER NARRATOR QUESTION ANSWER EDITOR'S EDITOR’S""".split()
)


# Paragraphs that open with a capitalised label: two near each other make a transcript.
_LABELS = re.compile(r"(?:^|\n)\s*[\"“'‘]?[A-Z][A-Z’'.\-]+(?: [A-Z][A-Z’'.\-]+){0,2}:[\s\xa0]")
# 'Clinton: "Our goal is …"', and a headline 'Carson: Cruz taking …': a name, a colon.
_NAMED = re.compile(r"([A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+)?):[\s\xa0]+(?=\S)")
_NOT_NAMES = frozenset(
    """update analysis opinion editorial exclusive watch photos photo video live breaking
    related note sources source background context timeline explainer comment review
    correction clarification disclaimer warning poll quiz factbox key takeaways takeaway
    transcript podcast newsletter listen read more why what how who when where""".split()
)


def turn(
    text: str,
    start: int,
    end: int,
    headline: bool = False,
    common: Callable[[], frozenset[str]] = frozenset,
) -> RawAttribution | None:
    """The turn opening text[start:end], if the sentence opens its paragraph with one.

    A name in capitals ('CLINTON:') opens a turn anywhere; a name in title case
    only before a quotation mark or in the headline, and only when the article
    never writes its words in lower case ('Update:' is no one).
    """
    found = _TURN.match(text, start, end)
    if found is None:
        found = _NAMED.match(text, start, end)
        if found is None:
            return None
        words = found.group(1).lower().split()
        quoted = text[found.end() : found.end() + 1] in "\"“‘'"
        if not (quoted or headline) or any(w in _NOT_NAMES for w in words):
            return None
        if any(w in common() for w in words):
            return None
    label = found.group(1)
    if any(word in _NOT_SPEAKERS for word in label.split()) or len(label) < 3:
        return None
    if label.isupper() and len(_LABELS.findall(text, max(0, start - 800), start + 800)) < 2:
        return None  # one capitalised kicker ('SHIFT: …') is a subhead, not a transcript
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
