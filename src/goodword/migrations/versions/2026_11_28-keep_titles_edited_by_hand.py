"""Keep titles edited by hand: a playbook's task remembers a digest of the title it last wrote
(`tasks.drafted_title_digest`, SHA-256), as it does of its notes, so redrafting it (a lead
edited, a reference launched again with something new to stress) leaves a title the user
has renamed as they wrote it. Tasks made before this have none, and take a redraft's title
as before.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-28 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (Not batch mode, as for the notes' digest: SQLite would copy the table, and the triggers
# that forget deleted records in task keys name it.)


def upgrade() -> None:
    op.add_column("tasks", sa.Column("drafted_title_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE tasks DROP COLUMN drafted_title_digest")
