"""Browse and query a Dateline database: an HTTP JSON API and HTML pages (``dateline serve``)."""

from dateline.serve.app import make_app, serve

__all__ = ["make_app", "serve"]
