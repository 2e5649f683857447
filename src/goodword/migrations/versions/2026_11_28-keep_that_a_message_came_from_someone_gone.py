"""Keep that a message came in from someone not among its people (`writer_gone`): a deleted
or hidden LinkedIn account ("LinkedIn Member") that wrote to a group, or a writer deleted
since. Such a message is no contact with the one person left in it. Messages kept before
are not known to be such: a re-import of the archive marks those from a deleted account.

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-28 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # (Added and dropped in place: SQLite's batch mode would copy the table and lose the
    # triggers kept on it.)
    op.add_column(
        "interactions",
        sa.Column("writer_gone", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("interactions", "writer_gone")
