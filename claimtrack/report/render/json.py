"""A report as one JSON object (`schemas/report.schema.json`), written a batch at a time.

The text is exactly `Report.model_dump_json(indent=2)` and a newline, but the
speakers, articles and claims are dumped in batches as they are read, so a
report of a million claims never exists as one model or one string. pydantic
writes every list element of a batch as it would inside the whole report, one
indent level shallower; no JSON string holds a raw newline, so indenting each
line of a batch by two spaces gives the nested layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO, TypeVar

from pydantic import TypeAdapter
from pydantic_core import to_json

from claimtrack.batching import chunks
from claimtrack.report.models import (
    FigureTable,
    Quote,
    Report,
    ReportArticle,
    ReportDispute,
    SpeakerEntry,
)
from claimtrack.report.parts import ReportParts

BATCH = 500
T = TypeVar("T")
# Each list as `Report` declares it, so each item is dumped as it is inside the report.
_DISPUTES = TypeAdapter(list[ReportDispute])
_TABLES = TypeAdapter(list[FigureTable])
_SPEAKERS = TypeAdapter(list[SpeakerEntry])
_ARTICLES = TypeAdapter(list[ReportArticle])
_QUOTES = TypeAdapter(list[Quote])


def render(report: Report) -> str:
    """The report as one string (built reports: tests, the web app's download)."""
    return report.model_dump_json(indent=2) + "\n"


def write(parts: ReportParts, out: TextIO) -> None:
    """Write the object field by field in `Report`'s order, long lists a batch at a time."""
    out.write("{\n")
    out.write(f'  "title": {_dump(parts.title)},\n')
    out.write(f'  "topic": {_dump(parts.topic)},\n')
    out.write(f'  "summary": {_nested(parts.summary().model_dump_json(indent=2))},\n')
    # A dispute can hold thousands of quotes: a few at a time.
    disputes = (dispute for dispute, _ in parts.disputes())
    _list(out, "disputes", chunks(disputes, 10), _DISPUTES)  # thousands of quotes in one
    _list(out, "figure_tables", chunks(parts.figure_tables(), BATCH), _TABLES)
    _list(out, "speakers", chunks(parts.speakers(), BATCH), _SPEAKERS)
    _list(out, "articles", chunks(parts.articles(), BATCH), _ARTICLES)
    _list(out, "claims", chunks(parts.claims(), BATCH), _QUOTES, last=True)
    out.write("}\n")


def _dump(value: object) -> str:
    return to_json(value).decode()


def _nested(text: str) -> str:
    """JSON written at the top level, placed one level down in the report object."""
    return text.replace("\n", "\n  ")


def _list(
    out: TextIO,
    name: str,
    batches: Iterable[list[T]],
    adapter: TypeAdapter[list[T]],
    last: bool = False,
) -> None:
    out.write(f'  "{name}": ')
    opened = False
    for batch in batches:
        if not batch:
            continue
        dumped = adapter.dump_json(batch, indent=2).decode()
        out.write((",\n" if opened else "[\n") + "  " + _nested(dumped[2:-2]))
        opened = True
    out.write(("\n  ]" if opened else "[]") + ("\n" if last else ",\n"))
