"""Find a phone number by its last digits through an index: each number keeps its digits
(before any extension) last first (`person_phones.reversed_digits`, indexed with the
workspace), so a search for "555 0123" looks up the numbers whose reversed digits begin
"3210555", a range of the index, instead of comparing every number in the workspace with
`LIKE '%5550123'`. This fills it for the numbers kept before.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-28 07:00:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A number as written, from its first digit up to any extension (as
# `people.normalize.written_digits` reads it; a copy, so a later change there does not
# change what this revision did).
_WRITTEN_NUMBER = re.compile(r"[0-9][0-9().\-\s/]*")
_BATCH = 5000


def _reversed_digits(number: str) -> str:
    match = _WRITTEN_NUMBER.search(number)
    if match is None:
        return ""
    return "".join(c for c in match.group() if c.isdigit())[::-1]


def upgrade() -> None:
    # (Not batch mode: both databases add a column in place, and SQLite needs the default
    # for a column that may not be null.)
    op.add_column(
        "person_phones",
        sa.Column("reversed_digits", sa.String(length=64), server_default="", nullable=False),
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, number FROM person_phones WHERE id > :last ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": _BATCH},
        ).all()
        if not rows:
            break
        connection.execute(
            sa.text("UPDATE person_phones SET reversed_digits = :digits WHERE id = :id"),
            [{"id": id_, "digits": _reversed_digits(number)} for id_, number in rows],
        )
        last = rows[-1][0]
    op.create_index(
        "ix_person_phones_workspace_reversed",
        "person_phones",
        ["workspace_id", "reversed_digits"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_person_phones_workspace_reversed", table_name="person_phones")
    op.drop_column("person_phones", "reversed_digits")
