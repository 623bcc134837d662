"""An article's lead names: the capitalised words of its title and opening lines.

They say which event an article tells (link/scope.py decides whether two
articles can tell one event, link/events.py groups articles into events).
They are read once, when the article is stored, and kept with it: reading
every lead again made each `disputes` call cost seconds.
"""

from __future__ import annotations

import re

from claimtrack.extraction import lexicon, places
from claimtrack.extraction.attribution.words import TIME_WORDS

# A run of names as stored: each word folded, with whether the lead also writes it
# in lower case.
Runs = list[list[tuple[str, bool]]]

# Characters of the text, after the title, that make the lead.
LEAD_CHARS = 600

_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]{2,}")
_LOWER = re.compile(r"\b[a-z][a-z'’-]{2,}")
# Capitalised words that name no place, person or body of one story: sentence
# openers, titles, wire agencies and newsroom furniture.
_NOT_NAMES = frozenset(
    """the and but for with from this that these those there their they then when
    while after before what who why how where according update updated breaking
    photo video watch read more news reuters afp associated press upi bloomberg
    said says new police officials government president minister state states
    united national city county world north south east west northern southern
    eastern western central first second last""".split()
)


def name_runs(title: str | None, text: str) -> Runs:
    """The lead's names, folded, as runs of adjacent capitalised words.

    Each name comes with whether the lead also writes it in lower case ("Bridge"
    beside "the bridge"): alone such a word is no name, inside a run it is part of one.
    """
    lead = f"{title or ''}\n{text[:LEAD_CHARS]}"
    common = set(_LOWER.findall(lead))  # "Earthquake kills 24": the lead writes "earthquake"
    runs: Runs = []
    end = -2
    for match in _NAME.finditer(lead):
        word = match.group()
        low = word.lower().rstrip("'’").removesuffix("'s").removesuffix("’s")
        if (
            len(low) < 3
            or low in _NOT_NAMES
            or low in TIME_WORDS
            or low in lexicon.TITLE_WORDS
            or low in lexicon.CLAUSE_STARTERS
        ):
            continue
        place = places.lookup(word)  # "Indonesian" is Indonesia; "Paris" stays Paris
        name = place[0].lower() if place and place[1] == "demonym" else low
        if runs and match.start() == end + 1 and lead[end] == " ":
            runs[-1].append((name, low in common))
        else:
            runs.append([(name, low in common)])
        end = match.end()
    return runs
