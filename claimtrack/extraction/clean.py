"""Boilerplate filter: find the spans of scraped article text that are news prose.

Scraped pages carry donation appeals, cookie and login prompts, photo credits,
bylines, author bios and "Key Takeaways" boxes. None of them are reported
statements, so the extractor only looks inside the spans returned here. The
patterns are general (phrases and shapes seen across many sites), kept in
the tables of boilerplate.py so they can be reviewed and extended in one place.

Blocks are lines: a scraped paragraph is usually one line. Hard-wrapped text
(paragraphs broken at a fixed width) is detected and each wrapped paragraph
becomes one block.

Speed: Python's regex engine tries every alternative at every position, so
searching whole paragraphs for dozens of phrases would cost milliseconds per
article. Instead each phrase rule is keyed by the word it starts with: a block
is split into words once (in C, on an ASCII-folded copy), the words are
intersected with the trigger set, and a rule's regex is only *matched* at the
positions where its trigger word occurs.
"""

from __future__ import annotations

import re
from collections.abc import Set
from itertools import pairwise
from typing import NamedTuple

from claimtrack.extraction.boilerplate import (
    APPEAL_RULES,
    BIO_MAX_WORDS,
    BYLINE,
    BYLINE_FIRST_WORDS,
    BYLINE_MAX_WORDS,
    CREDIT_END,
    CREDIT_FIRST_WORDS,
    CREDIT_MAX_WORDS,
    CREDIT_RULES,
    CREDIT_START,
    CREDIT_TAIL,
    FIRST_PERSON_BIO_RULES,
    HEADING_FIRST_WORDS,
    LINK_HEADINGS,
    PROMPT_RULES,
    SMALL_WORDS,
    SUMMARY_HEADINGS,
    THIRD_PERSON_BIO,
    TIMESTAMP,
    TIMESTAMP_MAX_WORDS,
    UI_LINES,
    VERBS,
    WEAK_FIRST_WORDS,
    WEAK_MAX_WORDS,
    WEAK_RULES,
    WEAK_START,
    WEAK_START_WORDS,
    PhraseTable,
)

__all__ = ["content_spans", "is_boilerplate"]

_SHORT_LINE_WORDS = 6  # under this, a line without a verb or final stop is a label
_SECTION_SHORT_WORDS = 25  # summary-box lines are shorter than this
_WRAP_MIN_CHARS = 40  # hard-wrapped lines are at least this long
_WINDOW = 160  # how far past a trigger word a look-back rule may match
_FINAL_PUNCT = frozenset(".!?:…\"”’'»")
_BULLET_CHARS = "•·▪●◦‣○■□►▸➤✓✔→"
_LEAD_CHARS = frozenset("#*_>-" + _BULLET_CHARS)
_PUNCT_STRIP = "\"'“”‘’«»()[]{},.;:!?*_"
# No-break and thin spaces, read as plain spaces by the phrase rules.
_ODD_SPACES = ("\xa0", "\u2007", "\u2009", "\u202f")
# ASCII folding for word splitting: keep a-z and 0-9, everything else is a space.
_FOLD = bytes(c if (0x61 <= c <= 0x7A or 0x30 <= c <= 0x39) else 0x20 for c in range(256))

# --------------------------------------------------------------------------
# Compiled forms (built once at import; content_spans runs per article).
# --------------------------------------------------------------------------

# Block kinds.
_PROSE = 0
_JUNK = 1
_SUMMARY = 2
_LINK = 3
_APPEAL = 4


class _Rule(NamedTuple):
    """One compiled phrase rule with the limits of where it may match."""

    kind: int
    max_words: int  # the rule applies to blocks with fewer words than this
    pattern: re.Pattern[str]
    back: int
    tail: int  # when non-zero, the match must start this close to the block's end


class _Trigger(NamedTuple):
    """The rules keyed by one trigger word, tried only where that word occurs."""

    needle: bytes  # b" word ", searched in the space-padded folded block
    rules: tuple[_Rule, ...]  # appeals first
    tail: int  # when every rule is tail-bound: how far from the end to start looking


def _build_rules() -> dict[bytes, _Trigger]:
    """Trigger word -> what to look for and which rules to try where it occurs."""
    by_word: dict[bytes, list[_Rule]] = {}
    tables: tuple[tuple[PhraseTable, int, int, int], ...] = (
        (APPEAL_RULES, _APPEAL, 1 << 30, 0),
        (PROMPT_RULES, _JUNK, 1 << 30, 0),
        (FIRST_PERSON_BIO_RULES, _JUNK, 1 << 30, 0),
        (CREDIT_RULES, _JUNK, CREDIT_MAX_WORDS, CREDIT_TAIL),
        (WEAK_RULES, _JUNK, WEAK_MAX_WORDS, 0),
    )
    for table, kind, max_words, tail in tables:
        for words, pattern, back in table:
            rule = _Rule(kind, max_words, re.compile(pattern), back, tail)
            for word in words:
                key = word.encode("ascii")
                if key.translate(_FOLD) != key or not key:
                    raise ValueError(f"trigger {word!r} is not a folded word")
                by_word.setdefault(key, []).append(rule)
    return {
        word: _Trigger(
            b" " + word + b" ",
            tuple(rules),
            0 if any(r.tail == 0 for r in rules) else max(r.tail for r in rules),
        )
        for word, rules in by_word.items()
    }


_TRIGGERS = _build_rules()
_TRIGGER_WORDS = frozenset(_TRIGGERS)
_WEAK_START_RE = re.compile(WEAK_START)
_CREDIT_START_RE = re.compile(CREDIT_START)
_CREDIT_END_RE = re.compile(CREDIT_END)
_BYLINE_RE = re.compile(BYLINE)
_THIRD_BIO_RE = re.compile(THIRD_PERSON_BIO)
_TIMESTAMP_RE = re.compile(TIMESTAMP)
_HEADING_RE = re.compile(
    r"(?:(?P<summary>"
    + "|".join(SUMMARY_HEADINGS)
    + r")|(?P<link>"
    + "|".join(LINK_HEADINGS)
    + r"))[\s*_]*(?:[:|–—-]|$)"
)
_MARKUP_LEAD_RE = re.compile(r"[\s#*_>" + _BULLET_CHARS + r"-]+")
_BULLET_RE = re.compile(r"[" + _BULLET_CHARS + r"]|[-*+–](?=\s)")
# Quoted speech is blanked (same length) before phrase checks: a quoted
# "I am a journalist" or "your support" is news, not page furniture.
_QUOTED_RE = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)|«[^»]*(?:»|$)")
_FIRST_PLURAL_RE = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
# One block per line, without its surrounding whitespace.
_LINE_RE = re.compile(r"\S(?:[^\n\r]*\S)?")


def _has_verb(words: list[str]) -> bool:
    """Whether a short line reads as a sentence rather than a name, label or heading."""
    for word in words:
        w = word.strip(_PUNCT_STRIP)
        if not w or not w[0].islower():
            continue
        if w in VERBS or (len(w) > 4 and w.isalpha() and w.endswith(("ed", "ing"))):
            return True
        if w.endswith(("n't", "n’t")):
            return True
    return False


def _is_title_case(words: list[str]) -> bool:
    """True for 'South Korea Raises Alert for Offices': a headline, not a sentence."""
    caps = 0
    counted = 0
    for word in words:
        w = word.strip(_PUNCT_STRIP)
        if not w or not w[0].isalpha():
            continue
        if counted and w.lower() in SMALL_WORDS:
            continue
        counted += 1
        if w[0].isupper():
            caps += 1
    return counted >= 2 and caps >= 0.85 * counted


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _unquoted(text: str) -> str:
    """text with quoted passages blanked out, offsets unchanged."""
    if '"' not in text and "“" not in text and "«" not in text:
        return text
    return _QUOTED_RE.sub(_blank, text)


def _fold(low: str) -> bytes:
    """ASCII word characters of `low`, one byte per character, others as spaces."""
    return low.encode("ascii", "replace").translate(_FOLD)


def _lower(text: str) -> str:
    """text.lower() with odd spaces as ' ', keeping offsets ('İ' grows when lower-cased)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for space in _ODD_SPACES:
        if space in low:
            low = low.replace(space, " ")
    return low


def _phrase_kind(low: str, folded: bytes, hits: Set[bytes], nwords: int) -> int:
    """_APPEAL or _JUNK if a phrase rule matches where one of its trigger words occurs."""
    text = _unquoted(low)
    padded = b" " + folded + b" "  # so b" word " finds whole words only
    size_all = len(folded)
    found = _PROSE
    for word in hits:
        trigger = _TRIGGERS[word]
        rules = [r for r in trigger.rules if nwords < r.max_words]
        if not rules:
            continue
        # pos indexes `folded`: the match of b" word " starts one earlier in `padded`.
        pos = padded.find(trigger.needle, max(0, size_all - trigger.tail) if trigger.tail else 0)
        while pos != -1:
            for rule in rules:
                if rule.tail and pos < size_all - rule.tail:
                    continue
                if rule.back:
                    m = rule.pattern.search(text, max(0, pos - rule.back), pos + _WINDOW)
                    hit = m is not None and m.start() <= pos
                else:
                    hit = rule.pattern.match(text, pos) is not None
                if hit:
                    if rule.kind == _APPEAL:
                        return _APPEAL
                    found = rule.kind
            pos = padded.find(trigger.needle, pos + 1)
    return found


def _classify(block: str, low: str, folded: bytes) -> int:
    """Kind of one block on its own; boxes and trailing bios are left to the caller.

    `low` is the lower-cased block and `folded` its ASCII-folded bytes, both
    the same length as `block`.
    """
    fwords = folded.split()
    if not fwords:  # no ASCII word at all: symbols, or a non-Latin script
        fwords = [b""]
    nwords = len(fwords)
    first = fwords[0]
    final = block[-1] in _FINAL_PUNCT

    bare = low
    if low[0] in _LEAD_CHARS:
        lead = _MARKUP_LEAD_RE.match(low)
        if lead is not None and lead.end() < len(low):
            bare = low[lead.end() :]
    if first in HEADING_FIRST_WORDS:
        heading = _HEADING_RE.match(bare)
        if heading is not None:
            return _SUMMARY if heading.group("summary") is not None else _LINK
    if nwords <= 3 and bare.rstrip(" :|*_") in UI_LINES:
        return _JUNK
    hits = _TRIGGER_WORDS.intersection(fwords)
    if hits:
        kind = _phrase_kind(low, folded, hits, nwords)
        if kind != _PROSE:
            return kind
    if nwords < WEAK_MAX_WORDS and (
        first in WEAK_FIRST_WORDS or (first in WEAK_START_WORDS and _WEAK_START_RE.match(bare))
    ):
        return _JUNK
    if first in CREDIT_FIRST_WORDS or bare[0] == "(":
        credit = _CREDIT_START_RE.match(bare)
        # "Photographs by residents showed ..." is prose; "Photo by Jane Roe/AFP" is not.
        if credit is not None and (credit.group("by") is None or not final):
            return _JUNK
    if low[-1] == ")" and _CREDIT_END_RE.search(low):
        return _JUNK
    if "©" in low and nwords < WEAK_MAX_WORDS:
        return _JUNK
    if (
        nwords < BYLINE_MAX_WORDS
        and first in BYLINE_FIRST_WORDS
        and _BYLINE_RE.match(bare)
        and (not final or nwords < 8)
    ):
        return _JUNK
    if not final:
        words = block.split()
        if len(words) < _SHORT_LINE_WORDS and not _has_verb(words):
            return _JUNK
        if len(words) < TIMESTAMP_MAX_WORDS and _TIMESTAMP_RE.match(bare):
            return _JUNK
        if _is_title_case(words):
            return _JUNK
    return _PROSE


def is_boilerplate(block: str) -> bool:
    """Whether one block, seen on its own, is page furniture rather than news prose.

    Context matters for some blocks (bullets under "Key Takeaways", "we"
    paragraphs after "Your support helps..."); content_spans applies that.
    """
    block = block.strip()
    if not block:
        return True
    low = _lower(block)
    return _classify(block, low, _fold(low)) != _PROSE


def _is_soft_break(line: str, nxt: str) -> bool:
    """Whether the break between two lines is a hard wrap inside one paragraph."""
    return (
        len(line) >= _WRAP_MIN_CHARS
        and line[-1] not in _FINAL_PUNCT
        and _BULLET_RE.match(nxt) is None
        and (nxt[0].islower() or line[-1] in ",;-–—(")
    )


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Blocks of text as (start, end, blank_line_before)."""
    lines: list[tuple[int, int, bool]] = []
    prev_end = 0
    for m in _LINE_RE.finditer(text):
        start, end = m.span()
        gap = bool(lines) and text.count("\n", prev_end, start) >= 2
        lines.append((start, end, gap))
        prev_end = end
    if len(lines) < 2:
        return lines
    # Hard-wrapped text: paragraph lines continue in lower case. When a document
    # shows that shape often enough, join every unpunctuated long line to the next.
    candidates = 0
    soft = 0
    for (s1, e1, _), (s2, e2, gap) in pairwise(lines):
        if gap or e1 - s1 < _WRAP_MIN_CHARS or text[e1 - 1] in _FINAL_PUNCT:
            continue
        candidates += 1
        if _is_soft_break(text[s1:e1], text[s2:e2]):
            soft += 1
    if soft == 0:
        return lines
    wrapped_doc = soft * 4 >= candidates
    blocks: list[tuple[int, int, bool]] = [lines[0]]
    s1, e1 = lines[0][0], lines[0][1]
    for s2, e2, gap in lines[1:]:
        line = text[s1:e1]
        nxt = text[s2:e2]
        join = not gap and (
            _is_soft_break(line, nxt)
            or (
                wrapped_doc
                and e1 - s1 >= _WRAP_MIN_CHARS
                and line[-1] not in _FINAL_PUNCT
                and _BULLET_RE.match(nxt) is None
            )
        )
        if join:
            blocks[-1] = (blocks[-1][0], e2, blocks[-1][2])
        else:
            blocks.append((s2, e2, gap))
        s1, e1 = s2, e2
    return blocks


def content_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` (paragraphs or lines, in order) that are news prose.

    Boilerplate is excluded; text[start:end] is the block, stripped of
    surrounding whitespace, so offsets found inside a block add to `start`.
    """
    blocks = _blocks(text)
    if not blocks:
        return []
    low_text = _lower(text)
    folded_text = _fold(low_text)
    keep: list[bool] = []
    box = _PROSE  # _SUMMARY or _LINK while inside such a box
    in_appeal = False
    for start, end, gap in blocks:
        block = text[start:end]
        kind = _classify(block, low_text[start:end], folded_text[start:end])
        if kind in (_SUMMARY, _LINK):
            box = kind
            in_appeal = False
            keep.append(False)
            continue
        if kind == _APPEAL:
            in_appeal = True
            box = _PROSE
            keep.append(False)
            continue
        if box != _PROSE:
            inside = (
                kind != _PROSE
                or block[-1] not in _FINAL_PUNCT
                or _BULLET_RE.match(block) is not None
            )
            if box == _SUMMARY and not inside:
                # Takeaway lines are short and follow each other without a gap.
                inside = not gap and block.count(" ") + 1 < _SECTION_SHORT_WORDS
            if inside:
                keep.append(False)
                continue
            box = _PROSE
        if in_appeal:
            # Appeal boxes run over several paragraphs written as "we"/"our".
            if kind != _PROSE or _FIRST_PLURAL_RE.search(_unquoted(block)):
                keep.append(False)
                continue
            in_appeal = False
        keep.append(kind == _PROSE)
    # Contributor notes ("Jane Doe is a reporter at ...") only at the foot.
    for i in range(len(blocks) - 1, -1, -1):
        if not keep[i]:
            continue
        block = text[blocks[i][0] : blocks[i][1]]
        if block.count(" ") + 1 < BIO_MAX_WORDS and _THIRD_BIO_RE.match(block):
            keep[i] = False
            continue
        break
    return [(s, e) for (s, e, _), k in zip(blocks, keep, strict=True) if k]
