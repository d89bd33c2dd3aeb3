"""The PLOVER verb and noun patterns, read once and indexed by lemma.

Three tables, all data (see README.md beside this file for sources and licences):

``plover_extra.tsv``
    Dateline's reviewed rows (verbs and event nouns); they win ties.
``plover_verbs.tsv``
    every verb of PETRARCH2's CAMEO dictionary with its block and default code.
``plover_patterns.tsv``
    the patterns of each block: words required before and after the verb.

:func:`best_pattern` picks, for a trigger, the matching pattern that requires the
most words (PETRARCH's rule: the most specific pattern wins).
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A word of 4 letters or more matches any token starting with it ("troop" → "troops");
# shorter words ("on", "at") must match exactly, else "on" would match "one".
PREFIX_MIN = 4
# ... by an ending of at most this many letters: "sanction" ~ "sanctions", "fund" !~ "fundamental".
PREFIX_MAX_EXTRA = 3


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way of saying an event: a lemma, the words it needs around it, its codes."""

    lemma: str
    pos: str  # VERB or NOUN
    after: tuple[tuple[str, ...], ...]  # each item: alternatives, one must match
    before: tuple[tuple[str, ...], ...]
    cameo: str  # empty: "not an event"
    plover: str  # empty: no PLOVER type (e.g. CAMEO 01, public statements)
    origin: str  # extra, verb or pattern
    rank: int  # extra 3 > verb default 2 > block pattern 1

    @property
    def size(self) -> int:
        return len(self.after) + len(self.before)

    @property
    def is_event(self) -> bool:
        return bool(self.cameo and self.plover)

    def describe(self) -> str:
        after = " ".join("|".join(a) for a in self.after)
        before = " ".join("|".join(b) for b in self.before)
        return " ".join(p for p in (before, "*" + self.lemma, after) if p).strip()


# A pattern word that is only a preposition ("ON", "(TO)") must be a preposition or particle
# of the trigger itself, not any "on" of the sentence: it is matched as "@on".
PREPOSITIONS = frozenset(
    "about above across after against along among around at before behind below beside between "
    "beyond by down during for from in inside into near of off on onto out outside over since "
    "through throughout to toward towards under until up upon with within without".split()
)


def _items(text: str) -> tuple[tuple[str, ...], ...]:
    items = []
    for word in text.split():
        alts = tuple(alt for alt in word.split("|") if alt)
        if alts and all(a.rstrip("=") in PREPOSITIONS for a in alts):
            alts = tuple("@" + a.rstrip("=") for a in alts)
        if alts:
            items.append(alts)
    return tuple(items)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("dateline.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    """(lemma, pos) → patterns, most specific first."""
    index: dict[tuple[str, str], list[Pattern]] = {}
    for row in _rows("plover_extra.tsv"):
        index.setdefault((row["lemma"], row["pos"]), []).append(
            Pattern(
                row["lemma"],
                row["pos"],
                _items(row["after"]),
                _items(row["before"]),
                row["cameo"],
                row["plover"],
                "extra",
                3,
            )
        )
    blocks: dict[str, list[dict[str, str]]] = {}
    for row in _rows("plover_patterns.tsv"):
        blocks.setdefault(row["block"], []).append(row)
    for row in _rows("plover_verbs.tsv"):
        key = (row["lemma"], "VERB")
        patterns = index.setdefault(key, [])
        patterns.append(
            Pattern(
                row["lemma"],
                "VERB",
                _items(row["after"]),
                (),
                row["cameo"],
                row["plover"],
                "verb",
                2,
            )
        )
        for prow in blocks.get(row["block"], []):
            patterns.append(
                Pattern(
                    row["lemma"],
                    "VERB",
                    _items(row["after"]) + _items(prow["after"]),
                    _items(prow["before"]),
                    prow["cameo"],
                    prow["plover"],
                    "pattern",
                    1,
                )
            )
    return {
        key: tuple(sorted(dict.fromkeys(pats), key=lambda p: (-p.size, -p.rank)))
        for key, pats in index.items()
    }


def _matches(alternatives: tuple[str, ...], words: Collection[str]) -> bool:
    for alt in alternatives:
        if alt.endswith("="):
            if alt[:-1] in words:
                return True
        elif alt in words:
            return True
        elif len(alt) >= PREFIX_MIN and any(
            w.startswith(alt) and len(w) - len(alt) <= PREFIX_MAX_EXTRA for w in words
        ):
            return True
    return False


def best_pattern(
    lemma: str, pos: str, after: Collection[str], before: Collection[str]
) -> Pattern | None:
    """The most specific pattern of ``lemma`` whose words are all present, or None.

    ``after`` and ``before`` are the lower-case texts and lemmas of the tokens
    after the trigger (its objects) and before it (its subject, auxiliaries).
    """
    for pattern in lexicon().get((lemma, pos), ()):
        if all(_matches(item, after) for item in pattern.after) and all(
            _matches(item, before) for item in pattern.before
        ):
            return pattern
    return None


def has_lemma(lemma: str, pos: str) -> bool:
    return (lemma, pos) in lexicon()
