"""Time of ``code_events`` against the spaCy parse of the same documents, in one run.

    python benchmarks/events.py [--limit N] [--repeat R]

Documents: the PolNeAR dev texts in ../shared/data/polnear/dev/text (84 news articles),
else the reference article repeated. Each document is prepared and parsed once (the
parse is timed), the stages before events are run untimed, then ``code_events`` is
timed on the same drafts. The issue's target: events add at most 25% to the parse.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import time

from throughput import documents  # the same documents as the whole-pipeline benchmark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument(
        "--repeat", type=int, default=3, help="time code_events R times, keep the best"
    )
    args = parser.parse_args()

    from dateline.draft import Draft
    from dateline.model import Article
    from dateline.pipeline import AFTER_PARSE, BEFORE_PARSE
    from dateline.stages.events import code_events
    from dateline.stages.nlp import load_nlp, read_language

    nlp = load_nlp()
    nlp("warm up the model before the clock starts")
    texts = documents(args.limit)
    drafts = []
    for text in texts:
        draft = Draft(Article(text=text, published=dt.date(2016, 9, 20)))
        for stage in BEFORE_PARSE:
            draft = stage(draft)
        drafts.append(draft)

    started = time.perf_counter()
    docs = list(nlp.pipe([d.clean for d in drafts], batch_size=32))
    parse_s = time.perf_counter() - started

    ready = []
    for draft, doc in zip(drafts, docs, strict=True):
        draft = read_language(draft, doc)
        for stage in AFTER_PARSE:
            if stage is code_events:
                break
            draft = stage(draft)
        ready.append(draft)

    best = float("inf")
    events = 0
    for _ in range(args.repeat):
        copies = [copy.copy(d) for d in ready]
        started = time.perf_counter()
        events = sum(len(code_events(d).article.events) for d in copies)
        best = min(best, time.perf_counter() - started)

    words = sum(len(doc) for doc in docs)
    print(f"{len(texts)} documents, {words:,} tokens, {events} events")
    print(f"spaCy parse (nlp.pipe, en_core_web_sm): {parse_s:8.3f} s")
    print(f"code_events (best of {args.repeat}):        {best:8.3f} s")
    print(f"ratio code_events / parse:            {best / parse_s:8.1%}  (target <= 25%)")


if __name__ == "__main__":
    main()
