"""Web pages: an HTML file's article text and metadata, through trafilatura."""

from __future__ import annotations

from typing import Any

from claimtrack.extract.clean import content_spans
from claimtrack.ingest.articles import (
    ArticleOrError,
    BadInput,
    make_article,
    meta_from_mapping,
    normalize_text,
)

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


def parse_html(path: str, text: str) -> list[ArticleOrError]:
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
        raise BadInput(f"cannot parse HTML ({type(err).__name__})") from None
    # One paragraph per line in; a blank line between paragraphs out, which
    # matches how the text and markdown inputs look.
    paragraphs = [line.strip() for line in (body or "").split("\n") if line.strip()]
    body = normalize_text("\n\n".join(paragraphs))
    if not body or not content_spans(body):
        raise BadInput("no article text found in HTML")
    meta = meta_from_mapping(
        {
            "title": fields.get("title"),
            "outlet": fields.get("sitename") or fields.get("hostname"),
            "published": fields.get("date"),
            "url": fields.get("url"),
            "author": fields.get("author"),
        }
    )
    return [make_article(path, body, meta)]


def _doc_fields(doc: Any) -> dict[str, Any]:
    """trafilatura's result as a dict, whether it gave a Document, a dict or nothing."""
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
