"""The curated tables of ``kb/data/`` (reviewed by hand; see ``kb/data/README.md``)
and the office-holder rows that ``dateline kb import`` merges."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dateline.kb.dates import parse_bound

DATA = Path(str(resources.files("dateline.kb") / "data"))


@dataclass(frozen=True, slots=True)
class OfficeRow:
    """One term of office: ``person`` held ``role`` of ``of`` in ``[start, end)``.

    ``of`` is an ISO alpha-3 code or IGO id in the curated table, an entity id
    (``country:UKR``) in the overlay.
    """

    person: str
    role: str
    of: str
    start: str
    end: str
    qid: str = ""
    code: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""


def rows(name: str, folder: Path = DATA) -> Iterator[dict[str, str]]:
    """The rows of one curated CSV table as dicts."""
    with open(folder / name, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {k: (v or "").strip() for k, v in row.items()}


def office_rows(folder: Path = DATA) -> Iterator[OfficeRow]:
    """The curated office holders."""
    for row in rows("office_holders.csv", folder):
        yield OfficeRow(
            person=row["person"], role=row["role"], of=row["of"],
            start=parse_bound(row["start"], end=False), end=parse_bound(row["end"], end=True),
            qid=row["qid"], code=row["code"],
            aliases=tuple(a for a in row["aliases"].split("|") if a), source=row["source"],
        )


def split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]
