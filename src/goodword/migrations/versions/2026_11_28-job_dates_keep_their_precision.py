"""Job dates keep their precision: a job's start and end say how much of the date the
source gave (`positions.start_precision`, `end_precision`: "month" for LinkedIn's "Jan
2020", "year" for "2020"), so it is shown and exported as "Jan 2020", not "1 Jan 2020".
Jobs kept before have none, and read as whole days, as before.

Revision ID: 0030
Revises: 0029
Create Date: 2026-11-28 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (Not batch mode: SQLite would copy the table, and the triggers that forget deleted records
# name it. Columns added as nullable need no copy.)


def upgrade() -> None:
    op.add_column("positions", sa.Column("start_precision", sa.String(length=5), nullable=True))
    op.add_column("positions", sa.Column("end_precision", sa.String(length=5), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE positions DROP COLUMN end_precision")
    op.execute("ALTER TABLE positions DROP COLUMN start_precision")
