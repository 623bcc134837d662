"""Input stage: turn the paths a user gives into Article models, writing nothing.

Every problem with one input (missing file, binary data, bad JSON line) becomes
an InputError value in the output stream instead of an exception, so one bad
file in a batch of thousands does not stop the others. Each format has its
module (textfiles, webpages, jsonrecords), bytes become text in decoding, and
what they share (Article, metadata, limits) is in articles.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from claimtrack.errors import InputError
from claimtrack.ingest.articles import (
    ARTICLE_BYTES_CEILING,
    MAX_ARTICLE_BYTES,
    ArticleOrError,
    BadInput,
    article_limit,
    content_hash,
    normalize_date,
    normalize_text,
    too_big,
)
from claimtrack.ingest.decoding import decode
from claimtrack.ingest.jsonrecords import parse_json, parse_jsonl
from claimtrack.ingest.textfiles import parse_text
from claimtrack.ingest.webpages import parse_html
from claimtrack.models import Article

__all__ = [
    "ARTICLE_BYTES_CEILING",
    "ARTICLE_EXTENSIONS",
    "MAX_ARTICLE_BYTES",
    "content_hash",
    "iter_articles",
    "normalize_date",
    "normalize_text",
    "read_file",
]

# Extensions picked up when walking a directory (any extension is read when a
# file is named explicitly).
ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})
_MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
_HTML_EXTENSIONS = frozenset({".html", ".htm"})
_BATCH_EXTENSIONS = frozenset({".json", ".jsonl"})  # several articles: the limit is per record
_HTML_SNIFF_RE = re.compile(rb"\s*(?:<!doctype html|<html[\s>])", re.IGNORECASE)


def _parse(path: str, suffix: str, data: bytes, max_bytes: int) -> list[ArticleOrError]:
    """Decode, then parse by extension; an unknown extension is HTML if it looks like it."""
    text = decode(data)
    if not text.strip():
        raise BadInput("no text")
    if suffix == ".json":
        return parse_json(path, text, max_bytes)
    if suffix == ".jsonl":
        return parse_jsonl(path, text, max_bytes)
    if suffix in _HTML_EXTENSIONS or (
        suffix not in _MARKDOWN_EXTENSIONS
        and suffix != ".txt"
        and _HTML_SNIFF_RE.match(data[:1024]) is not None
    ):
        return parse_html(path, text)
    return parse_text(path, text, markdown=suffix in _MARKDOWN_EXTENSIONS)


def _os_cause(err: OSError) -> str:
    """A short lower-case cause for an InputError, without the path Python repeats."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return (err.strerror or str(err)).lower()


# O_NONBLOCK: a file swapped for a named pipe after the check cannot block the open.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file.

    A named pipe blocks its reader until something writes to it (forever, in a
    folder nobody writes to) and a device may never end, so only regular files
    are opened; a pipe is read through ``-``.
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "not a file"
    return f"not a regular file ({kind})"


def _open_regular(path: str) -> BinaryIO:
    """`path` open for reading if it is a regular file; else BadInput, without opening it."""
    why = _not_regular(os.stat(path).st_mode)
    if why is not None:
        raise BadInput(why)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        why = _not_regular(os.fstat(fd).st_mode)
        if why is not None:
            raise BadInput(why)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file(path: str, max_bytes: int = MAX_ARTICLE_BYTES) -> list[ArticleOrError]:
    """Read one regular file; JSON and JSONL files may give several articles and errors.

    A single-article file larger than ``max_bytes`` (or the ceiling) is refused
    before reading it, and after reading at most that much should it grow
    meanwhile; JSON and JSONL files are limited per record instead.
    """
    suffix = Path(path).suffix.lower()
    limit = article_limit(max_bytes)
    try:
        with _open_regular(path) as handle:
            if suffix in _BATCH_EXTENSIONS:
                data = handle.read()
            else:
                size = os.fstat(handle.fileno()).st_size
                data = handle.read(limit + 1) if size <= limit else b""
                if size > limit or len(data) > limit:
                    size = max(size, os.fstat(handle.fileno()).st_size)
                    return [InputError(path, too_big("file", size, max_bytes))]
    except OSError as err:
        return [InputError(path, _os_cause(err))]
    except ValueError:  # a NUL byte in a path given to the library
        return [InputError(path, "invalid file name")]
    except BadInput as err:
        return [InputError(path, str(err))]
    try:
        return _parse(path, suffix, data, max_bytes)
    except BadInput as err:
        return [InputError(path, str(err))]


def _stdin_bytes(stdin: TextIO | BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of stdin, undecoded: the locale's encoding is no guess for a pipe.

    A text stream without a byte buffer under it (io.StringIO) is already text;
    it is encoded back to UTF-8, surrogate escapes to the bytes they stand for.
    """
    buffer = getattr(stdin, "buffer", None)
    chunk = buffer.read(limit) if buffer is not None else stdin.read(limit)
    if isinstance(chunk, bytes):
        return chunk
    try:
        return chunk.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return chunk.encode("utf-8", "replace")


def _read_stdin(stdin: TextIO | BinaryIO | None, max_bytes: int) -> list[ArticleOrError]:
    """stdin as a plain text or markdown file (front matter allowed), path '-'.

    Its bytes are decoded as a file's are (decoding.decode), so Latin-1 or
    UTF-16 piped in reads as it does from a path.
    """
    if stdin is None:
        return [InputError("-", "no stdin to read")]
    try:
        data = _stdin_bytes(stdin, article_limit(max_bytes) + 1)
    except OSError as err:
        return [InputError("-", _os_cause(err))]
    if not data:
        return [InputError("-", "stdin is empty")]
    if len(data) > article_limit(max_bytes):
        return [InputError("-", too_big("stdin", None, max_bytes))]
    try:
        text = decode(data)
        if not text.strip():
            raise BadInput("no text")
        return parse_text("-", text, markdown=True)
    except BadInput as err:
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
    """The CLI's metadata options over what the file said."""
    update = {k: v for k, v in overrides.items() if v is not None}
    return article.model_copy(update=update) if update else article


def iter_articles(
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | InputError]:
    """Yield one Article per readable article, or an InputError per bad file/record.

    Results come in input order and bad input never raises, so a batch ingest
    reports every bad file and still stores the good ones. CLI overrides
    (outlet, published, url, title) win over metadata found in the files. An
    article over ``max_bytes`` is an error (see MAX_ARTICLE_BYTES), and so is
    one over ARTICLE_BYTES_CEILING, whatever ``max_bytes`` says.
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
