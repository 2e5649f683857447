"""Keep notes edited by hand: a playbook's task remembers a digest of the notes it last wrote
(`tasks.drafted_notes_digest`, SHA-256), so redrafting it (a reference launched again with
something new to stress) leaves notes the user has edited as they wrote them. Tasks made
before this have none, and are redrafted as before.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-28 04:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (Not batch mode: SQLite would copy the table, and the triggers that forget deleted records
# in task keys name it. Both databases add and drop a column in place.)


def upgrade() -> None:
    op.add_column("tasks", sa.Column("drafted_notes_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE tasks DROP COLUMN drafted_notes_digest")
