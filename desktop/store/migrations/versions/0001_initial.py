"""The first Casefile schema: items, articles, entities, aliases, links, evidence, cases.

The search index is back-end specific: FTS5 tables and the application_id stamp on SQLite;
on PostgreSQL the ``casefile_meta`` marker table and tsvector tables with GIN indexes (added
here rather than in a later revision, since no PostgreSQL library predates them, so SQLite
libraries need no upgrade for them).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from desktop.store import dialect
from desktop.store.dialect import postgres

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _item_fk(column: str) -> sa.Column:
    return sa.Column(
        column, sa.Integer, sa.ForeignKey("item.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_item_kind_name", "item", ["kind", "name"])
    op.create_table(
        "article",
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("item.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("ref", sa.String(10)),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("title_line", sa.Integer, nullable=False, server_default="0"),
        sa.Column("source_file", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("imported_at", sa.DateTime),
        sa.Column("reviewed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("placeholder", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_article_ref", "article", ["ref"], unique=True)
    op.create_index("ix_article_content_hash", "article", ["content_hash"], unique=True)
    op.create_index("ix_article_published", "article", ["published"])
    op.create_index("ix_article_reviewed", "article", ["reviewed"])
    op.create_table(
        "entity",
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("item.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("role", sa.String),
        sa.Column("affiliation", sa.String),
        sa.Column("description", sa.String),
    )
    op.create_table(
        "alias",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_fk("entity_id"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("norm", sa.String, nullable=False),
        sa.UniqueConstraint("entity_id", "norm", name="uq_alias_entity_norm"),
    )
    op.create_index("ix_alias_norm", "alias", ["norm"])
    op.create_table(
        "link",
        sa.Column("id", sa.Integer, primary_key=True),
        _item_fk("source_id"),
        _item_fk("target_id"),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("label", sa.String, nullable=False, server_default=""),
        sa.Column("status", sa.String(10), nullable=False, server_default="suggested"),
        sa.Column("origin", sa.String(10), nullable=False, server_default="extract"),
        sa.Column("note", sa.String),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("source_id", "target_id", "kind", "label", name="uq_link"),
    )
    op.create_index("ix_link_target", "link", ["target_id", "kind"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "link_id", sa.Integer, sa.ForeignKey("link.id", ondelete="CASCADE"), nullable=False
        ),
        _item_fk("article_id"),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
    )
    op.create_index("ix_evidence_link", "evidence", ["link_id"])
    op.create_index("ix_evidence_article", "evidence", ["article_id"])
    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, unique=True),
        sa.Column("status", sa.String(10), nullable=False, server_default="open"),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("summary_edited_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "case_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("case_file.id", ondelete="CASCADE"), nullable=False
        ),
        _item_fk("item_id"),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("note_edited_at", sa.DateTime),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("case_id", "item_id", name="uq_case_item"),
    )
    op.create_index("ix_case_item_item", "case_item", ["item_id"])
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        dialect.create_search_index(conn)
        dialect.stamp_application_id(conn)
    elif conn.dialect.name == "postgresql":
        postgres.create_schema(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for statement in dialect.FTS_DROP:
            conn.exec_driver_sql(statement)
    elif conn.dialect.name == "postgresql":
        postgres.drop_schema(conn)
    for table in (
        "case_item",
        "case_file",
        "evidence",
        "link",
        "alias",
        "entity",
        "article",
        "item",
    ):
        op.drop_table(table)
