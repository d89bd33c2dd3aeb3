"""Writes nato-no-fly-zone.jsonl: the 12 events of shared/examples/nato-no-fly-zone.expected.md."""

import json
from pathlib import Path

text = (
    Path(__file__).resolve().parents[3] / "shared" / "examples" / "nato-no-fly-zone.txt"
).read_text(encoding="utf-8")
J = "journalist"
S = "Jens Stoltenberg"


def ev(actor, type_, target, mode=None, source=None, trigger=None, note=None):
    d = {"actor": actor, "type": type_, "target": target, "trigger": trigger}
    if mode:
        d["mode"] = mode
    if source:
        d["source"] = source
    if note:
        d["note"] = note
    return d


events = [
    ev(
        ["Ukraine", "Kiev"],
        "REQUEST",
        ["NATO"],
        source=J,
        trigger="request",
        note="asks for a no-fly zone",
    ),
    ev(
        ["NATO"],
        "REJECT",
        ["Ukraine"],
        trigger="agreement / agreed",
        note=(
            "refuses to fly over Ukraine or send troops; "
            "'should not have NATO aircraft operating' is part of it"
        ),
    ),
    ev(["NATO"], "SANCTION", ["Russia", "Moscow"], trigger="impose sanctions"),
    ev(["Dmytro Kuleba", "Dmitro Kuleba", "Kuleba"], "CONSULT", ["NATO"], trigger="participated"),
    ev(["NATO"], "SUPPORT", ["Ukraine"], trigger="expressed their solidarity"),
    ev(
        ["Jens Stoltenberg"],
        "REQUEST",
        ["Vladimir Putin", "Russia"],
        trigger="asked",
        note="the speaker's own act",
    ),
    ev(["Jens Stoltenberg"], "ACCUSE", ["Russia"], trigger="the worst military aggression"),
    ev(
        ["NATO"],
        "COOPERATE",
        ["Finland", "Sweden"],
        mode="intended",
        source=S,
        trigger="decided to strengthen coordination",
    ),
    ev(["Finland", "Sweden"], "CONSULT", ["NATO"], trigger="attended the meeting"),
    ev(
        ["Russia"],
        ["THREATEN", "COERCE"],
        ["Georgia", "Bosnia-Herzegovina", "Bosnia and Herzegovina", "Moldova"],
        source=S,
        trigger="intimidate",
    ),
    ev(
        ["Russia"],
        "ASSAULT",
        ["Georgia"],
        source=S,
        trigger="has already invaded",
        note="past (2008): no date of this week",
    ),
    ev(
        ["Russia"],
        "ASSAULT",
        ["Ukraine"],
        source=S,
        trigger="cities besieged, hospitals ... bombed",
    ),
]
item = {
    "id": "nato-no-fly-zone",
    "text": text,
    "published": "2022-03-04",
    "coding": "all",
    "events": events,
}
Path(__file__).with_name("nato-no-fly-zone.jsonl").write_text(
    json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8"
)
print(len(events))
