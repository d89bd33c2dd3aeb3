"""One interface to a Dateline database, on SQLite (the default) or PostgreSQL.

>>> store = open_store("dateline.db")                    # created on first use
>>> store = open_store("postgresql://user@host/dateline")
>>> article_id = store.add_article(article, content_hash(article.text))

Every article is written in one transaction together with every row derived
from it, so a run killed at any moment leaves whole articles or nothing. Errors
of the database become :class:`~dateline.errors.StoreError`, and
:class:`~dateline.errors.StoreUnavailableError` when the database went away
(full disk, lost connection): the transaction was rolled back and running again
continues where the run stopped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError

from dateline.errors import StoreError, StoreUnavailableError
from dateline.model import SCHEMA, Article, Span
from dateline.store import schema as t
from dateline.store.migrate import migrate

DEFAULT_DB = "dateline.db"

#: Signs, in a driver's message, that the database went away rather than refused a statement.
_UNAVAILABLE_SIGNS = (
    "disk is full",
    "disk i/o error",
    "no space left",
    "server closed the connection",
    "connection refused",
    "terminating connection",
    "connection is closed",
    "the connection is lost",
    "could not connect",
    "connection timed out",
    "consuming input failed",
    "unable to open database file",
    "database is locked",
)


def dateline_version() -> str:
    from dateline import __version__

    return __version__


def content_hash(text: str, url: str | None = None) -> str:
    """An article's identity: sha256 of its URL (when it has one) and its text."""
    digest = hashlib.sha256()
    if url:
        digest.update(url.strip().encode("utf-8"))
        digest.update(b"\x00")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def database_url(target: str | None) -> str:
    """A SQLAlchemy URL from a URL or a file name (``None``: ``dateline.db`` here)."""
    target = target or DEFAULT_DB
    if "://" not in target:
        return "sqlite:///" + str(Path(target).expanduser())
    if target.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver Dateline installs (the [postgres] extra)
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def _unavailable(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    text = str(exc).lower()
    return any(sign in text for sign in _UNAVAILABLE_SIGNS)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article's row, without its analysis."""

    id: int
    content_hash: str
    url: str | None
    title: str | None
    source: str | None
    published: dt.date | None
    text: str
    status: str
    error: str | None
    dateline_version: str
    story_id: int | None


class Store:
    """A Dateline database. Open it with :func:`open_store`; close it when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- plumbing -----------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in one transaction: committed at the end, rolled back on error."""
        with self._translated():
            with self.engine.begin() as connection:
                yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._translated():
            with self.engine.connect() as connection:
                yield connection

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            if _unavailable(exc):
                raise StoreUnavailableError(
                    f"the database {self.url} stopped answering ({detail}); nothing half-written "
                    "was kept: free disk space or restore the connection, then run the same "
                    "command again to continue"
                ) from exc
            raise StoreError(f"the database {self.url} refused a write ({detail})") from exc
        except OSError as exc:
            raise StoreUnavailableError(
                f"the database {self.url} cannot be written ({exc}); free disk space or fix "
                "its permissions, then run the same command again to continue"
            ) from exc

    # -- writing ------------------------------------------------------------------------

    def known_hashes(self) -> set[str]:
        """Content hashes of every article stored, and of every text that failed its check."""
        with self.reading() as connection:
            stored = set(connection.scalars(select(t.articles.c.content_hash)))
            stored.update(
                connection.scalars(
                    select(t.failures.c.content_hash).where(t.failures.c.content_hash.is_not(None))
                )
            )
        return stored

    def add_article(
        self,
        article: Article,
        content_hash: str,
        *,
        story_id: int | None = None,
        minhash: bytes | None = None,
    ) -> int | None:
        """Store an analysed article and everything derived from it, in one transaction.

        ``story_id`` links it to the first stored copy of the same story (None: it is
        its own story). Returns the new id, or None when an article with the same
        content hash is already stored.
        """
        row = self._article_row(article, content_hash, "analysed", None, minhash)
        return self._insert_article(row, content_hash, story_id, article)

    def add_failed_article(
        self, article: Article, content_hash: str, error: str, minhash: bytes | None = None
    ) -> int | None:
        """Store an article whose analysis failed, with the reason; ``reanalyze`` retries it."""
        row = self._article_row(article, content_hash, "failed", error, minhash)
        return self._insert_article(row, content_hash, None, None)

    def _insert_article(
        self,
        row: dict[str, Any],
        content_hash: str,
        story_id: int | None,
        derived_from: Article | None,
    ) -> int | None:
        """Insert an article row (and the rows derived from ``derived_from``) in one
        transaction; None when an article with the same content hash is already stored."""
        try:
            with self.transaction() as connection:
                article_id = connection.execute(
                    insert(t.articles).returning(t.articles.c.id), row
                ).scalar_one()
                connection.execute(
                    update(t.articles)
                    .where(t.articles.c.id == article_id)
                    .values(story_id=story_id or article_id)
                )
                if derived_from is not None:
                    _insert_derived(connection, article_id, derived_from)
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError) and self._has(content_hash):
                return None
            raise
        return int(article_id)

    def add_failure(
        self, source: str | None, reason: str, stage: str, content_hash: str | None = None
    ) -> bool:
        """Record an input that could not become an article; False if already recorded."""
        key = hashlib.sha256(
            "\x00".join((source or "", content_hash or reason)).encode("utf-8", "replace")
        ).hexdigest()
        with self.transaction() as connection:
            exists = connection.execute(
                select(t.failures.c.id).where(t.failures.c.key == key)
            ).first()
            if exists:
                return False
            connection.execute(
                insert(t.failures).values(
                    key=key,
                    source=source,
                    content_hash=content_hash,
                    stage=stage,
                    reason=reason,
                    recorded_at=_now(),
                )
            )
        return True

    def replace_analysis(
        self, article_id: int, article: Article | None, error: str | None = None
    ) -> None:
        """Replace everything derived from an article, atomically (``error``: it failed)."""
        with self.transaction() as connection:
            for table in t.DERIVED:
                connection.execute(delete(table).where(table.c.article_id == article_id))
            values: dict[str, Any] = {
                "dateline_version": dateline_version(),
                "analysed_at": _now(),
                "schema": SCHEMA,
            }
            if article is None:
                values.update(status="failed", error=error, analysis=None)
            else:
                values.update(
                    status="analysed",
                    error=None,
                    language=article.language,
                    analysis=_analysis_json(article),
                )
                _insert_derived(connection, article_id, article)
            connection.execute(
                update(t.articles).where(t.articles.c.id == article_id).values(**values)
            )

    def set_minhash(self, article_id: int, minhash: bytes) -> None:
        with self.transaction() as connection:
            connection.execute(
                update(t.articles).where(t.articles.c.id == article_id).values(minhash=minhash)
            )

    def _has(self, content_hash: str) -> bool:
        with self.reading() as connection:
            return (
                connection.execute(
                    select(t.articles.c.id).where(t.articles.c.content_hash == content_hash)
                ).first()
                is not None
            )

    @staticmethod
    def _article_row(
        article: Article,
        content_hash: str,
        status: str,
        error: str | None,
        minhash: bytes | None,
    ) -> dict[str, Any]:
        return {
            "content_hash": content_hash,
            "url": article.url,
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "language": article.language,
            "text": article.text,
            "status": status,
            "error": error,
            "schema": SCHEMA,
            "dateline_version": dateline_version(),
            "analysed_at": _now(),
            "analysis": _analysis_json(article) if status == "analysed" else None,
            "minhash": minhash,
        }

    # -- reading ------------------------------------------------------------------------

    def stories(self) -> Iterator[tuple[int, int | None, bytes | None, str]]:
        """(article id, story id, MinHash or None, text) of every article, oldest first."""
        with self.reading() as connection:
            for row in connection.execute(
                select(
                    t.articles.c.id,
                    t.articles.c.story_id,
                    t.articles.c.minhash,
                    t.articles.c.text,
                ).order_by(t.articles.c.id)
            ):
                yield int(row.id), row.story_id, row.minhash, row.text

    def stored_articles(
        self, *, only_outdated: bool = False, ids: list[int] | None = None
    ) -> Iterator[StoredArticle]:
        """Stored articles in id order; ``only_outdated``: those a reanalysis would change."""
        query = select(t.articles).order_by(t.articles.c.id)
        if only_outdated:
            query = query.where(
                (t.articles.c.dateline_version != dateline_version())
                | (t.articles.c.status != "analysed")
                | (t.articles.c.schema != SCHEMA)
            )
        if ids is not None:
            query = query.where(t.articles.c.id.in_(ids))
        with self.reading() as connection:
            rows = connection.execute(query).all()
        for row in rows:
            yield StoredArticle(
                id=row.id,
                content_hash=row.content_hash,
                url=row.url,
                title=row.title,
                source=row.source,
                published=row.published,
                text=row.text,
                status=row.status,
                error=row.error,
                dateline_version=row.dateline_version,
                story_id=row.story_id,
            )

    def article(self, article_id: int) -> Article | None:
        """The analysed article as Dateline returned it, or None (missing or failed)."""
        with self.reading() as connection:
            row = connection.execute(
                select(t.articles.c.text, t.articles.c.analysis).where(
                    t.articles.c.id == article_id
                )
            ).first()
        if row is None or row.analysis is None:
            return None
        return Article.from_dict({**json.loads(row.analysis), "text": row.text})

    def counts(self) -> dict[str, int]:
        """Rows per table, plus ``stories`` (distinct stories) and ``failed`` articles."""
        with self.reading() as connection:
            result = {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.articles, *t.DERIVED, t.failures)
            }
            result["stories"] = connection.execute(
                select(func.count(func.distinct(t.articles.c.story_id)))
            ).scalar_one()
            result["failed"] = connection.execute(
                select(func.count()).where(t.articles.c.status == "failed")
            ).scalar_one()
        return result

    def failures(self) -> list[dict[str, Any]]:
        """Inputs that never became an article, and articles whose analysis failed."""
        with self.reading() as connection:
            rows = [
                {"source": r.source, "stage": r.stage, "reason": r.reason}
                for r in connection.execute(select(t.failures).order_by(t.failures.c.id))
            ]
            rows += [
                {"source": r.source or r.url, "stage": "analyse", "reason": r.error}
                for r in connection.execute(
                    select(t.articles.c.source, t.articles.c.url, t.articles.c.error)
                    .where(t.articles.c.status == "failed")
                    .order_by(t.articles.c.id)
                )
            ]
        return rows


def open_store(target: str | None = None, *, migrate_schema: bool = True) -> Store:
    """Open (and create, or migrate to this version's schema) a Dateline database.

    ``target`` is a SQLAlchemy URL (``sqlite:///x.db``, ``postgresql://…``) or a file
    name for SQLite; None means ``dateline.db`` in the current directory.
    """
    url = database_url(target)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"{target!r} is not a database URL; give a file name (dateline.db) or a URL "
            "such as postgresql://user@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().parent
        if not folder.is_dir():
            raise StoreError(f"cannot create the database {parsed.database}: no folder {folder}")
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ImportError, ArgumentError) as exc:
        raise StoreError(
            f"cannot use the database {parsed.render_as_string(hide_password=True)} ({exc}); "
            "for PostgreSQL install the extra: pip install 'dateline[postgres]'"
        ) from exc
    store = Store(engine)
    if migrate_schema:
        try:
            with store._translated():
                migrate(engine)
        except BaseException:
            store.close()
            raise
    return store


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers (Datasette, sqlite3) never block the writer; a commit survives kill -9.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _analysis_json(article: Article) -> str:
    data = article.to_dict()
    del data["text"]
    return json.dumps(data, ensure_ascii=False)


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _insert_derived(connection: Connection, article_id: int, article: Article) -> None:
    """Insert the rows derived from ``article`` (entities first: the others point to them)."""
    ids: dict[str, int] = {}
    entity_rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entity in article.entities:
        if entity.id in seen:  # a repeated id would break the unique (article, local id) key
            continue
        seen.add(entity.id)
        link = entity.link
        entity_rows.append(
            {
                "article_id": article_id,
                "local_id": entity.id,
                "kind": entity.kind,
                "name": entity.name,
                "kb_id": link.id if link else None,
                "kb_name": link.name if link else None,
                "kb_type": link.type if link else None,
                "kb_code": link.code if link else None,
                "kb_country": link.country if link else None,
                "wikidata": link.wikidata if link else None,
                "lat": link.lat if link else None,
                "lon": link.lon if link else None,
            }
        )
    if entity_rows:
        for row in connection.execute(
            insert(t.entities).returning(t.entities.c.id, t.entities.c.local_id), entity_rows
        ):
            ids[row.local_id] = row.id

    def ref(local_id: str | None) -> int | None:
        return None if local_id is None else ids.get(local_id)

    mention_rows = [
        {
            "article_id": article_id,
            "entity_id": ids[entity.id],
            **_span("span", m.span),
            "kind": m.kind,
            "label": m.label,
        }
        for entity in article.entities
        if entity.id in ids
        for m in entity.mentions
    ]
    quote_rows = [
        {
            "article_id": article_id,
            "local_id": q.id,
            "kind": q.kind,
            **_span("content", q.content),
            **_span("cue", q.cue),
            **_span("speaker_mention", q.speaker_mention),
            "speaker_id": ref(q.speaker),
            **_span("addressee_mention", q.addressee_mention),
            "addressee_id": ref(q.addressee),
            "confidence": q.confidence,
            "rule": q.rule,
        }
        for q in article.quotes
    ]
    event_rows = [
        {
            "article_id": article_id,
            "local_id": e.id,
            "type": e.type,
            "cameo": e.cameo,
            "mode": e.mode,
            "actor_id": ref(e.actor),
            **_span("actor_mention", e.actor_mention),
            "target_id": ref(e.target),
            **_span("target_mention", e.target_mention),
            **_span("trigger", e.trigger),
            **_span("evidence", e.evidence),
            "source": e.source,
            "source_quote": e.source_quote,
            "date": e.date,
            **_span("date_span", e.date_span),
            "place_id": ref(e.place),
            "confidence": e.confidence,
            "rule": e.rule,
        }
        for e in article.events
    ]
    place_rows = (
        [
            {
                "article_id": article_id,
                "role": "dateline",
                **_span("span", article.place),
                "entity_id": ref(article.place_entity),
            }
        ]
        if article.place is not None
        else []
    )
    time_rows = [
        {"article_id": article_id, **_span("span", x.span), "kind": x.kind, "value": x.value}
        for x in article.times
    ]
    for table, rows in (
        (t.mentions, mention_rows),
        (t.quotes, quote_rows),
        (t.events, event_rows),
        (t.places, place_rows),
        (t.times, time_rows),
    ):
        if rows:
            connection.execute(insert(table), rows)
