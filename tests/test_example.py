"""The reference article reads as `nato-no-fly-zone.expected.md` says a careful reader reads it.

The golden file `golden/nato-no-fly-zone.json` holds the whole reading as text (quotes with
their speakers, actors with their mentions and codes, events, dates), so that a diff shows what
changed; refresh it on purpose with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

from dateline.model import Article

GOLDEN = Path(__file__).parent / "golden"


def reading(article: Article) -> dict:
    """What a person checks in an analysis, as text rather than offsets."""

    def name(entity_id: str | None) -> str | None:
        entity = article.entity(entity_id)
        return entity.name if entity else None

    return {
        "place": article.place.text if article.place else None,
        "quotes": [
            {
                "kind": q.kind,
                "content": q.content.text,
                "cue": q.cue.text if q.cue else None,
                "speaker_mention": q.speaker_mention.text if q.speaker_mention else None,
                "speaker": name(q.speaker),
                "addressee": name(q.addressee),
            }
            for q in article.quotes
        ],
        "entities": [
            {
                "name": e.name,
                "kind": e.kind,
                "code": e.link.code if e.link else None,
                "mentions": sorted({m.span.text for m in e.mentions}),
            }
            for e in article.entities
        ],
        "events": [
            {
                "type": v.type,
                "actor": name(v.actor),
                "target": name(v.target),
                "mode": v.mode,
                "source": name(v.source) or v.source,
                "date": v.date,
                "trigger": v.trigger.text,
            }
            for v in article.events
        ],
        "times": [[t.span.text, t.kind, t.value] for t in article.times],
    }


def test_example_matches_golden_file(example: Article, update_golden: bool) -> None:
    path = GOLDEN / "nato-no-fly-zone.json"
    got = reading(example)
    if update_golden:
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} is missing: write it with pytest --update-golden, then review it"
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_example_this_friday_is_publication_day(example: Article) -> None:
    this_friday = [t for t in example.times if t.span.text == "this Friday"]
    assert [t.value for t in this_friday] == ["2022-03-04"]


def test_example_dateline_is_brussels(example: Article) -> None:
    assert example.place is not None and example.place.text == "Brussels"
    place = example.entity(example.place_entity)
    assert place is not None and place.name == "Brussels"
