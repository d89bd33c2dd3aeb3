"""A database that goes away mid-run: a clear error, whole articles only, and a rerun continues."""

from __future__ import annotations

import socket
import sqlite3
import threading

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from dateline.errors import StoreUnavailableError
from dateline.ingest import ingest
from dateline.store import open_store

from .conftest import POSTGRES_URL, _reset_postgres
from .test_ingest import assert_whole_articles, documents


class Proxy:
    """A TCP forwarder in front of the test PostgreSQL: stopping it cuts every connection."""

    def __init__(self, upstream: tuple[str, int], port: int = 0) -> None:
        self.upstream = upstream
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen()
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def test_ingest_stops_cleanly_when_the_disk_is_full_and_a_rerun_continues(tmp_path):
    path = tmp_path / "small.db"
    store = open_store(str(path))
    with store.reading() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()

    def cap(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 12}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()
    with pytest.raises(StoreUnavailableError, match="run the same command again"):
        ingest(store, documents(40), workers=2, batch_size=4)
    store.close()
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = plain.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < kept < 40

    store = open_store(str(path))  # the disk has room again
    summary = ingest(store, documents(40))
    assert (summary.ingested, summary.duplicates) == (40 - kept, kept), (summary, store.counts())
    assert_whole_articles(store)
    store.close()


@pytest.mark.postgres
def test_ingest_stops_cleanly_when_postgresql_goes_away_and_a_rerun_continues():
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL: set DATELINE_TEST_POSTGRES_URL")
    _reset_postgres(POSTGRES_URL)
    real = make_url(POSTGRES_URL)
    proxy = Proxy((real.host or "127.0.0.1", real.port or 5432))
    via_proxy = real.set(port=proxy.port).render_as_string(hide_password=False)
    store = open_store(via_proxy)

    def cut_after_five(summary, _what):  # type: ignore[no-untyped-def]
        if summary.ingested == 5:
            proxy.stop()

    with pytest.raises(StoreUnavailableError, match="stopped answering"):
        ingest(store, documents(12), batch_size=4, on_progress=cut_after_five)
    store.close()

    store = open_store(POSTGRES_URL)  # the connection is back
    assert store.counts()["articles"] == 5
    summary = ingest(store, documents(12))
    assert (summary.ingested, summary.duplicates) == (7, 5)
    assert_whole_articles(store)
    store.close()
