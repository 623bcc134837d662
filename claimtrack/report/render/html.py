"""A report as one self-contained HTML page: inline CSS and SVG, no script, no requests.

An editor can open it offline, mail it or print it. Every piece of article text
goes through `html.escape`, links are made for http(s) URLs only, there are no
event-handler attributes, and a Content-Security-Policy forbids scripts and
every external load, so even a mistake in escaping could not run code.
Each figure dispute gets a bar chart (one bar per value, labelled with its
backers; render/chart.py) because people compare numbers faster by eye.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from html import escape
from importlib.resources import files
from typing import TextIO

from claimtrack.models import Review
from claimtrack.report.models import FigureTable, Quote, Report, ReportDispute
from claimtrack.report.parts import ReportParts
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
    """The page as one string (built reports: tests, the web app's download)."""
    out = io.StringIO()
    write(ReportParts.of(report), out)
    return out.getvalue()


def write(parts: ReportParts, out: TextIO) -> None:
    """Write the page section by section; speakers and articles a table row at a time."""
    ids = _Ids()
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{e(parts.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(parts.title)}</h1>",
        f'<p class="summary">{e(summary_line(parts.summary()))}.</p>',
    ]
    if parts.topic:
        head.append(f'<p class="meta">Narrowed to claims about “{e(parts.topic)}”.</p>')
    head += ["</header>", _nav(parts), '<section id="disputes">', "<h2>Disputes</h2>"]
    if not parts.outline:
        head.append("<p>No disputes.</p>")
    _lines(out, head)
    for dispute, table in parts.disputes():
        _lines(out, _dispute(dispute, table, ids))
    _lines(out, ["</section>", *_figures(parts)])
    _lines(out, _verdicts(parts, ids))
    _lines(out, ['<section id="speakers">', "<h2>Speakers</h2>"])
    header = ["Speaker", "Kind", "Claims", "Articles", "Disputes"]
    _table(out, header, _speakers(parts), {2})
    _lines(out, ["</section>", '<section id="articles">', "<h2>Articles</h2>"])
    _table(out, ARTICLE_HEADER, (article_row(a, e, link) for a in parts.articles()), {0, 5})
    _lines(out, ["</section>", "</body>", "</html>"])


def _lines(out: TextIO, lines: Iterable[str]) -> None:
    for line in lines:
        out.write(line + "\n")


def _nav(parts: ReportParts) -> str:
    items = [
        f'<li><a href="#dispute-{d.id}">{e(d.kind.value)}: {e(d.topic)}</a></li>'
        for d in parts.outline
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


def _row(row: list[str], numeric: set[int]) -> str:
    return (
        "<tr>"
        + "".join(
            f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
    )


def _table_text(header: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    out = io.StringIO()
    _table(out, header, rows, numeric, end="")
    return out.getvalue()


def _table(
    out: TextIO, header: list[str], rows: Iterable[list[str]], numeric: set[int], end: str = "\n"
) -> None:
    """A table on one line, as it always was; written a row at a time."""
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    out.write(f"<table><thead><tr>{head}</tr></thead><tbody>")
    for row in rows:
        out.write(_row(row, numeric))
    out.write("</tbody></table>" + end)


def _figures(parts: ReportParts) -> list[str]:
    out = ['<section id="figures">', "<h2>Figures</h2>"]
    tables = list(parts.figure_tables())
    if not tables:
        out.append("<p>No figure disputes.</p>")
    for table in tables:
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
        out.append(_table_text([*header, "Outlets", "Dates", "Claims"], rows, {2, 3}))
    return [*out, "</section>"]


def _verdicts(parts: ReportParts, ids: _Ids) -> Iterator[str]:
    yield from ['<section id="reviewed">', "<h2>Reviewed claims</h2>"]
    shown = False
    for quote in parts.reviewed():
        shown = True
        yield from _quote(quote, ids)
    if not shown:
        yield "<p>No claim has been reviewed yet.</p>"
    yield "</section>"


def _speakers(parts: ReportParts) -> Iterator[list[str]]:
    for s in parts.speakers():
        yield [
            e(s.name),
            e(s.kind.value),
            str(len(s.claim_ids)),
            e(", ".join(str(a) for a in s.articles)),
            ", ".join(f'<a href="#dispute-{d}">{d}</a>' for d in s.dispute_ids),
        ]
