"""The disputes page (`/`), one dispute (`/disputes/<id>`) and its verdict form."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from claimtrack.models import DisputeKind, Review
from claimtrack.query.reviews import record_review
from claimtrack.web.pages import (
    Room,
    back,
    field,
    form_post,
    int_param,
    path_id,
    render,
    room,
)
from claimtrack.web.routes.assign import listed
from claimtrack.web.views import Pager, figure_charts, positions, reported


async def index(request: Request) -> Response:
    """Disputes, most significant first, one page at a time, with the filters the desk uses."""
    topic = request.query_params.get("topic", "").strip()[:200]
    kind_name = request.query_params.get("kind", "")
    kind = DisputeKind(kind_name) if kind_name in DisputeKind.__members__ else None
    unreviewed = request.query_params.get("unreviewed") == "1"
    current = room(request)
    chosen, verdicts = current.rankings.select(topic or None, kind, unreviewed)
    pager = Pager.of(len(chosen), int_param(request, "page"))
    shown = chosen[pager.start : pager.end]
    latest: dict[int, Review] = {}
    for review in verdicts:
        if review.dispute_id is not None:
            latest[review.dispute_id] = review
    return render(
        request,
        "disputes.html",
        disputes=shown,
        charts=figure_charts(current.store, shown),
        reported=reported(current.store, shown),
        latest=latest,
        pager=pager,
        filters={"topic": topic, "kind": kind.value if kind else "", "unreviewed": unreviewed},
        kinds=[k.value for k in DisputeKind],
    )


async def dispute_page(request: Request) -> Response:
    """Positions side by side, every backer's verbatim quote, the verdict form and history."""
    dispute_id = path_id(request)
    current = room(request)
    dispute = current.rankings.dispute(dispute_id)
    if dispute is None:
        raise HTTPException(404, f"There is no dispute {dispute_id} (any more).")
    history = [r for r in current.rankings.reviews() if r.dispute_id == dispute_id]
    return render(
        request,
        "dispute.html",
        dispute=dispute,
        positions=positions(current.store, dispute),
        charts=figure_charts(current.store, [dispute]),
        history=history,
        key=current.rankings.current().index.key_of(dispute_id) or "",
        assignments=listed(request, dispute_id=dispute_id),
    )


@form_post
async def review_dispute(request: Request, form: FormData) -> Response:
    """Record a verdict on a dispute, unless the dispute changed since its page was loaded."""
    dispute_id = path_id(request)
    current = room(request)
    current.changed()  # decide against the disputes as they are now
    now = current.rankings.current().index.key_of(dispute_id)
    if now is None or now != field(form, "key"):
        return render(
            request,
            "conflict.html",
            status=409,
            what=f"dispute {dispute_id}",
            message="Its claims changed since the page was loaded (a link was decided or "
            "an article ingested), so the verdict was not recorded.",
            again=f"/disputes/{dispute_id}" if now else "/",
            onward=None,
        )
    record_verdict(current, form, dispute_id=dispute_id)
    return back(request, form, f"/disputes/{dispute_id}#history")


def record_verdict(
    current: Room, form: FormData, *, claim_id: int | None = None, dispute_id: int | None = None
) -> None:
    """The verdict form's fields, recorded through the library as `claimtrack review` does.

    The form preselects no rating: a verdict nobody chose is never recorded.
    """
    rating = field(form, "rating")
    if rating is None:
        raise HTTPException(400, "Choose a rating; the verdict was not recorded.")
    record_review(
        current.store,
        rating=rating,
        claim_id=claim_id,
        dispute_id=dispute_id,
        note=field(form, "note"),
        reviewer=field(form, "reviewer"),
        evidence=_evidence(form),
    )
    current.changed()


def _evidence(form: FormData) -> list[str]:
    """Evidence URLs, one per line of the form's box."""
    return [line.strip() for line in (field(form, "evidence") or "").splitlines() if line.strip()]


ROUTES = [
    Route("/", index),
    Route("/disputes/{id:int}", dispute_page),
    Route("/disputes/{id:int}/review", review_dispute, methods=["POST"]),
]
