"""What every input format shares: the Article it becomes, its metadata, its limits.

A parsed file, page or record becomes an Article here, with its metadata
cleaned and its date normalised the same way whatever the format; a reason
why an input cannot be read is a BadInput, which the reader turns into an
InputError so that one bad file does not stop a batch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

from claimtrack.errors import InputError
from claimtrack.models import Article

ArticleOrError = Article | InputError

# The largest article read: bigger single-article files, JSON records and stdin
# are refused with an error. Extraction and linking cost seconds per MB of prose
# (measured: 1 MB of news-like text ~8 s to ingest, 10 MB 5 to 9 minutes), and
# no news article comes near 5 MB; a runaway log or dump does.
MAX_ARTICLE_BYTES = 5_000_000
# The most that limit can be raised to. One article is extracted, stored and
# linked whole, in memory, and that grows faster than its text: ingest peaked at
# 0.27 GB for 5 MB of PolNeAR articles joined, 0.44 GB for 10 MB, 0.55 GB for the
# seeds repeated to 10 MB (the worst case: every claim has copies to link) and
# 7.2 GB for 50 MB. A bigger article is refused, whatever limit was asked for.
ARTICLE_BYTES_CEILING = 10_000_000

_META_KEYS = ("title", "outlet", "url", "published", "author")
# Alternative names accepted in front matter and JSON records.
_META_ALIASES = {"date": "published"}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_RES = (
    # 2020-06-16, 2020-06-16T09:12:00Z, 2020/06/16, 2020.06.16
    re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"),
    # 16 June 2020, Tuesday 16 June 2020 09:12 BST, 16th Jun. 2020
    re.compile(_WEEKDAY + _DAY + r",?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    # June 16, 2020, Tuesday, June 16 2020
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
)


class BadInput(Exception):
    """A one-line reason why an input cannot be read; becomes an InputError."""


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the NFC-normalised text: the re-ingest key."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def normalize_date(value: str) -> str:
    """ISO date (YYYY-MM-DD) when `value` is a date in a common format, else `value`.

    Dates are compared and sorted by the store, so one spelling is worth having;
    anything unrecognised is kept as given rather than guessed at.
    """
    value = value.strip()
    for pattern in _DATE_RES:
        m = pattern.match(value)
        if m is None:
            continue
        month = m.group("month")
        number = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        try:
            return date(int(m.group("year")), number, int(m.group("day"))).isoformat()
        except ValueError:
            return value
    try:
        parsed = parsedate_to_datetime(value)  # RFC 2822: "Tue, 16 Jun 2020 09:12:00 +0100"
    except (TypeError, ValueError, IndexError):
        return value
    return parsed.date().isoformat()


def normalize_text(text: str) -> str:
    """NFC, CRLF as LF, no trailing whitespace; nothing else, so offsets stay put."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.rstrip()


def _clean_meta(value: Any) -> str | None:
    """A metadata value as a stripped string; lists (several authors) are joined."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = str(value).strip()
        return text or None
    if isinstance(value, list):
        parts = [p for p in (_clean_meta(v) for v in value) if p]
        return ", ".join(parts) or None
    return None


def meta_from_mapping(record: dict[str, Any]) -> dict[str, str | None]:
    """Article metadata from front matter or a JSON record, by any accepted key name."""
    meta: dict[str, str | None] = {}
    for key, value in record.items():
        name = _META_ALIASES.get(key.lower(), key.lower())
        if name in _META_KEYS and meta.get(name) is None:
            meta[name] = _clean_meta(value)
    if meta.get("published"):
        meta["published"] = normalize_date(str(meta["published"]))
    return meta


def make_article(path: str, text: str, meta: dict[str, str | None]) -> Article:
    """The Article of one parsed input, keyed by the hash of its text."""
    return Article(
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        url=meta.get("url"),
        author=meta.get("author"),
        path=path,
        text=text,
        content_hash=content_hash(text),
    )


def article_limit(max_bytes: int) -> int:
    """The size limit in force: `max_bytes`, or the ceiling when it asks for more."""
    return min(max_bytes, ARTICLE_BYTES_CEILING)


def too_big(what: str, size: int | None, limit: int) -> str:
    """'file is 50 MB, over the 5 MB limit for one article' (decimal MB, as --max-size)."""
    actual = f"is {_mb(size)}" if size else "is larger"
    if limit > ARTICLE_BYTES_CEILING:
        return (
            f"{what} {actual}, over the {_mb(ARTICLE_BYTES_CEILING)} that one article can be "
            "at most (it is extracted in memory whole)"
        )
    return f"{what} {actual}, over the {_mb(limit)} limit for one article"


def _mb(size: int) -> str:
    """Decimal megabytes, three significant figures below 100."""
    value = size / 1_000_000
    return f"{value:.0f} MB" if value >= 100 else f"{value:.3g} MB"
