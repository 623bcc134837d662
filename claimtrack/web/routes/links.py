"""Suggested links one at a time (`/links/suggested`), and deciding a link from any page.

A decision form carries the status the link had when the page was drawn. If
someone decided the link since, the decision is refused and the page shows
what is stored now, so two reviewers working through one list lose nothing.
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from claimtrack.errors import NotFoundError
from claimtrack.link.linker import LinkChangedError
from claimtrack.models import ClaimLink, LinkStatus
from claimtrack.web.pages import (
    back,
    field,
    form_post,
    int_param,
    local_path,
    path_id,
    render,
    room,
)
from claimtrack.web.views import articles_by_id, claims_by_id

DECISIONS = {"confirm": LinkStatus.confirmed, "reject": LinkStatus.rejected}
STATUSES = {status.value: status for status in LinkStatus}
WAITING_SHOWN = 1000  # more waiting links than this are shown as "more than 1000"


async def suggested(request: Request) -> Response:
    """The strongest suggested link not skipped, both claims side by side.

    `skip` counts the links passed over: deciding one takes it out of the list,
    so the same `skip` then shows the next one. `dispute` keeps to the links
    between one dispute's claims (its page's "decide them").
    """
    current = room(request)
    skip = max(int_param(request, "skip", 0), 0)
    dispute_id = int_param(request, "dispute", 0)
    if dispute_id:
        return _of_dispute(request, dispute_id, skip)
    # One link read, and a count: a large database has a million suggestions.
    page = current.linker.links(status=LinkStatus.suggested, limit=1, offset=skip)
    return _page(
        request,
        page[0] if page else None,
        skip,
        # Counted to a thousand: counting a million links cost each page 100 ms.
        current.linker.count_links(LinkStatus.suggested, up_to=WAITING_SHOWN + 1),
    )


def _of_dispute(request: Request, dispute_id: int, skip: int) -> Response:
    """The suggested links between one dispute's claims, strongest first."""
    current = room(request)
    dispute = current.rankings.dispute(dispute_id)
    if dispute is None:
        # Deciding its links can dissolve a dispute or give it another id.
        return _page(request, None, skip, 0, dispute_id=dispute_id, gone=True)
    members = {i for p in dispute.positions for i in p.claim_ids}
    found: dict[int, ClaimLink] = {}
    for claim_id in sorted(members):
        for one in current.linker.links(status=LinkStatus.suggested, claim_id=claim_id):
            if one.other_id in members:
                found.setdefault(one.id, one)
    waiting = sorted(found.values(), key=lambda one: (-one.score, one.id))
    shown = waiting[skip] if skip < len(waiting) else None
    return _page(request, shown, skip, len(waiting), dispute_id=dispute_id, topic=dispute.topic)


def _page(
    request: Request,
    link: ClaimLink | None,
    skip: int,
    waiting: int,
    *,
    dispute_id: int = 0,
    topic: str = "",
    gone: bool = False,
) -> Response:
    current = room(request)
    claims = claims_by_id(current.store, [link.claim_id, link.other_id] if link else [])
    articles = articles_by_id(current.store, {c.article_id or 0 for c in claims.values()})
    here = "/links/suggested" + (f"?dispute={dispute_id}" if dispute_id else "")
    return render(
        request,
        "suggestions.html",
        link=link,
        claims=claims,
        articles=articles,
        skip=skip,
        waiting=waiting,
        shown=WAITING_SHOWN,
        dispute_id=dispute_id,
        topic=topic,
        gone=gone,
        here=here,
        again=here + ("&" if dispute_id else "?") + f"skip={skip}" if skip else here,
    )


@form_post
async def decide(request: Request, form: FormData) -> Response:
    """Confirm or reject a link, unless it was decided since the form was drawn (409).

    The status the form carries is tested by the statement that writes the
    decision (`Linker.decide`'s `expected`), so a decision made in between,
    here or by the CLI, is never overwritten.
    """
    link_id = path_id(request)
    decision = DECISIONS.get(field(form, "decision") or "")
    if decision is None:
        raise HTTPException(400, "A decision is confirm or reject.")
    expected = STATUSES.get(field(form, "expected") or "")
    if expected is None:
        raise HTTPException(
            400, "The form does not say what the link was when the page was loaded; load it again."
        )
    current = room(request)
    try:
        done = current.linker.decide(link_id, decision, field(form, "reviewer"), expected=expected)
    except NotFoundError as error:
        raise HTTPException(404, f"There is no link {link_id}.") from error
    except LinkChangedError as changed:
        now = changed.now
        who = f" by {now.decided_by}" if now.decided_by else ""
        at = (changed.decided_at or "").replace("T", " ").replace("+00:00", " UTC")
        when = f" at {at}" if at else ""
        onward = local_path(field(form, "next"), "")
        return render(
            request,
            "conflict.html",
            status=409,
            what=f"link {link_id}",
            message=f"It was {expected} when the page was loaded and is now "
            f"{now.status}{who}{when}, so your decision was not recorded.",
            again=f"/claims/{now.claim_id}#links",
            # Going through the suggestions, the desk goes on to the next one.
            onward=onward if onward.startswith("/links/suggested") else None,
        )
    current.changed()
    return back(request, form, f"/claims/{done.claim_id}#links")


ROUTES = [
    Route("/links/suggested", suggested),
    Route("/links/{id:int}/decide", decide, methods=["POST"]),
]
