"""`claimtrack assign`, `queue` and `assignments`: who reviews what, what is left, what was given.

Top-level commands kept out of cli/main.py, which mounts them with one call to
`register(app)`. Like the other cli modules, it prints; the library
(query.assign) returns models.
"""

from __future__ import annotations

from typing import Annotated

import typer

from claimtrack.cli.common import DbOption, FormatOption, emit, say, store_for
from claimtrack.cli.output import OutputFormat
from claimtrack.config import ENV_REVIEWER

QUEUE_COLUMNS = ["id", "created_at", "claim_id", "dispute_id", "assigned_by", "note"]
HISTORY_COLUMNS = [
    "id",
    "created_at",
    "reviewer",
    "claim_id",
    "dispute_id",
    "assigned_by",
    "decided",
    "note",
]


def assign(
    ctx: typer.Context,
    to: Annotated[
        str, typer.Option("--to", help="The reviewer whose queue it goes to.", show_default=False)
    ],
    claim_id: Annotated[
        int | None, typer.Argument(help="Claim id from `claimtrack claims`.", show_default=False)
    ] = None,
    dispute: Annotated[
        int | None,
        typer.Option("--dispute", help="Assign this dispute (from `claimtrack disputes`) instead."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Who assigns it (kept with the assignment).",
            envvar=[ENV_REVIEWER, "USER"],
            show_envvar=True,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help="What to look at, for the reviewer.")] = None,
    db: DbOption = None,
) -> None:
    """Give a claim or a dispute to a reviewer; assigning it again moves it to the new queue.

    Example: claimtrack assign 9 --to "A. Editor" --note "Check the agency's count"
    """
    from claimtrack.query.assign import assign as make_assignment

    with store_for(ctx) as store:
        made = make_assignment(
            store, reviewer=to, claim_id=claim_id, dispute_id=dispute, assigned_by=by, note=note
        )
    target = f"claim {made.claim_id}" if made.claim_id is not None else f"dispute {made.dispute_id}"
    say(f"assignment {made.id}: {target} to {made.reviewer}")


def queue(
    ctx: typer.Context,
    reviewer: Annotated[str, typer.Argument(help="Whose queue (names match in any case).")],
    include_done: Annotated[
        bool,
        typer.Option("--all", help="Also what a verdict has since decided (the decided column)."),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """List what is assigned to a reviewer and still awaits a verdict, oldest first.

    Example: claimtrack queue "A. Editor" --format json
    """
    from claimtrack.models import Assignment
    from claimtrack.query.assign import queue as reviewer_queue

    with store_for(ctx) as store:
        rows = reviewer_queue(store, reviewer, include_done=include_done)
    columns = [*QUEUE_COLUMNS[:-1], "decided", "note"] if include_done else QUEUE_COLUMNS
    emit(rows, fmt, columns, Assignment)


def assignments(
    ctx: typer.Context,
    claim_id: Annotated[
        int | None, typer.Argument(help="Only the assignments of this claim.", show_default=False)
    ] = None,
    dispute: Annotated[
        int | None, typer.Option("--dispute", help="Only the assignments of this dispute.")
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer", help="Only those made to this reviewer (names match in any case)."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Show the history of assignments, oldest first: who gave what to whom, and when.

    Reassignments stay listed; the latest of an item says whose it is, and `queue`
    shows what is left to decide.

    Example: claimtrack assignments --reviewer "A. Editor" --format csv
    """
    from claimtrack.errors import NotFoundError
    from claimtrack.models import Assignment
    from claimtrack.query.assign import assignments as list_assignments

    with store_for(ctx) as store:
        if claim_id is not None and not store.claims(claim_id=claim_id):
            raise NotFoundError(f"no claim with id {claim_id}")
        rows = list_assignments(store, claim_id=claim_id, dispute_id=dispute, reviewer=reviewer)
    emit(rows, fmt, HISTORY_COLUMNS, Assignment)


def register(app: typer.Typer) -> None:
    """Mount the commands on the main app (called once by cli/main.py)."""
    app.command()(assign)
    app.command()(queue)
    app.command()(assignments)
