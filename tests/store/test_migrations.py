"""Schema revisions: the migrations build schema.py exactly; older databases are upgraded."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from dateline.errors import StoreError
from dateline.store import SCHEMA_REVISION, open_store
from dateline.store.migrate import current_revision, migrate
from dateline.store.schema import metadata
from dateline.store.store import database_url


def _engine(db_url: str):  # type: ignore[no-untyped-def]
    return create_engine(database_url(db_url))


def test_migrations_build_exactly_the_tables_of_schema_py(db_url):
    engine = _engine(db_url)
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_opening_a_database_of_the_first_revision_migrates_it_and_keeps_its_rows(db_url):
    engine = _engine(db_url)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.begin() as connection:  # what Dateline 0001 wrote
        connection.execute(
            text(
                "INSERT INTO articles (id, content_hash, text, status, schema, dateline_version,"
                " analysed_at, analysis) VALUES (7, 'abc', 'Russia was sanctioned.', 'analysed',"
                " 'dateline/1', '0.0.1', :at, '{}')"
            ),
            {"at": dt.datetime(2022, 3, 4)},
        )
        connection.execute(
            text(
                "INSERT INTO entities (id, article_id, local_id, kind, name) "
                "VALUES (1, 7, 'E1', 'country', 'Russia')"
            )
        )
    engine.dispose()

    store = open_store(db_url)
    assert current_revision(store.engine) == SCHEMA_REVISION
    with store.reading() as connection:
        story = connection.execute(text("SELECT story_id FROM articles WHERE id = 7")).scalar()
        entities = connection.execute(text("SELECT count(*) FROM entities")).scalar()
    assert (story, entities) == (7, 1)
    assert store.counts()["places"] == 0  # the table 0002 added
    store.close()


def test_a_database_from_a_newer_dateline_is_refused(db_url):
    engine = _engine(db_url)
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this version"):
        open_store(db_url)


def test_opening_a_current_database_changes_nothing(db_url):
    open_store(db_url).close()
    store = open_store(db_url)
    assert current_revision(store.engine) == SCHEMA_REVISION
    store.close()
