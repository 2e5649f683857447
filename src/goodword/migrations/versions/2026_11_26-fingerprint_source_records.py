"""Fingerprint each source record: `person_sources.fingerprint` holds a digest of what the
record said when it was last imported, so a re-import passes over records unchanged at
their source (fast, and without undoing the user's own edits) and applies only the ones
that changed. Records imported before this have none and are compared in full once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column without a default: instant on both backends, however many rows.
    op.add_column("person_sources", sa.Column("fingerprint", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person_sources", schema=None) as batch_op:
        batch_op.drop_column("fingerprint")
