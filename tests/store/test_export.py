"""Exports: JSONL articles, CSV and Parquet tables, a GDELT-style event table."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from dateline.cli import main
from dateline.model import Article
from dateline.store import content_hash
from dateline.store.export import (
    GDELT_COLUMNS,
    GDELT_EXTRA,
    TABLES,
    export_csv,
    export_gdelt,
    export_jsonl,
    export_parquet,
    quad_class,
)

from .conftest import sanction_article


def stored(store):  # type: ignore[no-untyped-def]
    article = sanction_article()
    store.add_article(article, content_hash(article.text))
    return article


def test_export_jsonl_gives_back_the_articles_as_analysed(store):
    article = stored(store)
    out = io.StringIO()
    assert export_jsonl(store, out) == 1
    assert Article.from_dict(json.loads(out.getvalue())).to_dict() == article.to_dict()


def test_export_csv_writes_a_header_and_the_article_url_beside_each_row(store):
    stored(store)
    out = io.StringIO()
    assert export_csv(store, "quotes", out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["content_text"] == "We will not stand by,"
    assert rows[0]["article_url"] == "https://example.org/eu-sanctions"


def test_export_parquet_keeps_column_types(store, tmp_path):
    stored(store)
    path = tmp_path / "events.parquet"
    assert export_parquet(store, "events", path) == 1
    table = pq.read_table(path)
    assert table.column("type").to_pylist() == ["SANCTION"]
    assert str(table.schema.field("trigger_start").type) == "int64"


def test_export_parquet_of_an_empty_table_is_a_valid_file(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export_parquet(store, "events", path) == 0
    assert pq.read_table(path).num_rows == 0


def test_export_gdelt_has_one_row_per_event_in_gdelt_columns(store):
    stored(store)
    out = io.StringIO()
    assert export_gdelt(store, out) == 1
    header, row = (line.split("\t") for line in out.getvalue().splitlines())
    assert len(GDELT_COLUMNS) == 61 and header == list(GDELT_COLUMNS + GDELT_EXTRA)
    record = dict(zip(header, row, strict=True))
    assert (
        record["SQLDATE"],
        record["Actor1Code"],
        record["Actor2Code"],
        record["Actor2CountryCode"],
        record["EventCode"],
        record["EventRootCode"],
        record["QuadClass"],
        record["ActionGeo_FullName"],
        record["SOURCEURL"],
        record["PloverType"],
    ) == (
        "20220307",
        "EUR",
        "RUS",
        "RUS",
        "163",
        "16",
        "4",
        "Brussels",
        "https://example.org/eu-sanctions",
        "SANCTION",
    )


def test_quad_class_follows_the_cameo_root():
    # (CAMEO code, GDELT QuadClass): verbal/material cooperation, verbal/material conflict
    cases = [
        ("010", "1"),
        ("057", "1"),
        ("061", "2"),
        ("0874", "2"),
        ("111", "3"),
        ("163", "4"),
        ("20", "4"),
        (None, ""),
        ("xx", ""),
    ]
    assert [quad_class(code) for code, _ in cases] == [quad for _, quad in cases]


def test_cli_export_every_format(db_url, tmp_path):
    from dateline.store import open_store

    store = open_store(db_url)
    stored(store)
    store.close()
    runner = CliRunner()
    jsonl = runner.invoke(main, ["export", "--format", "jsonl", "--db", db_url])
    gdelt = runner.invoke(main, ["export", "--format", "gdelt", "--no-header", "--db", db_url])
    folder = tmp_path / "tables"
    tables = runner.invoke(
        main, ["export", "--format", "parquet", "-o", str(folder), "--db", db_url]
    )
    one = runner.invoke(
        main,
        [
            "export",
            "--format",
            "csv",
            "--table",
            "entities",
            "-o",
            str(tmp_path / "e.csv"),
            "--db",
            db_url,
        ],
    )
    assert jsonl.exit_code == 0 and json.loads(jsonl.stdout)["title"] == "EU sanctions Russia"
    assert gdelt.exit_code == 0 and len(gdelt.stdout.splitlines()) == 1
    assert tables.exit_code == 0, tables.output
    assert sorted(p.stem for p in folder.iterdir()) == sorted(TABLES)
    assert one.exit_code == 0 and (tmp_path / "e.csv").read_text().count("\n") == 5


def test_cli_export_an_unknown_table_names_the_valid_ones(tmp_path):
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--table", "nope", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2 and "articles, entities" in result.output
