"""The user's overlay: office holders merged with ``dateline kb import FILE.csv``.

Import format (a Wikidata query result saved as CSV; header names are matched
without regard to case, and the Wikidata service's ``...Label`` names work too):

======================  =========================================================
column                  meaning
======================  =========================================================
``person``              the person's name (``personLabel`` also accepted)
``qid``                 Wikidata id, ``Q7747`` or ``http://www.wikidata.org/entity/Q7747``
                        (``item``/``person_qid`` also accepted; may be empty)
``position``            the office, e.g. ``Minister of Foreign Affairs`` (``positionLabel``)
``country``             the country or organisation: ISO alpha-3 (``UKR``), an IGO id
                        (``NATO``) or a name the knowledge base knows (``Ukraine``);
                        ``organisation``, ``organization``, ``of``, ``countryLabel`` also accepted
``start``               start of the term: ``YYYY-MM-DD`` (a time part is ignored),
                        ``YYYY-MM`` or ``YYYY``
``end``                 end of the term, same forms; empty while in office
======================  =========================================================

The overlay lives at ``$DATELINE_KB_OVERLAY`` if set, else
``$XDG_DATA_HOME/dateline/kb-overlay.csv`` (``~/.local/share/dateline/kb-overlay.csv``).
It is a CSV of the curated ``office_holders.csv`` columns; the loader merges it
with the shipped artefact. An import either merges every row or, when one row is
wrong, changes nothing and says which line and why.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import ImportFormatError
from dateline.kb.curated import OfficeRow
from dateline.kb.dates import parse_bound

if TYPE_CHECKING:  # pragma: no cover
    from dateline.kb.lookup import KnowledgeBase

COLUMNS = ["person", "qid", "role", "of", "start", "end", "code", "aliases", "source"]
_HEADER_NAMES = {
    "person": "person", "personlabel": "person", "name": "person",
    "qid": "qid", "item": "qid", "person_qid": "qid", "personqid": "qid",
    "position": "position", "positionlabel": "position", "role": "position",
    "country": "of", "countrylabel": "of", "organisation": "of", "organization": "of",
    "organisationlabel": "of", "organizationlabel": "of", "of": "of",
    "country_or_organisation": "of", "country or organisation": "of",
    "start": "start", "starttime": "start", "start_time": "start",
    "end": "end", "endtime": "end", "end_time": "end",
}
_REQUIRED = ("person", "position", "of", "start", "end")
_QID = re.compile(r"^(?:https?://www\.wikidata\.org/entity/)?(Q\d+)$")


def overlay_path() -> Path:
    """Where imported office holders are kept (see the module docstring)."""
    env = os.environ.get("DATELINE_KB_OVERLAY")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dateline" / "kb-overlay.csv"


def read_overlay(path: Path) -> Iterator[OfficeRow]:
    """The rows of an overlay file written by :func:`import_csv`."""
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield OfficeRow(
                person=row["person"], role=row["role"], of=row["of"], start=row["start"],
                end=row["end"], qid=row.get("qid") or "", code=row.get("code") or "",
                aliases=tuple(a for a in (row.get("aliases") or "").split("|") if a),
                source=row.get("source") or "",
            )


def parse_import(text: str, kb: KnowledgeBase, name: str = "import") -> list[OfficeRow]:
    """Check every line of an import CSV; raise ImportFormatError at the first bad one."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFormatError(f"{name}, line 1: the file is empty; expected a header "
                                f"with columns {', '.join(_REQUIRED)}") from None
    except csv.Error as exc:
        raise ImportFormatError(f"{name}, line 1: {exc}") from None
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        key = _HEADER_NAMES.get(raw.strip().lstrip("\ufeff").lower())
        if key is not None and key not in columns:
            columns[key] = index
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise ImportFormatError(
            f"{name}, line 1: the header lacks the column(s) {', '.join(missing)}; expected "
            "person, qid, position, country (or organisation), start, end"
        )
    rows: list[OfficeRow] = []
    try:
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                raise ImportFormatError(
                    f"{name}, line {line}: {len(fields)} fields where the header has {len(header)}")
            rows.append(_office(fields, columns, kb, f"{name}, line {line}"))
    except csv.Error as exc:
        raise ImportFormatError(f"{name}, line {reader.line_num}: {exc}") from None
    if not rows:
        raise ImportFormatError(f"{name}: no rows after the header; nothing to import")
    return rows


def _office(fields: list[str], columns: dict[str, int], kb: KnowledgeBase, where: str) -> OfficeRow:
    def get(key: str) -> str:
        return fields[columns[key]].strip() if key in columns else ""

    person, position, of_text = get("person"), get("position"), get("of")
    if not person:
        raise ImportFormatError(f"{where}: the person's name is empty")
    if not position:
        raise ImportFormatError(f"{where}: the position is empty")
    qid = ""
    if get("qid"):
        match = _QID.match(get("qid"))
        if match is None:
            raise ImportFormatError(f"{where}: {get('qid')!r} is not a Wikidata id such as Q7747")
        qid = match.group(1)
    of = resolve_holder_of(of_text, kb)
    if of is None:
        raise ImportFormatError(
            f"{where}: {of_text!r} is no country or organisation the knowledge base knows; "
            "give an ISO alpha-3 code (UKR) or an organisation id (NATO)")
    try:
        start = parse_bound(get("start"), end=False)
        end = parse_bound(get("end"), end=True)
    except ValueError as exc:
        raise ImportFormatError(f"{where}: {exc}") from None
    if end <= start:
        raise ImportFormatError(f"{where}: the term ends ({end}) before it starts ({start})")
    return OfficeRow(person=person, role=position, of=of, start=start, end=end, qid=qid,
                     source="kb import")


def resolve_holder_of(text: str, kb: KnowledgeBase) -> str | None:
    """The entity id (``country:UKR``, ``igo:NATO``) of a country or organisation name."""
    if not text:
        return None
    for probe in (f"country:{text.upper()}", f"igo:{text.upper()}", text):
        entity = kb.entity(probe)
        if entity is not None and entity.type in ("country", "igo", "organisation"):
            return entity.id
    for cand in kb.lookup(text):
        if cand.type in ("country", "igo", "organisation") and cand.kind == "name":
            return cand.id
    return None


def import_csv(source: Path, kb: KnowledgeBase, target: Path | None = None) -> int:
    """Merge the office holders of ``source`` into the overlay; returns how many rows were new.

    Nothing is written unless every line is valid.
    """
    try:
        text = Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{source}: not UTF-8 text ({exc.reason}); save it as UTF-8 CSV") from None
    except OSError as exc:
        raise ImportFormatError(f"{source}: cannot read it ({exc.strerror})") from None
    new_rows = parse_import(text, kb, str(source))
    path = target or overlay_path()
    existing = list(read_overlay(path)) if path.exists() else []
    seen = {(r.person, r.role, r.of, r.start) for r in existing}
    added = [r for r in new_rows if (r.person, r.role, r.of, r.start) not in seen]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for r in existing + added:
            writer.writerow([r.person, r.qid, r.role, r.of, r.start, r.end, r.code,
                             "|".join(r.aliases), r.source])
    os.replace(tmp, path)
    return len(added)
