"""Quotations that go on after their attribution: '"A," Lee said. "B."'.

News style attributes a quotation once and lets it run on in the next
sentences, or in the next paragraph opened by a fresh quotation mark.  Each
such sentence is a statement by the same speaker, so it becomes a claim of its
own, with the attribution's speaker, cue and chain; the claim's sentence is
the continuation itself, which is where a reader finds the words.
"""

from __future__ import annotations

import bisect

from claimtrack.extraction.segment import Span

_OPENING = "\"“«„'‘"
_MAX_RUN = 4  # sentences a continuation may run to before it is left alone


def continuation(
    text: str, sentences: list[Span], index: int, blocks: list[Span], quotes: list[Span]
) -> list[Span]:
    """The passages after sentences[index] that continue its speaker's quotation,
    one per quotation (its sentences joined).

    Each one must lie wholly inside a quotation, open with a quotation mark
    (unless it goes on in the quotation the previous one began), and sit in the
    same paragraph or open the next one; the run stops at the
    first sentence that does not.  The caller drops any that has a cue of its
    own ('"B," Kim added.').
    """
    found: list[Span] = []
    starts = [b.start for b in blocks]
    previous = sentences[index]
    inside: Span | None = None  # the quotation the previous continuation sat in
    for sent in sentences[index + 1 : index + 1 + _MAX_RUN]:
        first = _first_char(text, sent)
        if first is None:
            break
        quote = next(
            (q for q in quotes if q.start <= first + 2 and sent.end - 2 <= q.end + 1), None
        )
        if quote is None:
            break
        if text[first] not in _OPENING and quote != inside:
            break  # only a sentence further into the same quotation needs no mark
        here, before = _block_of(starts, sent.start), _block_of(starts, previous.start)
        if here != before and not (here == before + 1 and _ends_block(text, previous, blocks)):
            break
        if quote == inside:
            found[-1] = Span(found[-1].start, sent.end)  # one passage per quotation
        else:
            found.append(sent)
        previous, inside = sent, quote
    return found


def _first_char(text: str, sent: Span) -> int | None:
    for i in range(sent.start, sent.end):
        if not text[i].isspace():
            return i
    return None


def _ends_block(text: str, sent: Span, blocks: list[Span]) -> bool:
    return any(b.start <= sent.start and not text[sent.end : b.end].strip() for b in blocks)


def _block_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1
