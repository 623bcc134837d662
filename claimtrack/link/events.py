"""Events: which articles tell one story, so a figure is compared only within its event.

"12 people killed" in a bombing and in a party shooting is one number of two
events; so are an earthquake's toll and another earthquake's a few years
later in the same province.  Articles are grouped by their leads' names: an
article joins the event whose first article shares the most with it, among
those sharing at least two names, or one when both were published within
`DAYS` of each other or either lead names only `FEW_NAMES` things; never
when both dates are known and further apart.  Comparing with the first
article only, not with every member, keeps one shared pair of names from
chaining a country's stories into one event.  A run of capitalised words is
one name ("Geological Survey" is one source, not two facts of the event) and
countries are no names here (two earthquakes in one country are two
events).  A lead that names three things or fewer cannot tell: such an
article joins an event only when published within `DAYS` of its first
article (or, among claims already linked, when a date is unknown), else it
is an event of its own.  On ECB+ dev, 74% of article pairs about one
event share an event, and 29% of pairs about a similar event do
(docs/BENCHMARKS.md): leads alone cannot tell two seasons' games apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache

from claimtrack.extraction import places
from claimtrack.extraction.leadnames import Runs, name_runs
from claimtrack.link.scope import SHARED_NAMES

# Articles about one event published further apart than this are two events.
DAYS = 10
# A lead naming this few things shares one name at most with another telling.
FEW_NAMES = 3
# A word in the leads of more events than this is read as no name: it tells
# none apart, and comparing with each of them made grouping quadratic.
MAX_SEEDS = 50
# Events an article is compared with: those whose first article shares most words.
MAX_COMPARED = 8


@lru_cache(maxsize=4096)
def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _near(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= DAYS


# An article's event names: each a run of capitalised words, as a set of its words.
EventFrame = frozenset[frozenset[str]]


def event_frame(title: str | None, text: str) -> EventFrame:
    """The lead's names as events are told apart: a run of capitalised words is one
    name ("Geological Survey" is one source, not two facts of the event; "Ana
    Duarte" and "Duarte" are one person), and countries are left out (two
    earthquakes in one country are two events)."""
    return event_frame_of(name_runs(title, text))


def event_frame_of(runs: Runs) -> EventFrame:
    """`event_frame` from the lead's name runs, as stored with the article."""
    names = set()
    for run in runs:
        if len(run) == 1 and (run[0][1] or places.lookup(run[0][0]) is not None):
            continue
        names.add(frozenset(word for word, _ in run))
    return frozenset(names)


def _shared(a: EventFrame, words_a: frozenset[str], b: EventFrame, words_b: frozenset[str]) -> int:
    """Names of one frame that the other names too, counted from the side with fewer."""
    return min(sum(1 for n in a if n & words_b), sum(1 for n in b if n & words_a))


def event_ids(
    articles: Iterable[int],
    frames: Mapping[int, EventFrame],
    dates: Mapping[int, str] | None = None,
    linked: bool = False,
) -> dict[int, int]:
    """Each article's event, named by the id of its first article (ids ascending).

    An article that shares too little with any event, when its lead or the
    event's names `FEW_NAMES` things or fewer, joins the one such event
    published within `DAYS` of it (with `linked`, the articles' claims already
    linked as one dispute's, also one whose date is unknown); when there are
    several, it stands alone: choosing would be a guess.
    """
    dates = dates or {}
    ordered = sorted(set(articles))
    days = {a: _day(dates.get(a)) for a in ordered}
    seeds_by_word: dict[str, list[int]] = {}
    seeds_by_day: dict[date | None, list[int]] = {}
    words_of: dict[int, frozenset[str]] = {}
    found: dict[int, int] = {}
    for article in ordered:
        names = frames.get(article, frozenset())
        day = days.get(article)
        words = words_of[article] = frozenset().union(*names) if names else frozenset()
        seed = _best_seed(names, words, day, frames, days, words_of, seeds_by_word)
        if seed is None:
            seed = _thin_seed(names, day, frames, seeds_by_day, linked)
        if seed is not None:
            found[article] = seed
            continue
        found[article] = article
        seeds_by_day.setdefault(day, []).append(article)
        for word in words:
            seeds_by_word.setdefault(word, []).append(article)
    return found


def _best_seed(
    names: EventFrame,
    words: frozenset[str],
    day: date | None,
    frames: Mapping[int, EventFrame],
    days: Mapping[int, date | None],
    words_of: Mapping[int, frozenset[str]],
    seeds_by_word: Mapping[str, list[int]],
) -> int | None:
    """The event whose first article shares the most of what the leads name, if enough."""
    counts: dict[int, int] = {}
    for word in words:
        seeds_of = seeds_by_word.get(word, ())
        if len(seeds_of) > MAX_SEEDS:
            continue  # a word that many events name tells none apart
        for seed in seeds_of:
            counts[seed] = counts.get(seed, 0) + 1
    best: tuple[float, int, int] | None = None
    # The events sharing the most words first; past the first few, none wins.
    for seed, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COMPARED]:
        # Published within days of each other, or with a lead that names only
        # a few things, one shared name is enough.
        seed_day, seed_names = days.get(seed), frames[seed]
        fewest = min(len(names), len(seed_names))
        dated = seed_day is not None and day is not None
        need = 1 if dated or fewest <= FEW_NAMES else SHARED_NAMES
        if counts[seed] < need or not _near(seed_day, day):
            continue
        shared = _shared(names, words, seed_names, words_of[seed])
        if shared >= need:
            score = (shared / fewest, shared, -seed)
            best = score if best is None or score > best else best
    return None if best is None else -best[2]


def _thin_seed(
    names: EventFrame,
    day: date | None,
    frames: Mapping[int, EventFrame],
    seeds_by_day: Mapping[date | None, list[int]],
    linked: bool,
) -> int | None:
    """The one event near in time that a thin lead (its own or the event's) may join."""
    if day is None:
        near = [s for seeds in seeds_by_day.values() for s in seeds] if linked else []
    else:
        near = [
            s
            for offset in range(-DAYS, DAYS + 1)
            for s in seeds_by_day.get(day + timedelta(days=offset), ())
        ]
        near += list(seeds_by_day.get(None, ())) if linked else []
    thin = len(names) <= FEW_NAMES
    fitting = [s for s in near if thin or len(frames.get(s, ())) <= FEW_NAMES]
    return fitting[0] if len(fitting) == 1 else None
