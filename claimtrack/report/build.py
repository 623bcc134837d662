"""Plan one report from the store: what every output format of `claimtrack report` shows.

Building is separate from rendering so that Markdown, HTML, JSON, CSV and
ClaimReview cannot disagree: each renderer only lays out the same parts
(report/parts.py). `plan_report` decides what the report holds (the disputes,
the `--topic` scope, the verdicts) and leaves the claims in the store until a
renderer writes them (report/stored.py, report/disputes.py), so a report of
the whole database is written in bounded memory; `build_report` collects the
same parts into one `Report`. The report is read-only; it never changes links
or reviews.
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from typing import TextIO

from claimtrack.link.linker import Linker
from claimtrack.models import Dispute, Review
from claimtrack.query.disputes import disputes
from claimtrack.query.figures import figures
from claimtrack.query.match import match
from claimtrack.query.reviews import DisputeIndex, all_reviews
from claimtrack.report.disputes import ReportDisputes, members
from claimtrack.report.formats import ReportFormat
from claimtrack.report.models import Report
from claimtrack.report.parts import ReportParts
from claimtrack.report.quotes import Roles, quote
from claimtrack.report.stored import StoredReport
from claimtrack.store import pages
from claimtrack.store.database import Store

DEFAULT_TITLE = "Fact-check report"
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def build_report(store: Store, topic: str | None = None, title: str | None = None) -> Report:
    """The whole database, or with `topic` only the claims about it and their disputes.

    The report as one model, in memory: for small databases (the web app's
    download, tests). `write_report` writes the same text for any size."""
    return plan_report(store, topic, title).collect()


def plan_report(store: Store, topic: str | None = None, title: str | None = None) -> ReportParts:
    """The report's head, built now; its claims, articles and speakers read when written."""
    linker = Linker(store)
    everything = found = disputes(linker)
    topic = (topic or "").strip() or None
    scope: set[int] | None = None
    if topic is not None:
        wanted = _about(linker, topic)
        found = [d for d in found if members(d) & wanted]
        scope = wanted | {i for d in found for i in members(d)}
    index, verdicts = _verdicts(store, everything, found)

    roles: Roles = defaultdict(list)
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

    # Only the reviewed claims are read now; the disputes' are read as they are written.
    reviewed = pages.claims_by_id(store, [i for i in on_claim if scope is None or i in scope])
    articles = pages.article_summaries(
        store, {c.article_id for c in reviewed.values() if c.article_id is not None}
    )
    return StoredReport(
        store,
        title=title or (f"{DEFAULT_TITLE}: {topic}" if topic else DEFAULT_TITLE),
        topic=topic,
        disputes=ReportDisputes(store, found, index, roles, on_claim, on_dispute),
        reviewed=[
            quote(c, articles, roles, on_claim)
            for c in sorted(reviewed.values(), key=lambda c: (c.article_id, c.start, c.id))
        ],
        scope=scope,
    )


def _verdicts(
    store: Store, everything: list[Dispute], shown: list[Dispute]
) -> tuple[DisputeIndex, list[Review]]:
    """The index of the disputes shown, and every verdict resolved with it.

    An index reads the key of every claim of its disputes: 6.4 s for the 282,000 of
    100,000 articles, most of a `--topic` report, which shows a few. An index of the
    shown disputes resolves the verdicts as one of all when each dispute verdict is
    found by its own key in one dispute only, a shown one, or in no shown dispute:
    `DisputeIndex.find` takes the dispute with the exact key first, else the smallest
    of its candidates, and the shown disputes' candidates are some of all. Any other
    verdict (on a dispute rebuilt under a new key) is resolved with the index of all.
    """
    if len(shown) < len(everything) and all(d.key for d in everything):
        index = DisputeIndex.build(store, shown)
        verdicts = all_reviews(store, index)
        keys = Counter(d.key for d in everything)
        if all(
            r.dispute_key is None
            or r.dispute_id is None
            or (index.key_of(r.dispute_id) == r.dispute_key and keys[r.dispute_key] == 1)
            for r in verdicts
        ):
            return index, verdicts
    index = DisputeIndex.build(store, everything)
    return index, all_reviews(store, index)


def _about(linker: Linker, topic: str) -> set[int]:
    """Claims about the topic: by its words, by the quantity it names, or by matching it.

    The three ways `claimtrack claims --search`, `figures` and `match` find
    claims, so a report on "troops" holds what those commands show.
    """
    needle = topic.casefold()
    # The database finds the claims holding the topic's longest ASCII run in any case (one
    # scan: 1.1 s at 100,000 articles, where testing every claim's text in Python took
    # 6.4-8.4 s); the case-folded test then decides, as it always did. A topic with no
    # ASCII at all is tested on every claim. Not found: the few characters whose case
    # folding gives ASCII letters (ß as "ss", the ligature ﬁ as "fi"), as `claims --search`.
    run = max(_ASCII_RUN.findall(needle), key=len, default="")
    found = pages.claims_holding(linker.store, run) if run else pages.claim_texts(linker.store)
    ids = {
        i
        for page in found
        for i, text, sentence in page
        if needle in text.casefold() or needle in sentence.casefold()
    }
    ids.update(i for group in figures(linker, topic) for i in group.claim_ids)
    ids.update(m.claim.id for m in match(linker, topic) if m.claim.id is not None)
    return ids


def render(
    report: Report,
    fmt: ReportFormat | str,
    *,
    org_name: str | None = None,
    org_url: str | None = None,
    url_pattern: str | None = None,
) -> str:
    """The report as text in one format; the organisation is needed by ClaimReview only."""
    out = io.StringIO()
    write_report(
        ReportParts.of(report),
        fmt,
        out,
        org_name=org_name,
        org_url=org_url,
        url_pattern=url_pattern,
    )
    return out.getvalue()


def write_report(
    parts: ReportParts,
    fmt: ReportFormat | str,
    out: TextIO,
    *,
    org_name: str | None = None,
    org_url: str | None = None,
    url_pattern: str | None = None,
) -> None:
    """Write the report in one format to `out` as it is read (ClaimReview: once it is whole)."""
    from claimtrack.report.render import claimreview
    from claimtrack.report.render import csv as render_csv
    from claimtrack.report.render import html as render_html
    from claimtrack.report.render import json as render_json
    from claimtrack.report.render import md as render_md

    match ReportFormat(fmt):
        case ReportFormat.md:
            render_md.write(parts, out)
        case ReportFormat.html:
            render_html.write(parts, out)
        case ReportFormat.json:
            render_json.write(parts, out)
        case ReportFormat.csv:
            render_csv.write(parts, out)
        case ReportFormat.claimreview:
            out.write(claimreview.render_parts(parts, org_name, org_url, url_pattern))
