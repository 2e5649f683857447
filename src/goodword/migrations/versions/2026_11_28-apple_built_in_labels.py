"""Apple's built-in labels kept before as Apple names them: a phone's "HomeFAX", "WorkFAX"
and "OtherFAX" are "home fax", "work fax" and "other fax", and a web address's "HomePage" is
"homepage", as a vCard import reads them from now on (`importers.vcard_values.apple_label`).

Revision ID: 0035
Revises: 0034
Create Date: 2026-11-28 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, Apple's name, small letters, the form kept), a copy so later changes leave it be.
_LABELS = (
    ("person_phones", "homefax", "home fax"),
    ("person_phones", "workfax", "work fax"),
    ("person_phones", "otherfax", "other fax"),
    ("person_urls", "homepage", "homepage"),
)


def upgrade() -> None:
    connection = op.get_bind()
    for table, lowered, kind in _LABELS:
        connection.execute(
            sa.text(
                f"UPDATE {table} SET label = :kind "  # (the table's name is from the list above)
                "WHERE lower(trim(label)) = :lowered AND label <> :kind"
            ),
            {"kind": kind, "lowered": lowered},
        )


def downgrade() -> None:
    pass  # (the labels as Apple wrote them are not kept: each reads the same)
