"""Reads the PETRARCH2/Phoenix actor and agent dictionaries (MIT, Open Event Data Alliance).

An actor entry is a name at the start of a line (words joined by ``_``), its
synonyms on ``+`` lines, and its codes in brackets, with optional dates:
``[NORGOV 051017-131016]``, ``[NORGOV >051017]`` (from), ``[NORGOV <051017]``
(until), ``[NORELI]`` (undated). ``#`` starts a comment. See
``../shared/data/kb/phoenix/dictionaries.rst``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.kb.dates import EARLIEST, LATEST, phoenix_date

_CODE = re.compile(r"\[([A-Z~]{3,})(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\s*\]")


@dataclass(slots=True)
class PhoenixCode:
    code: str
    start: str = EARLIEST
    end: str = LATEST
    dated: bool = False


@dataclass(slots=True)
class PhoenixActor:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[PhoenixCode] = field(default_factory=list)
    person: bool = False  # the dictionaries mark office holders "# CountryInfo.txt"


def _words(raw: str) -> str:
    return raw.strip().strip("_").replace("_", " ").strip()


def _codes(text: str) -> list[PhoenixCode]:
    found = []
    for code, direction, first, second in _CODE.findall(text):
        if not first:
            found.append(PhoenixCode(code))
            continue
        try:
            day = phoenix_date(first)
            until = phoenix_date(second) if second else None
        except ValueError:
            continue  # a typo in the dictionary's date: the code is left out
        if until is not None:
            found.append(PhoenixCode(code, day, until, True))
        elif direction == "<":
            found.append(PhoenixCode(code, EARLIEST, day, True))
        else:
            found.append(PhoenixCode(code, day, LATEST, True))
    return found


def read_actors(path: Path) -> Iterator[PhoenixActor]:
    """Every actor entry of one ``.actors.txt`` file, in file order."""
    current: PhoenixActor | None = None
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            body, _, comment = raw.partition("#")
            stripped = body.strip()
            if not stripped:
                continue
            if raw[0] in " \t" or stripped.startswith("["):
                if current is not None:
                    current.codes.extend(_codes(stripped))
                continue
            if stripped.startswith("+"):
                if current is not None:
                    name = _words(stripped[1:].split("[", 1)[0])
                    if name:
                        current.synonyms.append(name)
                    current.codes.extend(_codes(stripped))
                continue
            if current is not None:
                yield current
            name = _words(stripped.split("[", 1)[0])
            current = PhoenixActor(name, codes=_codes(stripped),
                                   person="CountryInfo" in comment or "IGOrulers" in comment)
    if current is not None:
        yield current


def read_agents(path: Path) -> Iterator[tuple[str, str]]:
    """``(term, sector)`` pairs of the agents dictionary, e.g. ``("troops", "MIL")``."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            body = raw.split("#", 1)[0].strip()
            if not body or body.startswith("!") or "[" not in body:
                continue
            term, _, rest = body.partition("[")
            code = rest.split("]", 1)[0].strip().strip("~")
            term = term.split("{", 1)[0]
            if "!" in term or not code.isalpha():
                continue
            words = _words(term).lower()
            if words:
                yield words, code
