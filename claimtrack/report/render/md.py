"""A report as GitHub-flavoured Markdown, readable as is in a repository or an issue.

Article text is untrusted: every piece of it goes through `text()`, which
backslash-escapes the characters Markdown (and the HTML GitHub allows inside
it) would act on and folds newlines, so a speaker called `<script>` or a quote
full of `|`, `*` and `#` shows as written and cannot break a table or a list.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import TextIO
from urllib.parse import quote as percent

from claimtrack.models import Review
from claimtrack.report.models import Quote, Report, ReportDispute
from claimtrack.report.parts import ReportParts
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
    """The report as one string (built reports: tests, the web app's download)."""
    out = io.StringIO()
    write(ReportParts.of(report), out)
    return out.getvalue()


def write(parts: ReportParts, out: TextIO) -> None:
    """Write the report section by section; speakers and articles a row at a time."""
    lines = _Lines(out)
    lines.add([f"# {text(parts.title)}", "", summary_line(parts.summary()) + ".", ""])
    if parts.topic:
        lines.add([f"Narrowed to claims about “{text(parts.topic)}”.", ""])
    lines.add(["## Disputes", ""])
    if not parts.outline:
        lines.add(["No disputes.", ""])
    for dispute, _ in parts.disputes():
        lines.add(_dispute(dispute))
    lines.add(_figures(parts))
    lines.add(_verdicts(parts))
    lines.add(["## Speakers", ""])
    lines.add(_table(["Speaker", "Kind", "Claims", "Articles", "Disputes"], _speakers(parts)))
    lines.add(["## Articles", ""])
    lines.add(_table(ARTICLE_HEADER, (article_row(a, text, link) for a in parts.articles())))
    lines.close()


class _Lines:
    """Lines joined by newlines as they come, with blank lines at the end dropped."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.started = False
        self.blank = 0  # blank lines not written yet: only text after them writes them

    def add(self, lines: Iterable[str]) -> None:
        for line in lines:
            if not line:
                self.blank += 1
                continue
            self.out.write("\n" * (self.blank + self.started) + line)
            self.started = True
            self.blank = 0

    def close(self) -> None:
        self.out.write("\n")


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


def _table(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    yield "| " + " | ".join(header) + " |"
    yield "|" + "---|" * len(header)
    for row in rows:
        yield "| " + " | ".join(row) + " |"
    yield ""


def _figures(parts: ReportParts) -> list[str]:
    lines = ["## Figures", ""]
    tables = list(parts.figure_tables())
    if not tables:
        return [*lines, "No figure disputes.", ""]
    for table in tables:
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


def _verdicts(parts: ReportParts) -> Iterator[str]:
    yield from ["## Reviewed claims", ""]
    shown = False
    for quote in parts.reviewed():
        shown = True
        yield from _quote(quote)
    if not shown:
        yield from ["No claim has been reviewed yet.", ""]


def _speakers(parts: ReportParts) -> Iterator[list[str]]:
    for s in parts.speakers():
        yield [
            text(s.name),
            s.kind.value,
            str(len(s.claim_ids)),
            ", ".join(str(a) for a in s.articles),
            ", ".join(str(d) for d in s.dispute_ids),
        ]
