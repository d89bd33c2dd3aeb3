"""Take a corpus out of the database: JSONL, CSV, Parquet, or a GDELT-style event table.

- ``jsonl``: one analysed article per line, exactly as ``dateline analyze --jsonl``
  prints it (schema ``dateline/1``);
- ``csv`` / ``parquet``: the rows of one table (``articles``, ``entities``, ...) with
  the article's URL beside each derived row, or every table into a folder;
- ``gdelt``: one row per event in the 61 tab-separated columns of the GDELT 2.0
  event table (columns Dateline cannot fill are left empty), for tools that read GDELT.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Date, DateTime, Float, Integer, LargeBinary, Select, select

from dateline.errors import OptionError
from dateline.store import schema as t
from dateline.store.queries import event_date
from dateline.store.store import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
#: Tables that ``csv`` and ``parquet`` export (the binary and JSON columns are left out).
TABLES = ("articles", "entities", "mentions", "quotes", "events", "places", "times", "failures")
_LEFT_OUT = {"minhash", "analysis"}
_CHUNK = 5_000

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
# Dateline's own columns after GDELT's, for readers that take extra columns
GDELT_EXTRA = ("PloverType", "Mode", "Evidence", "EvidenceStart", "EvidenceEnd")


def _table_query(name: str) -> Select[Any]:
    if name not in TABLES:
        raise OptionError(f"no table {name!r}; choose one of {', '.join(TABLES)}")
    table = t.metadata.tables[name]
    columns = [c for c in table.c if c.name not in _LEFT_OUT]
    if "article_id" in table.c:
        return (
            select(*columns, t.articles.c.url.label("article_url"))
            .join(t.articles, t.articles.c.id == table.c.article_id)
            .order_by(table.c.id)
        )
    return select(*columns).order_by(table.c.id)


def _rows(store: Store, query: Select[Any]) -> Iterator[dict[str, Any]]:
    with store.reading() as connection:
        result = connection.execution_options(stream_results=True, yield_per=_CHUNK).execute(query)
        for row in result.mappings():
            yield dict(row)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def export_jsonl(store: Store, out: IO[str]) -> int:
    """Every analysed article as one JSON line; returns how many."""
    query = (
        select(t.articles.c.text, t.articles.c.analysis)
        .where(t.articles.c.status == "analysed")
        .order_by(t.articles.c.id)
    )
    count = 0
    for row in _rows(store, query):
        data = json.loads(row["analysis"])
        data["text"] = row["text"]
        ordered = {"schema": data.pop("schema"), "text": data.pop("text"), **data}
        out.write(json.dumps(ordered, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_csv(store: Store, table: str, out: IO[str]) -> int:
    """One table as CSV with a header row; returns the number of rows."""
    query = _table_query(table)
    writer = csv.writer(out)
    writer.writerow([c.name for c in query.selected_columns])
    count = 0
    for row in _rows(store, query):
        writer.writerow(["" if v is None else _plain(v) for v in row.values()])
        count += 1
    return count


def _arrow_type(column: Any) -> Any:
    import pyarrow as pa

    kind = column.type
    if isinstance(kind, Integer):
        return pa.int64()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, DateTime):
        return pa.timestamp("us")
    if isinstance(kind, Date):
        return pa.date32()
    if isinstance(kind, LargeBinary):
        return pa.binary()
    return pa.string()


def export_parquet(store: Store, table: str, path: Path) -> int:
    """One table as a Parquet file (typed columns); returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    query = _table_query(table)
    arrow_schema = pa.schema([(c.name, _arrow_type(c)) for c in query.selected_columns])
    count = 0
    with pq.ParquetWriter(str(path), arrow_schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in _rows(store, query):
            chunk.append(row)
            if len(chunk) >= _CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
            count += len(chunk)
    return count


def export_tables(store: Store, fmt: str, folder: Path) -> dict[str, int]:
    """Every table into ``folder`` as ``<table>.csv`` or ``<table>.parquet``."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        path = folder / f"{table}.{fmt}"
        if fmt == "csv":
            with open(path, "w", encoding="utf-8", newline="") as out:
                counts[table] = export_csv(store, table, out)
        else:
            counts[table] = export_parquet(store, table, path)
    return counts


def quad_class(cameo: str | None) -> str:
    """GDELT's QuadClass from a CAMEO code: 1 verbal and 2 material cooperation,
    3 verbal and 4 material conflict."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return "1"
    if 6 <= root <= 8:
        return "2"
    if 9 <= root <= 13:
        return "3"
    if 14 <= root <= 20:
        return "4"
    return ""


def gdelt_rows(store: Store) -> Iterator[list[str]]:
    """One GDELT 2.0 event row (plus Dateline's columns) per stored event."""
    actor = t.entities.alias("actor")
    target = t.entities.alias("target")
    place = t.entities.alias("place")
    when = event_date()
    query = (
        select(
            t.events.c.id,
            t.events.c.type,
            t.events.c.cameo,
            t.events.c.mode,
            t.events.c.evidence_text,
            t.events.c.evidence_start,
            t.events.c.evidence_end,
            when.label("when"),
            t.articles.c.url,
            t.articles.c.source,
            t.articles.c.analysed_at,
            actor.c.name.label("a1_name"),
            actor.c.kb_code.label("a1_code"),
            actor.c.kb_country.label("a1_country"),
            target.c.name.label("a2_name"),
            target.c.kb_code.label("a2_code"),
            target.c.kb_country.label("a2_country"),
            place.c.name.label("geo_name"),
            place.c.kind.label("geo_kind"),
            place.c.kb_country.label("geo_country"),
            place.c.lat.label("geo_lat"),
            place.c.lon.label("geo_lon"),
            place.c.kb_id.label("geo_id"),
        )
        .join(t.articles, t.articles.c.id == t.events.c.article_id)
        .outerjoin(actor, actor.c.id == t.events.c.actor_id)
        .outerjoin(target, target.c.id == t.events.c.target_id)
        .outerjoin(place, place.c.id == t.events.c.place_id)
        .order_by(t.events.c.id)
    )
    for r in _rows(store, query):
        day = _day(r["when"])
        cameo = r["cameo"] or ""
        row = dict.fromkeys(GDELT_COLUMNS, "")
        row.update(
            GLOBALEVENTID=str(r["id"]),
            SQLDATE=day.strftime("%Y%m%d") if day else "",
            MonthYear=day.strftime("%Y%m") if day else "",
            Year=str(day.year) if day else "",
            FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            Actor1Code=r["a1_code"] or "",
            Actor1Name=(r["a1_name"] or "").upper(),
            Actor1CountryCode=r["a1_country"] or "",
            Actor2Code=r["a2_code"] or "",
            Actor2Name=(r["a2_name"] or "").upper(),
            Actor2CountryCode=r["a2_country"] or "",
            IsRootEvent="1",
            EventCode=cameo,
            EventBaseCode=cameo[:3],
            EventRootCode=cameo[:2],
            QuadClass=quad_class(cameo),
            NumMentions="1",
            NumSources="1",
            NumArticles="1",
            DATEADDED=r["analysed_at"].strftime("%Y%m%d%H%M%S") if r["analysed_at"] else "",
            SOURCEURL=r["url"] or r["source"] or "",
        )
        if r["geo_name"]:
            row.update(
                ActionGeo_Type="1" if r["geo_kind"] == "country" else "4",
                ActionGeo_FullName=r["geo_name"],
                ActionGeo_CountryCode=r["geo_country"] or "",
                ActionGeo_Lat="" if r["geo_lat"] is None else str(r["geo_lat"]),
                ActionGeo_Long="" if r["geo_lon"] is None else str(r["geo_lon"]),
                ActionGeo_FeatureID=r["geo_id"] or "",
            )
        evidence = " ".join((r["evidence_text"] or "").split())
        yield [row[c] for c in GDELT_COLUMNS] + [
            r["type"],
            r["mode"],
            evidence,
            str(r["evidence_start"]),
            str(r["evidence_end"]),
        ]


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def export_gdelt(store: Store, out: IO[str], header: bool = True) -> int:
    """The GDELT-style event table, tab-separated; returns the number of events."""
    if header:
        out.write("\t".join(GDELT_COLUMNS + GDELT_EXTRA) + "\n")
    count = 0
    for row in gdelt_rows(store):
        out.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        count += 1
    return count
