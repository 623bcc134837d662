"""What the database says about a statement being checked: `claimtrack match`."""

from __future__ import annotations

from claimtrack.extraction.claims import extract
from claimtrack.extraction.numbers import find_figures
from claimtrack.link.compare import (
    CONFIRM,
    SUGGEST,
    claim_names,
    claim_terms,
    compare,
    weight_function,
)
from claimtrack.link.linker import Linker
from claimtrack.link.quantities import compatible, figure_key
from claimtrack.models import Article, Claim, Match, Relation
from claimtrack.query import eventcache

# A fact-checker looking up one statement can afford more candidates than ingest.
MATCH_CANDIDATES = 100
# Below CONFIRM, from this score a same-stance overlap that states the same figure
# or names the same things corroborates (benchmarks/ecbplus.py, match by headline).
AGREE = 65.0


def match(linker: Linker, statement: str, about: int | None = None) -> list[Match]:
    """Stored claims about the statement, strongest first, with how they relate to it.

    `about` is the article the statement comes from, when it is a stored claim
    (the review room's similar claims): a claim about another event then
    relates to it at most, as links between events never corroborate or contradict.
    """
    probe = _probe(statement)
    probe_terms = claim_terms(probe)
    if not probe_terms:
        return []
    store = linker.store
    with store._read() as conn:
        df, total = linker._weights(conn, probe_terms)
        ids = linker._candidates(conn, probe_terms, -1, df, limit=MATCH_CANDIDATES)
        candidates = linker._claims_by_id(conn, ids)
    weight = weight_function(df, total)
    found = []
    for claim in candidates.values():
        proposal = compare(probe, claim, weight=weight, terms_a=probe_terms)
        if proposal is None or proposal.score < SUGGEST:
            continue
        relation = proposal.relation
        # A statement checked against the archive: below the score that links
        # confirm on their own, shared words are a topic, not the proposition,
        # unless both state the same figure of one quantity, or name the same
        # things (two names or more).
        if (
            relation is Relation.corroborates
            and proposal.score < CONFIRM
            and (proposal.score < AGREE or not _agrees(probe, claim))
        ):
            relation = Relation.related
        found.append(
            Match(claim=claim, score=proposal.score, relation=relation, reason=proposal.reason)
        )
    if about is not None:
        found = _within_event(linker, about, found)
    return sorted(found, key=lambda m: (-m.score, m.claim.id or 0))


def _within_event(linker: Linker, about: int, found: list[Match]) -> list[Match]:
    """Matches of another event than article `about`'s are `related` at most."""
    events = eventcache.events(linker)
    mine = events.get(about, about)
    return [
        m
        if m.relation is Relation.related
        or m.claim.article_id is None
        or events.get(m.claim.article_id, m.claim.article_id) == mine
        else m.model_copy(
            update={"relation": Relation.related, "reason": f"another event; {m.reason}"}
        )
        for m in found
    ]


def _agrees(probe: Claim, claim: Claim) -> bool:
    """The same figure of one quantity, or two names or more in common."""
    for mine in probe.figures:
        key = figure_key(mine)
        if key is None:
            continue
        for theirs in claim.figures:
            if figure_key(theirs) == key and compatible(mine, theirs):
                return True
    return len(claim_names(probe) & claim_names(claim)) >= 2


def _probe(statement: str) -> Claim:
    """The statement as a claim: extracted if it is attributed, else taken as asserted."""
    article = Article(text=statement)
    extracted = extract(article).claims
    if extracted:
        probe = extracted[0]
        return probe.model_copy(update={"article_id": -1, "speaker": None})
    return Claim(
        article_id=-1,
        speaker=None,
        speaker_mention="",
        cue="",
        text=statement,
        sentence=statement,
        start=0,
        end=len(statement),
        figures=find_figures(statement),
    )
