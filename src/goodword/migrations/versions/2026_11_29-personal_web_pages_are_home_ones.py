"""A web address labelled "personal" (Outlook's Personal Web Page, kept so) or "Personal"
(LinkedIn's PERSONAL, kept capitalised) is the person's own site: "home", as vCard's
TYPE=HOME, Thunderbird's Web Page 2 and an Apple card give it, and as
`people.normalize.url_label` keeps it from now on (on import and on a restore alike).

Revision ID: 0038
Revises: 0037
Create Date: 2026-11-29 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    labels = connection.execute(
        sa.text("SELECT DISTINCT label FROM person_urls WHERE label IS NOT NULL")
    ).scalars()
    for label in list(labels):
        if " ".join(label.split()).casefold() == "personal":
            connection.execute(
                sa.text("UPDATE person_urls SET label = 'home' WHERE label = :label"),
                {"label": label},
            )


def downgrade() -> None:
    pass  # (which home pages were labelled personal is not kept: each reads the same)
