"""The newest LinkedIn Connections.csv days of the imports a workspace no longer keeps
(`linkedin_export_days`), so an older export is still told from a newer one imported more
than 20 imports ago, or whose report was deleted (`importers.older_files`). None are known
of the imports gone before this.

Revision ID: 0036
Revises: 0035
Create Date: 2026-11-28 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "linkedin_export_days",
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_linkedin_export_days_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_linkedin_export_days")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("linkedin_export_days", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_linkedin_export_days_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("linkedin_export_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_linkedin_export_days_workspace_id"))
    op.drop_table("linkedin_export_days")
