"""The claimtrack command line: parse options, call the library, format what it returns.

Only the cli package prints. Results go to stdout in the chosen --format; status
lines, progress and errors go to stderr, so `claimtrack claims --format json | jq`
works. Models, the database and the pipeline are imported inside commands, so
`--help`, `--version` and `extract` load neither SQLAlchemy nor numpy (and
`--help` not even pydantic's models): tests/test_startup.py checks it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.assign import register as _register_assign_commands
from claimtrack.cli.common import DbOption, FormatOption, GlobalDbOption
from claimtrack.cli.common import emit as _emit
from claimtrack.cli.common import format_option as _format_option
from claimtrack.cli.common import say as _say
from claimtrack.cli.common import store_for as _store
from claimtrack.cli.common import user_errors as _user_errors
from claimtrack.cli.helpstyle import ConventionalGroup, restyle_commands
from claimtrack.cli.links import linker_for as _linker
from claimtrack.cli.links import links_app
from claimtrack.cli.output import OutputFormat, field_text
from claimtrack.cli.report import register as _register_report_commands
from claimtrack.cli.serve import register as _register_serve_command
from claimtrack.cli.speakers import speakers_app
from claimtrack.config import ENV_MAX_SIZE, ENV_WORKERS
from claimtrack.errors import NotFoundError
from claimtrack.textsafety import visible

if TYPE_CHECKING:
    from rich.console import Console

    from claimtrack.models import (
        Dispute,
        IngestResult,
    )

app = typer.Typer(
    cls=ConventionalGroup,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

# Columns the table format shows; json, jsonl and csv always carry every field.
CLAIM_COLUMNS = ["id", "outlet", "speaker", "cue", "stance", "text"]
EXTRACT_COLUMNS = ["start", "speaker", "cue", "stance", "quote", "text"]
ARTICLE_COLUMNS = ["id", "published", "outlet", "title", "claims", "path"]
INGEST_COLUMNS = ["path", "status", "article_id", "claims", "error"]
# readers.MAX_ARTICLE_BYTES in MB; not imported, so that --help stays fast.
MAX_ARTICLE_MB = 5.0


IngestFormatOption = Annotated[
    OutputFormat | None,
    _format_option("Also print the per-file results on stdout in this format."),
]


def _show_version(value: bool) -> None:
    if value:
        from claimtrack import __version__

        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


VersionOption = Annotated[
    bool,
    typer.Option(
        "--version",
        callback=_show_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
]


@app.callback()
def main(db: GlobalDbOption = None, version: VersionOption = False) -> None:
    """Track who claimed what in news articles, and exactly where they said it.

    Example: claimtrack --db newsroom.db ingest seeds/
    """


def _status_line(result: IngestResult) -> str:
    from claimtrack.models import IngestStatus

    match result.status:
        case IngestStatus.stored:
            noun = "claim" if result.claims == 1 else "claims"
            line = f"stored {result.path} ({result.claims} {noun})"
        case IngestStatus.skipped:
            line = f"skipped {result.path} (already stored as article {result.article_id})"
        case IngestStatus.failed:
            return "Error: " + " ".join((result.error or result.path).split())
    # A stored article that could not be linked says so rather than looking done.
    return f"{line}; {' '.join(result.error.split())}" if result.error else line


def _summary_line(results: Sequence[IngestResult]) -> str:
    from claimtrack.models import IngestStatus

    counts = {status: 0 for status in IngestStatus}
    for result in results:
        counts[result.status] += 1
    return ", ".join(f"{counts[status]} {status.value}" for status in IngestStatus)


_SEVERAL = (".json", ".jsonl")  # files that may hold any number of articles


def expected_count(paths: Sequence[str]) -> int | None:
    """How many results ingest will report, when counting files tells (no JSON, no stdin).

    Folders are walked as the readers walk them (hidden entries skipped, article
    extensions only): cheap next to reading the files, and it gives the bar a total.
    """
    from claimtrack.ingest.readers import ARTICLE_EXTENSIONS

    count = 0
    for path in paths:
        if path == "-" or path.lower().endswith(_SEVERAL):
            return None
        if not os.path.isdir(path):
            count += 1
            continue
        found = 0
        for _root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                suffix = os.path.splitext(name)[1].lower()
                if name.startswith(".") or suffix not in ARTICLE_EXTENSIONS:
                    continue
                if suffix in _SEVERAL:
                    return None
                found += 1
        count += max(found, 1)  # an empty folder is reported once, as an error
    return count


@contextmanager
def progress_lines(
    total: int | None, console: Console | None = None
) -> Iterator[Callable[[IngestResult], None]]:
    """Report each result on stderr, under a progress bar (total, ETA) on a terminal.

    Every line, errors included, goes through the bar's console, which prints it
    above the bar; a line written past it would land inside the bar.
    """
    if console is None and not sys.stderr.isatty():
        yield lambda result: _say(_status_line(result))
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    shown = console or Console(stderr=True)
    with Progress(*columns, console=shown, transient=True, redirect_stderr=True) as progress:
        task = progress.add_task("ingest", total=total)

        def report(result: IngestResult) -> None:
            line = visible(_status_line(result))
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            progress.advance(task)

        yield report


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files or folders to store; - reads one from stdin."),
    ],
    outlet: Annotated[
        str | None, typer.Option(help="Outlet to record for every article given.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO 8601) to record.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Source URL to record.")] = None,
    title: Annotated[str | None, typer.Option(help="Headline to record.")] = None,
    max_size: Annotated[
        float,
        typer.Option(
            envvar=ENV_MAX_SIZE,
            show_envvar=True,
            min=0.001,
            help="Largest article to read, in MB (at most 10: one article is extracted in "
            "memory whole); a bigger file or JSON record is an error.",
        ),
    ] = MAX_ARTICLE_MB,
    workers: Annotated[
        int,
        typer.Option(
            envvar=ENV_WORKERS,
            show_envvar=True,
            min=0,
            help="Processes that extract claims while this one stores and links; 0 uses "
            "every core. Speeds up large batches on a machine with cores to spare; "
            "the database ends up the same as with 1.",
        ),
    ] = 1,
    fmt: IngestFormatOption = None,
    db: DbOption = None,
) -> None:
    """Store articles and their claims so they can be searched; re-ingesting is a no-op.

    Example: claimtrack ingest --outlet "Daily Courier" seeds/*.txt
    """
    from claimtrack.ingest.pipeline import ingest as run_ingest
    from claimtrack.models import IngestResult, IngestStatus

    with _store(ctx, create=True) as store, progress_lines(expected_count(paths)) as report:
        results = run_ingest(
            store,
            paths,
            outlet=outlet,
            published=published,
            url=url,
            title=title,
            on_progress=report,
            max_bytes=round(max_size * 1_000_000),
            workers=workers,
        )
    _say(_summary_line(results))
    if fmt is not None:
        _emit(results, fmt, INGEST_COLUMNS, IngestResult)
    if any(result.status is IngestStatus.failed for result in results):
        raise typer.Exit(1)


@app.command("extract")
def extract_command(
    path: Annotated[str, typer.Argument(help="Article file; - reads it from stdin.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show the claims found in one article without storing anything, to check extraction.

    Example: claimtrack extract seeds/000_fab20f877a324926.txt --format json
    """
    from claimtrack.ingest.pipeline import extract_path
    from claimtrack.models import Claim

    with _user_errors():
        extractions = extract_path(path)
    claims = [
        claim.model_copy(update={"outlet": extraction.article.outlet})
        for extraction in extractions
        for claim in extraction.claims
    ]
    _emit(claims, fmt, EXTRACT_COLUMNS, Claim)


@app.command()
def articles(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.table, db: DbOption = None
) -> None:
    """List stored articles with their claim counts, to find an article id.

    Example: claimtrack articles --format csv > articles.csv
    """
    from claimtrack.models import ArticleSummary

    with _store(ctx) as store:
        rows = store.articles()
    _emit(rows, fmt, ARTICLE_COLUMNS, ArticleSummary)


@app.command()
def claims(
    ctx: typer.Context,
    speaker: Annotated[
        str | None,
        typer.Option(
            help="Only claims by this speaker: its name, an alias or its acronym; "
            "failing those, the closest spelling (said on stderr)."
        ),
    ] = None,
    article: Annotated[int | None, typer.Option(help="Only claims from this article id.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Only claims whose text or sentence contains this.")
    ] = None,
    claim_id: Annotated[
        int | None, typer.Option("--id", help="Only the claim with this id.")
    ] = None,
    attributed: Annotated[
        bool | None,
        typer.Option(
            "--attributed/--own-voice",
            help="Only claims someone is reported to have made, or only figures the "
            "articles state in their own voice (default: both).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """List stored claims with their provenance, to check who said what and where.

    Example: claimtrack claims --speaker Zelenskiy --search soldiers --format json
    """
    from claimtrack.models import Claim

    with _store(ctx) as store:
        if article is not None:
            store.article(article)  # an unknown id is an error, not an empty list
        speaker_ids = None
        if speaker is not None:
            found = store.find_speakers(speaker)
            if found.notice:
                _say(found.notice)
            speaker_ids = found.ids
        rows = store.claims(
            speaker_ids=speaker_ids,
            article=article,
            search=search,
            claim_id=claim_id,
            attributed=attributed,
        )
        if claim_id is not None and not rows and article is None and speaker is None and not search:
            raise NotFoundError(f"no claim with id {claim_id}")
    _emit(rows, fmt, CLAIM_COLUMNS, Claim)


# -- linking, figures, disputes ---------------------------------------------------

# The event (its first headline) is in json, jsonl and csv; a table has no room for it.
FIGURE_COLUMNS = ["label", "quantity", "independent_sources", "reports", "speakers", "articles"]
DISPUTE_COLUMNS = ["id", "kind", "confirmed", "topic", "positions"]
LINK_COLUMNS = ["id", "claim_id", "other_id", "relation", "score", "status", "reason"]
MATCH_COLUMNS = ["score", "relation", "id", "speaker", "outlet", "text"]
app.add_typer(links_app, name="links")
app.add_typer(speakers_app, name="speakers")
_register_report_commands(app)  # review, reviews, report (cli/report.py)
_register_assign_commands(app)  # assign, queue (cli/assign.py)
_register_serve_command(app)  # serve: the review room (cli/serve.py, claimtrack/web/)


@app.command()
def repair(ctx: typer.Context, db: DbOption = None) -> None:
    """Make again what a damaged database lost (links, term counts, text index, figures).

    Example: claimtrack repair
    """
    from claimtrack.cli.common import database
    from claimtrack.link.repair import repair_database

    with _user_errors():
        done = repair_database(database(ctx))
    for change in done.upgraded:
        _say(f"upgraded the database, {change}")
    for table in done.rebuilt:
        _say(f"made table {table} again")
    if done.relinked:
        _say(f"re-linked every article: {done.links} links")
    if not (done.upgraded or done.rebuilt or done.relinked):
        _say("nothing to repair")


@app.command()
def link(ctx: typer.Context, db: DbOption = None) -> None:
    """Rebuild every undecided link (after merging speakers, say); decisions are kept.

    Example: claimtrack link
    """
    with _linker(ctx) as linker, _user_errors():
        made = linker.relink()
    _say(f"{made} links")


@app.command()
def figures(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="The quantity: 'troops', 'civilian deaths'...")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Show which sources back which figure for a quantity, one row per value.

    Example: claimtrack figures "North Korean soldiers in Russia"
    """
    from claimtrack.models import FigureGroup
    from claimtrack.query.figures import figures as find_groups

    with _linker(ctx) as linker, _user_errors():
        rows = find_groups(linker, query)
    _emit(rows, fmt, FIGURE_COLUMNS, FigureGroup)


@app.command()
def disputes(
    ctx: typer.Context,
    topic: Annotated[
        str | None, typer.Option(help="Only disputes whose claims mention this text.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """List disputed propositions, most significant first, with each side's backers.

    Example: claimtrack disputes --format json
    """
    from claimtrack.models import Dispute
    from claimtrack.query.disputes import disputes as find_disputes

    with _linker(ctx) as linker, _user_errors():
        rows = find_disputes(linker, topic=topic)
    if fmt is OutputFormat.table:
        flat = [{**row.model_dump(mode="json"), "positions": _positions_cell(row)} for row in rows]
        _emit(flat, fmt, DISPUTE_COLUMNS, Dispute)
    else:
        _emit(rows, fmt, DISPUTE_COLUMNS, Dispute)


def _positions_cell(dispute: Dispute) -> str:
    parts = []
    for p in dispute.positions:
        who = "; ".join(p.speakers[:3]) + ("; …" if len(p.speakers) > 3 else "")
        parts.append(f"{p.label}: {who} ({p.independent_sources} src, {p.reports} rep)")
    return " | ".join(parts)


@app.command("match")
def match_command(
    ctx: typer.Context,
    statement: Annotated[str, typer.Argument(help="The statement being checked.")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """What the database says about a statement: corroborating, contradicting, related claims.

    Example: claimtrack match "North Korea sent 1,500 troops to Russia"
    """
    from claimtrack.models import Match
    from claimtrack.query.match import match

    with _linker(ctx) as linker, _user_errors():
        rows = match(linker, statement)
    if fmt is OutputFormat.table:
        flat = [
            {
                "score": m.score,
                "relation": m.relation.value,
                "id": m.claim.id,
                "speaker": m.claim.speaker,
                "outlet": m.claim.outlet,
                "text": m.claim.text,
            }
            for m in rows
        ]
        _emit(flat, fmt, MATCH_COLUMNS, Match)
    else:
        _emit(rows, fmt, MATCH_COLUMNS, Match)


@app.command()
def show(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(help="Claim id from `claimtrack claims`.")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Show one claim with its provenance and every link to other claims.

    Example: claimtrack show 9 --format json
    """
    from claimtrack.models import ClaimLink, ClaimWithLinks

    with _linker(ctx) as linker, _user_errors():
        found = linker.claim(claim_id)
    if fmt is OutputFormat.table:
        for key, value in found.claim.model_dump(mode="json").items():
            typer.echo(f"{key:16} {field_text(value)}".rstrip())
        if found.links:
            typer.echo("")
            _emit(found.links, fmt, LINK_COLUMNS, ClaimLink)
    else:
        _emit([found], fmt, [], ClaimWithLinks)


restyle_commands(app)  # last: every command registered above, the report's included
