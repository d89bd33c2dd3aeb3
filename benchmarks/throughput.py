"""Throughput of ``dateline.pipe`` against bare spaCy ``nlp.pipe`` on the same documents.

Both run in this process, one after the other, on the same texts, so the ratio
is comparable across machines even when the absolute figures are not.

    python benchmarks/throughput.py [--limit N] [--n-process N] [--repeat R]

Documents: the PolNeAR dev texts in ../shared/data/polnear/dev/text (84 news
articles), else the reference article repeated.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
EXAMPLE = ROOT.parent / "shared" / "examples" / "nato-no-fly-zone.txt"


def documents(limit: int | None) -> list[str]:
    if POLNEAR_DEV.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))]
    else:
        texts = [EXAMPLE.read_text(encoding="utf-8")] * 50
    return texts[:limit] if limit else texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="best of R runs")
    args = parser.parse_args()

    import dateline
    from dateline.stages.nlp import load_nlp

    texts = documents(args.limit)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # warm up both
    list(dateline.pipe(texts[:2]))

    spacy_s = best_of(args.repeat, lambda: list(nlp.pipe(texts, n_process=args.n_process)))
    dateline_s = best_of(
        args.repeat, lambda: list(dateline.pipe(texts, n_process=args.n_process, errors="skip"))
    )
    print(f"documents: {len(texts)} ({words:,} words), n_process={args.n_process}")
    print(f"{'':12}{'articles/s':>12}{'words/s':>12}")
    for name, seconds in (("spaCy", spacy_s), ("Dateline", dateline_s)):
        print(f"{name:12}{len(texts) / seconds:12.1f}{words / seconds:12.0f}")
    print(f"Dateline / spaCy throughput ratio: {spacy_s / dateline_s:.2f}")
    print(f"Dateline time over spaCy parse: +{(dateline_s / spacy_s - 1) * 100:.0f}%")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
