"""Near-duplicate stories and the places table.

``articles.story_id`` links copies of one wire story to the first copy stored;
an article stored before this revision is its own story (its MinHash is
computed by the next ingest that meets a copy of it, see ``dateline.dedup``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer))
        batch.add_column(sa.Column("minhash", sa.LargeBinary))
        batch.create_foreign_key(
            "fk_articles_story_id_articles", "articles", ["story_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_articles_story_id", ["story_id"])
    op.execute("UPDATE articles SET story_id = id")

    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("span_text", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL")),
    )
    op.create_index("ix_places_article_id", "places", ["article_id"])


def downgrade() -> None:
    op.drop_table("places")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_story_id")
        batch.drop_constraint("fk_articles_story_id_articles", type_="foreignkey")
        batch.drop_column("minhash")
        batch.drop_column("story_id")
