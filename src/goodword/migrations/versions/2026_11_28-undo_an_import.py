"""Undo an import: a kept import says whether it can be undone (`import_runs.undoable`,
false for one saved before this, whose people were never marked) and when it was
(`import_runs.undone_at`), and a person an import made keeps that import's id
(`people.made_by_import`) until anything else touches them (`people/models.py`).

Revision ID: 0029
Revises: 0028
Create Date: 2026-11-28 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (Not batch mode: SQLite adds a column without copying the table.)


def upgrade() -> None:
    op.add_column("people", sa.Column("made_by_import", sa.Integer(), nullable=True))
    op.add_column(
        "import_runs",
        sa.Column("undoable", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("import_runs", sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE import_runs DROP COLUMN undone_at")
    op.execute("ALTER TABLE import_runs DROP COLUMN undoable")
    op.execute("ALTER TABLE people DROP COLUMN made_by_import")
