"""What every claimtrack command shares: --format, error handling, the store, printing.

Defined once (as sqlite-utils' output options are) so that `--format` and
`Error:` lines behave the same in cli.py and cli_speakers.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimtrack.cli.output import OutputFormat, render
from claimtrack.errors import ClaimtrackError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from claimtrack.store.database import Store


def format_option(help_text: str) -> Any:
    """The one definition of --format, shared by every command that prints rows."""
    return typer.Option("--format", "-f", case_sensitive=False, help=help_text)


FormatOption = Annotated[
    OutputFormat,
    format_option("Output format: an aligned table, a JSON array, JSON lines or CSV."),
]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the library's errors into one `Error:` line on stderr and exit status 1."""
    try:
        yield
    except ClaimtrackError as err:
        typer.echo("Error: " + " ".join(str(err).split()), err=True)
        raise typer.Exit(1) from None


@contextmanager
def store_for(ctx: typer.Context) -> Iterator[Store]:
    """The database named by the top-level --db (ctx.obj), with user errors handled."""
    from claimtrack.store.database import open_store

    with user_errors(), open_store(ctx.obj) as store:
        for change in store.upgraded:
            typer.echo(f"upgraded the database, {change}", err=True)
        yield store


def emit(
    rows: Sequence[BaseModel] | Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    columns: list[str],
    model: type[BaseModel],
) -> None:
    """Print rows in the chosen format; nothing at all for an empty table."""
    text = render(rows, fmt, columns, model=model)
    if text:
        typer.echo(text)
