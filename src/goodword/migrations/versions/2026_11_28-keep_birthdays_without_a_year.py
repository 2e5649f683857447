"""Keep a birthday without its year: `people.birthday_no_year` holds the day and month as
"--04-12" (12 April), as Google Contacts and vCard 4 write it, for a person whose birthday
is known only so. Imports before this kept such a birthday as a line of the notes
("Birthday: --04-12"), and the notes stay as they are.

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-28 12:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (Not batch mode: SQLite would copy the table, and the triggers that forget deleted records
# name it. Both databases add and drop a column in place.)


def upgrade() -> None:
    op.add_column("people", sa.Column("birthday_no_year", sa.String(length=7), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE people DROP COLUMN birthday_no_year")
