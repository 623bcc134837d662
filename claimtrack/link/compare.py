"""Claim matching: do two claims state the same proposition, and do they agree?

Pure functions over `Claim` models.  Content is normalised into terms
(stop words dropped, plurals folded, demonyms mapped to their country,
counted nouns mapped to unit classes) so that "10,000 North Korean
soldiers" and "troops from North Korea" share terms.  The score mixes
rapidfuzz's token-set ratio on the normalised text with the rarity-weighted
share of terms, plus a bonus when both claims count the same unit.  The
relation then follows from stance and figures:

- opposite stance (one denies what the other asserts)  → contradicts
- same unit, values that cannot be the same number      → contradicts
- otherwise, a high score                               → corroborates
- a moderate score                                      → related
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from claimtrack.extraction import lexicon, places
from claimtrack.extraction.numbers import unit_class
from claimtrack.link.quantities import (
    SAME_FIGURE_BONUS,
    figures_compared,
    units_of,
    with_figure_bonus,
)
from claimtrack.models import Claim, Figure, Relation, Stance

# Above CONFIRM a link is confirmed automatically; above SUGGEST it is stored
# for a person to confirm; below, it is not stored.  Calibrated on
# benchmarks/links/ (docs/BENCHMARKS.md), as in newsroom claim-matching tools
# that keep people in charge of borderline matches.
CONFIRM = 72.0
SUGGEST = 55.0
# A pair of the same stance at or above this score corroborates; below, it is related.
CORROBORATE = 62.0
# Differing figures contradict only when the texts agree this much without them.
FIGURE_CONTEXT = 50.0
# Claims with fewer content terms are too short to confirm without a person.
SHORT_TERMS = 5

# The score, 0 to MAX_SCORE, is a weighted sum of three measures of shared text,
# each 0-1; the weights sum to one.
MAX_SCORE = 100.0
# Share of the score from rapidfuzz's token-set ratio of the sorted word terms.
RATIO_WEIGHT = 0.35
# Share from the rarity-weighted part of the smaller claim's terms the other holds.
CONTAINMENT_WEIGHT = 0.35
# Share from the rarity-weighted Jaccard overlap of the two claims' terms.
JACCARD_WEIGHT = 0.30
# The Jaccard overlap is multiplied by this (capped at one): half the terms shared counts fully.
JACCARD_SCALE = 2.0
# Slack under SUGGEST for the cheap upper bound, so rounding never skips a pair.
BOUND_SLACK = 1e-9

# General English function words and news filler (after the SMART stop list,
# trimmed of words that carry meaning in claims such as "not" and "no").
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because
    been before being below between both but by can could did do does doing down during
    each few for from further had has have having he her here hers herself him himself
    his how i if in into is it its itself just me more most my myself nor of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves said says say told tell stated according added
    statement reported reports report week month year years today yesterday monday tuesday
    wednesday thursday friday saturday sunday earlier later last next new one two its
    may might must shall us mr ms mrs dr per cent percent approximately around nearly
    almost roughly although though within various using issued light further amid
    among across despite already still even just well however meanwhile""".split()
)
# Words of saying, denying and hedging carry the stance, not the topic: the
# stance is compared separately, so they are not terms.
_NOT_TOPIC = frozenset(
    w
    for w in (
        *lexicon.CUE_FORMS,
        *(h for h in lexicon.HEDGES if " " not in h),
        *(r for r in lexicon.REJECTION_PHRASES if " " not in r),
        "denial",
        "allegation",
        "allegations",
        "alleged",
        "claim",
        "claims",
        "rumor",
        "rumors",
        "rumour",
        "rumours",
        "stereotyped",
        "report",
        "reports",
    )
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
_ANAPHORIC = frozenset(lexicon.ALLEGATION_NOUNS) | {"it", "this", "that", "them", "these"}


def _stem(word: str) -> str:
    """Fold the commonest inflections; enough to match 'deployed'/'deployment' loosely."""
    for suffix in ("ments", "ment", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# News verbs and nouns that name one event, folded to one term ("killed",
# "died", "deaths", "dead" → "kill").  General newswire vocabulary.
_EVENTS = {
    **dict.fromkeys(
        "killed kill kills killing died die dies dead death deaths fatalities".split(), "kill"
    ),
    **dict.fromkeys("wounded injured injuries injury hurt".split(), "injur"),
    **dict.fromkeys("arrested arrest arrests detained detention".split(), "arrest"),
    **dict.fromkeys("stole stolen steal theft stealing".split(), "steal"),
    **dict.fromkeys("closure close closed closing shut shutting".split(), "close"),
    **dict.fromkeys("evacuated evacuation evacuate moved displaced".split(), "evacuat"),
    **dict.fromkeys("resign resigned resignation quit".split(), "resign"),
    **dict.fromkeys("rise rises rose rising increase increased hike hikes".split(), "rise"),
    **dict.fromkeys("fall falls fell falling drop dropped decrease decreased".split(), "fall"),
}


@lru_cache(maxsize=65536)
def _word_term(word: str) -> str | None:
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    low = low.strip("'-")
    if len(low) < 3 or low in STOPWORDS or low in _NOT_TOPIC:
        return None
    if low in _EVENTS:
        return _EVENTS[low]
    unit = unit_class(low)
    if unit is not None and unit not in ("people",) and not low[0].isdigit():
        return f"#{unit}"
    return _stem(low)


def terms(text: str, countries_only: bool = False) -> list[str]:
    """Normalised content terms of a text, in order (duplicates kept)."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text)]
    out: list[str] = []
    i = 0
    while i < len(words):
        # Demonyms and capitals name their country: "North Korean" = "North Korea".
        pair = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else ""
        hit = places.lookup(pair) if pair and words[i][:1].isupper() else None
        if hit is not None:
            out.extend(_country_terms(hit[0]))
            i += 2
            continue
        hit = places.lookup(words[i]) if words[i][:1].isupper() else None
        if hit is not None:
            out.extend(_country_terms(hit[0]))
            i += 1
            continue
        if words[i][0].isdigit() or countries_only:
            i += 1  # numbers are compared as figures, not as words
            continue
        term = _word_term(words[i])
        if term is not None:
            out.append(term)
        i += 1
    return out


@lru_cache(maxsize=1024)
def _country_terms(country: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in country.split())


def matching_text(claim: Claim) -> str:
    """What the claim is about: its content, or its sentence when the content is anaphoric.

    "Russia denied these claims" says nothing on its own; the sentence around it
    names what was denied.
    """
    if _content_terms(claim.text) < 3 or answers_earlier(claim):
        return f"{claim.text} {claim.sentence}"
    return claim.text


@lru_cache(maxsize=100_000)
def _content_terms(text: str) -> int:
    """Cached: matching_text runs for each side of every comparison."""
    return sum(1 for t in terms(text) if t not in _ANAPHORIC)


_ANAPHOR = re.compile(
    r"^(?:the|these|those|such|this|that|the latest|recent|her|his|their|its)\s+(?:\w+\s+)?"
    r"(?:allegations?|claims?|reports?|accusations?|charges?|suggestions?|rumou?rs?)\b"
    r"(?!\s+(?:of|that|about|on)\b)",
    re.IGNORECASE,
)


def answers_earlier(claim: Claim) -> bool:
    """A denial of 'the allegations' or 'these claims' with no content of its own."""
    return claim.stance is Stance.deny and _ANAPHOR.match(claim.text.strip()) is not None


def claim_terms(claim: Claim) -> set[str]:
    """Index terms of a claim: content terms plus the unit of each figure."""
    denier = claim.speaker if claim.stance is Stance.deny else None
    units = tuple(sorted({f.unit for f in claim.figures if f.unit}))
    return set(_claim_terms(matching_text(claim), denier, units))


@lru_cache(maxsize=100_000)
def _claim_terms(text: str, denier: str | None, units: tuple[str, ...]) -> frozenset[str]:
    """Cached: one claim is compared with many others while linking."""
    found = set(terms(text))
    if denier:
        # "Russia denied using the troops": the denier is the agent of what is denied.
        found.update(terms(denier, countries_only=True))
    found.difference_update(_ANAPHORIC)
    found.update(f"#{unit}" for unit in units)
    return frozenset(found)


def claim_entities(claim: Claim) -> frozenset[str]:
    """Terms that name something: from capitalised words and countries in the content."""
    denier = claim.speaker if claim.stance is Stance.deny else None
    return _entities(matching_text(claim), denier)


@lru_cache(maxsize=100_000)
def _entities(text: str, denier: str | None) -> frozenset[str]:
    found: set[str] = set(terms(text, countries_only=True))
    if denier:
        found.update(terms(denier, countries_only=True))
    for word in _CAPITALISED.findall(text):
        term = _word_term(word)
        if term is not None and not term.startswith("#"):
            found.add(term)
    return frozenset(found)


_MONTHS = frozenset(
    """january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


def claim_names(claim: Claim) -> frozenset[str]:
    """Proper names in the content other than countries, months and dateline capitals."""
    return _names(matching_text(claim))


@lru_cache(maxsize=100_000)
def _names(text: str) -> frozenset[str]:
    countries = set(terms(text, countries_only=True))
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if word.isupper() or text[max(0, match.start() - 1)] == "(":
            continue  # "LISK, Aug 7 (Northwire) -": a dateline, not the story's subject
        term = _word_term(word)
        if term is None or term.startswith("#") or term in countries or term in _MONTHS:
            continue
        if places.lookup(word) is not None:
            continue
        found.add(term)
    return frozenset(found)


_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")


def _same_source(a: Claim, b: Claim) -> bool:
    if a.speaker_id is not None and b.speaker_id is not None:
        return a.speaker_id == b.speaker_id
    name_a, name_b = a.speaker or a.speaker_mention, b.speaker or b.speaker_mention
    return bool(name_a) and name_a.casefold() == (name_b or "").casefold()


@dataclass(frozen=True)
class Proposal:
    """The matcher's view of a pair, before any person has looked at it."""

    relation: Relation
    score: float
    reason: str
    short: bool  # too short, or sharing no name or figure: never confirmed automatically


@dataclass(frozen=True)
class Features:
    """What compare() needs of one claim, computed once per claim, not once per pair."""

    terms: frozenset[str]
    text: str  # the word terms, sorted, for rapidfuzz
    units: dict[str, list[Figure]]
    names: frozenset[str]
    entities: frozenset[str]


def features(claim: Claim, terms_: Iterable[str] | None = None) -> Features:
    found = _interned(terms_ if terms_ is not None else claim_terms(claim))
    return Features(
        terms=found,
        text=" ".join(sorted(t for t in found if not t.startswith("#"))),
        units=units_of(claim.figures),
        names=_interned(claim_names(claim)),
        entities=_interned(claim_entities(claim)),
    )


def _interned(words: Iterable[str]) -> frozenset[str]:
    """One string object per distinct word, however many claims a linker holds.

    A long ingest holds the features of 200,000 claims; with a copy of "troops"
    in each, comparing two claims' sets touched strings scattered over a
    gigabyte of memory, and comparison slowed by a third over 100,000 articles.
    """
    return frozenset(map(sys.intern, words))


# What a claim's match features are computed from (its speaker only for a
# denial, as the denier's country is a term): the key under which features
# computed in a worker process are found again by the linker.
FeatureKey = tuple[str, str, str, str | None, tuple[str, ...]]
# Features as a worker sends them: terms, sorted text, names, entities (the
# figures by unit are rebuilt from the claim, cheaper than pickling them).
Prepared = tuple[frozenset[str], str, frozenset[str], frozenset[str]]


def feature_key(claim: Claim) -> FeatureKey:
    denier = claim.speaker if claim.stance is Stance.deny else None
    units = tuple(sorted({f.unit for f in claim.figures if f.unit}))
    return (claim.text, claim.sentence, claim.stance.value, denier, units)


def prepare(claim: Claim) -> Prepared:
    """A claim's features in a form cheap to send between processes."""
    found = features(claim)
    return (found.terms, found.text, found.names, found.entities)


def prepared_features(claim: Claim, found: Prepared) -> Features:
    """The `features` of a claim from what `prepare` computed for the same `feature_key`."""
    terms, text, names, entities = found
    return Features(
        terms=_interned(terms),
        text=text,
        units=units_of(claim.figures),
        names=_interned(names),
        entities=_interned(entities),
    )


class TermWeights:
    """A term's weight, memoised, and the summed weight of a claim's terms.

    One claim is compared with thirty candidates while linking: its total is
    summed once, not thirty times.
    """

    def __init__(self, weight: Callable[[str], float]) -> None:
        self._weight = weight
        self._memo: dict[str, float] = {}
        self._totals: dict[frozenset[str], float] = {}

    def __call__(self, term: str) -> float:
        found = self._memo.get(term)
        if found is None:
            found = self._memo[term] = self._weight(term)
        return found

    def total(self, terms: frozenset[str]) -> float:
        found = self._totals.get(terms)
        if found is None:
            found = self._totals[terms] = sum(map(self, terms))
        return found


def compare(
    a: Claim,
    b: Claim,
    weight: Callable[[str], float] | None = None,
    terms_a: set[str] | None = None,
    terms_b: set[str] | None = None,
    features_a: Features | None = None,
    features_b: Features | None = None,
) -> Proposal | None:
    """Relation of two claims, or None when they are not about the same thing.

    `weight` gives a term's rarity (from the database's term counts); rare
    shared terms ("Kaesong", "liaison") say more than common ones ("government").
    `terms_*` or `features_*` pass what is already computed, for batch linking.
    """
    if _one_source_twice(a, b):
        return None
    fa = features_a or features(a, terms_a)
    fb = features_b or features(b, terms_b)
    shared = _shared_terms(fa, fb)
    if not shared:
        return None
    containment, jaccard = _overlap(fa.terms, fb.terms, shared, weight or (lambda _t: 1.0))
    common_units = sorted(set(fa.units) & set(fb.units))
    best = _text_score(1.0, containment, jaccard)
    if best + (SAME_FIGURE_BONUS if common_units else 0.0) < SUGGEST - BOUND_SLACK:
        return None  # below SUGGEST even if the texts matched word for word: skip the fuzz
    ratio = fuzz.token_set_ratio(fa.text, fb.text) / 100.0  # rapidfuzz's 0-100 as 0-1
    text_score = _text_score(ratio, containment, jaccard)
    agree, differ, loose = figures_compared(fa.units, fb.units, common_units)
    score = with_figure_bonus(text_score, agree, differ or loose)
    if score < SUGGEST:
        return None
    # Same words, possibly about different things ("turnout was 31 percent" in
    # two elections): without a shared name or figure a person decides.
    short = min(len(fa.terms), len(fb.terms)) < SHORT_TERMS or (
        not agree and not (fa.entities & fb.entities)
    )
    return _proposal(a, b, score, text_score, (agree, differ, loose), short)


def _one_source_twice(a: Claim, b: Claim) -> bool:
    """Pairs from one article that are not two sources on one thing."""
    if a.article_id is None or a.article_id != b.article_id:
        return False
    if a.speaker == b.speaker:
        return True  # a speaker repeating itself in one article is not a second source
    # One sentence: "X said A, although Y denied these claims".
    return a.start < b.end and b.start < a.end


def _shared_terms(fa: Features, fb: Features) -> frozenset[str]:
    """Terms both claims hold; none when either names what the other does not."""
    if not fa.terms or not fb.terms:
        return frozenset()
    if fa.names and fb.names and not (fa.names & fb.names):
        # Each names a place, person or company the other does not: shelling in
        # Orla and shelling in Brask are two events, whatever else they share.
        return frozenset()
    return fa.terms & fb.terms


def _overlap(
    ta: frozenset[str], tb: frozenset[str], shared: frozenset[str], w: Callable[[str], float]
) -> tuple[float, float]:
    """(containment, Jaccard) of two term sets, each term counted by its weight."""
    if isinstance(w, TermWeights):
        wa, wb = w.total(ta), w.total(tb)
    else:
        wa, wb = sum(map(w, ta)), sum(map(w, tb))
    ws = sum(map(w, shared))
    return ws / min(wa, wb), ws / (wa + wb - ws)


def _text_score(ratio: float, containment: float, jaccard: float) -> float:
    """The score from the texts alone; with ``ratio`` 1.0, the most the texts could give."""
    return MAX_SCORE * (
        RATIO_WEIGHT * ratio
        + CONTAINMENT_WEIGHT * containment
        + JACCARD_WEIGHT * min(1.0, JACCARD_SCALE * jaccard)
    )


def _proposal(
    a: Claim,
    b: Claim,
    score: float,
    text_score: float,
    figures: tuple[list[str], list[str], list[str]],
    short: bool,
) -> Proposal:
    """The relation of a pair that scored at least SUGGEST, from stance and figures."""
    agree, differ, loose = figures
    shown = round(score, 1)
    if a.stance != b.stance:
        return _opposed(a, b, shown, short)
    if differ and not agree:
        if text_score < FIGURE_CONTEXT:
            # Same unit, different number, little else in common: "19 patients died"
            # and "500 patients were treated" are two quantities, not a dispute.
            return Proposal(Relation.related, shown, "overlapping content", short)
        return Proposal(Relation.contradicts, shown, "figures differ: " + "; ".join(differ), short)
    if loose and not agree:
        # "At least 120" and "about 200": not one number, yet both may hold.
        return Proposal(Relation.related, shown, "figures may both hold: " + "; ".join(loose), True)
    if score >= CORROBORATE:
        reason = "same proposition"
        if agree:
            reason += "; same figure for " + ", ".join(agree)
        return Proposal(Relation.corroborates, shown, reason, short)
    return Proposal(Relation.related, shown, "overlapping content", short)


def _opposed(a: Claim, b: Claim, shown: float, short: bool) -> Proposal:
    """One asserts, the other denies: a dispute, unless both come from one source."""
    denier = a if a.stance == Stance.deny else b
    if _same_source(a, b):
        # "Hackers stole 2 million customers' numbers" and "no passwords were
        # stolen", both from the company: it denies another aspect, or it has
        # changed its position; either way a person reads it, not a dispute.
        return Proposal(
            Relation.related,
            shown,
            f"{denier.speaker or 'one source'} asserts one thing and denies another",
            True,
        )
    return Proposal(
        Relation.contradicts,
        shown,
        f"{denier.speaker or 'a source'} denies what the other asserts",
        short,
    )


def weight_function(df: dict[str, int], total: int) -> TermWeights:
    """Smoothed rarity: a rare term counts up to a few times a common one, not a hundred."""
    return TermWeights(lambda term: 1.0 + 0.5 * math.log(1.0 + total / max(1, df.get(term, 1))))
