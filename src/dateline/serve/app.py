"""Browse and query a Dateline database over HTTP: a JSON API and a few HTML pages.

A plain WSGI application (no web framework): ``make_app(store)`` returns it,
``dateline serve`` runs it with the standard library's server. Every answer of
the JSON API is an object with ``"ok"``; an error is always
``{"ok": false, "error": MESSAGE, "status": CODE}``.

=====================================  ==========================================
``GET /api``                           rows per table
``GET /api/articles?limit=&offset=``   articles, newest id first
``GET /api/articles/ID``               one article in the ``dateline/1`` JSON form
``GET /api/quotes?speaker=&limit=``    quotes, optionally of one speaker
``GET /api/events?type=&actor=&target=&from=&to=&limit=``  events
``GET /api/entities?top=&kind=``       the most frequent actors
=====================================  ==========================================

The same paths without ``/api`` are HTML pages for people.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from sqlalchemy import func, select

from dateline.errors import DatelineError, OptionError
from dateline.store import schema as t
from dateline.store.queries import find_events, find_quotes, top_entities
from dateline.store.store import Store

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

#: The most rows one request returns.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 50


class HTTPError(Exception):
    """An answer other than 200, with the message the client sees."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


@dataclass(slots=True)
class Request:
    path: str
    query: dict[str, str]

    def text(self, name: str) -> str | None:
        value = self.query.get(name, "").strip()
        return value or None

    def integer(self, name: str, default: int, maximum: int = MAX_LIMIT) -> int:
        raw = self.text(name)
        if raw is None:
            return default
        if not raw.isdigit():
            raise HTTPError(400, f"{name} must be a whole number, got {raw!r}")
        return min(int(raw), maximum)

    def date(self, name: str) -> dt.date | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise HTTPError(
                400, f"{name} must be an ISO date such as 2022-03-01, got {raw!r}"
            ) from None


def list_articles(store: Store, limit: int, offset: int) -> list[dict[str, Any]]:
    """Articles (without their text), newest first."""
    columns = [
        t.articles.c[name]
        for name in ("id", "title", "url", "source", "published", "status", "story_id")
    ]
    with store.reading() as connection:
        rows = connection.execute(
            select(*columns).order_by(t.articles.c.id.desc()).limit(limit).offset(offset)
        ).all()
        total = connection.execute(select(func.count()).select_from(t.articles)).scalar_one()
    return [{**row._asdict(), "published": _iso(row.published), "total": total} for row in rows]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


class Routes:
    """What each path answers, as Python data (the JSON API) and pages."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def index(self, request: Request) -> dict[str, Any]:
        return {"counts": self.store.counts()}

    def articles(self, request: Request) -> dict[str, Any]:
        limit = request.integer("limit", DEFAULT_LIMIT)
        offset = request.integer("offset", 0, maximum=10**9)
        rows = list_articles(self.store, limit, offset)
        total = rows[0].pop("total") if rows else self.store.counts().get("articles", 0)
        for row in rows[1:]:
            row.pop("total")
        return {"articles": rows, "total": total, "limit": limit, "offset": offset}

    def article(self, request: Request, article_id: int) -> dict[str, Any]:
        article = self.store.article(article_id)
        if article is None:
            raise HTTPError(404, f"no analysed article has id {article_id}")
        from dateline.stages.events import describe_event

        return {
            "article": article.to_dict(),
            "id": article_id,
            "event_sentences": [describe_event(article, e) for e in article.events],
        }

    def quotes(self, request: Request) -> dict[str, Any]:
        records = find_quotes(
            self.store,
            speaker=request.text("speaker"),
            limit=request.integer("limit", DEFAULT_LIMIT),
        )
        return {"quotes": [r.to_dict() for r in records]}

    def events(self, request: Request) -> dict[str, Any]:
        records = find_events(
            self.store,
            type=(request.text("type") or "").upper() or None,
            actor=request.text("actor"),
            target=request.text("target"),
            date_from=request.date("from"),
            date_to=request.date("to"),
            limit=request.integer("limit", DEFAULT_LIMIT),
        )
        return {"events": [r.to_dict() for r in records]}

    def entities(self, request: Request) -> dict[str, Any]:
        records = top_entities(self.store, n=request.integer("top", 20), kind=request.text("kind"))
        return {"entities": [r.to_dict() for r in records]}


_ARTICLE_PATH = re.compile(r"^/articles/(\d+)/?$")


def _route(routes: Routes, request: Request) -> tuple[str, dict[str, Any]]:
    """The template name and data for a path (without the /api prefix)."""
    path = request.path.rstrip("/") or "/"
    simple = {
        "/": ("index", routes.index),
        "/articles": ("articles", routes.articles),
        "/quotes": ("quotes", routes.quotes),
        "/events": ("events", routes.events),
        "/entities": ("entities", routes.entities),
    }
    if path in simple:
        name, handler = simple[path]
        return name, handler(request)
    match = _ARTICLE_PATH.match(path)
    if match:
        return "article", routes.article(request, int(match.group(1)))
    raise HTTPError(404, f"no page at {request.path}; see /api for what there is")


def highlight(article: dict[str, Any]) -> Markup:
    """The article's text as HTML, quotes marked, each mark titled with its speaker."""
    text: str = article["text"]
    names = {e["id"]: e["name"] for e in article.get("entities", [])}
    marks = sorted(
        (q["content"]["start"], q["content"]["end"], names.get(q.get("speaker") or "", "unknown"))
        for q in article.get("quotes", [])
        if q["kind"] != "indirect"
    )
    out: list[str] = []
    pos = 0
    for start, end, speaker in marks:
        if start < pos:
            continue  # nested in a quote already marked
        out.append(str(escape(text[pos:start])))
        out.append(f'<mark title="{escape(speaker)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out).replace("\n\n", "</p><p>"))


def make_app(store: Store) -> WSGIApp:
    """The WSGI application serving ``store``."""
    routes = Routes(store)
    env = Environment(
        loader=PackageLoader("dateline.serve", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["highlight"] = highlight

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        is_api = path == "/api" or path.startswith("/api/")
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        request = Request(path[4:] if is_api else path, query)
        try:
            if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
                raise HTTPError(405, "only GET is served: this API is read-only")
            name, data = _route(routes, request)
            status = 200
        except HTTPError as exc:
            name, data, status = "error", {"error": exc.message}, exc.status
        except OptionError as exc:
            name, data, status = "error", {"error": str(exc)}, 400
        except DatelineError as exc:
            name, data, status = "error", {"error": str(exc)}, 503
        if is_api:
            payload = {"ok": status == 200, **data}
            if status != 200:
                payload["status"] = status
            body = json.dumps(payload, ensure_ascii=False, default=_iso).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        else:
            page = env.get_template(f"{name}.html").render(status=status, query=query, **data)
            body = page.encode("utf-8")
            content_type = "text/html; charset=utf-8"
        start_response(
            f"{status} {_REASONS.get(status, 'Error')}",
            [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        )
        return [body]

    return app


def serve(store: Store, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve ``store`` until interrupted."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    with make_server(host, port, make_app(store), handler_class=QuietHandler) as server:
        server.serve_forever()
