"""Cost of the entities stage against the spaCy parse, and of the knowledge base itself.

Usage: python benchmarks/linking.py [FOLDER] [--limit N]

FOLDER holds .txt articles (default: ../shared/data/polnear/dev/text). In one run and
on the same documents it times: loading the knowledge base (fresh process state), the
spaCy parse (`nlp.pipe` over the clean texts), and `resolve_entities` over the parsed
drafts; it prints the stage time as a share of the parse time (target: 15% or less)
and the memory the knowledge base adds (target: 300 MB or less).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_KB_PROBE = """
import json, time
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
import dateline.model, dateline.errors  # what every caller has loaded already
before = rss()
started = time.perf_counter()
from dateline.kb.lookup import load_kb
kb = load_kb()
for name in ('Georgia', 'Jens Stoltenberg', 'Kiev', 'NATO', 'Moscow'):
    kb.link(kb.lookup(name)[0].id, '2022-03-04')
elapsed = time.perf_counter() - started
# a large working set: 20,000 distinct aliases looked up and cached
for (alias,) in kb._query('SELECT DISTINCT alias FROM alias LIMIT 20000'):
    kb.candidates(alias)
print(json.dumps([elapsed, rss() - before]))
"""


def measure_kb() -> tuple[float, float]:
    """Load time (import, open, first lookups) and RSS added, in a fresh process."""
    import json
    import subprocess

    out = subprocess.run([sys.executable, "-c", _KB_PROBE], capture_output=True, text=True,
                         check=True)
    elapsed, memory = json.loads(out.stdout.strip().splitlines()[-1])
    return float(elapsed), float(memory)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="../shared/data/polnear/dev/text")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="entity-stage passes (best kept)")
    args = parser.parse_args()
    paths = sorted(Path(args.folder).glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        sys.exit(f"no .txt files in {args.folder}")

    from dateline.draft import Draft
    from dateline.pipeline import _prepare, as_article
    from dateline.stages.nlp import load_nlp

    kb_load, kb_memory = measure_kb()
    nlp = load_nlp()

    drafts: list[Draft] = [_prepare(as_article(p.read_text(encoding="utf-8"))) for p in paths]
    words = sum(len(d.clean.split()) for d in drafts)
    started = time.perf_counter()
    docs = list(nlp.pipe([d.clean for d in drafts], batch_size=32))
    parse = time.perf_counter() - started

    from dateline.stages.entities import resolve_entities
    from dateline.stages.nlp import read_language

    best = float("inf")
    for _ in range(args.repeat):
        prepared = []
        for path, doc in zip(paths, docs, strict=True):
            draft = _prepare(as_article(path.read_text(encoding="utf-8")))
            prepared.append(read_language(draft, doc))
        started = time.perf_counter()
        for draft in prepared:
            resolve_entities(draft)
        best = min(best, time.perf_counter() - started)
    entities = sum(len(d.article.entities) for d in prepared)
    after_all = rss_mb()

    print(f"{len(paths)} articles, {words:,} words, {entities:,} entities")
    print(f"knowledge base (fresh process): open + first lookups {kb_load * 1000:.0f} ms, "
          f"+{kb_memory:.0f} MB RSS after 20,000 cached lookups;"
          f" this process {after_all:.0f} MB after the run")
    print(f"spaCy parse (nlp.pipe):   {parse:.2f} s  ({words / parse:,.0f} words/s)")
    print(f"entities stage (best of {args.repeat}): {best:.2f} s  ({words / best:,.0f} words/s)")
    print(f"entities / parse: {best / parse:.1%}  (target <= 15%)")


if __name__ == "__main__":
    main()
