"""Wording and checks every report renderer shares, so md and html say the same thing.

Everything here returns plain text; each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from claimtrack.models import Review
from claimtrack.report.models import Quote, ReportArticle, ReportSummary

# White space (str.isspace, which re's \s matches exactly) or a control character: one
# regex search, where a Python test per character was 2.7 s of a 30 s profile of
# `report --topic` at 100,000 articles.
_BLANK = re.compile(r"[\s\x00-\x1f]")


def web_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: article text and front matter are untrusted,
    and a `javascript:` or `data:` link must never become clickable."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not _BLANK.search(url):
        return url
    return None


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def summary_line(s: ReportSummary) -> str:
    return " · ".join(
        [
            plural(s.articles, "article"),
            plural(s.outlets, "outlet"),
            plural(s.speakers, "speaker"),
            plural(s.claims, "claim"),
            plural(s.disputes, "dispute"),
            plural(s.reviews, "review"),
        ]
    )


def counts(independent: int, reports: int) -> str:
    return f"{plural(independent, 'independent source')}, {plural(reports, 'report')}"


def span(quote: Quote) -> str:
    """Provenance a reader can check: the article and the exact characters."""
    return f"article {quote.article_id}, characters {quote.start}–{quote.end}"


def backer(quote: Quote) -> str:
    """'National Emergency Agency (said, via the embassy)'."""
    cue = quote.cue + (f", via {', '.join(quote.via)}" if quote.via else "")
    mention = (
        f" [as “{quote.speaker_mention}”]"
        if quote.speaker_mention and quote.speaker_mention != quote.speaker
        else ""
    )
    return f"{quote.speaker}{mention} ({cue})"


def source(quote: Quote) -> str:
    """Outlet, date and title, with what is unknown said so."""
    parts = [quote.outlet or "outlet unknown", quote.published or "date unknown"]
    if quote.article_title:
        parts.append(quote.article_title)
    return " · ".join(parts)


def verdict(review: Review) -> str:
    """'Mostly true (5) — A. Editor, 2024-05-09: note'."""
    value = f" ({review.rating_value})" if review.rating_value > 0 else " (not on the scale)"
    who = review.reviewer or "reviewer unknown"
    note = f": {review.note}" if review.note else ""
    return f"{review.rating_label}{value} — {who}, {review.created_at}{note}"


ARTICLE_HEADER = ["Article", "Title", "Outlet", "Published", "File", "Claims"]


def article_row(
    article: ReportArticle,
    text: Callable[[object], str],
    link: Callable[[str, str | None], str],
) -> list[str]:
    """One row of the article index, escaped by the renderer's own `text` and `link`."""
    return [
        str(article.id),
        link(article.title or "untitled", article.url),
        text(article.outlet or ""),
        text(article.published or ""),
        text(article.path or ""),
        str(article.claims),
    ]
