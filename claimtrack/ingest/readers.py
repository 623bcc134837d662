"""Input stage: turn the paths a user gives into Article models, writing nothing.

Every problem with one input (missing file, binary data, bad JSON line) becomes
an InputError value in the output stream instead of an exception, so one bad
file in a batch of thousands does not stop the others.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TextIO

import charset_normalizer

from claimtrack.errors import InputError
from claimtrack.extract.clean import content_spans, is_boilerplate
from claimtrack.models import Article

__all__ = [
    "ARTICLE_EXTENSIONS",
    "MAX_ARTICLE_BYTES",
    "content_hash",
    "iter_articles",
    "normalize_date",
    "normalize_text",
    "read_file",
]

ArticleOrError = Article | InputError

# Extensions picked up when walking a directory (any extension is read when a
# file is named explicitly).
ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})
_MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
_HTML_EXTENSIONS = frozenset({".html", ".htm"})

_META_KEYS = ("title", "outlet", "url", "published", "author")
# Alternative names accepted in front matter and JSON records.
_META_ALIASES = {"date": "published"}
_TEXT_FIELDS = ("text", "body", "content")

# The largest article read: bigger single-article files, JSON records and stdin
# are refused with an error. Extraction and linking cost seconds per MB of prose
# (measured: 1 MB of news-like text ~8 s to ingest, 50 MB ~5 min and 2 GB of
# memory), and no news article comes near 5 MB; a runaway log or dump does.
MAX_ARTICLE_BYTES = 5_000_000
_BATCH_EXTENSIONS = frozenset({".json", ".jsonl"})  # several articles: the limit is per record

_TITLE_MAX_CHARS = 200
_FRONT_MATTER_MAX_CHARS = 64 * 1024  # where the closing '---' must appear
_SNIFF_BYTES = 64 * 1024  # how much of a file the binary test looks at
_CONTROL_RATIO = 0.05  # more control bytes than this: binary
_DAMAGED_UTF8_RATIO = 10  # valid multi-byte sequences per invalid one
_LATIN_ACCENT_RATIO = 0.25  # at most this share of letters outside ASCII: cp1252 text

# Bytes that do not occur in text files (tab, LF, FF, CR and ESC do).
_CONTROL_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}) + b"\x7f"
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
# Bytes that cp1252 decodes to non-ASCII letters (Š Œ Ž š œ ž Ÿ ª µ º À-Ö Ø-ö ø-ÿ).
_CP1252_LETTERS = (
    b"\x8a\x8c\x8e\x9a\x9c\x9e\x9f\xaa\xb5\xba"
    + bytes(range(0xC0, 0xD7))
    + bytes(range(0xD8, 0xF7))
    + bytes(range(0xF8, 0x100))
)
_HTML_SNIFF_RE = re.compile(rb"\s*(?:<!doctype html|<html[\s>])", re.IGNORECASE)
_FRONT_KEY_RE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s?(.*)")
_FRONT_LIST_RE = re.compile(r"\s+-\s+(.*)|-\s+(.*)")
_FRONT_FENCE = "---"
_BLANK_LINES_RE = re.compile(r"(?:[ \t]*\n)+")

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


class _BadInput(Exception):
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


def _meta_from_mapping(record: dict[str, Any]) -> dict[str, str | None]:
    meta: dict[str, str | None] = {}
    for key, value in record.items():
        name = _META_ALIASES.get(key.lower(), key.lower())
        if name in _META_KEYS and meta.get(name) is None:
            meta[name] = _clean_meta(value)
    if meta.get("published"):
        meta["published"] = normalize_date(str(meta["published"]))
    return meta


def _make_article(path: str, text: str, meta: dict[str, str | None]) -> Article:
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


# ---------------------------------------------------------------------------
# Bytes to text
# ---------------------------------------------------------------------------


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes near the start, mean the file is not text."""
    if b"\x00" in data:
        return True
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _CONTROL_RATIO * len(sample)


def _damaged_utf8(data: bytes) -> str | None:
    """Text decoded as UTF-8 when only a few bytes are invalid (a damaged UTF-8 file).

    Guessing another encoding for a file that is mostly valid UTF-8 turns every
    accented letter and curly quote into mojibake; U+FFFD for the few bad bytes
    loses less.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid = non_ascii - bad
    if bad > 0 and valid >= _DAMAGED_UTF8_RATIO * bad:
        return text
    return None


def _western(data: bytes) -> str | None:
    """Text decoded as cp1252 when it reads as a Latin-script language.

    charset-normalizer guesses poorly on short single-byte files (a French
    paragraph in Latin-1 can come out as Urdu cp1006), and Windows-1252/Latin-1
    is by far the most common non-UTF-8 encoding of Western news text. Text in
    a Latin-script language has few non-ASCII letters; Cyrillic or Greek bytes
    read as cp1252 are almost all accented letters, so they fail this test.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Counted on the bytes (C speed, no per-character Python loop).
    accented = len(data) - len(data.translate(None, _CP1252_LETTERS))
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if accented <= _LATIN_ACCENT_RATIO * (accented + ascii_letters):
        return text
    return None


def _decode(data: bytes) -> str:
    """Decode file contents: BOM, UTF-8, damaged UTF-8, cp1252, then charset-normalizer.

    Raises _BadInput with the reason when the bytes are not text.
    """
    if not data:
        raise _BadInput("file is empty")
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise _BadInput(f"cannot decode text (invalid {codec.upper()})") from None
    if _looks_binary(data):
        raise _BadInput("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = _damaged_utf8(data)
    if text is None:
        text = _western(data)
    if text is None:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise _BadInput("cannot decode text (not UTF-8 and no other encoding detected)")
        text = str(best)
    return text


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[dict[str, str | None], str] | None:
    """(metadata, body) when text opens with a '---' block of 'key: value' lines."""
    if not text.startswith(_FRONT_FENCE):
        return None
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].rstrip() != _FRONT_FENCE:
        return None
    head = text[: _FRONT_MATTER_MAX_CHARS + first_nl]
    match = re.search(r"^(?:---|\.\.\.)[ \t]*$", head[first_nl + 1 :], re.MULTILINE)
    if match is None:
        return None
    block = head[first_nl + 1 : first_nl + 1 + match.start()]
    body = text[first_nl + 1 + match.end() :]
    raw: dict[str, Any] = {}
    last_key: str | None = None
    for line in block.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _FRONT_LIST_RE.fullmatch(line)
        if item is not None and last_key is not None:
            # A YAML list under 'author:' and the like.
            value = (item.group(1) or item.group(2) or "").strip()
            current = raw.get(last_key)
            raw[last_key] = [*current, value] if isinstance(current, list) else [value]
            continue
        kv = _FRONT_KEY_RE.fullmatch(line.rstrip())
        if kv is None:
            return None  # not front matter after all: a rule and some prose
        last_key = kv.group(1)
        raw[last_key] = _unquote(kv.group(2).strip())
    # Blank lines between the closing fence and the body carry nothing.
    blank = _BLANK_LINES_RE.match(body)
    return _meta_from_mapping(raw), body[blank.end() :] if blank else body


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _first_line_title(text: str, markdown: bool) -> str | None:
    """The first line that is not boilerplate ("Stay up to date with notifications…")."""
    for line in text.split("\n", 50)[:50]:
        line = line.strip()
        if not line:
            continue
        if markdown:
            line = line.lstrip("#").strip()
        if is_boilerplate(line) and _looks_like_prompt(line):
            continue
        return line if 0 < len(line) < _TITLE_MAX_CHARS else None
    return None


def _looks_like_prompt(line: str) -> bool:
    """Boilerplate that is a prompt or appeal, not a headline (which is also 'not prose')."""
    return content_spans(line + ".") == []


def _parse_text(path: str, text: str, markdown: bool) -> list[ArticleOrError]:
    text = normalize_text(text)
    split = _split_front_matter(text)
    if split is not None:
        meta, body = split
    else:
        meta, body = {}, text
        meta["title"] = _first_line_title(body, markdown)
    if not body.strip():
        raise _BadInput("no text")
    return [_make_article(path, body, meta)]


def _parse_html(path: str, text: str) -> list[ArticleOrError]:
    """Main text and metadata of a web page.

    trafilatura's content heuristics grow faster than linearly with the number
    of elements (a 10 MB page takes ~30 s, 50 MB several minutes), so pages
    above _HTML_HEURISTICS_MAX_CHARS take a linear walk over the paragraph
    elements instead, with trafilatura's metadata extraction.
    """
    try:
        if len(text) > _HTML_HEURISTICS_MAX_CHARS:
            body, fields = _html_linear(text)
        else:
            body, fields = _html_trafilatura(text)
    except Exception as err:  # a third-party parser: any failure is this file's problem
        raise _BadInput(f"cannot parse HTML ({type(err).__name__})") from None
    # One paragraph per line in; a blank line between paragraphs out, which
    # matches how the text and markdown inputs look.
    paragraphs = [line.strip() for line in (body or "").split("\n") if line.strip()]
    body = normalize_text("\n\n".join(paragraphs))
    if not body or not content_spans(body):
        raise _BadInput("no article text found in HTML")
    meta = _meta_from_mapping(
        {
            "title": fields.get("title"),
            "outlet": fields.get("sitename") or fields.get("hostname"),
            "published": fields.get("date"),
            "url": fields.get("url"),
            "author": fields.get("author"),
        }
    )
    return [_make_article(path, body, meta)]


_HTML_FIELDS = ("title", "sitename", "hostname", "date", "url", "author")
_HTML_HEURISTICS_MAX_CHARS = 5_000_000
# Elements whose text is one paragraph, and elements that never hold article
# text, for the linear walk over large pages.
_HTML_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd"}
)
_HTML_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "svg",
        "template",
        "button",
        "select",
        "head",
    }
)


def _doc_fields(doc: Any) -> dict[str, Any]:
    if doc is None:
        return {}
    if isinstance(doc, dict):
        return doc
    return {k: getattr(doc, k, None) for k in (*_HTML_FIELDS, "text")}


def _html_trafilatura(text: str) -> tuple[str | None, dict[str, Any]]:
    import trafilatura  # imported on first HTML file: it costs 0.3 s at start-up

    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, output_format="python"
    )
    fields = _doc_fields(doc)
    body = fields.get("text")
    return (body if isinstance(body, str) else None), fields


def _html_linear(text: str) -> tuple[str | None, dict[str, Any]]:
    """Paragraph elements in document order, one per line; linear in the page size."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        return None, {}
    fields = _doc_fields(extract_metadata(tree))
    lines: list[str] = []
    stack = [tree]
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag.lower() in _HTML_SKIP_TAGS:
            continue  # comments, processing instructions, page chrome
        if tag.lower() in _HTML_BLOCK_TAGS:
            line = " ".join(element.text_content().split())
            if line:
                lines.append(line)
            continue
        stack.extend(reversed(element))
    return "\n".join(lines), fields


def _too_big(what: str, size: int | None, limit: int) -> str:
    """'file is 50 MB, over the 5 MB limit for one article' (decimal MB, as --max-size)."""
    actual = f"is {_mb(size)}" if size else "is larger"
    return f"{what} {actual}, over the {_mb(limit)} limit for one article"


def _mb(size: int) -> str:
    value = size / 1_000_000
    return f"{value:.0f} MB" if value >= 100 else f"{value:.3g} MB"


def _record_article(
    path: str, record: Any, number: int, max_bytes: int = MAX_ARTICLE_BYTES
) -> Article | InputError:
    """One JSON record; errors are values so the other records still load."""
    if not isinstance(record, dict):
        return InputError(path, f"record {number} is not a JSON object")
    present = [f for f in _TEXT_FIELDS if f in record]
    texts = [record[f] for f in present if isinstance(record[f], str)]
    if not present or not texts:
        return InputError(path, f"record {number} has no text field")
    text = next((normalize_text(t) for t in texts if t.strip()), "")
    if not text:
        return InputError(path, f"record {number} has no text")
    if len(text) > max_bytes // 4 and (size := len(text.encode("utf-8"))) > max_bytes:
        return InputError(path, _too_big(f"record {number} text", size, max_bytes))
    return _make_article(path, text, _meta_from_mapping(record))


def _json_error(err: json.JSONDecodeError, with_line: bool = True) -> str:
    where = f"line {err.lineno}, column {err.colno}" if with_line else f"column {err.colno}"
    return f"invalid JSON: {err.msg} ({where})"


def _parse_json(path: str, text: str, max_bytes: int) -> list[ArticleOrError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise _BadInput(_json_error(err)) from None
    except RecursionError:
        raise _BadInput("invalid JSON: nested too deeply") from None
    if isinstance(data, dict):
        records: list[Any] = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise _BadInput("expected a JSON object or a list of objects")
    if not records:
        raise _BadInput("no records in JSON list")
    return [
        _record_article(path, record, i, max_bytes) for i, record in enumerate(records, start=1)
    ]


def _parse_jsonl(path: str, text: str, max_bytes: int) -> list[ArticleOrError]:
    out: list[ArticleOrError] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            out.append(InputError(where, _json_error(err, with_line=False)))
            continue
        except RecursionError:
            out.append(InputError(where, "invalid JSON: nested too deeply"))
            continue
        article = _record_article(path, record, lineno, max_bytes)
        if isinstance(article, InputError):
            article = InputError(where, article.cause)
        out.append(article)
    return out


def _parse(path: str, suffix: str, data: bytes, max_bytes: int) -> list[ArticleOrError]:
    text = _decode(data)
    if not text.strip():
        raise _BadInput("no text")
    if suffix == ".json":
        return _parse_json(path, text, max_bytes)
    if suffix == ".jsonl":
        return _parse_jsonl(path, text, max_bytes)
    if suffix in _HTML_EXTENSIONS or (
        suffix not in _MARKDOWN_EXTENSIONS
        and suffix != ".txt"
        and _HTML_SNIFF_RE.match(data[:1024]) is not None
    ):
        return _parse_html(path, text)
    return _parse_text(path, text, markdown=suffix in _MARKDOWN_EXTENSIONS)


def _os_cause(err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return (err.strerror or str(err)).lower()


def read_file(path: str, max_bytes: int = MAX_ARTICLE_BYTES) -> list[ArticleOrError]:
    """Read one file; JSON and JSONL files may give several articles and errors.

    A single-article file larger than ``max_bytes`` is refused after reading at
    most that much (a device or a pipe may have no size); JSON and JSONL files
    are limited per record instead.
    """
    suffix = Path(path).suffix.lower()
    try:
        with open(path, "rb") as handle:
            if suffix in _BATCH_EXTENSIONS:
                data = handle.read()
            else:
                data = handle.read(max_bytes + 1)
                if len(data) > max_bytes:
                    size = os.fstat(handle.fileno()).st_size
                    return [InputError(path, _too_big("file", size, max_bytes))]
    except OSError as err:
        return [InputError(path, _os_cause(err))]
    try:
        return _parse(path, suffix, data, max_bytes)
    except _BadInput as err:
        return [InputError(path, str(err))]


def _read_stdin(stdin: TextIO, max_bytes: int = MAX_ARTICLE_BYTES) -> list[ArticleOrError]:
    """stdin as plain text or markdown (front matter allowed), path '-'."""
    try:
        # Characters, not bytes: at most four bytes each, so this bounds memory too.
        text = stdin.read(max_bytes + 1)
    except UnicodeDecodeError:
        return [InputError("-", "cannot decode text (stdin is not in the locale's encoding)")]
    except OSError as err:
        return [InputError("-", _os_cause(err))]
    if not text:
        return [InputError("-", "stdin is empty")]
    if len(text) > max_bytes or len(text.encode("utf-8", "replace")) > max_bytes:
        return [InputError("-", _too_big("stdin", None, max_bytes))]
    if "\x00" in text:
        return [InputError("-", "binary file, not text")]
    if not text.strip():
        return [InputError("-", "no text")]
    try:
        return _parse_text("-", text, markdown=True)
    except _BadInput as err:
        return [InputError("-", str(err))]


def _walk(directory: str) -> Iterator[str | InputError]:
    """Article files under `directory`, sorted by path, hidden entries skipped."""
    found: list[tuple[tuple[str, ...], str | InputError]] = []

    def on_error(err: OSError) -> None:
        where = err.filename if isinstance(err.filename, str) else directory
        rel = os.path.relpath(where, directory)
        found.append((Path(rel).parts, InputError(where, _os_cause(err))))

    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in ARTICLE_EXTENSIONS:
                continue
            rel = os.path.relpath(os.path.join(root, name), directory)
            found.append((Path(rel).parts, os.path.join(directory, rel)))
    if not found:
        yield InputError(directory, "no article files in directory")
    found.sort(key=lambda item: item[0])
    for _, item in found:
        yield item


def _override(article: Article, overrides: dict[str, str | None]) -> Article:
    update = {k: v for k, v in overrides.items() if v is not None}
    return article.model_copy(update=update) if update else article


def iter_articles(
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | InputError]:
    """Yield one Article per readable article, or an InputError per bad file/record.

    Results come in input order and bad input never raises, so a batch ingest
    reports every bad file and still stores the good ones. CLI overrides
    (outlet, published, url, title) win over metadata found in the files. An
    article over ``max_bytes`` is an error (see MAX_ARTICLE_BYTES).
    """
    overrides: dict[str, str | None] = {
        "outlet": outlet,
        "published": normalize_date(published) if published is not None else None,
        "url": url,
        "title": title,
    }
    for path in paths:
        if path == "-":
            results = _read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
        elif os.path.isdir(path):
            for item in _walk(path):
                if isinstance(item, InputError):
                    yield item
                    continue
                for result in read_file(item, max_bytes):
                    yield result if isinstance(result, InputError) else _override(result, overrides)
            continue
        else:
            results = read_file(path, max_bytes)
        for result in results:
            yield result if isinstance(result, InputError) else _override(result, overrides)
