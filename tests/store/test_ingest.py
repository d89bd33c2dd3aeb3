"""Ingest: idempotent, resumable after kill -9, every bad input recorded with its reason."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from dateline.cli import main
from dateline.ingest import ingest, reanalyze
from dateline.inputs import Document, decode
from dateline.store import content_hash, open_store
from dateline.store import schema as t

from .corpus import article_text, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def documents(count: int, start: int = 0) -> list[Document]:
    return [
        Document(text=article_text(n), source=f"doc{n}", published="2022-03-04")
        for n in range(start, start + count)
    ]


def assert_whole_articles(store) -> None:  # type: ignore[no-untyped-def]
    """Exactly one row per content hash, and each analysed article has all its rows."""
    with store.reading() as connection:
        hashes = connection.execute(
            select(t.articles.c.content_hash, func.count()).group_by(t.articles.c.content_hash)
        ).all()
        assert all(count == 1 for _, count in hashes)
        for article_id, analysis in connection.execute(
            select(t.articles.c.id, t.articles.c.analysis).where(t.articles.c.status == "analysed")
        ):
            stored = json.loads(analysis)
            quotes = connection.scalar(
                select(func.count()).where(t.quotes.c.article_id == article_id)
            )
            times = connection.scalar(
                select(func.count()).where(t.times.c.article_id == article_id)
            )
            assert (quotes, times) == (len(stored["quotes"]), len(stored["times"]))


def test_ingest_twice_adds_nothing_the_second_time(store):
    first = ingest(store, documents(5))
    second = ingest(store, documents(5))
    assert (first.ingested, first.duplicates, first.failed) == (5, 0, 0)
    assert (second.ingested, second.duplicates, second.failed) == (0, 5, 0)
    assert store.counts()["articles"] == 5
    assert_whole_articles(store)


def test_ingest_the_same_text_twice_in_one_run_is_one_article(store):
    summary = ingest(store, documents(2) + documents(1))
    assert (summary.ingested, summary.duplicates) == (2, 1)


def test_ingest_with_two_workers_stores_the_same_as_one(tmp_path):
    one, two = open_store(str(tmp_path / "one.db")), open_store(str(tmp_path / "two.db"))
    ingest(one, documents(6), workers=1)
    ingest(two, documents(6), workers=2)
    exported = []
    for store in (one, two):
        exported.append([store.article(i).to_dict() for i in range(1, 7)])
        store.close()
    assert exported[0] == exported[1]


def test_ingest_links_copies_of_a_wire_story_to_one_story(store):
    wire = article_text(1)
    copy = "By our correspondent\n\n" + wire.rsplit("\n\n", 1)[0]  # new byline, last paragraph cut
    summary = ingest(
        store,
        [Document(wire, "agency"), Document(copy, "outlet"), Document(article_text(2), "other")],
    )
    assert (summary.ingested, summary.linked) == (3, 1)
    with store.reading() as connection:
        stories = connection.execute(
            select(t.articles.c.source, t.articles.c.story_id).order_by(t.articles.c.id)
        ).all()
    assert stories == [("agency", 1), ("outlet", 1), ("other", 3)]
    assert store.counts()["stories"] == 2


def test_ingest_records_every_bad_input_and_ingests_the_rest(store, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = write_jsonl(corpus / "news.jsonl", 2)
    with open(corpus / "news.jsonl", "ab") as out:
        out.write(b'{"text": "unterminated\n')  # broken JSON
        out.write(b'{"title": "no text here"}\n')  # missing text
        out.write(json.dumps({"text": "\x00\x01\x02" * 200}).encode() + b"\n")  # binary
        out.write('{"text": "caf\u00e9 in latin-1"}\n'.encode("latin-1"))  # wrong encoding
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 64)  # a binary file
    (corpus / "huge.txt").write_bytes(b"word " * 16_000_000)  # an 80 MB article
    summary = ingest(
        store,
        __import__("dateline.corpora", fromlist=["x"]).read_corpus(
            [str(corpus), str(tmp_path / "missing.txt")]
        ),
    )
    reasons = "\n".join(reason for _, reason in summary.failures)
    assert summary.ingested == len(good) == 2
    assert summary.failed == 7, reasons
    for expected in (
        "not valid JSON",
        "no text",
        "binary",
        "not UTF-8",
        "more than",
        "no such file",
    ):
        assert expected in reasons
    assert len(store.failures()) == 7


def test_ingest_a_second_run_reports_the_same_failures_and_adds_nothing(store, tmp_path):
    from dateline.corpora import read_corpus

    path = tmp_path / "c.jsonl"
    write_jsonl(path, 1)
    with open(path, "a", encoding="utf-8") as out:
        out.write("not json\n")
    ingest(store, read_corpus([str(path)]))
    again = ingest(store, read_corpus([str(path)]))
    assert (again.ingested, again.duplicates, again.failed) == (0, 1, 1)
    assert len(store.failures()) == 1


def _run_ingest(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", "from dateline.cli import main; main()", "ingest", "--quiet", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _count(db_url: str) -> int:
    store = open_store(db_url)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def _kill_mid_run(db_url: str, args: list[str], total: int) -> int:
    """Start an ingest, SIGKILL it once some articles are stored; return how many were."""
    process = _run_ingest(args)
    stored = 0
    while process.poll() is None:
        stored = _count(db_url)
        if stored > 0:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait()
    out = process.stderr.read().decode() if process.stderr else ""
    assert process.returncode == -signal.SIGKILL, f"the ingest ended before the kill: {out}"
    process.stdout.close()  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]
    assert 0 < _count(db_url) < total
    return stored


def test_ingest_killed_with_sigkill_resumes_without_loss_or_duplicates(db_url, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, 30)
    _kill_mid_run(db_url, [str(corpus), "--db", db_url], 30)
    rerun = _run_ingest([str(corpus), "--db", db_url])
    out, err = rerun.communicate()
    assert rerun.returncode == 0, err.decode()
    assert "Failed 0" in out.decode()
    store = open_store(db_url)
    assert store.counts()["articles"] == 30
    assert_whole_articles(store)
    store.close()


@pytest.mark.slow
def test_ingest_polnear_twice_with_a_kill_keeps_one_copy_of_every_article(tmp_path):
    texts = sorted(POLNEAR.glob("*/text/*.txt"))
    if not texts:
        pytest.skip(f"PolNeAR is not at {POLNEAR}")
    # PolNeAR holds one text twice (wash-post 2015-12-22 and -23): one article, by content
    expected = {content_hash(decode(p.read_bytes())) for p in texts}
    db = str(tmp_path / "polnear.db")
    args = [
        str(POLNEAR / "train" / "text"),
        str(POLNEAR / "dev" / "text"),
        "--db",
        db,
        "--workers",
        "2",
        "--published-from",
        "filename",
    ]
    _kill_mid_run(db, args, len(expected))
    rerun = _run_ingest(args)
    _, err = rerun.communicate()
    assert rerun.returncode == 0, err.decode()
    store = open_store(db)  # an article whose analysis failed is stored too (status "failed")
    with store.reading() as connection:
        stored = connection.scalars(select(t.articles.c.content_hash)).all()
    assert len(stored) == len(expected) and set(stored) == expected
    assert_whole_articles(store)
    store.close()


def test_reanalyze_replaces_the_rows_of_articles_from_another_version(store):
    ingest(store, documents(3))
    with store.transaction() as connection:
        connection.execute(
            t.articles.update().where(t.articles.c.id == 2).values(dateline_version="0.0.0")
        )
        connection.execute(t.quotes.delete().where(t.quotes.c.article_id == 2))
    before = store.counts()["quotes"]
    summary = reanalyze(store)
    assert (summary.reanalysed, summary.failed) == (1, 0)
    assert store.counts()["quotes"] > before
    assert reanalyze(store).reanalysed == 0  # nothing is outdated any more
    assert reanalyze(store, everything=True).reanalysed == 3
    assert_whole_articles(store)


def test_cli_ingest_exits_non_zero_only_when_nothing_could_be_ingested(tmp_path):
    db = str(tmp_path / "cli.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n{}\n", encoding="utf-8")
    good = tmp_path / "good.jsonl"
    write_jsonl(good, 2)
    runner = CliRunner()
    nothing = runner.invoke(main, ["ingest", "--quiet", str(bad), "--db", db])
    some = runner.invoke(main, ["ingest", "--quiet", str(bad), str(good), "--db", db])
    again = runner.invoke(main, ["ingest", "--quiet", str(good), "--db", db])
    assert nothing.exit_code == 1 and "Failed 2" in nothing.output
    assert some.exit_code == 0 and "Ingested 2 articles" in some.output
    assert again.exit_code == 0 and "Skipped 2 already stored" in again.output
