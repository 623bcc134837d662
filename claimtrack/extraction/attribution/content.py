"""Content spans: where what was said starts and ends around a cue and its source."""

from __future__ import annotations

from claimtrack.extraction.attribution.media import MEDIUM_NOUNS
from claimtrack.extraction.attribution.spans import Token
from claimtrack.extraction.attribution.words import (
    ADJUNCT_START,
    DETERMINERS,
    FINITE_VERBS,
    FUNCTION_CAPS,
    QUOTE_MARKS,
    TIME_WORDS,
)


def _skip_content_start(tokens: list[Token], i: int) -> int:
    """Step over what sits between a cue and its content: 'that', time, 'in a statement'."""
    n = len(tokens)
    while i < n:
        low = tokens[i].low
        if low in ("that", ",", ":", "—", "–") or low in TIME_WORDS:
            i += 1
            continue
        if (
            low in ("saying", "adding")
            and i > 0
            and (tokens[i - 1].text == "," or tokens[i - 1].low == "statement")
        ):
            i += 1  # "issued a statement Thursday, saying …"
            continue
        if (
            low in ("on", "last", "this", "earlier", "late", "early")
            and i + 1 < n
            and (tokens[i + 1].low in TIME_WORDS)
        ):
            i += 2
            continue
        if (
            low == "in"
            and i + 2 < n
            and tokens[i + 1].low in ("a", "an", "the")
            and tokens[i + 2].low
            in ("statement", "interview", "post", "tweet", "speech", "letter", "briefing")
        ):
            i += 3
            continue
        if low == "to" and i + 1 < n and tokens[i + 1].low in ("reporters", "journalists"):
            i += 2
            continue
        if low in (
            "on",
            "in",
            "at",
            "during",
            "to",
            "via",
            "through",
            "after",
            "before",
            "outside",
            "from",
            "with",
            "by",
            "over",
            "inside",
            "while",
        ):
            # 'wrote on social media that …': the content starts after 'that';
            # 'said Thursday on Twitter, "We …"': after the comma that closes the phrase.
            for j in range(i + 1, min(n, i + 14)):
                if tokens[j].low == "that":
                    return j + 1
                if tokens[j].text in ",:" and j + 1 < n and j - i <= 8 and low in _MEDIUM_PREPS:
                    return j + 1
                if tokens[j].text in ",;:" or tokens[j].text in QUOTE_MARKS:
                    break
                if tokens[j].low in FINITE_VERBS:
                    break
        break
    return i


# Prepositions whose phrase after a cue may end in a comma before the content
# ('said Thursday on Twitter, "…"'); 'promised to crack down on X, which …' may not.
_MEDIUM_PREPS = frozenset("on in at via through during over".split())


def content_index(tokens: list[Token], i: int, hearer: bool, lemma: str = "") -> int:
    """Where the content starts after a cue: past the hearer ('told reporters'), 'that'…"""
    if hearer:
        # "told the court that …": any short hearer before "that"; else a known one.
        after_that = _hearer_then_that(tokens, i)
        i = after_that if after_that != i else skip_object(tokens, i)
    elif lemma in _HEARER_LEMMAS:
        i = _hearer_then_that(tokens, i)
    return _skip_content_start(tokens, i)


# Cues whose hearer may stand between them and 'that': "warned voters that …".
_HEARER_LEMMAS = frozenset("warn assure remind inform notify caution advise promise urge".split())


def _hearer_then_that(tokens: list[Token], i: int) -> int:
    for j in range(i + 1, min(len(tokens), i + 4)):
        if tokens[j].low == "that":
            plain = all(t.text.isalpha() and t.low not in FINITE_VERBS for t in tokens[i:j])
            return j + 1 if plain else i
    return i


def skip_object(tokens: list[Token], i: int) -> int:
    """'told reporters', 'told a briefing', 'told The Independent': step over the hearer."""
    n = len(tokens)
    j = i
    while j < n and (
        tokens[j].low in DETERMINERS
        or tokens[j].text[0].isupper()
        or tokens[j].low in MEDIUM_NOUNS
        or tokens[j].low
        in (
            "reporters",
            "journalists",
            "briefing",
            "conference",
            "news",
            "lawmakers",
            "parliament",
            "an",
            "interview",
            "me",
            "him",
            "her",
            "them",
            "us",
            "audience",
            "crowd",
            "supporters",
        )
    ):
        if tokens[j].low in ("that",):
            break
        j += 1
        if j < n and tokens[j].low == "that":
            return j + 1
    while j > i + 1 and tokens[j - 1].low in DETERMINERS:
        j -= 1  # "told the Union-Tribune the case remains …": that "the" opens the content
    return j if j > i else i


def end_of_content(text: str, sentence_end: int) -> int:
    """Content ends at the sentence end, minus the final full stop."""
    end = sentence_end
    while end > 0 and text[end - 1] in ".!?… ":
        end -= 1
    return end


def trailing_tail_ok(tokens: list[Token], i: int) -> bool:
    """After a trailing cue only short adjuncts may follow: 'in a statement', 'on Tuesday'."""
    n = len(tokens)
    if i >= n:
        return True
    rest = tokens[i:]
    if tokens[i].text == ",":
        return True  # '…," Anderson said, adding that …': the gerund is its own claim
    if len(rest) >= 3 and rest[0].low in ("on", "to", "in") and rest[1].text in QUOTE_MARKS:
        rest = [t for t in rest[2:] if t.text not in QUOTE_MARKS]  # 'on "Meet the Press."'
        return len(rest) <= 8 and "that" not in (t.low for t in rest)
    if any(t.low == "that" or t.text in QUOTE_MARKS for t in rest) and not all(
        t.text in ".!?" or t.text in QUOTE_MARKS for t in rest
    ):
        return False
    tok = tokens[i]
    if tok.text in ".!?" or tok.text in QUOTE_MARKS:
        return all(t.text in ".!?" or t.text in QUOTE_MARKS for t in rest)
    if tok.text == ",":
        return True
    if len(rest) > 15:
        return False
    while tok.low.endswith("ly") and tok.text.islower() and i + 1 < n:
        i += 1  # "said shortly after the quake", "said recently in a podcast"
        tok = tokens[i]
    return tok.low in ADJUNCT_START or tok.low in TIME_WORDS or tok.text in ".!?"


def is_clause(tokens: list[Token], upto: int) -> bool:
    """Content before a trailing cue must be more than an opening adverbial phrase."""
    first = tokens[0]
    if first.low in ("but", "and", "yet", "so") and upto > 2:
        first = tokens[1]  # "But AMD's prize is its fabric, Brookwood said"
    if first.text[:1].isupper() and first.low.endswith("ing") and first.low != "nothing":
        # "Weighing in on the discussion, X agreed": a participle phrase, no statement;
        # "Shelling of the market kills 27, X says" has its verb.
        return any(
            t.low in FINITE_VERBS
            or (t.text.islower() and len(t.low) > 3 and t.low[-1] == "s")
            or t.low.endswith("ed")
            for t in tokens[1:upto]
        )
    if (
        first.low in FUNCTION_CAPS
        and first.text[0].isupper()
        and first.low not in ("it", "he", "she", "they", "we", "i", "this", "there", "the")
    ):
        # "In the morning, X said" is no claim; "At least 120 people have died, X said" is.
        return any(t.text == "," or t.low in FINITE_VERBS for t in tokens[1:upto])
    return True


def before_closing(tokens: list[Token], k: int) -> int:
    """Content offset before a closing quote and its comma: '…," he said'."""
    end = tokens[k].start
    if k > 0 and tokens[k - 1].text in (",", "!", "?"):
        end = tokens[k - 1].start
    return end


def strip_end(text: str, start: int, end: int) -> int:
    """End of a content span without the commas, colons and dashes that joined it to a cue."""
    while end > start and text[end - 1] in " ,;:—–":
        end -= 1
    return end


def after_parenthetical(
    tokens: list[Token], after: int, text: str, sentence_end: int
) -> list[tuple[int, int]]:
    """'C1, Kazianis said, and C2': the words after a parenthetical attribution."""
    if after < len(tokens) and tokens[after].text == ",":
        nxt = after + 1
        if (
            nxt < len(tokens)
            and tokens[nxt].low not in ADJUNCT_START
            and not tokens[nxt].low.endswith("ing")  # '…," Trump said, looking out on the crowd'
        ):
            end = end_of_content(text, sentence_end)
            if end > tokens[nxt].start:
                return [(tokens[nxt].start, end)]
    return []
