"""The tables of a Dateline database, as SQLAlchemy Core metadata (the newest revision).

::

    articles ──┬── entities ── mentions
               ├── quotes    (speaker, addressee → entities)
               ├── events    (actor, target, place → entities)
               ├── places    (the dateline's place → entities)
               └── times
    failures                 (inputs that never became an article, and why)

Every derived row keeps its provenance: ``*_start``/``*_end`` are character
offsets into ``articles.text`` (the original text), ``*_text`` the characters
they cover. ``articles.story_id`` links near-duplicate copies of one wire story
to the first copy stored. Deleting an article deletes everything derived from it.

The Alembic revisions in ``migrations/versions`` build exactly this schema; a
test compares them. Change both together, and add a revision for every change.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

#: The Alembic revision this version of Dateline writes; older databases are migrated to it.
SCHEMA_REVISION = "0002"

metadata = MetaData()


def _span(prefix: str, nullable: bool = True) -> list[Column]:  # type: ignore[type-arg]
    return [
        Column(f"{prefix}_start", Integer, nullable=nullable),
        Column(f"{prefix}_end", Integer, nullable=nullable),
        Column(f"{prefix}_text", Text, nullable=nullable),
    ]


def _article_fk() -> Column:  # type: ignore[type-arg]
    return Column(
        "article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )


def _entity_fk(name: str) -> Column:  # type: ignore[type-arg]
    return Column(name, Integer, ForeignKey("entities.id", ondelete="SET NULL"), nullable=True)


articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha256 of the URL (when given) and the text: the article's identity
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False),  # "analysed" or "failed"
    Column("error", Text),  # why the analysis failed
    Column("schema", String(32), nullable=False),  # the JSON schema of `analysis`
    Column("dateline_version", String(32), nullable=False),
    Column("analysed_at", DateTime, nullable=False),
    Column("analysis", Text),  # Article.to_dict() without the text, as JSON
    Column(
        "story_id",
        Integer,
        ForeignKey("articles.id", ondelete="SET NULL", name="fk_articles_story_id_articles"),
    ),
    Column("minhash", LargeBinary),  # the MinHash signature that found the story
    Index("ix_articles_url", "url"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_story_id", "story_id"),
    Index("ix_articles_status", "status"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("local_id", String(16), nullable=False),  # "E1": the id inside the article
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("kb_id", Text),
    Column("kb_name", Text),
    Column("kb_type", Text),
    Column("kb_code", String(32)),  # CAMEO-style actor code, e.g. RUSGOV
    Column("kb_country", String(3)),  # ISO 3166 alpha-3
    Column("wikidata", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Index("ix_entities_article_local", "article_id", "local_id", unique=True),
    Index("ix_entities_name", "name"),
    Index("ix_entities_kb_id", "kb_id"),
    Index("ix_entities_kb_country", "kb_country"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    *_span("span", nullable=False),
    Column("kind", String(16), nullable=False),
    Column("label", String(16)),
    Index("ix_mentions_article_id", "article_id"),
    Index("ix_mentions_entity_id", "entity_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("local_id", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    *_span("content", nullable=False),
    *_span("cue"),
    *_span("speaker_mention"),
    _entity_fk("speaker_id"),
    *_span("addressee_mention"),
    _entity_fk("addressee_id"),
    Column("confidence", Float, nullable=False),
    Column("rule", Text, nullable=False),
    Index("ix_quotes_article_id", "article_id"),
    Index("ix_quotes_speaker_id", "speaker_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("local_id", String(16), nullable=False),
    Column("type", String(32), nullable=False),  # PLOVER
    Column("cameo", String(8)),
    Column("mode", String(16), nullable=False),
    _entity_fk("actor_id"),
    *_span("actor_mention"),
    _entity_fk("target_id"),
    *_span("target_mention"),
    *_span("trigger", nullable=False),
    *_span("evidence", nullable=False),
    Column("source", Text, nullable=False),  # "journalist" or the speaker's local entity id
    Column("source_quote", String(16)),  # Quote local id
    Column("date", String(10)),  # ISO date stated by the article, else NULL
    *_span("date_span"),
    _entity_fk("place_id"),
    Column("confidence", Float, nullable=False),
    Column("rule", Text, nullable=False),
    Index("ix_events_article_id", "article_id"),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_actor_id", "actor_id"),
    Index("ix_events_target_id", "target_id"),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("role", String(16), nullable=False),  # "dateline"
    *_span("span", nullable=False),
    _entity_fk("entity_id"),
    Index("ix_places_article_id", "article_id"),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    *_span("span", nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", String(32)),
    Index("ix_times_article_id", "article_id"),
    Index("ix_times_value", "value"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha256 of the source and what failed: recording a failure twice keeps one row
    Column("key", String(64), nullable=False, unique=True),
    Column("source", Text),  # file, and line or entry where there is one
    Column("content_hash", String(64)),  # when there was a text
    Column("stage", String(16), nullable=False),  # "read", "check" or "analyse"
    Column("reason", Text, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_failures_content_hash", "content_hash"),
)

#: Tables derived from an article, in an order safe for deleting (children first).
DERIVED = (mentions, quotes, events, places, times, entities)
