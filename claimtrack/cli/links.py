"""`claimtrack links`: list claim links and let a person confirm or reject them.

A typer group of its own (mounted by cli/main.py). Its table shows each link
with both claims' speakers and texts, so a reviewer decides in place rather than
looking every claim id up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.common import (
    ByOption,
    DbOption,
    FormatOption,
    ReviewerOption,
    emit,
    say,
    store_for,
    user_errors,
)
from claimtrack.cli.helpstyle import ConventionalGroup
from claimtrack.cli.output import OutputFormat, cut, one_line, terminal_width

if TYPE_CHECKING:
    from claimtrack.link.linker import Linker
    from claimtrack.models import Claim, ClaimLink

LINK_COLUMNS = ["id", "claim_id", "other_id", "relation", "score", "status", "reason"]
# Lines of the links table are cut to the terminal, or to this when output is piped.
PIPED_WIDTH = 100

links_app = typer.Typer(cls=ConventionalGroup, no_args_is_help=False, add_completion=False)

LinkIdArgument = Annotated[int, typer.Argument(help="Link id from `claimtrack links`.")]


@contextmanager
def linker_for(ctx: typer.Context) -> Iterator[Linker]:
    """A linker over the database --db names, with user errors handled."""
    from claimtrack.link.linker import Linker

    with store_for(ctx) as store:
        yield Linker(store)


@links_app.callback(invoke_without_command=True)
def links(
    ctx: typer.Context,
    suggested: Annotated[
        bool, typer.Option("--suggested", help="Only links waiting for a person's decision.")
    ] = False,
    rejected: Annotated[bool, typer.Option("--rejected", help="Only rejected links.")] = False,
    claim: Annotated[int | None, typer.Option(help="Only links of this claim id.")] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """List claim links (corroborates, contradicts, related) with score, reason and both claims.

    Example: claimtrack links --suggested --format csv
    """
    from claimtrack.models import ClaimLink, LinkStatus

    if ctx.invoked_subcommand is not None:
        return
    status = LinkStatus.suggested if suggested else LinkStatus.rejected if rejected else None
    with linker_for(ctx) as linker, user_errors():
        rows = linker.links(status=status, claim_id=claim)
        claims = _claims_of(linker, rows) if fmt is OutputFormat.table else {}
    if fmt is OutputFormat.table:
        text = links_table(rows, claims, terminal_width() or PIPED_WIDTH)
        if text:
            typer.echo(text)
    else:
        emit(rows, fmt, LINK_COLUMNS, ClaimLink)


def _claims_of(linker: Linker, rows: Sequence[ClaimLink]) -> dict[int, Claim]:
    ids = sorted({i for row in rows for i in (row.claim_id, row.other_id)})
    return {i: found[0] for i in ids if (found := linker.store.claims(claim_id=i))}


def links_table(rows: Sequence[ClaimLink], claims: dict[int, Claim], width: int) -> str:
    """Each link on a line of its own, then each of its claims: id, speaker and text."""
    blocks = []
    for row in rows:
        head = f"link {row.id}  {row.relation.value}  {row.score:g}  {row.status.value}"
        lines = [cut(f"{head}  {one_line(row.reason)}", width)]
        for claim_id in (row.claim_id, row.other_id):
            claim = claims.get(claim_id)
            said = f"{claim.speaker or '?'}: {claim.text}" if claim else "(no such claim)"
            lines.append(cut(f"  claim {claim_id}  {one_line(said)}", width))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _decide(ctx: typer.Context, link_id: int, confirmed: bool, reviewer: str | None) -> None:
    from claimtrack.models import LinkStatus

    status = LinkStatus.confirmed if confirmed else LinkStatus.rejected
    with linker_for(ctx) as linker, user_errors():
        decided = linker.decide(link_id, status, reviewer)
    say(f"link {decided.id} {decided.status.value} by {decided.decided_by}")


@links_app.command("confirm")
def links_confirm(
    ctx: typer.Context,
    link_id: LinkIdArgument,
    reviewer: ReviewerOption = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Confirm a link; disputes and figures count it, and re-linking keeps it.

    Example: claimtrack links confirm 12 --reviewer "A. Editor"
    """
    _decide(ctx, link_id, True, by or reviewer)


@links_app.command("reject")
def links_reject(
    ctx: typer.Context,
    link_id: LinkIdArgument,
    reviewer: ReviewerOption = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Reject a link: it leaves disputes and never comes back on re-linking.

    Example: claimtrack links reject 12
    """
    _decide(ctx, link_id, False, by or reviewer)
