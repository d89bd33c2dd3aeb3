"""The readable report of one article, for a terminal: quotes by speaker, entities,
events and dates, each with where in the text it stands."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.text import Text

from dateline.model import Article, Quote


def _shorten(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def speaker_name(article: Article, quote: Quote) -> str:
    """The resolved speaker's name, else the speaker mention, else 'unknown speaker'."""
    entity = article.entity(quote.speaker)
    if entity is not None:
        return entity.name
    if quote.speaker_mention is not None:
        return f"{quote.speaker_mention.text} (unresolved)"
    return "unknown speaker"


def render_report(article: Article, console: Console | None = None) -> None:
    """Print the report of ``article`` to ``console`` (standard output by default)."""
    from dateline.stages.events import describe_event

    console = console or Console(highlight=False, soft_wrap=True)
    head = Text()
    head.append(article.source or "article", style="bold")
    if article.title:
        head.append(f" — {article.title}")
    console.rule(head)
    facts = []
    if article.published:
        facts.append(f"published {article.published.isoformat()}")
    if article.place:
        facts.append(f"dateline {article.place.text}")
    if article.byline:
        facts.append(f"by {article.byline.text}")
    facts.append(f"{len(article.sentences)} sentences")
    console.print(", ".join(facts))
    for warning in article.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")

    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in article.quotes:
        by_speaker[speaker_name(article, quote)].append(quote)
    console.print(f"\n[bold]Quotes[/bold] ({len(article.quotes)})")
    for speaker, quotes in by_speaker.items():
        console.print(f"  [bold cyan]{speaker}[/bold cyan]")
        for quote in quotes:
            cue = f" [{quote.cue.text}]" if quote.cue else ""
            to = ""
            addressee = article.entity(quote.addressee)
            if addressee is not None:
                to = f" → {addressee.name}"
            console.print(
                f"    {quote.kind:<8} {_shorten(quote.content.text, 90)!r}{cue}{to} "
                f"@{quote.content.start}"
            )

    console.print(f"\n[bold]Entities[/bold] ({len(article.entities)})")
    for entity in sorted(article.entities, key=lambda e: -len(e.mentions)):
        link = entity.link
        known = "unlinked"
        if link is not None:
            known = " ".join(filter(None, [link.code, link.id]))
            if link.roles:
                known += f"; {', '.join(link.roles[:2])}"
            if link.lat is not None and link.lon is not None:
                known += f" ({link.lat:.2f}, {link.lon:.2f})"
        mentions = "; ".join(dict.fromkeys(m.span.text for m in entity.mentions))
        console.print(f"  [bold]{entity.name}[/bold] ({entity.kind}) {known}")
        console.print(f"    [dim]{_shorten(mentions, 100)}[/dim]")

    console.print(f"\n[bold]Events[/bold] ({len(article.events)})")
    for event in article.events:
        console.print(f"  {describe_event(article, event)}")
        console.print(f"    [dim]{_shorten(event.evidence.text, 100)}[/dim]")

    console.print(f"\n[bold]Dates[/bold] ({len(article.times)})")
    for time in article.times:
        value = time.value or "—"
        console.print(f"  {time.span.text!r:<24} {time.kind:<9} {value}")
