"""A phone number's or e-mail address's label in the one form the app keeps it in whatever
whitespace it holds: 0026 and 0031 trimmed only spaces, so "work<tab>", "<no-break
space>Mobile" and "Work  Fax" (a restore file, a CSV column) stayed as written, while
`people.normalize.phone_label` and `email_label` keep them as "work", "mobile" and "work
fax" (the words split on any whitespace), and a label of nothing but whitespace as none.
A label of the user's own stays as written, as the app keeps it.

Each table's labels are read once, distinct, and only those that change are written (a
few statements, whatever the number of rows).

Revision ID: 0034
Revises: 0033
Create Date: 2026-11-28 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds and their forms as `people.normalize.PHONE_KINDS` and `EMAIL_KINDS` have them
# (copies, so a later change there does not change what this revision did).
_PHONE_KINDS = (
    "mobile", "cell", "iPhone", "work", "home", "main", "other", "personal", "fax",
    "work fax", "home fax", "pager", "voice", "video", "text", "direct", "assistant",
    "company", "car", "callback", "radio", "school", "tty", "telex", "isdn",
)  # fmt: skip
_EMAIL_KINDS = ("work", "home", "other", "personal", "school", "main", "iCloud")


def upgrade() -> None:
    connection = op.get_bind()
    for table, kinds in (("person_phones", _PHONE_KINDS), ("person_emails", _EMAIL_KINDS)):
        forms = {kind.casefold(): kind for kind in kinds}
        labels = connection.execute(
            sa.text(f"SELECT DISTINCT label FROM {table} WHERE label IS NOT NULL")
        ).scalars()
        for label in list(labels):
            kept = _one_form(label, forms)
            if kept != label:
                connection.execute(
                    sa.text(f"UPDATE {table} SET label = :kept WHERE label = :label"),
                    {"kept": kept, "label": label},
                )


def _one_form(label: str, forms: dict[str, str]) -> str | None:
    if not label.strip():
        return None
    return forms.get(" ".join(label.split()).casefold(), label)


def downgrade() -> None:
    pass  # (the labels as they were written are not kept: each reads the same)
