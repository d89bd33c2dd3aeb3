"""The ``dateline`` command line: each command calls one library function.

Errors that Dateline raises on purpose become one line on stderr naming the
file and the problem, and exit code 2; never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from dateline.errors import DatelineError, OptionError, ResourceError
from dateline.inputs import Document, read_paths
from dateline.model import Article
from dateline.pipeline import Failure, parse_date, pipe


class DatelineGroup(click.Group):
    """A click group that turns a DatelineError into one clear line and exit code 2."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            click.echo(f"dateline: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=DatelineGroup)
@click.version_option(package_name="dateline")
def main() -> None:
    """Dateline reads news and writes down, with proof, who said what, who did what to
    whom, where and when."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (ISO, e.g. 2022-03-04): anchors 'this Friday'.")
@click.option("--title", help="The article's title.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object (one document only).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object per document, per line.")
@click.option("--n-process", default=1, show_default=True, help="Worker processes.")
@click.option(
    "--dask-scheduler",
    metavar="ADDRESS",
    help="Run the analysis on an existing Dask cluster (e.g. tcp://host:8786); "
    "needs pip install 'dateline[dask]'.",
)
def analyze(
    paths: tuple[str, ...],
    published: str | None,
    title: str | None,
    as_json: bool,
    as_jsonl: bool,
    n_process: int,
    dask_scheduler: str | None,
) -> None:
    """Analyse articles: files, directories (every .txt/.html inside) or - for stdin.

    Prints a readable report by default; --json or --jsonl for machines.
    """
    from dateline.report import render_report

    if as_json and as_jsonl:
        raise click.UsageError("choose one of --json and --jsonl")
    try:
        anchor = parse_date(published)  # a wrong date fails here, before any work
    except DatelineError as exc:
        raise DatelineError(f"--published: {exc}") from exc
    documents: list[Document] = []
    failed = 0
    for item in read_paths(paths, stdin=sys.stdin):
        if isinstance(item, Failure):
            click.echo(f"dateline: error: {item.source}: {item.error}", err=True)
            failed += 1
        else:
            documents.append(item)
    if as_json and len(documents) > 1:
        raise click.UsageError(
            f"--json prints one document but {len(documents)} were given; use --jsonl"
        )
    records = (
        {
            "text": d.text,
            "title": d.title or title,
            "source": d.source,
            "url": d.url,
            "published": d.published or anchor,
        }
        for d in documents
    )
    ok = 0
    if dask_scheduler:
        results = _on_dask(records, dask_scheduler)
    else:
        results = pipe(records, n_process=n_process, errors="return")
    for result in results:
        if isinstance(result, Failure):
            click.echo(f"dateline: error: {result.source}: {result.error}", err=True)
            failed += 1
            continue
        ok += 1
        if as_jsonl:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            render_report(result)
    if failed:
        sys.exit(2)


def _on_dask(records: Iterable[dict[str, Any]], address: str) -> Iterator[Article | Failure]:
    """Results of the analysis on the Dask cluster at ``address``."""
    from dateline.scale.dask import pipe_distributed

    try:
        from distributed import Client
    except ImportError as exc:
        raise ResourceError(
            "Dask is not installed; install it with: pip install 'dateline[dask]'"
        ) from exc
    try:
        client = Client(address, timeout=10)
    except OSError as exc:
        raise OptionError(f"--dask-scheduler: cannot reach {address}: {exc}") from exc
    with client:
        yield from pipe_distributed(records, client)


# --- command registrations --- (one line per command group; keep this block at the end)
from dateline.store.commands import add_store_commands  # noqa: E402  (ingest, reanalyze, query, export)

add_store_commands(main)
from dateline.kb.commands import kb_group  # noqa: E402  (kb build, kb import, kb lookup)

main.add_command(kb_group)
from dateline.serve.commands import serve_command  # noqa: E402  (serve)

main.add_command(serve_command)
from dateline.eval.commands import eval_group  # noqa: E402  (eval)

main.add_command(eval_group)
