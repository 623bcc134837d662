"""Whether a name leads its clause: the cue for who is salient when a pronoun comes.

A person right before a verb is a clause subject; so is one whose verb comes
after an affiliation ("Matthew Ingram of The Globe and Mail dubbed") or an
apposition or relative clause ("Westmacott, who will retire …, praised").
"""

from __future__ import annotations

import re

from claimtrack.extraction.entities import verb_like

NEXT_WORD = re.compile(r",?\s+(?:also\s+|later\s+|earlier\s+|then\s+)?([a-z]+)")
AFFILIATION = re.compile(
    r"\s+(?:of|from|at|for)\s+(?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w.&’'\-]*)*"
)
APPOSED_ROLE = re.compile(r",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?([a-z]+)\b(?=[^,.]{0,60},)")
PRONOUN_SUBJECT = re.compile(r"(He|She)\s+(?:also\s+|then\s+|later\s+|currently\s+)?([a-z]+)")


def leads_clause(sentence: str, after: int) -> bool:
    """Whether a name ending at `after` is followed by its verb, past an affiliation
    ('Matthew Ingram of The Globe and Mail dubbed') or an apposition or relative
    clause ('Westmacott, who will retire after serving in Iran, Turkey and France,
    praised')."""
    verb = NEXT_WORD.match(sentence, after)
    if verb is not None and verb_like(verb.group(1)):
        return True
    skipped = AFFILIATION.match(sentence, after)
    if skipped is not None:
        after = skipped.end()
    elif sentence.startswith((", who ", ", the ", ", a ", ", an "), after):
        comma = sentence.find(",", after + 2)
        while 0 < comma < after + 160:
            verb = NEXT_WORD.match(sentence, comma + 1)
            if verb is not None and verb_like(verb.group(1)):
                return True
            comma = sentence.find(",", comma + 1)
        return False
    verb = NEXT_WORD.match(sentence, after)
    return verb is not None and verb_like(verb.group(1))


_SMALL = frozenset("and the for but nor yet with from into over per via".split())


def title_case(sentence: str) -> bool:
    """'Obama Sees Personal Stake in Museum', where 'Coach Ali Rahimi arrived on Monday'
    is not: every word of three letters or more, small words aside, is capitalised."""
    words = [w for w in sentence.split() if w[:1].isalpha() and len(w) >= 3 and w not in _SMALL]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def mention_fallback(text: str) -> str:
    """A name for a mention with no words left, so no speaker goes nameless."""
    return text or "unknown"
