"""Keep the line of its file each source record was first read from, so a person's
provenance names the row of a record known by no id of its own (a Google or Outlook row, a
card without a UID) as well as a matched record's. A matched record's line, kept in what it
held and added, is copied into the column.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-27 11:00:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MATCHED = sa.text("SELECT id, matched FROM person_sources WHERE matched IS NOT NULL")
_SET_LINE = sa.text("UPDATE person_sources SET line = :line WHERE id = :id")


def upgrade() -> None:
    op.add_column("person_sources", sa.Column("line", sa.Integer(), nullable=True))
    connection = op.get_bind()
    lines = []
    for row_id, matched in connection.execute(_MATCHED):
        kept = json.loads(matched) if isinstance(matched, str) else matched
        line = kept.get("line") if isinstance(kept, dict) else None
        if isinstance(line, int) and not isinstance(line, bool) and 0 < line < 2**31:
            lines.append({"id": row_id, "line": line})
    if lines:
        connection.execute(_SET_LINE, lines)


def downgrade() -> None:
    with op.batch_alter_table("person_sources") as batch:
        batch.drop_column("line")
