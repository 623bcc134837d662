"""JSON and JSONL files: one article per record, and one error per bad record.

A JSON export holds thousands of articles; a record without text, or a line
that is not JSON, is reported on its own while the others still load.
"""

from __future__ import annotations

import json
from typing import Any

from claimtrack.errors import InputError
from claimtrack.ingest.articles import (
    MAX_ARTICLE_BYTES,
    ArticleOrError,
    BadInput,
    article_limit,
    make_article,
    meta_from_mapping,
    normalize_text,
    too_big,
)
from claimtrack.models import Article

# Fields that may hold a record's text, first non-empty one wins.
_TEXT_FIELDS = ("text", "body", "content")


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
    limit = article_limit(max_bytes)
    if len(text) > limit // 4 and (size := len(text.encode("utf-8"))) > limit:
        return InputError(path, too_big(f"record {number} text", size, max_bytes))
    return make_article(path, text, meta_from_mapping(record))


def _json_error(err: json.JSONDecodeError, with_line: bool = True) -> str:
    """The decoder's message and position (a JSONL error is on its own line already)."""
    where = f"line {err.lineno}, column {err.colno}" if with_line else f"column {err.colno}"
    return f"invalid JSON: {err.msg} ({where})"


def parse_json(path: str, text: str, max_bytes: int) -> list[ArticleOrError]:
    """A JSON object or list of objects; a file that is not JSON is one BadInput."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BadInput(_json_error(err)) from None
    except RecursionError:
        raise BadInput("invalid JSON: nested too deeply") from None
    if isinstance(data, dict):
        records: list[Any] = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise BadInput("expected a JSON object or a list of objects")
    if not records:
        raise BadInput("no records in JSON list")
    return [
        _record_article(path, record, i, max_bytes) for i, record in enumerate(records, start=1)
    ]


def parse_jsonl(path: str, text: str, max_bytes: int) -> list[ArticleOrError]:
    """One object per line; a bad line is an InputError at 'path:line', the rest still load."""
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
