"""Tokens, and the source mention and spans that make up one attribution."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple


class Token(NamedTuple):
    """A word or punctuation mark with its offsets; `low` is lower-cased once for all tests."""

    text: str
    start: int
    end: int
    low: str


@dataclass
class Mention:
    """A source phrase as written, with offsets into the article."""

    text: str
    start: int
    end: int
    appositive: str | None = None
    medium: bool = False  # a publication or platform that carried the words


@dataclass
class RawAttribution:
    """One attribution before speaker resolution."""

    source: Mention
    cue: str
    cue_lemma: str
    cue_start: int
    content_start: int
    content_end: int
    via: list[Mention] = field(default_factory=list)
    pattern: str = "leading"
    extra_content: list[tuple[int, int]] = field(default_factory=list)
    continues: bool = False  # content continues in the next sentences (ends with ':')


# Initialisms ("U.S."), words with inner apostrophes, hyphens, dots or "&"
# ("Al-Sadr", "AT&T"), and single punctuation marks.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w'’\-.&]*\w|\w|[^\w\s]")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of text; `offset` is added so that offsets index the whole article."""
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, m.group().lower())
        for m in _TOKEN.finditer(text)
    ]


def mention_of(sentence_tokens: list[Token], span: tuple[int, int], text: str) -> Mention:
    """The mention covering tokens span[0]..span[1] inclusive, as written in text."""
    a, b = span
    start, end = sentence_tokens[a].start, sentence_tokens[b].end
    return Mention(text=text[start:end], start=start, end=end)
