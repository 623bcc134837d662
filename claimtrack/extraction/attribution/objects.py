"""What follows a cue: a statement, or only a thing or an infinitive.

"said that …" reports a statement; "rejected the offer", "recalled the
effort" and "continued to shun" report acts.  These tests keep such acts
from becoming claims.
"""

from __future__ import annotations

import re

from claimtrack.extraction.attribution.media import MEDIUM_NOUNS
from claimtrack.extraction.attribution.spans import Token
from claimtrack.extraction.attribution.words import DETERMINERS, FINITE_VERBS, QUOTE_MARKS

_OBJECT_PRONOUNS = frozenset("him her them it this that these those us me".split())
_OBJECT_DETERMINERS = frozenset("the a an his her their its this that these those".split())
_ADJECTIVE = re.compile(r"[a-z]+(?:ous|al|ic|ble|ed|ful|less|ive|ent|ant|ary|ist|ing|ish|y)")
_NOT_COMPLEMENT = frozenset(
    "to for on off up back in into out at by from with about over down away".split()
)


def characterises(tokens: list[Token], i: int) -> bool:
    """'called the charges unsubstantiated', 'called Oz a quack': an object and what it
    is called, where 'called the police' and 'called on Congress' are not."""
    n = len(tokens)
    if i >= n:
        return False
    if tokens[i].low in _OBJECT_PRONOUNS:
        j = i + 1
    elif tokens[i].low in _OBJECT_DETERMINERS:
        j = i + 1
        while j < n and j - i <= 3 and tokens[j].text.isalpha() and tokens[j].text.islower():
            if tokens[j + 1 : j + 2] and tokens[j + 1].text.islower() and j - i < 3:
                j += 1
                continue
            j += 1
            break
    elif tokens[i].text[:1].isupper():
        j = i + 1
        while j < n and tokens[j].text[:1].isupper() and j - i < 3:
            j += 1
    else:
        return False
    if j >= n:
        return False
    nxt = tokens[j]
    if nxt.low in _NOT_COMPLEMENT or nxt.text in ".,;:":
        return False
    return (
        nxt.low in ("a", "an", "the")
        or nxt.text in QUOTE_MARKS
        or _ADJECTIVE.fullmatch(nxt.low) is not None
    )


_HEARER_AFTER_TO = frozenset(
    "reporters journalists lawmakers supporters parliament congress police me him her them us"
    " you everyone".split()
)


def infinitive_after(tokens: list[Token], i: int) -> bool:
    """'continued to shun', 'agreed to pay': the verb governs an infinitive, so it is the
    sentence's own verb and no parenthetical 'C, X said'."""
    if i + 1 >= len(tokens) or tokens[i].low != "to":
        return False
    word = tokens[i + 1]
    return (
        word.text.isalpha()
        and word.text.islower()
        and word.low not in DETERMINERS
        and word.low not in _HEARER_AFTER_TO
        and word.low not in MEDIUM_NOUNS
        and word.low not in _OBJECT_DETERMINERS
    )


# Verbs whose object is as often a thing as a statement: a claim needs a clause.
OBJECT_CUES = frozenset(
    "reject recall announce criticize criticise praise hail condemn denounce question cite"
    " welcome".split()
)
# Objects that are statements themselves: "rejected the claims" reports a position.
_STATEMENT_OBJECTS = frozenset(
    """claim claims allegation allegations accusation accusations charge charges report
    reports suggestion suggestions notion idea rumor rumors rumour rumours assertion
    assertions story stories account findings characterization characterisation""".split()
)
_SUBJECT_PRONOUNS = frozenset("he she they it we i you there".split())


def proposition(tokens: list[Token], i: int) -> bool:
    """Whether the words after a cue state something: a clause, a quotation, a colon,
    a characterisation ('as …') or a statement noun ('the claims')."""
    window = tokens[i : i + 15]
    if not window:
        return False
    if window[0].low in _SUBJECT_PRONOUNS:
        return True  # "announced it would …"
    return any(
        t.low in ("that", "as")
        or t.text in QUOTE_MARKS
        or t.text == ":"
        or t.low in FINITE_VERBS
        or t.low in _STATEMENT_OBJECTS
        for t in window
    )
