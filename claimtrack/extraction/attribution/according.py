"""'According to X, C' and 'C, according to X': the attribution that names no verb."""

from __future__ import annotations

import re

from claimtrack.extraction.attribution.content import end_of_content, strip_end
from claimtrack.extraction.attribution.phrases import title_stop
from claimtrack.extraction.attribution.spans import Mention, RawAttribution, Token
from claimtrack.extraction.attribution.words import FINITE_VERBS, QUOTE_MARKS, TIME_WORDS
from claimtrack.extraction.lexicon import NOMINAL_CUES as NOMINAL_LEMMAS
from claimtrack.extraction.lexicon import SPEAKER_HEADS

# "According to a statement from X", "a poll released by X": the source is X.
_SOURCE_WRAPPERS = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:joint\s+|written\s+|new\s+|recent\s+)?"
    r"(?:statement|report|release|press release|readout|post|letter|transcript|"
    r"filing|memo|survey|poll|study|analysis|data|figures|estimate|estimates|"
    r"tally|count|assessment|briefing|spokesman|spokeswoman|spokesperson|"
    r"official|officials|source|sources)\s+(?:from|by|of|for|released by|"
    r"issued by|published by|at|in|close to|familiar with)\s+)",
    re.IGNORECASE,
)
_RELEASED_BY = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:\w+\s+){0,2}(?:statement|report|poll|survey|study|data|"
    r"figures|estimate|estimates|analysis|document|documents|filing|memo|letter|release)"
    r"\b.{0,60}?\b(?:by|from)\s+(.+)$",
    re.IGNORECASE,
)
_WRAPPED_SPEAKERS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources"]
)


_JOINERS = frozenset("and but who which".split())


def according_to(
    tokens: list[Token], k: int, last: int, text: str, sentence_end: int
) -> RawAttribution | None:
    """'According to X, C' leads; 'C, according to X' trails.

    X runs to the next comma or stop; a wrapper such as "a statement from"
    is dropped so that the author of the statement is the source.
    """
    n = len(tokens)
    i = last + 1
    j = i
    while (
        j < n
        and (tokens[j].text not in (",", ".", ";", ":") or title_stop(tokens, j))
        and tokens[j].text not in (QUOTE_MARKS)
        and not (  # "according to the AP and was battled by …": the AP ends at "and"
            tokens[j].low in FINITE_VERBS and j > i + 1 and tokens[j - 1].low in _JOINERS
        )
    ):
        j += 1
    while j - 1 > i and tokens[j - 1].low in _JOINERS:
        j -= 1
    if j == i:
        return None
    span_start, span_end = tokens[i].start, tokens[j - 1].end
    source_text = text[span_start:span_end]
    released = _RELEASED_BY.match(source_text)
    if released is not None:
        # "a poll released on Monday by the Brennan Institute": the institute.
        span_start += released.start(1)
        source_text = text[span_start:span_end]
    wrapper = _SOURCE_WRAPPERS.match(source_text)
    if wrapper is not None:
        word = wrapper.group(0).split()
        rest = source_text[wrapper.end() :].split()
        dated = rest and all(w.lower().strip(".,") in TIME_WORDS for w in rest)
        if not (word and any(w.lower() in _WRAPPED_SPEAKERS for w in word)) and not dated:
            span_start += wrapper.end()  # ("a prison statement Monday" keeps its wrapper)
            source_text = text[span_start:span_end]
    mention = Mention(text=source_text, start=span_start, end=span_end)
    named = _appositive_name(tokens, j)
    if named is not None and source_text[:1].islower():
        # "According to the team's coach, Ann Lee, in their first match …": Ann Lee.
        mention.appositive = text[tokens[j + 1].start : tokens[named - 1].end]
        j = named
    cue = text[tokens[k].start : tokens[last].end]
    if k == 0 or (k > 0 and tokens[k - 1].text in QUOTE_MARKS and k == 1):
        return _according_leading(tokens, k, i, j, mention, cue, text, sentence_end)
    prev = tokens[k - 1]
    if prev.text in (",", "(", "—") or prev.text in QUOTE_MARKS:
        content_end = strip_end(text, tokens[0].start, prev.start)
        if content_end - tokens[0].start < 8:
            return None
        return RawAttribution(
            source=mention,
            cue=cue,
            cue_lemma="according to",
            cue_start=tokens[k].start,
            content_start=tokens[0].start,
            content_end=content_end,
            pattern="trailing",
        )
    # 'C according to X' with no comma: still trailing when X runs to the end.
    if j >= n - 1:
        content_end = strip_end(text, tokens[0].start, prev.end)
        return RawAttribution(
            source=mention,
            cue=cue,
            cue_lemma="according to",
            cue_start=tokens[k].start,
            content_start=tokens[0].start,
            content_end=content_end,
            pattern="trailing",
        )
    return None


def _according_leading(
    tokens: list[Token],
    k: int,
    i: int,
    j: int,
    mention: Mention,
    cue: str,
    text: str,
    sentence_end: int,
) -> RawAttribution | None:
    """'According to X, C.', or with no comma 'According to X the turnout was high.'"""
    n = len(tokens)
    if j >= n or tokens[j].text != ",":
        m = _np_end_before_clause(tokens, i, j)
        if m is None:
            return None
        end = tokens[m - 1].end
        mention = Mention(text=text[mention.start : end], start=mention.start, end=end)
        j = m - 1
    return RawAttribution(
        source=mention,
        cue=cue,
        cue_lemma="according to",
        cue_start=tokens[k].start,
        content_start=tokens[j + 1].start if j + 1 < n else sentence_end,
        content_end=end_of_content(text, sentence_end),
        pattern="leading",
    )


def _appositive_name(tokens: list[Token], j: int) -> int | None:
    """The closing comma of ', Ann Lee,' after a description, or None."""
    m = j + 1
    while (
        m < len(tokens) and m - j <= 4 and tokens[m].text[:1].isupper() and tokens[m].text.isalpha()
    ):
        m += 1
    if j < len(tokens) and tokens[j].text == "," and m - j >= 3 and m < len(tokens):
        return m if tokens[m].text == "," else None
    return None


_CLAUSE_OPENERS = frozenset(
    "the a an this these those it he she they there its his her their we i".split()
)


def _np_end_before_clause(tokens: list[Token], i: int, stop: int) -> int | None:
    """Where a name after 'according to' gives way to its clause, with no comma between.

    The name must end in a capitalised word and the clause open with a
    determiner or pronoun and run on for a few words.
    """
    for m in range(i + 1, min(stop, i + 10)):
        if tokens[m].low in _CLAUSE_OPENERS and tokens[m - 1].text[:1].isupper() and stop - m >= 3:
            return m
    return None


def nominal(tokens: list[Token], k: int, text: str, sentence_end: int) -> RawAttribution | None:
    """'Trump's claim that C', 'his denial that C': the owner said C."""
    owner_end = k - 1
    if tokens[owner_end].text in ("’", "'"):
        owner_end -= 1  # "the Sanders’ claim that"
    owner = tokens[owner_end]
    bare = re.sub(r"(?:’s|'s)$", "", owner.text)
    if owner.low in ("his", "her", "their", "its"):
        bare = {"his": "he", "her": "she", "their": "they", "its": "it"}[owner.low]
    start = owner.start
    j = owner_end - 1
    while j >= 0 and tokens[j].text[:1].isupper() and tokens[j].low not in ("the", "a", "an"):
        start = tokens[j].start  # "Donald Trump's claim": the whole name
        j -= 1
    if bare.lower() in SPEAKER_HEADS and not bare[:1].isupper():
        while j >= 0 and (tokens[j].text.islower() or tokens[j].low in ("the", "a", "an")):
            start = tokens[j].start  # "the ministry's denial that …"
            if tokens[j].low in ("the", "a", "an"):
                break
            j -= 1
    elif not bare or not (bare[:1].isupper() or bare in ("he", "she", "they", "it")):
        return None
    name = text[start : owner.start] + bare
    content_start = tokens[k + 2].start if k + 2 < len(tokens) else sentence_end
    # The that-clause ends where the sentence goes on: "…'s claim that C, there would be".
    stop = next((t.start for t in tokens[k + 2 :] if t.text in (",", ";", ":", "—")), None)
    stop = _main_verb(tokens, k + 2) or stop  # "…'s denial that C was rejected"
    content_end = end_of_content(text, sentence_end) if stop is None else stop
    if content_end - content_start < 8:
        return None
    return RawAttribution(
        source=Mention(text=name, start=start, end=start + len(name)),
        cue=tokens[k].text,
        cue_lemma=NOMINAL_LEMMAS.get(tokens[k].low, "say"),
        cue_start=tokens[k].start,
        content_start=content_start,
        content_end=content_end,
        pattern="nominal",
    )


_MAIN_AUX = frozenset("was were is are has have had will would".split())


def _main_verb(tokens: list[Token], i: int) -> int | None:
    """Where the sentence's own verb follows a that-clause's: 'that profits rose was'."""
    first = next(
        (
            m
            for m in range(i, len(tokens))
            if tokens[m].low in _MAIN_AUX
            or tokens[m].low in FINITE_VERBS
            or tokens[m].low.endswith("ed")
        ),
        None,
    )
    if first is None:
        return None
    for m in range(first + 1, len(tokens)):
        if tokens[m].text in (",", ";", ":"):
            return None
        if tokens[m].low in _MAIN_AUX and tokens[m - 1].low not in _MAIN_AUX:
            return tokens[m].start
    return None
