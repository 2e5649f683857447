"""Remember the source records of people the user deletes (`deleted_sources`: a digest of
each record's key, never the key or the name), so that an import reading one of them again
does not add the person back. People deleted before this are not remembered: nothing is
kept of them.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-27 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deleted_sources",
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=True),
        sa.Column("key_digest", sa.String(length=64), nullable=False),
        sa.Column("deletion", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_deleted_sources_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_sources")),
    )
    with op.batch_alter_table("deleted_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deleted_sources_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_deleted_sources_workspace_key",
            ["workspace_id", "source", "key_digest"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("deleted_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_deleted_sources_workspace_key")
        batch_op.drop_index(batch_op.f("ix_deleted_sources_workspace_id"))
    op.drop_table("deleted_sources")
