"""Web pages: an HTML file's article text and metadata, through trafilatura."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from claimtrack.extraction.clean import content_spans
from claimtrack.ingest.articles import (
    ArticleOrError,
    BadInput,
    make_article,
    meta_from_mapping,
    normalize_text,
)

# An lxml.html.HtmlElement: lxml ships no type hints.
HtmlElement = Any

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

    tree, whole = _page_tree(text)
    if tree is None:
        return None, {}
    if not whole:
        return _html_events(text), _metadata(tree)
    # The tree as trafilatura would parse the text itself, so results are the same.
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, output_format="python"
    )
    fields = _doc_fields(doc)
    body = fields.get("text")
    return (body if isinstance(body, str) else None), fields


def _html_linear(text: str) -> tuple[str | None, dict[str, Any]]:
    """Paragraph elements in document order, one per line; linear in the page size."""
    tree, whole = _page_tree(text)
    if tree is None:
        return None, {}
    if not whole:
        return _html_events(text), _metadata(tree)
    fields = _metadata(tree)
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


def _metadata(tree: HtmlElement) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    return _doc_fields(extract_metadata(tree))


def _page_tree(text: str) -> tuple[HtmlElement | None, bool]:
    """The page parsed as trafilatura parses it, and whether the tree holds all of it.

    libxml2 stops building the tree 256 elements deep (the rest of the page is
    dropped, so an article inside it read as "no article text"); such a page is
    parsed again with lxml's huge_tree, whose limit is 2048 levels. Deeper
    still, the tree is not whole and the caller reads the text another way.
    """
    from lxml.html import HTMLParser as TreeParser  # type: ignore[import-untyped]
    from lxml.html import fromstring
    from trafilatura.utils import HTML_PARSER, load_html

    tree = load_html(text)
    if tree is None or not _cut(HTML_PARSER):
        return tree, True
    deep = TreeParser(
        huge_tree=True,
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    tree = fromstring(text.encode("utf-8", "surrogatepass"), parser=deep)
    return tree, not _cut(deep)


def _cut(parser: Any) -> bool:
    """Whether the parser's last document hit a resource limit (nesting depth)."""
    return any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log)


class _Paragraphs(HTMLParser):
    """Text of the paragraph elements by parser events: no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._parts: list[str] = []
        self._skipping = 0  # open elements that never hold article text
        self._in_block = False

    def _end_line(self) -> None:
        line = " ".join("".join(self._parts).split())
        if line:
            self.lines.append(line)
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP_TAGS:
            self._skipping += 1
        elif tag in _HTML_BLOCK_TAGS:
            self._end_line()
            self._in_block = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_BLOCK_TAGS:
            self._end_line()
            self._in_block = False

    def handle_data(self, data: str) -> None:
        if self._in_block and not self._skipping:
            self._parts.append(data)


def _html_events(text: str) -> str:
    """Paragraph text of a page nested too deeply for a tree, one paragraph per line."""
    parser = _Paragraphs()
    parser.feed(text)
    parser.close()
    parser._end_line()
    return "\n".join(parser.lines)
