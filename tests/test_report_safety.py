"""The report's edges (issue 21): `-o` never clobbers what is not a regular file, the
ClaimReview export cannot break out of a <script> element, `--review-url` takes only its
three bare fields, long article text and backer lists stay inside the HTML page, and a
ClaimReview a desk can publish (self-contained statement, no off-scale ratingValue)."""

from __future__ import annotations

import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from claimtrack.models import FigureGroup, QuoteKind, Review, SpeakerKind, Stance
from claimtrack.report.models import FigureTable, Quote
from claimtrack.report.render import chart as render_chart
from claimtrack.report.render import claimreview
from claimtrack.report.render import html as render_html
from tests.report_corpus import ARTICLES, as_json, claim_id, invoke, ok, write_articles
from tests.test_report import ORG, hostile_report, schema

# --- report -o -------------------------------------------------------------------------


@pytest.fixture
def small(runner: CliRunner, tmp_path: Path) -> str:
    """One article on SQLite: `-o` is about files, not the backend."""
    db = f"sqlite:///{tmp_path / 'small.db'}"
    ok(runner, db, "ingest", *write_articles(tmp_path, {"wire": ARTICLES["wire"]}))
    return db


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_output_writes_through_a_symlink_and_keeps_it(
    runner: CliRunner, small: str, tmp_path: Path
) -> None:
    target = tmp_path / "published" / "report.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    result = invoke(runner, small, "report", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == ok(runner, small, "report")
    # A dangling link is written through too: the file it names is created.
    dangling = tmp_path / "later.md"
    dangling.symlink_to(tmp_path / "published" / "later.md")
    assert invoke(runner, small, "report", "-o", str(dangling)).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "published" / "later.md").is_file()
    assert leftovers(tmp_path) == leftovers(target.parent) == []


@pytest.fixture
def no_device_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the check ever regress, fail the test instead of replacing /dev/null."""
    real = os.replace

    def guarded(src: Any, dst: Any, **kwargs: Any) -> None:
        if os.path.realpath(dst).startswith("/dev/"):
            os.unlink(src)  # the temporary file, so none is left in /dev
            raise AssertionError(f"would have replaced {dst}")
        real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", guarded)


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "folder"
    path.mkdir()
    return path


def _link_to_fifo(tmp_path: Path) -> Path:
    link = tmp_path / "to-pipe"
    link.symlink_to(_fifo(tmp_path))
    return link


def _dev_null(tmp_path: Path) -> Path:
    return Path(os.devnull)


SPECIAL: dict[str, tuple[Callable[[Path], Path], str, Callable[[int], bool]]] = {
    "fifo": (_fifo, "a FIFO", stat.S_ISFIFO),
    "directory": (_directory, "a directory", stat.S_ISDIR),
    "symlink to a fifo": (_link_to_fifo, "a FIFO", stat.S_ISFIFO),
    "null device": (_dev_null, "a character device", stat.S_ISCHR),
}


@pytest.mark.parametrize("kind", SPECIAL)
def test_output_refuses_what_is_not_a_regular_file(
    runner: CliRunner, small: str, tmp_path: Path, kind: str, no_device_replaced: None
) -> None:
    make, named, still = SPECIAL[kind]
    path = make(tmp_path)
    result = invoke(runner, small, "report", "-f", "html", "-o", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: {named}, not a regular file; nothing written\n"
    assert still(path.stat().st_mode)  # still what it was
    assert leftovers(tmp_path) == []
    if kind == "directory":
        assert list(path.iterdir()) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_output_keeps_an_existing_files_mode(
    runner: CliRunner, small: str, tmp_path: Path, mode: int
) -> None:
    target = tmp_path / "private.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    result = invoke(runner, small, "report", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") == ok(runner, small, "report")


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_a_new_output_file_gets_the_umask_default(
    runner: CliRunner, small: str, tmp_path: Path, umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        result = invoke(runner, small, "report", "-o", str(tmp_path / "new.md"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == mode


# --- ClaimReview inside <script type="application/ld+json"> -----------------------------

BREAKOUT = "</script><script>alert(1)</script><!-- & \u2028\u2029 -->"


class Scripts(HTMLParser):
    """The <script> elements a browser would find, with their raw text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.scripts[-1] += data


def test_claimreview_cannot_close_its_script_element() -> None:
    report = hostile_report()
    report.claims[0].text = BREAKOUT
    org = "Desk & Co </script>\u2028<b>"
    out = claimreview.render(report, org, "https://desk.example/?a=1&b=2")
    assert not set("<>&\u2028\u2029") & set(out)
    assert "\\u003c/script\\u003e" in out and "\\u0026" in out and "\\u2028" in out
    items = json.loads(out)  # the same values as before escaping
    assert items[0]["author"] == {
        "@type": "Organization",
        "name": org,
        "url": "https://desk.example/?a=1&b=2",
    }
    assert "</script><script>alert(1)</script><!-- & -->" in items[0]["claimReviewed"]
    assert claimreview.script_safe(json.dumps(items, ensure_ascii=False, indent=2)) + "\n" == out
    page = f'<html><head><script type="application/ld+json">{out}</script></head></html>'
    parser = Scripts()
    parser.feed(page)
    parser.close()
    assert parser.scripts == [out]  # one element, holding the whole export


def test_claimreview_escaping_through_the_cli(
    runner: CliRunner, db_url: str, tmp_path: Path
) -> None:
    from tests.report_corpus import HOSTILE

    ok(runner, db_url, "ingest", *write_articles(tmp_path, {"hostile": HOSTILE}))
    (claim,) = as_json(runner, db_url, "claims")
    ok(runner, db_url, "review", str(claim["id"]), "-r", "false")
    out = ok(runner, db_url, "report", "-f", "claimreview", *ORG)
    assert "<" not in out and ">" not in out and "&" not in out
    (item,) = json.loads(out)
    assert "<script>document.title='pwned'</script>" in item["claimReviewed"]


# --- --review-url -----------------------------------------------------------------------

USE = "use only {org_url}, {anchor} and {review_id}, with no format spec or conversion"


@pytest.mark.parametrize(
    ("pattern", "fault"),
    [
        ("{review_id:>99999999999}", "{review_id} has a format spec"),
        ("https://x.example/{anchor!r}", "{anchor} has a conversion"),
        ("{org_url}/{0}", "unknown field {0}"),
        ("{org_url}/{}", "unknown field {}"),
        ("{anchor.__class__}", "unknown field {anchor.__class__}"),
        ("{org_url", "expected '}' before end of string"),
    ],
)
def test_review_url_takes_only_its_bare_fields(
    runner: CliRunner, db_url: str, tmp_path: Path, pattern: str, fault: str
) -> None:
    ok(runner, db_url, "ingest", *write_articles(tmp_path, {"wire": ARTICLES["wire"]}))
    result = invoke(runner, db_url, "report", "-f", "claimreview", *ORG, "--review-url", pattern)
    assert result.exit_code == 1
    assert result.stderr == f"Error: bad review URL pattern {pattern!r}: {fault}; {USE}\n"


def test_review_url_literal_braces_and_fields() -> None:
    pattern = claimreview.UrlPattern.parse("{org_url}/{{x}}/{anchor}-{review_id}")
    review = hostile_report().claims[0].reviews[0]
    assert pattern.url("https://d.example", "claim-1", review) == "https://d.example/{x}/claim-1-1"


# --- HTML: long words and long backer lists ---------------------------------------------


def test_article_text_wraps_anywhere() -> None:
    css = re.sub(r"/\*.*?\*/", "", render_html.STYLE, flags=re.S)
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", css)
    on_body = [decl for sel, decl in rules if "body" in re.split(r"[\s,]+", sel.strip())]
    # Breaks a 20,000-character word (the page stays one screen wide) and lets cells shrink.
    assert any("overflow-wrap: anywhere" in decl for decl in on_body)


def chart_group(value: float, speakers: list[str]) -> FigureGroup:
    return FigureGroup(
        value=value,
        unit="deaths",
        approximate=False,
        label=f"{value:g}",
        claim_ids=[1],
        speakers=speakers,
        articles=[1],
        outlets=[],
        independent_sources=len(speakers),
        reports=len(speakers),
        dates=[],
    )


def svg_lines(svg: str) -> tuple[float, float, list[tuple[str, float, float, bool]]]:
    """The chart's size and every line of text with its x, baseline and boldness."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    lines = []
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        x, y = float(text.attrib["x"]), float(text.attrib["y"])
        bold = text.attrib["class"] == "bar-value"
        spans = list(text)
        if not spans:
            lines.append((text.text or "", x, y, bold))
        for span in spans:
            y += float(span.attrib.get("dy", 0))
            lines.append((span.text or "", x, y, bold))
    return width, height, lines


@pytest.fixture
def long_lists() -> FigureTable:
    many = [f"Regional Health Directorate of Province Number {n}" for n in range(60)]
    return FigureTable(
        dispute_id=1,
        unit="deaths",
        rows=[
            chart_group(42, ["National Emergency Agency"]),
            chart_group(60, many),
            chart_group(61, ["W" * 20_000]),
            chart_group(62, [f"Doctor {n}" for n in range(12)]),
        ],
    )


def test_the_chart_holds_every_label(long_lists: FigureTable) -> None:
    svg = render_chart.chart(long_lists).split("</svg>")[0] + "</svg>"
    width, height, lines = svg_lines(svg)
    assert len(lines) > 8  # labels wrapped onto several lines
    for text, x, baseline, bold in lines:
        assert x + render_chart.text_width(text, bold) <= width, text[:40]
        assert baseline - render_chart.FONT_SIZE >= 0 and baseline + 4 <= height, text[:40]
    shown = " ".join(text for text, *_ in lines)
    assert "National Emergency Agency" in shown  # short lists in full
    assert "Doctor 0; " in shown and "Doctor 11 " in shown  # 12 backers wrap, none cut
    assert "more" in shown  # 60 are named in part and counted


def test_shortened_backer_lists_follow_the_chart_in_full(long_lists: FigureTable) -> None:
    html = render_chart.chart(long_lists)
    after = html.split("</svg>", 1)[1]
    assert 'class="chart-backers' in after
    for name in long_lists.rows[1].speakers:
        assert name in after
    short = FigureTable(dispute_id=1, unit="deaths", rows=long_lists.rows[:1])
    assert render_chart.chart(short).endswith("</svg>")  # nothing added when nothing was cut


# --- ClaimReview a desk can publish -----------------------------------------------------

NIS = """\
---
title: Seoul says Pyongyang sent special forces to Russia
outlet: Seoul Wire
published: 2024-10-18
url: https://seoul-wire.example/special-forces
---

South Korea's National Intelligence Service (NIS) briefed lawmakers on Friday.

The NIS said it had confirmed that North Korea sent 1,500 special operation forces to Russia \
this month.
"""


@pytest.fixture
def desk(runner: CliRunner, db_url: str, tmp_path: Path) -> Iterator[str]:
    ok(runner, db_url, "ingest", *write_articles(tmp_path, {"nis": NIS, **ARTICLES}))
    yield db_url


def review_of(items: list[dict[str, Any]], claim: int) -> dict[str, Any]:
    (item,) = [i for i in items if i["url"].endswith(f"#claim-{claim}")]
    return item


def test_claim_reviewed_is_a_self_contained_statement(runner: CliRunner, desk: str) -> None:
    nis = claim_id(runner, desk, "1,500 special operation forces")
    ok(runner, desk, "review", str(nis), "-r", "mostly true")
    items = json.loads(ok(runner, desk, "report", "-f", "claimreview", *ORG))
    item = review_of(items, nis)
    assert item["claimReviewed"] == (
        "National Intelligence Service said it had confirmed that North Korea sent 1,500 "
        "special operation forces to Russia this month"
    )
    assert item["itemReviewed"]["author"]["name"] == "National Intelligence Service"
    assert item["itemReviewed"]["appearance"][0]["url"] == (
        "https://seoul-wire.example/special-forces"
    )
    jsonschema.validate(items, schema("claimreview.schema.json"))


def test_unproven_has_no_rating_value_off_the_scale(runner: CliRunner, desk: str) -> None:
    doctors = claim_id(runner, desk, "60 deaths")
    ok(runner, desk, "review", str(doctors), "-r", "unproven")
    items = json.loads(ok(runner, desk, "report", "-f", "claimreview", *ORG))
    jsonschema.validate(items, schema("claimreview.schema.json"))
    rating = review_of(items, doctors)["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Unproven", "name": "Unproven"}
    appearance = review_of(items, doctors)["itemReviewed"]["appearance"]
    assert appearance[0]["url"] == "https://valley-post.example/toll"
    # The schema holds the rule: an off-scale value, or a value without its bounds, fails.
    for broken in ({"ratingValue": -1, "bestRating": 6, "worstRating": 1}, {"ratingValue": 3}):
        bad = json.loads(json.dumps(items))
        bad[0]["reviewRating"] |= broken
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema("claimreview.schema.json"))


def quote(cue: str, text: str, kind: QuoteKind = QuoteKind.indirect, **fields: Any) -> Quote:
    values: dict[str, Any] = {
        "claim_id": 1,
        "speaker": "Kim You-geun",
        "speaker_mention": "he",
        "speaker_kind": SpeakerKind.person,
        "cue": cue,
        "via": [],
        "stance": Stance.assert_,
        "quote": kind,
        "text": text,
        "sentence": text,
        "article_id": 1,
        "article_title": None,
        "outlet": None,
        "published": None,
        "url": None,
        "path": None,
        "start": 0,
        "end": len(text),
        "figures": [],
        "dispute_ids": [],
        "positions": [],
        "reviews": [],
    }
    return Quote(**(values | fields))


@pytest.mark.parametrize(
    ("made", "said"),
    [
        (quote("said", "it had confirmed the sale"), "Kim You-geun said it had confirmed the sale"),
        (quote("According to", "the toll rose"), "According to Kim You-geun, the toll rose"),
        (quote("citing", "its policy"), "Kim You-geun cited its policy"),
        (
            quote("quoted … as saying", "the office was destroyed", via=["Yonhap"]),
            "Yonhap quoted Kim You-geun as saying the office was destroyed",
        ),
        (
            quote("quoted by FT as saying", "Rates rose", QuoteKind.direct),
            "Kim You-geun was quoted by FT as saying: “Rates rose”",
        ),
        (
            quote("said", "We will act", QuoteKind.direct, sentence='"We will act," he said.'),
            "Kim You-geun said: “We will act”",
        ),
        (
            quote("told", "the office fell", sentence="He told a briefing that the office fell."),
            "Kim You-geun told a briefing that the office fell",
        ),
        (
            quote("said", "The bank blamed speculation", sentence="The bank blamed speculation."),
            "Kim You-geun said the bank blamed speculation",
        ),
        (
            quote("said", "Power was cut", sentence="Power was cut, he said."),
            "Kim You-geun said: Power was cut",
        ),
        (quote("", "Power was cut"), "Kim You-geun: Power was cut"),
        (quote("said", "x", speaker="officials"), "Officials said x"),
    ],
)
def test_statement_forms(made: Quote, said: str) -> None:
    assert claimreview.statement(made) == said


def test_a_review_has_its_rating_value_only_on_the_scale() -> None:
    base = Review(
        id=1,
        claim_id=1,
        rating="unproven",
        rating_label="Unproven",
        rating_value=-1,
        note=None,
        reviewer=None,
        evidence=[],
        created_at="2024-05-10T00:00:00+00:00",
    )
    assert "ratingValue" not in claimreview._rating(base)
    on_scale = claimreview._rating(base.model_copy(update={"rating_value": 6}))
    assert (on_scale["ratingValue"], on_scale["worstRating"], on_scale["bestRating"]) == (6, 1, 6)
