"""The first schema: articles and everything derived from them.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _span(prefix: str, nullable: bool = True) -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column(f"{prefix}_start", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_text", sa.Text, nullable=nullable),
    ]


def _article_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )


def _entity_fk(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL"))


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("dateline_version", sa.String(32), nullable=False),
        sa.Column("analysed_at", sa.DateTime, nullable=False),
        sa.Column("analysis", sa.Text),
    )
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_status", "articles", ["status"])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kb_id", sa.Text),
        sa.Column("kb_name", sa.Text),
        sa.Column("kb_type", sa.Text),
        sa.Column("kb_code", sa.String(32)),
        sa.Column("kb_country", sa.String(3)),
        sa.Column("wikidata", sa.String(32)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
    )
    op.create_index(
        "ix_entities_article_local", "entities", ["article_id", "local_id"], unique=True
    )
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_index("ix_entities_kb_id", "entities", ["kb_id"])
    op.create_index("ix_entities_kb_country", "entities", ["kb_country"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column(
            "entity_id",
            sa.Integer,
            sa.ForeignKey("entities.id", ondelete="CASCADE"),
            nullable=False,
        ),
        *_span("span", nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("label", sa.String(16)),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        *_span("content", nullable=False),
        *_span("cue"),
        *_span("speaker_mention"),
        _entity_fk("speaker_id"),
        *_span("addressee_mention"),
        _entity_fk("addressee_id"),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker_id", "quotes", ["speaker_id"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("cameo", sa.String(8)),
        sa.Column("mode", sa.String(16), nullable=False),
        _entity_fk("actor_id"),
        *_span("actor_mention"),
        _entity_fk("target_id"),
        *_span("target_mention"),
        *_span("trigger", nullable=False),
        *_span("evidence", nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_quote", sa.String(16)),
        sa.Column("date", sa.String(10)),
        *_span("date_span"),
        _entity_fk("place_id"),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_index("ix_events_actor_id", "events", ["actor_id"])
    op.create_index("ix_events_target_id", "events", ["target_id"])

    op.create_table(
        "times",
        sa.Column("id", sa.Integer, primary_key=True),
        _article_fk(),
        *_span("span", nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.String(32)),
    )
    op.create_index("ix_times_article_id", "times", ["article_id"])
    op.create_index("ix_times_value", "times", ["value"])

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_failures_content_hash", "failures", ["content_hash"])


def downgrade() -> None:
    for table in ("failures", "times", "events", "quotes", "mentions", "entities", "articles"):
        op.drop_table(table)
