"""A report as one self-contained HTML page: inline CSS and SVG, no script, no requests.

An editor can open it offline, mail it or print it. Every piece of article text
goes through `html.escape`, links are made for http(s) URLs only, there are no
event-handler attributes, and a Content-Security-Policy forbids scripts and
every external load, so even a mistake in escaping could not run code.
Each figure dispute gets a bar chart (one bar per value, labelled with its
backers; render/chart.py) because people compare numbers faster by eye.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from claimtrack.models import Review
from claimtrack.report.models import FigureTable, Quote, Report, ReportDispute
from claimtrack.report.render.chart import chart
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

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

# Inlined into every page: a report must not fetch anything (data file: one place to restyle).
STYLE = files("claimtrack.report").joinpath("data/report.css").read_text(encoding="utf-8")


def e(value: object) -> str:
    """Escape for element text and quoted attribute values alike."""
    return escape(str(value), quote=True)


def link(label: str, url: str | None) -> str:
    safe = web_url(url)
    if safe is None:
        return e(label)
    return f'<a href="{e(safe)}" rel="noopener noreferrer">{e(label)}</a>'


class _Ids:
    """Anchor ids (claim-9, dispute-3) given once: the first place a claim is shown."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def attr(self, anchor: str) -> str:
        if anchor in self.used:
            return ""
        self.used.add(anchor)
        return f' id="{e(anchor)}"'


def render(report: Report) -> str:
    ids = _Ids()
    body = [
        "<header>",
        f"<h1>{e(report.title)}</h1>",
        f'<p class="summary">{e(summary_line(report))}.</p>',
    ]
    if report.topic:
        body.append(f'<p class="meta">Narrowed to claims about “{e(report.topic)}”.</p>')
    body += ["</header>", _nav(report), '<section id="disputes">', "<h2>Disputes</h2>"]
    if not report.disputes:
        body.append("<p>No disputes.</p>")
    tables = {t.dispute_id: t for t in report.figure_tables}
    for dispute in report.disputes:
        body += _dispute(dispute, tables.get(dispute.id), ids)
    body.append("</section>")
    body += _figures(report)
    body += _verdicts(report, ids)
    body += _speakers(report)
    body += _articles(report)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{e(report.title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _nav(report: Report) -> str:
    items = [
        f'<li><a href="#dispute-{d.id}">{e(d.kind.value)}: {e(d.topic)}</a></li>'
        for d in report.disputes
    ]
    return (
        "<nav><strong>Contents</strong><ol>"
        + f'<li><a href="#disputes">Disputes</a><ol>{"".join(items)}</ol></li>'
        + '<li><a href="#figures">Figures</a></li>'
        + '<li><a href="#reviewed">Reviewed claims</a></li>'
        + '<li><a href="#speakers">Speakers</a></li>'
        + '<li><a href="#articles">Articles</a></li>'
        + "</ol></nav>"
    )


def _dispute(dispute: ReportDispute, table: FigureTable | None, ids: _Ids) -> list[str]:
    status = "confirmed" if dispute.confirmed else "links suggested, not all confirmed"
    out = [
        f'<article class="dispute"{ids.attr(f"dispute-{dispute.id}")}>',
        f'<h3><span class="kind">{e(dispute.kind.value)}</span>'
        f"Dispute {dispute.id}: {e(dispute.topic)}</h3>",
        f'<p class="meta">Significance {dispute.significance:g}; {e(status)}.</p>',
    ]
    out += _reviews("Verdicts on this dispute", dispute.reviews)
    if table is not None:
        out.append(chart(table))
    for position in dispute.positions:
        out += [
            '<section class="position">',
            f"<h4>{e(position.label)} — "
            f"{e(counts(position.independent_sources, position.reports))}</h4>",
        ]
        for quote in position.quotes:
            out += _quote(quote, ids)
        out.append("</section>")
    out.append("</article>")
    return out


def _quote(quote: Quote, ids: _Ids) -> list[str]:
    out = [
        f'<blockquote class="quote"{ids.attr(f"claim-{quote.claim_id}")}>',
        f"<p>{e(quote.sentence)}</p>",
        f"<footer>— <strong>{e(backer(quote))}</strong> · {e(source(quote))} · "
        f"{link('link', quote.url) if web_url(quote.url) else 'no link'} · "
        f'<span class="provenance">{e(span(quote))}</span> · claim {quote.claim_id}</footer>',
        "</blockquote>",
    ]
    return out + _reviews(f"Verdicts on claim {quote.claim_id}", quote.reviews)


def _reviews(heading: str, reviews: list[Review]) -> list[str]:
    if not reviews:
        return []
    items = []
    for review in reviews:
        evidence = ", ".join(link(url, url) for url in review.evidence)
        items.append(
            f'<li><span class="rating">{e(review.rating_label)}</span>'
            f"{e(verdict(review).removeprefix(review.rating_label))}"
            + (f" — evidence: {evidence}" if evidence else "")
            + "</li>"
        )
    return [
        f'<p class="meta">{e(heading)} (oldest first):</p>',
        '<ul class="reviews">',
        *items,
        "</ul>",
    ]


def _table(header: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figures(report: Report) -> list[str]:
    out = ['<section id="figures">', "<h2>Figures</h2>"]
    if not report.figure_tables:
        out.append("<p>No figure disputes.</p>")
    for table in report.figure_tables:
        out.append(
            f'<h3>{e(table.unit)} (<a href="#dispute-{table.dispute_id}">'
            f"dispute {table.dispute_id}</a>)</h3>"
        )
        rows = [
            [
                e(g.label),
                e("; ".join(g.speakers)),
                str(g.independent_sources),
                str(g.reports),
                e("; ".join(g.outlets) or "unknown"),
                e("; ".join(g.dates) or "unknown"),
                ", ".join(f'<a href="#claim-{i}">{i}</a>' for i in g.claim_ids),
            ]
            for g in table.rows
        ]
        header = ["Value", "Backed by", "Independent sources", "Reports"]
        out.append(_table([*header, "Outlets", "Dates", "Claims"], rows, {2, 3}))
    return [*out, "</section>"]


def _verdicts(report: Report, ids: _Ids) -> list[str]:
    reviewed = [q for q in report.claims if q.reviews]
    out = ['<section id="reviewed">', "<h2>Reviewed claims</h2>"]
    if not reviewed:
        return [*out, "<p>No claim has been reviewed yet.</p>", "</section>"]
    for quote in reviewed:
        out += _quote(quote, ids)
    return [*out, "</section>"]


def _speakers(report: Report) -> list[str]:
    rows = [
        [
            e(s.name),
            e(s.kind.value),
            str(len(s.claim_ids)),
            e(", ".join(str(a) for a in s.articles)),
            ", ".join(f'<a href="#dispute-{d}">{d}</a>' for d in s.dispute_ids),
        ]
        for s in report.speakers
    ]
    header = ["Speaker", "Kind", "Claims", "Articles", "Disputes"]
    return ['<section id="speakers">', "<h2>Speakers</h2>", _table(header, rows, {2}), "</section>"]


def _articles(report: Report) -> list[str]:
    rows = [article_row(a, e, link) for a in report.articles]
    table = _table(ARTICLE_HEADER, rows, {0, 5})
    return ['<section id="articles">', "<h2>Articles</h2>", table, "</section>"]
