"""`claimtrack serve`: the review room, a local web application over the same database.

Mounted on the main app by `register(app)`, as cli/report.py is. The web
stack (Starlette, Jinja2, uvicorn) is imported only when the command runs, so
`--help` and every other command start as fast as before.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli.common import DbOption, database, say, user_errors

# The access token's variable; beside --token, as CLAIMTRACK_DB is beside --db.
ENV_TOKEN = "CLAIMTRACK_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8400


def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. Anything but this machine (127.0.0.1, localhost, ::1) "
            "needs --token."
        ),
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    token: Annotated[
        str | None,
        typer.Option(
            help="Access token every request must carry (the printed login link sets a "
            "cookie). Required with a --host other than this machine.",
            envvar=ENV_TOKEN,
            show_envvar=True,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Open the database, check the options, say where the room would be, and "
            "exit without serving.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Review in the browser: disputes, claims in their article, suggested links, verdicts.

    Serves http://127.0.0.1:8400/ until interrupted (Ctrl-C).

    Example: claimtrack serve --check --port 8400
    """
    from claimtrack.web.security import is_local

    token = (token or "").strip() or None
    local = is_local(host)
    if not local and token is None:
        say(
            f"Error: --host {host} lets other machines in; give --token (or set {ENV_TOKEN}) "
            "so that only people with it can use the review room"
        )
        raise typer.Exit(1)
    run_server(database(ctx), host, port, token, local, check=check)


def run_server(
    db: str | None, host: str, port: int, token: str | None, local: bool, check: bool = False
) -> None:
    """Open the database, say where the room is, and serve until interrupted."""
    import uvicorn

    from claimtrack.web.app import create_app

    with user_errors():
        app = create_app(db, token=token, allowed_hosts=_hosts(host) if local else None)
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    where = f"{base}/login?token={token}" if token else f"{base}/"
    if check:
        say(f"ready to serve {app.state.room.store!r} at {where}")
        app.state.room.store.close()
        return
    say(f"review room at {where}")
    # The access log would print the login link, token and all: off when there is one.
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=token is None)


def _hosts(host: str) -> list[str]:
    """The names a browser may use for a server on this machine (a DNS-rebinding guard)."""
    return sorted({host, f"[{host}]" if ":" in host else host, "127.0.0.1", "localhost", "[::1]"})


def register(app: typer.Typer) -> None:
    """Mount the command on the main app (called once by cli/main.py)."""
    app.command()(serve)
