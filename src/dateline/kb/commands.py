"""``dateline kb ...``: build, extend and query the offline knowledge base."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("kb")
def kb_group() -> None:
    """The offline knowledge base: countries, places, organisations, office holders."""


@kb_group.command("build")
@click.option("--phoenix", "phoenix_folder", type=click.Path(file_okay=False, exists=True),
              help="Folder of the Phoenix dictionaries (default: ../shared/data/kb/phoenix "
                   "beside the repository, or $DATELINE_PHOENIX).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True),
              help="Where to write the artefact (default: the package's kb/data/kb.sqlite).")
def build(phoenix_folder: str | None, out: str | None) -> None:
    """Rebuild the knowledge base artefact from its sources (deterministic)."""
    from dateline.kb.build import ARTEFACT, build_kb

    counts = build_kb(Path(phoenix_folder) if phoenix_folder else None,
                      Path(out) if out else None)
    target = Path(out) if out else ARTEFACT
    size = target.stat().st_size / 1e6
    click.echo(f"wrote {target} ({size:.1f} MB): "
               + ", ".join(f"{n:,} {name}" for name, n in counts.items()))


@kb_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--kb", "overlay", type=click.Path(dir_okay=False, writable=True),
              help="Overlay file to merge into (default: $DATELINE_KB_OVERLAY or "
                   "~/.local/share/dateline/kb-overlay.csv).")
def import_command(file: str, overlay: str | None) -> None:
    """Merge office holders from FILE.csv (a Wikidata query result) into your overlay.

    Columns: person, qid, position, country (or organisation), start, end. A
    malformed file is refused with its line number and the reason; nothing changes.
    """
    from dateline.kb.lookup import load_kb
    from dateline.kb.overlay import import_csv, overlay_path

    target = Path(overlay) if overlay else overlay_path()
    kb = load_kb(target)
    added = import_csv(Path(file), kb, target)
    click.echo(f"merged {added} new office holder row(s) into {target}")


@kb_group.command("lookup")
@click.argument("name")
@click.option("--date", "on", help="Date for roles and codes (ISO; default today).")
@click.option("--kb", "overlay", type=click.Path(dir_okay=False), help="Overlay file to read.")
def lookup(name: str, on: str | None, overlay: str | None) -> None:
    """Show what the knowledge base knows under NAME."""
    from dateline.kb.lookup import load_kb

    kb = load_kb(Path(overlay) if overlay else None)
    found = kb.lookup(name)
    if not found:
        click.echo(f"nothing known as {name!r}")
        return
    for cand in found:
        link = kb.link(cand.id, on)
        assert link is not None
        where = f" @{link.lat:.2f},{link.lon:.2f}" if link.lat is not None else ""
        roles = f" — {'; '.join(link.roles[:3])}" if link.roles else ""
        where += f" {link.wikidata}" if link.wikidata else ""
        click.echo(f"{cand.id}\t{cand.kind}\t{link.name} [{link.type}, {link.country or '-'}, "
                   f"{link.code or '-'}]{where}{roles}")
