"""What every route shares: the room, templates, CSRF-checked forms, redirects and refusals.

Templates are Jinja2 with autoescaping on for every template whatever its
name, and undefined names are errors, so a typo fails a test instead of
printing nothing. Every state change is a POST handled through `form_post`,
which checks the CSRF token and the request's origin before the handler runs:
no handler can forget it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from claimtrack.link.linker import Linker
from claimtrack.ratings import SCALE
from claimtrack.report.render.common import web_url
from claimtrack.store.database import Store
from claimtrack.web.ranking import Rankings
from claimtrack.web.security import CSRF_COOKIE, CSRF_FIELD, Csrf, same_origin
from claimtrack.web.views import excerpt

REVIEWER_COOKIE = "claimtrack_reviewer"
# Form limits: the review room's forms are short; a flood of fields is refused.
MAX_FIELDS = 50
MAX_FIELD_CHARS = 20_000
CLIPPED = 300  # characters of a claim's text in lists and tables

Handler = Callable[[Request], Awaitable[Response]]
FormHandler = Callable[[Request, FormData], Awaitable[Response]]


@dataclass
class Room:
    """One server's database, linker, disputes ranking and CSRF secret.

    Requests are served one at a time on the event loop (every route is
    `async` and calls the library directly), so the store's and linker's
    in-memory copies are never used by two threads at once.
    """

    store: Store
    linker: Linker
    rankings: Rankings
    csrf: Csrf
    token_required: bool = False

    def changed(self, speakers: bool = False) -> None:
        """This server changed links, verdicts or (with `speakers`) speaker records."""
        if speakers:
            self.linker = Linker(self.store)
        self.rankings.forget(self.linker if speakers else None)


def room(request: Request) -> Room:
    found: Room = request.app.state.room
    return found


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("claimtrack.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ratings"] = list(reversed(SCALE))  # best first, as `review --help` lists them
    env.filters["web_url"] = web_url  # only http(s) becomes a link: never javascript: or data:
    # A claim in a list or table, cut between words: its own page shows it whole.
    env.filters["clip"] = lambda text, limit=CLIPPED: excerpt(text, 0, limit)
    env.filters["query"] = lambda params: urlencode(
        {k: v for k, v in params.items() if v not in (None, "", False)}
    )
    return env


ENV = make_environment()


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page; the first page a browser gets also sets the cookie its forms are bound to."""
    csrf_cookie = request.cookies.get(CSRF_COOKIE)
    fresh = None
    if not csrf_cookie:
        fresh = csrf_cookie = Csrf.new_cookie()
    current = room(request)
    body = ENV.get_template(template).render(
        request=request,
        path=request.url.path,
        csrf_field=CSRF_FIELD,
        csrf_token=current.csrf.token(csrf_cookie),
        reviewer_name=request.cookies.get(REVIEWER_COOKIE, ""),
        **context,
    )
    response = HTMLResponse(body, status_code=status)
    if fresh:
        response.set_cookie(CSRF_COOKIE, fresh, httponly=True, samesite="strict")
    return response


def local_path(target: str | None, default: str = "/") -> str:
    """A redirect target from a form, kept on this server: a path, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def back(request: Request, form: FormData, default: str = "/") -> RedirectResponse:
    """After a POST, the page named by the form's `next` (303: the browser GETs it)."""
    response = RedirectResponse(local_path(_text(form, "next"), default), status_code=303)
    reviewer = _text(form, "reviewer").strip()
    if reviewer and reviewer != request.cookies.get(REVIEWER_COOKIE):
        # The next form opens with this name filled in.
        response.set_cookie(REVIEWER_COOKIE, reviewer[:200], httponly=True, samesite="strict")
    return response


def form_post(handler: FormHandler) -> Handler:
    """A state-changing route: same origin and a valid CSRF token, else 403 before anything."""

    async def checked(request: Request) -> Response:
        if not same_origin({k.lower(): v for k, v in request.headers.items()}):
            raise HTTPException(403, "This form was sent from another site; nothing was changed.")
        form = await request.form(max_fields=MAX_FIELDS, max_files=0)
        token = form.get(CSRF_FIELD)
        if not room(request).csrf.valid(
            request.cookies.get(CSRF_COOKIE), token if isinstance(token, str) else None
        ):
            raise HTTPException(
                403,
                "The form's security token is missing or out of date; nothing was changed. "
                "Load the page again and resend it.",
            )
        return await handler(request, form)

    checked.__name__ = handler.__name__
    checked.__doc__ = handler.__doc__
    return checked


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > MAX_FIELD_CHARS:
        raise HTTPException(400, f"The field {name} is longer than {MAX_FIELD_CHARS} characters.")
    return value


def field(form: FormData, name: str) -> str | None:
    """A form field's text, stripped; None when empty or absent."""
    return _text(form, name).strip() or None


def int_field(form: FormData, name: str) -> int:
    """A required integer field; 400 when it is missing or not a number."""
    value = field(form, name)
    if value is None or not value.isdigit() or len(value) > 18:
        raise HTTPException(400, f"The field {name} must be a whole number.")
    return int(value)


def int_param(request: Request, name: str, default: int = 1) -> int:
    """A query parameter such as `page`; anything but digits is the default."""
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else default


def path_id(request: Request, name: str = "id") -> int:
    value = request.path_params[name]
    if not isinstance(value, int):
        raise HTTPException(404)
    return value
