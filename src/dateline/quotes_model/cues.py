"""The cue lexicon: which words attribute content to a source, and where the content is.

Two data files, both in ``dateline/lexicons/`` (see the README there):

* ``cues.tsv``, written by hand: phrases of saying, thinking and announcing
  ("say", "point out", "according to"), each with its kind (``speech`` or
  ``thought``) and the *relations* where its content is found;
* ``cues_polnear.tsv``, learned from PolNeAR train by ``dateline eval build-cues``:
  for each phrase and relation, how often the parse offered it (``seen``) and how
  often PolNeAR's annotators marked it as an attribution (``hits``).

A relation names where, relative to the cue, the content lies in the parse:

========  ====================================================================
ccomp     the clausal complement: "said *that NATO has decided*"
ccomp+rest  ... and the rest of its sentence, where the parse ended it early: "said *polls
          could be “way off,” and have been unreliable*"
xcomp     the open complement: "promised *to cut taxes*"
obj+xcomp its object and complement: "pressed *Yanukovych to sign*"
subj+xcomp  its subject and complement, no source: "*Enthusiasm* appears *to have plummeted*"
obj+pred  its object and what it is called: "called *him a liar*"
dobj      the direct object: "expressed *their solidarity*"
prep      the object of a preposition: "warned *of more suffering*"
host      the clause the cue sits in: "*The economy*, he said, *is growing*",
          "according to officials, *the economy is growing*"
noun      a noun's clause: "the claim *that he lied*"
that      a "that" clause the parse hung elsewhere: "said in a message *that ...*"
colon     the rest of a line that opens with a speaker: "Carson: *Cruz taking ...*"
========  ====================================================================
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from dateline.errors import ResourceError

RELATIONS = (
    "ccomp", "ccomp+rest", "xcomp", "obj+xcomp", "subj+xcomp", "obj+pred", "dobj", "prep",
    "host", "noun", "that", "colon",
)

#: A learned (phrase, relation) is used when PolNeAR's annotators marked at least this
#: share of its occurrences in train. Tuned on PolNeAR train: F1 is flat (0.654-0.656)
#: from 0.30 to 0.40 and falls off outside; 0.35 is the middle. Re-run
#: ``dateline eval polnear`` on train and dev if you change it.
MIN_PRECISION = 0.35
#: ... and when it was seen at least this often (fewer is noise).
MIN_SEEN = 3
#: A hand-listed (phrase, relation) is dropped only when train shows it is usually not
#: an attribution: seen at least this often with a precision below
#: ``MIN_PRECISION * OVERRULE_SHARE``.
OVERRULE_SEEN = 20
OVERRULE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Cue:
    """One hand-listed phrase."""

    phrase: str
    kind: str  # "speech" or "thought"
    relations: frozenset[str]


@dataclass(slots=True)
class Lexicon:
    """The hand-written cues and the learned statistics, ready to ask."""

    cues: dict[str, Cue] = field(default_factory=dict)
    learned: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    min_precision: float = MIN_PRECISION

    def accepts(self, phrase: str, relation: str) -> bool:
        """True when ``phrase`` with content in ``relation`` is an attribution."""
        stats = self.learned.get((phrase, relation))
        cue = self.cues.get(phrase)
        if cue is not None and relation in cue.relations:
            if stats is None:
                return True
            seen, hits = stats
            return not (seen >= OVERRULE_SEEN and hits / seen < self.min_precision * OVERRULE_SHARE)
        if stats is None:
            return False
        seen, hits = stats
        return seen >= MIN_SEEN and hits / seen >= self.min_precision

    def precision(self, phrase: str, relation: str) -> float:
        """The share of train occurrences that were attributions (0.5 where unseen)."""
        stats = self.learned.get((phrase, relation))
        if stats is None or stats[0] == 0:
            return 0.5
        return stats[1] / stats[0]

    def is_cue(self, phrase: str) -> bool:
        """True when ``phrase`` attributes content in some relation (for quotations)."""
        return phrase in self.cues or any(
            self.accepts(phrase, relation) for relation in RELATIONS
        )

    def is_speech(self, phrase: str) -> bool:
        cue = self.cues.get(phrase)
        return cue is not None and cue.kind == "speech"


def _rows(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("dateline").joinpath("lexicons", name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(
            f"the cue lexicon {name} is missing from the installed package ({exc}); "
            "reinstall dateline"
        ) from exc
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def read_lexicon(learned: bool = True) -> Lexicon:
    """Read the shipped cue files (``learned=False``: the hand-written one only)."""
    lexicon = Lexicon()
    for row in _rows("cues.tsv"):
        relations = frozenset(r.strip() for r in row["content"].split(",") if r.strip())
        unknown = relations - set(RELATIONS)
        if unknown:
            raise ResourceError(
                f"cues.tsv: {row['phrase']!r} names unknown relations {sorted(unknown)}; "
                f"use some of {', '.join(RELATIONS)}"
            )
        lexicon.cues[row["phrase"].strip()] = Cue(row["phrase"].strip(), row["kind"].strip(),
                                                  relations)
    if learned:
        try:
            rows = _rows(LEARNED_FILE)
        except ResourceError:
            rows = []  # not built yet: the hand-written lexicon alone
        for row in rows:
            lexicon.learned[(row["phrase"], row["relation"])] = (int(row["seen"]), int(row["hits"]))
    return lexicon


LEARNED_FILE = "cues_polnear.tsv"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return read_lexicon()


@lru_cache(maxsize=1)
def hand_lexicon() -> Lexicon:
    """The hand-written cues alone: what candidate frames may depend on, so that
    learning from a corpus does not depend on what was learned before."""
    return read_lexicon(learned=False)
