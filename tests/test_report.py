"""`claimtrack report` in every format: the same disputes, figures, quotes, provenance and
verdicts; the JSON and ClaimReview validated against their schemas; `--topic`; `-o`; and
hostile article text shown as text in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from claimtrack.models import DisputeKind, FigureGroup, QuoteKind, SpeakerKind, Stance
from claimtrack.report.build import render
from claimtrack.report.formats import ReportFormat
from claimtrack.report.models import (
    FigureTable,
    Quote,
    Report,
    ReportArticle,
    ReportDispute,
    ReportPosition,
    ReportSummary,
    Review,
    SpeakerEntry,
)
from claimtrack.report.render import csv as render_csv
from claimtrack.report.render import html as render_html
from claimtrack.report.render import md as render_md
from tests.report_corpus import ARTICLES, HOSTILE, as_json, claim_id, invoke, ok, write_articles

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
ORG = ["--org-name", "Valley Fact Desk", "--org-url", "https://factdesk.example/checks"]


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def reviewed(runner: CliRunner, db_url: str, tmp_path: Path) -> str:
    """The corpus, with a claim reviewed twice and the figure dispute reviewed once."""
    ok(runner, db_url, "ingest", *write_articles(tmp_path, ARTICLES))
    doctors = claim_id(runner, db_url, "60 deaths")
    ok(runner, db_url, "review", str(doctors), "-r", "unproven", "--reviewer", "A. Editor")
    ok(
        runner,
        db_url,
        "review",
        str(doctors),
        "-r",
        "mostly false",
        "--reviewer",
        "B. Checker",
        "--note",
        "Hospital lists show 44",
        "-e",
        "https://hospital.example/list",
    )
    figure = next(d for d in as_json(runner, db_url, "disputes") if d["kind"] == "figure")
    ok(runner, db_url, "review", "--dispute", str(figure["id"]), "-r", "misleading")
    return db_url


def report_json(runner: CliRunner, db: str, *args: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(ok(runner, db, "report", "--format", "json", *args))
    return loaded


def test_json_report_validates_and_holds_the_disputes(runner: CliRunner, reviewed: str) -> None:
    report = report_json(runner, reviewed)
    jsonschema.validate(report, schema("report.schema.json"))
    disputes = as_json(runner, reviewed, "disputes")
    assert [d["id"] for d in report["disputes"]] == [d["id"] for d in disputes]
    assert [d["topic"] for d in report["disputes"]] == [d["topic"] for d in disputes]
    figure = report["disputes"][0]
    assert figure["kind"] == "figure"
    labels = [p["label"] for p in figure["positions"]]
    assert labels == ["approximately 42", "60", "denies"]
    backers = {p["label"]: {q["speaker"] for q in p["quotes"]} for p in figure["positions"]}
    assert backers["60"] == {"Valley Doctors Association"}
    assert backers["denies"] == {"Ministry of Public Works"}
    assert [r["rating"] for r in figure["reviews"]] == ["misleading"]
    (sixty,) = figure["positions"][1]["quotes"]
    assert [r["rating"] for r in sixty["reviews"]] == ["unproven", "mostly false"]
    assert sixty["outlet"] == "Valley Post" and sixty["published"] == "2024-05-08"
    assert sixty["url"] == "https://valley-post.example/toll"
    (table,) = report["figure_tables"]
    assert table["unit"] == "deaths"
    assert [(r["label"], r["reports"], r["independent_sources"]) for r in table["rows"]] == [
        ("approximately 42", 2, 1),
        ("60", 1, 1),
    ]
    summary = report["summary"]
    assert summary == {
        "articles": 4,
        "outlets": 4,
        "speakers": len(report["speakers"]),
        "claims": len(report["claims"]),
        "disputes": len(disputes),
        "reviews": 3,
    }


def test_every_quote_has_exact_provenance(runner: CliRunner, reviewed: str) -> None:
    from claimtrack.store.database import open_store

    report = report_json(runner, reviewed)
    with open_store(reviewed) as store:
        for quote in report["claims"]:
            text = store.article(quote["article_id"]).text
            assert text[quote["start"] : quote["end"]] == quote["sentence"]
    assert len(report["claims"]) == len(as_json(runner, reviewed, "claims"))


def quotes_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for d in report["disputes"] for p in d["positions"] for q in p["quotes"]]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_md_and_html_carry_the_same_content(runner: CliRunner, reviewed: str, fmt: str) -> None:
    report = report_json(runner, reviewed)
    out = ok(runner, reviewed, "report", "--format", fmt)
    shown = "".join(Page.parse(out).text) if fmt == "html" else out.replace("\\", "")
    for dispute in report["disputes"]:
        assert f"Dispute {dispute['id']}" in shown
        assert " ".join(dispute["topic"].split()) in shown
    for quote in quotes_of(report):
        assert " ".join(quote["sentence"].split()) in shown
        assert f"article {quote['article_id']}, characters {quote['start']}–{quote['end']}" in shown
        assert quote["speaker"] in shown
        assert quote["outlet"] in shown
    for row in report["figure_tables"][0]["rows"]:
        assert row["label"] in shown
    assert "Mostly false (2) — B. Checker" in shown and "Hospital lists show 44" in shown
    assert "Unproven (not on the scale) — A. Editor" in shown
    assert "Misleading (3)" in shown
    for speaker in report["speakers"]:
        assert speaker["name"] in shown


def test_html_is_self_contained_with_one_bar_per_value(runner: CliRunner, reviewed: str) -> None:
    page = ok(runner, reviewed, "report", "--format", "html")
    parsed = Page.parse(page)
    assert parsed.tags["script"] == 0 and parsed.tags["link"] == 0 and parsed.tags["img"] == 0
    assert not parsed.external, parsed.external
    assert "default-src 'none'" in parsed.csp
    assert len(parsed.bars) == 2
    assert [label.split(" — ")[0] for label in parsed.bar_labels] == ["approximately 42", "60"]
    assert "Valley Doctors Association" in parsed.bar_labels[1]
    widths = [float(w) for w in parsed.bars]
    assert widths[0] < widths[1]  # 42 draws shorter than 60


def test_csv_has_one_row_per_claim_with_dispute_and_review_columns(
    runner: CliRunner, reviewed: str
) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(runner, reviewed, "report", "--format", "csv"))))
    claims = as_json(runner, reviewed, "claims")
    assert [int(r["claim_id"]) for r in rows] == [c["id"] for c in claims]
    figure = report_json(runner, reviewed)["disputes"][0]
    doctors = claim_id(runner, reviewed, "60 deaths")
    (row,) = [r for r in rows if int(r["claim_id"]) == doctors]
    assert str(figure["id"]) in row["dispute_ids"].split("; ")
    assert "60" in row["positions"].split("; ")
    assert (row["rating"], row["rating_value"], row["reviewer"]) == (
        "mostly false",
        "2",
        "B. Checker",
    )
    assert row["reviews"] == "2" and row["evidence"] == "https://hospital.example/list"
    assert "misleading" in row["dispute_rating"]
    quispe = claim_id(runner, reviewed, "police had fired tear gas")
    (sport,) = [r for r in rows if int(r["claim_id"]) == quispe]
    assert sport["rating"] == "" and sport["reviews"] == "0"


def test_claimreview_validates_against_googles_fields(runner: CliRunner, reviewed: str) -> None:
    items = json.loads(ok(runner, reviewed, "report", "--format", "claimreview", *ORG))
    jsonschema.validate(items, schema("claimreview.schema.json"))
    doctors = claim_id(runner, reviewed, "60 deaths")
    by_url = {item["url"]: item for item in items}
    assert len(items) == 2
    claim = by_url[f"https://factdesk.example/checks#claim-{doctors}"]
    assert claim["reviewRating"]["alternateName"] == "Mostly false"
    assert (claim["reviewRating"]["ratingValue"], claim["reviewRating"]["bestRating"]) == (2, 6)
    assert claim["author"] == {
        "@type": "Organization",
        "name": "Valley Fact Desk",
        "url": "https://factdesk.example/checks",
    }
    reviewed_item = claim["itemReviewed"]
    assert reviewed_item["author"] == {
        "@type": "Organization",
        "name": "Valley Doctors Association",
    }
    assert reviewed_item["datePublished"] == "2024-05-08"
    assert reviewed_item["appearance"][0]["url"] == "https://valley-post.example/toll"
    assert claim["claimReviewed"] == (
        "Valley Doctors Association said 60 deaths had been confirmed in the flood after the "
        "Rio Seco dam burst"
    )
    dispute = next(i for i in items if "#dispute-" in i["url"])
    assert dispute["reviewRating"]["alternateName"] == "Misleading"
    # The verdict is on the proposition: its neutral topic, every side's speakers as authors.
    authors = {a["name"] for a in dispute["itemReviewed"]["author"]}
    assert len(authors) >= 2
    (shown,) = [
        d for d in as_json(runner, reviewed, "disputes") if f"#dispute-{d['id']}" in dispute["url"]
    ]
    assert dispute["claimReviewed"] == shown["topic"]
    assert authors == {s for p in shown["positions"] for s in p["speakers"]}
    assert len(dispute["itemReviewed"]["appearance"]) == 3
    # Every schema requirement is enforced: dropping one field fails validation.
    broken = json.loads(json.dumps(items))
    del broken[0]["reviewRating"]["alternateName"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema("claimreview.schema.json"))


def test_claimreview_url_pattern(runner: CliRunner, reviewed: str) -> None:
    pattern = "https://factdesk.example/reviews/{review_id}"
    items = json.loads(
        ok(runner, reviewed, "report", "-f", "claimreview", *ORG, "--review-url", pattern)
    )
    assert sorted(i["url"] for i in items) == [
        "https://factdesk.example/reviews/2",
        "https://factdesk.example/reviews/3",
    ]
    bad = invoke(runner, reviewed, "report", "-f", "claimreview", *ORG, "--review-url", "{nope}")
    assert bad.exit_code == 1
    assert bad.stderr.startswith("Error: bad review URL pattern '{nope}'")


def test_claimreview_needs_the_organisation(runner: CliRunner, reviewed: str) -> None:
    result = invoke(runner, reviewed, "report", "--format", "claimreview")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: ClaimReview needs the publishing organisation: give --org-name and --org-url "
        "(an http(s) URL), or set CLAIMTRACK_ORG_NAME and CLAIMTRACK_ORG_URL\n"
    )
    env = runner.invoke(
        __import__("claimtrack.cli.main", fromlist=["app"]).app,
        ["--db", reviewed, "report", "-f", "claimreview"],
        env={"CLAIMTRACK_ORG_NAME": "Desk", "CLAIMTRACK_ORG_URL": "https://desk.example"},
    )
    assert env.exit_code == 0, env.output
    assert json.loads(env.stdout)[0]["author"]["name"] == "Desk"


def test_topic_narrows_the_report(runner: CliRunner, reviewed: str) -> None:
    everything = report_json(runner, reviewed)
    gas = report_json(runner, reviewed, "--topic", "tear gas")
    assert gas["topic"] == "tear gas" and gas["title"] == "Fact-check report: tear gas"
    assert len(gas["disputes"]) == 1 and gas["disputes"][0]["kind"] == "denial"
    assert gas["figure_tables"] == []
    assert {q["outlet"] for q in gas["claims"]} == {"Sports Daily"}
    assert gas["summary"]["claims"] < everything["summary"]["claims"]
    assert gas["summary"]["reviews"] == 0
    deaths = report_json(runner, reviewed, "--topic", "deaths")
    assert [d["kind"] for d in deaths["disputes"]] == ["figure"]
    assert "Sports Daily" not in {q["outlet"] for q in deaths["claims"]}
    assert deaths["summary"]["reviews"] == 3
    csv_rows = ok(runner, reviewed, "report", "-f", "csv", "--topic", "tear gas").splitlines()
    assert len(csv_rows) == 1 + len(gas["claims"])


def test_output_file_is_written_whole(runner: CliRunner, reviewed: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    result = invoke(runner, reviewed, "report", "-f", "html", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"wrote {target} (html)\n"
    assert target.read_text(encoding="utf-8") == ok(runner, reviewed, "report", "-f", "html")
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]
    missing = invoke(runner, reviewed, "report", "-o", str(tmp_path / "nowhere" / "r.md"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"Error: {tmp_path / 'nowhere' / 'r.md'}: ")
    assert len(missing.stderr.splitlines()) == 1


def test_an_empty_database_gives_an_empty_report(runner: CliRunner, db_url: str) -> None:
    from claimtrack.store.database import open_store

    open_store(db_url).close()  # exists and is empty: only ingest creates one
    report = report_json(runner, db_url)
    assert report["summary"]["claims"] == 0 and report["disputes"] == []
    assert "No disputes." in ok(runner, db_url, "report")
    assert ok(runner, db_url, "report", "-f", "claimreview", *ORG) == "[]\n"


# --- untrusted text -------------------------------------------------------------------

SCRIPT = "<script>document.title='pwned'</script>"


@pytest.fixture
def hostile(runner: CliRunner, db_url: str, tmp_path: Path) -> str:
    ok(runner, db_url, "ingest", *write_articles(tmp_path, {"hostile": HOSTILE}))
    (claim,) = as_json(runner, db_url, "claims")
    note = "<script>alert('note')</script> =1+1 | # *bold*"
    ok(
        runner,
        db_url,
        "review",
        str(claim["id"]),
        "-r",
        "false",
        "--note",
        note,
        "--reviewer",
        "<b>R</b>",
    )
    return db_url


class Page(HTMLParser):
    """What a browser would build from the page: tags, attributes, text, chart bars."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, int] = {"script": 0, "link": 0, "img": 0, "iframe": 0}
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []
        self.csp = ""
        self.bars: list[str] = []
        self.bar_labels: list[str] = []
        self._in_label = False

    @classmethod
    def parse(cls, page: str) -> Page:
        parser = cls()
        parser.feed(page)
        parser.close()
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.tags:
            self.tags[tag] += 1
        values = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        for name in ("src", "srcset", "background", "poster", "data"):
            if values.get(name):
                self.external.append(f"{tag} {name}={values[name]}")
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.csp = values.get("content") or ""
        if tag == "rect" and "bar" in (values.get("class") or "").split():
            self.bars.append(values.get("width") or "")
        self._in_label = tag == "text" and values.get("class") == "bar-label"

    def handle_endtag(self, tag: str) -> None:
        self._in_label = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_label:
            self.bar_labels.append(data)


def test_hostile_text_is_text_in_html(runner: CliRunner, hostile: str) -> None:
    page = Page.parse(ok(runner, hostile, "report", "--format", "html"))
    assert page.tags == {"script": 0, "link": 0, "img": 0, "iframe": 0}
    assert page.handlers == []
    assert all(h.startswith(("#", "https://", "http://")) for h in page.hrefs), page.hrefs
    text = "".join(page.text)
    assert SCRIPT in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>alert('title')</script> Flood" in text
    assert "<script>alert('note')</script>" in text
    assert "javascript:" not in " ".join(page.hrefs)


def test_hostile_text_is_text_in_markdown(runner: CliRunner, hostile: str) -> None:
    out = ok(runner, hostile, "report", "--format", "md")
    assert re.search(r"(?<!\\)<", out) is None  # every < is escaped: no HTML reaches GitHub
    assert re.search(r"(?<!\\)\[link\]", out) is None  # no live link syntax from the article
    assert "\\<script\\>document.title='pwned'\\</script\\>" in out
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert all(line.startswith(("# ", "## ", "### ", "#### ")) for line in headings)
    assert not any("not a heading" in line for line in headings)
    # Every table row has exactly as many cell separators as its header.
    for block in re.findall(r"((?:^\|.*\n)+)", out, flags=re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in block.splitlines()}
        assert len(widths) == 1, block
    # Unescaped, the Markdown shows exactly what the article said.
    assert SCRIPT + " | *really* _truly_ [link](javascript:alert(2)) # not a heading" in (
        re.sub(r"\\(.)", r"\1", out)
    )


def test_hostile_text_is_text_in_csv(runner: CliRunner, hostile: str) -> None:
    (row,) = csv.DictReader(io.StringIO(ok(runner, hostile, "report", "--format", "csv")))
    assert row["outlet"] == "'" + '=HYPERLINK(\\"http://evil.example\\") <b>Outlet</b>'
    assert row["review_note"].startswith("<script>alert('note')</script> =1+1")
    assert SCRIPT in row["sentence"]
    for value in row.values():
        assert not value.startswith(("=", "+", "@")), value
        assert not value.startswith("-") or re.fullmatch(r"-?\d+", value), value


def test_hostile_text_is_text_in_json_and_claimreview(runner: CliRunner, hostile: str) -> None:
    report = report_json(runner, hostile)
    jsonschema.validate(report, schema("report.schema.json"))
    (quote,) = report["claims"]
    assert SCRIPT in quote["sentence"] and quote["url"] == "javascript:alert(1)"
    items = json.loads(ok(runner, hostile, "report", "-f", "claimreview", *ORG))
    jsonschema.validate(items, schema("claimreview.schema.json"))
    (item,) = items
    assert SCRIPT in item["claimReviewed"]
    assert "url" not in item["itemReviewed"]["appearance"][0]  # javascript: is not a URL
    assert item["itemReviewed"]["appearance"][0]["headline"].startswith("<script>")


# --- renderers on a hand-built report: a hostile speaker in every field ----------------

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>|*_[x](javascript:y)#`=cmd\n# h"


def hostile_report() -> Report:
    review = Review(
        id=1,
        claim_id=1,
        rating="false",
        rating_label="False",
        rating_value=1,
        note=EVIL,
        reviewer=EVIL,
        evidence=["https://ok.example/e"],
        created_at="2024-05-10T00:00:00+00:00",
    )
    quote = Quote(
        claim_id=1,
        speaker=EVIL,
        speaker_mention=EVIL,
        speaker_kind=SpeakerKind.person,
        cue=EVIL,
        via=[EVIL],
        stance=Stance.assert_,
        quote=QuoteKind.direct,
        text=EVIL,
        sentence=EVIL,
        article_id=1,
        article_title=EVIL,
        outlet=EVIL,
        published=EVIL,
        url="javascript:alert(3)",
        path=EVIL,
        start=0,
        end=10,
        figures=[EVIL],
        dispute_ids=[1],
        positions=[EVIL],
        reviews=[review],
    )
    group = FigureGroup(
        value=5,
        unit=EVIL,
        approximate=False,
        label=EVIL,
        claim_ids=[1],
        speakers=[EVIL],
        articles=[1],
        outlets=[EVIL],
        independent_sources=1,
        reports=1,
        dates=[EVIL],
    )
    position = ReportPosition(
        label=EVIL,
        speakers=[EVIL],
        outlets=[EVIL],
        independent_sources=1,
        reports=1,
        quotes=[quote],
    )
    return Report(
        title=EVIL,
        topic=EVIL,
        summary=ReportSummary(articles=1, outlets=1, speakers=1, claims=1, disputes=1, reviews=1),
        disputes=[
            ReportDispute(
                id=1,
                key="k",
                kind=DisputeKind.figure,
                topic=EVIL,
                confirmed=False,
                significance=1,
                positions=[position],
                reviews=[review],
            )
        ],
        figure_tables=[FigureTable(dispute_id=1, unit=EVIL, rows=[group])],
        speakers=[
            SpeakerEntry(
                name=EVIL,
                kind=SpeakerKind.person,
                speaker_id=1,
                claim_ids=[1],
                articles=[1],
                dispute_ids=[1],
            )
        ],
        articles=[
            ReportArticle(
                id=1, title=EVIL, outlet=EVIL, published=EVIL, url=EVIL, path=EVIL, claims=1
            )
        ],
        claims=[quote],
    )


def test_renderers_escape_a_hostile_speaker_everywhere() -> None:
    report = hostile_report()
    page = Page.parse(render_html.render(report))
    assert page.tags["script"] == 0 and page.tags["img"] == 0 and page.handlers == []
    assert all(h.startswith(("#", "https://ok.example")) for h in page.hrefs), page.hrefs
    assert "".join(page.text).count("<script>alert(1)</script>") >= 10
    md = render_md.render(report)
    assert re.search(r"(?<!\\)<", md) is None
    assert not any(line.startswith("# h") for line in md.splitlines())
    assert re.search(r"(?<!\\)\]\(javascript", md) is None
    rows = list(csv.reader(io.StringIO(render_csv.render(report))))
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])
    assert rows[1][rows[0].index("speaker")] == EVIL  # starts with '<': text as is
    assert render_csv.cell("=1+1") == "'=1+1" and render_csv.cell("-1") == "-1"
    assert json.loads(render(report, ReportFormat.json))["claims"][0]["speaker"] == EVIL
