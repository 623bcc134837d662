"""A claim (`/claims/<id>`): its span in the article, who said it, its links, verdicts, similar."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from claimtrack.query.match import match
from claimtrack.web.pages import back, form_post, path_id, render, room
from claimtrack.web.routes.assign import listed
from claimtrack.web.routes.disputes import record_verdict
from claimtrack.web.views import articles_by_id, other_claims, split_text

SIMILAR_SHOWN = 20


async def claim_page(request: Request) -> Response:
    """The article text with the claim's span marked, and everything a reviewer decides on."""
    claim_id = path_id(request)
    current = room(request)
    found = current.linker.claim(claim_id)  # NotFoundError: the 404 page
    claim = found.claim
    links = current.linker.links(claim_id=claim_id, include_rejected=True)
    article = current.store.article(claim.article_id or 0)
    before, span, after = split_text(article.text, claim.start, claim.end)
    history = [r for r in current.rankings.reviews() if r.claim_id == claim_id]
    in_disputes = [
        d
        for d in current.rankings.current().disputes
        if any(claim_id in p.claim_ids for p in d.positions)
    ]
    return render(
        request,
        "claim.html",
        claim=claim,
        article=article,
        before=before,
        span=span,
        after=after,
        links=links,
        others=other_claims(current.store, links),
        history=history,
        disputes=in_disputes,
        assignments=listed(request, claim_id=claim_id),
    )


async def similar(request: Request) -> Response:
    """Claims like this one (`claimtrack match` on its text), a request of its own.

    Matching reads the text index and compares a hundred candidates: the claim
    page does not wait for it. `?part=1` gives the list alone, for the page's
    script to put in place; without it, a page of its own.
    """
    claim_id = path_id(request)
    current = room(request)
    claim = current.linker.claim(claim_id).claim
    matched = match(current.linker, claim.text, about=claim.article_id)
    found = [m for m in matched if m.claim.id != claim_id]
    found = found[:SIMILAR_SHOWN]
    articles = articles_by_id(current.store, {m.claim.article_id or 0 for m in found})
    template = "similar_part.html" if request.query_params.get("part") == "1" else "similar.html"
    return render(request, template, claim=claim, matches=found, articles=articles)


@form_post
async def review_claim(request: Request, form: FormData) -> Response:
    """Add a verdict to the claim's history (never replacing one)."""
    claim_id = path_id(request)
    record_verdict(room(request), form, claim_id=claim_id)
    return back(request, form, f"/claims/{claim_id}#history")


ROUTES = [
    Route("/claims/{id:int}", claim_page),
    Route("/claims/{id:int}/similar", similar),
    Route("/claims/{id:int}/review", review_claim, methods=["POST"]),
]
