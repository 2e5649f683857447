"""A phone number's label of a well-known kind in the one form kept for it: "Mobile",
"MOBILE" and "mobile" (from a CRM's column, Google Contacts, a form) are all "mobile", as
`people.normalize.phone_label` keeps them from now on; a label of the user's own stays as
written.

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-28 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds and their forms as `people.normalize.PHONE_KINDS` has them (a copy, so a later
# change there does not change what this revision did).
_KINDS = (
    "mobile", "cell", "iPhone", "work", "home", "main", "other", "personal", "fax",
    "work fax", "home fax", "pager", "voice", "video", "text", "direct", "assistant",
    "company", "car", "callback", "radio", "school", "tty", "telex", "isdn",
)  # fmt: skip


def upgrade() -> None:
    connection = op.get_bind()
    for kind in _KINDS:
        connection.execute(
            sa.text(
                "UPDATE person_phones SET label = :kind "
                "WHERE lower(trim(label)) = :lowered AND label <> :kind"
            ),
            {"kind": kind, "lowered": kind.lower()},
        )


def downgrade() -> None:
    pass  # (the labels as they were written are not kept: each reads the same)
