"""Small synthetic corpora for the ingest tests: distinct, short, news-like articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

PEOPLE = [
    "Jens Stoltenberg",
    "Antony Blinken",
    "Olaf Scholz",
    "Emmanuel Macron",
    "Volodymyr Zelensky",
    "Ursula von der Leyen",
    "Boris Johnson",
    "Mario Draghi",
]
PLACES = ["Brussels", "Washington", "Berlin", "Paris", "Kyiv", "London", "Rome", "Warsaw"]
VERBS = ["met", "criticised", "praised", "warned", "called", "thanked", "urged", "visited"]
NOUNS = [
    "ministers",
    "diplomats",
    "farmers",
    "bankers",
    "soldiers",
    "voters",
    "editors",
    "engineers",
    "nurses",
    "pilots",
    "lawyers",
    "students",
]
THINGS = [
    "the pipeline",
    "the budget",
    "the ceasefire",
    "the grain deal",
    "the summit",
    "the elections",
    "the sanctions",
    "the loan",
    "the treaty",
    "the airport",
]


def article_text(n: int) -> str:
    """Article number ``n``: its own words, so no two are near-duplicates."""
    rng = random.Random(n)
    person, other = rng.sample(PEOPLE, 2)
    place = rng.choice(PLACES)
    words = " ".join(rng.choice(NOUNS + THINGS) for _ in range(12))
    return (
        f"{place} – {person} {rng.choice(VERBS)} {other} on Tuesday over {rng.choice(THINGS)}, "
        f"report number {n}.\n\n"
        f"\u201cWe discussed {rng.choice(THINGS)} and {rng.choice(THINGS)},\u201d {person} said. "
        f"Notes {n}: {words}.\n\n"
        f"{other} {rng.choice(VERBS)} {rng.choice(NOUNS)} in {rng.choice(PLACES)} "
        f"about {rng.choice(THINGS)} ({n * 7919 % 1000})."
    )


def write_jsonl(path: Path, count: int, start: int = 0) -> list[str]:
    """A JSONL corpus of ``count`` articles; returns their texts."""
    texts = [article_text(n) for n in range(start, start + count)]
    with open(path, "w", encoding="utf-8") as out:
        for n, text in enumerate(texts, start=start):
            record = {
                "text": text,
                "title": f"Report {n}",
                "url": f"https://example.org/{n}",
                "published": f"2022-03-{1 + n % 28:02d}",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return texts
