"""An e-mail address's label of a well-known kind in the one form kept for it: "Work",
"WORK" and "work" (Apple's label, a CRM's column, vCard's TYPE) are all "work", as
`people.normalize.email_label` keeps them from now on, and as 0026 did a phone's; a label of
the user's own stays as written.

Revision ID: 0031
Revises: 0030
Create Date: 2026-11-28 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds and their forms as `people.normalize.EMAIL_KINDS` has them (a copy, so a later
# change there does not change what this revision did).
_KINDS = ("work", "home", "other", "personal", "school", "main", "iCloud")


def upgrade() -> None:
    connection = op.get_bind()
    for kind in _KINDS:
        connection.execute(
            sa.text(
                "UPDATE person_emails SET label = :kind "
                "WHERE lower(trim(label)) = :lowered AND label <> :kind"
            ),
            {"kind": kind, "lowered": kind.lower()},
        )


def downgrade() -> None:
    pass  # (the labels as they were written are not kept: each reads the same)
