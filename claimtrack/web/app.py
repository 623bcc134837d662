"""The review room's application: routes, the security layers around them, and error pages.

`create_app` opens the database once and serves it until shutdown. The order
of the layers, outermost first: policy headers on every response; the Host
check (a page elsewhere that rebinds its name to 127.0.0.1 gets nothing); the
access token when there is one; then the routes, whose errors become pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from claimtrack.errors import ClaimtrackError, NotFoundError
from claimtrack.link.linker import Linker
from claimtrack.store.database import Store, open_store
from claimtrack.web.pages import ENV, Room, local_path, render
from claimtrack.web.ranking import MAX_AGE, Rankings
from claimtrack.web.routes import assign, claims, disputes, links, search, speakers
from claimtrack.web.security import HEADERS, Csrf, SecurityHeaders, TokenGate

STATIC = Path(__file__).resolve().parent / "static"
LOCAL_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
TITLES = {
    400: "That did not work",
    401: "The review room needs its access token",
    403: "Refused",
    404: "Not found",
    405: "Not allowed",
    409: "Changed since you loaded the page",
}


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = LOCAL_NAMES,
    store: Store | None = None,
    max_age: float = MAX_AGE,
) -> Starlette:
    """The review room over the database `db` (a path or URL, as for `--db`).

    `token`, when given, is asked of every request. `allowed_hosts` are the
    names the browser may call the server by (None: any, for a server behind a
    token on the network). A `store` already open is served as it is and left
    open; otherwise the database must exist and is closed at shutdown.
    """
    opened = store if store is not None else open_store(db, create=False)
    linker = Linker(opened)
    room = Room(
        store=opened,
        linker=linker,
        rankings=Rankings(linker, max_age=max_age),
        csrf=Csrf(),
        token_required=bool(token),
    )

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        if store is None:
            opened.close()

    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    if token:
        middleware.append(Middleware(TokenGate, token=token, refuse=_refused))
    app = Starlette(
        routes=_routes(),
        middleware=middleware,
        exception_handlers={
            HTTPException: _http_error,
            NotFoundError: _not_found,
            ClaimtrackError: _refused_by_library,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
    app.state.room = room
    return app


def _routes() -> list[BaseRoute]:
    return [
        *disputes.ROUTES,
        *claims.ROUTES,
        *links.ROUTES,
        *speakers.ROUTES,
        *search.ROUTES,
        *assign.ROUTES,
        Route("/login", _login),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


async def _login(_request: Request) -> Response:
    """Without a token there is nothing to log in to (with one, TokenGate answers first)."""
    return RedirectResponse("/", status_code=303)


def _error_page(request: Request, status: int, message: str) -> Response:
    title = TITLES.get(status, "Something went wrong")
    return render(
        request,
        "error.html",
        status=status,
        code=status,
        title=title,
        message=message,
        came_from=_came_from(request),
    )


def _came_from(request: Request) -> str | None:
    """The page of this server the refused form or link was on (its Referer), if any.

    A refused merge on the speakers page offered only "Back to the disputes".
    """
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc or referer.scheme not in ("http", "https"):
        return None
    here = referer.path + (f"?{referer.query}" if referer.query else "")
    found = local_path(here, "")
    return found if found and found != request.url.path else None


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail if exc.detail and exc.detail != _phrase(exc.status_code) else ""
    if exc.status_code == 405:
        message = "This address changes nothing on a GET; use the page's buttons."
    elif exc.status_code == 404 and not message:
        message = f"Nothing here at {request.url.path}."
    elif exc.status_code == 400 and "host" in message.lower():
        message = "This server answers only to the name it was started with."
    return _error_page(request, exc.status_code, message)


def _phrase(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error_page(request, 404, f"{str(exc)[:1].upper()}{str(exc)[1:]}.")


async def _refused_by_library(request: Request, exc: Exception) -> Response:
    """The library refused (an unknown rating, a bad evidence URL): its message, no trace."""
    return _error_page(request, 400, f"{str(exc)[:1].upper()}{str(exc)[1:]}.")


async def _server_error(_request: Request, _exc: Exception) -> Response:
    """A bug: a page that says so, never the traceback (uvicorn's log has it)."""
    body = ENV.get_template("error.html").render(
        code=500,
        title="Something went wrong",
        message="The server failed on this page; nothing was changed by it. "
        "The server's log says why.",
        path="",
        came_from=None,
    )
    response = HTMLResponse(body, status_code=500)
    # This answer leaves by the outermost layer, past SecurityHeaders: add them here.
    for name, value in HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


async def _refused(scope: Scope, receive: Receive, send: Send) -> None:
    """The 401 page of a server with a token, to a request without it."""
    body = ENV.get_template("error.html").render(
        code=401,
        title=TITLES[401],
        message="Open the login link the server printed when it started "
        "(…/login?token=…), or send the token as a bearer header.",
        path="",
        came_from=None,
    )
    await HTMLResponse(body, status_code=401)(scope, receive, send)
