"""Report parts read from the store: claims, articles and speakers a page at a time.

The head (disputes, figure tables, reviewed claims) is built by build.py and
is bounded by the disputes and verdicts. What grows with the claims is read
here only when a renderer asks for it: the speaker index and the summary
counts from one pass over the claims' few columns that name a speaker
(`store.pages.claim_heads`, kept as compact arrays), and the quotes and
articles from pages of the store, each turned into a model and written before
the next page is read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from claimtrack.batching import chunks
from claimtrack.models import ArticleSummary, SpeakerKind
from claimtrack.report.disputes import ReportDisputes
from claimtrack.report.models import (
    FigureTable,
    Quote,
    ReportArticle,
    ReportDispute,
    ReportSummary,
    SpeakerEntry,
)
from claimtrack.report.parts import DisputeLine, ReportParts
from claimtrack.report.quotes import Roles, quote
from claimtrack.store import pages
from claimtrack.store.database import Store

_UNKNOWN = SpeakerKind.unknown.value


@dataclass(slots=True)
class _Speaker:
    """One entry of the speaker index as the claims pass fills it (arrays: 8 bytes a claim)."""

    name: str
    kind: str
    speaker_id: int | None
    claims: array[int] = field(default_factory=lambda: array("q"))
    articles: array[int] = field(default_factory=lambda: array("q"))
    disputes: set[int] | None = None  # most speakers are in none: no empty set each

    def entry(self) -> SpeakerEntry:
        return SpeakerEntry(
            name=self.name,
            kind=SpeakerKind(self.kind),
            speaker_id=self.speaker_id,
            claim_ids=self.claims.tolist(),
            articles=self.articles.tolist(),
            dispute_ids=sorted(self.disputes or ()),
        )


@dataclass
class _Tally:
    """What one pass over the report's claims counts: speakers, claims, claims per article."""

    speakers: dict[str, _Speaker] = field(default_factory=dict)
    claims: int = 0
    per_article: dict[int, int] = field(default_factory=dict)

    def add(self, head: pages.ClaimHead, roles: Roles, per_article: bool) -> None:
        self.claims += 1
        if per_article:
            self.per_article[head.article_id] = self.per_article.get(head.article_id, 0) + 1
        name = head.speaker or head.speaker_mention
        key = f"id:{head.speaker_id}" if head.speaker_id is not None else f"name:{name.casefold()}"
        speaker = self.speakers.get(key)
        if speaker is None:
            speaker = self.speakers[key] = _Speaker(name, head.speaker_kind, head.speaker_id)
        elif speaker.kind == _UNKNOWN:
            speaker.kind = head.speaker_kind  # the first kind that is known
        speaker.claims.append(head.id)
        # Claims come by article, so an article already listed is the last one.
        if not speaker.articles or speaker.articles[-1] != head.article_id:
            speaker.articles.append(head.article_id)
        if head.id in roles:
            if speaker.disputes is None:
                speaker.disputes = set()
            speaker.disputes.update(d for d, _ in roles[head.id])


class StoredReport(ReportParts):
    """A report whose claims, articles and speakers stay in the store until written.

    `scope` is the claims of a `--topic` report, None for the whole database.
    """

    def __init__(
        self,
        store: Store,
        *,
        title: str,
        topic: str | None,
        disputes: ReportDisputes,
        reviewed: list[Quote],
        scope: set[int] | None,
    ) -> None:
        self.store = store
        self.title = title
        self.topic = topic
        self._disputes = disputes
        self.outline = [
            DisputeLine(d.id, d.kind, d.topic, disputes.on_dispute.get(d.id, []))
            for d in disputes.found
        ]
        self._reviewed = reviewed
        self.scope = scope
        self.roles = disputes.roles
        self.on_claim = disputes.on_claim

    def disputes(self) -> Iterator[tuple[ReportDispute, FigureTable | None]]:
        return self._disputes.laid_out()

    def figure_tables(self) -> Iterator[FigureTable]:
        return iter(self._disputes.tables())

    def reviewed_disputes(self) -> Iterator[ReportDispute]:
        reviewed = [d for d in self._disputes.found if self._disputes.on_dispute.get(d.id)]
        return (d for d, _ in self._disputes.laid_out(reviewed))

    @cached_property
    def _tally(self) -> _Tally:
        tally = _Tally()
        per_article = self.scope is not None  # else every article's count is its own
        for heads in pages.claim_heads(self.store, self.scope):
            for head in heads:
                tally.add(head, self.roles, per_article)
        return tally

    def summary(self) -> ReportSummary:
        tally = self._tally
        if self.scope is None:
            articles, outlets = pages.article_totals(self.store)
        else:
            articles = len(tally.per_article)
            outlets = len({a.outlet for a in self._used_articles() if a.outlet})
        return ReportSummary(
            articles=articles,
            outlets=outlets,
            speakers=len(tally.speakers),
            claims=tally.claims,
            disputes=len(self.outline),
            reviews=sum(len(q.reviews) for q in self._reviewed)
            + sum(len(d.reviews) for d in self.outline),
        )

    def speakers(self) -> Iterator[SpeakerEntry]:
        ranked = sorted(
            self._tally.speakers.values(), key=lambda s: (-len(s.claims), s.name.casefold())
        )
        return (s.entry() for s in ranked)

    def articles(self) -> Iterator[ReportArticle]:
        counts = self._tally.per_article
        for article in self._used_articles():
            claims = article.claims if self.scope is None else counts[article.id]
            yield ReportArticle(
                id=article.id,
                title=article.title,
                outlet=article.outlet,
                published=article.published,
                url=article.url,
                path=article.path,
                claims=claims,
            )

    def claims(self) -> Iterator[Quote]:
        for page in pages.claim_pages(self.store, self.scope):
            for claim in page.claims:
                yield quote(claim, page.articles, self.roles, self.on_claim)

    def reviewed(self) -> Iterator[Quote]:
        return iter(self._reviewed)

    def _used_articles(self) -> Iterator[ArticleSummary]:
        """Every article (the whole database), or those with claims in the report."""
        if self.scope is None:
            for page in pages.article_pages(self.store):
                yield from page
            return
        for ids in chunks(sorted(self._tally.per_article), 1000):
            found = pages.article_summaries(self.store, ids)
            yield from (found[i] for i in ids if i in found)
