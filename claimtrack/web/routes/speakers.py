"""Speakers: list, search, one speaker's claims, merge and split, as `claimtrack speakers` does.

Merging and splitting call the store's own corrections, so the rules
`claimtrack speakers` records (later ingests obey them) are the same here.
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from claimtrack.models import SpeakerSummary
from claimtrack.web.pages import field, form_post, int_param, path_id, render, room
from claimtrack.web.views import Pager, articles_by_id

CLAIMS_SHOWN = 100


def _matches(speaker: SpeakerSummary, needle: str) -> bool:
    return any(needle in name.casefold() for name in (speaker.name, *speaker.aliases))


async def speakers(request: Request) -> Response:
    """Speakers, most-cited first; `q` keeps those whose name or an alias contains it."""
    q = request.query_params.get("q", "").strip()[:200]
    rows = room(request).store.speakers()
    if q:
        rows = [s for s in rows if _matches(s, q.casefold())]
    pager = Pager.of(len(rows), int_param(request, "page"), size=50)
    return render(
        request, "speakers.html", speakers=rows[pager.start : pager.end], pager=pager, q=q
    )


async def speaker_page(request: Request) -> Response:
    """One speaker: aliases (each can be split off), claims, and a merge form."""
    current = room(request)
    speaker = current.store.speaker(path_id(request))
    claims = current.store.claims(speaker_ids=[speaker.id])
    shown = claims[:CLAIMS_SHOWN]
    return render(
        request,
        "speaker.html",
        speaker=speaker,
        claims=shown,
        # Which article, outlet and date each claim is from: what a merge or split turns on.
        articles=articles_by_id(current.store, {c.article_id or 0 for c in shown}),
        more=max(0, len(claims) - CLAIMS_SHOWN),
    )


@form_post
async def merge(request: Request, form: FormData) -> Response:
    """Make two speaker records one (`claimtrack speakers merge KEEP OTHER`)."""
    keep, other = field(form, "keep"), field(form, "other")
    if not keep or not other:
        raise HTTPException(400, "Name both speakers: the one to keep and the one merged into it.")
    current = room(request)
    merged = current.store.merge_speakers(keep, other)
    current.changed(speakers=True)
    return RedirectResponse(f"/speakers/{merged.id}", status_code=303)


@form_post
async def split(request: Request, form: FormData) -> Response:
    """Give an alias a speaker of its own (`claimtrack speakers split SPEAKER ALIAS`)."""
    speaker, alias = field(form, "speaker"), field(form, "alias")
    if not speaker or not alias:
        raise HTTPException(400, "Name the speaker and the alias to split off.")
    current = room(request)
    kept = current.store.speaker(speaker).id
    new = current.store.split_speaker(kept, alias)
    current.changed(speakers=True)
    return RedirectResponse(f"/speakers/{new.id}", status_code=303)


ROUTES = [
    Route("/speakers", speakers),
    Route("/speakers/merge", merge, methods=["POST"]),
    Route("/speakers/split", split, methods=["POST"]),
    Route("/speakers/{id:int}", speaker_page),
]
