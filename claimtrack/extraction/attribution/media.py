"""The medium that carried someone's words: 'told the website TechDaily', 'wrote on Instagram'.

A person quoted through a publication or platform is still the speaker; the
publication or platform goes into the claim's chain (`via`), as a news agency
quoting an official does, and `outlet` stays the publisher of the stored
article.
"""

from __future__ import annotations

import re

from claimtrack.extraction.attribution.spans import Mention, Token, mention_of
from claimtrack.extraction.attribution.words import DETERMINERS, QUOTE_MARKS, TIME_WORDS

# Nouns that name a medium, not an audience ("told the website X", "on his blog").
MEDIUM_NOUNS = frozenset(
    """website site newspaper paper magazine journal broadcaster channel network station
    radio television tv podcast programme program show outlet daily weekly tabloid blog
    account page feed wire agency newsletter""".split()
)
# Platforms named bare ("wrote on Instagram"): a general lexicon of the medium, like
# the title words below.
PLATFORMS = frozenset(
    """instagram twitter facebook tiktok youtube snapchat weibo wechat telegram linkedin
    reddit threads substack bluesky mastodon truth x""".split()
)
# Nouns after which "to X" or "with X" names whoever received the words in writing.
_ADDRESSED = frozenset("statement email e-mail letter note".split())
_POSSESSIVES = frozenset("his her their its our my".split())
_WITH = ("interview", "conversation", "podcast", "call")
# Words in the names of publications and broadcasters ("The Daily Courier", "Radio Nord").
_TITLE_WORDS = frozenset(
    """news times post radio tv journal herald daily gazette telegraph tribune guardian
    observer chronicle courier express mail star sun mirror standard review magazine
    weekly press wire network channel television broadcasting media sentinel inquirer
    bulletin dispatch examiner enquirer courant monitor advertiser globe independent
    register gazette argus beacon""".split()
)


def media(
    tokens: list[Token], after: int, content_from: int, text: str, tell: bool = False
) -> list[Mention]:
    """Media named between a cue (ending before token `after`) and its content."""
    found: list[Mention] = []
    hearer = hearer_medium(tokens, after, content_from) if tell else None
    if hearer is not None:
        found.append(_medium(tokens, hearer, text))
        after = hearer[1] + 1
    i = after
    while i < content_from:
        span = _medium_at(tokens, i, content_from)
        if span is None:
            i += 1
            continue
        found.append(_medium(tokens, span, text))
        i = span[1] + 1
    return found


def _medium(tokens: list[Token], span: tuple[int, int], text: str) -> Mention:
    mention = mention_of(tokens, span, text)
    mention.medium = True
    return mention


def _medium_at(tokens: list[Token], i: int, stop: int) -> tuple[int, int] | None:
    """A medium's name starting at or just after token i, before token `stop`."""
    low = tokens[i].low
    if low in ("to", "with") and i > 0 and tokens[i - 1].low in _ADDRESSED:
        return _capitals(tokens, i + 1, stop) or _named(
            tokens, i + 1, stop
        )  # "a statement to Wired"
    if low in ("on", "to", "via") or (low == "with" and i > 0 and tokens[i - 1].low in _WITH):
        return _named(tokens, i + 1, stop)
    if low == "in":
        # "in Saturday's New York Times", "in the Daily Courier": a named publication.
        j = i + 1
        while j < stop and (tokens[j].low in DETERMINERS or tokens[j].low.endswith(("’s", "'s"))):
            j += 1
        span = _capitals(tokens, j, stop)
        if span is not None and _publication(tokens[span[0] : span[1] + 1]):
            return span
    if low in DETERMINERS and i + 1 < stop and _medium_noun(tokens[i + 1]):
        # "told the website TechDaily": the name after the noun, else the noun phrase.
        return _capitals(tokens, i + 2, stop) or (i, i + 1)
    return None


def hearer_medium(tokens: list[Token], after: int, stop: int) -> tuple[int, int] | None:
    """'told CNN', 'told The Daily Courier': a hearer that is a publication, not a person."""
    start = after + 1 if after < stop and tokens[after].low in DETERMINERS else after
    span = _capitals(tokens, start, stop)
    if span is None:
        return None
    if _publication(tokens[span[0] : span[1] + 1]):
        return (after, span[1]) if start > after else span
    return None


def _medium_noun(tok: Token) -> bool:
    return tok.text.islower() and tok.low in MEDIUM_NOUNS


def _named(tokens: list[Token], i: int, stop: int) -> tuple[int, int] | None:
    """'Instagram', 'the Daily Courier', 'CNN', 'her blog', '"Weekend Report"'."""
    if i < stop and tokens[i].text in QUOTE_MARKS:
        end = next((j for j in range(i + 1, stop) if tokens[j].text in QUOTE_MARKS), None)
        if end is not None and tokens[end - 1].text in ".,!?":
            end -= 1  # '"Fox News Sunday."': the sentence's stop sits inside the quotes
        return (i + 1, end - 1) if end is not None and end > i + 1 else None
    if i < stop and tokens[i].low in _POSSESSIVES:
        # "on his blog": the speaker's own medium carries nothing between; a named one does.
        return (
            _capitals(tokens, i + 2, stop) if i + 1 < stop and _medium_noun(tokens[i + 1]) else None
        )
    if i < stop and tokens[i].low in DETERMINERS:
        if i + 1 < stop and _medium_noun(tokens[i + 1]):
            return _capitals(tokens, i + 2, stop) or (i, i + 1)
        span = _capitals(tokens, i + 1, stop)
        if span is None or not _publication(tokens[span[0] : span[1] + 1]):
            return None  # "said to the Republican nominee"
        return (i, span[1])
    span = _capitals(tokens, i, stop)
    if span is not None and tokens[span[0]].low in TIME_WORDS:
        return None  # "said on Friday"
    if span is not None and span[1] + 1 < stop and _medium_noun(tokens[span[1] + 1]):
        return (span[0], span[1] + 1)  # "Time magazine", "Fox News channel"
    if span is not None and not _publication(tokens[span[0] : span[1] + 1]):
        return None  # "said on Capitol Hill", "in an interview with Smith"
    return span


def _publication(words: list[Token]) -> bool:
    """A name that can be a publication or platform: an acronym, a title word, a platform."""
    if len(words) == 1 and words[0].text.isupper() and len(words[0].text) >= 2:
        return True
    parts = {p for w in words for p in re.split(r"[-.]", w.low) if p}
    return bool(parts & _TITLE_WORDS or parts & PLATFORMS)


def _capitals(tokens: list[Token], i: int, stop: int) -> tuple[int, int] | None:
    """A run of capitalised words from token i (a name), or None."""
    j = i
    while j < stop and tokens[j].text[0].isupper() and _NAME_WORD.fullmatch(tokens[j].text):
        j += 1
    return (i, j - 1) if j > i else None


_NAME_WORD = re.compile(r"\w+(?:[-.]\w+)*\.?")  # "Union-Tribune", "U.S.", "Politico"
