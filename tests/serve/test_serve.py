"""`dateline serve`: the JSON API answers the corpus questions; the pages show them."""

from __future__ import annotations

import io
import json
import threading
import urllib.request
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from dateline.serve import make_app
from dateline.store import open_store
from dateline.store.store import Store, content_hash


@pytest.fixture
def store(tmp_path, example) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    opened = open_store(str(tmp_path / "dateline.db"))
    opened.add_article(example, content_hash(example.text))
    yield opened
    opened.close()


def get(app: Any, path: str, method: str = "GET") -> tuple[int, str, bytes]:
    """Call the WSGI app in memory: (status code, content type, body)."""
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer["status"] = int(status.split()[0])
        answer["type"] = dict(headers)["Content-Type"]

    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(),
    }
    body = b"".join(app(environ, start_response))
    return answer["status"], answer["type"], body


def api(app: Any, path: str) -> tuple[int, dict[str, Any]]:
    status, kind, body = get(app, path)
    assert kind.startswith("application/json")
    return status, json.loads(body)


def test_api_lists_and_returns_articles(store: Store) -> None:
    app = make_app(store)
    status, data = api(app, "/api/articles")
    assert status == 200 and data["ok"] and data["total"] == 1
    article_id = data["articles"][0]["id"]
    status, data = api(app, f"/api/articles/{article_id}")
    assert data["article"]["schema"] == "dateline/1"
    assert data["article"]["text"].startswith("Brussels –")


def test_api_finds_a_speakers_quotes(store: Store) -> None:
    status, data = api(make_app(store), "/api/quotes?speaker=stoltenberg")
    assert status == 200
    texts = [q["text"] for q in data["quotes"]]
    assert any(t.startswith("We do not want to be part of the conflict") for t in texts)
    assert all(q["speaker"] == "Jens Stoltenberg" for q in data["quotes"])


def test_api_finds_sanctions_against_russia(store: Store) -> None:
    status, data = api(make_app(store), "/api/events?type=sanction&target=Russia&from=2022-03-01")
    assert status == 200
    assert [e["type"] for e in data["events"]] == ["SANCTION"]


def test_api_counts_actors(store: Store) -> None:
    status, data = api(make_app(store), "/api/entities?top=5")
    assert status == 200 and len(data["entities"]) == 5


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/articles/999", 404, "no analysed article has id 999"),  # unknown id
        ("/api/events?from=March", 400, "from must be an ISO date"),  # bad date
        ("/api/quotes?limit=many", 400, "limit must be a whole number"),  # bad number
        ("/api/nothing", 404, "no page at /nothing"),  # unknown path
    ],
)
def test_api_errors_have_one_shape(store: Store, path: str, status: int, message: str) -> None:
    got, data = api(make_app(store), path)
    assert got == status
    assert data["ok"] is False and data["status"] == status and message in data["error"]
    assert set(data) == {"ok", "error", "status"}


def test_api_is_read_only(store: Store) -> None:
    status, _, body = get(make_app(store), "/api/articles", method="POST")
    assert status == 405 and json.loads(body)["status"] == 405


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/quotes?speaker=Stoltenberg", "/events", "/entities"]
)
def test_pages_render(store: Store, path: str) -> None:
    status, kind, body = get(make_app(store), path)
    assert status == 200 and kind.startswith("text/html")
    assert b"<nav>" in body


def test_article_page_marks_quotes_with_their_speaker(store: Store) -> None:
    app = make_app(store)
    article_id = api(app, "/api/articles")[1]["articles"][0]["id"]
    status, _, body = get(app, f"/articles/{article_id}")
    page = body.decode("utf-8")
    assert status == 200
    assert '<mark title="Jens Stoltenberg">We do not want to be part' in page
    assert "SANCTION" in page


def test_served_over_http_on_loopback(store: Store) -> None:
    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, make_app(store), handler_class=Quiet)
    thread = threading.Thread(target=server.handle_request, daemon=True)  # exactly one request
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/api"
        with urllib.request.urlopen(url, timeout=30) as response:
            data = json.loads(response.read())
        assert data["ok"] and data["counts"]["articles"] == 1
    finally:
        thread.join(timeout=30)
        server.server_close()
