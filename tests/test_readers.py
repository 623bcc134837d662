"""Tests for claimtrack.ingest.readers: user-given paths in, Article models or InputErrors out."""

from __future__ import annotations

import hashlib
import io
import json
import os
import unicodedata
from pathlib import Path

import pytest

from claimtrack.errors import InputError
from claimtrack.ingest import webpages
from claimtrack.ingest.readers import content_hash, iter_articles, normalize_date, read_file
from claimtrack.models import Article

STORY = (
    "Rescue teams in Marrow Valley evacuated more than 4,000 people overnight after the "
    "Tessel river burst its banks, the regional emergency agency said on Wednesday.\n\n"
    '"We have never seen the water rise this quickly," said Henrike Vos, the mayor of Estel.\n'
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Tessel river floods Marrow Valley | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:title" content="Tessel river floods Marrow Valley">
<meta property="og:url" content="https://gazette.example/news/tessel-floods">
<meta name="author" content="Priya Raman">
<meta property="article:published_time" content="2024-04-03T07:45:00+02:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Tessel river floods Marrow Valley</h1>
<p>Rescue teams in Marrow Valley evacuated more than 4,000 people overnight after the
Tessel river burst its banks, the regional emergency agency said on Wednesday.</p>
<p>"We have never seen the water rise this quickly," said Henrike Vos, the mayor of Estel,
one of the worst-hit towns along the river.</p>
<p>The agency said about 300 soldiers had been sent to help with sandbagging and that two
temporary shelters had opened in school gyms.</p>
</article>
<footer>Copyright 2024 The Harbour Gazette</footer>
</body></html>
"""

HTML_NO_BODY = """<!DOCTYPE html>
<html><head><title>Harbour Gazette</title></head>
<body><nav><a href="/">Home</a></nav><div class="ad"></div></body></html>
"""


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def only_article(results: list[Article | InputError]) -> Article:
    assert len(results) == 1, results
    article = results[0]
    assert isinstance(article, Article), article
    return article


def only_error(results: list[Article | InputError]) -> InputError:
    assert len(results) == 1, results
    error = results[0]
    assert isinstance(error, InputError), error
    return error


# ---------------------------------------------------------------------------
# Plain text and markdown
# ---------------------------------------------------------------------------


def test_txt_without_front_matter_takes_first_line_as_title(tmp_path: Path) -> None:
    path = write(tmp_path / "flood.txt", "Valley floods\r\n\r\n" + STORY.replace("\n", "\r\n"))
    article = only_article(read_file(path))
    assert article.title == "Valley floods"
    assert article.path == path
    assert "\r" not in article.text
    assert article.text == ("Valley floods\n\n" + STORY).rstrip()
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()


def test_txt_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "word " * 60 + "\n" + STORY)
    assert only_article(read_file(path)).title is None


def test_front_matter_metadata_and_body(tmp_path: Path) -> None:
    text = (
        "---\n"
        'title: "Marrow Valley: the night the river rose"\n'
        "outlet: The Harbour Gazette\n"
        "url: https://gazette.example/news/tessel-floods\n"
        "published: 3 April 2024\n"
        "author:\n"
        "  - Priya Raman\n"
        "  - Tomas Ek\n"
        "tags: [floods, weather]\n"
        "---\n"
        "\n" + STORY + "\n\n  \n"
    )
    article = only_article(read_file(write(tmp_path / "story.md", text)))
    assert article.title == "Marrow Valley: the night the river rose"
    assert article.outlet == "The Harbour Gazette"
    assert article.url == "https://gazette.example/news/tessel-floods"
    assert article.published == "2024-04-03"
    assert article.author == "Priya Raman, Tomas Ek"
    assert article.text == STORY.rstrip()


def test_front_matter_date_alias(tmp_path: Path) -> None:
    text = "---\ndate: June 16, 2020\n---\n" + STORY
    article = only_article(read_file(write(tmp_path / "a.txt", text)))
    assert article.published == "2020-06-16"
    assert article.title is None


def test_rule_that_is_not_front_matter_is_kept_as_text(tmp_path: Path) -> None:
    text = "---\nThe river rose overnight and kept rising\n---\n" + STORY
    article = only_article(read_file(write(tmp_path / "rule.md", text)))
    assert article.text == text.rstrip()


def test_front_matter_without_body_is_no_text(tmp_path: Path) -> None:
    error = only_error(read_file(write(tmp_path / "meta.md", "---\ntitle: Nothing\n---\n\n")))
    assert error.cause == "no text"


def test_markdown_heading_title(tmp_path: Path) -> None:
    article = only_article(read_file(write(tmp_path / "a.md", "# Valley floods\n\n" + STORY)))
    assert article.title == "Valley floods"
    assert article.text.startswith("# Valley floods")


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    article = only_article(read_file(write(tmp_path / "story.article", STORY)))
    assert article.text == STORY.rstrip()


def test_text_is_nfc_normalised_and_hash_matches(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Séoul and Tórshavn both reported rain.")
    article = only_article(read_file(write(tmp_path / "nfd.txt", decomposed)))
    assert article.text == "Séoul and Tórshavn both reported rain."
    assert content_hash(decomposed) == content_hash(article.text) == article.content_hash


def test_other_characters_are_kept(tmp_path: Path) -> None:
    text = "  Indented lead.\tTabbed\u00a0space — “quotes”.\n\n\nEnd.   \n\n"
    article = only_article(read_file(write(tmp_path / "keep.txt", text)))
    assert article.text == "  Indented lead.\tTabbed\u00a0space — “quotes”.\n\n\nEnd."


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def test_html_article_text_and_metadata(tmp_path: Path) -> None:
    article = only_article(read_file(write(tmp_path / "page.html", HTML_PAGE)))
    assert article.outlet == "The Harbour Gazette"
    assert article.title == "Tessel river floods Marrow Valley"
    assert article.published == "2024-04-03"
    assert article.url == "https://gazette.example/news/tessel-floods"
    assert article.author == "Priya Raman"
    paragraphs = article.text.split("\n\n")
    assert any(p.startswith("Rescue teams in Marrow Valley") for p in paragraphs)
    assert any("said Henrike Vos" in p for p in paragraphs)
    assert "Home" not in article.text
    assert "Copyright" not in article.text


def test_html_without_article_body(tmp_path: Path) -> None:
    error = only_error(read_file(write(tmp_path / "empty.htm", HTML_NO_BODY)))
    assert error.cause == "no article text found in HTML"


def test_large_html_uses_linear_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpages, "_HTML_HEURISTICS_MAX_CHARS", 100)
    article = only_article(read_file(write(tmp_path / "page.html", HTML_PAGE)))
    assert article.outlet == "The Harbour Gazette"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Tessel river floods Marrow Valley"
    assert paragraphs[1].startswith("Rescue teams in Marrow Valley evacuated")
    assert "Home" not in article.text
    assert "Copyright" not in article.text
    monkeypatch.setattr(webpages, "_HTML_HEURISTICS_MAX_CHARS", 100)
    error = only_error(read_file(write(tmp_path / "nobody.html", HTML_NO_BODY)))
    assert error.cause == "no article text found in HTML"


def test_html_sniffed_in_unknown_extension(tmp_path: Path) -> None:
    article = only_article(read_file(write(tmp_path / "page.php", HTML_PAGE)))
    assert article.outlet == "The Harbour Gazette"


# ---------------------------------------------------------------------------
# JSON and JSONL
# ---------------------------------------------------------------------------


def test_json_object(tmp_path: Path) -> None:
    record = {
        "title": "Valley floods",
        "outlet": "The Harbour Gazette",
        "date": "Wed, 03 Apr 2024 07:45:00 +0200",
        "author": "Priya Raman",
        "url": "https://gazette.example/a",
        "body": STORY,
        "section": "news",
    }
    article = only_article(read_file(write(tmp_path / "a.json", json.dumps(record))))
    assert article.text == STORY.rstrip()
    assert article.published == "2024-04-03"
    assert (article.title, article.outlet, article.author) == (
        "Valley floods",
        "The Harbour Gazette",
        "Priya Raman",
    )


def test_json_list_with_a_record_without_text(tmp_path: Path) -> None:
    records = [{"text": STORY}, {"title": "No body here"}, {"content": "Second story text."}]
    results = read_file(write(tmp_path / "batch.json", json.dumps(records)))
    assert [type(r) for r in results] == [Article, InputError, Article]
    error = results[1]
    assert isinstance(error, InputError)
    assert str(error) == f"{tmp_path / 'batch.json'}: record 2 has no text field"
    second = results[2]
    assert isinstance(second, Article) and second.text == "Second story text."


def test_malformed_json(tmp_path: Path) -> None:
    error = only_error(read_file(write(tmp_path / "bad.json", '{"text": "unterminated')))
    assert error.cause.startswith("invalid JSON: ")
    assert "line 1" in error.cause


def test_json_of_the_wrong_shape(tmp_path: Path) -> None:
    assert only_error(read_file(write(tmp_path / "n.json", "42"))).cause == (
        "expected a JSON object or a list of objects"
    )
    results = read_file(write(tmp_path / "mixed.json", '[{"text": "Fine."}, "oops"]'))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], InputError)
    assert results[1].cause == "record 2 is not a JSON object"


def test_jsonl_bad_line_is_reported_and_others_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First story.", "outlet": "Gazette"}),
        json.dumps({"body": "Second story.", "published": "16 June 2020"}),
        '{"text": "broken',
        "",
        json.dumps({"headline": "no text at all"}),
        json.dumps({"text": "   "}),
        json.dumps({"content": "Last story."}),
    ]
    path = write(tmp_path / "file.jsonl", "\n".join(lines) + "\n")
    results = read_file(path)
    texts = [r.text for r in results if isinstance(r, Article)]
    assert texts == ["First story.", "Second story.", "Last story."]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.path for e in errors] == [f"{path}:3", f"{path}:5", f"{path}:6"]
    assert errors[0].cause.startswith("invalid JSON: ")
    assert str(errors[0]).startswith(f"{path}:3: invalid JSON")
    assert errors[1].cause == "record 5 has no text field"
    assert errors[2].cause == "record 6 has no text"
    # results keep file order
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Article",
        "InputError",
        "InputError",
        "InputError",
        "Article",
    ]
    second = results[1]
    assert isinstance(second, Article) and second.published == "2020-06-16"
    assert all(r.path == path for r in results if isinstance(r, Article))


# ---------------------------------------------------------------------------
# Bad files
# ---------------------------------------------------------------------------


def test_nonexistent_path() -> None:
    error = only_error(list(iter_articles(["/no/such/dir/story.txt"])))
    assert str(error) == "/no/such/dir/story.txt: no such file or directory"


def test_empty_file(tmp_path: Path) -> None:
    assert only_error(read_file(write(tmp_path / "e.txt", ""))).cause == "file is empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert only_error(read_file(write(tmp_path / "w.md", " \n\t\r\n  \n"))).cause == "no text"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert only_error(read_file(write(tmp_path / "img.txt", data))).cause == (
        "binary file, not text"
    )


def test_binary_without_nul_but_mostly_control_bytes(tmp_path: Path) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 65]) * 100
    assert only_error(read_file(write(tmp_path / "blob.txt", data))).cause == (
        "binary file, not text"
    )


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = "Le président a déclaré mardi que Séoul « ne restera pas les bras croisés »."
    article = only_article(read_file(write(tmp_path / "fr.txt", text.encode("latin-1"))))
    assert article.text == text


def test_cp1252_smart_quotes_are_decoded(tmp_path: Path) -> None:
    text = "“We are ready,” the mayor said – and the café stayed open."
    article = only_article(read_file(write(tmp_path / "q.txt", text.encode("cp1252"))))
    assert article.text == text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    article = only_article(read_file(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + b"Hello.")))
    assert article.text == "Hello."


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", "Séoul said no.".encode("utf-16"))
    assert only_article(read_file(path)).text == "Séoul said no."


def test_damaged_utf8_keeps_the_good_characters(tmp_path: Path) -> None:
    good = "North Korea’s troops, Séoul’s reply and “grave concern”. " * 20
    data = good.encode("utf-8") + b"\xff" + b" tail."
    article = only_article(read_file(write(tmp_path / "damaged.txt", data)))
    assert article.text.startswith(good)
    assert "\ufffd" in article.text


def test_undecodable_file(tmp_path: Path) -> None:
    data = bytes(range(0x80, 0x100)) * 8
    error = only_error(read_file(write(tmp_path / "junk.txt", data)))
    assert error.cause == "cannot decode text (not UTF-8 and no other encoding detected)"


def test_directory_given_to_read_file(tmp_path: Path) -> None:
    assert only_error(read_file(str(tmp_path))).cause == "is a directory"


# ---------------------------------------------------------------------------
# Directories, stdin, overrides
# ---------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    write(root / "z.txt", "Zed story.")
    write(root / "b" / "two.md", "Two story.")
    write(root / "a" / "one.txt", "One story.")
    write(root / "a" / "deep" / "three.json", json.dumps([{"text": "Three A."}, {"x": 1}]))
    write(root / "a-b.jsonl", json.dumps({"text": "Dash story."}) + "\n")
    write(root / "a" / "empty.txt", "")
    write(root / ".hidden.txt", "Hidden story.")
    write(root / ".git" / "notes.txt", "Git notes.")
    write(root / "a" / "image.png", b"\x89PNG\x00")
    write(root / "a" / "notes.docx", "not an article")


def test_directory_recursion_order_and_paths(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    make_tree(root)
    given = str(root) + "/"
    results = list(iter_articles([given]))
    summary = [(r.path, r.text if isinstance(r, Article) else f"ERROR {r.cause}") for r in results]
    join = os.path.join
    assert summary == [
        (join(given, "a", "deep", "three.json"), "Three A."),
        (join(given, "a", "deep", "three.json"), "ERROR record 2 has no text field"),
        (join(given, "a", "empty.txt"), "ERROR file is empty"),
        (join(given, "a", "one.txt"), "One story."),
        (join(given, "a-b.jsonl"), "Dash story."),
        (join(given, "b", "two.md"), "Two story."),
        (join(given, "z.txt"), "Zed story."),
    ]


def test_relative_directory_path_is_kept_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    paths = [r.path for r in iter_articles(["corpus"]) if isinstance(r, Article)]
    assert paths[0] == os.path.join("corpus", "a", "deep", "three.json")


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    error = only_error(list(iter_articles([str(tmp_path / "empty")])))
    assert error.cause == "no article files in directory"


def test_stdin_with_front_matter() -> None:
    stdin = io.StringIO("---\ntitle: From a pipe\noutlet: Wire\n---\n" + STORY)
    article = only_article(list(iter_articles(["-"], stdin=stdin)))
    assert article.path == "-"
    assert (article.title, article.outlet) == ("From a pipe", "Wire")
    assert article.text == STORY.rstrip()


def test_stdin_plain_text_title_and_errors() -> None:
    article = only_article(list(iter_articles(["-"], stdin=io.StringIO("# Heading\n\nBody."))))
    assert article.title == "Heading"
    assert only_error(list(iter_articles(["-"], stdin=io.StringIO("")))).cause == "stdin is empty"
    assert only_error(list(iter_articles(["-"], stdin=io.StringIO(" \n ")))).cause == "no text"


def test_cli_overrides_win_over_file_metadata(tmp_path: Path) -> None:
    fm = "---\ntitle: Old title\noutlet: Old outlet\nurl: https://old.example\n---\nBody.\n"
    path = write(tmp_path / "a.md", fm)
    stdin = io.StringIO("Piped body.")
    results = list(
        iter_articles(
            [path, "-"],
            outlet="Harbour Gazette",
            published="June 16, 2020",
            url="https://new.example/a",
            title="New title",
            stdin=stdin,
        )
    )
    for result in results:
        assert isinstance(result, Article)
        assert result.outlet == "Harbour Gazette"
        assert result.published == "2020-06-16"
        assert result.url == "https://new.example/a"
        assert result.title == "New title"
        assert result.content_hash == content_hash(result.text)


def test_overrides_only_replace_what_is_given(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: Kept title\noutlet: Old\n---\nBody.\n")
    article = only_article(list(iter_articles([path], outlet="New")))
    assert (article.title, article.outlet) == ("Kept title", "New")


def test_mixed_inputs_keep_order_and_never_raise(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Good story.")
    empty = write(tmp_path / "empty.txt", "")
    results = list(iter_articles([empty, "/missing.txt", good, "-"], stdin=io.StringIO("Piped.")))
    assert [r.path for r in results] == [empty, "/missing.txt", good, "-"]
    assert [type(r) for r in results] == [InputError, InputError, Article, Article]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / ".draft.txt", "Draft story.")
    assert only_article(list(iter_articles([path]))).text == "Draft story."


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2020-06-16", "2020-06-16"),
        ("2020-06-16T09:12:00Z", "2020-06-16"),
        ("2020/06/16", "2020-06-16"),
        ("16 June 2020", "2020-06-16"),
        ("16th Jun 2020", "2020-06-16"),
        ("Tuesday 16 June 2020 09:12 BST", "2020-06-16"),
        ("June 16, 2020", "2020-06-16"),
        ("Jun. 16 2020", "2020-06-16"),
        ("Tuesday, June 16, 2020", "2020-06-16"),
        ("Tue, 16 Jun 2020 09:12:00 +0100", "2020-06-16"),
        ("  2024-04-03 ", "2024-04-03"),
        ("yesterday", "yesterday"),
        ("31 February 2020", "31 February 2020"),
        ("Spring 2020", "Spring 2020"),
    ],
)
def test_normalize_date(given: str, expected: str) -> None:
    assert normalize_date(given) == expected
