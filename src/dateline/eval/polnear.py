"""Scoring attributions against PolNeAR, exactly as ``shared/data/polnear/EVAL.md`` defines.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates every attribution of
a news article with its Source, Cue and Content, as brat standoff files::

    folder/text/NAME.txt
    folder/attributions/NAME_ANNOTATOR.ann

The figures:

* a predicted attribution matches a gold one when the character sets of their
  contents have Jaccard overlap >= 0.5; matching is one-to-one, greedy from the
  largest overlap;
* precision = matched / predicted, recall = matched / gold, F1;
* source accuracy: over matched pairs whose gold attribution has a Source, the
  share where the predicted speaker mention overlaps the gold Source by at
  least one character;
* end-to-end F1 = F1 x source accuracy;
* direct-quote recall: recall over the gold attributions whose content holds a
  (double) quotation mark.

The same scorer measures Dateline and, as the baseline, textacy's
``direct_quotations`` run on the very same spaCy documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import InputError

Ranges = tuple[tuple[int, int], ...]

#: A gold content "contains a quotation mark" when it holds one of these.
#: Single marks are left out: ’ is also the apostrophe.
DOUBLE_QUOTES = frozenset('"“”„«»')

#: Jaccard overlap of contents at or above which two attributions match.
MATCH_JACCARD = 0.5

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution, gold or predicted: character ranges of its three parts."""

    content: Ranges
    source: Ranges = ()
    cue: Ranges = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": [list(r) for r in self.content],
            "source": [list(r) for r in self.source],
            "cue": [list(r) for r in self.cue],
        }


@dataclass(slots=True)
class GoldDocument:
    """One PolNeAR article and its annotated attributions."""

    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Scores:
    """The figures of EVAL.md for one system over one corpus."""

    predicted: int
    gold: int
    matched: int
    sourced: int  # matched pairs whose gold attribution has a Source
    source_correct: int
    direct_gold: int
    direct_matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_correct / self.sourced if self.sourced else 0.0

    @property
    def end_to_end(self) -> float:
        return self.f1 * self.source_accuracy

    @property
    def direct_recall(self) -> float:
        return self.direct_matched / self.direct_gold if self.direct_gold else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "source_accuracy": self.source_accuracy,
            "end_to_end_f1": self.end_to_end,
            "direct_quote_recall": self.direct_recall,
        }

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(a + b for a, b in zip(_counts(self), _counts(other), strict=True)))


def _counts(s: Scores) -> tuple[int, ...]:
    return (s.predicted, s.gold, s.matched, s.sourced, s.source_correct, s.direct_gold,
            s.direct_matched)


EMPTY = Scores(0, 0, 0, 0, 0, 0, 0)


# --- reading the corpus ------------------------------------------------------------------


def _ranges(text: str) -> Ranges:
    pairs = []
    for piece in text.split(";"):
        start, end = piece.split()
        pairs.append((int(start), int(end)))
    return tuple(pairs)


def read_annotations(ann: str) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file (``E`` lines with a Content)."""
    bounds: dict[str, Ranges] = {}
    events: list[str] = []
    for line in ann.splitlines():
        if m := _TEXT_BOUND.match(line):
            bounds[m.group(1)] = _ranges(m.group(3))
        elif m := _EVENT.match(line):
            events.append(m.group(2))
    attributions = []
    for event in events:
        parts: dict[str, list[tuple[int, int]]] = {"content": [], "source": [], "cue": []}
        for arg in event.split():
            role, _, ref = arg.partition(":")
            if ref not in bounds:
                continue
            if role.startswith("Content"):
                parts["content"].extend(bounds[ref])
            elif role.startswith("Source"):
                parts["source"].extend(bounds[ref])
            elif role.startswith("Cue"):
                parts["cue"].extend(bounds[ref])
        if parts["content"]:
            attributions.append(Attribution(
                tuple(sorted(parts["content"])), tuple(sorted(parts["source"])),
                tuple(sorted(parts["cue"])),
            ))
    return attributions


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # keep "\r": offsets count it
        return handle.read()


def read_corpus(folder: str | Path, limit: int | None = None) -> list[GoldDocument]:
    """Every annotated article of a PolNeAR-format folder, sorted by name.

    Where an article has several annotators, the first ``.ann`` file in sorted
    order is used.
    """
    root = Path(folder)
    texts, anns = root / "text", root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(
            f"{root} is not a PolNeAR folder: it needs text/ and attributions/ inside "
            "(e.g. ../shared/data/polnear/dev)"
        )
    first: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        first.setdefault(name, ann)
    docs = []
    for name in sorted(first):
        text_path = texts / f"{name}.txt"
        if not text_path.is_file():
            continue
        docs.append(GoldDocument(name, _read(text_path), read_annotations(_read(first[name]))))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# --- scoring -------------------------------------------------------------------------------


def _chars(ranges: Ranges) -> frozenset[int]:
    return frozenset(i for start, end in ranges for i in range(start, end))


def _overlaps(a: Ranges, b: Ranges) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedy from the largest overlap."""
    gold_chars = [_chars(g.content) for g in gold]
    pred_chars = [_chars(p.content) for p in predicted]
    candidates = []
    for i, g in enumerate(gold_chars):
        if not g:
            continue
        lo, hi = min(g), max(g)
        for j, p in enumerate(pred_chars):
            if not p or max(p) < lo or min(p) > hi:
                continue
            common = len(g & p)
            if not common:
                continue
            jaccard = common / len(g | p)
            if jaccard >= MATCH_JACCARD:
                candidates.append((-jaccard, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return pairs


def is_direct(attribution: Attribution, text: str) -> bool:
    """True when the attribution's content holds a double quotation mark."""
    return any(c in DOUBLE_QUOTES for s, e in attribution.content for c in text[s:e])


def score_document(doc: GoldDocument, predicted: Sequence[Attribution]) -> Scores:
    """The counts behind the figures, for one article."""
    pairs = match(doc.attributions, predicted)
    direct = {i for i, g in enumerate(doc.attributions) if is_direct(g, doc.text)}
    sourced = correct = 0
    for i, j in pairs:
        gold_source = doc.attributions[i].source
        if gold_source:
            sourced += 1
            if _overlaps(gold_source, predicted[j].source):
                correct += 1
    return Scores(
        predicted=len(predicted),
        gold=len(doc.attributions),
        matched=len(pairs),
        sourced=sourced,
        source_correct=correct,
        direct_gold=len(direct),
        direct_matched=sum(1 for i, _ in pairs if i in direct),
    )


def score(docs: Iterable[GoldDocument], predictions: Iterable[Sequence[Attribution]]) -> Scores:
    """The counts behind the figures, summed over a corpus (micro-averaged)."""
    total = EMPTY
    for doc, predicted in zip(docs, predictions, strict=True):
        total = total + score_document(doc, predicted)
    return total


# --- systems -------------------------------------------------------------------------------


def _ranges_of(spans: Iterable[Any]) -> Ranges:
    return tuple(sorted((s.start, s.end) for s in spans if s is not None and s.end > s.start))


def dateline_attributions(article: Any) -> list[Attribution]:
    """An analysed :class:`~dateline.model.Article`'s quotes, as attributions.

    A partial quote inside a mixed attribution of the same cue is part of that
    attribution (PolNeAR annotates one attribution per cue and content), so it is
    not counted again.
    """
    result = []
    mixed = [q for q in article.quotes if q.kind == "mixed"]
    for quote in article.quotes:
        if quote.kind == "partial" and any(
            m.cue == quote.cue and m.content.contains(quote.content) for m in mixed
        ):
            continue
        content = _ranges_of(quote.segments) or _ranges_of([quote.content])
        if not content:
            continue
        result.append(Attribution(
            content, _ranges_of([quote.speaker_mention]), _ranges_of([quote.cue])))
    return result


def textacy_attributions(draft: Any) -> list[Attribution]:
    """textacy 0.13 ``direct_quotations`` on the draft's own spaCy Doc (the baseline).

    Its token offsets are in clean-text coordinates: mapped back like Dateline's own.
    """
    from textacy.extract.triples import direct_quotations

    if draft.doc is None:
        return []
    result = []
    try:
        triples = list(direct_quotations(draft.doc))
    except Exception:  # textacy fails on some unbalanced texts: count as nothing found
        return []
    for speaker, cue, content in triples:
        content_span = draft.span(content.start_char, content.end_char)
        speakers = [draft.token_span(t) for t in speaker]
        cues = [draft.token_span(t) for t in cue]
        result.append(Attribution(
            _ranges_of([content_span]), _ranges_of(speakers), _ranges_of(cues)))
    return result


@dataclass(slots=True)
class Run:
    """Both systems' predictions over one corpus, document by document."""

    docs: list[GoldDocument]
    dateline: list[list[Attribution]]
    textacy: list[list[Attribution]]
    failures: list[str] = field(default_factory=list)  # "NAME: stage: error"

    def scores(self) -> tuple[Scores, Scores]:
        return score(self.docs, self.dateline), score(self.docs, self.textacy)


def analyse_corpus(docs: Sequence[GoldDocument], baseline: bool = True,
                   batch_size: int = 16) -> Run:
    """Run Dateline (and textacy on the same spaCy docs) over every document."""
    from dateline.draft import Draft
    from dateline.model import Article
    from dateline.pipeline import AFTER_PARSE, BEFORE_PARSE
    from dateline.stages.nlp import load_nlp, read_language

    nlp = load_nlp()
    ours: list[list[Attribution]] = []
    theirs: list[list[Attribution]] = []
    failures: list[str] = []
    for chunk in _batches(list(docs), batch_size):
        drafts = []
        for doc in chunk:
            draft = Draft(Article(text=doc.text, source=doc.name))
            for stage in BEFORE_PARSE:
                draft = stage(draft)
            drafts.append(draft)
        for draft, spacy_doc in zip(drafts, nlp.pipe([d.clean for d in drafts]), strict=True):
            draft = read_language(draft, spacy_doc)
            if not draft.skip_language:
                for stage in AFTER_PARSE:
                    try:  # a bug in one stage must not stop the measure: it is reported
                        draft = stage(draft)
                    except Exception as exc:
                        failures.append(f"{draft.article.source}: {stage.__name__}: "
                                        f"{type(exc).__name__}: {exc}")
            ours.append(dateline_attributions(draft.article))
            theirs.append(textacy_attributions(draft) if baseline else [])
    return Run(list(docs), ours, theirs, failures)


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def prediction_record(doc: GoldDocument, predicted: Sequence[Attribution]) -> dict[str, Any]:
    """One line of ``--predictions``: ``{"doc": NAME, "quotes": [...]}``."""
    return {"doc": doc.name, "quotes": [p.to_dict() for p in predicted]}


def format_table(ours: Scores, baseline: Scores | None, title: str = "") -> str:
    """Both systems' figures side by side (Dateline's alone without a baseline)."""
    other = baseline if baseline is not None else ours
    rows = [
        ("precision", ours.precision, other.precision),
        ("recall", ours.recall, other.recall),
        ("F1", ours.f1, other.f1),
        ("source accuracy", ours.source_accuracy, other.source_accuracy),
        ("end-to-end F1", ours.end_to_end, other.end_to_end),
        ("direct-quote recall", ours.direct_recall, other.direct_recall),
    ]
    lines = []
    if title:
        lines.append(title)
    has_baseline = baseline is not None
    lines.append(f"{'figure':<22}{'Dateline':>10}{'textacy' if has_baseline else '':>10}")
    for name, a, b in rows:
        theirs = f"{b:>10.3f}" if has_baseline else ""
        lines.append(f"{name:<22}{a:>10.3f}{theirs}")
    theirs = f"{other.matched}/{other.predicted}" if has_baseline else ""
    lines.append(
        f"{'(counts)':<22}{f'{ours.matched}/{ours.predicted}':>10}"
        f"{theirs:>10}  matched/predicted; gold {ours.gold}"
    )
    return "\n".join(lines)
