"""Ingest throughput and peak memory, beside bare spaCy on the same texts, in one run.

    python benchmarks/ingest.py                 # all PolNeAR train+dev texts (924)
    python benchmarks/ingest.py --limit 200     # a quick run

Measures, each in a fresh process (so that peak memory is its own):

- bare spaCy: ``nlp.pipe(texts, n_process=1)`` and ``n_process=2`` (model loaded before
  the clock starts);
- ``dateline ingest`` into a new SQLite database with ``--workers 1`` and ``2``:
  reading the files, the whole pipeline, near-duplicate detection and the writes
  (model loaded before the clock starts).

and prints articles/s, peak RSS, and the two ratios the issue sets targets for:
the 2-worker speed-up of the ingest over spaCy's own speed-up (target ≥ 90%), and
ingest throughput over bare spaCy throughput (target ≥ 70%).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def corpus(limit: int | None) -> list[Path]:
    paths = sorted(POLNEAR.glob("*/text/*.txt"))
    if not paths:
        sys.exit(f"no PolNeAR texts under {POLNEAR}: put ../shared beside the repository")
    return paths[:limit] if limit else paths


def _peak_mib() -> dict[str, float]:
    self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_mib": self_kib / 1024, "peak_child_mib": child_kib / 1024}


def run_spacy(paths: list[Path], n_process: int, batch_size: int) -> dict[str, float]:
    from dateline.stages.nlp import load_nlp

    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = load_nlp()
    start = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    seconds = time.perf_counter() - start
    return {"articles": count, "seconds": seconds, **_peak_mib()}


def run_ingest(paths: list[Path], workers: int, batch_size: int) -> dict[str, float]:
    from dateline.corpora import read_corpus
    from dateline.ingest import ingest
    from dateline.stages.nlp import load_nlp
    from dateline.store import open_store

    load_nlp()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "bench.db"))
        start = time.perf_counter()
        summary = ingest(
            store,
            read_corpus([str(p) for p in paths]),
            workers=workers,
            published_from="filename",
            batch_size=batch_size,
        )
        seconds = time.perf_counter() - start
        store.close()
    return {
        "articles": summary.ingested,
        "failed": summary.failed,
        "seconds": seconds,
        **_peak_mib(),
    }


def measure(kind: str, n: int, limit: int | None, batch_size: int) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and return its figures."""
    command = [sys.executable, __file__, "--one", kind, str(n), "--batch-size", str(batch_size)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{kind} with {n} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N texts (sorted by path)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure each setting this many times, interleaved; keep the best "
        "(on a shared machine, the least disturbed)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, n = args.one[0], int(args.one[1])
        paths = corpus(args.limit)
        run = run_spacy if kind == "spacy" else run_ingest
        print(json.dumps(run(paths, n, args.batch_size)))
        return

    count = len(corpus(args.limit))
    print(
        f"{count} PolNeAR texts, {os.cpu_count()} CPUs, batch size {args.batch_size}, "
        f"best of {args.rounds} round(s); load average before: {os.getloadavg()[0]:.1f}"
    )
    figures: dict[str, dict[str, float]] = {}
    settings = (("spacy", 1), ("ingest", 1), ("spacy", 2), ("ingest", 2))
    for _ in range(args.rounds):
        for kind, n in settings:
            result = measure(kind, n, args.limit, args.batch_size)
            result["rate"] = result["articles"] / result["seconds"]
            best = figures.get(f"{kind}{n}")
            if best is None or result["rate"] > best["rate"]:
                figures[f"{kind}{n}"] = result
    for kind, n in settings:
        result = figures[f"{kind}{n}"]
        label = f"bare spaCy n_process={n}" if kind == "spacy" else f"ingest --workers {n}"
        print(
            f"  {label:<24} {result['rate']:7.1f} articles/s  {result['seconds']:7.1f} s  "
            f"peak {result['peak_mib']:6.0f} MiB (largest worker {result['peak_child_mib']:.0f})"
            + (f"  failed {result['failed']:.0f}" if kind == "ingest" else "")
        )
    spacy_speedup = figures["spacy2"]["rate"] / figures["spacy1"]["rate"]
    ingest_speedup = figures["ingest2"]["rate"] / figures["ingest1"]["rate"]
    share1 = figures["ingest1"]["rate"] / figures["spacy1"]["rate"]
    share2 = figures["ingest2"]["rate"] / figures["spacy2"]["rate"]
    print(
        f"speed-up 2 over 1: spaCy {spacy_speedup:.2f}x, ingest {ingest_speedup:.2f}x "
        f"-> {ingest_speedup / spacy_speedup:.0%} of spaCy's (target >= 90%)"
    )
    print(
        f"ingest throughput / bare spaCy: {share1:.0%} with 1 process, {share2:.0%} with 2 "
        "(target >= 70%)"
    )
    if args.json:
        print(
            json.dumps(
                {
                    "figures": figures,
                    "spacy_speedup": spacy_speedup,
                    "ingest_speedup": ingest_speedup,
                    "share1": share1,
                    "share2": share2,
                }
            )
        )


if __name__ == "__main__":
    main()
