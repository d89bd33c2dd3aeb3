"""``dateline eval events GOLD``: score coded events against gold files (dateline.eval.events)."""

from __future__ import annotations

import json
import time

import click


@click.command("events")
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--errors", "show_errors", is_flag=True, help="List missed, mistyped and spurious events."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the figures as one JSON object per file."
)
@click.option(
    "--plover-only",
    is_flag=True,
    help="Ignore the items' CAMEO convention (intentions as AGREE/THREATEN).",
)
def events_command(
    gold: tuple[str, ...], show_errors: bool, as_json: bool, plover_only: bool
) -> None:
    """Score Dateline's events on GOLD files (JSON Lines, eval-data/events/README.md).

    Prints (actor, type, target) precision and recall, type accuracy on aligned
    events, and mode and source accuracy where the gold codes them.
    """
    from dateline.eval.events import format_scores, run_gold

    for path in gold:
        started = time.perf_counter()
        scores, rows = run_gold(path, conventions=not plover_only)
        if as_json:
            click.echo(json.dumps({"file": path, **scores.as_dict()}))
            continue
        click.echo(format_scores(scores, f"{path}"))
        click.echo(f"  ({time.perf_counter() - started:.1f} s)")
        if show_errors:
            for row in rows:
                if row["result"] != "correct":
                    click.echo(f"    {row}")
