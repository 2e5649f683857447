"""A web address's label of a well-known kind in the one form the app keeps it in: Apple's
"Home", "Work" and "Other" kept by name before 0035 (and LinkedIn's "Other", a restore's
"HOME") are "home", "work" and "other", as `people.normalize.url_label` keeps them from now
on, and as Google's and Thunderbird's columns and vCard's TYPE give them. A label of the
user's own ("Portfolio", "Blog", "LinkedIn") stays as written.

The labels are read once, distinct, and only those that change are written.

Revision ID: 0037
Revises: 0036
Create Date: 2026-11-29 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds as `people.normalize.URL_KINDS` has them (a copy, so a later change there does
# not change what this revision did).
_URL_KINDS = ("home", "work", "other")


def upgrade() -> None:
    connection = op.get_bind()
    labels = connection.execute(
        sa.text("SELECT DISTINCT label FROM person_urls WHERE label IS NOT NULL")
    ).scalars()
    for label in list(labels):
        kept = " ".join(label.split()).casefold()
        if kept in _URL_KINDS and kept != label:
            connection.execute(
                sa.text("UPDATE person_urls SET label = :kept WHERE label = :label"),
                {"kept": kept, "label": label},
            )


def downgrade() -> None:
    pass  # (the labels as they were written are not kept: each reads the same)
