"""Build one `Report` from the store: what every output format of `claimtrack report` shows.

Building is separate from rendering so that Markdown, HTML, JSON, CSV and
ClaimReview cannot disagree: each renderer only lays out this model. The
report is read-only; it never changes links or reviews.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from claimtrack.link.linker import Linker
from claimtrack.models import (
    ArticleSummary,
    Claim,
    Dispute,
    DisputeKind,
    Figure,
    Review,
    SpeakerKind,
    Stance,
)
from claimtrack.query.disputes import disputes
from claimtrack.query.figures import figures, group_claims
from claimtrack.query.match import match
from claimtrack.query.reviews import DisputeIndex, all_reviews
from claimtrack.report.formats import ReportFormat
from claimtrack.report.models import (
    FigureTable,
    Quote,
    Report,
    ReportArticle,
    ReportDispute,
    ReportPosition,
    ReportSummary,
    SpeakerEntry,
)
from claimtrack.store.database import Store

DEFAULT_TITLE = "Fact-check report"


def build_report(store: Store, topic: str | None = None, title: str | None = None) -> Report:
    """The whole database, or with `topic` only the claims about it and their disputes."""
    linker = Linker(store)
    found = disputes(linker)
    claims = {c.id: c for c in store.claims() if c.id is not None}
    articles = {a.id: a for a in store.articles()}
    index = DisputeIndex.build(store, found)
    verdicts = all_reviews(store, index)

    topic = (topic or "").strip() or None
    if topic is not None:
        wanted = _about(linker, claims.values(), topic)
        found = [d for d in found if _members(d) & wanted]
        scope = wanted | {i for d in found for i in _members(d)}
    else:
        scope = set(claims)
    in_scope = [c for i, c in claims.items() if i in scope]

    roles: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for dispute in found:
        for position in dispute.positions:
            for claim_id in position.claim_ids:
                roles[claim_id].append((dispute.id, position.label))
    on_claim: dict[int, list[Review]] = defaultdict(list)
    on_dispute: dict[int, list[Review]] = defaultdict(list)
    for review in verdicts:
        if review.claim_id is not None:
            on_claim[review.claim_id].append(review)
        elif review.dispute_id is not None:
            on_dispute[review.dispute_id].append(review)

    quotes = {c.id: _quote(c, articles, roles, on_claim) for c in in_scope if c.id is not None}
    report_disputes = [
        _report_dispute(d, index, quotes, on_dispute[d.id]) for d in found if d.id is not None
    ]
    # Once, not per figure dispute: 800 disputes x 10,000 articles took a second.
    dates = {i: a.published for i, a in articles.items() if a.published}
    tables = [
        table
        for d in found
        if d.kind is DisputeKind.figure and (table := _figure_table(d, claims, dates)) is not None
    ]
    speakers = _speakers(in_scope, roles)
    used_articles = _articles(in_scope, articles, every=topic is None)
    shown_reviews = [r for rs in on_claim.values() for r in rs if r.claim_id in scope] + [
        r for d in found for r in on_dispute[d.id]
    ]
    summary = ReportSummary(
        articles=len(used_articles),
        outlets=len({a.outlet for a in used_articles if a.outlet}),
        speakers=len(speakers),
        claims=len(in_scope),
        disputes=len(report_disputes),
        reviews=len(shown_reviews),
    )
    heading = title or (f"{DEFAULT_TITLE}: {topic}" if topic else DEFAULT_TITLE)
    return Report(
        title=heading,
        topic=topic,
        summary=summary,
        disputes=report_disputes,
        figure_tables=tables,
        speakers=speakers,
        articles=used_articles,
        claims=list(quotes.values()),
    )


def _members(dispute: Dispute) -> set[int]:
    return {i for p in dispute.positions for i in p.claim_ids}


def _about(linker: Linker, claims: Iterable[Claim], topic: str) -> set[int]:
    """Claims about the topic: by its words, by the quantity it names, or by matching it.

    The three ways `claimtrack claims --search`, `figures` and `match` find
    claims, so a report on "troops" holds what those commands show.
    """
    needle = topic.casefold()
    ids = {
        c.id
        for c in claims
        if c.id is not None and (needle in c.text.casefold() or needle in c.sentence.casefold())
    }
    ids.update(i for group in figures(linker, topic) for i in group.claim_ids)
    ids.update(m.claim.id for m in match(linker, topic) if m.claim.id is not None)
    return ids


def _quote(
    claim: Claim,
    articles: dict[int, ArticleSummary],
    roles: dict[int, list[tuple[int, str]]],
    on_claim: dict[int, list[Review]],
) -> Quote:
    assert claim.id is not None and claim.article_id is not None
    article = articles.get(claim.article_id)
    mine = roles.get(claim.id, [])
    return Quote(
        claim_id=claim.id,
        speaker=claim.speaker or claim.speaker_mention,
        speaker_mention=claim.speaker_mention,
        speaker_kind=claim.speaker_kind,
        cue=claim.cue,
        via=claim.via,
        stance=claim.stance,
        quote=claim.quote,
        text=claim.text,
        sentence=claim.sentence,
        article_id=claim.article_id,
        article_title=article.title if article else None,
        outlet=claim.outlet,
        published=article.published if article else None,
        url=article.url if article else None,
        path=article.path if article else None,
        start=claim.start,
        end=claim.end,
        figures=[f.text for f in claim.figures],
        dispute_ids=[d for d, _ in mine],
        positions=[label for _, label in mine],
        reviews=on_claim.get(claim.id, []),
    )


def _report_dispute(
    dispute: Dispute, index: DisputeIndex, quotes: dict[int, Quote], verdicts: list[Review]
) -> ReportDispute:
    positions = [
        ReportPosition(
            label=p.label,
            speakers=p.speakers,
            outlets=p.outlets,
            independent_sources=p.independent_sources,
            reports=p.reports,
            quotes=[quotes[i] for i in p.claim_ids if i in quotes],
        )
        for p in dispute.positions
    ]
    return ReportDispute(
        id=dispute.id,
        key=index.key_of(dispute.id) or "",
        kind=dispute.kind,
        topic=dispute.topic,
        confirmed=dispute.confirmed,
        significance=dispute.significance,
        positions=positions,
        reviews=verdicts,
    )


def _figure_table(
    dispute: Dispute, claims: dict[int, Claim], dates: dict[int, str]
) -> FigureTable | None:
    """The values of a figure dispute as `claimtrack figures` groups them."""
    asserting = [
        claims[i]
        for i in sorted(_members(dispute))
        if i in claims and claims[i].stance is Stance.assert_
    ]
    unit = _dispute_unit(dispute, asserting)
    if unit is None:
        return None
    entries: list[tuple[Figure, Claim]] = [
        (f, c) for c in asserting for f in c.figures if f.unit == unit
    ]
    return FigureTable(dispute_id=dispute.id, unit=unit, rows=group_claims(entries, dates))


def _dispute_unit(dispute: Dispute, asserting: Sequence[Claim]) -> str | None:
    """The unit every asserting claim of a figure dispute counts (its topic names it first)."""
    units: set[str] | None = None
    for claim in asserting:
        own = {f.unit for f in claim.figures if f.unit}
        units = own if units is None else units & own
    if not units:
        return None
    named = [u for u in units if dispute.topic.startswith(f"{u}: ")]
    return named[0] if named else sorted(units)[0]


def _speakers(
    claims: Sequence[Claim], roles: dict[int, list[tuple[int, str]]]
) -> list[SpeakerEntry]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = (
            f"id:{claim.speaker_id}"
            if claim.speaker_id is not None
            else f"name:{(claim.speaker or claim.speaker_mention).casefold()}"
        )
        grouped[key].append(claim)
    entries = []
    for members in grouped.values():
        first = members[0]
        kinds = [c.speaker_kind for c in members if c.speaker_kind is not SpeakerKind.unknown]
        entries.append(
            SpeakerEntry(
                name=first.speaker or first.speaker_mention,
                kind=kinds[0] if kinds else SpeakerKind.unknown,
                speaker_id=first.speaker_id,
                claim_ids=[c.id for c in members if c.id is not None],
                articles=list(
                    dict.fromkeys(c.article_id for c in members if c.article_id is not None)
                ),
                dispute_ids=sorted({d for c in members for d, _ in roles.get(c.id or 0, [])}),
            )
        )
    return sorted(entries, key=lambda e: (-len(e.claim_ids), e.name.casefold()))


def _articles(
    claims: Sequence[Claim], articles: dict[int, ArticleSummary], every: bool
) -> list[ReportArticle]:
    """The articles the claims come from; `every` keeps those without claims too."""
    counts: dict[int, int] = defaultdict(int)
    for claim in claims:
        if claim.article_id is not None:
            counts[claim.article_id] += 1
    return [
        ReportArticle(
            id=a.id,
            title=a.title,
            outlet=a.outlet,
            published=a.published,
            url=a.url,
            path=a.path,
            claims=counts[a.id],
        )
        for a in articles.values()
        if every or a.id in counts
    ]


def render(
    report: Report,
    fmt: ReportFormat | str,
    *,
    org_name: str | None = None,
    org_url: str | None = None,
    url_pattern: str | None = None,
) -> str:
    """The report as text in one format; the organisation is needed by ClaimReview only."""
    from claimtrack.report.render import claimreview
    from claimtrack.report.render import csv as render_csv
    from claimtrack.report.render import html as render_html
    from claimtrack.report.render import md as render_md

    match ReportFormat(fmt):
        case ReportFormat.md:
            return render_md.render(report)
        case ReportFormat.html:
            return render_html.render(report)
        case ReportFormat.json:
            return report.model_dump_json(indent=2) + "\n"
        case ReportFormat.csv:
            return render_csv.render(report)
        case ReportFormat.claimreview:
            return claimreview.render(report, org_name, org_url, url_pattern)
