"""Reviewed claims as schema.org ClaimReview JSON-LD, for Google's fact-check markup.

One ClaimReview per reviewed claim and per reviewed dispute, carrying its
latest verdict (the history stays in the other formats). The fields are the
ones Google documents as required (claimReviewed, reviewRating with
alternateName, url) and recommended (author, datePublished, itemReviewed as a
Claim with author, datePublished and appearance; ratingValue, bestRating,
worstRating): https://developers.google.com/search/docs/appearance/structured-data/factcheck
`schemas/claimreview.schema.json` states the same requirements and a test
holds the output to it.

The publishing organisation is configuration (--org-name/--org-url or
CLAIMTRACK_ORG_NAME/CLAIMTRACK_ORG_URL). Each review's `url` comes from a
pattern, by default ``{org_url}#{anchor}`` where the anchor (``claim-9``,
``dispute-3``) is the id the HTML report gives that claim or dispute, so the
HTML report published at the organisation's URL is the page the markup
points to.
"""

from __future__ import annotations

import json
import re
from typing import Any

from claimtrack.config import ENV_ORG_NAME, ENV_ORG_URL
from claimtrack.errors import ClaimtrackError
from claimtrack.models import Review, SpeakerKind
from claimtrack.query.reviews import BEST_RATING, WORST_RATING
from claimtrack.report.models import Quote, Report, ReportDispute
from claimtrack.report.render.common import web_url

DEFAULT_URL_PATTERN = "{org_url}#{anchor}"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # Google wants ISO 8601; other dates are left out
_PEOPLE = {SpeakerKind.person, SpeakerKind.anonymous, SpeakerKind.unknown}


class ClaimReviewError(ClaimtrackError):
    """ClaimReview cannot be written: the publishing organisation or the URL pattern is wrong."""


def render(
    report: Report,
    org_name: str | None,
    org_url: str | None,
    url_pattern: str | None = None,
) -> str:
    """A JSON array of ClaimReview objects, one per reviewed claim or dispute."""
    name = (org_name or "").strip()
    site = web_url(org_url)
    if not name or site is None:
        raise ClaimReviewError(
            "ClaimReview needs the publishing organisation: give --org-name and --org-url "
            f"(an http(s) URL), or set {ENV_ORG_NAME} and {ENV_ORG_URL}"
        )
    pattern = url_pattern or DEFAULT_URL_PATTERN
    publisher = {"@type": "Organization", "name": name, "url": site}
    items = [
        _claim_review(q.text, q.reviews[-1], [q], f"claim-{q.claim_id}", publisher, pattern)
        for q in report.claims
        if q.reviews
    ]
    items += [
        _claim_review(
            d.topic, d.reviews[-1], _anchor_first(d), f"dispute-{d.id}", publisher, pattern
        )
        for d in report.disputes
        if d.reviews
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _anchor_first(dispute: ReportDispute) -> list[Quote]:
    """The dispute's quotes with its anchor claim (id = dispute id) first: it names the author."""
    quotes = {q.claim_id: q for p in dispute.positions for q in p.quotes}
    ordered = sorted(quotes.values(), key=lambda q: (q.claim_id != dispute.id, q.claim_id))
    return ordered


def _claim_review(
    claimed: str,
    review: Review,
    quotes: list[Quote],
    anchor: str,
    publisher: dict[str, str],
    pattern: str,
) -> dict[str, Any]:
    first = quotes[0]
    claim: dict[str, Any] = {
        "@type": "Claim",
        "author": {
            "@type": "Person" if first.speaker_kind in _PEOPLE else "Organization",
            "name": first.speaker,
        },
        "appearance": _appearances(quotes),
    }
    dates = sorted(q.published[:10] for q in quotes if q.published and _ISO_DATE.match(q.published))
    if dates:
        claim["datePublished"] = dates[0]
    firsts = [q for q in quotes if (q.published or "")[:10] == dates[0]] if dates else []
    if firsts:
        claim["firstAppearance"] = _appearances(firsts[:1])[0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": _review_url(pattern, publisher["url"], anchor, review),
        "claimReviewed": " ".join(claimed.split()),
        "datePublished": review.created_at[:10],
        "author": publisher,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": review.rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": review.rating_label,
            "name": review.rating_label,
        },
        "itemReviewed": claim,
    }


def _appearances(quotes: list[Quote]) -> list[dict[str, Any]]:
    """Where the claim appeared: each article once, by URL when it has one."""
    seen: dict[int, dict[str, Any]] = {}
    for quote in quotes:
        if quote.article_id in seen:
            continue
        work: dict[str, Any] = {"@type": "CreativeWork"}
        if (url := web_url(quote.url)) is not None:
            work["url"] = url
        if quote.article_title:
            work["headline"] = quote.article_title
        elif "url" not in work:
            work["name"] = quote.outlet or f"article {quote.article_id}"
        if quote.published and _ISO_DATE.match(quote.published):
            work["datePublished"] = quote.published
        if quote.outlet:
            work["publisher"] = {"@type": "Organization", "name": quote.outlet}
        seen[quote.article_id] = work
    return list(seen.values())


def _review_url(pattern: str, org_url: str, anchor: str, review: Review) -> str:
    try:
        url = pattern.format(org_url=org_url, anchor=anchor, review_id=review.id)
    except (KeyError, IndexError, ValueError) as err:
        raise ClaimReviewError(
            f"bad review URL pattern {pattern!r}: use {{org_url}}, {{anchor}} and {{review_id}} "
            f"({type(err).__name__}: {err})"
        ) from None
    if web_url(url) is None:
        raise ClaimReviewError(f"review URL pattern {pattern!r} gives {url!r}, not an http(s) URL")
    return url
