"""Source phrases: the noun-phrase walks left and right of a cue that find who spoke."""

from __future__ import annotations

import re

from claimtrack.extraction import lexicon
from claimtrack.extraction.attribution.spans import Token
from claimtrack.extraction.attribution.words import (
    CLAUSE_PUNCT,
    DETERMINERS,
    FINITE_VERBS,
    FUNCTION_CAPS,
    NEGATIONS,
    PAGE_FURNITURE,
    PASSIVE_AUX,
    QUOTE_MARKS,
    TIME_WORDS,
)
from claimtrack.extraction.lexicon import CUE_FORMS

_POSSESSIVE = ("’s", "'s", "’", "'")
_RELATIVES = frozenset(["that", "which", "who", "whom", "whose", "as"])
# Words that follow a determiner without being the noun ("the same", "the first").
_NOT_NOUNS = frozenset(
    """same other first last new old whole only next former latter following best
    most latest very more less such own""".split()
)
_NP_GLUE = frozenset(["of", "for", "the", "and", "&", "de", "al", "von", "van", "bin"])
_NP_PREP = frozenset(["to", "in", "at", "on"])
_LEAD_TRIM = frozenset(["of", "for", "and", "&", "to", "in", "at", "on", "both", "also"])


def is_np_word(tok: Token) -> bool:
    """A word that can sit inside a source phrase: a name, a speaker noun or glue ("of")."""
    low = tok.low
    if tok.text[0].isupper():
        return low not in FUNCTION_CAPS or low == "the"
    return (
        low in lexicon.SPEAKER_HEADS
        or low in lexicon.SPEAKER_MODIFIERS
        or low in _NP_GLUE
        or (low.endswith(("’s", "'s")) and len(low) > 3)
    )


def is_head(tok: Token) -> bool:
    """A word that can end a source phrase: a capitalised name word or a speaker noun."""
    if tok.text[0].isupper():
        return tok.low not in FUNCTION_CAPS and tok.low not in _NP_GLUE
    return tok.low in lexicon.SPEAKER_HEADS


def skip_left(tokens: list[Token], i: int) -> int:
    """Step left over auxiliaries, adverbs and time phrases between source and cue."""
    while i >= 0:
        low = tokens[i].low
        if low in lexicon.SKIPPABLE_BEFORE_CUE or low in TIME_WORDS or low in '“‘"':
            i -= 1
            continue
        if low.endswith("ly") and not tokens[i].text[0].isupper() and len(low) > 4:
            i -= 1
            continue
        # "on Friday", "in June", "last week" after a source: dates are skipped above,
        # a bare preposition left over after them goes too.
        if (
            low in ("on", "in", "at", "of")
            and i + 1 < len(tokens)
            and (tokens[i + 1].low in TIME_WORDS)
        ):
            i -= 1
            continue
        break
    return i


def _group_noun(tok: Token) -> bool:
    """'Developers and supporters', 'Companies and individuals': plural nouns a group is."""
    low = tok.low
    return low in lexicon.SPEAKER_HEADS or (
        low.endswith("s") and not low.endswith("ss") and tok.text.isalpha() and len(low) > 4
    )


def relative_head(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """The noun phrase a 'who' clause hangs on: 'Ann Lee, who said', 'an architect who said'."""
    if end < 0:
        return None
    if tokens[end].text.islower() and end > 0 and tokens[end - 1].low in DETERMINERS:
        return (end - 1, end)  # "an architect who said"
    if not is_head(tokens[end]) and not tokens[end].low.endswith("s"):
        return None
    strict = _walk_left(tokens, end, 0, relaxed=False)
    if strict is not None and strict[0] > 0 and tokens[strict[0] - 1].low in DETERMINERS:
        return (strict[0] - 1, strict[1])
    if strict is None and end > 0 and tokens[end - 1].low in DETERMINERS:
        return (end - 1, end)
    return strict


def left_np(tokens: list[Token], end: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending at token index `end` (inclusive), not before `floor`.

    The strict walk takes capitalised words and known speaker nouns.  A relaxed
    walk may also take up to two unknown lower-case words ("county election
    officials", "Opposition councillor Derek Huang"); it wins only when it ends
    at a clause boundary, which is where a subject must start.
    """
    if end < floor or end < 0:
        return None
    tok = tokens[end]
    if tok.low in lexicon.PRONOUNS:
        return (end, end)
    if tok.text == ")":
        # "the National Intelligence Service (NIS)", "Sen. Jane Roe (D-Ore.)"
        opening = next(
            (i for i in range(end - 1, max(floor, end - 7) - 1, -1) if tokens[i].text == "("),
            None,
        )
        if opening is None or opening - 1 < floor:
            return None
        inner = left_np(tokens, opening - 1, floor)
        return (inner[0], end) if inner is not None else None
    if (
        tok.text == "."
        and end - 1 > floor
        and tokens[end - 1].low in _COMPANY_SUFFIXES
        and tokens[end - 1].end == tok.start
    ):
        inner = left_np(tokens, end - 1, floor)  # "Advanced Micro Devices Inc. said"
        return (inner[0], end) if inner is not None else None
    if tok.low.endswith(_POSSESSIVE) and tok.text[0].isupper() is False:
        return None
    # "A whistleblower said", "the challenger said": a determiner makes it a noun.
    determined_noun = (
        tok.text.isalpha()
        and tok.text.islower()
        and end - 1 >= floor
        and (tokens[end - 1].low in DETERMINERS or tokens[end - 1].low.endswith(("’s", "'s")))
        and tok.low not in FUNCTION_CAPS
        and tok.low not in _NOT_NOUNS
    )
    if not is_head(tok) and not determined_noun:
        return None
    strict = _walk_left(tokens, end, floor, relaxed=False)
    relaxed = _walk_left(tokens, end, floor, relaxed=True)
    if relaxed is not None and relaxed != strict and clause_start(tokens, relaxed[0]):
        return relaxed
    return strict


def _walk_left(tokens: list[Token], end: int, floor: int, relaxed: bool) -> tuple[int, int] | None:
    """Extend a phrase leftwards from `end`; `relaxed` also takes two unknown lower-case words."""
    i = end
    unknown = 0
    while i - 1 >= floor:
        prev = tokens[i - 1]
        if prev.low in ("and", "&") and not (
            i - 2 >= floor
            and (
                (tokens[i].text[0].isupper() and tokens[i - 2].text[0].isupper())
                or (_group_noun(tokens[i]) and _group_noun(tokens[i - 2]))
            )
        ):
            break  # "Prices rose and analysts said": 'and' joins names or groups, not clauses
        if is_np_word(prev):
            i -= 1
            continue
        if (
            prev.low in _NP_PREP
            and i - 2 >= floor
            and (tokens[i].text[0].isupper() or tokens[i].low == "the")
            and (tokens[i - 2].text[0].isupper() or tokens[i - 2].low in lexicon.SPEAKER_HEADS)
        ):
            i -= 1
            continue
        if prev.text == "-" and i - 2 >= floor:
            i -= 1
            continue
        if prev.text == "." and i - 2 >= floor and tokens[i - 2].low in lexicon.ABBREVIATIONS:
            i -= 1  # "Gov. Jeb Bush", "Sen. Marco Rubio"
            continue
        if (
            prev.text in ("’", "'")
            and i - 2 >= floor
            and tokens[i - 2].end == prev.start
            and tokens[i - 2].low.endswith("s")
            and tokens[i - 2].text[0].isupper()
        ):
            i -= 2  # "Sanders’ campaign manager": a possessive after -s
            continue
        if prev.text == "." and i - 3 >= floor and initial_stop(tokens, i - 1):
            i -= 1  # "Rusli M. Saleh said"
            continue
        if (
            relaxed
            and unknown < 2
            and prev.text.replace("-", "").isalpha()
            and prev.text.islower()
            and prev.low not in FUNCTION_CAPS
            and prev.low not in lexicon.CLAUSE_STARTERS
            and prev.low not in PASSIVE_AUX
            and prev.low not in lexicon.CUE_FORMS
            # "and exiled opposition activists say": an -ed word opening the clause
            and (not prev.low.endswith("ed") or clause_start(tokens, i - 1))
        ):
            unknown += 1
            i -= 1
            continue
        break
    while i <= end and (
        tokens[i].low in _LEAD_TRIM
        or tokens[i].text == "-"
        or (tokens[i].low in TIME_WORDS and i < end)
    ):
        i += 1  # "Yesterday Advanced Micro Devices said": the date is no part of the name
    if i > end:
        return None
    return (i, end)


def np_ok(tokens: list[Token], span: tuple[int, int]) -> bool:
    """A source phrase needs a capitalised word, a known head, or a pronoun."""
    a, b = span
    if a == b and tokens[a].low in lexicon.PRONOUNS:
        return True
    if b > a and tokens[a].low in DETERMINERS and _common_noun(tokens[b]):
        return True  # "A dispatcher said", "the singer wrote": a determiner makes a noun
    return any(
        (t.text[0].isupper() and t.low not in DETERMINERS) or t.low in lexicon.SPEAKER_HEADS
        for t in tokens[a : b + 1]
    )


def clause_start(tokens: list[Token], i: int) -> bool:
    """True when token i begins a clause (so a phrase starting there can be a subject)."""
    if i == 0:
        return True
    prev = tokens[i - 1]
    return (
        prev.text in CLAUSE_PUNCT
        or prev.text in QUOTE_MARKS
        or (prev.low in lexicon.CLAUSE_STARTERS and prev.low not in _RELATIVES)
        or prev.low in ("both", "also", "then")
        or (prev.low in TIME_WORDS and clause_start(tokens, i - 1))  # "Yesterday AMD said"
    )


_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")
_COMPANY_SUFFIXES = frozenset("inc corp co ltd plc llc bros".split())
_AGE = re.compile(r"\d+-year-old")
_CONJUNCTIONS = frozenset("but and yet so still".split())


def long_subject(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'A court document filed Thursday says', 'Democrats trying to … say': the clause subject.

    Only for unambiguous verbs of saying, and only when the clause before the
    cue is short and holds no other cue, quotation or subordinator.
    """
    if j < 0:
        return None
    i = j
    while (
        i >= 0
        and tokens[i].text not in (",", ";", ":", "—", "(")
        and (tokens[i].text not in QUOTE_MARKS)
    ):
        low = tokens[i].low
        if low in ("that", "which", "who", "whom", "if", "because", "when", "while"):
            return None
        if low in CUE_FORMS or (low in PASSIVE_AUX and i != j):
            return None
        i -= 1
    start = i + 1
    if start < j and start == 0 and tokens[0].low in _CONJUNCTIONS:
        start = 1  # "But the world's top chip maker said"
    if j - start > 11 or start > j:
        return None
    first = tokens[start]
    if not (first.text[0].isupper() or first.low in DETERMINERS or first.text[0].isdigit()):
        return None
    if first.low in FUNCTION_CAPS and first.low not in ("the",):
        return None
    if not clause_start(tokens, start):
        return None
    return (start, j)


def trailing_appositive(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'"…," the authority's director, Karin Voss, told reporters': the name."""
    k = j - 1
    while k > 0 and tokens[k].text != ",":
        if not (tokens[k].text[0].isupper() or tokens[k].text in "-."):
            return None
        k -= 1
    if k <= 0 or k == j - 1:
        return None
    outer = left_np(tokens, k - 1, 0)
    if outer is None or outer[0] == 0:
        return None
    before = tokens[outer[0] - 1]
    if before.text in (",", "—") or before.text in QUOTE_MARKS:
        return (outer[0], j - 1)
    return None


def name_before_appositive(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'"…," Bensu Elianita, a 22-year-old resident of X, said': the name."""
    k = j - 1
    while k > 0 and tokens[k].text != ",":
        if tokens[k].text in QUOTE_MARKS or tokens[k].text in ".!?;:" or j - k > 16:
            return None
        k -= 1
    if k <= 0 or k == j - 1:
        return None
    outer = left_np(tokens, k - 1, 0)
    if outer is None or outer[0] == 0:
        return None
    if not all(t.text[0].isupper() or t.text in "-." for t in tokens[outer[0] : outer[1] + 1]):
        return None  # a proper name, not "the coach, a former player,"
    before = tokens[outer[0] - 1]
    if before.text in (",", "—") or before.text in QUOTE_MARKS:
        return outer
    return None


def appositive_subject(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'Harry Smith, a fellow at X, said' or 'The charity, Patient Voice, said'.

    Of the phrase before the appositive and the appositive itself, a proper
    name wins: it is what a fact-checker needs as the speaker.
    """
    if j < 2 or tokens[j].text != ",":
        return None
    k = j - 1
    while k > 0 and tokens[k].text != ",":
        if tokens[k].text in ";:":
            return None
        k -= 1
    if k <= 0 or j - k > 25:
        return None
    span = left_np(tokens, k - 1, 0)
    inner = tokens[k + 1 : j]
    if span is None and _opening_description(tokens, k) and _proper(inner):
        return (k + 1, j - 1)  # "Ostrel's human rights ombudsman, Kiril Dobrev, claimed"
    if span is None or not clause_start(tokens, span[0]):
        return None
    if inner and _PARTY_TAG.fullmatch("".join(t.text for t in inner)):
        return span  # "Chris Collins, R-N.Y., said": party and state, not a name
    if inner and len(inner) <= 4 and all(t.text[0].isupper() or t.text in "-." for t in inner):
        head = tokens[span[1]]
        if not head.text[0].isupper() or inner[0].low not in ("the", "a", "an"):
            return (k + 1, j - 1)
    return span


def name_with_appositives(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'Johnnie Wilson, of Springfield, Va., said', 'Donna Rawlings, 59, of Ashton, Md.,
    who watched the ceremony, said': a name opening the sentence, then appositives."""
    if j < 3 or tokens[j].text != ",":
        return None
    first_comma = next((i for i in range(1, j) if tokens[i].text == ","), None)
    if first_comma is None or first_comma > 5 or j - first_comma > 30:
        return None
    name = tokens[:first_comma]
    if name[0].low in FUNCTION_CAPS or not all(t.text[0].isupper() or t.text in "-." for t in name):
        return None
    for t in tokens[first_comma + 1 : j]:
        if t.text in QUOTE_MARKS or t.text in ";:" or t.low in CUE_FORMS:
            return None
    return (0, first_comma - 1)


def _proper(words: list[Token]) -> bool:
    return 0 < len(words) <= 4 and all(t.text[0].isupper() or t.text in "-." for t in words)


def _opening_description(tokens: list[Token], k: int) -> bool:
    """Tokens 0..k-1 are a short description with no verb: 'Ostrel's human rights ombudsman'."""
    return 1 <= k <= 6 and not any(
        t.low in FINITE_VERBS or t.low in CUE_FORMS or t.text in QUOTE_MARKS for t in tokens[:k]
    )


def right_np(tokens: list[Token], i: int, plain: bool = False) -> tuple[int, int] | None:
    """A source phrase starting at token i: 'Mr Smith', 'the ministry', 'one official'.

    With `plain`, also a determiner and plain nouns ('a dispatcher'): only after
    a quotation, where nothing else can follow the cue.
    """
    n = len(tokens)
    j = i
    while j < n and (
        is_np_word(tokens[j])
        or tokens[j].low in ("a", "an", "one")
        or title_stop(tokens, j)
        or initial_stop(tokens, j)
    ):
        j += 1
    while j > i and not is_head(tokens[j - 1]):
        j -= 1
    if j == i + 1 and tokens[i].low in TIME_WORDS:
        return None  # "issued a statement Thursday, saying …": a date, not a source
    if j == i:
        if i < n and tokens[i].low in lexicon.PRONOUNS:
            return (i, i)
        return _determined_noun(tokens, i) if plain else None
    return (i, j - 1)


def _determined_noun(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """'said a dispatcher', 'said the station's night editor': up to three plain words."""
    n = len(tokens)
    if i >= n or tokens[i].low not in DETERMINERS:
        return None
    j = i + 1
    while j < n and j - i <= 3 and _common_noun(tokens[j]):
        j += 1
    return (i, j - 1) if j - 1 > i else None


def _common_noun(tok: Token) -> bool:
    """A plain lower-case word that can head a noun phrase (not glue, not a verb form)."""
    low = tok.low
    if _AGE.fullmatch(low):
        return True  # "said the 29-year-old"
    return (
        tok.text.isalpha()
        and tok.text.islower()
        and low not in FUNCTION_CAPS
        and low not in _NOT_NOUNS
        and low not in _NP_GLUE
        and low not in _NP_PREP
        and low not in lexicon.CLAUSE_STARTERS
        and low not in lexicon.CUE_FORMS
        and low not in PASSIVE_AUX
        and low not in FINITE_VERBS
    )


def subject_end(tokens: list[Token]) -> int:
    """Index of the last token of the sentence-initial noun phrase."""
    i = 0
    while i < len(tokens) and is_np_word(tokens[i]):
        i += 1
    return i - 1


def title_stop(tokens: list[Token], j: int) -> bool:
    """The full stop of an abbreviated title before a name: "said Dr. Ingrid Solberg"."""
    return (
        tokens[j].text == "."
        and j > 0
        and tokens[j - 1].low in lexicon.ABBREVIATIONS
        and tokens[j - 1].low in lexicon.TITLE_WORDS
        and j + 1 < len(tokens)
        and tokens[j + 1].text[0].isupper()
    )


def initial_stop(tokens: list[Token], j: int) -> bool:
    """The full stop of a middle initial: "said Rusli M. Saleh", "John F. Kennedy"."""
    return (
        tokens[j].text == "."
        and j >= 2
        and len(tokens[j - 1].text) == 1
        and tokens[j - 1].text.isupper()
        and tokens[j - 2].text[:1].isupper()
        and j + 1 < len(tokens)
        and tokens[j + 1].text[:1].isupper()
        and tokens[j + 1].text.isalpha()
        and tokens[j + 1].low not in lexicon.PRONOUNS
        and tokens[j + 1].low not in FUNCTION_CAPS
    )


def source_span(tokens: list[Token], span: tuple[int, int], cue: int) -> tuple[int, int] | None:
    """A source phrase cleaned of share-bar words, or None when it cannot be a speaker.

    A speaker is an entity: the phrase may not hold a finite verb or a negation,
    and the words between it and the cue may not negate the cue ("Alder has NOT
    claimed that …" attributes nothing to Alder).
    """
    a, b = span
    while a < b and tokens[a].low in PAGE_FURNITURE:
        a += 1
    phrase = tokens[a : b + 1]
    if any(t.low in NEGATIONS or t.low in FINITE_VERBS for t in phrase):
        return None
    for between in tokens[b + 1 : cue]:
        if between.text in (",", "(", "—"):
            break  # an appositive ("…, who was not involved, said") negates nothing
        if between.low in NEGATIONS:
            return None
    return (a, b)


def determined_subject(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'The intelligence community (concluded that …)': a determiner and up to three
    lower-case words whose head no word list knows; only a clause's subject."""
    i = j
    while i >= 0 and j - i < 4:
        tok = tokens[i]
        if tok.low in DETERMINERS:
            break
        if not (
            tok.text.isalpha()
            and tok.text.islower()
            and tok.low not in FUNCTION_CAPS
            and tok.low not in CUE_FORMS
            and tok.low not in FINITE_VERBS
            and tok.low not in PASSIVE_AUX
            and tok.low not in _NOT_NOUNS
            and not tok.low.endswith("ly")
        ):
            return None
        i -= 1
    if i < 0 or i == j or tokens[i].low not in DETERMINERS or not clause_start(tokens, i):
        return None
    return (i, j)
