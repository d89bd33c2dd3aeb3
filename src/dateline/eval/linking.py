"""Linking accuracy: does each annotated mention reach the right knowledge-base entry?

The gold set (``eval-data/linking/gold.jsonl``, one JSON object a line: ``doc``,
``start``, ``end``, ``text``, ``expected`` = a KB id or null for NIL) names
mentions in texts of a folder. Each text is analysed with its publication date
(the ``YYYY-MM-DD`` in its file name, PolNeAR's convention); a mention's
prediction is the KB id of the entity whose mention overlaps it most tightly
(:func:`dateline.stages.entities.entity_at`'s rule), or NIL when that entity is
unlinked or there is none. Accuracy counts NIL predicted for NIL as right.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import OptionError
from dateline.model import Article, Span

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass(slots=True)
class LinkingScore:
    total: int = 0
    correct: int = 0
    linked_gold: int = 0  # gold mentions with a KB id
    linked_correct: int = 0
    nil_gold: int = 0
    nil_correct: int = 0
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def lines(self) -> list[str]:
        def share(a: int, b: int) -> str:
            return f"{a}/{b} = {a / b:.3f}" if b else "-"
        return [
            f"linking accuracy      {share(self.correct, self.total)}",
            f"  KB mentions         {share(self.linked_correct, self.linked_gold)}",
            f"  NIL mentions        {share(self.nil_correct, self.nil_gold)}",
        ]


def read_gold(path: Path) -> dict[str, list[dict]]:
    """Gold mentions grouped by document."""
    if not path.exists():
        raise OptionError(f"no gold file at {path}; give --gold")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                by_doc[record["doc"]].append(record)
            except (json.JSONDecodeError, KeyError) as exc:
                raise OptionError(f"{path}, line {number}: not a gold record ({exc})") from None
    return by_doc


def predicted_id(article: Article, start: int, end: int) -> str | None:
    """The KB id that the article's entities give the span, or None (NIL)."""
    span = Span(start, end, article.text[start:end])
    best: tuple[int, int, int] | None = None
    choice = None
    for entity in article.entities:
        for mention in entity.mentions:
            m = mention.span
            if not m.overlaps(span):
                continue
            overlap = min(m.end, end) - max(m.start, start)
            extra = (m.end - m.start) - overlap
            key = (-overlap, extra, m.start)
            if best is None or key < best:
                best, choice = key, entity
    if choice is None or choice.link is None:
        return None
    return choice.link.id


def evaluate(gold: Path, texts: Path) -> LinkingScore:
    """Analyse every annotated text and score its gold mentions."""
    from dateline.pipeline import analyze

    if not texts.is_dir():
        raise OptionError(f"no folder of texts at {texts}; give --texts")
    score = LinkingScore()
    for doc, records in sorted(read_gold(gold).items()):
        path = texts / doc
        text = path.read_text(encoding="utf-8")
        match = _DATE.search(doc)
        article = analyze(text, published=match.group(1) if match else None)
        for record in records:
            if text[record["start"]:record["end"]] != record["text"]:
                raise OptionError(
                    f"{gold}: {record['text']!r} is not at {record['start']} in {doc}")
            expected = record["expected"]
            got = predicted_id(article, record["start"], record["end"])
            score.total += 1
            if expected is None:
                score.nil_gold += 1
            else:
                score.linked_gold += 1
            if got == expected:
                score.correct += 1
                if expected is None:
                    score.nil_correct += 1
                else:
                    score.linked_correct += 1
            else:
                score.errors.append((doc, record["text"], expected, got))
    return score
