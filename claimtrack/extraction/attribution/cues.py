"""Reporting cues: which words of a sentence can introduce an attribution."""

from __future__ import annotations

import re

from claimtrack.extraction.attribution.spans import Token
from claimtrack.extraction.lexicon import CUE_FORMS, NOMINAL_CUES, PHRASE_CUES

# Cue detection is a set lookup over lower-cased words, not one big regex
# alternation: the alternation cost 2 ms per article, the set test is C-level.
_WORD = re.compile(r"[A-Za-z]+")
_PHRASES: dict[str, list[tuple[list[str], str]]] = {}
for _phrase, _lemma in PHRASE_CUES.items():
    _first, *_rest = _phrase.split()
    _PHRASES.setdefault(_first, []).append((_rest, _lemma))
_TRIGGERS = frozenset(CUE_FORMS) | frozenset(_PHRASES) | frozenset(NOMINAL_CUES) | {"quoted"}


def has_cue(sentence: str) -> bool:
    """Cheap pre-check so most sentences skip the token walk entirely."""
    return not _TRIGGERS.isdisjoint(_WORD.findall(sentence.lower()))


def find_cues(tokens: list[Token]) -> list[tuple[int, int, str, str]]:
    """(first token, last token, lemma, form) of each cue in reading order."""
    found = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        low = tok.low
        if low in _PHRASES:
            for rest, lemma in _PHRASES[low]:
                if [t.low for t in tokens[k + 1 : k + 1 + len(rest)]] == rest:
                    found.append((k, k + len(rest), lemma, "phrase"))
                    break
            else:
                if low in CUE_FORMS:
                    found.append((k, k, *CUE_FORMS[low]))
            continue
        if low == "quoted":
            found.append((k, k, "quote", "quoted"))
        elif low in NOMINAL_CUES and _owned_then_that(tokens, k):
            found.append((k, k, NOMINAL_CUES[low], "noun"))
        elif low in CUE_FORMS and (k + 1 >= n or tokens[k + 1].text != "-"):
            found.append((k, k, *CUE_FORMS[low]))
    return found


def _owned_then_that(tokens: list[Token], k: int) -> bool:
    """'Trump's claim that', 'his denial that': an owner before the noun, 'that' after."""
    if k == 0 or k + 1 >= len(tokens) or tokens[k + 1].low != "that":
        return False
    owner = tokens[k - 1]
    return (
        owner.low.endswith(("’s", "'s"))
        or owner.low in ("his", "her", "their", "its")
        or (owner.text in ("’", "'") and k >= 2 and tokens[k - 2].low.endswith("s"))
    )
