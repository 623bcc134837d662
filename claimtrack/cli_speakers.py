"""`claimtrack speakers`: list speaker records and let a person correct them.

A typer group of its own so that cli.py mounts it with
``app.add_typer(speakers_app, name="speakers")`` and no import cycle: called
without a sub-command it lists speakers exactly as `claimtrack speakers` always
did; `merge`, `split` and `aliases` record corrections that later ingests obey
(docs/SPEAKERS.md). Like cli.py, only this module prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.errors import ClaimtrackError
from claimtrack.models import SpeakerSummary
from claimtrack.output import OutputFormat, render

if TYPE_CHECKING:
    from claimtrack.store import Store

speakers_app = typer.Typer(no_args_is_help=False, add_completion=False)

# The same columns and --format as every listing in cli.py.
SPEAKER_COLUMNS = ["id", "name", "kind", "claims", "articles", "aliases"]

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: an aligned table, a JSON array, JSON lines or CSV.",
    ),
]
SpeakerArgument = Annotated[
    str, typer.Argument(help="Speaker id, name or alias, as `claimtrack speakers` lists it.")
]


@contextmanager
def _store(ctx: typer.Context) -> Iterator[Store]:
    """The database named by the top-level --db; library errors become `Error:` and exit 1."""
    from claimtrack.store import open_store

    try:
        with open_store(ctx.obj) as store:
            yield store
    except ClaimtrackError as err:
        typer.echo("Error: " + " ".join(str(err).split()), err=True)
        raise typer.Exit(1) from None


def _emit(rows: Sequence[SpeakerSummary], fmt: OutputFormat) -> None:
    text = render(rows, fmt, SPEAKER_COLUMNS, model=SpeakerSummary)
    if text:
        typer.echo(text)


@speakers_app.callback(invoke_without_command=True)
def speakers(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List speakers across all articles, most-cited first, with the names they appear under.

    Example: claimtrack speakers --format jsonl
    """
    if ctx.invoked_subcommand is not None:
        return
    with _store(ctx) as store:
        rows = store.speakers()
    _emit(rows, fmt)


@speakers_app.command("merge")
def merge(
    ctx: typer.Context,
    keep: SpeakerArgument,
    other: Annotated[
        str, typer.Argument(help="Speaker that is the same one: its claims and aliases move.")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Make two speaker records one; articles ingested later follow the correction.

    Example: claimtrack speakers merge "National Intelligence Service" "South Korea's spy agency"
    """
    with _store(ctx) as store:
        merged = store.merge_speakers(keep, other)
    typer.echo(f"merged {other} into speaker {merged.id} ({merged.name})", err=True)
    _emit([merged], fmt)


@speakers_app.command("split")
def split(
    ctx: typer.Context,
    speaker: SpeakerArgument,
    alias: Annotated[
        str, typer.Argument(help="The alias that is someone else; its claims go with it.")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Give an alias, and the claims made under it, a speaker of its own; they stay apart.

    Example: claimtrack speakers split "Kim Hong-kyun" "Kim"
    """
    with _store(ctx) as store:
        kept = store.speaker(speaker).id
        new = store.split_speaker(kept, alias)
        rows = [store.speaker(kept), new]
    typer.echo(f"split {alias} from speaker {kept} into speaker {new.id}", err=True)
    _emit(rows, fmt)


@speakers_app.command("aliases")
def aliases(
    ctx: typer.Context,
    path: Annotated[
        str, typer.Argument(help="Alias file: 'NAME = ALIAS; ALIAS' and 'NAME != NAME' lines.")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Apply a file of speaker corrections, now and for every article ingested later.

    Example: claimtrack speakers aliases newsroom-speakers.txt
    """
    with _store(ctx) as store:
        rows = store.apply_alias_file(path)
    noun = "speaker" if len(rows) == 1 else "speakers"
    typer.echo(f"applied {path} to {len(rows)} {noun}", err=True)
    _emit(rows, fmt)
