"""What every claimtrack command shares: --db, --format, error handling, the store, printing.

Defined once (as sqlite-utils' output options are) so that `--db`, `--format`
and `Error:` lines behave the same in every cli module.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimtrack.cli.output import OutputFormat, render, terminal_width
from claimtrack.config import ENV_DB, ENV_REVIEWER
from claimtrack.errors import ClaimtrackError
from claimtrack.textsafety import visible

if TYPE_CHECKING:
    from pydantic import BaseModel

    from claimtrack.store.database import Store

DB_HELP = (
    "Database: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB "
    "(default: claimtrack.db in the current directory)."
)

# The top-level --db, which CLAIMTRACK_DB backs.
GlobalDbOption = Annotated[
    str | None, typer.Option("--db", envvar=ENV_DB, show_envvar=True, help=DB_HELP)
]
# Every command's own --db, so it may follow the command (`claimtrack disputes --db x`);
# it has no envvar, or CLAIMTRACK_DB would override a --db given before the command.
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database, as for `claimtrack --db`; given here, it wins."),
]

# Who made a decision; --by is the old name, kept working but out of the help.
ReviewerOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        help="Who reviewed (kept with the decision).",
        envvar=[ENV_REVIEWER, "USER"],
        show_envvar=True,
    ),
]
ByOption = Annotated[str | None, typer.Option("--by", hidden=True, help="Old name of --reviewer.")]


def format_option(help_text: str) -> Any:
    """The one definition of --format, shared by every command that prints rows."""
    return typer.Option("--format", "-f", case_sensitive=False, help=help_text)


FormatOption = Annotated[
    OutputFormat,
    format_option("Output format: an aligned table, a JSON array, JSON lines or CSV."),
]


def say(line: str) -> None:
    """A status line on stderr; article text and file names in it show control characters."""
    typer.echo(visible(line), err=True)


def error_line(message: str) -> str:
    """The one form of an error for a person: `Error: ` and the message on one line."""
    return visible("Error: " + " ".join(message.split()))


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's errors into one `Error:` line on stderr and exit status 1."""
    try:
        yield
    except ClaimtrackError as err:
        typer.echo(error_line(str(err)), err=True)
        raise typer.Exit(1) from None


def database(ctx: typer.Context) -> str | None:
    """The --db in force: the innermost command's own, else one before it, else CLAIMTRACK_DB."""
    for each in [ctx, *_parents(ctx)]:
        db = each.params.get("db")
        if db:
            return str(db)
    return None


def _parents(ctx: typer.Context) -> Iterator[Any]:
    parent = ctx.parent
    while parent is not None:
        yield parent
        parent = parent.parent


@contextmanager
def store_for(ctx: typer.Context, *, create: bool = False) -> Iterator[Store]:
    """The database named by --db (see `database`), with user errors handled.

    Only `ingest` creates a database: any other command on a path that holds
    none says so, so a mistyped --db never looks like an empty archive.
    """
    from claimtrack.store.database import open_store

    with user_errors(), open_store(database(ctx), create=create) as store:
        for change in store.upgraded:
            typer.echo(f"upgraded the database, {change}", err=True)
        yield store


def emit(
    rows: Sequence[BaseModel] | Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    columns: list[str],
    model: type[BaseModel],
) -> None:
    """Print rows in the chosen format (a table fitted to the terminal); nothing for none."""
    text = render(rows, fmt, columns, model=model, width=terminal_width())
    if text:
        typer.echo(text)
