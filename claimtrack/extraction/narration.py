"""The article's own voice: figures it states in narration, as claims of the outlet.

"At least 24 people were killed", written by the reporter with no one
quoted, is still a figure a desk compares across outlets.  Such a sentence
becomes a claim marked ``attributed=False`` whose speaker is the outlet (from
front matter, else the URL's host; the store names it "article N" when
neither is known).  Only declarative sentences carrying a counted figure
qualify: questions, quotations, short fragments and bare numbers do not.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from claimtrack.extraction.numbers import find_figures
from claimtrack.extraction.segment import Span
from claimtrack.extraction.stance import stance as stance_of
from claimtrack.models import Article, Claim, Figure, SpeakerKind

# Words a narrated statement needs: shorter lines are headings and captions.
MIN_WORDS = 6
# A quotation of more words than this is someone's statement; fewer is a term
# the reporter marks ("an 'internal report'"), and the sentence stays narration.
TERM_WORDS = 3
# Quoted passages: double quotes, or single ones that open after a space (an
# apostrophe, "Rait’s", is no quotation mark).
_QUOTED = re.compile(r'["“]([^"“”]*)["”]?|(?:^|(?<=\s))[‘\']([^‘’\']*)[’\']')


def outlet_of(article: Article) -> str | None:
    """Who speaks in the article's own voice: its outlet, else its URL's host."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def own_voice(
    article: Article, sentences: list[Span], claims: list[Claim], quotes: list[Span]
) -> list[Claim]:
    """Claims for the sentences no attribution covers that state a counted figure."""
    text = article.text
    # A quoted term ("an 'internal report'") covers nothing; a quoted statement does.
    said = [q for q in quotes if len(text[q.start : q.end].split()) > TERM_WORDS]
    covered = [(c.start, c.end) for c in claims] + [(q.start, q.end) for q in said]
    speaker = outlet_of(article)
    found: list[Claim] = []
    for sent in sentences:
        body = text[sent.start : sent.end]
        stripped = body.strip()
        if stripped.endswith("?") or stripped.count(" ") < MIN_WORDS - 1:
            continue
        if _quotes_someone(stripped):
            continue  # a quotation without its speaker is no statement of the outlet's
        if _covered(sent, covered):
            continue  # an attribution's passage, or inside a quotation
        figures = [f for f in find_figures(body, offset=sent.start) if _counted(f)]
        if not figures:
            continue
        content = stripped.rstrip(".!")
        found.append(
            Claim(
                speaker=speaker,
                speaker_mention="",
                speaker_kind=SpeakerKind.media,
                cue="",
                text=content,
                sentence=body,
                start=sent.start,
                end=sent.end,
                stance=stance_of("", content),
                figures=figures,
                attributed=False,
            )
        )
    return found


def _quotes_someone(sentence: str) -> bool:
    """Whether the sentence quotes a statement, not only a term or a title."""
    for match in _QUOTED.finditer(sentence):
        quoted = match.group(1) if match.group(1) is not None else match.group(2) or ""
        if len(quoted.split()) > TERM_WORDS or not quoted.strip():
            return True
    return False


def _covered(sent: Span, covered: list[tuple[int, int]]) -> bool:
    return any(a < sent.end and sent.start < b for a, b in covered)


def _counted(figure: Figure) -> bool:
    """A figure that counts or measures something, not a lone number."""
    return figure.unit is not None
