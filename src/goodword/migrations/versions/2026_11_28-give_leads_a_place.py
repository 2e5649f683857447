"""Give a lead a place (where an event happens, say) and say whether it is in person: an
in-person lead with a place is offered to the people there, never to those known to be
elsewhere. Leads kept before have no place and are not in person.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-28 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # (Columns added and dropped in place: SQLite's batch mode would copy the table and lose
    # its trigger, leads_forget_in_keys.)
    op.add_column("leads", sa.Column("place", sa.String(200), nullable=True))
    op.add_column(
        "leads", sa.Column("in_person", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    op.drop_column("leads", "in_person")
    op.drop_column("leads", "place")
