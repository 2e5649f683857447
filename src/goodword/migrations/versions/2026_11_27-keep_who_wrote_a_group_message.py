"""Keep which of its people wrote a message that came in to a group conversation, so
the writer is credited with it and the others are not (an import finds the writer in the
file; a re-import fills it in for the messages kept before).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-27 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# On SQLite the column is added in place, its foreign key written with it: a copy of the
# table (Alembic's batch mode) would lose the triggers kept on it.
_SQLITE_ADD = (
    "ALTER TABLE interactions ADD COLUMN writer_id INTEGER "
    "CONSTRAINT fk_interactions_writer_id_people REFERENCES people (id) ON DELETE SET NULL"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_ADD)
    else:
        op.add_column("interactions", sa.Column("writer_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_interactions_writer_id_people",
            "interactions",
            "people",
            ["writer_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index("ix_interactions_writer_id", "interactions", ["writer_id"])


def downgrade() -> None:
    op.drop_index("ix_interactions_writer_id", table_name="interactions")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE interactions DROP COLUMN writer_id")
    else:
        op.drop_constraint("fk_interactions_writer_id_people", "interactions", type_="foreignkey")
        op.drop_column("interactions", "writer_id")
