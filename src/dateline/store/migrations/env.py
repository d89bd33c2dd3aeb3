"""Alembic environment for Dateline: runs on the connection the Store hands over.

Dateline calls Alembic itself (``dateline.store.migrate``); there is no
alembic.ini. Online mode only.
"""

from __future__ import annotations

from alembic import context

from dateline.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded by dateline.store.migrate
    raise RuntimeError("run Dateline's migrations through dateline.store.migrate()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
)
with context.begin_transaction():
    context.run_migrations()
