"""Dateline's database: one :class:`Store` interface for SQLite and PostgreSQL.

``open_store()`` opens (creating or migrating) a database; ``dateline.ingest``
fills it; :mod:`dateline.store.queries` and :mod:`dateline.store.export` read it.
"""

from dateline.store.schema import SCHEMA_REVISION
from dateline.store.store import DEFAULT_DB, Store, StoredArticle, content_hash, open_store

__all__ = ["DEFAULT_DB", "SCHEMA_REVISION", "Store", "StoredArticle", "content_hash", "open_store"]
