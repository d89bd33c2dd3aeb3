"""``dateline ingest``, ``reanalyze``, ``query`` and ``export``: thin shells over the store.

Each command opens the database (``--db``, else ``$DATELINE_DB``, else
``dateline.db`` here), calls one library function and prints its result.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from dateline.errors import StoreUnavailableError
from dateline.pipeline import parse_date
from dateline.store.store import DEFAULT_DB, Store, open_store

#: How many failures the summary lists one by one.
SHOWN_FAILURES = 20

db_option = click.option(
    "--db",
    "db",
    envvar="DATELINE_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="Database: a SQLite file, or a URL such as postgresql://user@host/dbname "
    "(also $DATELINE_DB).",
)


class RateColumn(ProgressColumn):
    """Articles per second, as rich estimates it."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("-- articles/s" if speed is None else f"{speed:.1f} articles/s")


@contextmanager
def _store(db: str) -> Iterator[Store]:
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Processes that analyse articles (one process writes).",
)
@click.option(
    "--published-from",
    type=click.Choice(["metadata", "filename", "none"]),
    default="metadata",
    show_default=True,
    help="Where an article's publication date comes from: the record's own "
    "field (JSONL/CSV/feed/HTML), a YYYY-MM-DD in the file name, or nowhere.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest_command(
    paths: tuple[str, ...], db: str, workers: int, published_from: str, quiet: bool
) -> None:
    """Analyse articles into the database: .txt/.html files, JSONL and CSV corpora
    (one article per line/row with text, title, url, published), RSS/Atom feeds, or
    folders of them.

    Articles already stored are skipped, so running it again (after an interruption,
    say) adds only what is missing. Exits non-zero only if nothing could be ingested.
    """
    from dateline.corpora import count_records, read_corpus
    from dateline.ingest import IngestSummary, ingest

    err = Console(stderr=True)
    total = count_records(paths)
    if total == 0:
        raise click.ClickException(f"no articles found in {', '.join(paths)}")
    summary = IngestSummary()
    with _store(db) as store:
        progress = _progress(err)
        progress.disable = quiet
        task = progress.add_task("ingest", total=total)

        def advance(current: IngestSummary, _what: str) -> None:
            progress.update(task, completed=current.seen)

        try:
            with progress:
                summary = ingest(
                    store,
                    read_corpus(paths, stdin=sys.stdin),
                    workers=workers,
                    published_from=published_from,  # type: ignore[arg-type]
                    on_progress=advance,
                )
        except StoreUnavailableError:
            click.echo(
                "Stopped. Articles committed before the stop are kept; run the same "
                "command again to continue.",
                err=True,
            )
            raise
        click.echo(_summary_text(summary, store.url))
    if summary.ingested == 0 and summary.failed > 0:
        sys.exit(1)


def _summary_text(summary: Any, where: str) -> str:
    lines = [
        f"Ingested {summary.ingested} article{'s' * (summary.ingested != 1)} into {where}"
        + (f" ({summary.linked} linked to a story already stored)" if summary.linked else ""),
        f"Skipped {summary.duplicates} already stored",
        f"Failed {summary.failed}" + (":" if summary.failed else ""),
    ]
    for source, reason in summary.failures[:SHOWN_FAILURES]:
        lines.append(f"  {source}: {reason}")
    if len(summary.failures) > SHOWN_FAILURES:
        lines.append(
            f"  ... and {len(summary.failures) - SHOWN_FAILURES} more: "
            "see `dateline query failures`"
        )
    return "\n".join(lines)


@click.command("reanalyze")
@db_option
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Every article, not only those analysed by another version or failed.",
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1))
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reanalyze_command(db: str, everything: bool, workers: int, quiet: bool) -> None:
    """Analyse stored articles again with this version of Dateline, replacing what was
    derived from each one atomically."""
    from dateline.ingest import ReanalyzeSummary, count_outdated, reanalyze

    err = Console(stderr=True)
    with _store(db) as store:
        total = count_outdated(store, everything)
        progress = _progress(err)
        progress.disable = quiet
        task = progress.add_task("reanalyze", total=total)

        def advance(current: ReanalyzeSummary) -> None:
            progress.update(task, completed=current.reanalysed + current.failed)

        with progress:
            summary = reanalyze(store, everything=everything, workers=workers, on_progress=advance)
    click.echo(
        f"Reanalysed {summary.reanalysed} article{'s' * (summary.reanalysed != 1)}, "
        f"failed {summary.failed}"
    )
    for source, reason in summary.failures[:SHOWN_FAILURES]:
        click.echo(f"  {source}: {reason}")


@click.group("query")
def query_group() -> None:
    """Ask the corpus the common questions, without SQL (a table, or --json)."""


json_option = click.option("--json", "as_json", is_flag=True, help="JSON lines, one per row.")
limit_option = click.option("--limit", type=click.IntRange(1), help="At most this many rows.")


def _emit(records: list[Any], as_json: bool, columns: list[str], title: str) -> None:
    if as_json:
        for record in records:
            data = record if isinstance(record, dict) else record.to_dict()
            click.echo(json.dumps(data, ensure_ascii=False))
        return
    console = Console()
    table = Table(title=f"{title} ({len(records)})")
    for column in columns:
        table.add_column(column, overflow="fold")
    for record in records:
        data = record if isinstance(record, dict) else record.to_dict()
        table.add_row(*("" if data.get(c) is None else str(data.get(c)) for c in columns))
    console.print(table)


@query_group.command("quotes")
@click.option("--speaker", help="Part of the speaker's name, e.g. Stoltenberg.")
@limit_option
@json_option
@db_option
def query_quotes(speaker: str | None, limit: int | None, as_json: bool, db: str) -> None:
    """Quotes, with their speaker and article."""
    from dateline.store.queries import find_quotes

    with _store(db) as store:
        records = find_quotes(store, speaker=speaker, limit=limit)
    _emit(records, as_json, ["published", "speaker", "text", "url", "article_id"], "Quotes")


@query_group.command("events")
@click.option("--type", "type_", help="PLOVER event type, e.g. SANCTION.")
@click.option("--actor", help="Who acts: a name, a country, or an actor code.")
@click.option("--target", help="Whom it is done to: a name, a country, or an actor code.")
@click.option("--from", "date_from", help="On or after this date (ISO, e.g. 2022-03-01).")
@click.option("--to", "date_to", help="On or before this date.")
@limit_option
@json_option
@db_option
def query_events(
    type_: str | None,
    actor: str | None,
    target: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    as_json: bool,
    db: str,
) -> None:
    """Events: who did what to whom, when (the event's date, else the article's)."""
    from dateline.store.queries import find_events

    start, end = parse_date(date_from), parse_date(date_to)
    with _store(db) as store:
        records = find_events(
            store, type=type_, actor=actor, target=target, date_from=start, date_to=end, limit=limit
        )
    _emit(records, as_json, ["date", "type", "actor", "target", "evidence", "url"], "Events")


@query_group.command("entities")
@click.option("--top", default=20, show_default=True, type=click.IntRange(1))
@click.option("--kind", type=click.Choice(["person", "organisation", "country", "place", "group"]))
@json_option
@db_option
def query_entities(top: int, kind: str | None, as_json: bool, db: str) -> None:
    """The entities found in the most stories (copies of one wire story count once)."""
    from dateline.store.queries import top_entities

    with _store(db) as store:
        records = top_entities(store, n=top, kind=kind)
    _emit(
        records, as_json, ["name", "kind", "kb_id", "stories", "articles", "mentions"], "Entities"
    )


@query_group.command("failures")
@json_option
@db_option
def query_failures(as_json: bool, db: str) -> None:
    """Inputs that could not be ingested, and articles whose analysis failed, with why."""
    with _store(db) as store:
        records = store.failures()
    _emit(records, as_json, ["source", "stage", "reason"], "Failures")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]),
    required=True,
    help="jsonl: analysed articles; csv/parquet: tables; "
    "gdelt: a GDELT 2.0-style event table (tab-separated).",
)
@click.option(
    "--table",
    help="csv/parquet: one table (articles, entities, mentions, quotes, "
    "events, places, times, failures); without it every table goes into a folder.",
)
@click.option(
    "--output", "-o", help="File to write ('-': standard output), or the folder for every table."
)
@click.option(
    "--header/--no-header",
    default=True,
    show_default=True,
    help="gdelt: a first line naming the columns (GDELT's own files have none).",
)
@db_option
def export_command(fmt: str, table: str | None, output: str | None, header: bool, db: str) -> None:
    """Write the corpus out for other tools (pandas, DuckDB, GDELT readers)."""
    from dateline.store import export

    with _store(db) as store:
        if fmt in ("csv", "parquet") and table is None:
            if output in (None, "-"):
                raise click.UsageError(f"--format {fmt} without --table needs --output FOLDER")
            counts = export.export_tables(store, fmt, Path(output))
            click.echo(", ".join(f"{name}: {n}" for name, n in counts.items()), err=True)
            return
        if fmt == "parquet":
            if output in (None, "-"):
                raise click.UsageError("--format parquet needs --output FILE")
            count = export.export_parquet(store, table or "articles", Path(output))
        else:
            with _output(output) as out:
                if fmt == "jsonl":
                    count = export.export_jsonl(store, out)
                elif fmt == "gdelt":
                    count = export.export_gdelt(store, out, header=header)
                else:
                    count = export.export_csv(store, table or "articles", out)
        click.echo(f"wrote {count} rows", err=True)


@contextmanager
def _output(path: str | None) -> Iterator[Any]:
    if path in (None, "-"):
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


COMMANDS = (ingest_command, reanalyze_command, query_group, export_command)


def add_store_commands(group: click.Group) -> None:
    """Register ``ingest``, ``reanalyze``, ``query`` and ``export`` on the ``dateline`` group."""
    for command in COMMANDS:
        group.add_command(command)
