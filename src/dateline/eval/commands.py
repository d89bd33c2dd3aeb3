"""``dateline eval ...``: measure Dateline on annotated corpora.

Each subcommand reads a corpus folder, calls one function of its module and
prints the figures; ``from dateline.eval.commands import eval_group`` is the
group that ``dateline.cli`` registers.
"""

from __future__ import annotations

import json
import time

import click


@click.group("eval")
def eval_group() -> None:
    """Measure Dateline on annotated corpora (figures comparable across tools)."""


@eval_group.command("polnear")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--predictions", "predictions_path", type=click.Path(dir_okay=False, writable=True),
              help="Write Dateline's attributions here, one JSON line per article.")
@click.option("--limit", type=int, help="Only the first N articles (sorted by name).")
@click.option("--no-baseline", is_flag=True, help="Skip textacy's direct_quotations baseline.")
def polnear(
    folder: str, predictions_path: str | None, limit: int | None, no_baseline: bool
) -> None:
    """Score attributions on a PolNeAR-format FOLDER (text/ and attributions/ inside).

    Prints precision, recall, F1, source accuracy, end-to-end F1 and direct-quote
    recall as defined in PolNeAR's EVAL.md, for Dateline and, in the same run and on
    the same spaCy documents, for textacy 0.13 direct_quotations.
    """
    from dateline.eval.polnear import analyse_corpus, format_table, prediction_record, read_corpus

    started = time.perf_counter()
    docs = read_corpus(folder, limit=limit)
    run = analyse_corpus(docs, baseline=not no_baseline)
    ours, baseline = run.scores()
    if predictions_path:
        with open(predictions_path, "w", encoding="utf-8") as out:
            for doc, predicted in zip(run.docs, run.dateline, strict=True):
                out.write(json.dumps(prediction_record(doc, predicted)) + "\n")
    title = f"PolNeAR {folder}: {len(docs)} articles, {ours.gold} gold attributions"
    click.echo(format_table(ours, None if no_baseline else baseline, title=title))
    for failure in run.failures:
        click.echo(f"warning: a stage failed, the article was scored without it: {failure}",
                   err=True)
    click.echo(f"({time.perf_counter() - started:.0f} s)")


@eval_group.command("build-cues")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--out", type=click.Path(dir_okay=False, writable=True),
              help="Where to write the learned cue table (default: the shipped one).")
def build_cues(folder: str, out: str | None) -> None:
    """Learn the corpus part of the cue lexicon from a PolNeAR training FOLDER.

    Counts, for every verb lemma, how often PolNeAR's annotators marked it as a
    cue and how often it occurs at all; keeps the reliable ones. Writes
    lexicons/cues_polnear.tsv (or --out).
    """
    from dateline.quotes_model.learn import learn_cues, write_learned

    docs_count, rows = learn_cues(folder)
    path = write_learned(rows, out)
    click.echo(f"{len(rows)} cue lemmas learned from {docs_count} articles: {path}")


from dateline.eval.events_command import events_command  # noqa: E402  (events helper)

eval_group.add_command(events_command)


@eval_group.command("linking")
@click.option("--gold", default="eval-data/linking/gold.jsonl", show_default=True,
              type=click.Path(dir_okay=False), help="Gold mentions (JSONL).")
@click.option("--texts", default="../shared/data/polnear/dev/text", show_default=True,
              type=click.Path(file_okay=False), help="Folder holding the annotated texts.")
@click.option("--errors", "show_errors", is_flag=True, help="List every wrong prediction.")
def linking(gold: str, texts: str, show_errors: bool) -> None:
    """Linking accuracy of the entities stage on a hand-annotated gold set."""
    from pathlib import Path

    from dateline.eval.linking import evaluate

    started = time.perf_counter()
    score = evaluate(Path(gold), Path(texts))
    for line in score.lines():
        click.echo(line)
    if show_errors:
        for doc, text, expected, got in score.errors:
            click.echo(f"  {doc[:40]:40s} {text!r}: "
                       f"expected {expected or 'NIL'}, got {got or 'NIL'}")
    click.echo(f"({time.perf_counter() - started:.0f} s)")
