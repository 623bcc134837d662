"""Stored claim links: blocking index, incremental linking and people's decisions.

Candidates for a claim come from the database's full-text index over claim
terms (textindex.py: claims sharing at least two of its rarer terms), never
from comparing all pairs, so linking a
new article costs time in proportion to its own claims.  Term rarity (from the
same index) weights the comparison.  A person's decision on a link (confirm or
reject) is kept: re-linking never overwrites it, and a rejected pair never
comes back.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, func, insert, or_, select, update

from claimtrack.batching import chunks
from claimtrack.errors import NotFoundError
from claimtrack.link import decision
from claimtrack.link.compare import (
    CONFIRM,
    FeatureKey,
    Features,
    Prepared,
    Proposal,
    compare,
    feature_key,
    features,
    prepared_features,
    weight_function,
)
from claimtrack.link.decision import LinkChangedError as LinkChangedError  # re-exported
from claimtrack.link.decision import LinkError as LinkError
from claimtrack.link.events import EventFrame, event_frame_of
from claimtrack.link.leads import remember_leads
from claimtrack.link.ownvoice import may_share_a_figure, own_voice_link
from claimtrack.link.pending import Pending
from claimtrack.link.rows import link_from_row
from claimtrack.link.scope import frame_of, other_event
from claimtrack.link.termcache import TermCache
from claimtrack.models import Claim, ClaimLink, ClaimWithLinks, LinkStatus, Relation
from claimtrack.store import textindex
from claimtrack.store.backend import Backend
from claimtrack.store.database import Store, claim_select, claims_from, id_chunks
from claimtrack.store.tables import ARTICLE, CLAIM, LINK, TERM_STAT, valid_id

MAX_CANDIDATES = 30
# Links a new claim may add (its strongest); older claims keep theirs.
MAX_LINKS = 10
# An own-voice claim (a narrated figure) keeps fewer: they only say who reports a number.
OWN_VOICE_LINKS = 3
# Terms per claim used to find candidates, and claims kept per term (most recent).
MAX_TERMS = 10
POSTING = 400
AUTO = "auto"
# Claims whose match features a Linker keeps in memory (a few hundred bytes each).
RECENT = 200_000
# Articles whose event frames a Linker keeps in memory (a few dozen names each).
RECENT_ARTICLES = 100_000


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Linker:
    """Links claims of a `Store`; shares its connection handling and transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Recent claims and their match features: a new article's candidates are
        # mostly recent claims, and rebuilding them from rows cost more than the
        # comparisons.  Claims are immutable once stored, apart from their
        # speaker's display name after a merge, which a new Linker sees.
        self._recent: OrderedDict[int, tuple[Claim, Features]] = OrderedDict()
        # Posting lists and term counts read so far, exact while no one else indexes.
        self._terms = TermCache(POSTING)
        # Features of claims about to be stored, computed by ingest's workers.
        self._prepared: dict[FeatureKey, Prepared] = {}
        # Writes of the transaction in progress that nothing in it reads back from
        # the database, sent together by `flush` just before it commits: per row
        # and per statement they were most of a PostgreSQL ingest's round trips.
        # Reads in the transaction add the pending index entries (`Pending`).
        self._pending = Pending()
        # Articles' event frames (scope.py), by article id, most recent last.
        self._frame_cache: OrderedDict[int | None, frozenset[str]] = OrderedDict()
        # And the names events.py groups them by, for `figures` and `disputes`.
        self._event_cache: OrderedDict[int | None, EventFrame] = OrderedDict()

    def prepare(self, found: Mapping[FeatureKey, Prepared]) -> None:
        """Features computed elsewhere for the claims linked next (replacing earlier ones).

        Ingest's worker processes compute them beside extraction, off the one
        process that stores and links; a claim whose key is not here (its
        speaker was renamed on storing) has its features computed as usual.
        """
        self._prepared = dict(found)

    # -- linking ---------------------------------------------------------------

    def link_article(self, article_id: int) -> int:
        """Index one article's claims and link them to everything stored; returns links made."""
        claims = self._claims_where(CLAIM.c.article_id == article_id)
        with self.store._write(f"cannot link article {article_id}") as conn:
            made = self._link(conn, claims, article_id)
            self.flush(conn)
            return made

    def link_stored(self, conn: Connection, article_id: int, claims: list[Claim]) -> int:
        """Link an article inside the transaction that is storing it (`Store.add`'s `then`).

        One transaction instead of two per article; call `flush` before it commits
        (`Store.add`'s `finish`), and `forget` if it rolls back. `claims` are the
        article's claims as stored, in start order.
        """
        return self._link(conn, claims, article_id, fresh=True)

    def flush(self, conn: Connection) -> None:
        """Write what linking in this transaction left pending; call it before committing."""
        pending = self._pending
        insert_rows = self.store.backend.insert_rows
        if pending.terms:
            textindex.insert(conn, pending.terms)
        insert_rows(
            conn,
            TERM_STAT,
            ("term", "df"),
            sorted(pending.df.items()),
            on_conflict="ON CONFLICT (term) DO UPDATE SET df = term_stat.df + excluded.df",
        )
        columns = ("claim_a", "claim_b", "relation", "score", "reason", "status", "decided_by")
        insert_rows(conn, LINK, columns, [tuple(map(row.get, columns)) for row in pending.links])
        if pending.linked:
            now = _now()
            for chunk in id_chunks(pending.linked):
                conn.execute(update(ARTICLE).where(ARTICLE.c.id.in_(chunk)).values(linked_at=now))
        if pending.terms:
            textindex.touch(conn, pending.stamp)
        self._pending = Pending()

    def forget(self) -> None:
        """Drop the claims and posting lists held in memory.

        After a rolled-back store-and-link, the ids it used may be given to other
        claims (SQLite reuses them), so nothing remembered under them can stay.
        """
        self._recent.clear()
        self._frame_cache.clear()
        self._event_cache.clear()
        self._terms.clear()
        self._prepared.clear()
        self._pending = Pending()

    def relink(self) -> int:
        """Rebuild the index and every undecided link, keeping people's decisions."""
        self.forget()  # speakers may have been merged since
        with self.store._write() as conn:
            textindex.remove(conn)
            conn.execute(delete(TERM_STAT))
            conn.execute(
                delete(LINK).where(or_(LINK.c.decided_by.is_(None), LINK.c.decided_by == AUTO))
            )
        article_ids = [a.id for a in self.store.articles()]
        made = 0
        for article_id in article_ids:
            made += self.link_article(article_id)
        return made

    def _link(
        self, conn: Connection, claims: Sequence[Claim], article_id: int, fresh: bool = False
    ) -> int:
        prepared = {c.id: self._features_of(c) for c in claims if c.id is not None}
        own_terms = {claim_id: set(found.terms) for claim_id, found in prepared.items()}
        # Never linked before (`fresh`): none of its claims is indexed or linked yet,
        # since linked_at is set in the same transaction as both.
        fresh = (
            fresh
            or conn.execute(
                select(ARTICLE.c.linked_at).where(ARTICLE.c.id == article_id)
            ).scalar_one_or_none()
            is None
        )
        pending = self._begin(conn)
        # In the linking transaction: either the article is linked and says so, or neither.
        pending.linked.append(article_id)
        if not own_terms:
            return 0
        self._index(conn, own_terms, fresh)
        terms = set().union(*own_terms.values())
        weights, total = self._weights(conn, terms, cached=True)
        ranked = {cid: _rarest(ts, weights) for cid, ts in own_terms.items()}
        postings = self._terms.postings(
            set().union(*ranked.values()),
            lambda terms: pending.add_postings(self._postings(conn, terms)),
        )
        wanted: dict[int, set[int]] = {}
        for claim_id, claim_terms_ in own_terms.items():
            wanted[claim_id] = self._candidates(
                conn, claim_terms_, claim_id, weights, postings=postings
            )
        known = self._known(conn, set().union(*wanted.values()) - set(own_terms))
        for claim in claims:
            assert claim.id is not None
            known[claim.id] = self._remember(claim, prepared[claim.id])
        proposals: dict[tuple[int, int], Proposal] = {}
        weight = weight_function(weights, total)
        frames = self._frames(conn, {c.article_id for c, _ in known.values()})
        for claim in claims:
            assert claim.id is not None
            own = known[claim.id][1]
            found: list[tuple[tuple[int, int], Proposal]] = []
            for other_id in sorted(wanted[claim.id]):
                if other_id not in known:
                    continue
                other, theirs = known[other_id]
                key = _pair(claim.id, other_id)
                if key in proposals:
                    continue
                voice = not (claim.attributed and other.attributed)
                if voice and not may_share_a_figure(own, theirs):
                    continue
                proposal = compare(claim, other, weight=weight, features_a=own, features_b=theirs)
                if voice:
                    proposal = own_voice_link(proposal)
                if proposal is not None and not other_event(claim, other, own, theirs, frames):
                    found.append((key, proposal))
            # A claim keeps its strongest links only: a fact-checker reads the
            # best few, and the store must not grow with every loose overlap.
            found.sort(key=lambda item: (-item[1].score, item[0]))
            proposals.update(found[: MAX_LINKS if claim.attributed else OWN_VOICE_LINKS])
        proposals.update(self._anaphoric_denials(claims, proposals))
        return self._store_proposals(conn, proposals, set(own_terms), fresh)

    def _frames(
        self, conn: Connection, article_ids: Iterable[int | None]
    ) -> Mapping[int | None, frozenset[str]]:
        """Each article's event frame (scope.py), read once and remembered."""
        remember_leads(conn, article_ids, frame_of, self._frame_cache)
        while len(self._frame_cache) > RECENT_ARTICLES:
            self._frame_cache.popitem(last=False)
        return self._frame_cache

    def event_frames(self, conn: Connection, article_ids: Iterable[int]) -> dict[int, EventFrame]:
        """Each article's event names (events.py), for `figures` and `disputes`."""
        wanted, cache = set(article_ids), self._event_cache
        remember_leads(conn, wanted, event_frame_of, cache)
        found = {a: cache[a] for a in wanted if a in cache}
        while len(cache) > RECENT_ARTICLES:
            cache.popitem(last=False)
        return found

    def _begin(self, conn: Connection) -> Pending:
        """The pending writes of this transaction; on its first article, take the index.

        On PostgreSQL linkers take turns (textindex.stamp's lock, held until the
        transaction ends), and the posting lists held in memory are kept only if
        no one else has indexed claims since this linker last did.
        """
        transaction = conn.get_transaction()
        if self._pending.transaction is not transaction or transaction is None:
            # Anything pending from an earlier transaction was never flushed: it
            # rolled back, and what this linker remembers of it is void.
            if self._pending.transaction is not None:
                self._recent.clear()
                self._terms.clear()
            self._terms.sync(textindex.stamp(conn, lock=True))
            self._pending = Pending(transaction, textindex.new_stamp())
        return self._pending

    def _index(self, conn: Connection, own_terms: dict[int, set[str]], fresh: bool) -> None:
        """(Re)index claims and keep each term's claim count current (pending till `flush`)."""
        old: dict[str, int] = {}
        indexed = {} if fresh else textindex.indexed(conn, own_terms)
        for found in indexed.values():
            for term in found:
                old[term] = old.get(term, 0) + 1
        if indexed:
            textindex.remove(conn, indexed)
            self._terms.clear()
            for term, n in old.items():
                conn.execute(
                    update(TERM_STAT).where(TERM_STAT.c.term == term).values(df=TERM_STAT.c.df - n)
                )
        if not any(own_terms.values()):
            return
        pending = self._pending
        assert pending.stamp is not None  # set by _begin
        for claim_id, ts in own_terms.items():
            if ts:
                pending.terms[claim_id] = ts
                pending.df.update(ts)
        self._terms.added(own_terms, pending.stamp)

    def _weights(
        self, conn: Connection, terms: set[str], cached: bool = False, total: int | None = None
    ) -> tuple[dict[str, int], int]:
        """Claim count of each term (from term_stat) and of all claims stored (`total`).

        With `cached`, inside a linking transaction after `_begin`, counts come from
        the linker's copy, the database and the transaction's pending counts.
        """
        if not terms:
            return {}, 1
        # The stored count, not max(id): a sequence's gaps would make the links of
        # an interrupted ingest differ from those of one run straight through.
        if total is None:
            total = self.store.claim_count(conn) or 1
        backend = self.store.backend
        if cached:
            pending = self._pending
            known = self._terms.counts(
                terms,
                lambda missing: pending.add_counts(_term_counts(backend, conn, missing), missing),
            )
        else:
            known = _term_counts(backend, conn, list(terms))
        # Only these terms: a term of another claim weighs as unseen, as it always has.
        return {t: known[t] for t in terms if known.get(t)}, int(total)

    def _candidates(
        self,
        conn: Connection,
        terms: set[str],
        claim_id: int,
        df: dict[str, int],
        limit: int = 0,
        postings: Mapping[str, Sequence[int]] | None = None,
    ) -> set[int]:
        """Claims sharing enough of this claim's rarest terms, from bounded posting lists.

        Each term contributes at most POSTING most recent claims, so the cost of a
        lookup does not grow with the database; the rarest terms go first because
        they say most about the proposition.
        """
        ranked = _rarest(terms, df)
        if len(ranked) < 2:
            return set()
        lists = postings if postings is not None else self._postings(conn, ranked)
        return most_shared([lists.get(term, ()) for term in ranked], claim_id, limit)

    def _postings(self, conn: Connection, terms: Iterable[str]) -> dict[str, list[int]]:
        """Most recent claims of each term, from the database's text index."""
        return textindex.postings(conn, terms, POSTING)

    def _anaphoric_denials(
        self, claims: Sequence[Claim], known: dict[tuple[int, int], Proposal]
    ) -> dict[tuple[int, int], Proposal]:
        """'X dismissed the allegations': X denies what the article reported just before.

        A denial whose object is only "the allegations" or "these claims" has no
        content of its own to match; in the same article it answers the nearest
        earlier assertions by other speakers.
        """
        from claimtrack.link.compare import SUGGEST, answers_earlier

        out: dict[tuple[int, int], Proposal] = {}
        ordered = sorted((c for c in claims if c.id is not None), key=lambda c: c.start)
        for index, claim in enumerate(ordered):
            if not answers_earlier(claim):
                continue
            earlier = [
                c
                for c in ordered[:index]
                if c.stance.value == "assert" and c.speaker != claim.speaker
            ][-3:]
            for other in earlier:
                assert claim.id is not None and other.id is not None
                key = _pair(claim.id, other.id)
                if key in known:
                    continue
                out[key] = Proposal(
                    Relation.contradicts,
                    SUGGEST + 5.0,
                    f"{claim.speaker or 'a source'} denies the allegations reported before",
                    True,
                )
        return out

    def _store_proposals(
        self,
        conn: Connection,
        proposals: dict[tuple[int, int], Proposal],
        own: set[int],
        fresh: bool,
    ) -> int:
        if not proposals:
            return 0
        pairs = list(proposals)
        existing: dict[tuple[int, int], Any] = {}
        wanted = set(pairs)
        # Every proposed pair holds one of the claims being linked, so only their
        # links can exist already (none, the first time an article is linked).
        for chunk in id_chunks(own) if not fresh else ():
            stmt = select(LINK).where(or_(LINK.c.claim_a.in_(chunk), LINK.c.claim_b.in_(chunk)))
            for found in conn.execute(stmt).mappings():
                key = (found["claim_a"], found["claim_b"])
                if key in wanted:
                    existing[key] = found
        new_rows: list[dict[str, Any]] = []
        for (a, b), proposal in proposals.items():
            status = (
                LinkStatus.confirmed
                if proposal.score >= CONFIRM and not proposal.short
                else LinkStatus.suggested
            )
            values = {
                "relation": proposal.relation.value,
                "score": proposal.score,
                "reason": proposal.reason,
                "status": status.value,
                "decided_by": AUTO if status is LinkStatus.confirmed else None,
            }
            row = existing.get((a, b))
            if row is None:
                new_rows.append({"claim_a": a, "claim_b": b, **values})
            elif row["decided_by"] in (None, AUTO):
                conn.execute(update(LINK).where(LINK.c.id == row["id"]).values(**values))
            else:
                # A person decided: keep their status, refresh the matcher's view only.
                conn.execute(
                    update(LINK)
                    .where(LINK.c.id == row["id"])
                    .values(score=proposal.score, reason=proposal.reason)
                )
        if fresh:
            self._pending.links.extend(new_rows)
        elif new_rows:
            conn.execute(insert(LINK), new_rows)
        return len(new_rows)

    # -- reading and deciding -----------------------------------------------------

    def links(
        self,
        status: LinkStatus | None = None,
        claim_id: int | None = None,
        include_rejected: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimLink]:
        """Stored links, strongest first; rejected ones only when asked for; a page of them
        with `limit` and `offset` (the review room's suggestions, one at a time)."""
        stmt = select(LINK).order_by(LINK.c.score.desc(), LINK.c.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        if status is not None:
            stmt = stmt.where(LINK.c.status == status.value)
        elif not include_rejected:
            stmt = stmt.where(LINK.c.status != LinkStatus.rejected.value)
        if claim_id is not None:
            if not valid_id(claim_id):
                return []
            stmt = stmt.where(or_(LINK.c.claim_a == claim_id, LINK.c.claim_b == claim_id))
        with self.store._read() as conn:
            rows = conn.execute(stmt).mappings().all()
        return [link_from_row(row, claim_id) for row in rows]

    def count_links(self, status: LinkStatus, up_to: int | None = None) -> int:
        """How many stored links have this status (at most `up_to`, which is quicker)."""
        rows = select(LINK.c.id).where(LINK.c.status == status.value).limit(up_to).subquery()
        with self.store._read() as conn:
            return int(conn.execute(select(func.count()).select_from(rows)).scalar_one())

    def decide(
        self,
        link_id: int,
        status: LinkStatus,
        person: str | None,
        expected: LinkStatus | None = None,
    ) -> ClaimLink:
        """Record a person's confirm or reject; it outlives every re-link.

        With `expected`, only while the link still has that status, tested as it
        is written (decision.py); else `LinkChangedError` says what is stored.
        """
        return decision.decide(self.store, link_id, status, person, expected)

    def claim(self, claim_id: int) -> ClaimWithLinks:
        """One claim and its links (rejected ones left out)."""
        if not valid_id(claim_id):
            raise NotFoundError(f"no claim with id {claim_id}")
        found = self.store.claims(claim_id=claim_id)
        if not found:
            raise NotFoundError(f"no claim with id {claim_id}")
        return ClaimWithLinks(claim=found[0], links=self.links(claim_id=claim_id))

    # -- helpers -----------------------------------------------------------------

    def _claims_where(self, condition: Any) -> list[Claim]:
        stmt = claim_select().where(condition).order_by(CLAIM.c.start)
        with self.store._read() as conn:
            return list(claims_from(conn.execute(stmt)))

    def _features_of(self, claim: Claim) -> Features:
        found = self._prepared.get(feature_key(claim))
        return features(claim) if found is None else prepared_features(claim, found)

    def _known(self, conn: Connection, ids: set[int]) -> dict[int, tuple[Claim, Features]]:
        """Claims by id with their features, from memory where possible."""
        out: dict[int, tuple[Claim, Features]] = {}
        missing = []
        for claim_id in ids:
            hit = self._recent.get(claim_id)
            if hit is None:
                missing.append(claim_id)
            else:
                self._recent.move_to_end(claim_id)
                out[claim_id] = hit
        for claim in _stored(conn, missing):
            assert claim.id is not None
            out[claim.id] = self._remember(claim, features(claim))
        return out

    def _claims_by_id(self, conn: Connection, ids: set[int]) -> dict[int, Claim]:
        """Claims by id, in id order (that is, stored order); no match features computed."""
        found = self.remembered(ids)
        for claim in _stored(conn, ids - found.keys()):
            assert claim.id is not None
            found[claim.id] = claim
        return {claim_id: found[claim_id] for claim_id in sorted(found)}

    def remembered(self, ids: Iterable[int]) -> dict[int, Claim]:
        """The claims among `ids` this linker holds in memory, as it read them."""
        return {i: hit[0] for i in ids if (hit := self._recent.get(i)) is not None}

    def _remember(self, claim: Claim, found: Features) -> tuple[Claim, Features]:
        assert claim.id is not None
        entry = (claim, found)
        self._recent[claim.id] = entry
        self._recent.move_to_end(claim.id)
        while len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return entry


def _stored(conn: Connection, ids: Iterable[int]) -> Iterator[Claim]:
    """Claims read from the database by id, in chunks every driver accepts."""
    for chunk in id_chunks(ids):
        yield from claims_from(conn.execute(claim_select().where(CLAIM.c.id.in_(chunk))))


def _term_counts(backend: Backend, conn: Connection, terms: Sequence[str]) -> dict[str, int]:
    """Stored claim counts of these terms.

    Driver SQL: building the statement in SQLAlchemy cost more than running it.
    On PostgreSQL an array keeps the text fixed, so the driver prepares it once.
    """
    counts: dict[str, int] = {}
    for chunk in chunks(sorted(terms), 500):
        test, params = backend.one_of_values(chunk)
        sql = f"SELECT term, df FROM term_stat WHERE term {test}"
        for term, df in conn.exec_driver_sql(sql, tuple(params)):
            counts[term] = int(df)
    return counts


def most_shared(lists: Sequence[Sequence[int]], claim_id: int, limit: int = 0) -> set[int]:
    """Claims in at least two of these posting lists, those in most first, then the newest.

    Counted by numpy over the lists' own buffers: with ten lists of 400 claims,
    a Counter and a Python filter of its items took 0.65 ms per claim, the
    largest part of linking an article at 100,000 articles; this takes 0.09 ms.
    """
    # An `array("q")` of the term cache is viewed in place, not copied.
    parts = [np.asarray(ids, np.int64) for ids in lists if len(ids)]
    if not parts:
        return set()
    ids, counts = np.unique(np.concatenate(parts), return_counts=True)
    shared = (counts >= 2) & (ids != claim_id)
    ids, counts = ids[shared], counts[shared]
    # Most lists first, ties to the newest (highest id): lexsort's last key is primary.
    best = np.lexsort((ids, counts))[::-1][: limit or MAX_CANDIDATES]
    return set(ids[best].tolist())


def _rarest(terms: Iterable[str], df: dict[str, int]) -> list[str]:
    return sorted(terms, key=lambda t: (df.get(t, 0), t))[:MAX_TERMS]
