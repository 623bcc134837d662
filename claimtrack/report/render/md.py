"""A report as GitHub-flavoured Markdown, readable as is in a repository or an issue.

Article text is untrusted: every piece of it goes through `text()`, which
backslash-escapes the characters Markdown (and the HTML GitHub allows inside
it) would act on and folds newlines, so a speaker called `<script>` or a quote
full of `|`, `*` and `#` shows as written and cannot break a table or a list.
"""

from __future__ import annotations

import re
from urllib.parse import quote as percent

from claimtrack.models import Review
from claimtrack.report.models import Quote, Report, ReportDispute
from claimtrack.report.render.common import (
    ARTICLE_HEADER,
    article_row,
    backer,
    counts,
    source,
    span,
    summary_line,
    verdict,
    web_url,
)

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones
# that start emphasis, code, links, HTML, headings, tables, strikethrough or entities.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")


def text(value: object) -> str:
    """Untrusted text as inert Markdown on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def link(label: str, url: str | None) -> str:
    """A link for http(s) URLs only; anything else is shown as escaped text."""
    safe = web_url(url)
    if safe is None:
        return text(label)
    target = percent(safe, safe=":/?#@!$&'*+,;=%~.-_").replace("(", "%28").replace(")", "%29")
    return f"[{text(label)}]({target})"


def render(report: Report) -> str:
    lines = [f"# {text(report.title)}", "", summary_line(report) + ".", ""]
    if report.topic:
        lines += [f"Narrowed to claims about “{text(report.topic)}”.", ""]
    lines += ["## Disputes", ""]
    if not report.disputes:
        lines += ["No disputes.", ""]
    for dispute in report.disputes:
        lines += _dispute(dispute)
    lines += _figures(report)
    lines += _verdicts(report)
    lines += _speakers(report)
    lines += _articles(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def _dispute(dispute: ReportDispute) -> list[str]:
    status = "confirmed" if dispute.confirmed else "links suggested, not all confirmed"
    lines = [
        f"### Dispute {dispute.id} ({dispute.kind.value}): {text(dispute.topic)}",
        "",
        f"Significance {dispute.significance:g}; {status}.",
        "",
    ]
    lines += _reviews("Verdicts on this dispute", dispute.reviews)
    for position in dispute.positions:
        backing = counts(position.independent_sources, position.reports)
        lines += [f"#### {text(position.label)} — {backing}", ""]
        for quote in position.quotes:
            lines += _quote(quote)
    return lines


def _quote(quote: Quote) -> list[str]:
    lines = [
        f"> {text(quote.sentence)}",
        ">",
        f"> — **{text(backer(quote))}** · {text(source(quote))} · "
        f"{link('link', quote.url) if web_url(quote.url) else 'no link'} · "
        f"{span(quote)} · claim {quote.claim_id}",
        "",
    ]
    lines += _reviews(f"Verdicts on claim {quote.claim_id}", quote.reviews)
    return lines


def _reviews(heading: str, reviews: list[Review]) -> list[str]:
    if not reviews:
        return []
    lines = [f"**{heading}** (oldest first):", ""]
    for review in reviews:
        evidence = ", ".join(link(url, url) for url in review.evidence)
        lines.append(
            f"- {text(verdict(review))}" + (f" — evidence: {evidence}" if evidence else "")
        )
    return [*lines, ""]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return [*out, ""]


def _figures(report: Report) -> list[str]:
    lines = ["## Figures", ""]
    if not report.figure_tables:
        return [*lines, "No figure disputes.", ""]
    for table in report.figure_tables:
        lines += [f"### {text(table.unit)} (dispute {table.dispute_id})", ""]
        rows = [
            [
                text(g.label),
                text("; ".join(g.speakers)),
                str(g.independent_sources),
                str(g.reports),
                text("; ".join(g.outlets)) or "unknown",
                text("; ".join(g.dates)) or "unknown",
                ", ".join(str(i) for i in g.claim_ids),
            ]
            for g in table.rows
        ]
        header = ["Value", "Backed by", "Independent sources", "Reports"]
        lines += _table([*header, "Outlets", "Dates", "Claims"], rows)
    return lines


def _verdicts(report: Report) -> list[str]:
    reviewed = [q for q in report.claims if q.reviews]
    lines = ["## Reviewed claims", ""]
    if not reviewed:
        return [*lines, "No claim has been reviewed yet.", ""]
    for quote in reviewed:
        lines += _quote(quote)
    return lines


def _speakers(report: Report) -> list[str]:
    rows = [
        [
            text(s.name),
            s.kind.value,
            str(len(s.claim_ids)),
            ", ".join(str(a) for a in s.articles),
            ", ".join(str(d) for d in s.dispute_ids),
        ]
        for s in report.speakers
    ]
    return ["## Speakers", "", *_table(["Speaker", "Kind", "Claims", "Articles", "Disputes"], rows)]


def _articles(report: Report) -> list[str]:
    rows = [article_row(a, text, link) for a in report.articles]
    return ["## Articles", "", *_table(ARTICLE_HEADER, rows)]
