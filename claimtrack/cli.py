"""The claimtrack command line: parse options, call the library, format what it returns.

Only this module prints. Results go to stdout in the chosen --format; status lines,
progress and errors go to stderr, so `claimtrack claims --format json | jq` works.
The database and pipeline modules are imported inside commands so that `--help`
and `extract` do not pay for SQLAlchemy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import BaseModel

from claimtrack.errors import ClaimtrackError, NotFoundError
from claimtrack.models import ArticleSummary, Claim, IngestResult, IngestStatus, SpeakerSummary
from claimtrack.output import OutputFormat, render

if TYPE_CHECKING:
    from claimtrack.store import Store

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

# Columns the table format shows; json, jsonl and csv always carry every field.
CLAIM_COLUMNS = ["id", "outlet", "speaker", "cue", "stance", "text"]
EXTRACT_COLUMNS = ["start", "speaker", "cue", "stance", "quote", "text"]
ARTICLE_COLUMNS = ["id", "published", "outlet", "title", "claims", "path"]
SPEAKER_COLUMNS = ["id", "name", "kind", "claims", "articles", "aliases"]
INGEST_COLUMNS = ["path", "status", "article_id", "claims", "error"]


def _format_option(help_text: str) -> Any:
    """The one definition of --format, shared by every command that prints rows."""
    return typer.Option("--format", "-f", case_sensitive=False, help=help_text)


FormatOption = Annotated[
    OutputFormat,
    _format_option("Output format: an aligned table, a JSON array, JSON lines or CSV."),
]
IngestFormatOption = Annotated[
    OutputFormat | None,
    _format_option("Also print the per-file results on stdout in this format."),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CLAIMTRACK_DB",
        show_envvar=True,
        help="Database: a SQLite file path, sqlite:///PATH or postgresql://USER@HOST/DB "
        "(default: claimtrack.db in the current directory).",
    ),
]


@app.callback()
def main(ctx: typer.Context, db: DbOption = None) -> None:
    """Track who claimed what in news articles, and exactly where they said it.

    Example: claimtrack --db newsroom.db ingest articles/*.txt
    """
    ctx.obj = db


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the library's errors into one `Error:` line on stderr and exit status 1."""
    try:
        yield
    except ClaimtrackError as err:
        typer.echo("Error: " + " ".join(str(err).split()), err=True)
        raise typer.Exit(1) from None


@contextmanager
def _store(ctx: typer.Context) -> Iterator[Store]:
    from claimtrack.store import open_store

    with _user_errors(), open_store(ctx.obj) as store:
        yield store


def _emit(
    rows: Sequence[BaseModel], fmt: OutputFormat, columns: list[str], model: type[BaseModel]
) -> None:
    text = render(rows, fmt, columns, model=model)
    if text:
        typer.echo(text)


def _status_line(result: IngestResult) -> str:
    match result.status:
        case IngestStatus.stored:
            noun = "claim" if result.claims == 1 else "claims"
            return f"stored {result.path} ({result.claims} {noun})"
        case IngestStatus.skipped:
            return f"skipped {result.path} (already stored as article {result.article_id})"
        case IngestStatus.failed:
            return "Error: " + " ".join((result.error or result.path).split())


def _summary_line(results: Sequence[IngestResult]) -> str:
    counts = {status: 0 for status in IngestStatus}
    for result in results:
        counts[result.status] += 1
    return ", ".join(f"{counts[status]} {status.value}" for status in IngestStatus)


def _expected_count(paths: Sequence[str]) -> int | None:
    """How many results ingest will report, when the paths alone tell (no folders or JSON)."""
    several = (".json", ".jsonl")
    if any(os.path.isdir(p) or p.lower().endswith(several) for p in paths):
        return None
    return len(paths)


@contextmanager
def _progress(total: int | None) -> Iterator[Callable[[IngestResult], None]]:
    """Report each result on stderr, under a progress bar when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda result: typer.echo(_status_line(result), err=True)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=total)

        def report(result: IngestResult) -> None:
            progress.console.print(_status_line(result), markup=False, highlight=False)
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
    fmt: IngestFormatOption = None,
) -> None:
    """Store articles and their claims so they can be searched; re-ingesting is a no-op.

    Example: claimtrack ingest --outlet "Daily Courier" articles/*.txt
    """
    from claimtrack.pipeline import ingest as run_ingest

    with _store(ctx) as store, _progress(_expected_count(paths)) as report:
        results = run_ingest(
            store,
            paths,
            outlet=outlet,
            published=published,
            url=url,
            title=title,
            on_progress=report,
        )
    typer.echo(_summary_line(results), err=True)
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

    Example: claimtrack extract article.txt --format json
    """
    from claimtrack.pipeline import extract_path

    with _user_errors():
        extractions = extract_path(path)
    claims = [
        claim.model_copy(update={"outlet": extraction.article.outlet})
        for extraction in extractions
        for claim in extraction.claims
    ]
    _emit(claims, fmt, EXTRACT_COLUMNS, Claim)


@app.command()
def articles(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List stored articles with their claim counts, to find an article id.

    Example: claimtrack articles --format csv > articles.csv
    """
    with _store(ctx) as store:
        rows = store.articles()
    _emit(rows, fmt, ARTICLE_COLUMNS, ArticleSummary)


@app.command()
def claims(
    ctx: typer.Context,
    speaker: Annotated[
        str | None, typer.Option(help="Only claims by this speaker (name, part of it, or alias).")
    ] = None,
    article: Annotated[int | None, typer.Option(help="Only claims from this article id.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Only claims whose text or sentence contains this.")
    ] = None,
    claim_id: Annotated[
        int | None, typer.Option("--id", help="Only the claim with this id.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored claims with their provenance, to check who said what and where.

    Example: claimtrack claims --speaker "Ana Ortiz" --search police --format json
    """
    with _store(ctx) as store:
        if article is not None:
            store.article(article)  # an unknown id is an error, not an empty list
        rows = store.claims(speaker=speaker, article=article, search=search, claim_id=claim_id)
        if claim_id is not None and not rows and article is None and speaker is None and not search:
            raise NotFoundError(f"no claim with id {claim_id}")
    _emit(rows, fmt, CLAIM_COLUMNS, Claim)


@app.command()
def speakers(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List speakers across all articles, most-cited first, with the names they appear under.

    Example: claimtrack speakers --format jsonl
    """
    with _store(ctx) as store:
        rows = store.speakers()
    _emit(rows, fmt, SPEAKER_COLUMNS, SpeakerSummary)
