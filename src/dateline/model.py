"""The data model every stage, store and exporter of Dateline shares.

Every record that says something about the article points to the characters
that support it: a :class:`Span` is ``[start, end)`` of the *original* input
text (before any repair of quotation marks or mojibake), and carries the text it
covers, so that ``article.text[span.start:span.end] == span.text`` always holds.

The JSON form of an :class:`Article` is versioned (``"schema": "dateline/1"``)
and described by ``dateline/schema/article.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "dateline/1"

EntityKind = Literal["person", "organisation", "country", "place", "group"]
MentionKind = Literal["name", "nominal", "pronoun", "demonym", "metonym", "title"]
QuoteKind = Literal["direct", "partial", "indirect", "mixed"]
EventMode = Literal["asserted", "negated", "hypothetical", "intended", "requested"]
TimeKind = Literal["date", "relative", "period", "time"]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of the original article text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def _span(data: dict[str, Any] | None) -> Span | None:
    return None if data is None else Span.from_dict(data)


def _dict(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else span.to_dict()


@dataclass(slots=True)
class Sentence:
    """One sentence, with the index of the paragraph (blank-line separated) it is in."""

    span: Span
    paragraph: int

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "paragraph": self.paragraph}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        return cls(Span.from_dict(data["span"]), int(data["paragraph"]))


@dataclass(slots=True)
class KBLink:
    """What the offline knowledge base knows about an entity, as of the article's date."""

    id: str
    name: str
    type: str
    country: str | None = None  # ISO 3166 alpha-3
    code: str | None = None  # CAMEO-style actor code for the article's date, e.g. RUSGOV
    roles: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "code": self.code,
            "roles": list(self.roles),
            "lat": self.lat,
            "lon": self.lon,
            "wikidata": self.wikidata,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KBLink:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            country=data.get("country"),
            code=data.get("code"),
            roles=list(data.get("roles") or []),
            lat=data.get("lat"),
            lon=data.get("lon"),
            wikidata=data.get("wikidata"),
        )


@dataclass(slots=True)
class Mention:
    """One place in the text that refers to an entity.

    ``kind`` says how it refers: by ``name`` ("Jens Stoltenberg"), by a
    ``title`` or role ("the secretary general of the Alliance"), a ``nominal``
    ("the allies"), a ``pronoun`` ("he"), a ``demonym`` ("Ukrainian") or a
    ``metonym`` ("Moscow" for Russia's government).
    """

    span: Span
    kind: MentionKind = "name"
    entity: str | None = None  # Entity.id
    label: str | None = None  # spaCy label where the mention came from NER

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "kind": self.kind,
            "entity": self.entity,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(
            Span.from_dict(data["span"]),
            data.get("kind", "name"),
            data.get("entity"),
            data.get("label"),
        )


@dataclass(slots=True)
class Entity:
    """One real-world actor or place of the article, with every mention of it."""

    id: str  # "E1", "E2", ... unique within the article
    kind: EntityKind
    name: str  # canonical name
    mentions: list[Mention] = field(default_factory=list)
    link: KBLink | None = None  # None: not linked to the knowledge base

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "mentions": [m.to_dict() for m in self.mentions],
            "link": None if self.link is None else self.link.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        link = data.get("link")
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=data["name"],
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
            link=None if link is None else KBLink.from_dict(link),
        )


@dataclass(slots=True)
class Quote:
    """Something the article reports as said, written or thought.

    ``content`` covers the whole attributed content; when it is interrupted
    (``"X," he said, "Y."``) ``segments`` lists the pieces. ``speaker`` stays
    None when nobody can be named: the quote is kept so that a later pass may
    attribute it.
    """

    id: str  # "Q1", ...
    kind: QuoteKind
    content: Span
    cue: Span | None = None
    speaker_mention: Span | None = None
    speaker: str | None = None  # Entity.id
    addressee_mention: Span | None = None
    addressee: str | None = None  # Entity.id
    segments: list[Span] = field(default_factory=list)
    confidence: float = 1.0
    rule: str = ""  # which pattern found it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "segments": [s.to_dict() for s in self.segments],
            "cue": _dict(self.cue),
            "speaker_mention": _dict(self.speaker_mention),
            "speaker": self.speaker,
            "addressee_mention": _dict(self.addressee_mention),
            "addressee": self.addressee,
            "confidence": self.confidence,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            id=data["id"],
            kind=data["kind"],
            content=Span.from_dict(data["content"]),
            cue=_span(data.get("cue")),
            speaker_mention=_span(data.get("speaker_mention")),
            speaker=data.get("speaker"),
            addressee_mention=_span(data.get("addressee_mention")),
            addressee=data.get("addressee"),
            segments=[Span.from_dict(s) for s in data.get("segments", [])],
            confidence=float(data.get("confidence", 1.0)),
            rule=data.get("rule", ""),
        )


@dataclass(slots=True)
class TimeExpression:
    """A date or period the text names, resolved where it can be.

    ``value`` is an ISO date (``2022-03-04``) for dates, None for periods
    ("for decades") and for expressions that cannot be resolved.
    """

    span: Span
    kind: TimeKind
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "kind": self.kind, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeExpression:
        return cls(Span.from_dict(data["span"]), data["kind"], data.get("value"))


@dataclass(slots=True)
class Event:
    """Who did what to whom, coded in PLOVER (and CAMEO where it maps).

    ``source`` is ``"journalist"`` when the article reports the event in its own
    voice, else the Entity.id of the speaker who claims it (``source_quote``
    names the quote; ``"unknown"``: a speaker not resolved). ``date``: ISO date or None.
    """

    id: str  # "V1", ...
    type: str  # PLOVER event type, e.g. SANCTION
    trigger: Span
    evidence: Span
    mode: EventMode = "asserted"
    cameo: str | None = None
    actor: str | None = None  # Entity.id
    actor_mention: Span | None = None
    target: str | None = None  # Entity.id
    target_mention: Span | None = None
    source: str = "journalist"
    source_quote: str | None = None  # Quote.id
    date: str | None = None
    date_span: Span | None = None
    place: str | None = None  # Entity.id
    confidence: float = 1.0
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "cameo": self.cameo,
            "mode": self.mode,
            "actor": self.actor,
            "actor_mention": _dict(self.actor_mention),
            "target": self.target,
            "target_mention": _dict(self.target_mention),
            "trigger": self.trigger.to_dict(),
            "evidence": self.evidence.to_dict(),
            "source": self.source,
            "source_quote": self.source_quote,
            "date": self.date,
            "date_span": _dict(self.date_span),
            "place": self.place,
            "confidence": self.confidence,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"],
            type=data["type"],
            trigger=Span.from_dict(data["trigger"]),
            evidence=Span.from_dict(data["evidence"]),
            mode=data.get("mode", "asserted"),
            cameo=data.get("cameo"),
            actor=data.get("actor"),
            actor_mention=_span(data.get("actor_mention")),
            target=data.get("target"),
            target_mention=_span(data.get("target_mention")),
            source=data.get("source", "journalist"),
            source_quote=data.get("source_quote"),
            date=data.get("date"),
            date_span=_span(data.get("date_span")),
            place=data.get("place"),
            confidence=float(data.get("confidence", 1.0)),
            rule=data.get("rule", ""),
        )


@dataclass(slots=True)
class Article:
    """One news article and everything Dateline read out of it."""

    text: str
    title: str | None = None
    source: str | None = None  # file name, feed, or corpus the article came from
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    byline: Span | None = None  # the author line ("By Jane Doe")
    place: Span | None = None  # the dateline's place ("Brussels" in "Brussels –")
    place_entity: str | None = None  # Entity.id of the dateline's place
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def span(self, start: int, end: int) -> Span:
        """A span of this article's text."""
        return Span(start, end, self.text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": None if self.published is None else self.published.isoformat(),
            "language": self.language,
            "byline": _dict(self.byline),
            "place": _dict(self.place),
            "place_entity": self.place_entity,
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "times": [t.to_dict() for t in self.times],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        schema = data.get("schema")
        if schema != SCHEMA:
            from dateline.errors import SchemaError

            raise SchemaError(
                f"expected an article of schema {SCHEMA!r}, got {schema!r}; "
                "re-run `dateline analyze` with this version to produce it"
            )
        published = data.get("published")
        return cls(
            text=data["text"],
            title=data.get("title"),
            source=data.get("source"),
            url=data.get("url"),
            published=None if published is None else dt.date.fromisoformat(published),
            language=data.get("language"),
            byline=_span(data.get("byline")),
            place=_span(data.get("place")),
            place_entity=data.get("place_entity"),
            sentences=[Sentence.from_dict(s) for s in data.get("sentences", [])],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            events=[Event.from_dict(e) for e in data.get("events", [])],
            times=[TimeExpression.from_dict(t) for t in data.get("times", [])],
            warnings=list(data.get("warnings", [])),
        )
