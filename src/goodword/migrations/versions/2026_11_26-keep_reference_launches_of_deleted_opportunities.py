"""Keep a reference's launches when their opportunity is deleted: `reference_uses.opportunity_id`
becomes nullable and is set to NULL (it was deleted with the opportunity), so the launch keeps
its dates and still counts toward the "3 launches in 90 days" limit that spares a reference.

On SQLite the change rebuilds the table (batch mode), which drops its triggers; the one
migration 0009 made on it is made again. A downgrade deletes the launches whose opportunity is
gone, as the old schema would have.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FK = "fk_reference_uses_opportunity_id_opportunities"

# Migration 0009's trigger on this table, as it made it on SQLite.
_SQLITE_TRIGGER = """CREATE TRIGGER reference_uses_forget_in_keys AFTER DELETE ON reference_uses
BEGIN
    UPDATE tasks SET origin_key = NULL
    WHERE workspace_id = old.workspace_id
      AND (origin_key LIKE '%:use:' || old.id OR origin_key LIKE '%:use:' || old.id || ':%');
END"""


def _relink(*, nullable: bool, ondelete: str) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("reference_uses", schema=None) as batch_op:
        batch_op.drop_constraint(_FK, type_="foreignkey")
        batch_op.alter_column("opportunity_id", existing_type=sa.Integer(), nullable=nullable)
        batch_op.create_foreign_key(
            _FK, "opportunities", ["opportunity_id"], ["id"], ondelete=ondelete
        )
    if sqlite:
        op.execute(_SQLITE_TRIGGER)


def upgrade() -> None:
    _relink(nullable=True, ondelete="SET NULL")


def downgrade() -> None:
    op.execute("DELETE FROM reference_uses WHERE opportunity_id IS NULL")
    _relink(nullable=False, ondelete="CASCADE")
