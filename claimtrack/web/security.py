"""What keeps the review room safe to run: the access token, CSRF tokens and response headers.

A page of article text is untrusted input shown to a reviewer, and a browser
on the same machine visits other sites, so every layer assumes the worst:
templates escape everything, the Content-Security-Policy runs only the
package's own script, state changes need a POST with a token only our own
pages carry, and a server reachable from other machines answers nobody
without the access token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The policy of every response: our own script and styles only, never inline ones,
# no plugins, no <base> rewriting, and no framing (clickjacking a Confirm button).
# Referrer-Policy same-origin: an article's original site never learns the room's
# addresses, while our own forms keep their Origin (no-referrer makes it "null").
CSP = (
    "default-src 'self'; script-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
TOKEN_COOKIE = "claimtrack_token"
CSRF_COOKIE = "claimtrack_csrf"
CSRF_FIELD = "csrf"
LOGIN_PATH = "/login"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def is_local(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    return host in LOCAL_HOSTS or host.startswith("127.")


class Csrf:
    """Form tokens signed with a per-process secret and bound to the browser's own cookie.

    The cookie holds a random value; a form carries its HMAC. A page on another
    site can make the browser send the cookie but can neither read it nor
    compute the HMAC, so it cannot forge a form. A restart makes a new secret:
    a form left open across it is refused and its page loaded again.
    """

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(24)

    def token(self, cookie: str) -> str:
        return hmac.new(self._secret, cookie.encode(), hashlib.sha256).hexdigest()

    def valid(self, cookie: str | None, token: str | None) -> bool:
        if not cookie or not token:
            return False
        return hmac.compare_digest(self.token(cookie), token)


def same_origin(headers: dict[str, str]) -> bool:
    """False when the browser says the request comes from another site.

    A second line of defence beside the CSRF token. Browsers send
    Sec-Fetch-Site on every request, and no page can set it; an older browser
    sends Origin on a POST instead ("null" from an opaque origin).
    """
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin:
        return True  # neither sent: a tool such as curl, which carries no one's cookies
    return origin != "null" and urlsplit(origin).netloc == headers.get("host", "")


class SecurityHeaders:
    """Adds the policy headers to every response, error pages and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TokenGate:
    """With an access token, every request needs it: a cookie, a bearer header or the login link.

    `/login?token=…` checks the token once, sets an HttpOnly cookie and
    redirects to the disputes page, so the token leaves the address bar and
    the browser's history at once.
    """

    def __init__(self, app: ASGIApp, token: str, refuse: ASGIApp) -> None:
        self.app = app
        # The cookie holds a digest, not the token: any text is a valid token, and the
        # browser's cookie store never holds it.
        self.digest = _digest(token)
        self.refuse = refuse  # the 401 page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if scope["path"] == LOGIN_PATH:
            offered = parse_qs(scope.get("query_string", b"").decode()).get("token", [""])[0]
            if offered and self._matches(_digest(offered)):
                await _login_redirect(send, self.digest)
                return
        elif self._matches(_cookie(headers, TOKEN_COOKIE)) or self._matches(
            _digest(_bearer(headers) or "")
        ):
            await self.app(scope, receive, send)
            return
        await self.refuse(scope, receive, send)

    def _matches(self, digest: str | None) -> bool:
        return bool(digest) and hmac.compare_digest(str(digest), self.digest)


def _digest(token: str) -> str:
    return hashlib.sha256(f"claimtrack-token:{token}".encode()).hexdigest() if token else ""


async def _login_redirect(send: Send, digest: str) -> None:
    cookie = f"{TOKEN_COOKIE}={digest}; Path=/; HttpOnly; SameSite=Strict"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [(b"location", b"/"), (b"set-cookie", cookie.encode())],
        }
    )
    await send({"type": "http.response.body", "body": b""})


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is no cookie at all
        return None
    found = jar.get(name)
    return found.value if found is not None else None


def _bearer(headers: dict[str, str]) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None
