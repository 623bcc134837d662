"""Reviewed claims as schema.org ClaimReview JSON-LD, for Google's fact-check markup.

One ClaimReview per reviewed claim and per reviewed dispute, carrying its
latest verdict (the history stays in the other formats). The fields are the
ones Google documents as required (claimReviewed, reviewRating with
alternateName, url) and recommended (author, datePublished, itemReviewed as a
Claim with author, datePublished and appearance; ratingValue, bestRating,
worstRating): https://developers.google.com/search/docs/appearance/structured-data/factcheck
A verdict off the numeric scale ("unproven", -1) gets the alternateName alone,
as Google allows, so no ratingValue ever lies outside worstRating..bestRating.
`schemas/claimreview.schema.json` states the same requirements and a test
holds the output to it.

`claimReviewed` is one self-contained sentence, speaker, cue and content
("National Intelligence Service said it had confirmed that …"): content alone
is often a fragment that leans on its sentence. A dispute's review states its
neutral topic (the proposition or quantity, query/labels.py), and its
`itemReviewed.author` lists the speakers of every side: no side wrote it.

The export is meant for a `<script type="application/ld+json">` element, and
its strings are article text: `<`, `>` and `&` (and U+2028/U+2029, line breaks
to old JavaScript parsers) are written as `\\u003c`-style escapes, so no
`</script>` or `<!--` in an article can end the element. The JSON parses to
the same values.

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
from string import Formatter
from typing import Any, NamedTuple

from claimtrack.config import ENV_ORG_NAME, ENV_ORG_URL
from claimtrack.errors import ClaimtrackError
from claimtrack.extraction.lexicon import CUE_FORMS
from claimtrack.models import QuoteKind, Review, SpeakerKind
from claimtrack.query.reviews import BEST_RATING, WORST_RATING
from claimtrack.report.models import Quote, Report, ReportDispute
from claimtrack.report.parts import ReportParts
from claimtrack.report.render.common import web_url

DEFAULT_URL_PATTERN = "{org_url}#{anchor}"
URL_FIELDS = ("org_url", "anchor", "review_id")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # Google wants ISO 8601; other dates are left out
_PEOPLE = {SpeakerKind.person, SpeakerKind.anonymous, SpeakerKind.unknown}

# Characters that could end or confuse a <script> element, as JSON escapes.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
# A past tense for each gerund cue ("citing" -> "cited"): a statement needs a finite verb.
_PAST = {lemma: surface for surface, (lemma, form) in CUE_FORMS.items() if form == "past"}
# "quoted by FT as saying" follows "was": the speaker is the grammatical subject.
_PASSIVE_CUE = re.compile(r"\w+ed (?:by .+ )?as \w+")
# Words that start a sentence only because they lead it ("said The bank …" -> "said the
# bank …"): articles, pronouns, conjunctions and common prepositions; never "I" or a name.
_LEADING_LOWER = frozenset(
    """a an the it its this that these those there their they he she his her we our you
    your some many most all any no not if when while as after before with without in on at
    for from by to of but and or so since although though because""".split()
)
# Cues whose verb needs its hearer ("told reporters that"): the sentence supplies it.
_HEARER_CUES = frozenset({"tell", "inform", "assure", "brief"})
_QUOTE_MARKS = "\"'“”‘’«»„"
_DOUBLE_QUOTES = '"“”«»„'  # inside a direct quote: it was partly quoted, leave it as is
_MAX_BRIDGE = 60  # characters of the sentence between such a cue and its content


class ClaimReviewError(ClaimtrackError):
    """ClaimReview cannot be written: the publishing organisation or the URL pattern is wrong."""


def render(
    report: Report,
    org_name: str | None,
    org_url: str | None,
    url_pattern: str | None = None,
) -> str:
    """A JSON array of ClaimReview objects, one per reviewed claim or dispute."""
    return render_parts(ReportParts.of(report), org_name, org_url, url_pattern)


def render_parts(
    parts: ReportParts,
    org_name: str | None,
    org_url: str | None,
    url_pattern: str | None = None,
) -> str:
    """`render` of parts: one item per verdict, so it is made whole before anything is written
    (a bad URL pattern is found at the first review, and must not leave half an array)."""
    name = (org_name or "").strip()
    site = web_url(org_url)
    if not name or site is None:
        raise ClaimReviewError(
            "ClaimReview needs the publishing organisation: give --org-name and --org-url "
            f"(an http(s) URL), or set {ENV_ORG_NAME} and {ENV_ORG_URL}"
        )
    pattern = UrlPattern.parse(url_pattern or DEFAULT_URL_PATTERN)
    publisher = {"@type": "Organization", "name": name, "url": site}
    items = [
        _claim_review(q.reviews[-1], [q], f"claim-{q.claim_id}", publisher, pattern)
        for q in parts.reviewed()
    ]
    for dispute in parts.reviewed_disputes():
        if dispute.reviews and (quotes := _anchor_first(dispute)):
            anchor = f"dispute-{dispute.id}"
            review = _claim_review(dispute.reviews[-1], quotes, anchor, publisher, pattern)
            # The verdict is on the proposition, which no single side wrote.
            review["claimReviewed"] = dispute.topic
            review["itemReviewed"]["author"] = _authors(quotes)
            items.append(review)
    return script_safe(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"


def script_safe(text: str) -> str:
    """JSON text that can sit inside <script>: the characters HTML reads there, escaped.

    They only ever occur inside JSON strings, where the escapes mean the same
    characters, so the text still parses to the same values."""
    return text.translate(_SCRIPT_SAFE)


def statement(quote: Quote) -> str:
    """The claim as one sentence a reader needs nothing else for: who, how, what.

    The speaker is the resolved record name, never the mention ("he", "the
    agency"), so a pronoun leading the content ("it had confirmed …") refers
    back to a name. A direct quote stays verbatim, in quotation marks."""
    speaker = " ".join(quote.speaker.split()) or "An unnamed source"
    text = " ".join((quote.text or quote.sentence).split())
    lead = _lead(speaker, " ".join(quote.cue.split()), quote)
    quoted = text.strip(_QUOTE_MARKS + " ,")
    if quote.quote is QuoteKind.direct and not any(c in _DOUBLE_QUOTES for c in quoted):
        content = f"“{quoted}”"
        said = f"{lead} {content}" if lead.endswith((",", ":")) else f"{lead}: {content}"
    elif (lowered := _lead_lower(text)) != text or not text[:1].isupper():
        said = f"{lead} {lowered}"
    elif lead.endswith((",", ":")) or not " ".join(quote.sentence.split()).startswith(text):
        said = f"{lead} {text}"
    else:  # "Power was cut …, she said": the content was a sentence of its own
        said = f"{lead}: {text}"
    return said[:1].upper() + said[1:]


def _lead(speaker: str, cue: str, quote: Quote) -> str:
    """Who and how, ready for the content: 'X said', 'According to X,', 'X told reporters that'."""
    verb, _, rest = cue.partition(" ")
    lemma = CUE_FORMS.get(verb.casefold())
    if not cue:
        return f"{speaker}:"
    if cue.casefold().startswith("according to"):
        return f"{cue} {speaker},"
    if "…" in cue:  # "quoted … as saying": the speaker fills the gap, the reporter is via
        before, _, after = (part.strip() for part in cue.partition("…"))
        if quote.via:
            return f"{quote.via[0]} {before} {speaker} {after}"
        return f"{speaker} was {before} {after}"
    if _PASSIVE_CUE.fullmatch(cue):
        return f"{speaker} was {cue}"
    if lemma and lemma[1] == "gerund" and lemma[0] in _PAST:
        return " ".join(filter(None, [speaker, _PAST[lemma[0]], rest]))
    if lemma and lemma[0] in _HEARER_CUES:
        return f"{speaker} {_with_hearer(cue, quote)}"
    return f"{speaker} {cue}"


def _lead_lower(content: str) -> str:
    """Content that began its own sentence, lower-cased to follow a cue ("said the …")."""
    first = content.split(" ", 1)[0]
    if first.istitle() and first.casefold() in _LEADING_LOWER:
        return content[:1].lower() + content[1:]
    return content


def _with_hearer(cue: str, quote: Quote) -> str:
    """'told reporters that' or 'told The Independent:' as the sentence has it, else the cue."""
    sentence = " ".join(quote.sentence.split())
    text = " ".join(quote.text.split())
    at = sentence.find(text) if text else -1
    if at < 0:
        return cue
    before = sentence.rfind(cue + " ", 0, at)
    if before >= 0 and at - before <= _MAX_BRIDGE:
        return sentence[before:at].strip()
    after = sentence.find(cue + " ", at + len(text))
    if after >= 0:  # '"…," he told The Independent.': the hearer ends the sentence
        hearer = re.split(r"[,;:!?]", sentence[after:], maxsplit=1)[0].rstrip(". ")
        if len(hearer) <= _MAX_BRIDGE:
            return hearer + ":"
    return cue


def _anchor_first(dispute: ReportDispute) -> list[Quote]:
    """The dispute's quotes with its anchor claim (id = dispute id) first: it names the author."""
    quotes = {q.claim_id: q for p in dispute.positions for q in p.quotes}
    ordered = sorted(quotes.values(), key=lambda q: (q.claim_id != dispute.id, q.claim_id))
    return ordered


def _claim_review(
    review: Review,
    quotes: list[Quote],
    anchor: str,
    publisher: dict[str, str],
    pattern: UrlPattern,
) -> dict[str, Any]:
    """One ClaimReview: the first quote states the claim and names its author."""
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
        "url": pattern.url(publisher["url"], anchor, review),
        "claimReviewed": statement(first),
        "datePublished": review.created_at[:10],
        "author": publisher,
        "reviewRating": _rating(review),
        "itemReviewed": claim,
    }


def _authors(quotes: list[Quote]) -> list[dict[str, str]]:
    """Every speaker of every side, each once: a dispute has no single author."""
    seen = dict.fromkeys((q.speaker, q.speaker_kind in _PEOPLE) for q in quotes if q.speaker)
    return [
        {"@type": "Person" if person else "Organization", "name": name} for name, person in seen
    ]


def _rating(review: Review) -> dict[str, Any]:
    """The verdict; numbers only when it is on the scale (Google: alternateName suffices)."""
    rating: dict[str, Any] = {"@type": "Rating"}
    if WORST_RATING <= review.rating_value <= BEST_RATING:
        rating |= {
            "ratingValue": review.rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    return rating | {"alternateName": review.rating_label, "name": review.rating_label}


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


class UrlPattern(NamedTuple):
    """A checked `--review-url`: literal text and the field that follows each piece."""

    text: str
    pieces: list[tuple[str, str | None]]

    @classmethod
    def parse(cls, pattern: str) -> UrlPattern:
        """Only the documented fields, bare; anything else is refused before any URL is made.

        A format spec such as `{review_id:>99999999999}` would otherwise ask
        str.format for gigabytes of padding."""
        use = "use only {org_url}, {anchor} and {review_id}, with no format spec or conversion"
        try:
            parsed = list(Formatter().parse(pattern))
        except ValueError as err:
            raise ClaimReviewError(f"bad review URL pattern {pattern!r}: {err}; {use}") from None
        pieces: list[tuple[str, str | None]] = []
        for literal, field, spec, conversion in parsed:
            if field is None:
                pieces.append((literal, None))
                continue
            if field not in URL_FIELDS:
                fault = f"unknown field {{{field[:40]}}}"
            elif spec or conversion:
                fault = f"{{{field}}} has a {'format spec' if spec else 'conversion'}"
            else:
                pieces.append((literal, field))
                continue
            raise ClaimReviewError(f"bad review URL pattern {pattern!r}: {fault}; {use}")
        return cls(pattern, pieces)

    def url(self, org_url: str, anchor: str, review: Review) -> str:
        values = {"org_url": org_url, "anchor": anchor, "review_id": str(review.id)}
        url = "".join(literal + (values[field] if field else "") for literal, field in self.pieces)
        if web_url(url) is None:
            raise ClaimReviewError(
                f"review URL pattern {self.text!r} gives {url!r}, not an http(s) URL"
            )
        return url
