"""The Store: one article, one transaction, with every derived row and its provenance."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import delete, select, text

from dateline.errors import StoreError, StoreUnavailableError
from dateline.model import Article, Entity
from dateline.store import content_hash, open_store
from dateline.store import schema as t

from .conftest import sanction_article


def test_store_sqlite_is_created_on_first_use_in_wal_mode(tmp_path):
    path = tmp_path / "corpus.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as plain:  # any SQLite tool can read it
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in plain.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "articles",
        "entities",
        "mentions",
        "quotes",
        "events",
        "places",
        "times",
        "failures",
        "alembic_version",
    } <= tables


def test_store_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(StoreError, match="no folder"):
        open_store(str(tmp_path / "missing" / "x.db"))


def test_store_round_trips_an_article_with_every_derived_row(store):
    article = sanction_article()
    article_id = store.add_article(article, content_hash(article.text, article.url))
    assert store.article(article_id).to_dict() == article.to_dict()
    counts = store.counts()
    assert (
        counts["articles"],
        counts["entities"],
        counts["mentions"],
        counts["quotes"],
        counts["events"],
        counts["places"],
        counts["times"],
    ) == (1, 4, 5, 1, 1, 1, 1)


def test_store_rows_keep_offsets_into_the_original_text(store):
    article = sanction_article()
    store.add_article(article, content_hash(article.text))
    with store.reading() as connection:
        original = connection.scalar(select(t.articles.c.text))
        spans = [
            *connection.execute(
                select(t.mentions.c.span_start, t.mentions.c.span_end, t.mentions.c.span_text)
            ),
            *connection.execute(
                select(t.quotes.c.content_start, t.quotes.c.content_end, t.quotes.c.content_text)
            ),
            *connection.execute(
                select(t.events.c.evidence_start, t.events.c.evidence_end, t.events.c.evidence_text)
            ),
            *connection.execute(
                select(t.times.c.span_start, t.times.c.span_end, t.times.c.span_text)
            ),
        ]
    assert spans and all(original[start:end] == covered for start, end, covered in spans)


def test_store_links_quotes_and_events_to_entity_rows(store):
    article = sanction_article()
    store.add_article(article, content_hash(article.text))
    with store.reading() as connection:
        speaker = connection.execute(
            select(t.entities.c.name).join(t.quotes, t.quotes.c.speaker_id == t.entities.c.id)
        ).scalar_one()
        target = connection.execute(
            select(t.entities.c.kb_country).join(t.events, t.events.c.target_id == t.entities.c.id)
        ).scalar_one()
    assert (speaker, target) == ("Ursula von der Leyen", "RUS")


def test_store_keeps_one_copy_of_the_same_content(store):
    article = sanction_article()
    key = content_hash(article.text, article.url)
    assert store.add_article(article, key) is not None
    assert store.add_article(article, key) is None
    assert store.counts()["articles"] == 1
    assert store.known_hashes() == {key}


def test_store_deleting_an_article_deletes_what_was_derived_from_it(store):
    article = sanction_article()
    article_id = store.add_article(article, content_hash(article.text))
    with store.transaction() as connection:
        connection.execute(delete(t.articles).where(t.articles.c.id == article_id))
    counts = store.counts()
    assert [counts[name] for name in ("entities", "mentions", "quotes", "events", "times")] == [
        0,
        0,
        0,
        0,
        0,
    ]


def test_store_a_failed_write_leaves_no_part_of_the_article(store):
    article = sanction_article()
    # an entity without a name violates NOT NULL after the article row was inserted
    article.entities.append(Entity("E9", "person", None))  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.add_article(article, content_hash(article.text))
    assert store.counts()["articles"] == 0 and store.counts()["entities"] == 0


def test_replace_analysis_swaps_every_derived_row(store):
    article = sanction_article()
    article_id = store.add_article(article, content_hash(article.text))
    newer = sanction_article(event_type="COERCE")
    newer.quotes = []
    store.replace_analysis(article_id, newer)
    assert store.article(article_id).events[0].type == "COERCE"
    assert store.counts()["quotes"] == 0 and store.counts()["events"] == 1


def test_replace_analysis_that_fails_keeps_the_old_rows(store):
    article = sanction_article()
    article_id = store.add_article(article, content_hash(article.text))
    broken = sanction_article(event_type=None)  # type: ignore[arg-type]  # NOT NULL violated
    with pytest.raises(StoreError):
        store.replace_analysis(article_id, broken)
    assert store.article(article_id).to_dict() == article.to_dict()
    assert store.counts()["events"] == 1 and store.counts()["mentions"] == 5


def test_store_failures_are_recorded_once_with_their_reason(store):
    assert store.add_failure("corpus.jsonl:3", "line 3 is not valid JSON", "read")
    assert not store.add_failure("corpus.jsonl:3", "line 3 is not valid JSON", "read")
    assert store.failures() == [
        {"source": "corpus.jsonl:3", "stage": "read", "reason": "line 3 is not valid JSON"}
    ]


def test_store_a_full_disk_stops_with_a_clear_error_and_a_consistent_database(tmp_path):
    path = tmp_path / "small.db"
    store = open_store(str(path))
    with store.reading() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()

    from sqlalchemy import event

    def cap(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 8}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()
    stored = 0
    with pytest.raises(StoreUnavailableError, match="run the same command again"):
        for n in range(200):
            article = sanction_article(text=f"Copy {n}. " + "x" * 3000 + sanction_article().text)
            store.add_article(Article(text=article.text), content_hash(article.text))
            stored += 1
    assert 0 < stored < 200
    store.close()
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert plain.execute("SELECT count(*) FROM articles").fetchone()[0] == stored


def test_store_an_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreUnavailableError, match="stopped answering"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")


def test_store_url_hides_the_password():
    store = open_store("postgresql://user:secret@127.0.0.1:1/db", migrate_schema=False)
    assert "secret" not in store.url


def test_store_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError):
        with store.transaction() as connection:
            connection.execute(text("DELETE FROM failures"))
            connection.execute(
                t.failures.insert().values(
                    key="k",
                    stage="read",
                    reason="r",
                    recorded_at=__import__("datetime").datetime(2022, 1, 1),
                )
            )
            raise RuntimeError("stop")
    assert store.failures() == []
