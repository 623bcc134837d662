"""Plain text and markdown: the body, with metadata from front matter or a first-line title."""

from __future__ import annotations

import re
from typing import Any

from claimtrack.extraction.clean import content_spans, is_boilerplate
from claimtrack.ingest.articles import (
    ArticleOrError,
    BadInput,
    make_article,
    meta_from_mapping,
    normalize_text,
)

_TITLE_MAX_CHARS = 200  # a longer first line is prose, not a title
_FRONT_MATTER_MAX_CHARS = 64 * 1024  # where the closing '---' must appear
_FRONT_KEY_RE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s?(.*)")
_FRONT_LIST_RE = re.compile(r"\s+-\s+(.*)|-\s+(.*)")
_FRONT_FENCE = "---"
_BLANK_LINES_RE = re.compile(r"(?:[ \t]*\n)+")


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
    return meta_from_mapping(raw), body[blank.end() :] if blank else body


def _unquote(value: str) -> str:
    """A front-matter value without the quotes YAML allows around it."""
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


def parse_text(path: str, text: str, markdown: bool) -> list[ArticleOrError]:
    """One article: front matter when present, else the first real line as its title."""
    text = normalize_text(text)
    split = _split_front_matter(text)
    if split is not None:
        meta, body = split
    else:
        meta, body = {}, text
        meta["title"] = _first_line_title(body, markdown)
    if not body.strip():
        raise BadInput("no text")
    return [make_article(path, body, meta)]
