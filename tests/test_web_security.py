"""The review room refuses what it must: forged forms, GETs that would change state, strangers
without the token, other sites' Host names, and article text that would run as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.routing import Route
from typer.testing import CliRunner

from claimtrack.cli import app as cli_app
from claimtrack.ingest.pipeline import ingest
from claimtrack.query.reviews import reviews
from claimtrack.store.database import Store
from claimtrack.web.app import create_app
from claimtrack.web.security import CSP
from tests.test_web_routes import BASE, SEEDS, TestClient, client_for, csrf_of

TOKEN = "s3cret-token"
# An article whose title, outlet, URL and text would run script if ever treated as markup.
HOSTILE = """\
---
title: <script>alert('title')</script> Dam "onerror="alert(1) burst
outlet: <b>Outlet</b>
url: javascript:alert(1)
---

Mayor Ana <img src=x onerror=alert(1)> Ortiz said that 90 deaths had been confirmed in the \
flood after the dam burst <script>document.title='pwned'</script> "onerror=alert(2) x.

Rescue official Ben <svg onload=alert(3)> Cole said that 40 deaths had been confirmed in the \
flood after the dam burst.
"""


@pytest.fixture
def seeded(store: Store) -> Store:
    ingest(store, [SEEDS])
    return store


@pytest.fixture
def client(seeded: Store) -> Iterator[TestClient]:
    with client_for(seeded) as opened:
        yield opened


def post_routes() -> list[str]:
    from claimtrack.web.routes import assign, claims, disputes, links, search, speakers

    found = []
    for module in (assign, claims, disputes, links, search, speakers):
        for route in module.ROUTES:
            if isinstance(route, Route) and route.methods and "POST" in route.methods:
                found.append(route.path.replace("{id:int}", "1"))
    return found


def test_every_post_route_of_the_app_is_checked_below(seeded: Store) -> None:
    app = create_app(store=seeded)
    posts = {
        r.path.replace("{id:int}", "1")
        for r in app.routes
        if isinstance(r, Route) and r.methods and "POST" in r.methods
    }
    assert posts == set(post_routes()) and len(posts) == 7


@pytest.mark.parametrize("path", post_routes())
def test_state_changes_are_post_only_and_need_the_csrf_token(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 405
    assert "Not allowed" in client.get(path).text
    client.get("/")  # the browser has its cookie
    refused = client.post(path, data={"rating": "false", "decision": "confirm"})
    assert refused.status_code == 403
    assert "security token" in refused.text


def test_a_forged_or_foreign_token_changes_nothing(client: TestClient, seeded: Store) -> None:
    claim_id = seeded.claims()[0].id
    page = client.get(f"/claims/{claim_id}").text
    token = csrf_of(page)
    form = {"rating": "false", "reviewer": "Mallory"}
    assert (
        client.post(f"/claims/{claim_id}/review", data={**form, "csrf": "0" * 64}).status_code
        == 403
    )
    # A token is bound to the browser's own cookie: another browser's token is refused.
    with client_for(seeded) as other:
        other.get("/")
        assert (
            other.post(f"/claims/{claim_id}/review", data={**form, "csrf": token}).status_code
            == 403
        )
    # Another site's page, even holding a valid token, is refused by its Origin.
    foreign = client.post(
        f"/claims/{claim_id}/review",
        data={**form, "csrf": token},
        headers={"origin": "http://evil.example"},
    )
    assert foreign.status_code == 403
    fetched = client.post(
        f"/claims/{claim_id}/review",
        data={**form, "csrf": token},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert fetched.status_code == 403
    assert reviews(seeded, claim_id=claim_id) == []
    ok = client.post(f"/claims/{claim_id}/review", data={**form, "csrf": token})
    assert ok.status_code == 200 and len(reviews(seeded, claim_id=claim_id)) == 1


def test_a_token_guards_every_request_and_the_login_link_sets_a_cookie(seeded: Store) -> None:
    with client_for(seeded, token=TOKEN, allowed_hosts=None) as client:
        for path in ("/", "/claims/1", "/static/room.css", "/export/report"):
            refused = client.get(path)
            assert refused.status_code == 401, path
            assert "access token" in refused.text and refused.headers["content-security-policy"]
        assert client.get("/login?token=wrong").status_code == 401
        login = client.get(f"/login?token={TOKEN}", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/"
        cookie = login.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
        assert client.get("/").status_code == 200
    with client_for(seeded, token=TOKEN, allowed_hosts=None) as bearer:
        assert bearer.get("/", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert bearer.get("/", headers={"authorization": "Bearer nope"}).status_code == 401


def test_serve_refuses_a_network_host_without_a_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import claimtrack.cli.serve as serve

    started: list[tuple[object, ...]] = []
    monkeypatch.setattr(serve, "run_server", lambda *args, **_: started.append(args))
    monkeypatch.delenv(serve.ENV_TOKEN, raising=False)
    runner = CliRunner()
    refused = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 1 and "--token" in refused.output and not started
    assert runner.invoke(cli_app, ["serve", "--host", "0.0.0.0", "--token", " "]).exit_code == 1
    ok = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0"], env={serve.ENV_TOKEN: TOKEN})
    assert ok.exit_code == 0 and started[-1][1:] == ("0.0.0.0", 8400, TOKEN, False)
    local = runner.invoke(cli_app, ["serve", "--port", "8411"])
    assert local.exit_code == 0 and started[-1][1:] == ("127.0.0.1", 8411, None, True)


def test_serve_says_when_there_is_no_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "Error: no claimtrack database" in result.output


def test_serve_check_opens_the_database_and_says_where(seeded: Store) -> None:
    result = CliRunner().invoke(
        cli_app,
        ["serve", "--check", "--port", "8499", "--db", seeded.url],
        env={"CLAIMTRACK_TOKEN": ""},
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8499/" in result.output and "ready to serve" in result.output


def test_a_local_server_answers_only_to_local_names(seeded: Store) -> None:
    """A page elsewhere that rebinds its own name to 127.0.0.1 gets nothing (DNS rebinding)."""
    app = create_app(store=seeded)
    with TestClient(app, base_url="http://evil.example") as client:
        assert client.get("/").status_code == 400
    with TestClient(app, base_url="http://localhost:8400") as client:
        assert client.get("/").status_code == 200


def test_every_answer_carries_the_policy(client: TestClient) -> None:
    for path in ("/", "/static/room.css", "/static/room.js", "/nowhere", "/disputes/1/review"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def test_pages_have_no_inline_script_or_style(client: TestClient, seeded: Store) -> None:
    claim_id = seeded.claims()[0].id
    for path in ("/", f"/claims/{claim_id}", "/links/suggested", "/speakers", "/export"):
        page = client.get(path).text
        assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/room.js" defer>']
        assert (
            "<style" not in page
            and " style=" not in page
            and " on" not in re.sub(r">[^<]*<", "><", page)
        )


def test_a_bug_shows_a_page_without_the_traceback(
    seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimtrack.web.ranking as ranking

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(ranking, "disputes", broken)
    app = create_app(store=seeded)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        got = client.get("/")
    assert got.status_code == 500
    assert "Something went wrong" in got.text
    assert "Traceback" not in got.text and "secret internals" not in got.text
    assert got.headers["content-security-policy"] == CSP


def test_hostile_article_text_is_shown_as_text(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    ingest(store, [str(path)])
    claims = store.claims()
    assert claims, "the hostile article yields claims"
    with client_for(store) as client:
        disputes_page = client.get("/").text
        paths = [f"/claims/{c.id}" for c in claims] + ["/speakers", "/links/suggested"]
        paths += [f"/claims/{claims[0].id}/similar"]
        paths += re.findall(r'href="(/disputes/\d+)"', disputes_page)
        texts = [client.get(p).text for p in paths] + [disputes_page]
        texts.append(client.get("/search", params={"statement": HOSTILE}).text)
    for page in texts:
        assert "<script>alert" not in page and "<script>document" not in page
        assert "<img src=x" not in page and "<svg onload" not in page
        assert '"onerror=' not in page
        assert 'href="javascript:' not in page
    claim_page = texts[0]
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in claim_page
    assert "&#34;onerror=" in claim_page or "&quot;onerror=" in claim_page
