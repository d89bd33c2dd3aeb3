"""Learn the corpus part of the cue lexicon from PolNeAR train (``dateline eval build-cues``).

For every candidate frame the parse offers (:func:`~dateline.quotes_model.frames.candidate_frames`)
we ask: did PolNeAR's annotators mark an attribution with this cue and (Jaccard >= 0.5)
this content? Counting, per (phrase, relation), how often it was offered (``seen``)
and how often it was right (``hits``) gives the table ``lexicons/cues_polnear.tsv``.
Only lemmas, relations and counts are stored: no text of the corpus.

Reproduce: ``dateline eval build-cues ../shared/data/polnear/train`` (about two minutes
on one CPU core, most of it the spaCy parse).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dateline.quotes_model.cues import LEARNED_FILE, MIN_SEEN
from dateline.quotes_model.frames import Frame, candidate_frames

Ranges = tuple[tuple[int, int], ...]


def token_ranges(draft: Any, tokens: Sequence[int]) -> Ranges:
    """Original-text character ranges of runs of consecutive tokens."""
    doc = draft.doc
    runs: list[list[int]] = []
    for i in tokens:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    ranges: list[tuple[int, int]] = []
    for run in runs:
        last = doc[run[-1]]
        span = draft.span(doc[run[0]].idx, last.idx + len(last))
        if span.end > span.start:
            ranges.append((span.start, span.end))
    return tuple(ranges)


def _chars(ranges: Ranges) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def label_frames(draft: Any, gold: Iterable[Any]) -> list[tuple[Frame, bool]]:
    """Each candidate frame of the draft the stage would consider, and whether PolNeAR has it.

    Frames wholly inside a quotation are left out, as the stage leaves them out.
    """
    from dateline.stages.quotes import quoted_frame_filter

    golds = [(g, _chars(g.content)) for g in gold]
    labelled = []
    keep = quoted_frame_filter(draft)
    for frame in candidate_frames(draft.doc):
        if not keep(frame):
            continue
        content = _chars(token_ranges(draft, frame.content))
        cue = token_ranges(draft, frame.cue)
        hit = False
        for g, g_chars in golds:
            if not any(s1 < e2 and s2 < e1 for s1, e1 in cue for s2, e2 in g.cue):
                continue
            if content and len(content & g_chars) / len(content | g_chars) >= 0.5:
                hit = True
                break
        labelled.append((frame, hit))
    return labelled


def count_frames(
    drafts_and_gold: Iterable[tuple[Any, Iterable[Any]]],
) -> dict[tuple[str, str], list[int]]:
    """(phrase, relation) -> [seen, hits] over a corpus."""
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for draft, gold in drafts_and_gold:
        for frame, hit in label_frames(draft, gold):
            key = (frame.phrase, frame.relation)
            seen[key] += 1
            hits[key] += hit
    return {key: [seen[key], hits[key]] for key in seen}


def parsed_drafts(docs: Sequence[Any]) -> Iterable[Any]:
    """Drafts of the corpus documents, normalised and parsed as the pipeline does."""
    from dateline.draft import Draft
    from dateline.model import Article
    from dateline.pipeline import BEFORE_PARSE
    from dateline.stages.nlp import load_nlp, read_language

    nlp = load_nlp()
    drafts = []
    for doc in docs:
        draft = Draft(Article(text=doc.text, source=doc.name))
        for stage in BEFORE_PARSE:
            draft = stage(draft)
        drafts.append(draft)
    for draft, spacy_doc in zip(drafts, nlp.pipe([d.clean for d in drafts], batch_size=32),
                                 strict=True):
        yield read_language(draft, spacy_doc)


def learn_cues(folder: str | Path) -> tuple[int, list[tuple[str, str, int, int]]]:
    """Count every candidate frame of a PolNeAR folder against its annotations.

    Returns the number of articles and the rows kept: (phrase, relation, seen, hits)
    for pairs seen at least ``MIN_SEEN`` times with at least one hit.
    """
    from dateline.eval.polnear import read_corpus

    docs = read_corpus(folder)
    counts = count_frames(
        (draft, doc.attributions) for draft, doc in zip(parsed_drafts(docs), docs, strict=True)
    )
    return len(docs), select_rows(counts)


def select_rows(counts: dict[tuple[str, str], list[int]]) -> list[tuple[str, str, int, int]]:
    from dateline.quotes_model.cues import read_lexicon

    hand = read_lexicon(learned=False).cues
    rows = []
    for (phrase, relation), (seen, hits) in sorted(counts.items()):
        if seen >= MIN_SEEN and (hits > 0 or phrase in hand):
            rows.append((phrase, relation, seen, hits))
    return rows


def write_learned(rows: Sequence[tuple[str, str, int, int]], out: str | None = None) -> Path:
    """Write the learned table (default: the shipped ``lexicons/cues_polnear.tsv``)."""
    path = Path(out) if out else Path(__file__).resolve().parent.parent / "lexicons" / LEARNED_FILE
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(
            "# Learned from PolNeAR train by `dateline eval build-cues` (see README.md).\n"
            "# seen: times the parse offered (phrase, relation); hits: times annotators agreed.\n"
        )
        handle.write("phrase\trelation\tseen\thits\n")
        for phrase, relation, seen, hits in rows:
            handle.write(f"{phrase}\t{relation}\t{seen}\t{hits}\n")
    return path
