"""`claimtrack speakers`: list speaker records and let a person correct them.

A typer group of its own so that cli/main.py mounts it with
``app.add_typer(speakers_app, name="speakers")`` and no import cycle: called
without a sub-command it lists speakers exactly as `claimtrack speakers` always
did; `merge`, `split` and `aliases` record corrections that later ingests obey
(docs/SPEAKERS.md). Like the other cli modules, it prints; the library does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.common import DbOption, FormatOption, emit, say
from claimtrack.cli.common import store_for as _store
from claimtrack.cli.helpstyle import ConventionalGroup
from claimtrack.cli.output import OutputFormat

if TYPE_CHECKING:
    from claimtrack.models import SpeakerSummary

speakers_app = typer.Typer(cls=ConventionalGroup, no_args_is_help=False, add_completion=False)

# Columns the table shows; json, jsonl and csv carry every field.
SPEAKER_COLUMNS = ["id", "name", "kind", "claims", "articles", "aliases"]

SpeakerArgument = Annotated[
    str, typer.Argument(help="Speaker id, name or alias, as `claimtrack speakers` lists it.")
]


def _emit(rows: Sequence[SpeakerSummary], fmt: OutputFormat) -> None:
    from claimtrack.models import SpeakerSummary

    emit(rows, fmt, SPEAKER_COLUMNS, SpeakerSummary)


@speakers_app.callback(invoke_without_command=True)
def speakers(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.table, db: DbOption = None
) -> None:
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
    db: DbOption = None,
) -> None:
    """Make two speaker records one; articles ingested later follow the correction.

    Example: claimtrack speakers merge "South Korea" "South Korean government"
    """
    with _store(ctx) as store:
        merged = store.merge_speakers(keep, other)
    say(f"merged {other} into speaker {merged.id} ({merged.name})")
    _emit([merged], fmt)


@speakers_app.command("split")
def split(
    ctx: typer.Context,
    speaker: SpeakerArgument,
    alias: Annotated[
        str, typer.Argument(help="The alias that is someone else; its claims go with it.")
    ],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Give an alias, and the claims made under it, a speaker of its own; they stay apart.

    Example: claimtrack speakers split "Kim Hong-kyun" "Kim"
    """
    with _store(ctx) as store:
        kept = store.speaker(speaker).id
        new = store.split_speaker(kept, alias)
        rows = [store.speaker(kept), new]
    say(f"split {alias} from speaker {kept} into speaker {new.id}")
    _emit(rows, fmt)


@speakers_app.command("aliases")
def aliases(
    ctx: typer.Context,
    path: Annotated[
        str, typer.Argument(help="Alias file: 'NAME = ALIAS; ALIAS' and 'NAME != NAME' lines.")
    ],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Apply a file of speaker corrections, now and for every article ingested later.

    Example: claimtrack speakers aliases newsroom-speakers.txt
    """
    with _store(ctx) as store:
        rows = store.apply_alias_file(path)
    noun = "speaker" if len(rows) == 1 else "speakers"
    say(f"applied {path} to {len(rows)} {noun}")
    _emit(rows, fmt)
