"""Search (`/search`: `claimtrack match` on a statement) and export (every report format)."""

from __future__ import annotations

import os

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from claimtrack.config import ENV_ORG_NAME, ENV_ORG_URL
from claimtrack.query.match import match
from claimtrack.report.build import build_report
from claimtrack.report.build import render as render_report
from claimtrack.report.formats import ReportFormat
from claimtrack.web.pages import render, room
from claimtrack.web.views import articles_by_id

MAX_STATEMENT = 2_000
# What a download is, per format: its media type and file name extension.
DOWNLOADS: dict[ReportFormat, tuple[str, str]] = {
    ReportFormat.md: ("text/markdown; charset=utf-8", "md"),
    ReportFormat.html: ("text/html; charset=utf-8", "html"),
    ReportFormat.json: ("application/json", "json"),
    ReportFormat.csv: ("text/csv; charset=utf-8", "csv"),
    ReportFormat.claimreview: ("application/ld+json", "claimreview.json"),
}


async def search(request: Request) -> Response:
    """Stored claims about a statement being checked, strongest first."""
    statement = request.query_params.get("statement", "").strip()[:MAX_STATEMENT]
    current = room(request)
    found = match(current.linker, statement) if statement else []
    articles = articles_by_id(current.store, {m.claim.article_id or 0 for m in found})
    return render(request, "search.html", statement=statement, matches=found, articles=articles)


async def export_page(request: Request) -> Response:
    return render(
        request,
        "export.html",
        formats=[f.value for f in ReportFormat],
        org_name=os.environ.get(ENV_ORG_NAME, ""),
        org_url=os.environ.get(ENV_ORG_URL, ""),
    )


async def download(request: Request) -> Response:
    """The report in one format as a file, `--topic` and the ClaimReview publisher included.

    A GET: it changes nothing, and a link to it is a bookmark.
    """
    params = request.query_params
    name = params.get("format", "md")
    fmt = ReportFormat(name) if name in ReportFormat.__members__ else ReportFormat.md
    topic = params.get("topic", "").strip()[:200] or None
    store = room(request).store
    built = build_report(store, topic=topic)
    text = render_report(
        built,
        fmt,
        org_name=params.get("org_name") or os.environ.get(ENV_ORG_NAME),
        org_url=params.get("org_url") or os.environ.get(ENV_ORG_URL),
    )
    media, extension = DOWNLOADS[fmt]
    return Response(
        text,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="claimtrack-report.{extension}"'},
    )


ROUTES = [
    Route("/search", search),
    Route("/export", export_page),
    Route("/export/report", download),
]
