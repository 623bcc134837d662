"""`claimtrack report` written as it is read from the store is the report built in memory.

The CLI writes every format page by page (report/stored.py, report/disputes.py,
store/pages.py). Here pages, dispute batches and JSON batches are made tiny,
and each format's output must be the text the renderers give for a `Report`
built the straightforward way: every claim and article read into lists, as
the report was built before it streamed (`in_memory` below keeps that
algorithm as the reference).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from claimtrack.link.linker import Linker
from claimtrack.models import ArticleSummary, Claim, Review, SpeakerKind
from claimtrack.query.disputes import disputes
from claimtrack.query.figures import figures
from claimtrack.query.match import match
from claimtrack.query.reviews import DisputeIndex, all_reviews, claim_keys_in
from claimtrack.report import disputes as report_disputes
from claimtrack.report.build import DEFAULT_TITLE, render
from claimtrack.report.disputes import figure_table, members
from claimtrack.report.formats import ReportFormat
from claimtrack.report.models import (
    Report,
    ReportArticle,
    ReportDispute,
    ReportPosition,
    ReportSummary,
    SpeakerEntry,
)
from claimtrack.report.quotes import quote
from claimtrack.report.render import json as render_json
from claimtrack.store import pages
from claimtrack.store.database import Store, open_store
from claimtrack.store.tables import REVIEW
from tests.report_corpus import ARTICLES, HOSTILE, as_json, claim_id, invoke, ok, write_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ORG = ["--org-name", "Valley Fact Desk", "--org-url", "https://factdesk.example/checks"]


@pytest.fixture
def tiny_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of two articles, dispute batches of one claim, JSON batches of two."""
    monkeypatch.setattr(pages, "WINDOW", 2)
    monkeypatch.setattr(report_disputes, "BATCH_CLAIMS", 1)
    monkeypatch.setattr(render_json, "BATCH", 2)


@pytest.fixture
def desk(runner: CliRunner, db_url: str, tmp_path: Path) -> str:
    """The seeds and the report corpus (hostile article included), with verdicts."""
    articles = {**ARTICLES, "hostile": HOSTILE}
    seeds = sorted(str(p) for p in SEEDS.iterdir())
    ok(runner, db_url, "ingest", *seeds, *write_articles(tmp_path, articles))
    doctors = claim_id(runner, db_url, "60 deaths")
    ok(runner, db_url, "review", str(doctors), "-r", "unproven", "--reviewer", "A. Editor")
    ok(runner, db_url, "review", str(doctors), "-r", "mostly false", "--note", "Lists show 44")
    first = as_json(runner, db_url, "claims")[0]["id"]
    ok(runner, db_url, "review", str(first), "-r", "true")
    found = as_json(runner, db_url, "disputes")
    ok(runner, db_url, "review", "--dispute", str(found[0]["id"]), "-r", "misleading")
    return db_url


@pytest.mark.parametrize("topic", [None, "deaths", "troops", "DEATHS in the flood", "nothing", "“"])
@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_streamed_report_equals_the_in_memory_one(
    runner: CliRunner, desk: str, tiny_pages: None, fmt: ReportFormat, topic: str | None
) -> None:
    args = ["--topic", topic] if topic else []
    streamed = ok(runner, desk, "report", "--format", fmt.value, *ORG, *args)
    with open_store(desk, create=False) as store:
        expected = render(
            in_memory(store, topic),
            fmt,
            org_name="Valley Fact Desk",
            org_url="https://factdesk.example/checks",
        )
    assert streamed == expected


@pytest.mark.parametrize("topic", ["deaths", "troops", "tear gas"])
def test_a_verdict_moved_to_another_dispute_is_reported_as_before(
    runner: CliRunner, desk: str, topic: str
) -> None:
    """A dispute verdict whose key no dispute has now follows its anchor claim; a `--topic`
    report resolves verdicts with an index of its own disputes only when that is exact."""
    found = as_json(runner, desk, "disputes")
    with open_store(desk, create=False) as store:
        for dispute in found:
            member = max(i for p in dispute["positions"] for i in p["claim_ids"])
            with store._read() as conn:
                (key,) = claim_keys_in(conn, [member]).values()
            with store._write("test") as conn:
                conn.execute(
                    insert(REVIEW).values(
                        dispute_key=f"contradiction:{key}",
                        rating="false",
                        rating_value=1,
                        created_at="2024-05-09T10:00:00+00:00",
                    )
                )
        streamed = ok(runner, desk, "report", "--format", "json", "--topic", topic)
        assert streamed == in_memory(store, topic).model_dump_json(indent=2) + "\n"


def test_a_file_holds_what_stdout_shows(
    runner: CliRunner, desk: str, tiny_pages: None, tmp_path: Path
) -> None:
    for fmt in ReportFormat:
        target = tmp_path / f"report.{fmt.value}"
        ok(runner, desk, "report", "--format", fmt.value, *ORG, "-o", str(target))
        shown = ok(runner, desk, "report", "--format", fmt.value, *ORG)
        assert target.read_text(encoding="utf-8") == shown


def test_a_report_failing_midway_leaves_the_old_file(
    runner: CliRunner, desk: str, tmp_path: Path
) -> None:
    """The ClaimReview URL pattern fails at the first verdict: no half file, no temporary."""
    target = tmp_path / "reviews.json"
    target.write_text("old\n", encoding="utf-8")
    result = invoke(
        runner, desk, "report", "-f", "claimreview", *ORG, "--review-url", "{anchor}",
        "-o", str(target),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "not an http(s) URL" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_report_never_reads_every_claim_at_once(
    runner: CliRunner, desk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Store.claims()` and `Store.articles()` return lists of the whole database."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the report read a whole table into a list")

    monkeypatch.setattr(Store, "claims", refuse)
    monkeypatch.setattr(Store, "articles", refuse)
    for fmt in ReportFormat:
        for topic in ([], ["--topic", "deaths"]):
            ok(runner, desk, "report", "--format", fmt.value, *ORG, *topic)


# -- the reference: the report as it was built in memory ------------------------------


def in_memory(store: Store, topic: str | None) -> Report:
    """Every claim and article in lists, scoped, grouped and counted directly."""
    linker = Linker(store)
    found = disputes(linker)
    claims = {c.id: c for c in store.claims() if c.id is not None}
    articles = {a.id: a for a in store.articles()}
    index = DisputeIndex.build(store, found)
    verdicts = all_reviews(store, index)
    topic = (topic or "").strip() or None
    scope = set(claims)
    if topic is not None:
        needle = topic.casefold()
        wanted = {
            i
            for i, c in claims.items()
            if needle in c.text.casefold() or needle in c.sentence.casefold()
        }
        wanted |= {i for group in figures(linker, topic) for i in group.claim_ids}
        wanted |= {m.claim.id for m in match(linker, topic) if m.claim.id is not None}
        found = [d for d in found if members(d) & wanted]
        scope = wanted | {i for d in found for i in members(d)}
    in_scope = [c for i, c in claims.items() if i in scope]
    roles: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for dispute in found:
        for position in dispute.positions:
            for i in position.claim_ids:
                roles[i].append((dispute.id, position.label))
    on_claim: dict[int, list[Review]] = defaultdict(list)
    on_dispute: dict[int, list[Review]] = defaultdict(list)
    for review in verdicts:
        if review.claim_id is not None:
            on_claim[review.claim_id].append(review)
        elif review.dispute_id is not None:
            on_dispute[review.dispute_id].append(review)
    quotes = {c.id: quote(c, articles, roles, on_claim) for c in in_scope if c.id is not None}
    shown = [
        ReportDispute(
            id=d.id,
            key=index.key_of(d.id) or "",
            kind=d.kind,
            topic=d.topic,
            confirmed=d.confirmed,
            significance=d.significance,
            positions=[
                ReportPosition(
                    label=p.label,
                    speakers=p.speakers,
                    outlets=p.outlets,
                    independent_sources=p.independent_sources,
                    reports=p.reports,
                    quotes=[quotes[i] for i in p.claim_ids if i in quotes],
                )
                for p in d.positions
            ],
            reviews=on_dispute[d.id],
        )
        for d in found
    ]
    dates = {i: a.published for i, a in articles.items() if a.published}
    tables = [t for d in found if (t := figure_table(d, claims, dates)) is not None]
    speakers = _speakers(in_scope, roles)
    used = _articles(in_scope, articles, every=topic is None)
    reviews = [r for rs in on_claim.values() for r in rs if r.claim_id in scope]
    return Report(
        title=f"{DEFAULT_TITLE}: {topic}" if topic else DEFAULT_TITLE,
        topic=topic,
        summary=ReportSummary(
            articles=len(used),
            outlets=len({a.outlet for a in used if a.outlet}),
            speakers=len(speakers),
            claims=len(in_scope),
            disputes=len(shown),
            reviews=len(reviews) + sum(len(d.reviews) for d in shown),
        ),
        disputes=shown,
        figure_tables=tables,
        speakers=speakers,
        articles=used,
        claims=list(quotes.values()),
    )


def _speakers(claims: list[Claim], roles: dict[int, list[tuple[int, str]]]) -> list[SpeakerEntry]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        name = c.speaker or c.speaker_mention
        key = f"id:{c.speaker_id}" if c.speaker_id is not None else f"name:{name.casefold()}"
        grouped[key].append(c)
    entries = []
    for group in grouped.values():
        kinds = [c.speaker_kind for c in group if c.speaker_kind is not SpeakerKind.unknown]
        entries.append(
            SpeakerEntry(
                name=group[0].speaker or group[0].speaker_mention,
                kind=kinds[0] if kinds else SpeakerKind.unknown,
                speaker_id=group[0].speaker_id,
                claim_ids=[c.id for c in group if c.id is not None],
                articles=list(dict.fromkeys(c.article_id for c in group if c.article_id)),
                dispute_ids=sorted({d for c in group for d, _ in roles.get(c.id or 0, [])}),
            )
        )
    return sorted(entries, key=lambda e: (-len(e.claim_ids), e.name.casefold()))


def _articles(
    claims: list[Claim], articles: dict[int, ArticleSummary], every: bool
) -> list[ReportArticle]:
    counts: dict[int, int] = defaultdict(int)
    for c in claims:
        if c.article_id is not None:
            counts[c.article_id] += 1
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
