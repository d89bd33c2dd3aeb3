"""Writes polnear-dev-hand.jsonl: events annotated by hand in 5 PolNeAR dev articles.

Written before the extractor was ever run on these articles.
"""

# Hand annotation of events in 5 PolNeAR dev articles, written before running the extractor on them.
import json
from pathlib import Path

TEXT = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "dev" / "text"
J = "journalist"


def ev(actor, type_, target, mode="asserted", source=J, trigger=None):
    return {
        "actor": actor,
        "type": type_,
        "target": target,
        "mode": mode,
        "source": source,
        "trigger": trigger,
    }


ARTICLES = {
    "usa-today_2016-09-08_lawmaker-urges-retaliation-on-ru": (
        "2016-09-08",
        [
            ev(["Adam Schiff", "Schiff"], "REQUEST", ["Obama"], trigger="called on"),
            ev(
                ["Obama"],
                "THREATEN",
                ["Russia", "Moscow"],
                mode="negated",
                trigger="declined to threaten",
            ),
            ev(["Obama"], "CONSULT", ["Vladimir Putin", "Putin"], trigger="meeting"),
            ev(
                ["Adam Schiff", "Schiff"],
                "REQUEST",
                ["administration", "Obama"],
                trigger="called on",
            ),
            ev(
                ["John Kerry", "Kerry"],
                "CONSULT",
                ["Russia"],
                source="Adam Schiff",
                trigger="negotiates",
            ),
        ],
    ),
    "politico_2016-09-28_axelrod-calls-on-dean-to-apologi": (
        "2016-09-28",
        [
            ev(
                ["David Axelrod", "Axelrod"],
                "REQUEST",
                ["Howard Dean", "Dean"],
                trigger="called on",
            ),
            ev(["Howard Dean", "Dean"], "ACCUSE", ["Donald Trump", "Trump"], trigger="accusing"),
            ev(
                ["Howard Dean", "Dean"],
                "REJECT",
                [],
                source="David Axelrod",
                trigger="refused to apologize",
            ),
            ev(
                ["David Axelrod", "Axelrod"],
                "ACCUSE",
                ["Howard Dean", "Dean"],
                source="David Axelrod",
                trigger="outrageous",
            ),
        ],
    ),
    "wash-post_2016-09-10_outrage-but-few-options-on-the-t": (
        "2016-09-10",
        [
            ev(
                ["Security Council", "United Nations"],
                "ACCUSE",
                ["North Korea"],
                trigger="made a strong condemnation",
            ),
            ev(
                ["Security Council", "United Nations"],
                "SANCTION",
                ["North Korea"],
                mode="intended",
                trigger="pledged to impose further sanctions",
            ),
            ev(["Security Council"], "ACCUSE", ["North Korea"], trigger="condemned"),
            ev(["North Korea", "Pyongyang"], "MOBILIZE", [], trigger="fired three missiles"),
            ev(["United Nations", "U.N."], "SANCTION", ["North Korea"], trigger="imposed"),
            ev(["United Nations", "U.N."], "CONSULT", [], trigger="called an emergency meeting"),
            ev(["Obama"], "ACCUSE", ["North Korea"], trigger="condemned"),
            ev(
                ["United States"],
                "REJECT",
                ["North Korea"],
                source="Obama",
                trigger="does not, and never will, accept",
            ),
            ev(["Ban Ki-moon", "Ban"], "ACCUSE", [], trigger="condemned"),
            ev(["John F. Kerry", "Kerry"], "REQUEST", ["North Korea"], trigger="urged"),
            ev(["South Korea"], "ACCUSE", ["Kim Jong Un", "North Korea"], trigger="accused"),
            ev(["Japan"], "ACCUSE", ["North Korea"], trigger="branded"),
            ev(["Russia"], "REQUEST", ["North Korea", "Pyongyang"], trigger="insisted"),
            ev(
                ["International Atomic Energy Agency", "IAEA"],
                "ACCUSE",
                ["North Korea"],
                trigger="said ... displayed complete disregard",
            ),
            ev(["China"], "ACCUSE", ["North Korea"], trigger="resolutely opposed"),
            ev(["China"], "REQUEST", ["North Korea"], trigger="warned ... to refrain"),
            ev(
                ["Security Council"],
                "SANCTION",
                ["North Korea"],
                trigger="imposed sweeping new sanctions",
            ),
            ev(
                ["United Nations", "U.N.", "General Assembly"],
                "ACCUSE",
                ["North Korea"],
                source="Victor Cha",
                trigger="condemning",
            ),
        ],
    ),
    "nyt_2016-09-19_old-hands-help-russia-navigate-u": (
        "2016-09-19",
        [
            ev(["Russia"], "COERCE", ["Ukraine", "Crimea"], trigger="seized Crimea"),
            ev(["Abby Martin", "Martin"], "ACCUSE", [], trigger="denounced the annexation"),
        ],
    ),
    "huff-post_2016-09-10_trump-s-east-european-achilles-h": (
        "2016-09-10",
        [
            ev(
                ["Donald Trump", "Trump"], "SUPPORT", ["Vladimir Putin", "Putin"], trigger="admires"
            ),
            ev(
                ["Donald Trump", "Trump"],
                "ACCUSE",
                ["Russia"],
                mode="negated",
                trigger="avoids condemning",
            ),
            ev(["Russia"], "ASSAULT", ["Ukraine"], trigger="invasion"),
            ev(["Donald Trump", "Trump"], "ACCUSE", ["American media"], trigger="blasted"),
            ev(
                ["Vladimir Putin", "Putin", "Russia"],
                "THREATEN",
                ["NATO", "Poland", "Estonia", "Latvia", "Lithuania"],
                trigger="as a threat",
            ),
            ev(
                ["Vladimir Putin", "Putin", "Russia"],
                "ASSAULT",
                ["Georgia"],
                trigger="invasions of Georgia",
            ),
            ev(
                ["NATO"],
                "MOBILIZE",
                ["Russia", "Russian bombers"],
                trigger="scrambled ... to intercept",
            ),
            ev(["Russia"], "MOBILIZE", [], trigger="carried out a massive snap military maneuver"),
            ev(
                ["Russia"],
                "THREATEN",
                ["Denmark", "Danish island of Bornholm", "Bornholm"],
                trigger="simulated an attack",
            ),
            ev(["NATO"], "MOBILIZE", [], trigger="order the deployment"),
            ev(["Donald Trump", "Trump"], "ACCUSE", ["NATO"], trigger="NATO may be obsolete"),
        ],
    ),
}
out = Path(__file__).with_name("polnear-dev-hand.jsonl")
n = 0
with open(out, "w", encoding="utf-8") as f:
    for name, (published, events) in ARTICLES.items():
        text = (TEXT / (name + ".txt")).read_text(encoding="utf-8")
        f.write(
            json.dumps(
                {
                    "id": name,
                    "text": text,
                    "published": published,
                    "coding": "all",
                    "events": events,
                },
                ensure_ascii=False,
            )
            + "\n"
        )
        n += len(events)
print(n, "events")
