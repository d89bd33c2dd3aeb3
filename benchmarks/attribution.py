"""How much attribution (the quotes stage) adds to the spaCy parse it runs on.

    python benchmarks/attribution.py [FOLDER] [--repeat N]

FOLDER holds .txt articles, or is a PolNeAR folder (its text/ is read); without it,
PolNeAR dev from ../shared/data/polnear/dev, else the reference article repeated.
Both timings come from the same run on the same documents: the parse
(``nlp.pipe`` over the clean texts) and ``extract_quotes`` over the parsed drafts
(entities resolved first, untimed, as in the pipeline). Target: ratio <= 0.25.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "polnear" / "dev"
EXAMPLE = ROOT.parent / "shared" / "examples" / "nato-no-fly-zone.txt"


def load_texts(folder: Path | None) -> list[str]:
    if folder is None:
        folder = DEFAULT if DEFAULT.is_dir() else None
    if folder is None:
        return [EXAMPLE.read_text(encoding="utf-8")] * 50
    texts_dir = folder / "text" if (folder / "text").is_dir() else folder
    return [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="time the quotes stage N times")
    args = parser.parse_args()

    from dateline.draft import Draft
    from dateline.model import Article
    from dateline.pipeline import BEFORE_PARSE
    from dateline.stages.entities import resolve_entities
    from dateline.stages.nlp import load_nlp, read_language
    from dateline.stages.quotes import extract_quotes

    texts = load_texts(args.folder)
    nlp = load_nlp()
    drafts = []
    for text in texts:
        draft = Draft(Article(text=text))
        for stage in BEFORE_PARSE:
            draft = stage(draft)
        drafts.append(draft)
    nlp("warm up the model")

    started = time.perf_counter()
    docs = list(nlp.pipe([d.clean for d in drafts], batch_size=32))
    parse_s = time.perf_counter() - started

    for draft, doc in zip(drafts, docs, strict=True):
        read_language(draft, doc)
        resolve_entities(draft)

    quote_runs = []
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        for draft in drafts:
            draft.article.quotes = []
            extract_quotes(draft)
        quote_runs.append(time.perf_counter() - started)
    quotes_s = min(quote_runs)

    words = sum(len(t.split()) for t in texts)
    quotes = sum(len(d.article.quotes) for d in drafts)
    print(f"{len(texts)} articles, {words:,} words, {quotes:,} quotes found")
    print(f"spaCy parse      {parse_s:8.2f} s  ({words / parse_s:,.0f} words/s)")
    print(f"extract_quotes   {quotes_s:8.2f} s  (best of {len(quote_runs)})")
    ratio = quotes_s / parse_s
    print(f"ratio            {ratio:8.3f}  "
          f"(attribution adds {ratio:.0%} to the parse; target <= 25%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
