"""Keep what a matched record held and added: `person_sources.matched` holds, for a record an
import applied to a person it did not make, the record as read and what it changed about
them, so the match can be undone (`importers/matched.py`, `importers/splitting.py`).
Records imported before this have none; their matches cannot be split off.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column without a default: instant on both backends, however many rows.
    op.add_column("person_sources", sa.Column("matched", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person_sources", schema=None) as batch_op:
        batch_op.drop_column("matched")
