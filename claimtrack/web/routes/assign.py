"""Assignment: a claim or dispute given to a reviewer, and each reviewer's queue (`/queue/<name>`).

The pages only call `query.assign`, the library `claimtrack assign` and
`claimtrack queue` use, so an assignment made here shows in the CLI and back.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from claimtrack.models import Assignment
from claimtrack.query.assign import assign, assignments, clean_name, queue, waiting
from claimtrack.web.pages import back, field, form_post, path_id, render, room
from claimtrack.web.views import claims_by_id


def listed(
    request: Request, *, claim_id: int | None = None, dispute_id: int | None = None
) -> list[Assignment]:
    """The assignments of one claim or dispute, oldest first (the last one is current)."""
    return assignments(room(request).store, claim_id=claim_id, dispute_id=dispute_id)


@form_post
async def assign_claim(request: Request, form: FormData) -> Response:
    """Give a claim to a reviewer (again: reassigning adds a row)."""
    claim_id = path_id(request)
    _assign(request, form, claim_id=claim_id)
    return back(request, form, f"/claims/{claim_id}#assign")


@form_post
async def assign_dispute(request: Request, form: FormData) -> Response:
    """Give a dispute to a reviewer."""
    dispute_id = path_id(request)
    _assign(request, form, dispute_id=dispute_id)
    return back(request, form, f"/disputes/{dispute_id}#assign")


def _assign(
    request: Request, form: FormData, *, claim_id: int | None = None, dispute_id: int | None = None
) -> None:
    current = room(request)
    assign(
        current.store,
        reviewer=field(form, "assignee") or "",
        claim_id=claim_id,
        dispute_id=dispute_id,
        assigned_by=field(form, "reviewer"),
        note=field(form, "note"),
    )


async def queue_form(request: Request) -> Response:
    """`/queue?reviewer=NAME` goes to that reviewer's queue; without a name, the form and
    every reviewer with something waiting."""
    name = clean_name(request.query_params.get("reviewer"))
    if name:
        return RedirectResponse(f"/queue/{quote(name, safe='')}", status_code=303)
    return render(
        request,
        "queue.html",
        reviewer="",
        items=[],
        claims={},
        disputes={},
        done=False,
        reviewers=waiting(room(request).store),
    )


async def queue_page(request: Request) -> Response:
    """What is this reviewer's and not yet decided (`?done=1`: decided ones too)."""
    name = clean_name(request.path_params["reviewer"])
    if not name:
        raise HTTPException(404, "Name a reviewer.")
    done = request.query_params.get("done") == "1"
    current = room(request)
    items = queue(current.store, name, include_done=done)
    claims = claims_by_id(current.store, {a.claim_id for a in items if a.claim_id is not None})
    disputes = {
        a.dispute_id: found
        for a in items
        if a.dispute_id is not None and (found := current.rankings.dispute(a.dispute_id))
    }
    return render(
        request,
        "queue.html",
        reviewer=name,
        items=items,
        claims=claims,
        disputes=disputes,
        done=done,
        reviewers=[],
    )


ROUTES = [
    Route("/claims/{id:int}/assign", assign_claim, methods=["POST"]),
    Route("/disputes/{id:int}/assign", assign_dispute, methods=["POST"]),
    Route("/queue", queue_form),
    Route("/queue/{reviewer:str}", queue_page),
]
