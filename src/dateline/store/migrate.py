"""Bring a database to the schema this version of Dateline writes (Alembic).

A new database is built by running every revision; a database made by an older
version of Dateline is upgraded in place; a database made by a *newer* version
is refused (``StoreError``), since this version cannot know its tables.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from dateline.errors import StoreError
from dateline.store.schema import SCHEMA_REVISION

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for an empty one."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> str:
    """Upgrade the database to ``revision`` (default: the newest); return the revision."""
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    found = current_revision(engine)
    if found is not None and found not in known:
        raise StoreError(
            f"the database has schema revision {found!r}, newer than this version of Dateline "
            f"knows (up to {SCHEMA_REVISION!r}); upgrade Dateline to open it"
        )
    target = script.get_current_head() if revision == "head" else revision
    if found is not None and found == target:
        return found
    config = _config()
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # Rebuilding a table (Alembic's batch mode) drops the old one; with foreign
            # keys on, that would cascade into every derived row.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    return current_revision(engine) or ""
