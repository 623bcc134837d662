"""A report as CSV: one row per claim, with its disputes and its latest verdict.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some run
one starting with a tab or carriage return) as a formula, and article text is
untrusted: such a cell gets a leading apostrophe, as OWASP recommends, so it
shows as text. Plain numbers (such as a rating value of -1) are left alone.
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

from claimtrack.report.models import Quote, Report
from claimtrack.report.parts import DisputeLine, ReportParts
from claimtrack.textsafety import spreadsheet_cell

COLUMNS = [
    "claim_id",
    "article_id",
    "article_title",
    "outlet",
    "published",
    "url",
    "path",
    "start",
    "end",
    "speaker",
    "speaker_mention",
    "speaker_kind",
    "cue",
    "via",
    "stance",
    "quote",
    "text",
    "sentence",
    "figures",
    "dispute_ids",
    "dispute_kinds",
    "dispute_topics",
    "positions",
    "dispute_rating",
    "rating",
    "rating_value",
    "reviewer",
    "reviewed_at",
    "review_note",
    "evidence",
    "reviews",
]


cell = spreadsheet_cell


def render(report: Report) -> str:
    """The table as one string (built reports: tests, the web app's download)."""
    buffer = io.StringIO()
    write(ReportParts.of(report), buffer)
    return buffer.getvalue()


def write(parts: ReportParts, out: TextIO) -> None:
    """Write the header, then a row per claim as the claims are read."""
    disputes = {d.id: d for d in parts.outline}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for quote in parts.claims():
        writer.writerow([cell(v) for v in _row(quote, disputes)])


def _row(quote: Quote, disputes: dict[int, DisputeLine]) -> list[object]:
    mine = [disputes[i] for i in quote.dispute_ids if i in disputes]
    dispute_verdicts = [d.reviews[-1].rating for d in mine if d.reviews]
    latest = quote.reviews[-1] if quote.reviews else None
    return [
        quote.claim_id,
        quote.article_id,
        quote.article_title,
        quote.outlet,
        quote.published,
        quote.url,
        quote.path,
        quote.start,
        quote.end,
        quote.speaker,
        quote.speaker_mention,
        quote.speaker_kind.value,
        quote.cue,
        "; ".join(quote.via),
        quote.stance.value,
        quote.quote.value,
        quote.text,
        quote.sentence,
        "; ".join(quote.figures),
        "; ".join(str(d.id) for d in mine),
        "; ".join(d.kind.value for d in mine),
        " | ".join(d.topic for d in mine),
        "; ".join(quote.positions),
        "; ".join(dispute_verdicts),
        latest.rating if latest else None,
        latest.rating_value if latest else None,
        latest.reviewer if latest else None,
        latest.created_at if latest else None,
        latest.note if latest else None,
        " ".join(latest.evidence) if latest else None,
        len(quote.reviews),
    ]
