"""``dateline serve``: the HTTP API and web pages over a database."""

from __future__ import annotations

import click

from dateline.store.commands import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
def serve_command(db: str, host: str, port: int) -> None:
    """Browse and query a database in a browser (/) or over the JSON API (/api)."""
    from dateline.serve.app import serve
    from dateline.store.store import open_store

    store = open_store(db)
    click.echo(f"Serving {db} on http://{host}:{port}/ (JSON API at /api); Ctrl-C stops.")
    try:
        serve(store, host, port)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        ) from exc
    finally:
        store.close()
