"""Sentence and quotation segmentation with exact character offsets.

A hand-written splitter rather than a library: syntok took 4 ms and pysbd
14 ms per 800-word PolNeAR article on this machine, more than the whole
extraction budget, and neither reports quotations that run across
paragraphs, which news attribution needs.  This one is a single regex pass
plus an abbreviation check (measured in docs/BENCHMARKS.md).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from claimtrack.extraction.lexicon import ABBREVIATIONS, ANONYMOUS_HEADS, CUE_FORMS, TITLE_WORDS


class Span(NamedTuple):
    """Character offsets into the article text, end exclusive."""

    start: int
    end: int


# A candidate boundary: terminal punctuation, optional closing quotes or
# brackets, then white space.  Whether it is a boundary is decided by what
# precedes and follows it.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9À-ÖØ-Þ\u0400-\u042F]")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")
_TITLE_BEFORE = re.compile(r"(\w+)\.\s+$")
TITLE_ABBREVIATIONS = ABBREVIATIONS & TITLE_WORDS
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*(\w+)")
# Words that open a sentence and never continue a name, so "lost to Plan B. He
# said" ends a sentence at the letter where "John F. Kennedy" does not.
_SENTENCE_OPENERS = frozenset(
    """the a an he she it they we his her their its our this that these those there
    but and or so yet in on at as if when while after before however meanwhile""".split()
)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if match is None:
        return False
    word = match.group(1)
    if (len(word) == 1 and word.isupper()) or _INITIALS.fullmatch(word):
        # An initial ("John F. Kennedy", "A.J. Smith", "the U.S. Senate") unless a
        # sentence opener follows ("lost to Plan B. He said", "in the U.S. The").
        title = _TITLE_BEFORE.search(text, max(0, match.start() - 12), match.start())
        if title is not None and title.group(1).lower() in TITLE_ABBREVIATIONS:
            return True  # "Rep. G.K. Butterfield"
        after = _NEXT_WORD.match(text, dot + 1)
        opener = after.group(1).lower() if after is not None else ""
        return not (opener in _SENTENCE_OPENERS or opener in ANONYMOUS_HEADS)
    return word.lower() in ABBREVIATIONS


# After a question or exclamation closed by a quotation mark: up to four
# capitalised words and a reporting verb ('?” Trump said', '!” Mr. Lee added').
_NAME_THEN_CUE = re.compile(r"\s+((?:[A-Z][\w’'.\-]*\s+){1,4})(\w+)")

# '!” Murphy, the head of the group, tweeted': a name, an appositive, the verb.
_NAME_APPOSITIVE_CUE = re.compile(
    r"\s+(?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*,\s[^.!?;:\"“”\n]{1,80}?,\s+(\w+)"
)


def _attribution_follows(text: str, match: re.Match[str], stop: int) -> bool:
    if text[match.end() - 1] not in "\"”’'":
        return False
    after = _NAME_THEN_CUE.match(text, match.end(), stop)
    if after is not None and after.group(2) in CUE_FORMS:
        return True
    apposed = _NAME_APPOSITIVE_CUE.match(text, match.end(), stop)
    return apposed is not None and apposed.group(1).lower() in CUE_FORMS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end], trimmed of surrounding white space."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, stop):
        punct_end = match.end()
        if not _NEXT_START.match(text, punct_end, stop):
            continue
        single_stop = text[match.start()] == "." and match.end() - match.start() == 1
        if single_stop and _is_abbreviation(text, match.start()):
            continue
        if text[match.start()] in "?!" and _attribution_follows(text, match, stop):
            continue  # '“Who would have believed it?” Trump said.' is one sentence
        _append(text, spans, cursor, punct_end)
        cursor = punct_end
    _append(text, spans, cursor, stop)
    return spans


def _append(text: str, spans: list[Span], start: int, end: int) -> None:
    """Add text[start:end] without its surrounding white space, unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


_OPENERS = "“«„"
_MARK = re.compile("''|[\"“”«»„]")
_CLOSERS = "”»"


def quote_spans(text: str, blocks: list[Span]) -> list[Span]:
    """Direct-quotation spans (inside the marks), joined across paragraphs.

    News style leaves a quotation open at the end of a paragraph when the
    next paragraph continues it with a fresh opening mark; such runs are one
    quotation.  An unclosed quotation with no continuation ends with its
    paragraph, so one stray mark cannot swallow the article.
    """
    spans: list[Span] = []
    carry: int | None = None  # start of a quotation left open by the previous block
    prev_end = 0
    for block in blocks:
        i = block.start
        open_at: int | None = None
        if carry is not None:
            first = _first_non_space(text, block.start, block.end)
            if first is not None and (text[first] in _OPENERS or text[first] == '"'):
                open_at, i = carry, first + 1
            elif first is not None and text.startswith("''", first):
                open_at, i = carry, first + 2
            else:
                spans.append(Span(carry, _last_before(text, prev_end)))
        carry = None
        while True:
            # Jump to the next quotation mark: the loop body runs per mark, not per character.
            found = _MARK.search(text, i, block.end)
            if found is None:
                break
            i = found.start()
            ch = text[i]
            if ch == "'" and i + 2 <= block.end:
                # Two apostrophes as a quotation mark (''…'', the New York Times' style).
                before = text[i - 1] if i > block.start else " "
                after = text[i + 2] if i + 2 < block.end else " "
                if (
                    open_at is None
                    and (before.isspace() or before in "([—–-:")
                    and not after.isspace()
                ):
                    open_at = i + 2
                elif open_at is not None and _looks_closing(text, i + 1, block):
                    spans.append(Span(open_at, i))
                    open_at = None
                i += 2
                continue
            if open_at is None:
                if ch in _OPENERS or (ch in '"”' and _looks_opening(text, i, block)):
                    open_at = i + 1
            elif ch in _CLOSERS or (ch == '"' and _looks_closing(text, i, block)):
                spans.append(Span(open_at, i))
                open_at = None
            i += 1
        carry = open_at
        prev_end = block.end
    if carry is not None:
        spans.append(Span(carry, _last_before(text, prev_end)))
    return [s for s in spans if s.end > s.start]


def _first_non_space(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _last_before(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _looks_opening(text: str, i: int, block: Span) -> bool:
    """A straight or closing-style mark opens when a word follows it directly."""
    before = text[i - 1] if i > block.start else " "
    after = text[i + 1] if i + 1 < block.end else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _looks_closing(text: str, i: int, block: Span) -> bool:
    after = text[i + 1] if i + 1 < block.end else " "
    return not after.isalnum()
