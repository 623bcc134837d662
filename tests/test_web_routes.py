"""The review room's pages through Starlette's test client, on SQLite and PostgreSQL.

The seed articles are ingested as `claimtrack ingest seeds/` does; every
change is then made through a page and checked through the library the CLI
uses, so the two keep one record.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import update

from claimtrack.ingest.pipeline import ingest
from claimtrack.link.linker import LinkChangedError, Linker
from claimtrack.models import ClaimLink, LinkStatus
from claimtrack.query.disputes import disputes
from claimtrack.query.reviews import reviews
from claimtrack.store.database import Store, open_store
from claimtrack.store.tables import LINK

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's TestClient may warn about its httpx
    from httpx import Response
    from starlette.testclient import TestClient

from claimtrack.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "seeds")
BASE = "http://127.0.0.1"


def client_for(store: Store, **options: object) -> TestClient:
    """A test client of the review room over an open store (left open by the app)."""
    app = create_app(store=store, **options)  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


def message_of(page: str) -> str:
    found = re.search(r'<p class="message">(.*?)</p>', page, re.S)
    return unescape(found.group(1)) if found else ""


@pytest.fixture
def seeded(store: Store) -> Store:
    ingest(store, [SEEDS])
    return store


@pytest.fixture
def client(seeded: Store) -> Iterator[TestClient]:
    with client_for(seeded) as opened:
        yield opened


def troop_dispute(store: Store) -> int:
    found = [d for d in disputes(Linker(store)) if d.topic.startswith("troops:")]
    assert found, "the seeds hold the troop figure dispute"
    return found[0].id


def test_disputes_page_ranks_like_the_cli_with_chart_and_counts(
    client: TestClient, seeded: Store
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    ranked = disputes(Linker(seeded))
    shown = [int(i) for i in re.findall(r'<li class="dispute" id="dispute-(\d+)"', page.text)]
    assert shown == [d.id for d in ranked][: len(shown)] and shown
    troops = troop_dispute(seeded)
    block = page.text.split(f'id="dispute-{troops}"')[1].split("</li>")[0]
    assert '<span class="kind kind-figure">figure</span>' in block
    assert '<svg class="chart"' in block and "<rect" in block
    assert "National Intelligence Service" in block
    assert "Independent sources" in block and "not yet reviewed" in block


def test_disputes_filters_by_kind_topic_and_review(client: TestClient, seeded: Store) -> None:
    troops = troop_dispute(seeded)
    figures = client.get("/?kind=figure").text
    assert f'id="dispute-{troops}"' in figures and "kind-denial" not in figures
    assert f'id="dispute-{troops}"' in client.get("/?topic=troops").text
    assert "No dispute matches" in client.get("/?topic=zzzunheardof").text
    page = client.get(f"/disputes/{troops}").text
    key = re.search(r'name="key" value="([^"]*)"', page)
    assert key
    client.post(
        f"/disputes/{troops}/review",
        data={"csrf": csrf_of(page), "key": unescape(key.group(1)), "rating": "unproven"},
    )
    assert f'id="dispute-{troops}"' not in client.get("/?unreviewed=1").text
    assert "reviewed: " in client.get("/").text.split(f'id="dispute-{troops}"')[1]


def test_disputes_are_paginated(seeded: Store) -> None:
    import claimtrack.web.views as views

    total = len(disputes(Linker(seeded)))
    assert total >= 2
    old = views.PAGE_SIZE
    views.PAGE_SIZE = 1
    try:
        with client_for(seeded) as client:
            first = client.get("/")
            second = client.get("/?page=2")
            too_far = client.get("/?page=999")
    finally:
        views.PAGE_SIZE = old
    assert first.text.count('<li class="dispute"') == 1
    assert f"Page 1 of {total}" in first.text and 'rel="next"' in first.text
    assert f"Page 2 of {total}" in second.text and 'rel="prev"' in second.text
    assert f"Page {total} of {total}" in too_far.text


def test_dispute_page_shows_positions_quotes_and_a_history_that_grows(
    client: TestClient, seeded: Store
) -> None:
    troops = troop_dispute(seeded)
    page = client.get(f"/disputes/{troops}").text
    assert page.count('<section class="side">') >= 3  # 1,500 vs 3,000 vs 10,000
    assert "<blockquote" in page and "Volodymyr Zelenskiy" in page
    assert 'class="cue"' in page and 'href="/claims/' in page
    key = unescape(re.search(r'name="key" value="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    for rating, who in (("half true", "Ann"), ("false", "Bo")):
        sent = client.post(
            f"/disputes/{troops}/review",
            data={
                "csrf": csrf_of(page),
                "key": key,
                "rating": rating,
                "reviewer": who,
                "note": "Three counts",
                "evidence": "https://example.org/a\nhttps://example.org/b",
                "next": f"/disputes/{troops}#history",
            },
            follow_redirects=False,
        )
        assert sent.status_code == 303
    history = reviews(seeded, dispute_id=troops)
    assert [(r.rating, r.reviewer) for r in history] == [("half true", "Ann"), ("false", "Bo")]
    assert history[0].evidence == ["https://example.org/a", "https://example.org/b"]
    shown = client.get(f"/disputes/{troops}").text.split('id="history"')[1]
    assert "Half true" in shown and "False" in shown and "by Ann" in shown


def test_a_verdict_on_a_dispute_that_changed_is_refused(client: TestClient, seeded: Store) -> None:
    troops = troop_dispute(seeded)
    page = client.get(f"/disputes/{troops}").text
    sent = client.post(
        f"/disputes/{troops}/review",
        data={"csrf": csrf_of(page), "key": "figure:stale:1:2", "rating": "false"},
    )
    assert sent.status_code == 409
    assert "not recorded" in message_of(sent.text)
    assert reviews(seeded, dispute_id=troops) == []


def test_claim_page_marks_the_span_in_the_article(client: TestClient, seeded: Store) -> None:
    claim = next(c for c in seeded.claims(search="1,500") if c.attributed)
    page = client.get(f"/claims/{claim.id}")
    assert page.status_code == 200
    marked = re.search(r'<mark id="span" class="span">(.*?)</mark>', page.text, re.S)
    assert marked and unescape(marked.group(1)) == claim.sentence
    article = seeded.article(claim.article_id or 0)
    text = re.search(r'<div class="article-text">(.*?)</div>', page.text, re.S)
    assert text and unescape(re.sub(r"</?mark[^>]*>", "", text.group(1))) == article.text
    assert claim.speaker and claim.speaker in page.text
    assert f'action="/claims/{claim.id}/review"' in page.text
    assert f'data-src="/claims/{claim.id}/similar?part=1"' in page.text
    for name in ("rating", "note", "reviewer", "evidence"):
        assert f'name="{name}"' in page.text


def test_similar_claims_load_on_a_request_of_their_own(client: TestClient, seeded: Store) -> None:
    claim = next(c for c in seeded.claims(search="1,500") if c.attributed)
    whole = client.get(f"/claims/{claim.id}/similar")
    part = client.get(f"/claims/{claim.id}/similar?part=1")
    assert whole.status_code == part.status_code == 200
    assert "<html" in whole.text and "<html" not in part.text
    assert re.search(r'href="/claims/(\d+)#span"', part.text)
    assert f'href="/claims/{claim.id}#span"' not in part.text  # not itself


def test_claim_verdicts_are_added_through_the_library(client: TestClient, seeded: Store) -> None:
    claim_id = seeded.claims()[0].id
    page = client.get(f"/claims/{claim_id}").text
    for rating in ("true", "mostly false"):
        client.post(
            f"/claims/{claim_id}/review",
            data={"csrf": csrf_of(page), "rating": rating, "reviewer": "Cy"},
        )
    assert [r.rating for r in reviews(seeded, claim_id=claim_id)] == ["true", "mostly false"]
    bad = client.post(
        f"/claims/{claim_id}/review",
        data={"csrf": csrf_of(page), "rating": "pants on fire", "evidence": "javascript:x"},
    )
    assert bad.status_code == 400 and "unknown rating" in message_of(bad.text).lower()
    assert "Traceback" not in bad.text
    assert len(reviews(seeded, claim_id=claim_id)) == 2


def test_confirming_a_link_records_who_and_a_stale_decision_is_refused(
    client: TestClient, seeded: Store
) -> None:
    linker = Linker(seeded)
    link = linker.links(status=LinkStatus.suggested)[0]
    page = client.get(f"/claims/{link.claim_id}").text
    form = {"csrf": csrf_of(page), "expected": "suggested", "reviewer": "Di"}
    done = client.post(
        f"/links/{link.id}/decide", data={**form, "decision": "confirm"}, follow_redirects=False
    )
    assert done.status_code == 303
    (now,) = [x for x in linker.links(claim_id=link.claim_id) if x.id == link.id]
    assert now.status is LinkStatus.confirmed and now.decided_by == "Di"
    late = client.post(f"/links/{link.id}/decide", data={**form, "decision": "reject"})
    assert late.status_code == 409
    assert "now confirmed by Di" in message_of(late.text)
    (still,) = [x for x in linker.links(claim_id=link.claim_id) if x.id == link.id]
    assert still.status is LinkStatus.confirmed


def test_a_decision_made_elsewhere_while_a_form_is_sent_is_not_overwritten(
    client: TestClient, seeded: Store, db_url: str
) -> None:
    """The race the form's expected status guards: another decision (the CLI's, here in a
    second connection) is being written when the reviewer's form arrives, after the page
    was drawn. Reading the link first would see it still suggested and then overwrite it."""
    link = Linker(seeded).links(status=LinkStatus.suggested)[0]
    page = client.get(f"/claims/{link.claim_id}").text
    form = {"csrf": csrf_of(page), "expected": "suggested", "reviewer": "Di"}
    answers: list[Response] = []

    def send() -> None:
        answers.append(
            client.post(f"/links/{link.id}/decide", data={**form, "decision": "confirm"})
        )

    with open_store(db_url) as desk, desk._write() as conn:
        conn.execute(
            update(LINK)
            .where(LINK.c.id == link.id)
            .values(status="rejected", decided_by="CLI desk", decided_at="2025-01-02T03:04:05")
        )
        reviewer = threading.Thread(target=send)
        reviewer.start()
        reviewer.join(0.5)
        assert reviewer.is_alive(), "the form's decision waits for the one being written"
    reviewer.join(30)
    (answer,) = answers
    assert answer.status_code == 409
    assert (
        "was suggested when the page was loaded and is now rejected by CLI desk at "
        "2025-01-02 03:04:05" in message_of(answer.text)
    )
    assert f'href="/claims/{min(link.claim_id, link.other_id)}#links"' in answer.text
    (now,) = [x for x in Linker(seeded).links(include_rejected=True) if x.id == link.id]
    assert (now.status, now.decided_by) == (LinkStatus.rejected, "CLI desk")


def test_a_decision_form_must_say_what_it_saw(client: TestClient, seeded: Store) -> None:
    link = Linker(seeded).links(status=LinkStatus.suggested)[0]
    token = csrf_of(client.get("/links/suggested").text)
    for expected in ("", "maybe"):
        sent = client.post(
            f"/links/{link.id}/decide",
            data={"csrf": token, "expected": expected, "decision": "confirm"},
        )
        assert sent.status_code == 400 and "load it again" in message_of(sent.text)
    gone = client.post(
        "/links/999999/decide", data={"csrf": token, "expected": "suggested", "decision": "reject"}
    )
    assert gone.status_code == 404
    (still,) = [x for x in Linker(seeded).links() if x.id == link.id]
    assert still.status is LinkStatus.suggested


@pytest.mark.parametrize("first", [LinkStatus.confirmed, LinkStatus.rejected])
def test_two_decisions_at_once_one_wins_and_the_other_is_told(
    seeded: Store, db_url: str, first: LinkStatus
) -> None:
    """Linker.decide's expected status: two processes decide one suggested link at once."""
    link = Linker(seeded).links(status=LinkStatus.suggested)[0]
    other = LinkStatus.rejected if first is LinkStatus.confirmed else LinkStatus.confirmed
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(person: str, status: LinkStatus) -> None:
        with open_store(db_url) as own:
            linker = Linker(own)
            start.wait()
            try:
                outcomes[person] = linker.decide(
                    link.id, status, person, expected=LinkStatus.suggested
                )
            except LinkChangedError as refused:
                outcomes[person] = refused

    threads = [
        threading.Thread(target=decide, args=("Ann", first)),
        threading.Thread(target=decide, args=("Bo", other)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    won = [p for p, o in outcomes.items() if isinstance(o, ClaimLink)]
    lost = [o for o in outcomes.values() if isinstance(o, LinkChangedError)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    (stored,) = [x for x in Linker(seeded).links(include_rejected=True) if x.id == link.id]
    assert stored.decided_by == won[0] == lost[0].now.decided_by
    assert stored.status is lost[0].now.status and lost[0].expected is LinkStatus.suggested
    assert f"is now {stored.status.value} by {won[0]} at " in str(lost[0])


def test_suggestions_one_at_a_time_with_skip(client: TestClient, seeded: Store) -> None:
    waiting = Linker(seeded).links(status=LinkStatus.suggested)
    page = client.get("/links/suggested").text
    assert f'id="link-{waiting[0].id}"' in page
    assert 'data-key="y"' in page and 'data-key="n"' in page and 'data-key="s"' in page
    assert page.count("<blockquote>") == 2
    assert f'id="link-{waiting[1].id}"' in client.get("/links/suggested?skip=1").text
    assert "You skipped all" in client.get(f"/links/suggested?skip={len(waiting)}").text
    sent = client.post(
        f"/links/{waiting[0].id}/decide",
        data={
            "csrf": csrf_of(page),
            "expected": "suggested",
            "decision": "reject",
            "next": "/links/suggested",
        },
        follow_redirects=False,
    )
    assert sent.headers["location"] == "/links/suggested"
    assert f'id="link-{waiting[1].id}"' in client.get("/links/suggested").text


def test_speakers_list_search_merge_and_split(client: TestClient, seeded: Store) -> None:
    listing = client.get("/speakers?q=rutte").text
    assert "Mark Rutte" in listing and "Yoon Suk-yeol" not in listing
    token = csrf_of(client.get("/speakers").text)
    merged = client.post(
        "/speakers/merge",
        data={"csrf": token, "keep": "Mark Rutte", "other": "Harry Kazianis"},
        follow_redirects=False,
    )
    assert merged.status_code == 303
    rutte = seeded.speaker("Mark Rutte")
    assert merged.headers["location"] == f"/speakers/{rutte.id}"
    assert "Kazianis" in rutte.aliases
    split = client.post(
        "/speakers/split",
        data={"csrf": token, "speaker": str(rutte.id), "alias": "Harry Kazianis"},
        follow_redirects=False,
    )
    assert split.status_code == 303
    assert seeded.speaker("Harry Kazianis").id != seeded.speaker("Mark Rutte").id
    unknown = client.post(
        "/speakers/merge", data={"csrf": token, "keep": "Nobody At All", "other": "Mark Rutte"}
    )
    assert unknown.status_code == 404 and "Nobody At All" in message_of(unknown.text)


def test_search_runs_match(client: TestClient) -> None:
    page = client.get("/search", params={"statement": "North Korea sent 1,500 troops to Russia"})
    assert page.status_code == 200
    assert "National Intelligence Service" in page.text and "corroborates" in page.text


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_every_report_format_downloads(client: TestClient, fmt: str) -> None:
    got = client.get("/export/report", params={"format": fmt, "topic": "troops"})
    assert got.status_code == 200
    assert got.headers["content-disposition"].startswith("attachment;")
    assert "troops" in got.text


def test_claimreview_download_needs_the_publisher(client: TestClient, seeded: Store) -> None:
    claim_id = seeded.claims()[0].id
    page = client.get(f"/claims/{claim_id}").text
    client.post(f"/claims/{claim_id}/review", data={"csrf": csrf_of(page), "rating": "false"})
    missing = client.get("/export/report", params={"format": "claimreview"})
    assert missing.status_code == 400 and "org-name" in message_of(missing.text)
    got = client.get(
        "/export/report",
        params={"format": "claimreview", "org_name": "Desk", "org_url": "https://desk.example"},
    )
    assert got.status_code == 200 and '"ClaimReview"' in got.text


def test_assignment_and_queue(client: TestClient, seeded: Store) -> None:
    from claimtrack.query.assign import queue

    claim_id = seeded.claims()[0].id
    page = client.get(f"/claims/{claim_id}").text
    assert f'action="/claims/{claim_id}/assign"' in page
    sent = client.post(
        f"/claims/{claim_id}/assign",
        data={"csrf": csrf_of(page), "assignee": "Ann", "reviewer": "Ed", "note": "check it"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert [a.claim_id for a in queue(seeded, "Ann")] == [claim_id]
    listed = client.get("/queue/Ann").text
    assert f'href="/claims/{claim_id}#span"' in listed and "check it" in listed
    assert client.get("/queue?reviewer=Ann", follow_redirects=False).headers["location"] == (
        "/queue/Ann"
    )
    client.post(f"/claims/{claim_id}/review", data={"csrf": csrf_of(page), "rating": "true"})
    assert queue(seeded, "Ann") == []
    assert "Nothing waiting for Ann" in client.get("/queue/Ann").text
    troops = troop_dispute(seeded)
    client.post(f"/disputes/{troops}/assign", data={"csrf": csrf_of(page), "assignee": "Bo"})
    assert f'href="/disputes/{troops}"' in client.get("/queue/Bo").text


def test_unknown_ids_give_a_page_not_a_trace(client: TestClient) -> None:
    for path in ("/claims/999999", "/disputes/999999", "/speakers/999999", "/nowhere"):
        got = client.get(path)
        assert got.status_code == 404, path
        assert "<h1>Not found</h1>" in got.text and "Traceback" not in got.text


def test_the_app_serves_a_database_by_url(db_url: str) -> None:
    with open_store(db_url) as store:
        ingest(store, [SEEDS])
    app = create_app(db_url)
    with TestClient(app, base_url=BASE) as client:
        assert client.get("/").status_code == 200


# --- what walking the pages over real news found ------------------------------------


def ingest_articles(store: Store, folder: Path, articles: dict[str, str]) -> None:
    """Articles with front matter, written to `folder` and ingested as `claimtrack ingest`."""
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    ingest(store, [str(folder)])


def article(title: str, outlet: str, published: str, *paragraphs: str) -> str:
    head = f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n---\n"
    return head + "\n\n".join(paragraphs) + "\n"


CAMP = "A refugee camp in Unity state was bombed on Thursday."
BOMBED = {
    "a.md": article(
        "Camp bombed in Unity state",
        "bbc.co.uk",
        "2011-11-11",
        CAMP,
        "Local official Miabek Lang said at least 12 people had been killed in the bombing "
        "of the Yida refugee camp and 20 wounded.",
    ),
    "b.md": article(
        "Bombs fall on Unity state camp",
        "reuters.com",
        "2011-11-10",
        CAMP,
        "Army spokesman Philip Aguer said 7 people had been killed in the bombing of the "
        "Yida refugee camp.",
    ),
}


def chart_labels(page: str) -> list[str]:
    chart = page.split('<div class="figure-chart">')[1].split("</svg>")[0]
    return [unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", chart)]


def test_a_chart_draws_only_the_quantity_in_dispute(store: Store, tmp_path: Path) -> None:
    """'12 killed and 20 wounded' backs 12 in a dispute over people killed: no bar of 20."""
    ingest_articles(store, tmp_path / "camp", BOMBED)
    (dispute,) = disputes(Linker(store))
    assert dispute.topic.startswith("people killed: 7 vs approximately 12")
    with client_for(store) as client:
        labels = chart_labels(client.get(f"/disputes/{dispute.id}").text)
    assert [label for label in labels if " — " not in label] == ["7", "approximately 12"]


def test_a_chart_is_drawn_in_the_unit_the_positions_name(store: Store, tmp_path: Path) -> None:
    """Both claims state a distance in km and a depth in miles; the positions are the miles."""
    from claimtrack.models import Dispute, DisputeKind, Position
    from claimtrack.web.views import claims_by_id, figure_table

    survey = "the US Geological Survey said."
    ingest_articles(
        store,
        tmp_path / "quake",
        {
            "a.md": article(
                "Quake strikes Aceh",
                "presstv.com",
                "2013-07-02",
                "The quake hit at a depth of 6 miles, 55 km south of Aceh's capital, " + survey,
            ),
            "b.md": article(
                "Child dead as quake hits Aceh",
                "ndtv.com",
                "2013-07-02",
                "The quake struck at a depth of just 6.2 miles, 55 km south of Aceh's capital, "
                + survey,
            ),
        },
    )
    claims = claims_by_id(store, [c.id for c in store.claims() if c.id is not None])
    assert len(claims) == 2
    sides = [
        Position(
            label=label,
            claim_ids=[claim_id],
            speakers=["Geological Survey"],
            articles=[claims[claim_id].article_id or 0],
            outlets=[],
            independent_sources=1,
            reports=1,
        )
        for label, claim_id in zip(["6 miles", "6.2 miles"], sorted(claims), strict=True)
    ]
    dispute = Dispute(
        id=min(claims),
        topic="depth: 6 miles vs 6.2 miles — Quake strikes Aceh",
        kind=DisputeKind.figure,
        positions=sides,
        significance=1.0,
        confirmed=True,
    )
    table = figure_table(dispute, claims, {})
    assert table is not None and table.unit == "miles"
    assert sorted(row.value for row in table.rows) == [6.0, 6.2]


def test_the_verdict_form_preselects_no_rating(client: TestClient, seeded: Store) -> None:
    """A reviewer who forgets the rating records nothing, rather than the first of the list."""
    claim_id = seeded.claims()[0].id
    page = client.get(f"/claims/{claim_id}").text
    form = page.split('<form class="verdict"')[1].split("</select>")[0]
    first = re.search(r"<option ([^>]*)>([^<]*)</option>", form)
    assert first and first.groups() == ('value="" selected', "Choose a rating…")
    assert form.count(" selected") == 1
    sent = client.post(
        f"/claims/{claim_id}/review", data={"csrf": csrf_of(page), "rating": "", "note": "x"}
    )
    assert sent.status_code == 400 and "Choose a rating" in message_of(sent.text)
    assert reviews(seeded, claim_id=claim_id) == []


def plain(html: str) -> str:
    """A fragment's text as a reader sees it: tags gone, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_a_source_line_names_the_own_voice_and_says_when(
    client: TestClient, seeded: Store, tmp_path: Path
) -> None:
    """A narrated claim has no speaker to quote (its record is "article N"); an empty cue
    left "· ·"; an article with no date said nothing of it."""
    narrated = next(c for c in seeded.claims() if not c.attributed and not c.cue)
    assert narrated.speaker and narrated.speaker.startswith("article ")
    page = client.get(f"/claims/{narrated.id}").text
    source = plain(page.split("<dt>Source</dt>")[1].split("</dd>")[0])
    assert source.startswith("the article's own voice · no date · ")
    assert "· ·" not in source
    ingest_articles(seeded, tmp_path / "camp", BOMBED)
    found = client.get("/search", params={"statement": "12 people were killed in the camp"}).text
    rows = [plain(row) for row in found.split("<tbody>")[1].split("</tr>")[:-1]]
    lang = next(row for row in rows if "Miabek Lang:" in row)
    assert lang.endswith("bbc.co.uk · 2011-11-11 · Camp bombed in Unity state")


def test_a_long_passage_is_shown_around_what_it_backs() -> None:
    """An extractor's run-on passage (2,153 characters in one ECB+ article) is cut to the
    words around the disputed figure, between words, with an ellipsis where it was cut."""
    from claimtrack.web.views import PASSAGE, excerpt

    short = "Army spokesman Philip Aguer said 7 people had been killed."
    assert excerpt(short, 40) == short
    words = " ".join(f"word{i}" for i in range(600))
    at = words.index("word500")
    shown = excerpt(words, at)
    assert shown.startswith("… word") and shown.endswith(" …") and "word500" in shown
    assert len(shown) <= PASSAGE + 4
    inner = shown.removeprefix("… ").removesuffix(" …")
    assert f" {inner} " in f" {words} "  # whole words only
    assert excerpt(words, 0).startswith("word0 ") and excerpt(words, len(words)).endswith("word599")
    for focus in range(0, len(words), 97):
        cut = excerpt(words, focus).removeprefix("… ").removesuffix(" …")
        start = words.index(cut)
        assert start <= focus <= start + len(cut) or focus >= len(words) - 1


def test_the_dispute_page_quotes_each_backer_whole_when_short(store: Store, tmp_path: Path) -> None:
    from claimtrack.web.views import positions

    ingest_articles(store, tmp_path / "camp", BOMBED)
    (dispute,) = disputes(Linker(store))
    backers = [b for p in positions(store, dispute) for b in p.backers]
    assert backers and all(b.passage == b.claim.sentence for b in backers)


def test_the_topic_filter_finds_a_dispute_by_its_title(store: Store, tmp_path: Path) -> None:
    """The event's headline is in the dispute's title, not in its claims."""
    ingest_articles(store, tmp_path / "camp", BOMBED)
    (dispute,) = disputes(Linker(store))
    assert "Unity state" in dispute.topic and disputes(Linker(store), topic="unity state") == []
    with client_for(store) as client:
        found = client.get("/", params={"topic": "UNITY STATE"}).text
        by_claims = client.get("/", params={"topic": "Yida"}).text
    assert f'id="dispute-{dispute.id}"' in found and f'id="dispute-{dispute.id}"' in by_claims


def test_the_queues_page_lists_whose_queues_hold_something(
    client: TestClient, seeded: Store
) -> None:
    """It was a name box alone: a desk had to know who had work waiting."""
    from claimtrack.query.assign import assign

    assert "Nothing is waiting in anyone's queue" in client.get("/queue").text
    claims = [c.id for c in seeded.claims()[:3]]
    assign(seeded, reviewer="bo", claim_id=claims[0])
    assign(seeded, reviewer="Ann", claim_id=claims[1])
    assign(seeded, reviewer="Bo", claim_id=claims[2])
    assign(seeded, reviewer="Cy <b>", dispute_id=troop_dispute(seeded))
    page = client.get("/queue").text
    rows = [plain(r) for r in page.split("<tbody>")[1].split("</tr>")[:-1]]
    assert rows == ["Bo 2", "Ann 1", "Cy <b> 1"]
    assert 'href="/queue/Cy%20%3Cb%3E"' in page and "Cy &lt;b&gt;" in page


def test_the_disputes_page_says_how_many_and_when_reported(store: Store, tmp_path: Path) -> None:
    ingest_articles(store, tmp_path / "camp", BOMBED)
    (dispute,) = disputes(Linker(store))
    with client_for(store) as client:
        page = client.get("/").text
        none = client.get("/", params={"topic": "zzzunheardof"}).text
    assert plain(page.split('<p class="meta count">')[1].split("</p>")[0]) == "1 dispute."
    meta = plain(page.split(f'id="dispute-{dispute.id}"')[1].split('<p class="meta">')[1])
    assert meta.startswith(f"Dispute {dispute.id} · reported 2011-11-10 to 2011-11-11 · ")
    assert 'class="meta count"' not in none and "No dispute matches" in none


def test_a_speaker_on_two_sides_is_named(store: Store, tmp_path: Path) -> None:
    """Dispute.both_sides (a revised toll) was in the JSON only; a desk must see it."""
    revised = article(
        "Toll revised at Yida camp",
        "trust.org",
        "2011-11-12",
        CAMP,
        "Local official Miabek Lang said 7 people had been killed in the bombing of the "
        "Yida refugee camp.",
    )
    ingest_articles(store, tmp_path / "camp", {**BOMBED, "c.md": revised})
    (dispute,) = disputes(Linker(store))
    assert dispute.both_sides == ["Miabek Lang"]
    with client_for(store) as client:
        pages = [client.get("/").text, client.get(f"/disputes/{dispute.id}").text]
    for page in pages:
        said = plain(page.split('<p class="both-sides">')[1].split("</p>")[0])
        assert said.startswith("On more than one side: Miabek Lang (a revised figure")


def test_an_error_page_leads_back_to_the_page_it_came_from(client: TestClient) -> None:
    """A refused merge on the speakers page offered only 'Back to the disputes'."""
    token = csrf_of(client.get("/speakers").text)
    form = {"csrf": token, "keep": "nobody at all", "other": "Mark Rutte"}
    came = client.post(
        "/speakers/merge", data=form, headers={"referer": f"{BASE}/speakers?q=rutte"}
    )
    assert came.status_code == 404
    assert '<a href="/speakers?q=rutte">Back to the page you were on</a>' in came.text
    for referer in ("https://elsewhere.example/speakers", "javascript:alert(1)", ""):
        other = client.post("/speakers/merge", data=form, headers={"referer": referer})
        assert other.status_code == 404 and "Back to the page you were on" not in other.text
    assert "Back to the page" not in client.get("/nowhere").text


def test_a_refused_decision_in_the_suggestions_leads_on_to_the_next(
    client: TestClient, seeded: Store
) -> None:
    waiting = Linker(seeded).links(status=LinkStatus.suggested)
    Linker(seeded).decide(waiting[0].id, LinkStatus.rejected, "CLI desk")
    page = client.get("/links/suggested").text
    form = {"csrf": csrf_of(page), "expected": "suggested", "decision": "confirm"}
    late = client.post(f"/links/{waiting[0].id}/decide", data={**form, "next": "/links/suggested"})
    assert late.status_code == 409
    assert re.search(r"rejected by CLI desk at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, so", late.text)
    assert '<a class="button" href="/links/suggested" data-key="s">' in late.text
    elsewhere = client.post(f"/links/{waiting[0].id}/decide", data={**form, "next": "/claims/1"})
    assert elsewhere.status_code == 409 and 'data-key="s"' not in elsewhere.text


def test_a_speakers_claims_say_which_article_they_are_from(store: Store, tmp_path: Path) -> None:
    """Whether one record is one speaker turns on where each claim was said."""
    ingest_articles(store, tmp_path / "camp", BOMBED)
    lang = next(c for c in store.claims() if c.speaker == "Miabek Lang")
    with client_for(store) as client:
        page = client.get(f"/speakers/{lang.speaker_id}").text
    (item,) = page.split('<ol class="claims">')[1].split("</ol>")[0].split("</li>")[:-1]
    assert plain(item).endswith("said · bbc.co.uk · 2011-11-11 · Camp bombed in Unity state")


def test_a_verdict_filed_under_an_older_key_is_still_shown(
    client: TestClient, seeded: Store
) -> None:
    """The ranking's index reads its members' claim keys only when a verdict needs them:
    here one filed under the key the troop dispute had before its event's first article
    was stored again (the same quantity, another of its articles)."""
    from claimtrack.query.reviews import record_review
    from claimtrack.store.tables import REVIEW

    (troops,) = [d for d in disputes(Linker(seeded)) if d.topic.startswith("troops:")]
    assert troops.key.startswith("figure:troops@")
    event = troops.key.rpartition("@")[2]
    member = next(
        c
        for c in seeded.claims()
        if c.id in {i for p in troops.positions for i in p.claim_ids}
        and seeded.article(c.article_id or 0).content_hash != event
    )
    older = f"figure:troops@{seeded.article(member.article_id or 0).content_hash}"
    made = record_review(seeded, rating="false", dispute_id=troops.id, reviewer="Old desk")
    with seeded._write() as conn:
        conn.execute(update(REVIEW).where(REVIEW.c.id == made.id).values(dispute_key=older))
    block = client.get("/").text.split(f'id="dispute-{troops.id}"')[1].split("</li>")[0]
    assert "reviewed: " in block and "by Old desk" in block
    page = client.get(f"/disputes/{troops.id}").text.split('id="history"')[1]
    assert "by Old desk" in page


@pytest.mark.parametrize("topic", ["troops", "TROOPS", "Yida", "said", "unity state", "zzz", "%"])
def test_the_topic_filter_keeps_what_the_library_keeps(
    seeded: Store, tmp_path: Path, topic: str
) -> None:
    """The page reads the claims itself (not through a second `disputes(topic=...)`), with
    the library's own test, and adds the disputes whose title says it."""
    ingest_articles(seeded, tmp_path / "camp", BOMBED)
    ranked = disputes(Linker(seeded))
    wanted = {d.id for d in disputes(Linker(seeded), topic=topic)}
    wanted |= {d.id for d in ranked if topic.casefold() in d.topic.casefold()}
    with client_for(seeded) as client:
        page = client.get("/", params={"topic": topic}).text
    shown = [int(i) for i in re.findall(r'<li class="dispute" id="dispute-(\d+)"', page)]
    assert shown == [d.id for d in ranked if d.id in wanted]


def test_a_disputes_suggested_links_are_decided_from_its_page(
    client: TestClient, seeded: Store
) -> None:
    """'decide them' led to every suggested link of the database, strongest first; it now
    keeps to the links between the dispute's claims."""
    (troops,) = [d for d in disputes(Linker(seeded)) if d.topic.startswith("troops:")]
    assert not troops.confirmed
    members = {i for p in troops.positions for i in p.claim_ids}
    page = client.get(f"/disputes/{troops.id}").text
    assert f'href="/links/suggested?dispute={troops.id}">decide them</a>' in page
    listed = client.get("/").text.split(f'id="dispute-{troops.id}"')[1].split("</li>")[0]
    assert f'href="/links/suggested?dispute={troops.id}">some links only suggested</a>' in listed
    own = [
        link
        for link in Linker(seeded).links(status=LinkStatus.suggested)
        if {link.claim_id, link.other_id} <= members
    ]
    assert own
    shown = client.get("/links/suggested", params={"dispute": troops.id}).text
    first = re.search(r'<div class="suggestion" id="link-(\d+)"', shown)
    assert first and int(first.group(1)) == max(own, key=lambda x: (x.score, -x.id)).id
    assert f'<input type="hidden" name="dispute" value="{troops.id}">' in shown
    assert f'name="next" value="/links/suggested?dispute={troops.id}"' in shown
    # Deciding every one of them ends the list (a rejection could end the dispute instead).
    for link in own:
        sent = client.post(
            f"/links/{link.id}/decide",
            data={"csrf": csrf_of(shown), "expected": "suggested", "decision": "confirm"},
        )
        assert sent.status_code == 200
    done = client.get("/links/suggested", params={"dispute": troops.id}).text
    assert "No link between this dispute's claims is waiting" in done
    gone = client.get("/links/suggested", params={"dispute": 999999}).text
    assert "Dispute 999999 no longer stands as it was" in gone
