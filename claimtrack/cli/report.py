"""`claimtrack review`, `reviews` and `report`: verdicts and what a fact-checker publishes.

Top-level commands kept out of cli/main.py, which mounts them with one call to
`register(app)`. Like the other cli modules, it prints; the library
(query.reviews, report.build and the renderers) returns models and writes the
report's text to the stream it is given.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TextIO

import typer

from claimtrack.cli.common import DbOption, FormatOption, emit, say, store_for, user_errors
from claimtrack.cli.output import OutputFormat
from claimtrack.config import ENV_ORG_NAME, ENV_ORG_URL, ENV_REVIEW_URL, ENV_REVIEWER
from claimtrack.errors import ClaimtrackError, NotFoundError
from claimtrack.ratings import SCALE as RATING_SCALE
from claimtrack.report.formats import ReportFormat

REVIEW_COLUMNS = ["id", "created_at", "claim_id", "dispute_id", "rating", "reviewer", "note"]
SCALE = "; ".join(
    f"{r.name} ({r.value})" if r.value > 0 else f"{r.name} (off the scale, {r.value})"
    for r in reversed(RATING_SCALE)
)


class OutputFileError(ClaimtrackError):
    """The report cannot be written where -o says."""


def review(
    ctx: typer.Context,
    rating: Annotated[
        str, typer.Option("--rating", "-r", help=f"The verdict, best first: {SCALE}.")
    ],
    claim_id: Annotated[
        int | None, typer.Argument(help="Claim id from `claimtrack claims`.", show_default=False)
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why: what the evidence shows.")] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            help="Who reviewed (kept with the verdict).",
            envvar=[ENV_REVIEWER, "USER"],
            show_envvar=True,
        ),
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option("--evidence", "-e", help="An http(s) URL of evidence; repeat for more."),
    ] = None,
    dispute: Annotated[
        int | None,
        typer.Option("--dispute", help="Review this dispute (from `claimtrack disputes`) instead."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record a verdict on a claim or a dispute; earlier verdicts are kept, never overwritten.

    Example: claimtrack review 9 --rating "mostly true" --note "Matches the agency's figure"
    """
    from claimtrack.query.reviews import record_review

    if (claim_id is None) == (dispute is None):
        raise typer.BadParameter("give a CLAIM_ID or --dispute ID (one of them)")
    with store_for(ctx) as store:
        made = record_review(
            store,
            rating=rating,
            claim_id=claim_id,
            dispute_id=dispute,
            note=note,
            reviewer=reviewer,
            evidence=evidence or [],
        )
    target = f"claim {made.claim_id}" if made.claim_id is not None else f"dispute {dispute}"
    who = made.reviewer or "an unnamed reviewer"
    say(f"review {made.id}: {target} rated {made.rating_label} by {who}")


def reviews(
    ctx: typer.Context,
    claim_id: Annotated[
        int | None, typer.Argument(help="Only the history of this claim.", show_default=False)
    ] = None,
    dispute: Annotated[
        int | None, typer.Option("--dispute", help="Only the history of this dispute.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Show the history of verdicts, oldest first: who rated what, when, and why.

    Example: claimtrack reviews 9 --format json
    """
    from claimtrack.models import Review
    from claimtrack.query.reviews import reviews as list_reviews

    with store_for(ctx) as store:
        if claim_id is not None and not store.claims(claim_id=claim_id):
            raise NotFoundError(f"no claim with id {claim_id}")
        rows = list_reviews(store, claim_id=claim_id, dispute_id=dispute)
    emit(rows, fmt, REVIEW_COLUMNS, Review)


def report(
    ctx: typer.Context,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="md (GitHub Markdown), html (one self-contained page), json (one object, "
            "schemas/report.schema.json), csv (one row per claim) or claimreview "
            "(schema.org JSON-LD of the reviewed claims).",
        ),
    ] = ReportFormat.md,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            help="Only claims about this (words, a quantity such as 'troops', or a "
            "statement) and the disputes they are in."
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Heading of the report.")] = None,
    org_name: Annotated[
        str | None,
        typer.Option(
            help="ClaimReview: the publishing organisation.",
            envvar=ENV_ORG_NAME,
            show_envvar=True,
        ),
    ] = None,
    org_url: Annotated[
        str | None,
        typer.Option(
            help="ClaimReview: the organisation's http(s) URL.",
            envvar=ENV_ORG_URL,
            show_envvar=True,
        ),
    ] = None,
    review_url: Annotated[
        str | None,
        typer.Option(
            help="ClaimReview: URL of each fact check, from {org_url}, {anchor} (claim-9, "
            "dispute-3: the HTML report's anchors) and {review_id}.  [default: {org_url}#{anchor}]",
            envvar=ENV_REVIEW_URL,
            show_envvar=True,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a fact-check report: disputes with every backer's quote, figures, verdicts, speakers.

    Example: claimtrack report --format html -o report.html
    """
    from claimtrack.report.build import plan_report, write_report

    def write(out: TextIO) -> None:
        write_report(parts, fmt, out, org_name=org_name, org_url=org_url, url_pattern=review_url)

    # The report is written as it is read from the store, so memory stays bounded
    # at any size: only its head (disputes, figure tables, verdicts) is held.
    with store_for(ctx) as store:
        parts = plan_report(store, topic=topic, title=title)
        if output is None:
            write(sys.stdout)
            return
        with user_errors():
            write_atomically(output, write)
    say(f"wrote {output} ({fmt.value})")


def write_atomically(path: Path, text: str | Callable[[TextIO], object]) -> None:
    """Write to a temporary file beside the target, then rename: readers never see half a report.

    `text` is the whole text, or a function that writes it to the file it is given.

    The rename replaces whatever is at the path, so the target is checked first.
    A symlink is written through, as the shell's `>` would: the file it points
    to is replaced, the link stays. Anything but a regular file (a directory, a
    FIFO, a device, a socket) is refused before anything is written. An
    existing file keeps its permission bits; a new one gets the umask default.
    """
    try:
        target = Path(os.path.realpath(path))  # through every symlink, even a dangling one
        found: os.stat_result | None = target.stat()
    except FileNotFoundError:
        found = None
    except (OSError, ValueError) as err:  # ValueError: a NUL in the name
        raise OutputFileError(f"{path}: {getattr(err, 'strerror', None) or err}") from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputFileError(
            f"{path}: {_kind(found.st_mode)}, not a regular file; nothing written"
        )
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputFileError(f"{path}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                text(handle)
        if found is not None:
            _keep_owner(temp, found)
            os.chmod(temp, stat.S_IMODE(found.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)  # as open() would have made it
        os.replace(temp, target)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise OutputFileError(f"{path}: {err.strerror or err}") from None
    except BaseException:  # the report failed while being written: leave no temporary file
        Path(temp).unlink(missing_ok=True)
        raise


def _keep_owner(temp: str, found: os.stat_result) -> None:
    """Give the new file the old one's owner and group where we may (root, or a group of ours)."""
    now = os.stat(temp)
    if (now.st_uid, now.st_gid) == (found.st_uid, found.st_gid):
        return
    # Where neither is allowed the file becomes ours, as any editor's save would make it.
    with contextlib.suppress(PermissionError):
        try:
            os.chown(temp, found.st_uid, found.st_gid)
        except PermissionError:
            os.chown(temp, -1, found.st_gid)


def _kind(mode: int) -> str:
    """What a non-regular file is, in the words of `ls -l`'s first letter."""
    kinds = [
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "a special file")


def register(app: typer.Typer) -> None:
    """Mount the commands on the main app (called once by cli/main.py)."""
    app.command()(review)
    app.command()(reviews)
    app.command()(report)
