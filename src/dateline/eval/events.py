"""Scoring coded events against a gold set: (actor, type, target) triples, type, mode, source.

The gold format (JSON Lines, one item per line) is documented in
``eval-data/events/README.md``::

    {"id": "...", "text": "...", "published": "2022-03-04", "coding": "all",
     "events": [{"actor": ["NATO"], "type": "SANCTION", "target": ["Russia"],
                 "mode": "asserted", "source": "journalist", "trigger": "impose"}]}

Names match loosely, the way a reader would: a gold name matches a predicted actor
when one contains the other, or when they share a proper word's first five letters
("Israeli" ~ "Israel"); a gold ``code`` list may also match the predicted entity's
actor code (``RUS`` ~ ``RUSGOV``). A gold event without target does not score the
target. ``coding: "main"`` items (the PLOVER sentences, coded with one event each)
are compared with Dateline's main event of the item (widest evidence, most confident).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError
from dateline.model import Article, Event

# Old PLOVER draft names (PLOVER_GSR_CAMEO.json) → today's types (shared/data/README.md).
OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
STEM = 5  # letters of a proper word that must agree ("Hungarian" ~ "Hungary")
# CAMEO codes an announced or conditional action as an intention: "express intent to
# cooperate" (03, AGREE) for friendly acts, "threaten" (13, THREATEN) for hostile ones.
# Dateline codes the action itself with the mode "intended" or "hypothetical". Gold items
# marked ``"convention": "cameo"`` (the PLOVER_GSR_CAMEO sentences) compare in CAMEO's way.
COOPERATIVE = frozenset("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT".split())
HOSTILE = frozenset("ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())


class GoldError(DatelineError):
    """A gold file that cannot be read: says which line and what is wrong."""


@dataclass(slots=True)
class GoldEvent:
    type: str
    actor: list[str]
    target: list[str]
    also: list[str] = field(default_factory=list)  # other acceptable types ("COERCE or THREATEN")
    actor_code: list[str] = field(default_factory=list)
    target_code: list[str] = field(default_factory=list)
    mode: str | None = None
    source: str | None = None
    trigger: str | None = None

    def accepts(self, kind: str) -> bool:
        return kind == self.type or kind in self.also


@dataclass(slots=True)
class GoldItem:
    id: str
    text: str
    published: str | None
    coding: str  # "all" or "main"
    events: list[GoldEvent]
    convention: str = "plover"  # or "cameo": intentions coded as AGREE / THREATEN


@dataclass(slots=True)
class Scores:
    """Counts over a gold set, and the figures they give."""

    gold: int = 0
    predicted: int = 0
    aligned: int = 0  # same actor and target (type not compared)
    correct: int = 0  # aligned and same type
    mode_scored: int = 0
    mode_right: int = 0
    source_scored: int = 0
    source_right: int = 0
    items: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.correct / self.aligned if self.aligned else 0.0

    @property
    def mode_accuracy(self) -> float | None:
        return self.mode_right / self.mode_scored if self.mode_scored else None

    @property
    def source_accuracy(self) -> float | None:
        return self.source_right / self.source_scored if self.source_scored else None

    def add(self, other: Scores) -> None:
        for name in (
            "gold",
            "predicted",
            "aligned",
            "correct",
            "mode_scored",
            "mode_right",
            "source_scored",
            "source_right",
            "items",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "gold": self.gold,
            "predicted": self.predicted,
            "aligned": self.aligned,
            "correct": self.correct,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "type_accuracy": round(self.type_accuracy, 3),
            "mode_accuracy": None if self.mode_accuracy is None else round(self.mode_accuracy, 3),
            "source_accuracy": None
            if self.source_accuracy is None
            else round(self.source_accuracy, 3),
        }


def _names(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if str(v).strip()]


def read_gold(path: str | Path) -> list[GoldItem]:
    """The items of a gold file; a bad line raises :class:`GoldError` naming it."""
    items: list[GoldItem] = []
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read the gold file {path}: {exc.strerror}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            events = []
            for e in data["events"]:
                kinds = [OLD_TYPES.get(k, k) for k in _names(e["type"])]
                for kind in kinds:
                    if kind not in PLOVER_TYPES:
                        raise ValueError(f"unknown PLOVER type {kind!r}")
                if not kinds:
                    raise ValueError("an event without a type")
                events.append(
                    GoldEvent(
                        type=kinds[0],
                        also=kinds[1:],
                        actor=_names(e.get("actor")),
                        target=_names(e.get("target")),
                        actor_code=_names(e.get("actor_code")),
                        target_code=_names(e.get("target_code")),
                        mode=e.get("mode"),
                        source=e.get("source"),
                        trigger=e.get("trigger"),
                    )
                )
            coding = data.get("coding", "all")
            if coding not in ("all", "main"):
                raise ValueError("coding must be 'all' or 'main'")
            convention = data.get("convention", "plover")
            if convention not in ("plover", "cameo"):
                raise ValueError("convention must be 'plover' or 'cameo'")
            items.append(
                GoldItem(
                    str(data["id"]), data["text"], data.get("published"), coding, events, convention
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(
                f"{path}, line {number}: {exc}; see eval-data/events/README.md for the format"
            ) from exc
    return items


def _stems(text: str) -> set[str]:
    return {w[:STEM].lower() for w in re.findall(r"[A-Z][A-Za-z]+", text)}


def name_matches(gold: str, predicted: Iterable[str]) -> bool:
    """True when the gold name and one of the predicted names refer alike."""
    g = gold.lower().strip()
    stems = _stems(gold)
    for name in predicted:
        n = name.lower().strip()
        if not n:
            continue
        if g in n or n in g:
            return True
        if stems and stems & _stems(name):
            return True
    return False


def _predicted_names(
    article: Article, entity_id: str | None, mention_text: str | None
) -> list[str]:
    names = [mention_text] if mention_text else []
    entity = article.entity(entity_id)
    if entity is not None:
        names.append(entity.name)
        names.extend(
            m.span.text
            for m in entity.mentions
            if m.kind in ("name", "demonym", "metonym", "title")
        )
    return names


def _code(article: Article, entity_id: str | None) -> str | None:
    entity = article.entity(entity_id)
    return entity.link.code if entity is not None and entity.link is not None else None


def _side_matches(
    article: Article, names: list[str], codes: list[str], entity_id: str | None, mention: str | None
) -> bool:
    if not names and not codes:
        return True  # not coded in the gold: not scored
    predicted = _predicted_names(article, entity_id, mention)
    if any(name_matches(n, predicted) for n in names):
        return True
    code = _code(article, entity_id)
    return bool(code) and any(code.startswith(c) for c in codes)  # type: ignore[union-attr]


def _aligned(article: Article, gold: GoldEvent, event: Event) -> bool:
    actor_mention = event.actor_mention.text if event.actor_mention else None
    target_mention = event.target_mention.text if event.target_mention else None
    if not gold.actor and not gold.actor_code:
        actor_ok = True
    else:
        actor_ok = _side_matches(article, gold.actor, gold.actor_code, event.actor, actor_mention)
    if not gold.target and not gold.target_code:
        return actor_ok
    return (
        actor_ok
        and (event.target is not None or target_mention is not None)
        and _side_matches(article, gold.target, gold.target_code, event.target, target_mention)
    )


def main_event(events: list[Event]) -> Event | None:
    """Dateline's own choice of the one event of a sentence: widest evidence, most confident."""
    if not events:
        return None
    return sorted(
        events, key=lambda e: (-(e.evidence.end - e.evidence.start), -e.confidence, e.trigger.start)
    )[0]


def _source_name(article: Article, source: str) -> str:
    if source in ("journalist", "unknown"):
        return source
    entity = article.entity(source)
    return entity.name if entity is not None else source


def as_cameo(event: Event) -> Event:
    """The event as CAMEO codes it: an intended or conditional act is an intention."""
    if event.mode not in ("intended", "hypothetical"):
        return event
    kind = (
        "AGREE"
        if event.type in COOPERATIVE
        else "THREATEN"
        if event.type in HOSTILE
        else event.type
    )
    return Event.from_dict({**event.to_dict(), "type": kind})


def score_item(item: GoldItem, article: Article) -> tuple[Scores, list[dict[str, Any]]]:
    """Scores of one item, and a row per gold and predicted event for the error listing."""
    predicted = list(article.events)
    if item.coding == "main":
        main = main_event(predicted)
        predicted = [main] if main is not None else []
    if item.convention == "cameo":
        predicted = [as_cameo(e) for e in predicted]
    scores = Scores(gold=len(item.events), predicted=len(predicted), items=1)
    free = list(range(len(predicted)))
    # pair events of the same type first, then what is left by actor and target alone
    pairs: dict[int, int] = {}
    for same_type in (True, False):
        for g, gold in enumerate(item.events):
            if g in pairs:
                continue
            for i in free:
                if (not same_type or gold.accepts(predicted[i].type)) and _aligned(
                    article, gold, predicted[i]
                ):
                    pairs[g] = i
                    free.remove(i)
                    break
    rows: list[dict[str, Any]] = []
    for g, gold in enumerate(item.events):
        chosen = pairs.get(g)
        row: dict[str, Any] = {"item": item.id, "gold": f"{gold.actor} {gold.type} {gold.target}"}
        if chosen is None:
            row["result"] = "missed"
            rows.append(row)
            continue
        event = predicted[chosen]
        scores.aligned += 1
        if gold.accepts(event.type):
            scores.correct += 1
        row["result"] = "correct" if gold.accepts(event.type) else f"type {event.type}"
        row["predicted"] = event.rule
        if gold.mode:
            scores.mode_scored += 1
            scores.mode_right += int(gold.mode == event.mode)
        if gold.source:
            scores.source_scored += 1
            name = _source_name(article, event.source)
            if gold.source in ("journalist", "unknown"):
                scores.source_right += int(name == gold.source)
            else:
                scores.source_right += int(name_matches(gold.source, [name]))
        rows.append(row)
    for i in free:
        event = predicted[i]
        rows.append(
            {
                "item": item.id,
                "result": "spurious",
                "predicted": f"{event.type} {event.trigger.text!r} {event.rule}",
            }
        )
    return scores, rows


def evaluate(
    items: list[GoldItem], articles: list[Article], *, conventions: bool = True
) -> tuple[Scores, list[dict[str, Any]]]:
    """Scores over all items; ``conventions=False`` scores every item the PLOVER way."""
    if not conventions:
        items = [GoldItem(i.id, i.text, i.published, i.coding, i.events) for i in items]
    total = Scores()
    rows: list[dict[str, Any]] = []
    for item, article in zip(items, articles, strict=True):
        scores, item_rows = score_item(item, article)
        total.add(scores)
        rows.extend(item_rows)
    return total, rows


def analyse_items(items: list[GoldItem]) -> list[Article]:
    """Run the whole Dateline pipeline on each gold item's text."""
    from dateline.pipeline import pipe

    records = [
        {"text": item.text, "published": item.published, "source": item.id} for item in items
    ]
    return [a for a in pipe(records, errors="raise")]  # type: ignore[misc]


def format_scores(scores: Scores, title: str) -> str:
    d = scores.as_dict()
    lines = [
        title,
        f"  items {d['items']}, gold events {d['gold']}, predicted {d['predicted']}, "
        f"aligned {d['aligned']}, correct {d['correct']}",
        f"  (actor, type, target) precision {d['precision']:.3f}  recall {d['recall']:.3f}  "
        f"F1 {d['f1']:.3f}",
        f"  type accuracy on aligned events {d['type_accuracy']:.3f}",
    ]
    if d["mode_accuracy"] is not None:
        lines.append(f"  mode accuracy {d['mode_accuracy']:.3f} ({scores.mode_scored} scored)")
    if d["source_accuracy"] is not None:
        lines.append(
            f"  source accuracy {d['source_accuracy']:.3f} ({scores.source_scored} scored)"
        )
    return "\n".join(lines)


def plover_items(path: str | Path) -> list[dict[str, Any]]:
    """Gold items from ``PLOVER_GSR_CAMEO.json`` (one event per sentence, old types mapped)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = []
    for record in data:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue

        def side(value: Any) -> tuple[list[str], list[str]]:
            if not isinstance(value, list):
                return [], []
            return (
                [a["actorText"] for a in value if a.get("actorText")],
                [a["code"] for a in value if a.get("code") and a["code"] not in ("IGO", "***")],
            )

        actor, actor_code = side(record.get("source"))
        target, target_code = side(record.get("target"))
        items.append(
            {
                "id": record["id"],
                "text": record["text"],
                "published": record.get("date"),
                "coding": "main",
                "convention": "cameo",
                "events": [
                    {
                        "type": OLD_TYPES.get(record["event"], record["event"]),
                        "actor": actor,
                        "actor_code": actor_code,
                        "target": target,
                        "target_code": target_code,
                        "trigger": record.get("eventText"),
                    }
                ],
            }
        )
    items.sort(key=lambda i: (i["id"], i["text"]))
    seen: dict[str, int] = {}
    for item in items:  # the source repeats one id (COERCE-0004) for two sentences
        seen[item["id"]] = seen.get(item["id"], 0) + 1
        if seen[item["id"]] > 1:
            item["id"] = f"{item['id']}-{seen[item['id']]}"
    return items


def split_halves(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Development and held-out halves: alternate items in id order (stratified by type)."""
    ordered = sorted(items, key=lambda i: (i["id"], i["text"]))
    return ordered[0::2], ordered[1::2]


def run_gold(path: str | Path, *, conventions: bool = True) -> tuple[Scores, list[dict[str, Any]]]:
    """Read a gold file, analyse its texts with Dateline and score the events."""
    items = read_gold(path)
    return evaluate(items, analyse_items(items), conventions=conventions)
